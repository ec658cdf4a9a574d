// textDocument/definition, textDocument/references and textDocument/documentHighlight: the service's offsets converted to LSP locations.
import { DocumentHighlightKind, type DocumentHighlight, type Location, type LocationLink } from 'vscode-languageserver';
import { resolverFor } from '../service/model/schemaIndex';
import type { AvroDocument } from '../service/model/types';
import { findDefinition } from '../service/navigation/definition';
import { findHighlights } from '../service/navigation/highlights';
import { findReferences } from '../service/navigation/references';
import type { LineIndex } from '../service/text';
import type { ServerContext } from './context';
import { INDEX_WAIT_MS, lineIndexOf, linesOfIndexed } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';

/** The line index of any indexed document (results point into other files; no model is built for a file that is not open). */
export function linesOf(ctx: ServerContext, uri: string, own: AvroDocument): LineIndex | undefined {
  return uri === own.uri ? lineIndexOf(ctx, own) : linesOfIndexed(ctx, uri);
}

export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: () => {
    return { definitionProvider: true, referencesProvider: true, documentHighlightProvider: true };
  },
  register(ctx: ServerContext): void {
    const now = (): number => ctx.runtime.now();

    ctx.connection.onDefinition((params, token) =>
      runSafeAsync(ctx.logger, now, 'textDocument/definition', params.textDocument.uri, async (): Promise<Location[] | LocationLink[] | null> => {
        await ctx.whenIndexed(INDEX_WAIT_MS);
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        const lines = lineIndexOf(ctx, doc);
        const links = findDefinition(doc, lines.offsetAt(params.position), ctx.index.schemas, resolverFor(ctx.index.schemas, doc));
        const useLinks = ctx.client.editor.definitionLinks;
        const out: Array<Location | LocationLink> = [];
        for (const l of links) {
          const target = linesOf(ctx, l.uri, doc);
          if (!target) continue;
          const selection = target.rangeOf(l.targetSelection.offset, l.targetSelection.length);
          if (useLinks) {
            out.push({ originSelectionRange: lines.rangeOf(l.origin.offset, l.origin.length), targetUri: l.uri, targetRange: target.rangeOf(l.target.offset, l.target.length), targetSelectionRange: selection });
          } else {
            out.push({ uri: l.uri, range: selection });
          }
        }
        return out as Location[] | LocationLink[];
      }, () => null, token),
    );

    ctx.connection.onReferences((params, token) =>
      runSafeAsync(ctx.logger, now, 'textDocument/references', params.textDocument.uri, async (): Promise<Location[] | null> => {
        await ctx.whenIndexed(INDEX_WAIT_MS);
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        const lines = lineIndexOf(ctx, doc);
        const found = findReferences(doc, lines.offsetAt(params.position), ctx.index.schemas, resolverFor(ctx.index.schemas, doc), params.context.includeDeclaration);
        const out: Location[] = [];
        for (const r of found) {
          const target = linesOf(ctx, r.uri, doc);
          if (target) out.push({ uri: r.uri, range: target.rangeOf(r.offset, r.length) });
        }
        return out;
      }, () => null, token),
    );

    ctx.connection.onDocumentHighlight((params, token) =>
      runSafeAsync(ctx.logger, now, 'textDocument/documentHighlight', params.textDocument.uri, (): DocumentHighlight[] | null => {
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        const lines = lineIndexOf(ctx, doc);
        return findHighlights(doc, lines.offsetAt(params.position), ctx.index.schemas, resolverFor(ctx.index.schemas, doc)).map(h => ({
          range: lines.rangeOf(h.offset, h.length),
          kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
        }));
      }, () => null, token),
    );
  },
};
