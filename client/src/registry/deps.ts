// What every registry command is handed: the language client, the log, secrets, registry documents and the sync view.
import type * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { RegistryContentProvider } from './documents';
import type { RegistrySecrets } from './secrets';
import type { RegistryStatusItem } from './statusItem';
import type { RegistrySyncView } from './syncView';

export interface RegistryDeps {
  client: LanguageClient;
  output: vscode.LogOutputChannel;
  languageId: string;
  secrets: RegistrySecrets;
  documents: RegistryContentProvider;
  view: RegistrySyncView;
  status: RegistryStatusItem;
  /** Folder in the extension's storage where Markdown reports are written. */
  reportFolder: vscode.Uri;
}
