// .pre-commit-hooks.yaml with Debian's pre-commit, as a user runs it: the hook repository is this source tree at a commit, pre-commit installs it with npm (offline, from the npm cache), and `git commit` in a real repository fails on a breaking change and passes on a compliant one.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { CLI } from './cli-check-repos';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const SKIP = hasPreCommit ? false : "Debian's pre-commit is not installed (apt-get install pre-commit; .ci/run does)";

let tmp: string;
let env: NodeJS.ProcessEnv;
let user: string;

function run(cmd: string, args: string[], cwd: string): { status: number | null; out: string } {
  const r = spawnSync(cmd, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status, out: r.stdout + r.stderr };
}

function must(cmd: string, args: string[], cwd: string): string {
  const r = run(cmd, args, cwd);
  assert.equal(r.status, 0, `${cmd} ${args.join(' ')}:\n${r.out}${preCommitLog()}`);
  return r.out;
}

function preCommitLog(): string {
  const log = path.join(tmp, 'pre-commit-home', 'pre-commit.log');
  return fs.existsSync(log) ? `\n--- ${log}\n${fs.readFileSync(log, 'utf8')}` : '';
}

const ORDER_V1 = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.example",
  "fields": [
    { "name": "id", "type": "string" }
  ]
}
`;

before(() => {
  if (!hasPreCommit) return;
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-pre-commit-')));
  const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();
  env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com',
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
    PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home'),
    PRE_COMMIT_COLOR: 'never',
    NO_COLOR: '1',
    // pre-commit runs `npm install` in its clone of the hook repository: from the cache `npm ci` filled, no network.
    npm_config_offline: 'true',
    npm_config_cache: npmCache,
    npm_config_audit: 'false',
    npm_config_fund: 'false',
    npm_config_update_notifier: 'false',
  };

  // The hook repository: this source tree (tracked and new files, as they are now) committed in a repository of its own.
  const hooks = path.join(tmp, 'avro-studio');
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    const from = path.join(REPO_ROOT, f);
    if (!fs.existsSync(from) || !fs.statSync(from).isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(hooks, f)), { recursive: true });
    fs.copyFileSync(from, path.join(hooks, f));
  }
  must('git', ['init', '-q', '-b', 'main'], hooks);
  must('git', ['add', '-A'], hooks);
  must('git', ['commit', '-q', '--no-gpg-sign', '-m', 'avro-studio'], hooks);
  const rev = must('git', ['rev-parse', 'HEAD'], hooks).trim();

  // The user's repository: one schema, the avro-studio.json `init` writes, and the hooks by id.
  user = path.join(tmp, 'user');
  fs.mkdirSync(path.join(user, 'schemas'), { recursive: true });
  fs.writeFileSync(path.join(user, 'schemas', 'order.avsc'), ORDER_V1);
  fs.writeFileSync(path.join(user, '.pre-commit-config.yaml'), `repos:
  - repo: ${hooks}
    rev: ${rev}
    hooks:
      - id: avro-studio-lint
      - id: avro-studio-check
`);
  must('git', ['init', '-q', '-b', 'main'], user);
  must('git', ['add', '-A'], user);
  must('git', ['commit', '-q', '--no-gpg-sign', '-m', 'first'], user);
  must(process.execPath, [CLI, 'init', '--yes'], user);
  must('pre-commit', ['install'], user);
  // Installs the hook environment once (npm install in the clone, its prepare script builds dist/, npm pack, npm install -g).
  must('pre-commit', ['install-hooks'], user);
  must('git', ['add', '-A'], user);
  must('git', ['commit', '-q', '--no-gpg-sign', '-m', 'avro-studio.json'], user);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

function commit(message: string): { status: number | null; out: string; head: string } {
  must('git', ['add', '-A'], user);
  const r = run('git', ['commit', '--no-gpg-sign', '-m', message], user);
  return { ...r, head: must('git', ['log', '-1', '--format=%s'], user).trim() };
}

const BREAKING = ORDER_V1.replace('{ "name": "id", "type": "string" }', '{ "name": "id", "type": "string" },\n    { "name": "total", "type": "long" }');

test('a breaking change fails the commit: the check hook reports AVRO-400 on the line', { skip: SKIP }, () => {
  fs.writeFileSync(path.join(user, 'schemas', 'order.avsc'), BREAKING);
  const r = commit('add a required field');
  assert.notEqual(r.status, 0, r.out);
  assert.match(r.out, /avro-studio lint\.+Passed/);
  assert.match(r.out, /avro-studio check\.+Failed/);
  assert.match(r.out, /^schemas\/order\.avsc:7:15: error AVRO-400 BACKWARD \(vs HEAD\)/m);
  assert.notEqual(r.head, 'add a required field', 'nothing was committed');
});

test('a compliant change (an optional field with a default) is committed', { skip: SKIP }, () => {
  fs.writeFileSync(path.join(user, 'schemas', 'order.avsc'), ORDER_V1.replace('{ "name": "id", "type": "string" }', '{ "name": "id", "type": "string" },\n    { "name": "note", "type": ["null", "string"], "default": null }'));
  const r = commit('add an optional field');
  assert.equal(r.status, 0, r.out);
  assert.match(r.out, /avro-studio lint\.+Passed/);
  assert.match(r.out, /avro-studio check\.+Passed/);
  assert.equal(r.head, 'add an optional field');
});

test('an invalid schema fails the lint hook; a commit without .avsc files skips both hooks', { skip: SKIP }, () => {
  fs.writeFileSync(path.join(user, 'schemas', 'bad.avsc'), '{"type": "record", "name": "Bad", "fields": [{"name": "n", "type": "int", "default": "one"}]}\n');
  const bad = commit('a bad default');
  assert.notEqual(bad.status, 0, bad.out);
  assert.match(bad.out, /avro-studio lint\.+Failed/);
  assert.match(bad.out, /schemas\/bad\.avsc:1:\d+: error AVRO-220 /);
  fs.rmSync(path.join(user, 'schemas', 'bad.avsc'));
  fs.writeFileSync(path.join(user, 'NOTES.md'), 'not a schema\n');
  const other = commit('notes');
  assert.equal(other.status, 0, other.out);
  assert.match(other.out, /avro-studio check\.+\(no files to check\)Skipped/);
});

test('a local hook from the npm tarball (repo: local, additional_dependencies) runs the same check', { skip: SKIP }, () => {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const tarball = path.join(tmp, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
  const local = path.join(tmp, 'local');
  fs.mkdirSync(path.join(local, 'schemas'), { recursive: true });
  fs.writeFileSync(path.join(local, 'schemas', 'order.avsc'), ORDER_V1);
  fs.writeFileSync(path.join(local, '.pre-commit-config.yaml'), `repos:
  - repo: local
    hooks:
      - id: avro-studio-check
        name: avro-studio check
        entry: avro-studio check
        language: node
        files: \\.avsc$
        additional_dependencies: ['${tarball}']
`);
  must('git', ['init', '-q', '-b', 'main'], local);
  must('git', ['add', '-A'], local);
  must('git', ['commit', '-q', '--no-gpg-sign', '-m', 'first'], local);
  fs.writeFileSync(path.join(local, 'schemas', 'order.avsc'), BREAKING);
  must('git', ['add', '-A'], local);
  const r = run('pre-commit', ['run'], local);
  assert.equal(r.status, 1, r.out + preCommitLog());
  assert.match(r.out, /^schemas\/order\.avsc:7:15: error AVRO-400 BACKWARD \(vs HEAD\)/m);
});

test("pre-commit accepts the manifest; each hook's entry is a bin of this package, on .avsc files", { skip: SKIP }, () => {
  must('pre-commit', ['validate-manifest', path.join(REPO_ROOT, '.pre-commit-hooks.yaml')], REPO_ROOT);
  const text = fs.readFileSync(path.join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8');
  const bins = Object.keys((JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin);
  const ids = [...text.matchAll(/^- id: (\S+)$/gm)].map(m => m[1]);
  assert.deepEqual(ids, ['avro-studio-lint', 'avro-studio-check']);
  for (const [, entry] of text.matchAll(/^ {2}entry: (\S+)/gm)) assert.ok(bins.includes(entry), `${entry} is a bin of package.json`);
  assert.equal([...text.matchAll(/^ {2}language: node$/gm)].length, 2);
  assert.equal([...text.matchAll(/^ {2}files: \\\.avsc\$$/gm)].length, 2);
});
