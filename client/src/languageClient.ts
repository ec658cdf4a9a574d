// Builds the LanguageClient that runs the bundled Avro language server (dist/server.js) over Node IPC.
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { CONFIGURATION_SECTION } from '../../server/src/protocol';

/** The client id: VS Code reads `avro.trace.server` through it. */
export const CLIENT_ID = CONFIGURATION_SECTION;
export const LANGUAGE_ID = 'avroavsc';

export function createLanguageClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      // Attach a debugger to port 6009 when the extension runs from the Extension Development Host.
      options: { execArgv: ['--nolazy', '--inspect=6009'] },
    },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: LANGUAGE_ID }],
    // No `synchronize` options: the server pulls the `avro` settings per document and registers, once
    // initialized, for changes to that section and for a **/*.avsc file watcher. Declaring them here
    // as well would send every notification twice.
    outputChannel: output,
    revealOutputChannelOn: RevealOutputChannelOn.Never,
  };
  return new LanguageClient(CLIENT_ID, 'Avro Studio', serverOptions, clientOptions);
}
