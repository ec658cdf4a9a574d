// Command "Avro: Sync Workspace with Registry": shows the Schema Registry view and fills it with the state of every mapped schema (in sync, ahead, behind, incompatible, unmapped, not registered).
//
// Returns the entries (with their folder), so tests and scripts can read the states.
import * as vscode from 'vscode';
import { RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { foldersWithRegistry } from '../registry/folders';
import { reportFailure } from '../registry/requests';
import { SYNC_VIEW_ID } from '../registry/syncView';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

export function registerRegistrySync(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.sync, async () => {
    await vscode.commands.executeCommand(`${SYNC_VIEW_ID}.focus`);
    if (!ensureTrusted('Sync Workspace with Registry')) return UNTRUSTED;
    if ((await foldersWithRegistry()).length === 0) {
      const choice = await vscode.window.showInformationMessage('Avro: no Schema Registry is configured in avro-studio.json, so there is nothing to sync with.', 'Configure Registry');
      if (choice) void vscode.commands.executeCommand(RegistryCommands.configure);
      return [];
    }
    try {
      await deps.view.refresh();
      return deps.view.entries();
    } catch (error) {
      reportFailure(deps.output, 'comparing the workspace with the registry', error);
      return undefined;
    }
  });
}
