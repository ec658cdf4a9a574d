// textDocument/codeAction: hands the diagnostics (with their data) to the service's providers and converts the edits.
//
// The indentation of inserted lines: the request does not carry the editor's (VS Code detects it per
// file, so editor.tabSize is not it either); it is detected from the document's text, as VS Code does.
// Refactorings are offered when asked for (Ctrl+., the Refactor menu), not to the automatic request
// behind the light bulb: otherwise every field would show one.
import {
  CodeActionKind,
  CodeActionTriggerKind,
  type CodeAction,
  type Diagnostic,
  type TextDocumentEdit,
  type CreateFile,
  type TextEdit as LspTextEdit,
} from 'vscode-languageserver';
import * as path from 'node:path';
import { Codes, isDiagnosticCode } from '../service/codes';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { relativeInside } from '../config/units';
import { pathToUri, uriToPath } from '../workspace/uris';
import { detectEol, detectIndentation, suppressionActions, type AvroCodeAction, type DiagnosticRef, type ProjectFileRef } from '../service/languageService';
import { LineIndex } from '../service/text';
import type { AvroDocument } from '../service/model/types';
import type { ServerContext } from './context';
import { lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { withDocument } from './requestContext';

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: () => {
    return {
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Source], resolveProvider: false },
    };
  },
  register(ctx: ServerContext): void {
    ctx.connection.onCodeAction((params, token) =>
      withDocument(ctx, 'textDocument/codeAction', params, token, { fallback: (): CodeAction[] => [], openOnly: true }, async ({ uri, doc, lines, snapshot }) => {
        const start = lines.offsetAt(params.range.start);
        const end = lines.offsetAt(params.range.end);
        const diagnostics: Diagnostic[] = [];
        const refs: DiagnosticRef[] = [];
        for (const d of params.context.diagnostics) {
          const code = typeof d.code === 'string' ? d.code : undefined;
          if (d.source !== 'avro' || !code || !isDiagnosticCode(code)) continue;
          const offset = lines.offsetAt(d.range.start);
          diagnostics.push(d);
          refs.push({ code, offset, length: lines.offsetAt(d.range.end) - offset, message: typeof d.message === 'string' ? d.message : d.message.value, data: d.data });
        }
        // Fixes that declare a compilation unit edit avro-studio.json: read it only when one may be offered.
        const project = refs.some(r => r.code === Codes.AmbiguousReference) ? await projectFileRef(ctx, uri) : undefined;
        const request = {
          offset: start,
          length: end - start,
          diagnostics: refs,
          formatting: { ...detectIndentation(doc.text), eol: detectEol(doc.text) },
          project,
        };
        // The fixes first, then "Ignore AVRO-xxx here…" for each finding (adopting a repository with findings).
        const actions = [...ctx.service.codeActions(snapshot, request, params.context.only), ...suppressionActions({ doc, ...request }, params.context.only)];
        const automatic = params.context.triggerKind === CodeActionTriggerKind.Automatic;
        const result: CodeAction[] = [];
        for (const a of actions) {
          if (automatic && a.kind.startsWith('refactor')) continue;
          const edit = workspaceEditOf(ctx, uri, doc, a, project);
          if (!edit) continue;
          const action: CodeAction = { title: a.title, kind: a.kind, edit };
          if (a.isPreferred) action.isPreferred = true;
          if (a.fixes !== undefined) action.diagnostics = [diagnostics[a.fixes]];
          result.push(action);
        }
        return result;
      }),
    );
  },
};

/** The LSP workspace edit of an action: `changes` by URI, or `documentChanges` when it creates a file (undefined: the client cannot apply it). */
function workspaceEditOf(ctx: ServerContext, uri: string, doc: AvroDocument, a: AvroCodeAction, project?: ProjectFileRef): CodeAction['edit'] | undefined {
  const creates = a.edits.some(de => de.create);
  if (creates && !ctx.client.editor.createFiles) return undefined;
  const changes: Record<string, LspTextEdit[]> = {};
  const documentChanges: Array<TextDocumentEdit | CreateFile> = [];
  for (const de of a.edits) {
    const target = de.create ? undefined : de.uri === uri ? doc : ctx.index.get(de.uri);
    const projectText = !de.create && !target && de.uri === project?.uri ? project.text : undefined;
    if (!de.create && !target && projectText === undefined) return undefined;
    const li = target ? lineIndexOf(ctx, target) : new LineIndex(projectText ?? '');
    const edits = de.edits.map(e => ({ range: li.rangeOf(e.offset, e.length), newText: e.newText }));
    if (!creates) {
      changes[de.uri] = edits;
      continue;
    }
    if (de.create) documentChanges.push({ kind: 'create', uri: de.uri, options: { overwrite: false, ignoreIfExists: false } });
    // The version of an open document pins the edit to the text the action was computed on.
    const open = ctx.documents.get(de.uri);
    documentChanges.push({ textDocument: { uri: de.uri, version: de.create ? null : open ? open.version : null }, edits });
  }
  return creates ? { documentChanges } : { changes };
}

/**
 * The project file of a document's workspace folder for fixes that edit it: the open document's
 * text, else the file on disk, else none yet (created by the fix). Undefined outside a folder.
 */
async function projectFileRef(ctx: ServerContext, uri: string): Promise<ProjectFileRef | undefined> {
  const folder = ctx.workspaceFolderOf(uri);
  if (folder === undefined) return undefined;
  const loaded = await ctx.projectConfigs.ensure(folder);
  const file = loaded?.file ?? path.join(folder, PROJECT_CONFIG_FILE);
  const root = path.dirname(file);
  const fileUri = pathToUri(file);
  const open = ctx.documents.get(fileUri);
  const text = open ? open.getText() : loaded && ctx.runtime.fs ? await ctx.runtime.fs.readFile(file).catch(() => undefined) : undefined;
  if (loaded && text === undefined) return undefined; // it exists but cannot be read: never overwrite it
  return {
    uri: open?.uri ?? fileUri,
    text,
    relativePath: u => {
      const p = uriToPath(u);
      return p === undefined ? undefined : relativeInside(root, p);
    },
  };
}
