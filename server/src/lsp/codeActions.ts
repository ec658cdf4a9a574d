// textDocument/codeAction: hands the diagnostics (with their data) to the service's providers and converts the edits.
import { CodeActionKind, type CodeAction, type Diagnostic, type TextEdit as LspTextEdit } from 'vscode-languageserver';
import { isDiagnosticCode } from '../service/codes';
import { getCodeActions } from '../service/codeActions';
import type { DiagnosticRef } from '../service/codeActions/types';
import { resolverFor } from '../service/model/schemaIndex';
import type { ServerContext } from './context';
import { lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: () => ({
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, CodeActionKind.Source], resolveProvider: false },
  }),
  register(ctx: ServerContext): void {
    ctx.connection.onCodeAction((params, token) =>
      runSafeAsync(ctx.logger, () => ctx.runtime.now(), 'textDocument/codeAction', params.textDocument.uri, async () => {
        const uri = params.textDocument.uri;
        const doc = ctx.models.get(uri);
        const textDocument = ctx.documents.get(uri);
        if (!doc || !textDocument || doc.version !== textDocument.version) return [];
        const settings = await ctx.settings.get(uri);
        const lines = lineIndexOf(ctx, doc);
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
        const actions = getCodeActions(
          {
            doc,
            index: ctx.index.schemas,
            resolve: resolverFor(ctx.index.schemas, doc),
            settings: settings.avro,
            offset: start,
            length: end - start,
            diagnostics: refs,
            formatting: { tabSize: 2, insertSpaces: true, eol: doc.text.includes('\r\n') ? '\r\n' : '\n' },
          },
          params.context.only,
        );
        return actions.map((a): CodeAction => {
          const changes: Record<string, LspTextEdit[]> = {};
          for (const de of a.edits) {
            const target = de.uri === uri ? doc : ctx.index.get(de.uri);
            if (!target) continue;
            const li = lineIndexOf(ctx, target);
            changes[de.uri] = de.edits.map(e => ({ range: li.rangeOf(e.offset, e.length), newText: e.newText }));
          }
          const action: CodeAction = { title: a.title, kind: a.kind, edit: { changes } };
          if (a.isPreferred) action.isPreferred = true;
          if (a.fixes !== undefined) action.diagnostics = [diagnostics[a.fixes]];
          return action;
        });
      }, () => [], token),
    );
  },
};
