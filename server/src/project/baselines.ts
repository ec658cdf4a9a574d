// One way to read a baseline, for the editor and `avro-studio check`: the provider of a spec (git ref, git history, file, folder, registry), the companion files read at the same version, the loaded and parsed versions, and which files are baseline copies rather than schemas of the workspace.
//
// Both front-ends open every baseline here, so a folder baseline, a path that leaves the project's
// folder, an untrusted workspace or a registry that is not configured behave the same in the
// editor and in CI. What each front-end keeps for itself: when to load (the editor in the
// background, watching refs; the CLI once per run) and how to show the result.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { escape as escapeGlob } from 'minimatch';
import { FolderCompanionSource, GitCompanionSource, loadBaselineSchemas, type BaselineSchema, type CompanionSource } from '../baselines/baselineSchemas';
import { FileBaseline } from '../baselines/file';
import { FolderBaseline } from '../baselines/folder';
import { GitBaseline } from '../baselines/git';
import { GitSnapshotBaseline } from '../baselines/gitSnapshot';
import type { BaselineProvider, BaselineResult } from '../baselines/types';
import { confinedPath } from '../config/confine';
import type { BaselineSpec } from '../domain/baselines';
import type { SchemaIndex } from '../service/languageService';

/** A baseline ready to load: its provider and where other files at the same version come from. */
export interface OpenedBaseline {
  provider: BaselineProvider;
  /** Other files at the version (git: the same commit; folder: the same relative path); undefined: the working tree's are used. */
  companions: CompanionSource | undefined;
}

export interface OpenOptions {
  /** Folder a relative file: path starts from (CompatibilityPolicy.base). */
  base: string;
  /** Folder whose relative paths a baseline folder mirrors (the CLI's --root, the editor's workspace folder). */
  workspaceRoot: string;
  /** Whether the workspace is trusted: untrusted, no git process runs and nothing a project file names is read. */
  trusted: boolean;
  /**
   * The provider of the `registry` baseline (connected lazily by the front-end: the CLI asks for
   * credentials only when a file needs the registry); undefined when no registry is configured.
   */
  registry?: () => BaselineProvider | Promise<BaselineProvider> | undefined;
  /**
   * Where git:REF stands (the editor's ref token, read from the repository's files): a new token
   * starts a new snapshot of the commit. Without one, one snapshot per ref for the Baselines' life.
   */
  refState?: { key: string; token: string };
}

export interface BaselinesOptions {
  /** The git executable (default "git" on PATH). */
  gitPath?: string;
}

/** A provider that answers the same thing for every file. */
function answer(result: BaselineResult): BaselineProvider {
  return { load: async () => result };
}

/**
 * Opens baselines and shares what can be shared between files: one snapshot of each git ref (the
 * tree listed once, every schema read by one git process), one `git show` per companion file.
 * One per CLI run; one per language server (it follows ref moves through `refState`).
 */
export class Baselines {
  private readonly snapshots = new Map<string, { token: string; provider: GitSnapshotBaseline }>();
  /** Other files at a git version (used only when trusted: untrusted, no git process runs). */
  private readonly gitCompanions: GitCompanionSource;

  constructor(private readonly options: BaselinesOptions = {}) {
    this.gitCompanions = new GitCompanionSource({ trusted: true, gitPath: options.gitPath });
  }

  /** Forget the git snapshots (the editor's "refresh baselines"). */
  clear(): void {
    this.snapshots.clear();
  }

  /** The provider and the companion source of `spec`. Never throws: what cannot be read is an 'unavailable' result of the provider. */
  async open(spec: BaselineSpec, options: OpenOptions): Promise<OpenedBaseline> {
    const git = { trusted: options.trusted, gitPath: this.options.gitPath };
    const companions = options.trusted ? this.gitCompanions : undefined;
    switch (spec.kind) {
      case 'git': {
        if (!options.trusted) return { provider: new GitBaseline(spec.ref, git), companions: undefined };
        const key = options.refState?.key ?? spec.ref;
        const token = options.refState?.token ?? '';
        let snapshot = this.snapshots.get(key);
        if (!snapshot || snapshot.token !== token) {
          snapshot = { token, provider: new GitSnapshotBaseline(spec.ref, git) };
          this.snapshots.set(key, snapshot);
        }
        return { provider: snapshot.provider, companions };
      }
      case 'git-history':
        return { provider: new GitBaseline('history', git), companions };
      case 'registry': {
        const registry = await options.registry?.();
        return {
          provider: registry ?? answer({
            kind: 'unavailable',
            reason: 'error',
            message: 'The baseline is "registry" but no registry is configured: add "registry": {"url": ...} to avro-studio.json.',
          }),
          companions: undefined,
        };
      }
      case 'file': {
        // Restricted Mode: nothing a project file names is read (a path from the user's own settings or a flag still is).
        if (spec.origin && !options.trusted) {
          return { provider: answer({ kind: 'unavailable', reason: 'untrusted', message: `This workspace is not trusted: Avro Studio does not read the baseline file that ${spec.origin.setting} names until you trust it.` }), companions: undefined };
        }
        // A path avro-studio.json names stays inside its folder: outside, FileBaseline says so (and reads nothing).
        const target = await confinedPath(spec.path, spec.origin, options.base).catch(() => undefined);
        const stat = target === undefined ? undefined : await fsp.stat(target).catch(() => undefined);
        if (target !== undefined && stat?.isDirectory()) {
          return {
            provider: new FolderBaseline(target, options.workspaceRoot, spec.path, spec.origin),
            companions: new FolderCompanionSource(target, options.workspaceRoot, spec.origin),
          };
        }
        return { provider: new FileBaseline(spec.path, options.base, spec.origin), companions: undefined };
      }
    }
  }
}

/** A baseline's result and its versions parsed, with the names they use from other files resolved at the same version. */
export interface LoadedVersions {
  result: BaselineResult;
  /** ok results only; newest first. */
  schemas: BaselineSchema[];
  /** False when the versions' other files came from the working tree only (a single-file or registry baseline). */
  hasCompanions: boolean;
}

export interface LoadVersionsOptions {
  /** The working tree: the candidate's names, and the versions' names no version holds, resolve here. */
  workingTree: SchemaIndex;
  /** The URI of the checked file (its working copy never stands in for the baseline). */
  candidateUri: string;
  /** The working-tree path of a document URI. */
  pathOf(uri: string): string | undefined;
  /** Aborts the load (HTTP requests and git processes stop): loadVersions then rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Load the versions of `filePath` and parse them. Never throws: a failure is an 'unavailable' result. */
export async function loadVersions(opened: OpenedBaseline, filePath: string, options: LoadVersionsOptions): Promise<LoadedVersions> {
  const signal = options.signal;
  let result: BaselineResult;
  try {
    result = await opened.provider.load(filePath, signal);
  } catch (err) {
    if (signal?.aborted) throw err;
    result = { kind: 'unavailable', reason: 'error', message: `The baseline could not be read: ${err instanceof Error ? err.message : String(err)}` };
  }
  // Cancelled: whatever the provider answered (a killed git process reads as a timeout) is not the baseline.
  signal?.throwIfAborted();
  const schemas = result.kind === 'ok'
    ? await loadBaselineSchemas(result.versions, { workingTree: options.workingTree, candidateUri: options.candidateUri, pathOf: options.pathOf, companions: opened.companions, signal })
    : [];
  signal?.throwIfAborted();
  return { result, schemas, hasCompanions: opened.companions !== undefined };
}

/** Exclusions in the form the workspace crawler takes (workspace/exclude.ts ExcludeMatcher's `others`). */
export interface Exclusion {
  root: string;
  patterns: string[];
}

/**
 * The baseline copies among the workspace's files: every file: baseline in use that lies inside
 * `workspaceRoot` (a single file, or a folder and everything below it). Indexing them would define
 * every named type twice and check the schemas against themselves, so neither the editor nor the
 * CLI treats them as schemas of the workspace. Each pattern matches exactly that path.
 */
export async function baselineExclusions(specs: ReadonlyArray<{ spec: BaselineSpec; base: string }>, workspaceRoot: string): Promise<Exclusion[]> {
  const root = path.resolve(workspaceRoot);
  // Patterns relative to the root's parent always hold a "/", so none matches a mere file name elsewhere.
  const parent = path.dirname(root);
  const patterns = new Set<string>();
  for (const { spec, base } of specs) {
    if (spec.kind !== 'file') continue;
    const target = path.resolve(base, spec.path);
    const relative = path.relative(root, target);
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const glob = [path.basename(root), ...relative.split(path.sep)].map(part => escapeGlob(part)).join('/');
    const stat = await fsp.stat(target).catch(() => undefined);
    patterns.add(stat?.isDirectory() ? `${glob}/**` : glob);
  }
  return patterns.size ? [{ root: parent, patterns: [...patterns] }] : [];
}
