// textDocument/documentSymbol (the outline) and workspace/symbol (named types across the workspace, fuzzy).
import { SymbolKind, type DocumentSymbol, type SymbolInformation } from 'vscode-languageserver';
import { stringContent, type AvroDocumentSymbol, type AvroSymbolKind } from '../service/languageService';
import type { NamedSchema } from '../service/model/types';
import type { LineIndex } from '../service/text';
import type { ServerContext } from './context';
import { INDEX_WAIT_MS, linesOfIndexed } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';
import { withDocument } from './requestContext';

/** Records read as classes, fixed as structs (a fixed-size value), fields, enums and their members as such. */
export function symbolKind(kind: AvroSymbolKind | NamedSchema['kind']): SymbolKind {
  switch (kind) {
    case 'record': case 'error': return SymbolKind.Class;
    case 'enum': return SymbolKind.Enum;
    case 'fixed': return SymbolKind.Struct;
    case 'field': return SymbolKind.Field;
    case 'enum-symbol': return SymbolKind.EnumMember;
  }
}

function toDocumentSymbol(s: AvroDocumentSymbol, lines: LineIndex): DocumentSymbol {
  const symbol: DocumentSymbol = {
    name: s.name,
    kind: symbolKind(s.kind),
    range: lines.rangeOf(s.range.offset, s.range.length),
    selectionRange: lines.rangeOf(s.selection.offset, s.selection.length),
  };
  if (s.detail) symbol.detail = s.detail;
  if (s.children.length) symbol.children = s.children.map(c => toDocumentSymbol(c, lines));
  return symbol;
}

/** The flat form for clients without hierarchical symbols: each symbol with its parent's name as container. */
function flatten(list: AvroDocumentSymbol[], uri: string, lines: LineIndex, container: string | undefined, out: SymbolInformation[]): void {
  for (const s of list) {
    const info: SymbolInformation = { name: s.name, kind: symbolKind(s.kind), location: { uri, range: lines.rangeOf(s.range.offset, s.range.length) } };
    if (container) info.containerName = container;
    out.push(info);
    flatten(s.children, uri, lines, s.name, out);
  }
}

export const symbolsFeature: Feature = {
  name: 'symbols',
  capabilities: () => {
    return { documentSymbolProvider: { label: 'Avro' }, workspaceSymbolProvider: true };
  },
  register(ctx: ServerContext): void {
    const now = (): number => ctx.runtime.now();

    ctx.connection.onDocumentSymbol((params, token) =>
      withDocument(ctx, 'textDocument/documentSymbol', params, token, { fallback: () => null }, ({ doc, lines }): DocumentSymbol[] | SymbolInformation[] | null => {
        const symbols = ctx.service.documentSymbols(doc);
        if (ctx.client.editor.hierarchicalSymbols) return symbols.map(s => toDocumentSymbol(s, lines));
        const flat: SymbolInformation[] = [];
        flatten(symbols, doc.uri, lines, undefined, flat);
        return flat;
      }),
    );

    ctx.connection.onWorkspaceSymbol((params, token) =>
      runSafeAsync(ctx.logger, now, 'workspace/symbol', undefined, async (): Promise<SymbolInformation[]> => {
        await ctx.whenIndexed(INDEX_WAIT_MS);
        ctx.models.syncAll();
        const out: SymbolInformation[] = [];
        for (const { schema } of ctx.service.workspaceSymbols(ctx.index.schemas, params.query)) {
          // A file that is not open is a summary: its text is decoded for the range, no model is built.
          const lines = schema.nameNode ? linesOfIndexed(ctx, schema.uri) : undefined;
          if (!lines || !schema.nameNode) continue;
          const span = stringContent(schema.nameNode, lines.text);
          const info: SymbolInformation = { name: schema.name, kind: symbolKind(schema.kind), location: { uri: schema.uri, range: lines.rangeOf(span.offset, span.length) } };
          if (schema.namespace) info.containerName = schema.namespace;
          out.push(info);
        }
        return out;
      }, () => [], token),
    );
  },
};
