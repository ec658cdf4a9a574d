// Hardening of the server (issue "Hardening"): reopen never sees the closed text, out-of-range changes keep the text right, folders known from initialize, over-limit work refused at once, malformed parameters answered InvalidParams, unreadable files reported on the file.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import * as protocol from '../../server/src/protocol';
import * as fs from 'node:fs';
import type { DocumentSymbol, FullDocumentDiagnosticReport, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { ResponseError } from 'vscode-languageserver-protocol';
import type { RegistrySubjectsResult, RegistrySyncStatusResult, RegistryTestConnectionResult } from '../../server/src/protocol';
import { REQUEST_PARAMS, type Check } from '../../server/src/lsp/requestParams';
import { LspTestClient, fileUri, tempWorkspace } from '../helpers/lspClient';
import { referenceApply } from '../helpers/textEdits';
import { schemaOfSize } from './generate';
import { eventually, startHarness } from './registryHarness';

const TRAILING_COMMA = '{"type": "record", "name": "Order", "fields": [],}';
const DUPLICATE_SYMBOL = '{"type": "enum", "name": "Color", "symbols": ["RED", "RED"]}';
const VALID = '{"type": "record", "name": "Customer", "fields": [{"name": "id", "type": "string"}]}';

type Item = [unknown, unknown, unknown];
const itemsOf = (r: FullDocumentDiagnosticReport): Item[] => r.items.map(d => [d.code, d.range, d.message]);

async function pullItems(client: LspTestClient, uri: string): Promise<Item[]> {
  return itemsOf((await client.pull(uri)) as FullDocumentDiagnosticReport);
}

describe('close and open again at once (the same version, another text)', () => {
  test('pull: every reopen is answered for its own text, never the closed one', async () => {
    const ws = tempWorkspace({ 'order.avsc': VALID });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const uri = ws.uri('order.avsc');
      // What each text gives when opened fresh (under a URI outside the workspace, so no duplicate names meet).
      const expected = new Map<string, Item[]>();
      for (const [i, text] of [TRAILING_COMMA, DUPLICATE_SYMBOL].entries()) {
        const other = `file:///elsewhere/expected${i}.avsc`;
        await client.open(other, text);
        expected.set(text, await pullItems(client, other));
        await client.close(other);
      }
      assert.notDeepEqual(expected.get(TRAILING_COMMA), expected.get(DUPLICATE_SYMBOL));
      await client.open(uri, TRAILING_COMMA);
      assert.deepEqual(await pullItems(client, uri), expected.get(TRAILING_COMMA));
      for (let i = 0; i < 30; i++) {
        const text = i % 2 === 0 ? DUPLICATE_SYMBOL : TRAILING_COMMA;
        // No await in between: the reopen arrives while the close is still reading the file.
        void client.close(uri);
        await client.open(uri, text);
        assert.deepEqual(await pullItems(client, uri), expected.get(text), `reopen ${i}`);
      }
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('pull: a result id of the closed open is never answered "unchanged" after the reopen', async () => {
    const ws = tempWorkspace({ 'order.avsc': VALID });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const uri = ws.uri('order.avsc');
      await client.open(uri, TRAILING_COMMA);
      const first = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      void client.close(uri);
      await client.open(uri, DUPLICATE_SYMBOL);
      const again = await client.pull(uri, first.resultId);
      assert.equal(again.kind, 'full');
      assert.notDeepEqual(itemsOf(again as FullDocumentDiagnosticReport), itemsOf(first));
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('push: every reopen publishes its own text\'s diagnostics', async () => {
    const ws = tempWorkspace({ 'order.avsc': VALID });
    const client = await LspTestClient.start({ mode: 'push', workspaceFolders: [ws.root], settings: { diagnostics: { debounceMs: 5 } } });
    try {
      const uri = ws.uri('order.avsc');
      const codes = (p: PublishDiagnosticsParams): unknown[] => p.diagnostics.map(d => d.code);
      await client.open(uri, TRAILING_COMMA);
      assert.deepEqual(codes(await client.waitForDiagnostics(uri)), ['AVRO-102']);
      for (let i = 0; i < 20; i++) {
        const [text, code] = i % 2 === 0 ? [DUPLICATE_SYMBOL, 'AVRO-205'] : [TRAILING_COMMA, 'AVRO-102'];
        void client.close(uri);
        const next = client.waitForDiagnostics(uri, p => p.version === 1, { includeExisting: false });
        await client.open(uri, text);
        const published = await next;
        assert.ok(codes(published).includes(code), `reopen ${i}: ${JSON.stringify(codes(published))} for ${text}`);
      }
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});

describe('text sync: ranges past the end', () => {
  test('a change past the end inserting a line break, then an edit: diagnostics, symbols and formatting are those of the same text opened fresh', async () => {
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      const uri = 'file:///sync/order.avsc';
      let text = '{"type": "record",\n "name": "Order",\n "fields": []}';
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'avroavsc', version: 1, text } });
      const changes = [
        [{ range: { start: { line: 5, character: 0 }, end: { line: 6, character: 0 } }, text: '\n' }],
        [{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '{"type": "enum", "name": "E", "symbols": ["A", "A"]}' }],
        [{ range: { start: { line: 1, character: 9 }, end: { line: 1, character: 99 } }, text: '"Order2",' }],
      ];
      let version = 1;
      for (const c of changes) {
        text = referenceApply(text, c);
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: c });
      }
      assert.equal(text, '{"type": "record",\n "name": "Order2",\n "fields": []}\n{"type": "enum", "name": "E", "symbols": ["A", "A"]}');
      const fresh = 'file:///fresh/order.avsc';
      const served = {
        diagnostics: await pullItems(client, uri),
        symbols: await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri } }),
        formatting: await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } }),
      };
      await client.close(uri); // the fresh copy defines the same names
      await client.open(fresh, text);
      const expected = {
        diagnostics: await pullItems(client, fresh),
        symbols: await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: fresh } }),
        formatting: await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri: fresh }, options: { tabSize: 4, insertSpaces: true } }),
      };
      assert.deepEqual(JSON.parse(JSON.stringify(expected).split(fresh).join(uri)), served);
    } finally {
      await client.stop();
    }
  });
});

describe('workspace folders known from initialize', () => {
  test('registry requests without a folder find the folder\'s registry before any schema is indexed', async () => {
    // No schema at all in the folder: nothing indexed names it.
    const h = await startHarness({ project: {}, files: {} });
    try {
      const conn = await h.client.request<RegistryTestConnectionResult>('avro/registry/testConnection', {});
      assert.equal(conn.ok, true, conn.message);
      assert.deepEqual(await h.client.request<RegistrySubjectsResult>('avro/registry/subjects', {}), { subjects: [] });
      const sync = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      assert.equal(sync.folder, h.ws.uri(''), sync.message);
      // Folders removed and added again are followed.
      const folder = { uri: fileUri(h.ws.root), name: 'ws' };
      await h.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
      const gone = await eventually('the folder forgotten', () => h.client.request<RegistryTestConnectionResult>('avro/registry/testConnection', {}), r => !r.ok);
      assert.match(gone.message, /No avro-studio\.json in the workspace names a registry/);
      await h.client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
      await eventually('the folder back', () => h.client.request<RegistryTestConnectionResult>('avro/registry/testConnection', {}), r => r.ok);
    } finally {
      await h.stop();
    }
  });
});

describe('work over the limits is refused at once', () => {
  test('formatting a 20 MB document over the analysis limit answers nothing at once, saying why (the text is not scanned)', async () => {
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      const uri = 'file:///big/huge.avsc';
      await client.open(uri, schemaOfSize(20 * 1024 * 1024));
      const edits = await client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } });
      assert.deepEqual(edits, []);
      const said = client.logs.map(l => l.message).filter(m => m.includes(uri));
      assert.equal(said.length, 1, said.join('\n'));
      assert.match(said[0], /was not formatted: it is 20\.\d MB, over the 5\.0 MB limit for analysis \(the setting avro\.maxFileSizeMB\)/);
      const range = await client.request<TextEdit[]>('textDocument/rangeFormatting', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, options: { tabSize: 4, insertSpaces: true } });
      assert.deepEqual(range, []);
    } finally {
      await client.stop();
    }
  });

  test('a 20 MB avro-studio.json is refused by its size, with one problem, and the folder\'s schemas are still validated', async () => {
    const big = JSON.stringify({ schemas: [], padding: 'x'.repeat(20 * 1024 * 1024) });
    const ws = tempWorkspace({ 'avro-studio.json': big, 'order.avsc': TRAILING_COMMA });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      await client.open(ws.uri('order.avsc'), TRAILING_COMMA);
      assert.deepEqual((await pullItems(client, ws.uri('order.avsc'))).map(i => i[0]), ['AVRO-102']);
      const problems = await eventually('the project file problem', () => client.logs.map(l => l.message).filter(m => m.includes('avro-studio.json is')), ms => ms.length > 0);
      assert.equal(problems.length, 1, problems.join('\n'));
      assert.match(problems[0], /avro-studio\.json is 20\.\d MB, over the 1\.0 MB limit for a project file: it was not read/);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});

/** Parameters that break `check` one way each: a required field left out, a field of the wrong type, null. */
function brokenVariants(c: Check): unknown[] {
  const fields = c.fields ?? {};
  const valid = c.sample as Record<string, unknown>;
  const out: unknown[] = [];
  for (const [name, field] of Object.entries(fields)) {
    if (!field.optional) {
      const { [name]: _left, ...rest } = valid;
      out.push(rest);
    }
    const wrong = typeof field.sample === 'number' || typeof field.sample === 'boolean' ? 'x' : typeof field.sample === 'string' ? 42 : null;
    out.push({ ...valid, [name]: wrong });
    if (field.fields) for (const inner of brokenVariants(field)) out.push({ ...valid, [name]: inner });
  }
  return out;
}

describe('malformed request parameters', () => {
  test('every request the server answers: malformed parameters are InvalidParams (-32602), nothing logged as an error; valid ones are not', async () => {
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      await client.open('file:///untitled.avsc', VALID);
      let cases = 0;
      for (const [method, c] of Object.entries(REQUEST_PARAMS)) {
        const variants = brokenVariants(c);
        if (c.fields && Object.values(c.fields).some(f => !f.optional)) variants.push({}, null, undefined);
        for (const params of variants) {
          const what = `${method} ${JSON.stringify(params)}`;
          await assert.rejects(client.request(method, params), (err: unknown) => {
            assert.ok(err instanceof ResponseError, what);
            assert.equal(err.code, -32602, `${what}: ${err.message}`);
            assert.match(err.message, new RegExp(`^Invalid parameters for ${method.replace(/\//g, '\\/')}: params`), what);
            return true;
          });
          cases++;
        }
        // The sample parameters fit: whatever the answer, it is not InvalidParams.
        await client.request(method, c.sample).catch((err: unknown) => assert.notEqual((err as ResponseError<unknown>).code, -32602, `${method} ${JSON.stringify(c.sample)}`));
      }
      assert.ok(cases > 100, `${cases} cases`);
      // The cases of the issue, spelled out.
      for (const params of [{}, { textDocument: null, position: { line: 0, character: 0 } }, { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }]) {
        await assert.rejects(client.request('textDocument/hover', params), { code: -32602 });
      }
      // vscode-jsonrpc turns `sendRequest(method, params, undefined)` (VS Code's client with no token) into
      // the array [params, null]: that is the request with `params`, answered as such.
      const sendPositional = client.connection.sendRequest as unknown as (method: string, ...args: unknown[]) => Promise<unknown>;
      await sendPositional.call(client.connection, 'avro/registry/testConnection', { folder: 'file:///nowhere' }, null).catch((err: ResponseError<unknown>) => assert.notEqual(err.code, -32602, err.message));
      await sendPositional.call(client.connection, 'textDocument/hover', { textDocument: { uri: 'file:///untitled.avsc' }, position: { line: 0, character: 2 } }, null);
      // Malformed text sync notifications are dropped, with a warning; the document stays as it was.
      await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///untitled.avsc', version: 2 }, contentChanges: [{ range: { start: { line: 0 } }, text: 'x' }] });
      await client.connection.sendNotification('textDocument/didOpen', { textDocument: null });
      assert.deepEqual(await pullItems(client, 'file:///untitled.avsc'), []);
      assert.deepEqual(client.errorLogs(), []);
      assert.equal(client.logs.filter(l => /ignored textDocument\/did(Change|Open) with invalid parameters/.test(l.message)).length, 2);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  test('the table covers every request the server serves: each avro/* request of protocol.ts and each standard one it announces', async () => {
    // Every request type protocol.ts declares; requests the server sends to the client are not its to check.
    const toClient = new Set([protocol.RegistryCredentialsRequest.method]);
    const custom = (Object.values(protocol) as unknown[])
      .filter((v): v is { method: string } => v instanceof RequestType || v instanceof RequestType0)
      .map(t => t.method)
      .filter(m => !toClient.has(m));
    assert.ok(custom.length >= 14, custom.join(', '));
    for (const m of custom) assert.ok(REQUEST_PARAMS[m], `${m} has no parameter shape`);
    const byCapability: Record<string, string[]> = {
      hoverProvider: ['textDocument/hover'],
      completionProvider: ['textDocument/completion', 'completionItem/resolve'],
      definitionProvider: ['textDocument/definition'],
      referencesProvider: ['textDocument/references'],
      documentHighlightProvider: ['textDocument/documentHighlight'],
      renameProvider: ['textDocument/rename', 'textDocument/prepareRename'],
      selectionRangeProvider: ['textDocument/selectionRange'],
      codeActionProvider: ['textDocument/codeAction'],
      codeLensProvider: ['textDocument/codeLens'],
      documentSymbolProvider: ['textDocument/documentSymbol'],
      workspaceSymbolProvider: ['workspace/symbol'],
      foldingRangeProvider: ['textDocument/foldingRange'],
      documentFormattingProvider: ['textDocument/formatting'],
      documentRangeFormattingProvider: ['textDocument/rangeFormatting'],
      diagnosticProvider: ['textDocument/diagnostic'],
    };
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      const announced = Object.keys(client.initializeResult?.capabilities ?? {}).filter(k => k.endsWith('Provider'));
      assert.ok(announced.length >= 10, announced.join(', '));
      for (const capability of announced) {
        assert.ok(byCapability[capability], `${capability}: which requests does it serve? (add them here and to REQUEST_PARAMS)`);
        for (const m of byCapability[capability]) assert.ok(REQUEST_PARAMS[m], `${m} has no parameter shape`);
      }
    } finally {
      await client.stop();
    }
  });
});

describe('unreadable workspace files', { skip: process.platform !== 'linux' && 'needs /proc/self/mem to make a read fail' }, () => {
  test('a schema that cannot be read (an I/O error) gets AVRO-501 on the file; readable again, it goes', async () => {
    const ws = tempWorkspace({ 'good.avsc': VALID });
    // Reading /proc/self/mem from its start fails with EIO: a real I/O error, whoever runs the test (root reads through permissions).
    fs.symlinkSync('/proc/self/mem', ws.path('broken.avsc'));
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const uri = ws.uri('broken.avsc');
      const published = await client.waitForDiagnostics(uri, p => p.diagnostics.length > 0);
      assert.equal(published.diagnostics.length, 1);
      const [d] = published.diagnostics;
      assert.equal(d.code, 'AVRO-501');
      assert.equal(d.severity, 2);
      assert.deepEqual(d.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
      assert.match(String(d.message), /^This file cannot be read \(EIO: i\/o error, read\): it is not validated, and the named types it defines are unknown to other files\./);
      // Opened in the editor (its text is what counts meanwhile), closed: read back, still failing, said again.
      await client.open(uri, VALID);
      await client.pull(uri);
      const again = client.waitForDiagnostics(uri, p => p.diagnostics.some(x => x.code === 'AVRO-501'), { includeExisting: false });
      await client.close(uri);
      await again;
      // Fixed on disk: the watcher says so, the problem goes and the file is indexed.
      fs.rmSync(ws.path('broken.avsc'));
      fs.writeFileSync(ws.path('broken.avsc'), TRAILING_COMMA);
      await client.watchedFilesChanged([{ uri, type: 2 }]);
      await client.waitForDiagnostics(uri, p => p.diagnostics.length === 0, { includeExisting: false });
      assert.deepEqual((await pullItems(client, uri)).map(i => i[0]), ['AVRO-102']);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('the severity setting applies ("off" hides it)', async () => {
    const ws = tempWorkspace({ 'good.avsc': VALID });
    fs.symlinkSync('/proc/self/mem', ws.path('broken.avsc'));
    const client = await LspTestClient.start({ mode: 'push', workspaceFolders: [ws.root], settings: { diagnostics: { severity: { 'AVRO-501': 'error' } } } });
    try {
      const uri = ws.uri('broken.avsc');
      const published = await client.waitForDiagnostics(uri, p => p.diagnostics.length > 0);
      assert.equal(published.diagnostics[0].severity, 1);
      await client.setSettings({ diagnostics: { severity: { 'AVRO-501': 'off' } } });
      await client.waitForDiagnostics(uri, p => p.diagnostics.length === 0, { includeExisting: false });
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
