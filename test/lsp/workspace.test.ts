// The workspace layer in process: file URIs, exclude globs, the crawler, and the index of disk files overridden by open documents.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ExcludeMatcher } from '../../server/src/workspace/exclude';
import { crawl } from '../../server/src/workspace/crawler';
import { loadWorkspace } from '../../server/src/workspace/loader';
import { pathToUri, uriKey, uriToPath } from '../../server/src/workspace/uris';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import type { FileSystem } from '../../server/src/workspace/fileSystem';
import { tempWorkspace } from '../helpers/lspClient';

describe('file URIs', () => {
  const cases: Array<[string, string]> = [
    ['/work/schemas/a.avsc', 'file:///work/schemas/a.avsc'],
    ['/work/my schemas/ü #1.avsc', 'file:///work/my%20schemas/%C3%BC%20%231.avsc'],
    ['/work/a(b)!.avsc', 'file:///work/a%28b%29%21.avsc'],
    ['c:\\Users\\x\\a.avsc', 'file:///c%3A/Users/x/a.avsc'],
    ['C:/Users/x/a.avsc', 'file:///c%3A/Users/x/a.avsc'],
  ];
  for (const [p, uri] of cases) {
    test(`${p} <-> ${uri} (as VS Code spells it)`, () => {
      assert.equal(pathToUri(p), uri);
    });
  }
  test('spellings of one file have one key; other schemes are kept as they are', () => {
    assert.equal(uriKey('file:///work/my%20schemas/a.avsc'), uriKey('file:///work/my schemas/a.avsc'));
    assert.equal(uriKey('file:///c:/x/a.avsc'), uriKey('file:///C%3A/x/a.avsc'));
    assert.equal(uriKey('untitled:Untitled-1'), 'untitled:Untitled-1');
    assert.equal(uriToPath('file:///work/my%20schemas/a.avsc'), '/work/my schemas/a.avsc');
    assert.equal(uriToPath('untitled:Untitled-1'), undefined);
  });
});

describe('exclude globs', () => {
  const root = '/ws';
  const m = new ExcludeMatcher(root, ['generated/**', '*.tmp.avsc', 'build', 'docs/old/*.avsc', './vendor/']);
  const cases: Array<[string, boolean]> = [
    ['/ws/a.avsc', false],
    ['/ws/generated/a.avsc', true],
    ['/ws/generated/deep/a.avsc', true],
    ['/ws/src/generated/a.avsc', false],
    ['/ws/x.tmp.avsc', true],
    ['/ws/deep/x.tmp.avsc', true],
    ['/ws/build/a.avsc', true],
    ['/ws/src/build/a.avsc', true],
    ['/ws/docs/old/a.avsc', true],
    ['/ws/docs/old/keep/a.avsc', false],
    ['/ws/vendor/a.avsc', true],
    ['/ws/node_modules/pkg/a.avsc', true],
    ['/ws/src/.git/a.avsc', true],
    ['/elsewhere/generated/a.avsc', false],
  ];
  for (const [p, excluded] of cases) {
    test(`${p} is ${excluded ? '' : 'not '}excluded`, () => assert.equal(m.isExcludedFile(p), excluded));
  }
  test('excluded folders are not entered', () => {
    assert.equal(m.isExcludedDirectory('/ws/generated'), true);
    assert.equal(m.isExcludedDirectory('/ws/build'), true);
    assert.equal(m.isExcludedDirectory('/ws/node_modules'), true);
    assert.equal(m.isExcludedDirectory('/ws/src'), false);
  });
});

describe('crawler and loader', () => {
  test('finds .avsc files, skips node_modules/.git/excludes, reads in parallel, yields', async () => {
    const ws = tempWorkspace({
      'a.avsc': '{"type": "fixed", "name": "A", "size": 1}',
      'sub/b.AVSC': '{"type": "fixed", "name": "B", "size": 1}',
      'sub/notes.json': '{}',
      'gen/c.avsc': '{"type": "fixed", "name": "C", "size": 1}',
      'node_modules/x/d.avsc': '{"type": "fixed", "name": "D", "size": 1}',
      '.git/e.avsc': '{"type": "fixed", "name": "E", "size": 1}',
    });
    try {
      const found = await crawl(nodeFileSystem, ws.root, new ExcludeMatcher(ws.root, ['gen']));
      assert.deepEqual(found.files.map(f => path.relative(ws.root, f)), ['a.avsc', path.join('sub', 'b.AVSC')]);
      const index = new WorkspaceIndex();
      let yields = 0;
      let progress = 0;
      const result = await loadWorkspace(nodeFileSystem, [{ path: ws.root, exclude: [] }], index, {
        yieldToEventLoop: async () => void yields++,
        sliceMs: -1,
        onProgress: () => void progress++,
      });
      assert.equal(result.files.length, 3);
      assert.equal(progress, 3);
      assert.ok(yields >= 3, 'yields between slices');
      assert.deepEqual([...index.schemas.fullnames()].sort(), ['A', 'B', 'C']);
    } finally {
      ws.cleanup();
    }
  });

  test('unreadable folders and files are reported, not thrown', async () => {
    const failing: FileSystem = {
      ...nodeFileSystem,
      readDirectory: async p => (p === '/virtual' ? [{ name: 'bad', type: 'directory' }, { name: 'x.avsc', type: 'file' }] : Promise.reject(new Error(`EACCES: ${p}`))),
      stat: async p => (p === '/virtual' ? { type: 'directory', size: 0 } : { type: 'file', size: 10 }),
      readFile: async p => Promise.reject(new Error(`EIO: ${p}`)),
      readText: async p => Promise.reject(new Error(`EIO: ${p}`)),
    };
    const result = await loadWorkspace(failing, [{ path: '/virtual', exclude: [] }], new WorkspaceIndex());
    assert.deepEqual(result.errors.map(e => e.message).sort(), ['EACCES: /virtual/bad', 'EIO: /virtual/x.avsc']);
  });
});

describe('workspace index', () => {
  const MONEY = '{"type": "record", "name": "Money", "namespace": "m", "fields": []}';
  const USES = '{"type": "record", "name": "Order", "fields": [{"name": "total", "type": "m.Money"}]}';

  test('open documents override disk files; closing hands back the path to re-read', () => {
    const index = new WorkspaceIndex();
    index.setDiskFile('/ws/money.avsc', MONEY);
    index.setDiskFile('/ws/order.avsc', USES);
    const renamed = MONEY.replace('"Money"', '"Cash"');
    // The editor spells the URI its own way: still the same document.
    const update = index.setOpen('file:///ws/money%2Eavsc'.replace('%2E', '.'), 3, () => renamed);
    assert.deepEqual(update.affected, ['file:///ws/order.avsc'], 'the dependent of Money is affected');
    assert.equal(index.size, 2);
    assert.deepEqual(index.schemas.definitionsOf('m.Money'), []);
    assert.equal(index.schemas.definitionsOf('m.Cash').length, 1);
    // A disk change while open is ignored: the editor's text wins.
    assert.deepEqual(index.setDiskFile('/ws/money.avsc', MONEY).affected, []);
    assert.equal(index.schemas.definitionsOf('m.Cash').length, 1);
    const closed = index.close('file:///ws/money.avsc');
    assert.equal(closed.path, '/ws/money.avsc');
    assert.deepEqual(closed.update.affected, [], 'nothing references Cash');
    // Reading the disk version back brings Money back, and its dependent with it.
    assert.deepEqual(index.setDiskFile('/ws/money.avsc', MONEY).affected, ['file:///ws/order.avsc']);
    assert.equal(index.schemas.definitionsOf('m.Money').length, 1);
  });

  test('the same (uri, version) is parsed once', () => {
    const index = new WorkspaceIndex();
    let reads = 0;
    const text = (): string => {
      reads++;
      return MONEY;
    };
    const a = index.setOpen('untitled:1', 1, text).doc;
    const b = index.setOpen('untitled:1', 1, text).doc;
    assert.equal(reads, 1);
    assert.equal(a, b);
    index.setOpen('untitled:1', 2, text);
    assert.equal(reads, 2);
  });

  test('texts over the size limit are recorded, not parsed', () => {
    const index = new WorkspaceIndex(100);
    const update = index.setOpen('untitled:big', 1, () => MONEY + ' '.repeat(200));
    assert.equal(update.doc, undefined);
    assert.equal(index.oversize('untitled:big'), MONEY.length + 200);
    assert.deepEqual(index.schemas.definitionsOf('m.Money'), []);
  });
});
