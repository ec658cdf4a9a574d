// Avro Studio's VS Code entry point: starts the language client, the status bar item and the commands.
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import { StatusNotification, type StatusParams } from '../../server/src/protocol';
import { createLanguageClient, LANGUAGE_ID } from './languageClient';
import { ServerStatusItem } from './statusBar';
import { registerShowOutput } from './commands/showOutput';
import { registerRestartServer } from './commands/restartServer';
import { registerReindexWorkspace } from './commands/reindexWorkspace';
import { registerCopyCanonicalForm } from './commands/copyCanonicalForm';
import { registerCopyFingerprint } from './commands/copyFingerprint';
import { registerCompatibility } from './compatibility';
import { registerRegistry } from './registry';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Avro Studio', { log: true });
  const status = new ServerStatusItem(LANGUAGE_ID);
  context.subscriptions.push(output, status, registerShowOutput(output));

  client = createLanguageClient(context, output);
  context.subscriptions.push(
    client.onNotification(StatusNotification, (params: StatusParams) => status.setServerStatus(params)),
    client.onDidChangeState(e => status.setClientState(e.newState === State.Running ? 'running' : e.newState === State.Starting ? 'starting' : 'stopped')),
    registerRestartServer(client, output),
    registerReindexWorkspace(client, output),
    registerCopyCanonicalForm(client, output), registerCopyFingerprint(client, output),
    registerCompatibility(context, client, LANGUAGE_ID, output),
    registerRegistry(context, client, LANGUAGE_ID, output),
  );

  output.info(`Avro Studio ${String(context.extension.packageJSON.version)} starting (VS Code ${vscode.version}, workspace ${vscode.workspace.isTrusted ? 'trusted' : 'in Restricted Mode'})`);
  try {
    await client.start();
  } catch (error) {
    // The client already logged the cause; the status bar shows the server as stopped.
    output.error(`The Avro language server did not start: ${String(error)}`);
  }
}

export async function deactivate(): Promise<void> {
  // A client whose server failed to start has nothing to stop (stop() would throw).
  if (client?.needsStop()) await client.stop();
  client = undefined;
}
