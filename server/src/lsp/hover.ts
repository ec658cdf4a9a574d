// textDocument/hover: the service's hover with SHA-256 from node:crypto, workspace-relative paths and line numbers from the line index cache.
import { createHash } from 'node:crypto';
import { MarkupKind, type Hover } from 'vscode-languageserver';
import type { FingerprintCache, Fingerprints } from '../service/languageService';
import type { NamedSchema } from '../service/model/types';
import type { ServerContext } from './context';
import { lineIndexOf } from './diagnostics';
import { displayPathsFrom } from './displayPaths';
import type { Feature } from './features';
import { withDocument } from './requestContext';

/** SHA-256 of the UTF-8 bytes of a string, lowercase hex (what `avro-tools fingerprint -a SHA-256` hashes). */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register(ctx: ServerContext): void {
    // Fingerprints per named type, valid while the index is unchanged (a reference may resolve into another file).
    const computed = new WeakMap<NamedSchema, { generation: number; fingerprints: Fingerprints }>();
    const fingerprintCache: FingerprintCache = {
      get: schema => {
        const e = computed.get(schema);
        return e && e.generation === ctx.index.generation ? e.fingerprints : undefined;
      },
      set: (schema, fingerprints) => computed.set(schema, { generation: ctx.index.generation, fingerprints }),
    };
    ctx.connection.onHover((params, token) =>
      withDocument(ctx, 'textDocument/hover', params, token, { fallback: () => null, openOnly: true }, ({ uri, lines, snapshot }): Hover | null => {
        const hover = ctx.service.hover(snapshot, lines.offsetAt(params.position), {
          sha256: sha256Hex,
          displayPath: displayPathsFrom(ctx, uri),
          lineOf: (d, offset) => lineIndexOf(ctx, d).positionAt(offset).line,
          fingerprintCache,
        });
        if (!hover) return null;
        return { contents: { kind: MarkupKind.Markdown, value: hover.markdown }, range: lines.rangeOf(hover.offset, hover.length) };
      }),
    );
  },
};
