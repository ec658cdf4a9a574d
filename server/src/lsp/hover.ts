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
import { policyFindings, policyHoverMarkdown } from '../service/languageService';
import type { DiagnosticCode } from '../service/codes';

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
      withDocument(ctx, 'textDocument/hover', params, token, { fallback: () => null, openOnly: true }, ({ uri, doc, lines, settings, snapshot }): Hover | null => {
        const hover = ctx.service.hover(snapshot, lines.offsetAt(params.position), {
          sha256: sha256Hex,
          displayPath: displayPathsFrom(ctx, uri),
          lineOf: (d, offset) => lineIndexOf(ctx, d).positionAt(offset).line,
          fingerprintCache,
        });
        // The team's policy findings under the cursor (those against the baseline come from the compatibility check, memoized per version).
        let policy: string | undefined;
        if (settings.avro.policy) {
          const offset = lines.offsetAt(params.position);
          const items = policyFindings(doc, settings.avro.policy).filter(f => f.offset <= offset && offset <= f.offset + f.length);
          for (const contributor of ctx.hooks.diagnostics) {
            for (const d of contributor.diagnostics(uri, doc, settings)) {
              const from = lines.offsetAt(d.range.start), to = lines.offsetAt(d.range.end);
              if (typeof d.code === 'string' && d.code >= 'AVRO-600' && d.code < 'AVRO-700' && from <= offset && offset <= to) items.push({ code: d.code as DiagnosticCode, offset: from, length: to - from, message: typeof d.message === 'string' ? d.message : d.message.value, data: d.data as never });
            }
          }
          policy = policyHoverMarkdown(items);
        }
        if (!hover && !policy) return null;
        if (!hover) return { contents: { kind: MarkupKind.Markdown, value: policy! } };
        return { contents: { kind: MarkupKind.Markdown, value: policy ? `${policy}\n\n---\n\n${hover.markdown}` : hover.markdown }, range: lines.rangeOf(hover.offset, hover.length) };
      }),
    );
  },
};
