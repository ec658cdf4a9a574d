// Restricted Mode: registry commands contact a URL that comes from the workspace, so they refuse, say why, and offer to manage trust.
import * as vscode from 'vscode';

/**
 * true when the workspace is trusted. Otherwise shows why `action` is unavailable (nothing is sent to
 * the registry) with a "Manage Workspace Trust" button, and returns false.
 */
export function ensureTrusted(action: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(
    `Avro: ${action} is unavailable in Restricted Mode: the registry URL comes from this workspace's avro-studio.json, and Avro Studio contacts no such URL until you trust the workspace. Nothing was sent.`,
    'Manage Workspace Trust',
  ).then(choice => {
    if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
  });
  return false;
}

/** What a refused command returns, so callers and tests can tell a refusal from a failure. */
export const UNTRUSTED = { refused: 'untrusted' } as const;
