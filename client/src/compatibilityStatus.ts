// The status bar item with the active schema's compatibility: level, baseline and breaking changes; a click runs "Avro: Check Compatibility".
import * as vscode from 'vscode';
import type { CompatibilityStatusParams } from '../../server/src/protocol';
import { CommandIds } from './commandIds';

/** How the baseline is named in the status bar: "HEAD", "origin/main", "git history", "old.avsc", "registry". */
export function baselineLabel(spec: string): string {
  if (spec === 'git:history') return 'git history';
  if (spec.startsWith('git:')) return spec.slice(4) || 'HEAD';
  if (spec.startsWith('file:')) return spec.slice(5).replace(/^.*[\\/]/, '');
  return spec;
}

export class CompatibilityStatusItem implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly statuses = new Map<string, CompatibilityStatusParams>();
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly languageId: string) {
    // Right of the server's "Avro" item (priority 100).
    this.item = vscode.window.createStatusBarItem('avro.compatibility', vscode.StatusBarAlignment.Right, 99);
    this.item.name = 'Avro Compatibility';
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument(doc => {
        if (this.statuses.delete(doc.uri.toString())) this.render();
      }),
    );
    this.render();
  }

  /** A status notification from the server. */
  set(status: CompatibilityStatusParams): void {
    this.statuses.set(vscode.Uri.parse(status.uri).toString(), status);
    this.render();
  }

  /** The status of a document (for tests and other commands). */
  get(uri: vscode.Uri): CompatibilityStatusParams | undefined {
    return this.statuses.get(uri.toString());
  }

  /** The server restarted: what it said before no longer holds. */
  clear(): void {
    this.statuses.clear();
    this.render();
  }

  private render(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const status = doc && doc.languageId === this.languageId ? this.statuses.get(doc.uri.toString()) : undefined;
    // Nothing to say (another language, no answer yet, or checks turned off): no item.
    if (!doc || !status || status.state === 'off') {
      this.item.hide();
      return;
    }
    const what = status.level ? `${status.level} vs ${baselineLabel(status.baseline)}` : 'Compatibility';
    let text: string;
    switch (status.state) {
      case 'checking': text = `$(sync~spin) ${what}`; break;
      case 'compatible': text = `$(pass) ${what}`; break;
      case 'breaking': text = `$(warning) ${what}: ${status.count} breaking change${status.count === 1 ? '' : 's'}`; break;
      case 'new': text = `$(circle-slash) ${what}: new file`; break;
      default: text = `$(circle-slash) ${what}: unavailable`; break;
    }
    this.item.text = text;
    this.item.tooltip = `${status.message}\n\nClick for the compatibility report (Avro: Check Compatibility).`;
    this.item.backgroundColor = status.state === 'breaking' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.command = { title: 'Check Compatibility', command: CommandIds.checkCompatibility, arguments: [doc.uri] };
    this.item.accessibilityInformation = { label: `Avro compatibility: ${status.message}` };
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
