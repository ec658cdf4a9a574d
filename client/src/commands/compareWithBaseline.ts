// Command "Avro: Compare with Baseline": VS Code's diff editor between the baseline version (read-only) and the working copy.
//
// Returns { left, right, title } of the diff it opened (undefined when there is no baseline: a
// message says why), so tests can await it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BaselineContentRequest } from '../../../server/src/protocol';
import { baselineUri } from '../baselineContent';
import { CommandIds } from '../commandIds';
import { targetSchema } from './checkCompatibility';

export interface BaselineDiff {
  left: string;
  right: string;
  title: string;
}

export function registerCompareWithBaseline(client: LanguageClient, languageId: string, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.compareWithBaseline, async (arg?: unknown): Promise<BaselineDiff | undefined> => {
    const uri = targetSchema(arg, languageId);
    if (!uri) {
      void vscode.window.showInformationMessage('Avro: open an Avro schema (.avsc) to compare it with its baseline.');
      return undefined;
    }
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Avro: reading the baseline' },
        () => client.sendRequest(BaselineContentRequest, { uri: uri.toString() }),
      );
      if (result.text === undefined || result.label === undefined) {
        void vscode.window.showInformationMessage(`Avro: no baseline to compare with. ${result.message ?? ''}`.trim());
        return undefined;
      }
      const left = baselineUri(uri, result.label);
      const name = uri.path.replace(/^.*\//, '');
      const title = `${name} (${result.label}) ↔ working copy`;
      await vscode.commands.executeCommand('vscode.diff', left, uri, title, { preview: true });
      return { left: left.toString(), right: uri.toString(), title };
    } catch (error) {
      output.error(`Comparing ${uri.toString()} with its baseline failed: ${String(error)}`);
      void vscode.window.showErrorMessage('Avro: comparing with the baseline failed. See the Avro Studio output for details.', 'Show Output')
        .then(choice => { if (choice) output.show(true); });
      return undefined;
    }
  });
}
