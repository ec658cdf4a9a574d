// Git baselines against real repositories in temp dirs: HEAD, branches, history, renames, new files, failures.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GitBaseline, type GitOptions } from '../../server/src/baselines/git';
import { FileBaseline } from '../../server/src/baselines/file';
import { parseBaselineSpec } from '../../server/src/baselines/types';

const trusted: GitOptions = { trusted: true };

function schema(fields: string[], doc = 'Resource usage of one agent operation.'): string {
  const lines = fields.map(f => `    {"name": "${f}", "type": "string", "doc": "The ${f.replace(/_/g, ' ')} of the event."}`);
  return `{\n  "type": "record",\n  "name": "MeteringEvent",\n  "namespace": "caracal.events",\n  "doc": "${doc}",\n  "fields": [\n${lines.join(',\n')}\n  ]\n}\n`;
}

const FIELDS = ['event_id', 'agent_id', 'resource_type', 'resource_uri', 'unit', 'currency', 'correlation_id'];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z' } });
}

function newRepo(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-git-'));
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'dev@example.com');
  git(dir, 'config', 'user.name', 'Dev');
  git(dir, 'config', 'commit.gpgsign', 'false');
  return dir;
}

function write(dir: string, rel: string, text: string): string {
  const p = path.join(dir, rel);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, text);
  return p;
}

function commit(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

const cleanup: string[] = [];
after(() => {
  for (const d of cleanup) fs.rmSync(d, { recursive: true, force: true });
});

describe('git:REF', () => {
  let repo: string;
  let file: string;
  before(() => {
    repo = newRepo();
    cleanup.push(repo);
    file = write(repo, 'schemas/metering-event.avsc', schema(FIELDS.slice(0, 5)));
    commit(repo, 'v1: metering event');
    git(repo, 'checkout', '-q', '-b', 'feature');
    write(repo, 'schemas/metering-event.avsc', schema(FIELDS.slice(0, 6)));
    commit(repo, 'v2: add currency');
    write(repo, 'schemas/metering-event.avsc', schema(FIELDS)); // uncommitted edit
  });

  test('HEAD gives the last committed content, not the working copy', async () => {
    const r = await new GitBaseline('HEAD', trusted).load(file);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.versions.length, 1);
    assert.equal(r.versions[0].label, 'HEAD');
    assert.equal(r.versions[0].text, schema(FIELDS.slice(0, 6)));
    assert.equal(r.versions[0].path, 'schemas/metering-event.avsc');
    assert.match(r.versions[0].uri, /^git:\/\/.*metering-event\.avsc\?/);
  });

  test('a branch name gives that branch content', async () => {
    const r = await new GitBaseline('main', trusted).load(file);
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') assert.equal(r.versions[0].text, schema(FIELDS.slice(0, 5)));
  });

  test('an unknown ref is a clear message', async () => {
    const r = await new GitBaseline('origin/main', trusted).load(file);
    assert.equal(r.kind, 'unavailable');
    if (r.kind === 'unavailable') {
      assert.equal(r.reason, 'unknown-ref');
      assert.match(r.message, /does not know "origin\/main"/);
    }
  });

  test('a file new since the ref has no baseline (and that is not a failure)', async () => {
    const fresh = write(repo, 'schemas/new-event.avsc', schema(['id']));
    const r = await new GitBaseline('HEAD', trusted).load(fresh);
    assert.equal(r.kind, 'none');
    if (r.kind === 'none') assert.match(r.message, /new since HEAD/);
    fs.rmSync(fresh);
  });

  test('detached HEAD still has a HEAD baseline', async () => {
    const detached = newRepo();
    cleanup.push(detached);
    const f = write(detached, 'a.avsc', schema(FIELDS.slice(0, 3)));
    commit(detached, 'one');
    write(detached, 'a.avsc', schema(FIELDS.slice(0, 4)));
    commit(detached, 'two');
    git(detached, 'checkout', '-q', '--detach', 'HEAD~1');
    const r = await new GitBaseline('HEAD', trusted).load(f);
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') assert.equal(r.versions[0].text, schema(FIELDS.slice(0, 3)));
  });
});

describe('renames', () => {
  test('an uncommitted rename (git mv, then edit) finds the old path at HEAD', async () => {
    const repo = newRepo();
    cleanup.push(repo);
    write(repo, 'old-name.avsc', schema(FIELDS));
    commit(repo, 'one');
    git(repo, 'mv', 'old-name.avsc', 'metering-event.avsc');
    const f = write(repo, 'metering-event.avsc', schema([...FIELDS, 'region']));
    const r = await new GitBaseline('HEAD', trusted).load(f);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    assert.equal(r.versions[0].path, 'old-name.avsc');
    assert.equal(r.versions[0].text, schema(FIELDS));
    assert.deepEqual(r.notes, ['metering-event.avsc was old-name.avsc at HEAD']);
  });

  test('a rename committed on a branch is followed back to the base branch', async () => {
    const repo = newRepo();
    cleanup.push(repo);
    write(repo, 'events/usage.avsc', schema(FIELDS));
    commit(repo, 'one');
    git(repo, 'checkout', '-q', '-b', 'rename');
    git(repo, 'mv', 'events/usage.avsc', 'events/metering-event.avsc');
    commit(repo, 'rename');
    const f = write(repo, 'events/metering-event.avsc', schema([...FIELDS, 'region']));
    const r = await new GitBaseline('main', trusted).load(f);
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') assert.equal(r.versions[0].path, 'events/usage.avsc');
  });
});

describe('git:history', () => {
  test('every committed version, newest first, across a rename', async () => {
    const repo = newRepo();
    cleanup.push(repo);
    write(repo, 'usage.avsc', schema(FIELDS.slice(0, 4)));
    commit(repo, 'v1');
    write(repo, 'usage.avsc', schema(FIELDS.slice(0, 5)));
    commit(repo, 'v2');
    git(repo, 'mv', 'usage.avsc', 'metering-event.avsc');
    commit(repo, 'rename');
    write(repo, 'metering-event.avsc', schema(FIELDS.slice(0, 6)));
    commit(repo, 'v3');
    write(repo, 'unrelated.avsc', schema(['x']));
    commit(repo, 'unrelated');
    const f = write(repo, 'metering-event.avsc', schema(FIELDS)); // working copy
    const r = await new GitBaseline('history', trusted).load(f);
    assert.equal(r.kind, 'ok');
    if (r.kind !== 'ok') return;
    // The rename commit has the same text as v2: one version, not two.
    assert.deepEqual(r.versions.map(v => v.text), [schema(FIELDS.slice(0, 6)), schema(FIELDS.slice(0, 5)), schema(FIELDS.slice(0, 4))]);
    assert.deepEqual(r.versions.map(v => v.path), ['metering-event.avsc', 'metering-event.avsc', 'usage.avsc']);
    assert.match(r.versions[0].description, /^[0-9a-f]{7,} 2026-01-01 v3$/);
  });

  test('a file never committed has no history', async () => {
    const repo = newRepo();
    cleanup.push(repo);
    write(repo, 'a.avsc', schema(['x']));
    commit(repo, 'one');
    const f = write(repo, 'b.avsc', schema(['y']));
    const r = await new GitBaseline('history', trusted).load(f);
    assert.equal(r.kind, 'none');
  });

  test('a shallow clone says its history is incomplete, and a missing branch says how to fetch it', async () => {
    const origin = newRepo();
    cleanup.push(origin);
    write(origin, 'm.avsc', schema(FIELDS.slice(0, 3)));
    commit(origin, 'one');
    write(origin, 'm.avsc', schema(FIELDS.slice(0, 4)));
    commit(origin, 'two');
    const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-shallow-'));
    cleanup.push(clone);
    git(os.tmpdir(), 'clone', '-q', '--depth=1', 'file://' + origin, clone);
    const f = path.join(clone, 'm.avsc');
    const r = await new GitBaseline('history', trusted).load(f);
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') {
      assert.equal(r.versions.length, 1);
      assert.match(r.notes.join(' '), /shallow/);
    }
    const missing = await new GitBaseline('origin/release', trusted).load(f);
    assert.equal(missing.kind, 'unavailable');
    if (missing.kind === 'unavailable') {
      assert.equal(missing.reason, 'shallow');
      assert.match(missing.message, /fetch-depth: 0/);
    }
  });
});

describe('when git cannot be used', () => {
  test('git missing from the machine', async () => {
    const r = await new GitBaseline('HEAD', { trusted: true, gitPath: '/nonexistent/git' }).load(path.join(os.tmpdir(), 'x.avsc'));
    assert.equal(r.kind, 'unavailable');
    if (r.kind === 'unavailable') {
      assert.equal(r.reason, 'no-git');
      assert.match(r.message, /git is not installed/);
    }
  });

  test('not a repository', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-norepo-'));
    cleanup.push(dir);
    const f = write(dir, 'a.avsc', schema(['x']));
    const r = await new GitBaseline('HEAD', { trusted: true, gitPath: 'git' }).load(f);
    assert.equal(r.kind, 'unavailable');
    if (r.kind === 'unavailable') assert.equal(r.reason, 'not-a-repository');
  });

  test('a repository without commits', async () => {
    const repo = newRepo();
    cleanup.push(repo);
    const f = write(repo, 'a.avsc', schema(['x']));
    const r = await new GitBaseline('HEAD', trusted).load(f);
    assert.equal(r.kind, 'unavailable');
    if (r.kind === 'unavailable') assert.match(r.message, /no commits yet/);
  });

  test('an untrusted workspace never starts git', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-untrusted-'));
    cleanup.push(dir);
    const marker = path.join(dir, 'git-was-run');
    const fakeGit = write(dir, 'fake-git.sh', `#!/bin/sh\ntouch "${marker}"\nexit 1\n`);
    fs.chmodSync(fakeGit, 0o755);
    const r = await new GitBaseline('HEAD', { trusted: false, gitPath: fakeGit }).load(path.join(dir, 'a.avsc'));
    assert.equal(r.kind, 'unavailable');
    if (r.kind === 'unavailable') assert.equal(r.reason, 'untrusted');
    assert.equal(fs.existsSync(marker), false, 'git was started in an untrusted workspace');
    // The same fake git does run when trusted: the marker proves the check above can fail.
    await new GitBaseline('HEAD', { trusted: true, gitPath: fakeGit }).load(path.join(dir, 'a.avsc'));
    assert.equal(fs.existsSync(marker), true);
  });
});

describe('file: baselines and specs', () => {
  test('another file is the baseline; a missing one is a clear message', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-file-'));
    cleanup.push(dir);
    const f = write(dir, 'new.avsc', schema(FIELDS));
    write(dir, 'old/v1.avsc', schema(FIELDS.slice(0, 2)));
    const r = await new FileBaseline('old/v1.avsc', dir).load(f);
    assert.equal(r.kind, 'ok');
    if (r.kind === 'ok') assert.equal(r.versions[0].text, schema(FIELDS.slice(0, 2)));
    const missing = await new FileBaseline('old/v0.avsc', dir).load(f);
    assert.equal(missing.kind, 'unavailable');
    if (missing.kind === 'unavailable') assert.match(missing.message, /old\/v0\.avsc does not exist/);
  });

  test('baseline specs parse, and option-like refs are refused', () => {
    assert.deepEqual(parseBaselineSpec('git:HEAD'), { kind: 'git', ref: 'HEAD' });
    assert.deepEqual(parseBaselineSpec('git:origin/main'), { kind: 'git', ref: 'origin/main' });
    assert.deepEqual(parseBaselineSpec('git:history'), { kind: 'git-history' });
    assert.deepEqual(parseBaselineSpec('file:schemas/v1.avsc'), { kind: 'file', path: 'schemas/v1.avsc' });
    assert.deepEqual(parseBaselineSpec('registry'), { kind: 'registry' });
    assert.equal(parseBaselineSpec('git:--upload-pack=evil'), undefined);
    assert.equal(parseBaselineSpec('git:a b'), undefined);
    assert.equal(parseBaselineSpec('svn:trunk'), undefined);
  });
});
