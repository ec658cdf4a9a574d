// Real git repositories in temp dirs for the `check` tests: built from test/fixtures/cli-check/versions, with fixed dates; outputs normalized for goldens.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DIST, fixture } from '../helpers/paths';

export const VERSIONS = fixture('cli-check', 'versions');
export const EXPECTED = fixture('cli-check', 'expected');
export const CLI = process.env.AVRO_STUDIO_CLI ?? path.join(DIST, 'cli.js');

/** Fixed identity and dates: commits (and so their hashes) are the same on every run. */
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Dev',
  GIT_AUTHOR_EMAIL: 'dev@example.com',
  GIT_COMMITTER_NAME: 'Dev',
  GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z',
  GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: os.devNull,
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
}

export function version(name: string): string {
  return fs.readFileSync(path.join(VERSIONS, name), 'utf8');
}

export function write(dir: string, rel: string, text: string): void {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
}

/** Every commit of a repository by a name for goldens. */
export type CommitNames = Map<string, string>;

export class Sandbox {
  readonly root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-check-')));
  readonly commits: CommitNames = new Map();

  dir(name: string): string {
    const d = path.join(this.root, name);
    fs.mkdirSync(d, { recursive: true });
    return d;
  }

  init(name: string): string {
    const d = this.dir(name);
    git(d, 'init', '-q', '-b', 'main');
    return d;
  }

  /** Commit everything; the commit is named `label` in normalized outputs. */
  commit(repo: string, message: string, label: string): string {
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '--no-gpg-sign', '-m', message);
    const full = git(repo, 'rev-parse', 'HEAD').trim();
    this.commits.set(full, label);
    return full;
  }

  /** Temp paths, commits and the version become placeholders. */
  normalize(text: string, packageVersion: string): string {
    let out = text.split(this.root).join('<tmp>');
    for (const [full, label] of this.commits) out = out.split(full).join(`<${label}>`).split(full.slice(0, 7)).join(`<${label}>`);
    return out.split(packageVersion).join('<version>');
  }

  dispose(): void {
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}

export interface CliRun {
  stdout: string;
  stderr: string;
  exit: number;
}

/** The built CLI as a child process, with a clean environment (git's global config ignored). */
export function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), LANG: 'C', NO_COLOR: '1', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { stdout: r.stdout, stderr: r.stderr, exit: r.status ?? -1 };
}
