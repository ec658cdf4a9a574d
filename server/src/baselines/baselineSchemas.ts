// Baseline versions as checkable schemas: named types from other files resolved at the same version (git show of the same commit, or a baseline folder), else from the working tree.
//
// A baseline version of metering-event.avsc may use "caracal.types.Money", defined in money.avsc.
// Resolving it against today's money.avsc would compare the new schema with a mix of old and new:
// so the file that defines the name in the working tree is read as it was in the same version
// (the same commit for git baselines, the same relative path for a baseline folder), and only when
// that is not possible (no such file then, or a single-file baseline) is the working tree used.
// Shared by the CLI (`check`) and the editor.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAvroDocument } from '../service/languageService';
import { SchemaIndex, type Resolver } from '../service/languageService';
import type { AvroDocument, NamedSchema, ReferenceSchema } from '../service/model/types';
import type { Baseline } from '../service/languageService';
import { confinedPath, type PathOrigin } from '../config/confine';
import { readTextFile } from '../node/textFile';
import { pathToUri } from '../workspace/uris';
import { GitRunner, gitUri, type GitOptions } from './git';
import type { BaselineVersion } from './types';

/** Where another file's text at a baseline version comes from. */
export interface CompanionSource {
  /**
   * The text of the working-tree file `absolutePath` as it was in `version`, with a URI for it;
   * undefined when the file did not exist there or cannot be read cheaply.
   */
  read(version: BaselineVersion, absolutePath: string, signal?: AbortSignal): Promise<{ text: string; uri: string } | undefined>;
}

export interface CompanionFile {
  /** Absolute working-tree path of the file that defines a name the version uses. */
  path: string;
  /** 'baseline': read as it was in the version; 'working tree': today's file (the version had none). */
  from: 'baseline' | 'working tree';
}

export interface BaselineSchema {
  version: BaselineVersion;
  doc: AvroDocument;
  /** For checkLevel; undefined when the version holds no schema or has JSON syntax errors. */
  baseline: Baseline | undefined;
  /** Files whose named types the version uses, and where each was read from. */
  companions: CompanionFile[];
  /** Names the version uses that resolve nowhere (those parts are not checked). */
  unresolved: string[];
  /** The version's document and the other files read at the version (for positions in them). */
  documents: AvroDocument[];
}

export interface BaselineSchemaOptions {
  /** The working tree's documents (the candidate's named types from other files resolve here too). */
  workingTree: SchemaIndex;
  /** The URI of the edited/checked file: its working copy never stands in for the baseline. */
  candidateUri: string;
  /** The working-tree path of a document URI (undefined: not a file). */
  pathOf(uri: string): string | undefined;
  /** Reads other files at the version; without one, names from other files resolve in the working tree. */
  companions?: CompanionSource;
  /** At most this many other files per version (default 200). */
  maxCompanions?: number;
  /** Stops reading other files (their git processes are killed); what was not read resolves in the working tree. */
  signal?: AbortSignal;
}

/** Parse each version and resolve the named types it uses from other files. Never throws. */
export async function loadBaselineSchemas(versions: readonly BaselineVersion[], options: BaselineSchemaOptions): Promise<BaselineSchema[]> {
  const out: BaselineSchema[] = [];
  for (const version of versions) out.push(await loadOne(version, options));
  return out;
}

async function loadOne(version: BaselineVersion, options: BaselineSchemaOptions): Promise<BaselineSchema> {
  const doc = parseAvroDocument(version.uri, version.text);
  const atVersion = new SchemaIndex();
  atVersion.set(doc);
  for (const r of version.referencedSchemas ?? []) atVersion.set(parseAvroDocument(r.uri, r.text));
  const companions: CompanionFile[] = [];
  const seen = new Set<string>();
  const max = options.maxCompanions ?? 200;
  const queue: AvroDocument[] = [doc];
  while (queue.length) {
    const current = queue.shift()!;
    for (const ref of current.references) {
      if (atVersion.resolve(ref, current)) continue;
      const file = workingTreeFileOf(ref, options);
      if (!file || seen.has(file) || seen.size >= max) continue;
      seen.add(file);
      const read = options.companions && !options.signal?.aborted ? await options.companions.read(version, file, options.signal).catch(() => undefined) : undefined;
      if (read) {
        const companion = parseAvroDocument(read.uri, read.text);
        atVersion.set(companion);
        queue.push(companion);
        companions.push({ path: file, from: 'baseline' });
      } else {
        companions.push({ path: file, from: 'working tree' });
      }
    }
  }
  const resolve: Resolver = ref => {
    const from = ref.uri === doc.uri ? doc : atVersion.get(ref.uri) ?? doc;
    return atVersion.resolve(ref, from)?.target ?? fromWorkingTree(ref, options);
  };
  const unresolved = new Set<string>();
  for (const d of atVersion.allDocuments()) for (const ref of d.references) if (!resolve(ref)) unresolved.add(ref.name);
  return {
    version,
    doc,
    // A version with JSON syntax errors was never a valid schema (the parser's recovery is for typing, not for history).
    baseline: doc.root && doc.json.errors.length === 0 ? { label: version.label, side: { doc, schema: doc.root, resolve } } : undefined,
    companions,
    unresolved: [...unresolved].sort(),
    documents: [...atVersion.allDocuments()],
  };
}

/**
 * Names a baseline uses, for a message: valid Avro fullnames quoted; anything else only counted. A
 * baseline that is not really a schema (a file holding `"TOKEN=..."`) would otherwise have its
 * whole text quoted as "the name it uses".
 */
export function quoteNames(names: readonly string[]): string {
  const valid = names.filter(n => n.length <= 200 && /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(n));
  const others = names.length - valid.length;
  const parts = valid.map(n => `"${n}"`);
  if (others) parts.push(`${others} ${others === 1 ? 'name that is' : 'names that are'} not valid Avro names`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0] ?? '';
}

/**
 * The working-tree definition a baseline reference falls back to: the one the candidate's file
 * sees (its compilation unit, or the nearest), never the candidate's own file.
 */
function fromWorkingTree(ref: ReferenceSchema, options: BaselineSchemaOptions): NamedSchema | undefined {
  for (const candidate of ref.candidates) {
    const visible = options.workingTree.visibleElsewhere(candidate, { uri: options.candidateUri });
    if (visible) return options.workingTree.schemaOf(visible.target);
  }
  return undefined;
}

function workingTreeFileOf(ref: ReferenceSchema, options: BaselineSchemaOptions): string | undefined {
  const target = fromWorkingTree(ref, options);
  return target ? options.pathOf(target.uri) : undefined;
}

/** The commit and the file's absolute path at that commit, from a version's git URI (see gitUri). */
export function gitVersionOf(version: BaselineVersion): { commit: string; path: string } | undefined {
  const q = version.uri.indexOf('?');
  if (!version.uri.startsWith('git:') || q < 0) return undefined;
  try {
    const parsed = JSON.parse(decodeURIComponent(version.uri.slice(q + 1))) as { path?: unknown; ref?: unknown };
    if (typeof parsed.path === 'string' && typeof parsed.ref === 'string' && /^[0-9a-f]{7,64}$/.test(parsed.ref)) return { commit: parsed.ref, path: parsed.path };
  } catch {
    // not one of ours
  }
  return undefined;
}

/** Other files at the same commit as a git baseline version (one `git show` per file, cached). */
export class GitCompanionSource implements CompanionSource {
  private readonly git: GitRunner;
  private readonly trusted: boolean;
  private readonly cache = new Map<string, Promise<{ text: string; uri: string } | undefined>>();

  constructor(options: GitOptions) {
    this.git = new GitRunner(options);
    this.trusted = options.trusted;
  }

  read(version: BaselineVersion, absolutePath: string, signal?: AbortSignal): Promise<{ text: string; uri: string } | undefined> {
    const at = gitVersionOf(version);
    // Untrusted workspace: no git process (the baseline itself refuses too).
    if (!this.trusted || !at || !version.path) return Promise.resolve(undefined);
    // The repository root: the version file's absolute path less its path in the repository.
    const own = at.path.split(path.sep).join('/');
    if (!own.endsWith('/' + version.path)) return Promise.resolve(undefined);
    const root = at.path.slice(0, at.path.length - version.path.length - 1);
    const relative = path.relative(root, realpathOrSelf(absolutePath)).split(path.sep).join('/');
    if (relative.startsWith('..') || path.isAbsolute(relative)) return Promise.resolve(undefined);
    const key = `${at.commit}:${relative}`;
    let found = this.cache.get(key);
    if (!found) {
      const reading = this.git.run(root, ['show', `${at.commit}:${relative}`], signal).then(r => {
        // Cancelled: not an answer about the file, so it is asked again next time.
        if (r.timedOut && this.cache.get(key) === reading) this.cache.delete(key);
        return r.code === 0 && !r.spawnError ? { text: r.stdout, uri: gitUri(path.join(root, relative), at.commit) } : undefined;
      });
      found = reading;
      this.cache.set(key, found);
    }
    return found;
  }
}

/** Other files from a baseline folder: the same path relative to the workspace root. */
export class FolderCompanionSource implements CompanionSource {
  /** `origin`: the project file that names the folder; each file read stays inside its folder (links resolved). */
  constructor(private readonly folder: string, private readonly workspaceRoot: string, private readonly origin?: PathOrigin) {}

  async read(_version: BaselineVersion, absolutePath: string): Promise<{ text: string; uri: string } | undefined> {
    const relative = path.relative(this.workspaceRoot, absolutePath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
    try {
      const file = await confinedPath(path.join(this.folder, relative), this.origin, this.folder, false);
      return { text: await readTextFile(file), uri: pathToUri(file) };
    } catch {
      // Missing, not a regular file, or a link out of the project's folder: the working tree's file is used.
      return undefined;
    }
  }
}

function realpathOrSelf(p: string): string {
  try {
    return path.join(fs.realpathSync.native(path.dirname(p)), path.basename(p));
  } catch {
    return p;
  }
}
