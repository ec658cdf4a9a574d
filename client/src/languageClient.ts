// Builds the LanguageClient that runs the bundled Avro language server (dist/server.js) over Node IPC.
import * as vscode from 'vscode';
import { LanguageClient, RevealOutputChannelOn, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { BASELINE_URI_SCHEME, CONFIGURATION_SECTION, REGISTRY_URI_SCHEME, type AvroInitializationOptions } from '../../server/src/protocol';

/** The client id: VS Code reads `avro.trace.server` through it. */
export const CLIENT_ID = CONFIGURATION_SECTION;
export const LANGUAGE_ID = 'avroavsc';

/** URI schemes of earlier versions of a file (avro-baseline: and avro-registry: are ours, git: the git extension's). */
const READ_ONLY_VERSION_SCHEMES = new Set([BASELINE_URI_SCHEME, REGISTRY_URI_SCHEME, 'git']);

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
    // Restricted Mode: the server starts no git process until the workspace is trusted (re-read on restarts).
    initializationOptions: (): AvroInitializationOptions => ({ trusted: vscode.workspace.isTrusted }),
    middleware: {
      // Earlier versions shown read-only (ours, and the git extension's diffs) are not workspace
      // schemas: indexed, their named types would conflict with the working copy's.
      didOpen: (document, next) => (READ_ONLY_VERSION_SCHEMES.has(document.uri.scheme) ? Promise.resolve() : next(document)),
    },
  };
  return new LanguageClient(CLIENT_ID, 'Avro Studio', serverOptions, clientOptions);
}
