// Command "Avro: Re-index Workspace Schemas": asks the server to read every .avsc of the workspace again.
//
// Returns the server's ReindexResult (undefined if it failed), so tests and other extensions can await it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ReindexRequest, type ReindexResult } from '../../../server/src/protocol';
import { CommandIds } from '../commandIds';

export function registerReindexWorkspace(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.reindexWorkspace, async (): Promise<ReindexResult | undefined> => {
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: 'Avro: re-indexing schemas' },
        () => client.sendRequest(ReindexRequest),
      );
      void vscode.window.showInformationMessage(`Avro: indexed ${result.indexedFiles} schema file${result.indexedFiles === 1 ? '' : 's'} in ${Math.round(result.durationMs)} ms.`);
      return result;
    } catch (error) {
      output.error(`Re-indexing the workspace failed: ${String(error)}`);
      void vscode.window.showErrorMessage('Avro: re-indexing the workspace failed. See the Avro Studio output for details.', 'Show Output')
        .then(choice => { if (choice) output.show(true); });
      return undefined;
    }
  });
}
