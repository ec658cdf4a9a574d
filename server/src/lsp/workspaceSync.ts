// Keeps the workspace index in step with the disk: initial crawl (with progress), file watcher events, folder changes, re-index.
import { FileChangeType, type Diagnostic, type FileEvent, type WorkDoneProgressServerReporter, type WorkspaceFolder, type WorkspaceFoldersChangeEvent } from 'vscode-languageserver';
import * as path from 'node:path';
import { StatusNotification, type ReindexResult, type StatusParams } from '../protocol';
import { baselineExclusions } from '../project/baselines';
import { ExcludeMatcher } from '../workspace/exclude';
import { editorBaselinesInUse } from './compat/policy';
import { loadWorkspace, readFiles, type WorkspaceFolderSpec } from '../workspace/loader';
import { errorMessage } from '../workspace/crawler';
import { pathToUri, uriToPath } from '../workspace/uris';
import { CODE_INFO, Codes } from '../service/codes';
import { LineIndex } from '../service/text';
import { toLspDiagnostic } from './conversions';
import type { ServerContext } from './context';
import { formatError } from './guard';
import { sendNotification } from './messages';
import { orAfter, yieldToEventLoop } from './runtime';

interface Folder {
  uri: string;
  path: string;
  exclude: ExcludeMatcher;
  patterns: readonly string[];
  /** avro-studio.json's "exclude" (relative to the project file), which wins over the settings, and the baseline copies in the folder. */
  projectExclude: Array<{ root: string; patterns: readonly string[] }>;
}

const EMPTY_TEXT = new LineIndex('');

/** The message of AVRO-501: what could not be read, what that costs, how to fix it. */
function unreadableMessage(reason: string): string {
  if (/\bscandir\b/.test(reason)) {
    return `This folder cannot be read (${reason}): the schemas in it are not indexed, so the named types they define are unknown to other files. Make it readable, then run "Avro: Re-index Workspace Schemas".`;
  }
  return `This file cannot be read (${reason}): it is not validated, and the named types it defines are unknown to other files. Make it a readable file (permissions, disk, not a folder), then run "Avro: Re-index Workspace Schemas".`;
}

/** Whether `p` is inside `folder` (not the folder itself). */
function isInside(p: string, folder: string): boolean {
  const rel = path.relative(folder, p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** How long the client may take to accept a work done progress before indexing goes on without one. */
const PROGRESS_CREATE_TIMEOUT_MS = 2000;

/** Minimum time between two progress reports (status notification and work done progress). */
const PROGRESS_INTERVAL_MS = 200;

export class WorkspaceSync {
  private folders: Folder[] = [];
  private folderList: WorkspaceFolder[] = [];
  /** Serializes every change to the disk part of the index (crawl, watcher events). */
  private queue: Promise<unknown> = Promise.resolve();
  private pendingReindex: Promise<ReindexResult> | undefined;
  private resolveFirstIndex!: () => void;
  private readonly firstIndex = new Promise<void>(resolve => (this.resolveFirstIndex = resolve));
  private indexed = false;
  /** The settings an index was built with: a change of these needs a new crawl. */
  private indexedWith = '';
  private state: StatusParams['state'] = 'starting';
  private disposed = false;
  /** Workspace paths (files, or folders) that could not be read, with why: each has an AVRO-501 diagnostic. */
  private readonly unreadablePaths = new Map<string, string>();

  constructor(
    private readonly ctx: ServerContext,
    /** Documents whose diagnostics may have changed because the disk part of the index changed. */
    private readonly onChanged: (affected: readonly string[] | 'all') => void,
  ) {}

  /** Resolves when the first crawl is done, or after the timeout. */
  whenIndexed(timeoutMs: number): Promise<void> {
    if (this.indexed) return Promise.resolve();
    return orAfter(this.ctx.runtime, this.firstIndex, timeoutMs, undefined);
  }

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folderList = [...folders];
  }

  /** The workspace folders' paths, known from initialize on (before any crawl). */
  folderPaths(): string[] {
    return this.folderList.map(f => uriToPath(f.uri)).filter((p): p is string => p !== undefined);
  }

  /** The file path of a URI if it is an .avsc file the workspace indexes (inside a folder, not excluded). */
  workspacePathOf(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (p === undefined || !p.toLowerCase().endsWith('.avsc')) return undefined;
    for (const f of this.folders) {
      const rel = f.exclude.relative(p);
      if (rel !== undefined && rel !== '' && !f.exclude.isExcludedFile(p)) return p;
    }
    return undefined;
  }

  /** The workspace folder (path) holding a URI's file, if any. */
  folderOf(uri: string): string | undefined {
    const p = uriToPath(uri);
    if (p === undefined) return undefined;
    return this.folders.find(f => f.exclude.relative(p) !== undefined)?.path;
  }

  /** Crawl every folder again (initialized, avro/reindex, exclude or size settings changed). */
  reindex(): Promise<ReindexResult> {
    if (this.pendingReindex) return this.pendingReindex;
    const run = this.enqueue(async () => {
      this.pendingReindex = undefined;
      return this.crawlAll();
    });
    this.pendingReindex = run;
    return run;
  }

  /** After didChangeConfiguration: crawl again only when the exclude globs or the size limit changed. */
  async onConfigurationChanged(): Promise<void> {
    // The severity of AVRO-501 may have changed.
    for (const p of this.unreadablePaths.keys()) void this.ctx.activity.track(this.publishUnreadable(p));
    if ((await this.indexSettingsKey()) !== this.indexedWith) await this.reindex();
  }

  /** A workspace file could not be read (server.ts, when a closed document goes back to its file). */
  unreadable(p: string, err: unknown): void {
    // Published again even when known: the document's own diagnostics were just cleared.
    this.setUnreadable(p, errorMessage(err), true);
  }

  /** A workspace file was read: an AVRO-501 it had goes. */
  readable(p: string): void {
    this.setUnreadable(p, undefined);
  }

  onWatchedFilesChanged(changes: readonly FileEvent[]): Promise<void> {
    return this.enqueue(async () => {
      const affected = new Set<string>();
      const errors: Array<{ path: string; message: string }> = [];
      const toRead: string[] = [];
      for (const change of changes) {
        const p = uriToPath(change.uri);
        if (p === undefined) continue;
        if (change.type === FileChangeType.Deleted) {
          for (const u of this.ctx.index.removeDiskFile(p).affected) affected.add(u);
          // A deleted folder: everything known under it goes too.
          for (const inside of this.ctx.index.pathsUnder(p)) for (const u of this.ctx.index.removeDiskFile(inside).affected) affected.add(u);
        } else if (this.workspacePathOf(change.uri) !== undefined) {
          toRead.push(p);
        } else {
          for (const u of this.ctx.index.removeDiskFile(p).affected) affected.add(u);
        }
      }
      if (toRead.length && this.ctx.runtime.fs) {
        await readFiles(this.ctx.runtime.fs, toRead, this.ctx.index, affected, errors, { trackAffected: true });
      }
      for (const e of errors) this.ctx.logger.warn(`Avro Studio: cannot read ${e.path}: ${e.message}`);
      // What this batch touched is readable now, unless it failed again (deleted: gone, with what was under it).
      const failed = new Map(errors.map(e => [e.path, e.message]));
      for (const change of changes) {
        const p = uriToPath(change.uri);
        if (p === undefined) continue;
        for (const known of [...this.unreadablePaths.keys()]) if ((known === p || isInside(known, p)) && !failed.has(known)) this.setUnreadable(known, undefined);
      }
      for (const [p, message] of failed) this.setUnreadable(p, message);
      if (affected.size) this.onChanged([...affected]);
      this.sendStatus('ready', this.readyMessage());
    });
  }

  async onFoldersChanged(event: WorkspaceFoldersChangeEvent): Promise<void> {
    const removed = new Set(event.removed.map(f => f.uri));
    this.folderList = this.folderList.filter(f => !removed.has(f.uri)).concat(event.added);
    await this.reindex();
    // Files of removed folders are dropped (the crawl only covers the folders that remain).
    await this.enqueue(async () => {
      const affected = new Set<string>();
      for (const f of event.removed) {
        const p = uriToPath(f.uri);
        if (p === undefined) continue;
        for (const inside of this.ctx.index.pathsUnder(p)) {
          if (this.folders.some(kept => kept.exclude.relative(inside) !== undefined)) continue;
          for (const u of this.ctx.index.removeDiskFile(inside).affected) affected.add(u);
        }
      }
      if (affected.size) this.onChanged([...affected]);
    });
  }

  dispose(): void {
    this.disposed = true;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const result = this.ctx.activity.track(this.queue.then(work, work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async readFolders(): Promise<Folder[]> {
    const out: Folder[] = [];
    for (const f of this.folderList) {
      const p = uriToPath(f.uri);
      if (p === undefined) continue; // virtual file systems: only open documents are known
      const settings = await this.ctx.settings.get(f.uri);
      const loaded = await this.ctx.projectConfigs.ensure(p);
      const project = loaded?.config;
      const projectExclude = project?.exclude.length ? [{ root: project.root, patterns: project.exclude }] : [];
      // Baseline copies inside the folder (file: baselines) are not schemas of it: the same ones `avro-studio check` leaves out.
      projectExclude.push(...await baselineExclusions(editorBaselinesInUse(p, settings.compatibility, loaded), p));
      out.push({ uri: f.uri, path: p, exclude: new ExcludeMatcher(p, settings.exclude, projectExclude), patterns: settings.exclude, projectExclude });
    }
    return out;
  }

  private async indexSettingsKey(): Promise<string> {
    const folders = await this.readFolders();
    const limit = (await this.ctx.settings.get(this.folderList[0]?.uri)).maxFileSize;
    return JSON.stringify({ folders: folders.map(f => [f.path, f.patterns, f.projectExclude]), limit });
  }

  private async crawlAll(): Promise<ReindexResult> {
    const start = this.ctx.runtime.now();
    const fs = this.ctx.runtime.fs;
    try {
      this.folders = await this.readFolders();
      this.ctx.index.maxFileSize = (await this.ctx.settings.get(this.folderList[0]?.uri)).maxFileSize;
      this.indexedWith = JSON.stringify({ folders: this.folders.map(f => [f.path, f.patterns, f.projectExclude]), limit: this.ctx.index.maxFileSize });
      if (!fs || this.folders.length === 0) {
        this.sendStatus('ready', this.readyMessage());
        return { indexedFiles: 0, durationMs: this.ctx.runtime.now() - start };
      }
      this.sendStatus('indexing', 'Avro: indexing schemas…');
      const progress = this.ctx.client.workDoneProgress ? new Progress(this.ctx) : undefined;
      progress?.begin('Indexing Avro schemas');
      let lastReport = 0;
      const specs: WorkspaceFolderSpec[] = this.folders.map(f => ({ path: f.path, exclude: f.patterns, projectExclude: f.projectExclude }));
      const result = await loadWorkspace(fs, specs, this.ctx.index, {
        yieldToEventLoop: () => yieldToEventLoop(this.ctx.runtime),
        now: () => this.ctx.runtime.now(),
        isCancelled: () => this.disposed,
        onProgress: (done, total) => {
          const now = this.ctx.runtime.now();
          if (now - lastReport < PROGRESS_INTERVAL_MS && done < total) return;
          lastReport = now;
          const message = `${done}/${total} files`;
          progress?.report(total ? Math.floor((done / total) * 100) : 100, message);
          this.sendStatus('indexing', `Avro: indexing schemas (${message})`);
        },
      });
      await progress?.done();
      for (const e of result.errors) this.ctx.logger.warn(`Avro Studio: cannot read ${e.path}: ${e.message}`);
      // A path that failed before and was not reported this time was read (or is gone, or excluded).
      const failed = new Map(result.errors.filter(e => this.folders.some(f => isInside(e.path, f.path))).map(e => [e.path, e.message]));
      for (const p of [...this.unreadablePaths.keys()]) if (!failed.has(p)) this.setUnreadable(p, undefined);
      for (const [p, message] of failed) this.setUnreadable(p, message);
      const durationMs = this.ctx.runtime.now() - start;
      this.ctx.logger.info(`Avro Studio: indexed ${this.ctx.index.size} .avsc files in ${Math.round(durationMs)} ms${result.errors.length ? ` (${result.errors.length} could not be read)` : ''}.`);
      this.sendStatus('ready', this.readyMessage(result.errors.length));
      return { indexedFiles: this.ctx.index.size, durationMs };
    } catch (err) {
      this.ctx.logger.error(formatError('Avro Studio: indexing the workspace failed', err));
      this.sendStatus('error', 'Avro: indexing failed (see the output channel)');
      return { indexedFiles: this.ctx.index.size, durationMs: this.ctx.runtime.now() - start };
    } finally {
      this.indexed = true;
      this.resolveFirstIndex();
      this.onChanged('all');
    }
  }

  private setUnreadable(p: string, reason: string | undefined, republish = false): void {
    if (this.unreadablePaths.get(p) === reason && !republish) return;
    if (reason === undefined) this.unreadablePaths.delete(p);
    else this.unreadablePaths.set(p, reason);
    void this.ctx.activity.track(this.publishUnreadable(p));
  }

  /** Publish the AVRO-501 of a path (or clear it). An open document's own diagnostics hold its URI meanwhile. */
  private async publishUnreadable(p: string): Promise<void> {
    const uri = pathToUri(p);
    const reason = this.unreadablePaths.get(p);
    let diagnostics: Diagnostic[] = [];
    if (reason !== undefined) {
      const severity = (await this.ctx.settings.get(uri)).avro.severity[Codes.FileUnreadable] ?? CODE_INFO[Codes.FileUnreadable].severity;
      if (severity !== 'off') {
        diagnostics = [toLspDiagnostic({ code: Codes.FileUnreadable, severity, offset: 0, length: 0, message: unreadableMessage(reason), data: { reason } }, EMPTY_TEXT, () => undefined)];
      }
    }
    // Changed again while the settings were read: the later call publishes.
    if (this.disposed || this.unreadablePaths.get(p) !== reason || this.ctx.documents.get(uri)) return;
    this.ctx.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }

  private readyMessage(unreadable = 0): string {
    const n = this.ctx.index.size;
    const roots = this.folders.map(f => path.basename(f.path)).join(', ');
    return `Avro: ${n} schema file${n === 1 ? '' : 's'} indexed${roots ? ` in ${roots}` : ''}${unreadable ? `; ${unreadable} could not be read` : ''}`;
  }

  private sendStatus(state: StatusParams['state'], message: string): void {
    this.state = state;
    const params: StatusParams = { state, indexedFiles: this.ctx.index.size, message };
    sendNotification(this.ctx.connection, StatusNotification, params).catch(() => undefined);
  }

  get status(): StatusParams['state'] {
    return this.state;
  }
}

/** window/workDoneProgress: created without blocking the work (reports before the client answered are queued). */
class Progress {
  private reporter: Promise<WorkDoneProgressServerReporter | undefined>;

  constructor(ctx: ServerContext) {
    // A client that never answers window/workDoneProgress/create must not hold up indexing.
    const created = ctx.connection.window.createWorkDoneProgress().then(
      r => r,
      () => undefined,
    );
    this.reporter = orAfter<WorkDoneProgressServerReporter | undefined>(ctx.runtime, created, PROGRESS_CREATE_TIMEOUT_MS, undefined);
  }

  begin(title: string): void {
    void this.reporter.then(r => r?.begin(title, 0, undefined, false));
  }

  report(percentage: number, message: string): void {
    void this.reporter.then(r => r?.report(percentage, message));
  }

  done(): Promise<void> {
    return this.reporter.then(r => r?.done());
  }
}
