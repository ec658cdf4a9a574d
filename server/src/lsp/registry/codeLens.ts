// The registry CodeLens above the top-level type: subject, latest version, sync state and the action that fits; computed in the background, never blocking the request.
//
// A lens request answers at once from what is known for the document's current version (the
// previous state, or "checking the registry…" the first time) and starts the computation; when it
// finishes with a different text the client is asked to fetch the lenses again
// (workspace/codeLens/refresh). Reads go through the session's recent values (no request per
// keystroke); the registry's own verdict is left to the commands.
import { ErrorCodes, ResponseError, type CodeLens, type CodeLensParams } from 'vscode-languageserver';
import { CONFIGURATION_SECTION, RegistryCommands, type RegistrySyncEntry } from '../../protocol';
import { lensAnchor, registryLensText, type LensInput, type LensState } from '../../service/languageService';
import { toRange } from '../conversions';
import type { ServerContext } from '../context';
import { lineIndexOf } from '../diagnostics';
import { formatError } from '../guard';
import type { Disposable } from '../runtime';
import type { RegistryFolder, RegistryFolders } from './folders';
import { subjectOf } from './plan';
import type { SyncStates } from './sync';

/** Refresh requests to the client are coalesced over this long (ms). */
const REFRESH_DELAY_MS = 150;

interface LensMemo {
  /** What `entry` was computed for. */
  key: string;
  entry: RegistrySyncEntry | undefined;
  /** The computation under way (one at a time per document). */
  computing: string | undefined;
  /** The latest key asked for: computed next when the one under way finishes. */
  wanted: string;
}

export class RegistryLenses {
  private readonly memos = new Map<string, LensMemo>();
  private refreshUnsupported = false;
  private refreshTimer: Disposable | undefined;
  private readonly enabledCache = new Map<string, Promise<boolean>>();
  private enabledGeneration = -1;

  constructor(private readonly ctx: ServerContext, private readonly folders: RegistryFolders, private readonly sync: SyncStates) {}

  async provide(params: CodeLensParams): Promise<CodeLens[]> {
    const uri = params.textDocument.uri;
    if (!(await this.enabled(uri))) return [];
    const doc = this.ctx.models.get(uri);
    if (!doc) return [];
    const anchor = lensAnchor(doc);
    if (!anchor) return [];
    const found = this.folders.peek(this.folders.folderOfDocument(uri));
    if (!found) return []; // the project file is being read: a refresh follows
    const range = toRange(lineIndexOf(this.ctx, doc), anchor.offset, anchor.length);
    if (!found.ok) {
      if (found.state !== 'untrusted' || found.folder === undefined) return [];
      const project = this.folders.peekProject(found.folder);
      const mapping = project.state === 'ready' && project.config ? subjectOf(this.ctx, { folder: found.folder, project: project.config } as RegistryFolder, doc).resolution : undefined;
      return [this.lens(range, { state: 'untrusted', subject: mapping?.kind === 'subject' ? mapping.subject : undefined }, uri, undefined)];
    }
    const folder = found.value;
    const mapping = subjectOf(this.ctx, folder, doc).resolution;
    if (mapping.kind === 'unmapped') return [this.lens(range, { state: 'unmapped' }, uri, folder)];
    const session = folder.session;
    // Cross-file references change the canonical form when another file changes.
    const key = `${doc.version}:${session.generation}:${doc.references.length ? this.ctx.index.generation : 0}:${mapping.subject}`;
    let memo = this.memos.get(uri);
    if (!memo) this.memos.set(uri, (memo = { key: '', entry: undefined, computing: undefined, wanted: '' }));
    memo.wanted = key;
    if (memo.key !== key && memo.computing === undefined) this.compute(uri, folder, key, memo);
    const entry = memo.entry;
    let input: LensInput;
    if (session.state === 'unauthorized') input = { state: 'unauthorized', subject: mapping.subject };
    else if (!entry || entry.subject !== mapping.subject) input = { state: 'checking', subject: mapping.subject };
    else if (entry.state === 'error' && session.state === 'offline') input = { state: 'offline', subject: mapping.subject, latestVersion: entry.latestVersion };
    else input = { state: entry.state as LensState, subject: entry.subject, latestVersion: entry.latestVersion, localVersionMatch: entry.localVersionMatch };
    return [this.lens(range, input, uri, folder)];
  }

  /** Forget a document's lens state (closed). */
  forget(uri: string): void {
    this.memos.delete(uri);
  }

  /** The registry of a folder changed (or all): recompute the lenses. */
  invalidate(): void {
    for (const memo of this.memos.values()) memo.key = '';
    this.refresh();
  }

  /** Sync states computed elsewhere (the sync command) are the lenses' too. */
  remember(entries: readonly RegistrySyncEntry[]): void {
    let changed = false;
    for (const e of entries) {
      const memo = this.memos.get(e.uri);
      if (!memo) continue;
      if (JSON.stringify(memo.entry) !== JSON.stringify(e)) changed = true;
      memo.entry = e;
    }
    if (changed) this.refresh();
  }

  dispose(): void {
    this.refreshTimer?.dispose();
  }

  private compute(uri: string, folder: RegistryFolder, key: string, memo: LensMemo): void {
    memo.computing = key;
    const next = (): void => {
      memo.computing = undefined;
      if (this.memos.get(uri) === memo && memo.wanted !== memo.key) this.compute(uri, folder, memo.wanted, memo);
    };
    void this.ctx.activity.track(this.sync.entry(folder, uri, { live: false, verdict: false }).then(entry => {
      if (this.memos.get(uri) !== memo) return;
      const before = JSON.stringify(memo.entry);
      memo.entry = entry;
      memo.key = key;
      if (JSON.stringify(entry) !== before) this.refresh();
      next();
    }, err => {
      memo.key = key;
      this.ctx.logger.warn(formatError(`Avro Studio: the registry lens of ${uri} failed`, err));
      next();
    }));
  }

  private lens(range: CodeLens['range'], input: LensInput, uri: string, folder: RegistryFolder | undefined): CodeLens {
    const text = registryLensText(input);
    const folderUri = folder?.folderUri;
    switch (text.action) {
      case 'versions': return { range, command: { title: text.title, command: RegistryCommands.showVersions, arguments: [uri] } };
      case 'register': return { range, command: { title: text.title, command: RegistryCommands.register, arguments: [uri] } };
      case 'check': return { range, command: { title: text.title, command: RegistryCommands.checkCompatibility, arguments: [uri] } };
      case 'pull': return { range, command: { title: text.title, command: RegistryCommands.pull, arguments: [uri] } };
      case 'add-mapping': return { range, command: { title: text.title, command: RegistryCommands.addMapping, arguments: [uri] } };
      case 'test-connection': return { range, command: { title: text.title, command: RegistryCommands.testConnection, arguments: folderUri ? [folderUri] : [] } };
      case 'set-credentials': return { range, command: { title: text.title, command: RegistryCommands.setCredentials, arguments: [] } };
      case 'none': return { range, command: { title: text.title, command: '' } };
    }
  }

  /** Ask the client for new lenses soon (coalesced); clients that do not support it are asked once. */
  private refresh(): void {
    if (this.refreshUnsupported || this.refreshTimer) return;
    this.refreshTimer = this.ctx.activity.setTimeout(() => {
      this.refreshTimer = undefined;
      return this.ctx.connection.sendRequest('workspace/codeLens/refresh').catch(err => {
        if (err instanceof ResponseError && err.code === ErrorCodes.MethodNotFound) this.refreshUnsupported = true;
      });
    }, REFRESH_DELAY_MS);
  }

  /** The setting avro.registry.codeLens of a document (default true), read once per settings generation. */
  private enabled(uri: string): Promise<boolean> {
    if (!this.ctx.client.configuration) return Promise.resolve(true);
    if (this.enabledGeneration !== this.ctx.settings.generation) {
      this.enabledGeneration = this.ctx.settings.generation;
      this.enabledCache.clear();
    }
    let p = this.enabledCache.get(uri);
    if (!p) {
      p = this.ctx.connection.workspace.getConfiguration({ scopeUri: uri, section: CONFIGURATION_SECTION }).then(
        raw => (raw as { registry?: { codeLens?: unknown } } | null)?.registry?.codeLens !== false,
        () => true,
      );
      this.enabledCache.set(uri, p);
    }
    return p;
  }
}
