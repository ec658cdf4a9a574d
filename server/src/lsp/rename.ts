// textDocument/prepareRename and textDocument/rename: refusals as errors with the reason; edits as a WorkspaceEdit with document versions and change annotations.
import {
  LSPErrorCodes,
  ResponseError,
  type AnnotatedTextEdit,
  type ChangeAnnotation,
  type PrepareRenameResult,
  type TextDocumentEdit,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { resolverFor } from '../service/model/schemaIndex';
import { prepareRename, rename, RENAME_ANNOTATIONS, type RenameDocumentEdits } from '../service/rename';
import { editorCapabilitiesOf } from './clientCapabilities';
import type { ServerContext } from './context';
import { INDEX_WAIT_MS, lineIndexOf, linesOfIndexed } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';

/** The service's edits as a WorkspaceEdit: documentChanges with versions (open documents) when the client supports them. */
export function toWorkspaceEdit(ctx: ServerContext, changes: readonly RenameDocumentEdits[]): WorkspaceEdit {
  const caps = ctx.client.editor;
  const annotated = caps.documentChanges && caps.changeAnnotations;
  const usedAnnotations = new Set<string>();
  const converted: Array<{ uri: string; version: number | null; edits: Array<TextEdit | AnnotatedTextEdit> }> = [];
  for (const change of changes) {
    // A file that is not open is a summary: its text is decoded for the ranges, no model is built.
    const lines = linesOfIndexed(ctx, change.uri);
    const doc = ctx.index.indexed(change.uri);
    if (!lines || !doc) continue;
    const edits = change.edits.map(e => {
      const edit: TextEdit | AnnotatedTextEdit = { range: lines.rangeOf(e.offset, e.length), newText: e.newText };
      if (annotated && e.annotation) {
        (edit as AnnotatedTextEdit).annotationId = e.annotation;
        usedAnnotations.add(e.annotation);
      }
      return edit;
    });
    // Open documents carry the version the edits were computed on; files on disk carry null.
    converted.push({ uri: doc.uri, version: ctx.index.openVersion(doc.uri) ?? null, edits });
  }
  if (!caps.documentChanges) {
    const map: Record<string, TextEdit[]> = {};
    for (const c of converted) map[c.uri] = c.edits;
    return { changes: map };
  }
  const documentChanges: TextDocumentEdit[] = converted.map(c => ({ textDocument: { uri: c.uri, version: c.version }, edits: c.edits }));
  const result: WorkspaceEdit = { documentChanges };
  if (usedAnnotations.size) {
    const annotations: Record<string, ChangeAnnotation> = {};
    for (const id of usedAnnotations) annotations[id] = { ...RENAME_ANNOTATIONS[id as keyof typeof RENAME_ANNOTATIONS] };
    result.changeAnnotations = annotations;
  }
  return result;
}

export const renameFeature: Feature = {
  name: 'rename',
  capabilities: params => {
    const caps = editorCapabilitiesOf(params.capabilities ?? {});
    return { renameProvider: caps.prepareRename ? { prepareProvider: true } : true };
  },
  register(ctx: ServerContext): void {
    const now = (): number => ctx.runtime.now();

    ctx.connection.onPrepareRename((params, token) =>
      runSafeAsync(ctx.logger, now, 'textDocument/prepareRename', params.textDocument.uri, async (): Promise<PrepareRenameResult | null> => {
        await ctx.whenIndexed(INDEX_WAIT_MS);
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        const lines = lineIndexOf(ctx, doc);
        const r = prepareRename(doc, lines.offsetAt(params.position), ctx.index.schemas, resolverFor(ctx.index.schemas, doc));
        if (!r) return null;
        if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
        return { range: lines.rangeOf(r.span.offset, r.span.length), placeholder: r.placeholder };
      }, () => null, token),
    );

    ctx.connection.onRenameRequest((params, token) =>
      runSafeAsync(ctx.logger, now, 'textDocument/rename', params.textDocument.uri, async (): Promise<WorkspaceEdit | null> => {
        const options = (await ctx.settings.get(params.textDocument.uri)).rename;
        await ctx.whenIndexed(INDEX_WAIT_MS);
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        const lines = lineIndexOf(ctx, doc);
        const r = rename(doc, lines.offsetAt(params.position), params.newName, ctx.index.schemas, resolverFor(ctx.index.schemas, doc), options);
        if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
        return toWorkspaceEdit(ctx, r.changes);
      }, () => null, token),
    );
  },
};
