// The status bar item with the Schema Registry's state (connected, offline, unauthorized, Restricted Mode), from RegistryStatusNotification; a click runs "Avro: Test Connection".
import * as vscode from 'vscode';
import { RegistryCommands, type RegistryStatusParams } from '../../../server/src/protocol';

export class RegistryStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly states = new Map<string, RegistryStatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly languageId: string) {
    // Right of the compatibility item (priority 99).
    this.item = vscode.window.createStatusBarItem('avro.registry', vscode.StatusBarAlignment.Right, 98);
    this.item.name = 'Avro Schema Registry';
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.render();
  }

  set(status: RegistryStatusParams): void {
    this.states.set(normalizeFolder(status.folder), status);
    this.render();
  }

  /** The state last reported for a folder (for tests and commands). */
  get(folder: vscode.Uri): RegistryStatusParams | undefined {
    return this.states.get(normalizeFolder(folder.toString()));
  }

  clear(): void {
    this.states.clear();
    this.render();
  }

  /** The status shown: the active editor's folder's, else the one that most needs attention. */
  private current(): RegistryStatusParams | undefined {
    const doc = vscode.window.activeTextEditor?.document;
    const folder = doc ? vscode.workspace.getWorkspaceFolder(doc.uri) : undefined;
    const own = folder ? this.states.get(normalizeFolder(folder.uri.toString())) : undefined;
    if (own) return own;
    const rank: Record<RegistryStatusParams['state'], number> = { unauthorized: 0, error: 1, offline: 2, untrusted: 3, connected: 4, unconfigured: 5 };
    return [...this.states.values()].sort((a, b) => rank[a.state] - rank[b.state])[0];
  }

  private render(): void {
    const status = this.current();
    if (!status || status.state === 'unconfigured') {
      this.item.hide();
      return;
    }
    const editing = vscode.window.activeTextEditor?.document.languageId === this.languageId;
    // Connected is worth showing only beside a schema; a problem is shown anywhere.
    if (status.state === 'connected' && !editing) {
      this.item.hide();
      return;
    }
    const icon = { connected: '$(cloud)', offline: '$(debug-disconnect)', unauthorized: '$(lock)', untrusted: '$(shield)', error: '$(error)', unconfigured: '' }[status.state];
    const label = { connected: 'Registry', offline: 'Registry offline', unauthorized: 'Registry: unauthorized', untrusted: 'Registry: Restricted Mode', error: 'Registry error', unconfigured: '' }[status.state];
    this.item.text = `${icon} ${label}`;
    this.item.tooltip = `${status.message}${status.url ? `\n${status.url}` : ''}\n\nClick to test the connection (Avro: Test Connection).`;
    this.item.backgroundColor = status.state === 'unauthorized' || status.state === 'error'
      ? new vscode.ThemeColor('statusBarItem.errorBackground')
      : status.state === 'offline' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: 'Test Connection', command: RegistryCommands.testConnection, arguments: [status.folder] };
    this.item.accessibilityInformation = { label: `Avro Schema Registry: ${status.message}` };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

function normalizeFolder(folder: string): string {
  try {
    return vscode.Uri.parse(folder).toString();
  } catch {
    return folder;
  }
}
