// GitSnapshotBaseline (what `check` uses for git:REF) answers exactly as GitBaseline on real repositories, with a number of git processes that does not grow with the files.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GitBaseline } from '../../server/src/baselines/git';
import { GitSnapshotBaseline } from '../../server/src/baselines/gitSnapshot';
import { git, Sandbox, version, write } from './cli-check-repos';

const sandbox = new Sandbox();
let repo: string;
let shallow: string;
let plain: string;
/** A git wrapper that logs each invocation's subcommand. */
let gitPath: string;
let log: string;

before(() => {
  repo = sandbox.init('repo');
  write(repo, 'schemas/money.avsc', version('money.v1.avsc'));
  write(repo, 'schemas/order.avsc', version('order.avsc'));
  write(repo, 'schemas/moved.avsc', version('refund.avsc'));
  write(repo, 'schemas/deep/a b/usage-report.avsc', version('usage-report.h1.avsc'));
  write(repo, 'schemas/readme.txt', 'not a schema\n');
  for (let i = 0; i < 20; i++) write(repo, `many/e${i}.avsc`, version('audit-entry.v1.avsc').replace('AuditEntry', `AuditEntry${i}`));
  sandbox.commit(repo, 'v1', 'v1');
  git(repo, 'branch', 'release');
  write(repo, 'schemas/money.avsc', version('money.v2-breaking.avsc'));
  git(repo, 'mv', 'schemas/order.avsc', 'schemas/purchase.avsc');
  sandbox.commit(repo, 'v2: rename order', 'v2');
  fs.renameSync(path.join(repo, 'schemas/moved.avsc'), path.join(repo, 'schemas/refund.avsc')); // uncommitted rename
  git(repo, 'add', '-A');
  write(repo, 'schemas/new.avsc', version('refund.avsc').replace('RefundIssued', 'Other'));
  write(repo, 'schemas/deep/a b/usage-report.avsc', version('usage-report.h2.avsc'));

  shallow = path.join(sandbox.root, 'shallow');
  git(sandbox.root, 'clone', '-q', '--depth', '1', 'file://' + repo, shallow);
  plain = sandbox.dir('plain');
  write(plain, 'x.avsc', '"string"\n');

  log = path.join(sandbox.root, 'git.log');
  gitPath = path.join(sandbox.root, 'git-logged');
  fs.writeFileSync(gitPath, `#!/bin/sh\nfor a in "$@"; do case "$a" in -c|core.quotepath=off|--no-pager) ;; *) echo "$a" >> '${log}'; break;; esac; done\nexec git "$@"\n`, { mode: 0o755 });
});

after(() => sandbox.dispose());

const FILES = ['schemas/money.avsc', 'schemas/purchase.avsc', 'schemas/refund.avsc', 'schemas/new.avsc', 'schemas/deep/a b/usage-report.avsc', 'schemas/readme.txt', 'schemas/missing.avsc'];

describe('GitSnapshotBaseline agrees with GitBaseline', () => {
  for (const ref of ['HEAD', 'release', 'HEAD~1', 'nope']) {
    test(`git:${ref}`, async () => {
      const snapshot = new GitSnapshotBaseline(ref, { trusted: true });
      for (const f of FILES) {
        const file = path.join(repo, f);
        assert.deepEqual(await snapshot.load(file), await new GitBaseline(ref, { trusted: true }).load(file), `${ref} ${f}`);
      }
    });
  }

  test('a shallow clone, no repository, an untrusted workspace: GitBaseline\'s answers', async () => {
    const cases: Array<[string, string, boolean]> = [[shallow, 'HEAD~1', true], [shallow, 'HEAD', true], [plain, 'HEAD', true], [repo, 'HEAD', false]];
    for (const [dir, ref, trusted] of cases) {
      const file = path.join(dir, dir === plain ? 'x.avsc' : 'schemas/money.avsc');
      const expected = await new GitBaseline(ref, { trusted }).load(file);
      assert.deepEqual(await new GitSnapshotBaseline(ref, { trusted }).load(file), expected);
    }
  });

  test('git processes: a fixed number per repository, not per file', async () => {
    fs.rmSync(log, { force: true });
    const snapshot = new GitSnapshotBaseline('HEAD', { trusted: true, gitPath });
    const files = fs.readdirSync(path.join(repo, 'many')).map(f => path.join(repo, 'many', f));
    const results = await Promise.all(files.map(f => snapshot.load(f)));
    assert.ok(results.every(r => r.kind === 'ok'));
    const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
    assert.deepEqual(calls.sort(), ['cat-file', 'diff', 'ls-tree', 'rev-parse', 'rev-parse']);
    fs.rmSync(log, { force: true });
    await Promise.all(files.slice(0, 5).map(f => new GitBaseline('HEAD', { trusted: true, gitPath }).load(f)));
    assert.equal(fs.readFileSync(log, 'utf8').trim().split('\n').length, 5 * 4, 'GitBaseline: rev-parse twice, cat-file -e and show, per file');
  });
});
