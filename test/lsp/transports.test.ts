// The shipped bundle (dist/server.js) over each of its entry points: --stdio, --node-ipc, --socket=<port>. The other LSP tests run the server in process; these keep what editors run covered.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace, type Transport } from '../helpers/lspClient';

const MONEY = '{"type": "record", "name": "Money", "namespace": "shop", "fields": [{"name": "units", "type": "long"}]}';
const ORDER = '{"type": "record", "name": "Order", "namespace": "shop", "fields": [{"name": "total", "type": "Money"}],}';

for (const transport of ['stdio', 'node-ipc', 'socket'] as const satisfies readonly Transport[]) {
  describe(`dist/server.js --${transport === 'socket' ? 'socket=<port>' : transport}`, () => {
    test('indexes the workspace, pushes and answers diagnostics, goes idle, exits 0 after shutdown and exit', async () => {
      const ws = tempWorkspace({ 'money.avsc': MONEY, 'order.avsc': ORDER });
      const client = await LspTestClient.start({ process: transport, mode: 'push', workspaceFolders: [ws.root], settings: { diagnostics: { debounceMs: 5 } } });
      try {
        assert.equal(client.inProcess, false);
        assert.equal(client.initializeResult?.serverInfo?.name, 'avro-studio-language-server');
        assert.equal((await client.waitForStatus(s => s.state === 'ready')).indexedFiles, 2);
        const uri = ws.uri('order.avsc');
        await client.open(uri, ORDER);
        // Money resolves from the file on disk; the trailing comma is the one problem.
        const published = await client.waitForDiagnostics(uri);
        assert.deepEqual(published.diagnostics.map(d => d.code), ['AVRO-102']);
        const fixed = await client.replace(uri, ORDER.replace('}],}', '}]}'));
        await client.idle();
        assert.deepEqual(client.publishedFor(uri).at(-1), { uri, version: fixed, diagnostics: [] }, 'idle: the last edit is published');
        const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: ORDER.indexOf('"Money"') + 2 } });
        assert.match(hover?.contents.value ?? '', /record shop\.Money/);
        assert.deepEqual(client.errorLogs(), []);
      } finally {
        assert.equal(await client.stop(), 0, 'exit code after shutdown and exit');
        ws.cleanup();
      }
    });
  });
}

test('a spawned server in pull mode answers textDocument/diagnostic (stdio)', async () => {
  const client = await LspTestClient.start({ process: true, mode: 'pull' });
  try {
    const uri = 'file:///transport/order.avsc';
    await client.open(uri, ORDER);
    const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items.map(d => d.code).sort(), ['AVRO-102', 'AVRO-303']);
  } finally {
    assert.equal(await client.stop(), 0);
  }
});

test('exit without shutdown: exit code 1 (in process as in a process)', async () => {
  for (const spawned of [false, true]) {
    const client = await LspTestClient.start({ process: spawned, mode: 'pull' });
    await client.connection.sendNotification('exit');
    assert.equal(await client.exited(), 1, spawned ? 'the bundle' : 'in process');
    await client.stop();
  }
});
