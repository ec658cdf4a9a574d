// Command "Avro: Check Compatibility": asks the server for the schema's compatibility report and shows it as a Markdown preview.
//
// Returns the server's CompatibilityReport (undefined when there is no schema or the request failed),
// so tests and other extensions can await it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CheckCompatibilityRequest, type CompatibilityReport } from '../../../server/src/protocol';
import type { ReportFiles } from '../compatibilityReport';
import { CommandIds } from '../commandIds';

/** The schema a command acts on: the URI it was given (status bar, explorer), else the active Avro editor's. */
export function targetSchema(arg: unknown, languageId: string): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string') return vscode.Uri.parse(arg);
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === languageId ? doc.uri : undefined;
}

export function registerCheckCompatibility(client: LanguageClient, reports: ReportFiles, languageId: string, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.checkCompatibility, async (arg?: unknown, options?: { refresh?: boolean; show?: boolean }): Promise<CompatibilityReport | undefined> => {
    const uri = targetSchema(arg, languageId);
    if (!uri) {
      void vscode.window.showInformationMessage('Avro: open an Avro schema (.avsc) to check its compatibility.');
      return undefined;
    }
    try {
      const report = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Avro: checking compatibility' },
        () => client.sendRequest(CheckCompatibilityRequest, { uri: uri.toString(), refresh: options?.refresh === true }),
      );
      if (options?.show !== false) {
        const reportUri = await reports.write(uri, report.markdown);
        // The Markdown preview renders headings, the table and the links to the lines; without the
        // built-in Markdown extension, the Markdown text itself is shown.
        const previewed = await vscode.commands.executeCommand('markdown.showPreview', reportUri).then(() => true, () => false);
        if (!previewed) await vscode.window.showTextDocument(reportUri, { preview: true });
      }
      return report;
    } catch (error) {
      output.error(`Checking the compatibility of ${uri.toString()} failed: ${String(error)}`);
      void vscode.window.showErrorMessage('Avro: the compatibility check failed. See the Avro Studio output for details.', 'Show Output')
        .then(choice => { if (choice) output.show(true); });
      return undefined;
    }
  });
}
