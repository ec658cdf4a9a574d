// Where a git ref points, read from the repository's files without running git: cheap enough to poll, so the editor notices HEAD moving.
//
// Reads .git (a folder, or a file "gitdir: ..." for worktrees and submodules), HEAD, loose refs and
// packed-refs. The result is only a token to compare: when it changes, the baseline is reloaded
// with git itself. Anything unusual (reftable, a ref expression) still yields a token that changes
// when HEAD does, which is what matters for git:HEAD and git:history.
import * as fs from 'node:fs/promises';
import * as path from 'node:path';

export interface GitDirs {
  /** The repository's (or worktree's) git directory: HEAD lives here. */
  gitDir: string;
  /** The common directory (refs, packed-refs): the main .git of a worktree, else gitDir. */
  commonDir: string;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The git directories of the repository holding `dir`, or undefined outside any repository. */
export async function findGitDirs(dir: string): Promise<GitDirs | undefined> {
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    const stat = await fs.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) return withCommonDir(dotGit);
    if (stat?.isFile()) {
      const m = /^gitdir:\s*(.+?)\s*$/m.exec((await readText(dotGit)) ?? '');
      if (m) return withCommonDir(path.resolve(d, m[1]));
    }
    if (path.dirname(d) === d) return undefined;
  }
}

async function withCommonDir(gitDir: string): Promise<GitDirs> {
  const common = (await readText(path.join(gitDir, 'commondir')))?.trim();
  return { gitDir, commonDir: common ? path.resolve(gitDir, common) : gitDir };
}

/** The name part of a revision: "HEAD~2" -> "HEAD", "v1.2^{commit}" -> "v1.2", "@" -> "HEAD". */
export function refBase(ref: string): string {
  const base = ref.replace(/@\{.*$/, '').replace(/[~^].*$/, '');
  return base === '' || base === '@' ? 'HEAD' : base;
}

/**
 * A token that changes when `ref` (a revision as the baseline setting names it, or "history" for
 * HEAD's history) may resolve to another commit.
 */
export async function refToken(dirs: GitDirs, ref: string): Promise<string> {
  const base = ref === 'history' ? 'HEAD' : refBase(ref);
  if (/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(base)) return base; // a commit id never moves
  const packed = await readText(path.join(dirs.commonDir, 'packed-refs'));
  const target = await resolveName(dirs, base, packed, 0);
  // HEAD~1 and friends move with HEAD; the token of the name covers them.
  return `${base}=${target ?? 'missing'}`;
}

/** git's order for a short name (rev-parse's "DWIM" rules). */
function candidates(name: string): string[] {
  if (name.startsWith('refs/')) return [name];
  if (/^[A-Z_]+$/.test(name)) return [name, `refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`];
  return [`refs/${name}`, `refs/tags/${name}`, `refs/heads/${name}`, `refs/remotes/${name}`, `refs/remotes/${name}/HEAD`];
}

async function resolveName(dirs: GitDirs, name: string, packed: string | undefined, depth: number): Promise<string | undefined> {
  if (depth > 5) return undefined;
  for (const candidate of candidates(name)) {
    // HEAD and the other pseudo-refs are per worktree; refs/ are shared.
    const dir = candidate.startsWith('refs/') ? dirs.commonDir : dirs.gitDir;
    const loose = (await readText(path.join(dir, candidate)))?.trim();
    if (loose) {
      if (loose.startsWith('ref:')) {
        const next = loose.slice(4).trim();
        return `${next}:${(await resolveName(dirs, next, packed, depth + 1)) ?? 'unborn'}`;
      }
      return loose;
    }
    if (packed && candidate.startsWith('refs/')) {
      const line = packed.split('\n').find(l => l.endsWith(' ' + candidate));
      if (line) return line.slice(0, line.indexOf(' '));
    }
  }
  return undefined;
}
