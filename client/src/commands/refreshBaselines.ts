// Command "Avro: Refresh Compatibility Baselines": the server forgets its cached baselines and checks every open schema again.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RefreshBaselinesNotification } from '../../../server/src/protocol';
import type { BaselineContentProvider } from '../baselineContent';
import { CommandIds } from '../commandIds';

export function registerRefreshBaselines(client: LanguageClient, baselines: BaselineContentProvider): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.refreshBaselines, async (): Promise<void> => {
    await client.sendNotification(RefreshBaselinesNotification);
    baselines.refresh();
    vscode.window.setStatusBarMessage('$(sync) Avro: compatibility baselines are read again', 3000);
  });
}
