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
import { RENAME_ANNOTATIONS, type RenameDocumentEdits } from '../service/languageService';
import { editorCapabilitiesOf } from './clientCapabilities';
import type { ServerContext } from './context';
import { linesOfIndexed } from './diagnostics';
import type { Feature } from './features';
import { withDocument } from './requestContext';

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
    ctx.connection.onPrepareRename((params, token) =>
      withDocument(ctx, 'textDocument/prepareRename', params, token, { fallback: () => null, waitForIndex: true }, ({ lines, snapshot }): PrepareRenameResult | null => {
        const r = ctx.service.prepareRename(snapshot, lines.offsetAt(params.position));
        if (!r) return null;
        if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
        return { range: lines.rangeOf(r.span.offset, r.span.length), placeholder: r.placeholder };
      }),
    );

    ctx.connection.onRenameRequest((params, token) =>
      withDocument(ctx, 'textDocument/rename', params, token, { fallback: () => null, waitForIndex: true }, ({ lines, snapshot, settings }): WorkspaceEdit | null => {
        const r = ctx.service.rename(snapshot, lines.offsetAt(params.position), params.newName, settings.rename);
        if (!r.ok) throw new ResponseError(LSPErrorCodes.RequestFailed, r.message);
        return toWorkspaceEdit(ctx, r.changes);
      }),
    );
  },
};
