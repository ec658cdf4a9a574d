// git:REF for many files at once: the ref resolved once per repository, the tree listed once, every .avsc blob read by one `git cat-file --batch`.
//
// GitBaseline runs about four git processes per file; checking 200 schemas in CI then costs
// seconds of process start-up. This provider answers the same question (the file's content at
// REF, following a rename since then) from one snapshot of the commit per repository. Anything
// unusual (no git, not a repository, unknown ref, shallow clone, a file that is not .avsc) is handed
// to GitBaseline, so messages and edge cases stay exactly GitBaseline's.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitBaseline, GitRunner, gitUri, type GitOptions } from './git';
import type { BaselineProvider, BaselineResult } from './types';

interface Snapshot {
  root: string;
  commit: string;
  /** Path in the repository -> blob id, for every file of the commit. */
  tree: Map<string, string>;
  /** Working-tree path -> path at the commit, for files renamed since (git diff -M). */
  renamedFrom: Map<string, string>;
  /** Path -> text of every .avsc file of the commit. */
  texts: Map<string, string>;
}

class Unusual extends Error {}

export class GitSnapshotBaseline implements BaselineProvider {
  private readonly git: GitRunner;
  private readonly fallback: GitBaseline;
  /** Folder -> repository root, per folder of the files asked about. */
  private readonly roots = new Map<string, Promise<string | undefined>>();
  private readonly snapshots = new Map<string, Promise<Snapshot | undefined>>();

  constructor(private readonly ref: string, private readonly options: GitOptions) {
    this.git = new GitRunner(options);
    this.fallback = new GitBaseline(ref, options);
  }

  async load(filePath: string, signal?: AbortSignal): Promise<BaselineResult> {
    if (!this.options.trusted || this.ref === 'history' || !/\.avsc$/i.test(filePath)) return this.fallback.load(filePath, signal);
    try {
      const root = await this.rootOf(path.dirname(filePath), signal);
      const snap = root === undefined ? undefined : await this.snapshotOf(root, signal);
      if (!snap) return this.fallback.load(filePath, signal);
      const relative = path.relative(snap.root, realpathOrSelf(filePath)).split(path.sep).join('/');
      const at = snap.tree.has(relative) ? relative : snap.renamedFrom.get(relative);
      if (!at) return { kind: 'none', message: `${relative} is new since ${this.ref}: there is no earlier version to check compatibility against.` };
      const text = snap.texts.get(at);
      if (text === undefined) return this.fallback.load(filePath, signal);
      return {
        kind: 'ok',
        versions: [{ label: this.ref, description: this.ref, text, path: at, uri: gitUri(path.join(snap.root, at), snap.commit) }],
        notes: at !== relative ? [`${relative} was ${at} at ${this.ref}`] : [],
      };
    } catch {
      return this.fallback.load(filePath, signal);
    }
  }

  private rootOf(dir: string, signal?: AbortSignal): Promise<string | undefined> {
    let found = this.roots.get(dir);
    if (!found) {
      const finding: Promise<string | undefined> = this.git.run(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository'], signal).then(r => {
        // Cancelled or too slow: asked again next time.
        if (r.timedOut && this.roots.get(dir) === finding) this.roots.delete(dir);
        if (r.code !== 0 || r.spawnError || r.timedOut) return undefined;
        const [root, shallow] = r.stdout.split('\n');
        // A shallow clone may lack the ref: GitBaseline explains that case.
        return shallow === 'true' ? undefined : root;
      });
      found = finding;
      this.roots.set(dir, found);
    }
    return found;
  }

  private snapshotOf(root: string, signal?: AbortSignal): Promise<Snapshot | undefined> {
    let snap = this.snapshots.get(root);
    if (!snap) {
      const reading: Promise<Snapshot | undefined> = this.read(root, signal).catch(() => {
        // A cancelled read is no answer: the next load reads the snapshot again.
        if (signal?.aborted && this.snapshots.get(root) === reading) this.snapshots.delete(root);
        return undefined;
      });
      snap = reading;
      this.snapshots.set(root, snap);
    }
    return snap;
  }

  private async read(root: string, signal?: AbortSignal): Promise<Snapshot> {
    const resolved = await this.git.run(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${this.ref}^{commit}`], signal);
    if (resolved.code !== 0 || resolved.spawnError) throw new Unusual('unknown ref');
    const commit = resolved.stdout.trim();
    const [listing, diff] = await Promise.all([
      this.git.run(root, ['ls-tree', '-r', '-z', '--full-tree', commit], signal),
      this.git.run(root, ['diff', '-M', '--name-status', '-z', commit, '--'], signal),
    ]);
    if (listing.code !== 0 || listing.spawnError) throw new Unusual('ls-tree failed');
    const tree = new Map<string, string>();
    for (const entry of listing.stdout.split('\0')) {
      // "<mode> blob <id>\t<path>"
      const tab = entry.indexOf('\t');
      if (tab < 0) continue;
      const [, type, id] = entry.slice(0, tab).split(' ');
      if (type === 'blob') tree.set(entry.slice(tab + 1), id);
    }
    const renamedFrom = new Map<string, string>();
    if (diff.code === 0) {
      const parts = diff.stdout.split('\0');
      for (let i = 0; i < parts.length && parts[i]; ) {
        if (parts[i].startsWith('R') || parts[i].startsWith('C')) {
          if (parts[i].startsWith('R')) renamedFrom.set(parts[i + 2], parts[i + 1]);
          i += 3;
        } else {
          i += 2;
        }
      }
    }
    const wanted = [...tree].filter(([p]) => /\.avsc$/i.test(p));
    if (signal?.aborted) throw new Unusual('cancelled');
    const texts = await this.catFile(root, wanted, signal);
    return { root, commit, tree, renamedFrom, texts };
  }

  /** Every blob through one `git cat-file --batch`: "<id> blob <size>\n<content>\n" per object. */
  private catFile(root: string, wanted: Array<[string, string]>, signal?: AbortSignal): Promise<Map<string, string>> {
    return new Promise((resolve, reject) => {
      const texts = new Map<string, string>();
      if (wanted.length === 0) return resolve(texts);
      const child = spawn(this.options.gitPath ?? 'git', ['-c', 'core.quotepath=off', '--no-pager', 'cat-file', '--batch'], {
        cwd: root,
        windowsHide: true,
        signal,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      });
      const timer = setTimeout(() => child.kill(), this.options.timeoutMs ?? 30_000);
      const chunks: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.on('error', e => {
        clearTimeout(timer);
        reject(e);
      });
      child.on('close', code => {
        clearTimeout(timer);
        if (code !== 0) return reject(new Unusual(`git cat-file exited with ${code}`));
        const out = Buffer.concat(chunks);
        let at = 0;
        for (const [p] of wanted) {
          const nl = out.indexOf(10, at);
          if (nl < 0) return reject(new Unusual('truncated git cat-file output'));
          const header = out.toString('utf8', at, nl).split(' ');
          const size = Number(header[2]);
          if (header[1] !== 'blob' || !Number.isFinite(size)) return reject(new Unusual(`unexpected git cat-file header ${header.join(' ')}`));
          texts.set(p, out.toString('utf8', nl + 1, nl + 1 + size));
          at = nl + 1 + size + 1;
        }
        resolve(texts);
      });
      child.stdin.on('error', () => undefined);
      child.stdin.end(wanted.map(([, id]) => id).join('\n') + '\n');
    });
  }
}

function realpathOrSelf(p: string): string {
  try {
    return path.join(fs.realpathSync.native(path.dirname(p)), path.basename(p));
  } catch {
    return p;
  }
}
