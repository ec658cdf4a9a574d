// Named types across files through the real server (in process): resolution from disk, edits of the defining file, watcher events, excludes, re-index.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { fileUri as fileUriOf, LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';

const FIXTURE = fixture('lsp', 'crossfile');

function copyFixture(): ReturnType<typeof tempWorkspace> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else files[path.relative(FIXTURE, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(FIXTURE);
  // A conflicting definition under node_modules (never indexed) and one under .git.
  files['node_modules/dep/status.avsc'] = '{"type": "enum", "name": "Status", "namespace": "com.acme.orders", "symbols": ["OTHER"]}';
  files['.git/objects/status.avsc'] = '{"type": "enum", "name": "Status", "namespace": "com.acme.orders", "symbols": ["OTHER"]}';
  return tempWorkspace(files);
}

async function pullCodes(client: LspTestClient, uri: string): Promise<string[]> {
  const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
  return report.items.map(d => `${d.code} ${d.range.start.line}:${d.range.start.character}`);
}

describe('cross-file resolution (pull)', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspTestClient;
  before(async () => {
    ws = copyFixture();
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  test('every .avsc of the folder is indexed except node_modules and .git; a watcher for **/*.avsc is registered', async () => {
    const ready = await client.waitForStatus(s => s.state === 'ready');
    assert.equal(ready.indexedFiles, 3);
    const watcher = client.registrations.find(r => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watcher?.registerOptions, { watchers: [{ globPattern: '**/*.avsc' }] });
    assert.ok(client.registrations.some(r => r.method === 'workspace/didChangeConfiguration'));
    const kinds = client.progress.map(p => p.value.kind);
    assert.equal(kinds[0], 'begin');
    assert.equal(client.progress[0].value.title, 'Indexing Avro schemas');
    assert.equal(kinds[kinds.length - 1], 'end', 'the progress ends');
    assert.deepEqual(client.statuses.map(s => s.state).filter((s, i, all) => s !== all[i - 1]), ['indexing', 'ready']);
  });

  test('types defined in other files on disk resolve; a closed file can be pulled too', async () => {
    const order = ws.uri('orders/order.avsc');
    await client.open(order, fs.readFileSync(ws.path('orders/order.avsc'), 'utf8'));
    assert.deepEqual(await pullCodes(client, order), []);
    assert.deepEqual(await pullCodes(client, ws.uri('common/money.avsc')), [], 'closed workspace files are validated on demand');
  });

  test('editing the defining file changes the dependent, and closing it without saving restores the disk version', async () => {
    const order = ws.uri('orders/order.avsc');
    const money = ws.uri('common/money.avsc');
    await client.idle(); // refreshes from earlier steps arrive first
    const refreshesBefore = client.refreshRequests;
    await client.open(money, fs.readFileSync(ws.path('common/money.avsc'), 'utf8'));
    const at = client.text(money).indexOf('"Money"');
    await client.edit(money, at + 1, at + 6, 'Cash');
    assert.deepEqual(await pullCodes(client, money), []);
    // The dependent (open) needs new diagnostics: the server asks the client to pull again.
    await client.idle();
    assert.ok(client.refreshRequests > refreshesBefore, 'workspace/diagnostic/refresh was sent');
    assert.deepEqual(await pullCodes(client, order), ['AVRO-303 6:31']);

    await client.close(money);
    await client.idle();
    assert.deepEqual(await pullCodes(client, order), [], 'Money is back from disk');
  });

  test('a file deleted and created on disk (watcher events) updates the dependents', async () => {
    const order = ws.uri('orders/order.avsc');
    const status = fs.readFileSync(ws.path('generated/status.avsc'), 'utf8');
    ws.remove('generated/status.avsc');
    await client.watchedFilesChanged([{ uri: ws.uri('generated/status.avsc'), type: 3 }]);
    await client.idle();
    assert.deepEqual(await pullCodes(client, order), ['AVRO-303 7:32']);

    ws.write('generated/status.avsc', status);
    await client.watchedFilesChanged([{ uri: ws.uri('generated/status.avsc'), type: 1 }]);
    await client.idle();
    assert.deepEqual(await pullCodes(client, order), []);
  });

  test('avro/reindex crawls again and answers with the count', async () => {
    ws.write('extra/more.avsc', '{"type": "fixed", "name": "Hash", "size": 32}');
    const result = await client.request<{ indexedFiles: number; durationMs: number }>('avro/reindex', {});
    assert.equal(result.indexedFiles, 4);
    assert.ok(result.durationMs >= 0);
    ws.remove('extra/more.avsc');
    assert.equal((await client.request<{ indexedFiles: number }>('avro/reindex', {})).indexedFiles, 3, 'a vanished file leaves the index');
  });
});

describe('cross-file resolution (push)', () => {
  test('an edit to the defining file re-publishes the open dependent', async () => {
    const ws = copyFixture();
    const client = await LspTestClient.start({ mode: 'push', workspaceFolders: [ws.root], settings: { diagnostics: { debounceMs: 20 } } });
    try {
      const order = ws.uri('orders/order.avsc');
      const money = ws.uri('common/money.avsc');
      await client.open(order, fs.readFileSync(ws.path('orders/order.avsc'), 'utf8'));
      assert.deepEqual((await client.waitForDiagnostics(order)).diagnostics, []);
      await client.open(money, fs.readFileSync(ws.path('common/money.avsc'), 'utf8'));
      await client.waitForDiagnostics(money);
      const at = client.text(money).indexOf('"Money"');
      await client.edit(money, at + 1, at + 6, 'Cash');
      const broken = await client.waitForDiagnostics(order, p => p.diagnostics.length > 0);
      assert.deepEqual(broken.diagnostics.map(d => d.code), ['AVRO-303']);
      assert.equal(broken.version, 1, 'the dependent itself did not change');
      await client.edit(money, at + 1, at + 5, 'Money');
      const fixed = await client.waitForDiagnostics(order, p => p.diagnostics.length === 0, { includeExisting: false });
      assert.equal(fixed.version, 1);
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});

describe('exclude globs', () => {
  test('by default build outputs (target/, build/, .gradle/) are not indexed: their stale copies do not conflict', async () => {
    const ws = copyFixture();
    const stale = '{"type": "enum", "name": "Status", "namespace": "com.acme.orders", "symbols": ["NEW"]}';
    ws.write('target/classes/status.avsc', stale);
    ws.write('app/build/status.avsc', stale);
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], settings: {} });
    try {
      assert.equal((await client.waitForStatus(s => s.state === 'ready')).indexedFiles, 3);
      assert.deepEqual(await pullCodes(client, ws.uri('generated/status.avsc')), [], 'no AVRO-306 against the copies');
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('excluded files are not indexed; changing the setting re-indexes', async () => {
    const ws = copyFixture();
    let exclude = ['generated/**'];
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], settings: () => ({ workspace: { exclude } }) });
    try {
      assert.equal((await client.waitForStatus(s => s.state === 'ready')).indexedFiles, 2);
      const order = ws.uri('orders/order.avsc');
      await client.open(order, fs.readFileSync(ws.path('orders/order.avsc'), 'utf8'));
      assert.deepEqual(await pullCodes(client, order), ['AVRO-303 7:32']);

      exclude = [];
      const readyCount = client.statuses.filter(s => s.state === 'ready').length;
      await client.setSettings(() => ({ workspace: { exclude } }));
      await client.waitForStatus(s => s.state === 'ready' && client.statuses.filter(x => x.state === 'ready').length > readyCount);
      assert.deepEqual(await pullCodes(client, order), []);
      assert.equal(client.statuses[client.statuses.length - 1].indexedFiles, 3);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});

describe('workspace folders', () => {
  test('a folder added later is indexed; a removed one leaves the index', async () => {
    const orderText = '{"type": "record", "name": "Order", "fields": [{"name": "total", "type": "shared.Money"}]}';
    const unknown = `AVRO-303 0:${orderText.indexOf('shared.Money')}`;
    const a = tempWorkspace({ 'order.avsc': orderText });
    const b = tempWorkspace({ 'money.avsc': '{"type": "record", "name": "Money", "namespace": "shared", "fields": []}' });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [a.root] });
    try {
      const order = a.uri('order.avsc');
      assert.deepEqual(await pullCodes(client, order), [unknown]);
      const folderB = { uri: fileUriOf(b.root), name: 'b' };
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folderB], removed: [] } });
      await client.idle();
      assert.deepEqual(await pullCodes(client, order), [], 'Money from the added folder resolves');
      await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folderB] } });
      await client.idle();
      assert.deepEqual(await pullCodes(client, order), [unknown]);
    } finally {
      await client.stop();
      a.cleanup();
      b.cleanup();
    }
  });
});
