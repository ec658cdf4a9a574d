// Command "Avro: Restart Language Server": stops and starts the server process (it re-reads the workspace).
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CommandIds } from '../commandIds';

export function registerRestartServer(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.restartServer, async () => {
    output.info('Restarting the Avro language server (command)');
    try {
      await client.restart();
    } catch (error) {
      output.error(`Restarting the Avro language server failed: ${String(error)}`);
      void vscode.window.showErrorMessage('Avro: the language server could not be restarted. See the Avro Studio output for details.', 'Show Output')
        .then(choice => { if (choice) output.show(true); });
    }
  });
}
