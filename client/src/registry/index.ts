// Wires the Schema Registry feature into VS Code: credentials for the server, the status item, avro-registry: documents, the sync view and every registry command.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  REGISTRY_URI_SCHEME,
  RegistryCredentialsChangedNotification,
  RegistryCredentialsRequest,
  RegistryStatusNotification,
  type RegistryCredentialsParams,
  type RegistryCredentialsResult,
  type RegistryStatusParams,
} from '../../../server/src/protocol';
import { registerRegistryAddMapping } from '../commands/registryAddMapping';
import { registerRegistryCheckCompatibility } from '../commands/registryCheckCompatibility';
import { registerRegistryCompare } from '../commands/registryCompare';
import { registerRegistryCompareVersions } from '../commands/registryCompareVersions';
import { registerRegistryConfigure } from '../commands/registryConfigure';
import { registerRegistryOpenProblem } from '../commands/registryOpenProblem';
import { registerRegistryPull } from '../commands/registryPull';
import { registerRegistryPullAllBehind } from '../commands/registryPullAllBehind';
import { registerRegistryRefreshSync } from '../commands/registryRefreshSync';
import { registerRegistryRegister } from '../commands/registryRegister';
import { registerRegistryRegisterAllCompatible } from '../commands/registryRegisterAllCompatible';
import { registerRegistrySetCredentials } from '../commands/registrySetCredentials';
import { registerRegistrySetLevel } from '../commands/registrySetLevel';
import { registerRegistryShowVersions } from '../commands/registryShowVersions';
import { registerRegistrySync } from '../commands/registrySync';
import { registerRegistryTestConnection } from '../commands/registryTestConnection';
import type { RegistryDeps } from './deps';
import { RegistryContentProvider } from './documents';
import { foldersWithRegistry } from './folders';
import { PROJECT_FILE } from './projectFile';
import { RegistrySecrets } from './secrets';
import { RegistryStatusItem } from './statusItem';
import { CONFIGURED_CONTEXT_KEY, RegistrySyncView } from './syncView';

/** Everything the registry feature registers; dispose to remove it. */
export function registerRegistry(context: vscode.ExtensionContext, client: LanguageClient, languageId: string, output: vscode.LogOutputChannel): vscode.Disposable {
  // Credentials set or cleared (here or in another window): the server drops its connections and asks again.
  const secrets = new RegistrySecrets(context.secrets, async url => {
    output.info(`Registry credentials changed for ${url}.`);
    if (client.isRunning()) await client.sendNotification(RegistryCredentialsChangedNotification).catch(() => undefined);
  });
  const status = new RegistryStatusItem(languageId);
  const documents = new RegistryContentProvider(client);
  const view = new RegistrySyncView(client, output);
  const deps: RegistryDeps = {
    client, output, languageId, secrets, documents, view, status,
    reportFolder: vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'registry-reports'),
  };
  const updateConfigured = (): void => {
    void foldersWithRegistry().then(f => vscode.commands.executeCommand('setContext', CONFIGURED_CONTEXT_KEY, f.length > 0));
  };
  const projectFiles = vscode.workspace.createFileSystemWatcher(`**/${PROJECT_FILE}`);
  const onProjectFile = (): void => {
    updateConfigured();
    documents.clear(); // another URL may now stand behind the same folder
  };
  updateConfigured();
  // The Schema Registry view is contributed statically; it shows only where Avro Studio runs.
  void vscode.commands.executeCommand('setContext', 'avro.registry.enabled', true);

  const disposables: vscode.Disposable[] = [
    secrets, status, documents, view, projectFiles,
    vscode.workspace.registerTextDocumentContentProvider(REGISTRY_URI_SCHEME, documents),
    client.onRequest(RegistryCredentialsRequest, (params: RegistryCredentialsParams): Promise<RegistryCredentialsResult> => secrets.answer(params, output)),
    client.onNotification(RegistryStatusNotification, (params: RegistryStatusParams) => status.set(params)),
    client.onDidChangeState(() => status.clear()),
    projectFiles.onDidCreate(onProjectFile), projectFiles.onDidChange(onProjectFile), projectFiles.onDidDelete(onProjectFile),
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      if (view.hasLoaded) void view.refresh();
    }),
    registerRegistryConfigure(deps),
    registerRegistrySetCredentials(deps),
    registerRegistryTestConnection(deps),
    registerRegistryCheckCompatibility(deps),
    registerRegistryRegister(deps),
    registerRegistryPull(deps),
    registerRegistryCompare(deps),
    registerRegistryCompareVersions(deps),
    registerRegistrySync(deps),
    registerRegistryRefreshSync(deps),
    registerRegistryRegisterAllCompatible(deps),
    registerRegistryPullAllBehind(deps),
    registerRegistryShowVersions(deps),
    registerRegistrySetLevel(deps),
    registerRegistryAddMapping(deps),
    registerRegistryOpenProblem(deps),
  ];
  return {
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
