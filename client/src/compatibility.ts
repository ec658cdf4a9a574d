// Wires compatibility into VS Code: the status bar item, baseline documents, report files, the three commands, and workspace trust.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import {
  BASELINE_URI_SCHEME,
  CompatibilityStatusNotification,
  WorkspaceTrustedNotification,
  type CompatibilityStatusParams,
} from '../../server/src/protocol';
import { BaselineContentProvider } from './baselineContent';
import { ReportFiles } from './compatibilityReport';
import { CompatibilityStatusItem } from './compatibilityStatus';
import { registerCheckCompatibility } from './commands/checkCompatibility';
import { registerCompareWithBaseline } from './commands/compareWithBaseline';
import { registerRefreshBaselines } from './commands/refreshBaselines';

/** Everything the compatibility feature registers; dispose to remove it. `status` is exposed for tests. */
export function registerCompatibility(context: vscode.ExtensionContext, client: LanguageClient, languageId: string, output: vscode.LogOutputChannel): vscode.Disposable & { status: CompatibilityStatusItem } {
  const status = new CompatibilityStatusItem(languageId);
  const baselines = new BaselineContentProvider(client);
  // Reports are files in the extension's storage (the workspace's, else the global one).
  const reports = new ReportFiles(vscode.Uri.joinPath(context.storageUri ?? context.globalStorageUri, 'compatibility-reports'));
  const disposables: vscode.Disposable[] = [
    status,
    baselines,
    vscode.workspace.registerTextDocumentContentProvider(BASELINE_URI_SCHEME, baselines),
    client.onNotification(CompatibilityStatusNotification, (params: CompatibilityStatusParams) => status.set(params)),
    client.onDidChangeState(() => status.clear()),
    // Restricted Mode: the server runs no git until the user trusts the workspace.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      void client.sendNotification(WorkspaceTrustedNotification).catch(() => undefined);
    }),
    registerCheckCompatibility(client, reports, languageId, output),
    registerCompareWithBaseline(client, languageId, output),
    registerRefreshBaselines(client, baselines),
  ];
  return {
    status,
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
