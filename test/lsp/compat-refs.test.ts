// Where git refs point, read from the repository's files (no git process), on real repositories: the token that tells the editor HEAD moved.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findGitDirs, refBase, refToken } from '../../server/src/baselines/refState';
import { commit, git, repository, type Workspace } from './compatRepo';

const workspaces: Workspace[] = [];
after(() => {
  for (const ws of workspaces) ws.cleanup();
});

function repo(): Workspace {
  const ws = repository({ 'a.avsc': '{"type": "record", "name": "A", "fields": []}' });
  workspaces.push(ws);
  return ws;
}

describe('git ref tokens without a git process', () => {
  test('refBase: the name part of a revision', () => {
    assert.deepEqual(['HEAD', 'HEAD~2', 'v1.2^{commit}', '@', 'origin/main@{1}', 'main^2~1'].map(refBase), ['HEAD', 'HEAD', 'v1.2', 'HEAD', 'origin/main', 'main']);
  });

  test('HEAD through a branch: the token follows commits, loose or packed refs, and checkouts', async () => {
    const ws = repo();
    // From a folder below the root (even one not created yet): the repository above it.
    const dirs = await findGitDirs(ws.path('events/not-created-yet'));
    assert.ok(dirs);
    assert.equal(dirs.gitDir, path.join(ws.root, '.git'));
    const t1 = await refToken(dirs, 'HEAD');
    assert.equal(t1, `HEAD=refs/heads/main:${git(ws.root, 'rev-parse', 'HEAD').trim()}`);
    assert.equal(await refToken(dirs, 'history'), t1, 'git:history follows HEAD');
    commit(ws, 'a.avsc', '{"type": "record", "name": "A", "fields": [], "doc": "2"}', 'second');
    const t2 = await refToken(dirs, 'HEAD');
    assert.notEqual(t2, t1, 'a commit moves it');
    git(ws.root, 'pack-refs', '--all');
    assert.ok(!fs.existsSync(path.join(ws.root, '.git/refs/heads/main')), 'the branch is only in packed-refs now');
    assert.equal(await refToken(dirs, 'HEAD'), t2, 'packing the refs changes nothing');
    git(ws.root, 'checkout', '-q', '-b', 'feature');
    assert.match(await refToken(dirs, 'HEAD'), /^HEAD=refs\/heads\/feature:/, 'switching branches moves it');
    git(ws.root, 'checkout', '-q', '--detach');
    assert.equal(await refToken(dirs, 'HEAD'), `HEAD=${git(ws.root, 'rev-parse', 'HEAD').trim()}`, 'a detached HEAD is its commit');
    assert.equal(await refToken(dirs, 'HEAD~1'), await refToken(dirs, 'HEAD'), 'HEAD~1 moves with HEAD');
  });

  test('branches, tags and remote branches by short name; a missing ref, then created', async () => {
    const ws = repo();
    const dirs = (await findGitDirs(ws.root))!;
    assert.equal(await refToken(dirs, 'v1'), 'v1=missing');
    git(ws.root, 'tag', 'v1');
    assert.equal(await refToken(dirs, 'v1'), `v1=${git(ws.root, 'rev-parse', 'v1').trim()}`);
    assert.equal(await refToken(dirs, 'main'), `main=${git(ws.root, 'rev-parse', 'main').trim()}`);
    const sha = git(ws.root, 'rev-parse', 'HEAD').trim();
    assert.equal(await refToken(dirs, sha), sha, 'a commit id never moves');

    const clone = repo();
    git(clone.root, 'remote', 'add', 'origin', ws.root);
    git(clone.root, 'fetch', '-q', 'origin');
    const cloneDirs = (await findGitDirs(clone.root))!;
    const before = await refToken(cloneDirs, 'origin/main');
    assert.equal(before, `origin/main=${git(clone.root, 'rev-parse', 'origin/main').trim()}`);
    commit(ws, 'a.avsc', '{"type": "record", "name": "A", "fields": [], "doc": "upstream"}', 'upstream');
    git(clone.root, 'fetch', '-q', 'origin');
    assert.notEqual(await refToken(cloneDirs, 'origin/main'), before, 'a fetch moves origin/main');
  });

  test('a worktree: its own HEAD, the shared refs', async () => {
    const ws = repo();
    const wt = ws.path('../' + path.basename(ws.root) + '-wt');
    git(ws.root, 'worktree', 'add', '-q', '-b', 'wt-branch', wt);
    try {
      const dirs = (await findGitDirs(path.join(wt)))!;
      assert.equal(dirs.commonDir, path.join(ws.root, '.git'));
      assert.equal(dirs.gitDir, path.join(ws.root, '.git', 'worktrees', path.basename(wt)));
      const before = await refToken(dirs, 'HEAD');
      assert.match(before, /^HEAD=refs\/heads\/wt-branch:[0-9a-f]{40}$/);
      commit(ws, 'a.avsc', '{"type": "record", "name": "A", "fields": [], "doc": "main moved"}', 'main moves');
      assert.equal(await refToken(dirs, 'HEAD'), before, 'the main worktree\'s commit does not move this HEAD');
      fs.writeFileSync(path.join(wt, 'a.avsc'), '{"type": "record", "name": "A", "fields": [], "doc": "wt"}');
      git(wt, 'commit', '-q', '-am', 'in the worktree');
      assert.notEqual(await refToken(dirs, 'HEAD'), before);
    } finally {
      fs.rmSync(wt, { recursive: true, force: true });
    }
  });

  test('outside any repository: no git directories', async () => {
    const plain = repository({ 'a.avsc': '{}' }, { commit: false });
    workspaces.push(plain);
    assert.equal(await findGitDirs(plain.root), undefined);
  });
});
