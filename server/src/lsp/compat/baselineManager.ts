// The editor's baselines: loaded once per (file, baseline), parsed once, served from memory while current; reloaded when the ref moves or on request.
//
// What a baseline is and how it is read is the project layer's (project/baselines.ts: the same
// providers, companions and parsing as `avro-studio check`); this file only decides when: git:REF
// versions come from one snapshot of the commit per repository and ref position, shared by every
// document of the repository until the ref moves.
// Loads run in the background (a few at a time, never on the diagnostics path): `get` answers at
// once with what is there ('loading' the first time) and `onLoaded` tells the caller which
// documents to check again. A reload keeps the previous result until the new one is there, so
// diagnostics do not blink. Git refs are watched by polling their files (refState.ts: no git
// process); one token per repository and ref is read per round, however many documents use it.
// Memory is bounded: at most `maxEntries` entries, least recently used first out.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AvroDocument } from '../../service/model/types';
import type { SchemaIndex } from '../../service/languageService';
import type { BaselineSchema } from '../../baselines/baselineSchemas';
import { findGitDirs, refToken } from '../../baselines/refState';
import type { BaselineProvider, BaselineResult } from '../../baselines/types';
import { BASELINE_URI_SCHEME, formatBaselineSpec, isGitBaseline, type BaselineSpec, type BaselineUriQuery } from '../../domain/baselines';
import { Baselines, loadVersions } from '../../project/baselines';
import { pathToUri } from '../../workspace/uris';

export interface BaselineRequest {
  /** Absolute path of the schema file. */
  filePath: string;
  /** Its URI as the editor spells it. */
  fileUri: string;
  spec: BaselineSpec;
  /** Folder that relative file: paths start from (the project file's folder or the workspace folder). */
  root: string;
  /** Folder whose relative paths a baseline folder mirrors (the workspace folder; default `root`). */
  workspaceRoot?: string;
}

/** A baseline document as the editor can show it. */
export interface BaselineDocument {
  doc: AvroDocument;
  /** Where the editor opens it: avro-baseline: for git versions, the file itself for file: baselines. */
  openUri: string;
  /** The version label ("HEAD", "3f2c1ab"). */
  label: string;
  /** The working file it is a version of. */
  fileUri: string;
  /** The baseline it belongs to ("git:HEAD"). */
  baseline: string;
}

export interface LoadedBaseline {
  result: BaselineResult;
  /** The parsed versions (ok results only), newest first, with other files' named types resolved at the same version. */
  schemas: BaselineSchema[];
  /** Every document of the versions (companion files included), by the URI their spans carry. */
  documents: Map<string, BaselineDocument>;
  /** When the load finished (runtime.now()). */
  loadedAt: number;
  /** How long it took, ms. */
  durationMs: number;
}

export type BaselineState =
  | { state: 'loading'; previous: LoadedBaseline | undefined }
  | { state: 'ready'; baseline: LoadedBaseline };

export interface BaselineManagerOptions {
  trusted(): boolean;
  gitPath?: string;
  /** The workspace's documents: named types the versions use from other files. */
  workingTree(): SchemaIndex;
  /** File path of a workspace document URI. */
  pathOf(uri: string): string | undefined;
  now(): number;
  /** A load finished: these documents (that asked for the baseline) may have new results. */
  onLoaded(users: string[]): void;
  log(message: string): void;
  maxEntries?: number;
  maxConcurrentLoads?: number;
  /** The provider of a `registry` baseline (the editor's registry feature); without it the baseline says no registry is configured. */
  registry?(request: BaselineRequest): BaselineProvider | undefined;
  /** Told of every load as it starts (the language server counts it as work under way). */
  loadStarted?(load: Promise<unknown>): void;
}

interface Entry {
  key: string;
  request: BaselineRequest;
  /** Documents that asked for it (URIs). */
  users: Set<string>;
  current: LoadedBaseline | undefined;
  loading: Promise<LoadedBaseline> | undefined;
  /** The ref token read just before the current (or running) load started. */
  token: string | undefined;
  /** Bumped by invalidate(): a load started before it does not become `current`. */
  epoch: number;
}

const DEFAULT_MAX_ENTRIES = 64;
const DEFAULT_CONCURRENT_LOADS = 3;

export class BaselineManager {
  private readonly entries = new Map<string, Entry>();
  private running = 0;
  private readonly waiting: Array<() => void> = [];
  private epoch = 0;
  /** The providers (the project layer's), with one git snapshot per (repository, ref) position. */
  private readonly baselines: Baselines;

  constructor(private readonly options: BaselineManagerOptions) {
    this.baselines = new Baselines({ gitPath: options.gitPath });
  }

  static keyOf(request: BaselineRequest): string {
    const spec = formatBaselineSpec(request.spec);
    // A path from avro-studio.json is confined to its folder, the same path from the settings is not: two entries.
    return request.spec.kind === 'file' ? `${spec}\u0000${request.root}\u0000${request.filePath}\u0000${request.spec.origin ? 'project' : 'settings'}` : `${spec}\u0000${request.filePath}`;
  }

  /** The state now, without waiting; starts the load when there is none. */
  get(request: BaselineRequest, user: string): BaselineState {
    const entry = this.entry(request, user);
    // While a reload runs, the previous result is still served (no blinking diagnostics).
    if (entry.current) return { state: 'ready', baseline: entry.current };
    this.load(entry);
    return { state: 'loading', previous: undefined };
  }

  /**
   * The baseline, loading it first when needed (`fresh`: reload even when one is there). `signal`
   * (a request's cancellation) stops the wait; a load this call started stops too (its git
   * processes and registry requests), and the baseline loads again when next asked for.
   */
  async ensure(request: BaselineRequest, user: string, fresh = false, signal?: AbortSignal): Promise<LoadedBaseline> {
    signal?.throwIfAborted();
    const entry = this.entry(request, user);
    if (fresh && !entry.loading) {
      entry.epoch = ++this.epoch;
      entry.current = undefined;
    }
    if (entry.current && !entry.loading) return entry.current;
    // A load already running belongs to whoever started it (diagnostics, another request): it goes on, this request only stops waiting.
    const loading = entry.loading ?? this.load(entry, signal);
    return untilAborted(loading, signal);
  }

  /** Forget loaded baselines (all, or those of some files); they load again when next asked for. */
  invalidate(filter?: (request: BaselineRequest) => boolean): string[] {
    const users = new Set<string>();
    if (!filter) this.baselines.clear();
    for (const [key, entry] of this.entries) {
      if (filter && !filter(entry.request)) continue;
      for (const u of entry.users) users.add(u);
      this.entries.delete(key);
      entry.epoch = ++this.epoch;
    }
    return [...users];
  }

  /** Reload some baselines in the background; the current results are served until the new ones are there. Returns how many started. */
  reload(filter: (request: BaselineRequest) => boolean): number {
    let started = 0;
    for (const entry of this.entries.values()) {
      if (!filter(entry.request) || entry.loading) continue;
      this.load(entry);
      started++;
    }
    return started;
  }

  /** A document closed: it no longer needs its baselines kept current. */
  release(user: string): void {
    for (const e of this.entries.values()) e.users.delete(user);
  }

  /** True when some git baseline is in use by one of `open` (worth polling refs for). */
  watchesGit(open: (uri: string) => boolean): boolean {
    for (const e of this.entries.values()) {
      if (isGitBaseline(e.request.spec) && [...e.users].some(open)) return true;
    }
    return false;
  }

  /**
   * Read the ref token of every git baseline in use (once per repository and ref) and reload the
   * ones whose ref moved, in the background. Returns how many reloads started.
   */
  async pollRefs(open: (uri: string) => boolean): Promise<number> {
    if (!this.options.trusted()) return 0;
    const tokens = new Map<string, Promise<string | undefined>>();
    let started = 0;
    for (const entry of [...this.entries.values()]) {
      const spec = entry.request.spec;
      if ((spec.kind !== 'git' && spec.kind !== 'git-history') || entry.loading || !entry.current || ![...entry.users].some(open)) continue;
      const token = (await this.tokenOf(entry.request, tokens))?.token;
      if (token !== entry.token && this.entries.get(entry.key) === entry && !entry.loading) {
        this.options.log(`Avro Studio: ${formatBaselineSpec(spec)} moved (${path.basename(entry.request.filePath)}): reloading the baseline.`);
        this.load(entry);
        started++;
      }
    }
    return started;
  }

  /** The text of a version of a file (or of a file read at that version), from what is loaded. */
  document(fileUri: string, label: string | undefined): BaselineDocument | undefined {
    for (const e of this.entries.values()) {
      for (const d of e.current?.documents.values() ?? []) {
        if (d.fileUri === fileUri && (label === undefined || d.label === label)) return d;
      }
    }
    return undefined;
  }

  private entry(request: BaselineRequest, user: string): Entry {
    const key = BaselineManager.keyOf(request);
    let entry = this.entries.get(key);
    if (entry) {
      // Most recently used last.
      this.entries.delete(key);
      this.entries.set(key, entry);
    } else {
      entry = { key, request, users: new Set(), current: undefined, loading: undefined, token: undefined, epoch: this.epoch };
      this.entries.set(key, entry);
      this.evict();
    }
    entry.users.add(user);
    return entry;
  }

  private evict(): void {
    const max = this.options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    for (const [key, e] of this.entries) {
      if (this.entries.size <= max) break;
      if (!e.loading) this.entries.delete(key);
    }
  }

  private load(entry: Entry, signal?: AbortSignal): Promise<LoadedBaseline> {
    if (entry.loading) return entry.loading;
    const epoch = entry.epoch;
    const run = this.limited(() => this.read(entry.request, signal)).then(({ baseline, token }) => {
      if (entry.epoch === epoch) {
        entry.current = baseline;
        entry.token = token;
      }
      entry.loading = undefined;
      if (entry.epoch === epoch && this.entries.get(entry.key) === entry) this.options.onLoaded([...entry.users]);
      return baseline;
    }, err => {
      // Cancelled by the request that started it: nothing is kept; the next use loads again.
      if (entry.loading === run) entry.loading = undefined;
      throw err;
    });
    entry.loading = run;
    // Nobody may wait (diagnostics only asked): a cancelled load must not surface as an unhandled rejection.
    run.catch(() => undefined);
    this.options.loadStarted?.(run);
    return run;
  }

  /** Run at most maxConcurrentLoads loads at once (each may start a few git processes). */
  private async limited<T>(work: () => Promise<T>): Promise<T> {
    const max = this.options.maxConcurrentLoads ?? DEFAULT_CONCURRENT_LOADS;
    if (this.running >= max) await new Promise<void>(resolve => this.waiting.push(resolve));
    this.running++;
    try {
      return await work();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }

  /** The ref's token and the (repository, ref) it belongs to; undefined for baselines that are not git refs. */
  private async tokenOf(request: BaselineRequest, shared?: Map<string, Promise<string | undefined>>): Promise<{ key: string; token: string | undefined } | undefined> {
    const spec = request.spec;
    if (spec.kind !== 'git' && spec.kind !== 'git-history') return undefined;
    const ref = spec.kind === 'git' ? spec.ref : 'history';
    const dirs = await findGitDirs(path.dirname(request.filePath)).catch(() => undefined);
    if (!dirs) return { key: `\u0000${ref}`, token: 'no repository' };
    const key = `${dirs.gitDir}\u0000${ref}`;
    let token = shared?.get(key);
    if (!token) {
      token = refToken(dirs, ref).catch(() => undefined);
      shared?.set(key, token);
    }
    return { key, token: await token };
  }

  /** Load and parse a baseline. Never throws but when `signal` aborts: failures are 'unavailable' results. */
  private async read(request: BaselineRequest, signal?: AbortSignal): Promise<{ baseline: LoadedBaseline; token: string | undefined }> {
    signal?.throwIfAborted();
    const start = this.options.now();
    const trusted = this.options.trusted();
    // Read before the load: a commit made while git runs is noticed at the next poll.
    const ref = trusted ? await this.tokenOf(request) : undefined;
    const token = ref?.token;
    let result: BaselineResult;
    let schemas: BaselineSchema[] = [];
    try {
      // A document whose folder is not on disk (unsaved, deleted, a test's invented path): nothing to run git in.
      const exists = await fs.stat(path.dirname(request.filePath)).then(s => s.isDirectory(), () => false);
      if (!exists) {
        result = { kind: 'none', message: `${path.basename(request.filePath)} is not in a folder on disk, so it has no earlier version to check against.` };
      } else {
        const opened = await this.baselines.open(request.spec, {
          base: request.root,
          workspaceRoot: request.workspaceRoot ?? request.root,
          trusted,
          registry: () => this.options.registry?.(request),
          refState: ref?.token !== undefined ? { key: ref.key, token: ref.token } : undefined,
        });
        const loaded = await loadVersions(opened, request.filePath, {
          workingTree: this.options.workingTree(),
          candidateUri: request.fileUri,
          pathOf: uri => this.options.pathOf(uri),
          signal,
        });
        result = loaded.result;
        schemas = loaded.schemas;
      }
    } catch (err) {
      if (signal?.aborted) throw err;
      result = { kind: 'unavailable', reason: 'error', message: `The baseline could not be read: ${err instanceof Error ? err.message : String(err)}` };
    }
    const documents = new Map<string, BaselineDocument>();
    for (const s of schemas) {
      for (const doc of s.documents) {
        const fileUri = doc === s.doc ? request.fileUri : fileUriOfVersionDoc(doc.uri) ?? doc.uri;
        documents.set(doc.uri, { doc, openUri: openUriOf(doc.uri, fileUri, s.version.label), label: s.version.label, fileUri, baseline: formatBaselineSpec(request.spec) });
      }
    }
    const durationMs = this.options.now() - start;
    return { baseline: { result, schemas, documents, loadedAt: this.options.now(), durationMs }, token };
  }
}

/** The working file a git: version URI (see git.ts gitUri) stands for. */
function fileUriOfVersionDoc(uri: string): string | undefined {
  const parsed = gitUriParts(uri);
  return parsed ? pathToUri(parsed.path) : undefined;
}

function gitUriParts(uri: string): { path: string; ref: string } | undefined {
  if (!uri.startsWith('git:')) return undefined;
  const q = uri.indexOf('?');
  if (q < 0) return undefined;
  try {
    const parsed = JSON.parse(decodeURIComponent(uri.slice(q + 1))) as { path?: unknown; ref?: unknown };
    return typeof parsed.path === 'string' && typeof parsed.ref === 'string' ? { path: parsed.path, ref: parsed.ref } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The URI the editor opens for a baseline document: avro-baseline:<path>?<query> for git versions
 * (served by the client through BaselineContentRequest), the document's own URI otherwise.
 */
export function openUriOf(docUri: string, fileUri: string, label: string): string {
  if (!docUri.startsWith('git:')) return docUri;
  return baselineUri(fileUri, label);
}

export function baselineUri(fileUri: string, label: string): string {
  const query: BaselineUriQuery = { uri: fileUri, version: label };
  let pathPart = fileUri.startsWith('file://') ? fileUri.slice('file://'.length) : `/${encodeURIComponent(fileUri)}`;
  if (!pathPart.startsWith('/')) pathPart = '/' + pathPart;
  return `${BASELINE_URI_SCHEME}:${pathPart}?${encodeURIComponent(JSON.stringify(query))}`;
}

/** `p`, or the signal's reason as soon as it aborts (`p` goes on). */
function untilAborted<T>(p: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(v => {
      signal.removeEventListener('abort', onAbort);
      resolve(v);
    }, e => {
      signal.removeEventListener('abort', onAbort);
      reject(e);
    });
  });
}
