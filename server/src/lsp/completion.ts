// textDocument/completion: the service's completions at the cursor, for the current version of the document, with offsets turned into ranges.
import { InsertTextFormat, MarkupKind, type CompletionItem, type CompletionList, type TextEdit } from 'vscode-languageserver';
import { expandSnippet, isNamedTypeKind, type AvroCompletionList } from '../service/languageService';
import type { LineIndex } from '../service/text';
import type { ServerContext } from './context';
import { displayPathsFrom } from './displayPaths';
import type { Feature } from './features';
import { runSafeAsync } from './guard';
import { withDocument } from './requestContext';

/** `"` opens a key or a name, `:` a value. */
export const COMPLETION_TRIGGER_CHARACTERS = ['"', ':'];

export const completionFeature: Feature = {
  name: 'completion',
  capabilities: () => ({
    // Resolve: the documentation of named types is computed when shown (a workspace can offer thousands).
    completionProvider: { triggerCharacters: COMPLETION_TRIGGER_CHARACTERS, resolveProvider: true },
  }),
  register(ctx: ServerContext): void {
    /**
     * Where the last list was computed: completionItem/resolve does not say which document an item
     * is for, and named-type items carry no data (a list can hold thousands), only their label.
     */
    let last: { uri: string; offset: number; namespace: string } | undefined;
    // No completions for a stale model: the document changed since it was parsed, or is not open.
    ctx.connection.onCompletion((params, token) =>
      withDocument(ctx, 'textDocument/completion', params, token, { fallback: () => null, openOnly: true }, ({ uri, lines, snapshot }): CompletionList | null => {
        const offset = lines.offsetAt(params.position);
        const list = ctx.service.completions(snapshot, offset, displayPathsFrom(ctx, uri));
        last = list.namespace !== undefined ? { uri, offset, namespace: list.namespace } : undefined;
        return toLspCompletionList(list, lines, ctx.client.editor.snippets);
      }),
    );
    ctx.connection.onCompletionResolve((item, token) =>
      runSafeAsync(ctx.logger, () => ctx.runtime.now(), 'completionItem/resolve', last?.uri, async (): Promise<CompletionItem> => {
        const from = last;
        if (!from || !isNamedTypeKind(item.kind) || item.documentation !== undefined) return item;
        const displayPath = displayPathsFrom(ctx, from.uri);
        const resolved = ctx.service.resolveCompletion(item.label, { doc: ctx.models.get(from.uri), namespace: from.namespace, offset: from.offset, index: ctx.index.schemas, displayPath });
        if (!resolved) return item;
        return { ...item, detail: resolved.detail, documentation: { kind: MarkupKind.Markdown, value: resolved.documentation } };
      }, () => item, token),
    );
  },
};

/** Service completions -> LSP: one range computation per distinct span (the main edits share one). */
export function toLspCompletionList(list: AvroCompletionList, lines: LineIndex, snippets = true): CompletionList {
  const ranges = new Map<string, ReturnType<LineIndex['rangeOf']>>();
  const rangeOf = (offset: number, length: number): ReturnType<LineIndex['rangeOf']> => {
    const key = `${offset}:${length}`;
    let r = ranges.get(key);
    if (!r) ranges.set(key, (r = lines.rangeOf(offset, length)));
    return r;
  };
  const items = list.items.map((i): CompletionItem => {
    const snippet = i.format === InsertTextFormat.Snippet;
    const item: CompletionItem = {
      label: i.label,
      kind: i.kind,
      sortText: i.sortText,
      // A client without snippet support gets the text with every placeholder at its default.
      textEdit: { range: rangeOf(i.edit.offset, i.edit.length), newText: snippet && !snippets ? expandSnippet(i.edit.newText) : i.edit.newText },
    };
    // PlainText is the default: said only for snippets (a named-type list can hold thousands of items).
    if (snippet && snippets) item.insertTextFormat = InsertTextFormat.Snippet;
    if (i.detail !== undefined) item.detail = i.detail;
    if (i.documentation !== undefined) item.documentation = { kind: MarkupKind.Markdown, value: i.documentation };
    if (i.filterText !== undefined) item.filterText = i.filterText;
    if (i.additionalEdits) item.additionalTextEdits = i.additionalEdits.map((e): TextEdit => ({ range: rangeOf(e.offset, e.length), newText: e.newText }));
    if (i.command) item.command = i.command;
    if (i.preselect) item.preselect = true;
    return item;
  });
  return { isIncomplete: list.isIncomplete, items };
}
