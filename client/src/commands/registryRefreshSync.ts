// Command "Avro: Refresh Registry Sync Status" (the Schema Registry view's toolbar): asks the server again for the state of every mapped schema.
import * as vscode from 'vscode';
import { RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { reportFailure } from '../registry/requests';

export function registerRegistryRefreshSync(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.refreshSync, async () => {
    try {
      await deps.view.refresh();
      return deps.view.entries();
    } catch (error) {
      reportFailure(deps.output, 'refreshing the registry sync status', error);
      return undefined;
    }
  });
}
