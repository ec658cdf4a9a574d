// textDocument/definition, textDocument/references and textDocument/documentHighlight: the service's offsets converted to LSP locations.
import { DocumentHighlightKind, type DocumentHighlight, type Location, type LocationLink } from 'vscode-languageserver';
import type { AvroDocument } from '../service/model/types';
import type { LineIndex } from '../service/text';
import type { ServerContext } from './context';
import { lineIndexOf, linesOfIndexed } from './diagnostics';
import type { Feature } from './features';
import { withDocument } from './requestContext';

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
    ctx.connection.onDefinition((params, token) =>
      withDocument(ctx, 'textDocument/definition', params, token, { fallback: () => null, waitForIndex: true }, ({ doc, lines, snapshot }): Location[] | LocationLink[] | null => {
        const links = ctx.service.definition(snapshot, lines.offsetAt(params.position));
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
      }),
    );

    ctx.connection.onReferences((params, token) =>
      withDocument(ctx, 'textDocument/references', params, token, { fallback: () => null, waitForIndex: true }, ({ doc, lines, snapshot }): Location[] | null => {
        const found = ctx.service.references(snapshot, lines.offsetAt(params.position), params.context.includeDeclaration);
        const out: Location[] = [];
        for (const r of found) {
          const target = linesOf(ctx, r.uri, doc);
          if (target) out.push({ uri: r.uri, range: target.rangeOf(r.offset, r.length) });
        }
        return out;
      }),
    );

    ctx.connection.onDocumentHighlight((params, token) =>
      withDocument(ctx, 'textDocument/documentHighlight', params, token, { fallback: () => null }, ({ lines, snapshot }): DocumentHighlight[] | null =>
        ctx.service.highlights(snapshot, lines.offsetAt(params.position)).map(h => ({
          range: lines.rangeOf(h.offset, h.length),
          kind: h.kind === 'write' ? DocumentHighlightKind.Write : DocumentHighlightKind.Read,
        }))),
    );
  },
};
