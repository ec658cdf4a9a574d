// The "Schema Registry" view in the Explorer: every mapped schema of the workspace grouped by sync state (with counts), each item opening its file, with context and toolbar actions.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RegistrySyncStatusRequest, type RegistrySyncEntry, type RegistrySyncStatusResult } from '../../../server/src/protocol';
import { foldersWithRegistry, type RegistryFolder } from './folders';
import { request, isCancelled } from './requests';
import { actionableCount, entryDescription, groupEntries, type StateInfo } from './syncModel';

export const SYNC_VIEW_ID = 'avro.registrySync';
/** Context key: some workspace folder's avro-studio.json names a registry (views and menus use it). */
export const CONFIGURED_CONTEXT_KEY = 'avro.registry.configured';

interface FolderState {
  folder: RegistryFolder;
  result?: RegistrySyncStatusResult;
  error?: string;
}

export type SyncNode =
  | { kind: 'folder'; state: FolderState }
  | { kind: 'group'; folder: FolderState; info: StateInfo; entries: RegistrySyncEntry[] }
  | { kind: 'entry'; folder: FolderState; entry: RegistrySyncEntry; uri: vscode.Uri }
  | { kind: 'message'; text: string; icon: string };

export class RegistrySyncView implements vscode.TreeDataProvider<SyncNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SyncNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  readonly treeView: vscode.TreeView<SyncNode>;
  private folders: FolderState[] = [];
  private loaded = false;
  private running: Promise<RegistrySyncEntry[]> | undefined;
  private queued: Promise<RegistrySyncEntry[]> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly client: LanguageClient, private readonly output: vscode.LogOutputChannel) {
    this.treeView = vscode.window.createTreeView(SYNC_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
    this.subscriptions.push(
      this.treeView,
      // The first time the view is shown, it loads; later only on Refresh and after registry commands.
      this.treeView.onDidChangeVisibility(e => {
        if (e.visible && !this.loaded) void this.refresh();
      }),
      // A schema saved while the view is shown: its state may have changed (one refresh per burst of saves).
      vscode.workspace.onDidSaveTextDocument(doc => {
        if (!this.loaded || !this.treeView.visible || !/\.avsc$/i.test(doc.uri.path)) return;
        clearTimeout(this.saveTimer);
        this.saveTimer = setTimeout(() => void this.refresh(), 1500);
      }),
      { dispose: () => clearTimeout(this.saveTimer) },
    );
  }

  /** The entries of the last refresh (every folder). */
  entries(): Array<RegistrySyncEntry & { folder: vscode.Uri }> {
    return this.folders.flatMap(f => (f.result?.entries ?? []).map(e => ({ ...e, folder: f.folder.folder.uri })));
  }

  /** True once a refresh has completed. */
  get hasLoaded(): boolean {
    return this.loaded;
  }

  /**
   * Ask the server for the state of every mapped schema of every folder with a registry. A call
   * while a run is under way gets one more run after it (its answer reflects the state as of the
   * call); calls meanwhile share that one. In Restricted Mode nothing is asked: the view says why.
   */
  refresh(): Promise<RegistrySyncEntry[]> {
    if (this.running) {
      this.queued ??= this.running.catch(() => undefined).then(() => {
        this.queued = undefined;
        return this.refresh();
      });
      return this.queued;
    }
    this.running = this.load().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async load(): Promise<RegistrySyncEntry[]> {
    const folders = await foldersWithRegistry();
    void vscode.commands.executeCommand('setContext', CONFIGURED_CONTEXT_KEY, folders.length > 0);
    if (folders.length === 0) {
      this.folders = [];
      this.treeView.message = undefined;
      this.treeView.badge = undefined;
      this.loaded = true;
      this.changed.fire(undefined);
      return [];
    }
    if (!vscode.workspace.isTrusted) {
      this.folders = folders.map(folder => ({ folder }));
      // The view's welcome content says why, with a "Manage Workspace Trust" button.
      this.treeView.message = undefined;
      this.treeView.badge = undefined;
      this.loaded = true;
      this.changed.fire(undefined);
      return [];
    }
    this.treeView.message = undefined;
    const states = await vscode.window.withProgress({ location: { viewId: SYNC_VIEW_ID }, title: 'Comparing schemas with the registry' }, () =>
      Promise.all(folders.map(async (folder): Promise<FolderState> => {
        try {
          const result = await request(this.client, RegistrySyncStatusRequest, { folder: folder.folder.uri.toString() });
          return { folder, result };
        } catch (error) {
          if (!isCancelled(error)) this.output.error(`Sync status of ${folder.folder.name} failed: ${error instanceof Error ? error.message : String(error)}`);
          return { folder, error: error instanceof Error ? error.message : String(error) };
        }
      })),
    );
    this.folders = states;
    this.loaded = true;
    const entries = this.entries();
    const attention = actionableCount(entries);
    this.treeView.badge = attention > 0 ? { value: attention, tooltip: `${attention} schema${attention === 1 ? '' : 's'} to register, pull or fix` } : undefined;
    this.treeView.description = states.map(s => s.result?.message).filter(Boolean).join(' · ') || undefined;
    this.changed.fire(undefined);
    return entries;
  }

  getTreeItem(node: SyncNode): vscode.TreeItem {
    switch (node.kind) {
      case 'folder': {
        const item = new vscode.TreeItem(node.state.folder.folder.name, vscode.TreeItemCollapsibleState.Expanded);
        item.description = node.state.folder.registry?.url;
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.contextValue = 'registryFolder';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.info.label, node.info.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `${node.folder.folder.folder.uri.toString()}#${node.info.state}`;
        item.description = String(node.entries.length);
        item.iconPath = new vscode.ThemeIcon(node.info.icon, node.info.color ? new vscode.ThemeColor(node.info.color) : undefined);
        item.contextValue = `registryGroup:${node.info.state}`;
        item.accessibilityInformation = { label: `${node.info.label}: ${node.entries.length}` };
        return item;
      }
      case 'entry': {
        const relative = vscode.workspace.asRelativePath(node.uri, false);
        const item = new vscode.TreeItem(relative, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.folder.folder.folder.uri.toString()}#${node.entry.state}#${node.entry.uri}`;
        item.resourceUri = node.uri;
        item.description = entryDescription(node.entry);
        const info = groupEntries([node.entry])[0].info;
        item.iconPath = new vscode.ThemeIcon(info.icon, info.color ? new vscode.ThemeColor(info.color) : undefined);
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**${info.label}**`);
        if (node.entry.subject) tooltip.appendMarkdown(` · \`${node.entry.subject}\``);
        tooltip.appendMarkdown('\n\n');
        tooltip.appendText(node.entry.message);
        item.tooltip = tooltip;
        item.contextValue = `registryEntry:${node.entry.state}`;
        item.command = { title: 'Open', command: 'vscode.open', arguments: [node.uri] };
        item.accessibilityInformation = { label: `${relative}: ${info.label}. ${node.entry.message}` };
        return item;
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.tooltip = node.text;
        return item;
      }
    }
  }

  getChildren(node?: SyncNode): SyncNode[] {
    if (!node) {
      if (this.folders.length === 0) return [];
      if (this.folders.length === 1) return this.folderChildren(this.folders[0]);
      return this.folders.map(state => ({ kind: 'folder', state }));
    }
    if (node.kind === 'folder') return this.folderChildren(node.state);
    if (node.kind === 'group') return node.entries.map(entry => ({ kind: 'entry', folder: node.folder, entry, uri: vscode.Uri.parse(entry.uri) }));
    return [];
  }

  private folderChildren(state: FolderState): SyncNode[] {
    if (state.error) return [{ kind: 'message', text: `The sync status could not be computed: ${state.error}`, icon: 'error' }];
    if (!state.result) return [];
    if (state.result.entries.length === 0) return [{ kind: 'message', text: state.result.message || 'No schema is mapped to a subject.', icon: 'info' }];
    return groupEntries(state.result.entries).map(g => ({ kind: 'group', folder: state, info: g.info, entries: g.entries }));
  }

  getParent(node: SyncNode): SyncNode | undefined {
    if (node.kind === 'entry') {
      const group = this.folderChildren(node.folder).find(g => g.kind === 'group' && g.info.state === node.entry.state);
      return group;
    }
    if (node.kind === 'group' && this.folders.length > 1) return { kind: 'folder', state: node.folder };
    return undefined;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
