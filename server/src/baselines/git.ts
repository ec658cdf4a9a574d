// Git baselines: a schema's content at a ref, or every committed version, following renames, via the git CLI.
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BaselineProvider, BaselineResult, BaselineVersion } from './types';

export interface GitOptions {
  /** The git executable (default "git" on PATH). */
  gitPath?: string;
  /** Whether the workspace is trusted. Untrusted: no git process is ever started (a repository's config can run programs). */
  trusted: boolean;
  /** Per-command time limit in ms. */
  timeoutMs?: number;
  /** At most this many versions for git:history (newest first). */
  maxHistory?: number;
}

interface GitRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Set when the process could not run at all. */
  spawnError?: NodeJS.ErrnoException;
  timedOut?: boolean;
}

class GitFailure extends Error {
  constructor(readonly result: Extract<BaselineResult, { kind: 'unavailable' }>) {
    super(result.message);
  }
}

/** Runs git commands in one repository; no shell, fixed environment, bounded time and output. */
export class GitRunner {
  constructor(private readonly options: GitOptions) {}

  run(cwd: string, args: string[], signal?: AbortSignal): Promise<GitRun> {
    return new Promise(resolve => {
      execFile(
        this.options.gitPath ?? 'git',
        ['-c', 'core.quotepath=off', '--no-pager', ...args],
        {
          cwd,
          timeout: this.options.timeoutMs ?? 10_000,
          maxBuffer: 64 * 1024 * 1024,
          signal,
          windowsHide: true,
          env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
        },
        (error, stdout, stderr) => {
          const e = error as (NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string }) | null;
          if (e && typeof e.code === 'string') {
            resolve({ code: -1, stdout: '', stderr: String(stderr), spawnError: e, timedOut: e.code === 'ETIMEDOUT' || e.code === 'ABORT_ERR' });
          } else if (e && e.killed) {
            resolve({ code: -1, stdout: '', stderr: String(stderr), timedOut: true });
          } else {
            resolve({ code: e ? Number(e.code ?? 1) : 0, stdout: String(stdout), stderr: String(stderr) });
          }
        },
      );
    });
  }
}

/** Facts about the repository holding a file. */
interface Repo {
  root: string;
  /** The file's path relative to the root, with forward slashes. */
  relative: string;
  shallow: boolean;
}

export class GitBaseline implements BaselineProvider {
  private readonly git: GitRunner;

  /** `ref` is a revision ("HEAD", "origin/main", a tag or commit) or "history" for every committed version. */
  constructor(private readonly ref: string, private readonly options: GitOptions) {
    this.git = new GitRunner(options);
  }

  async load(filePath: string, signal?: AbortSignal): Promise<BaselineResult> {
    if (!this.options.trusted) {
      return { kind: 'unavailable', reason: 'untrusted', message: 'This workspace is not trusted: Avro Studio does not run git here, so there is no git baseline. Trust the workspace to check compatibility against git.' };
    }
    try {
      const repo = await this.repository(filePath, signal);
      return this.ref === 'history' ? await this.history(repo, signal) : await this.atRef(repo, this.ref, signal);
    } catch (e) {
      if (e instanceof GitFailure) return e.result;
      return { kind: 'unavailable', reason: 'error', message: `git baseline failed: ${e instanceof Error ? e.message : String(e)}` };
    }
  }

  private fail(reason: Extract<BaselineResult, { kind: 'unavailable' }>['reason'], message: string): never {
    throw new GitFailure({ kind: 'unavailable', reason, message });
  }

  private check(run: GitRun, what: string): void {
    if (run.spawnError && run.spawnError.code === 'ENOENT') {
      this.fail('no-git', 'git is not installed or not on PATH: compatibility against git baselines is unavailable. Install git, or use a file: or registry baseline.');
    }
    if (run.timedOut) this.fail('timeout', `git took too long (${what}); the baseline is skipped this time.`);
    if (run.spawnError) this.fail('error', `git could not run (${what}): ${run.spawnError.message}`);
  }

  private async repository(filePath: string, signal?: AbortSignal): Promise<Repo> {
    const dir = path.dirname(filePath);
    const run = await this.git.run(dir, ['rev-parse', '--show-toplevel', '--is-shallow-repository'], signal);
    this.check(run, 'finding the repository');
    if (run.code !== 0) {
      if (/not a git repository/i.test(run.stderr)) {
        this.fail('not-a-repository', `${path.basename(filePath)} is not inside a git repository, so there is no git baseline. Use a file: or registry baseline, or run git init.`);
      }
      if (/ENOENT|no such file or directory|cannot change to/i.test(run.stderr)) this.fail('file-missing', `The folder of ${filePath} does not exist.`);
      this.fail('error', `git rev-parse failed: ${firstLine(run.stderr)}`);
    }
    const [root, shallow] = run.stdout.split('\n');
    const relative = path.relative(root, realpathOrSelf(filePath)).split(path.sep).join('/');
    return { root, relative, shallow: shallow === 'true' };
  }

  private async resolveRef(repo: Repo, ref: string, signal?: AbortSignal): Promise<string> {
    const run = await this.git.run(repo.root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], signal);
    this.check(run, `resolving ${ref}`);
    if (run.code === 0) return run.stdout.trim();
    if (ref === 'HEAD') {
      this.fail('unknown-ref', 'The repository has no commits yet, so there is no HEAD to compare with. Commit the schema first; until then every schema is new.');
    }
    if (repo.shallow) {
      const remoteBranch = /^origin\/([A-Za-z0-9_./-]+)$/.exec(ref);
      const fetch = remoteBranch
        ? `git fetch --depth=1 origin ${remoteBranch[1]}:refs/remotes/origin/${remoteBranch[1]}`
        : 'git fetch --unshallow (or git fetch --deepen=N)';
      this.fail('shallow', `"${ref}" is not available in this shallow clone. In CI, fetch it (${fetch}) or check out with full history (actions/checkout: fetch-depth: 0).`);
    }
    this.fail('unknown-ref', `git does not know "${ref}" in ${repo.root}. Check the baseline setting (e.g. git:HEAD, git:origin/main) or fetch the branch.`);
  }

  /** The path the file had at `commit`, following a rename between that commit and the working tree. */
  private async pathAt(repo: Repo, commit: string, signal?: AbortSignal): Promise<string | undefined> {
    if (await this.exists(repo, commit, repo.relative, signal)) return repo.relative;
    // Renamed since then (committed or not): git diff commit -> working tree with rename detection.
    const run = await this.git.run(repo.root, ['diff', '-M', '--name-status', '-z', commit, '--'], signal);
    this.check(run, 'looking for renames');
    if (run.code !== 0) return undefined;
    const parts = run.stdout.split('\0');
    for (let i = 0; i < parts.length; ) {
      const status = parts[i];
      if (!status) break;
      if (status.startsWith('R') || status.startsWith('C')) {
        const from = parts[i + 1];
        const to = parts[i + 2];
        if (to === repo.relative && status.startsWith('R')) return from;
        i += 3;
      } else {
        i += 2;
      }
    }
    return undefined;
  }

  private async exists(repo: Repo, commit: string, relative: string, signal?: AbortSignal): Promise<boolean> {
    const run = await this.git.run(repo.root, ['cat-file', '-e', `${commit}:${relative}`], signal);
    this.check(run, 'reading the file');
    return run.code === 0;
  }

  private async show(repo: Repo, commit: string, relative: string, signal?: AbortSignal): Promise<string> {
    const run = await this.git.run(repo.root, ['show', `${commit}:${relative}`], signal);
    this.check(run, 'reading the file');
    if (run.code !== 0) this.fail('error', `git show ${commit.slice(0, 7)}:${relative} failed: ${firstLine(run.stderr)}`);
    return run.stdout;
  }

  private async atRef(repo: Repo, ref: string, signal?: AbortSignal): Promise<BaselineResult> {
    const commit = await this.resolveRef(repo, ref, signal);
    const at = await this.pathAt(repo, commit, signal);
    if (!at) return { kind: 'none', message: `${repo.relative} is new since ${ref}: there is no earlier version to check compatibility against.` };
    const text = await this.show(repo, commit, at, signal);
    const notes = at !== repo.relative ? [`${repo.relative} was ${at} at ${ref}`] : [];
    return { kind: 'ok', versions: [this.version(repo, ref, commit, at, text, ref)], notes };
  }

  private async history(repo: Repo, signal?: AbortSignal): Promise<BaselineResult> {
    const head = await this.resolveRef(repo, 'HEAD', signal);
    const atHead = await this.pathAt(repo, head, signal);
    if (!atHead) return { kind: 'none', message: `${repo.relative} has never been committed: there is no earlier version to check compatibility against.` };
    const max = this.options.maxHistory ?? 50;
    const run = await this.git.run(
      repo.root,
      ['log', '--follow', '-M', '--format=%x01%H%x09%h%x09%cs%x09%s', '--name-status', '-z', `-n${max}`, head, '--', atHead],
      signal,
    );
    this.check(run, 'reading the history');
    if (run.code !== 0) this.fail('error', `git log failed: ${firstLine(run.stderr)}`);
    const entries = parseLog(run.stdout);
    const versions: BaselineVersion[] = [];
    let previousText: string | undefined;
    for (const entry of entries) {
      if (entry.deleted) continue;
      const text = await this.show(repo, entry.commit, entry.path, signal);
      if (text === previousText) continue; // a commit that only touched mode or was reverted to the same text
      previousText = text;
      versions.push(this.version(repo, entry.short, entry.commit, entry.path, text, `${entry.short} ${entry.date} ${entry.subject}`));
    }
    const notes: string[] = [];
    if (repo.shallow) notes.push('The clone is shallow: older versions are missing from the history (fetch with full history for a complete check).');
    if (entries.length >= max) notes.push(`Only the newest ${max} versions are checked.`);
    if (atHead !== repo.relative) notes.push(`${repo.relative} was ${atHead} at HEAD`);
    return { kind: 'ok', versions, notes };
  }

  private version(repo: Repo, label: string, commit: string, relative: string, text: string, description: string): BaselineVersion {
    return { label, description, text, path: relative, uri: gitUri(path.join(repo.root, relative), commit) };
  }
}

interface LogEntry {
  commit: string;
  short: string;
  date: string;
  subject: string;
  path: string;
  deleted: boolean;
}

/** Parse `git log --format=%x01... --name-status -z` output into entries with the file's path in each commit. */
function parseLog(out: string): LogEntry[] {
  const entries: LogEntry[] = [];
  for (const chunk of out.split('\x01')) {
    if (!chunk.trim()) continue;
    // With -z: "<header>\0\n<status>\0<path>\0..." (the header ends at the first NUL).
    const end = chunk.indexOf('\0');
    const header = end >= 0 ? chunk.slice(0, end) : chunk;
    const [commit, short, date, ...subject] = header.split('\t');
    const rest = (end >= 0 ? chunk.slice(end + 1) : '').split('\0').map(s => s.replace(/^\n/, '')).filter(s => s !== '');
    let filePath: string | undefined;
    let deleted = false;
    for (let i = 0; i < rest.length; ) {
      const status = rest[i].trim();
      if (status.startsWith('R') || status.startsWith('C')) {
        filePath = rest[i + 2];
        i += 3;
      } else {
        filePath = rest[i + 1];
        deleted = status === 'D';
        i += 2;
      }
    }
    if (commit && filePath) entries.push({ commit, short, date, subject: subject.join('\t'), path: filePath, deleted });
  }
  return entries;
}

/** A URI for the file's content at a commit, in the form VS Code's git extension serves (scheme "git"). */
export function gitUri(absolutePath: string, ref: string): string {
  const fileUri = 'file://' + encodeURI(absolutePath.split(path.sep).join('/')).replace(/[?#]/g, encodeURIComponent);
  const query = JSON.stringify({ path: absolutePath, ref });
  return fileUri.replace(/^file:/, 'git:') + '?' + encodeURIComponent(query);
}

function firstLine(s: string): string {
  return s.split('\n').find(l => l.trim()) ?? 'no details';
}

function realpathOrSelf(p: string): string {
  try {
    // The repository root is reported with symlinks resolved; resolve the file's folder the same way.
    return path.join(fs.realpathSync.native(path.dirname(p)), path.basename(p));
  } catch {
    return p;
  }
}
