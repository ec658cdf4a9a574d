// The status bar item that shows what the Avro language server is doing; clicking it shows the log.
import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/protocol';
import { CommandIds } from './commandIds';

type ClientState = 'starting' | 'running' | 'stopped';

export class ServerStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly subscriptions: vscode.Disposable[] = [];
  private server: StatusParams = { state: 'starting', indexedFiles: 0, message: 'Starting the Avro language server' };
  private client: ClientState = 'starting';

  constructor(private readonly languageId: string) {
    this.item = vscode.window.createStatusBarItem('avro.status', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Avro Studio';
    this.item.command = CommandIds.showOutput;
    this.subscriptions.push(vscode.window.onDidChangeActiveTextEditor(() => this.render()));
    this.render();
  }

  /** A status notification from the server. */
  setServerStatus(status: StatusParams): void {
    this.server = status;
    this.render();
  }

  /** The language client's own state (the server process may have stopped or be restarting). */
  setClientState(state: ClientState): void {
    this.client = state;
    if (state === 'starting') this.server = { state: 'starting', indexedFiles: 0, message: 'Starting the Avro language server' };
    this.render();
  }

  private render(): void {
    const { text, tooltip, problem } = this.describe();
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = problem ? new vscode.ThemeColor(problem === 'error' ? 'statusBarItem.errorBackground' : 'statusBarItem.warningBackground') : undefined;
    // Shown while an Avro schema is in front, and whenever something needs attention or is under way.
    const editing = vscode.window.activeTextEditor?.document.languageId === this.languageId;
    if (editing || this.client !== 'running' || this.server.state !== 'ready') this.item.show();
    else this.item.hide();
  }

  private describe(): { text: string; tooltip: string; problem?: 'error' | 'warning' } {
    const click = 'Click to show the Avro Studio log.';
    if (this.client === 'stopped') {
      return { text: '$(error) Avro', tooltip: `The Avro language server is not running. Run "Avro: Restart Language Server". ${click}`, problem: 'error' };
    }
    const files = `${this.server.indexedFiles} schema file${this.server.indexedFiles === 1 ? '' : 's'} indexed`;
    switch (this.server.state) {
      case 'starting':
        return { text: '$(sync~spin) Avro', tooltip: `${this.server.message}. ${click}` };
      case 'indexing':
        return { text: `$(sync~spin) Avro: indexing ${this.server.indexedFiles} files`, tooltip: `${this.server.message}. ${click}` };
      case 'error':
        return { text: '$(warning) Avro', tooltip: `${this.server.message}. ${files}. ${click}`, problem: 'warning' };
      case 'ready':
      default:
        return { text: '$(check) Avro', tooltip: `${this.server.message}. ${files}. ${click}` };
    }
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
