// Rename through the real server: three files (two open, one closed on disk), document versions, aliases, annotations, refusals, and its speed on 500 files.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { AnnotatedTextEdit, FullDocumentDiagnosticReport, Location, TextDocumentEdit, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { LineIndex } from '../../server/src/service/text';
import { editorCapabilities } from '../helpers/editorCapabilities';

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "com.acme.common",
  "fields": [
    { "name": "units", "type": "long" },
    { "name": "currency", "type": { "type": "enum", "name": "Currency", "symbols": ["EUR", "USD"], "default": "EUR" } }
  ]
}
`;

const REFUND = `{
  "type": "record",
  "name": "Refund",
  "namespace": "com.acme.common",
  "fields": [
    { "name": "amount", "type": "Money" },
    { "name": "fee", "type": ["null", "Money"], "default": null }
  ]
}
`;

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.orders",
  "fields": [ { "name": "total", "type": "com.acme.common.Money" }, { "name": "currency", "type": "com.acme.common.Currency", "default": "USD" } ]
}
`;

function positionOf(text: string, needle: string, delta = 1): { line: number; character: number } {
  const at = text.indexOf(needle);
  assert.ok(at >= 0, `${needle} in text`);
  return new LineIndex(text).positionAt(at + delta);
}

function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map(e => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  try {
    await p;
  } catch (err) {
    return err as { code: number; message: string };
  }
  assert.fail('the request succeeded');
}

describe('rename across files through the server', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspTestClient;
  before(async () => {
    ws = tempWorkspace({ 'common/money.avsc': MONEY, 'common/refund.avsc': REFUND, 'orders/order.avsc': ORDER });
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: editorCapabilities(), settings: {} });
    await client.open(ws.uri('common/money.avsc'), MONEY);
    await client.open(ws.uri('common/refund.avsc'), REFUND);
    // An unsaved edit: the rename works on the editor's text and says which version it edited.
    await client.edit(ws.uri('common/refund.avsc'), REFUND.indexOf('"fee"'), REFUND.indexOf('"fee"') + 5, '"fees"');
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  test('prepareRename on a reference: the name between the quotes', async () => {
    const refund = ws.uri('common/refund.avsc');
    const text = client.text(refund);
    const prepared = await client.request('textDocument/prepareRename', { textDocument: { uri: refund }, position: positionOf(text, '"Money"', 3) });
    assert.deepEqual(prepared, { range: { start: positionOf(text, '"Money"'), end: positionOf(text, '"Money"', 6) }, placeholder: 'Money' });
  });

  test('rename: every file, open documents at their version, the closed one with version null, the alias annotated', async () => {
    const refund = ws.uri('common/refund.avsc');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: refund }, position: positionOf(client.text(refund), '"Money"', 3), newName: 'Amount' });
    const changes = edit.documentChanges as TextDocumentEdit[];
    const byUri = new Map(changes.map(c => [c.textDocument.uri, c]));
    assert.deepEqual([...byUri.keys()].sort(), [ws.uri('common/money.avsc'), ws.uri('common/refund.avsc'), ws.uri('orders/order.avsc')].sort());
    assert.equal(byUri.get(ws.uri('common/money.avsc'))!.textDocument.version, 1);
    assert.equal(byUri.get(refund)!.textDocument.version, 2, 'the version with the unsaved edit');
    assert.equal(byUri.get(ws.uri('orders/order.avsc'))!.textDocument.version, null, 'closed: edited on disk by the client');
    assert.deepEqual(edit.changeAnnotations, { alias: { label: 'Alias for the old name', description: 'Readers with the new schema still resolve data written with the old name (schema resolution matches names by alias).', needsConfirmation: false } });
    const aliasEdits = changes.flatMap(c => c.edits).filter(e => (e as AnnotatedTextEdit).annotationId === 'alias');
    assert.equal(aliasEdits.length, 1);

    const money = applyTextEdits(MONEY, byUri.get(ws.uri('common/money.avsc'))!.edits as TextEdit[]);
    assert.equal(money, MONEY.replace('"name": "Money",', '"name": "Amount",').replace('"namespace": "com.acme.common",', '"namespace": "com.acme.common",\n  "aliases": ["Money"],'));
    const refundText = applyTextEdits(client.text(refund), byUri.get(refund)!.edits as TextEdit[]);
    assert.equal(refundText, client.text(refund).replace(/"Money"/g, '"Amount"'));
    const order = applyTextEdits(ORDER, byUri.get(ws.uri('orders/order.avsc'))!.edits as TextEdit[]);
    assert.equal(order, ORDER.replace('com.acme.common.Money', 'com.acme.common.Amount'));

    // Applied as VS Code does: open documents changed, the closed file written and saved.
    await client.replace(ws.uri('common/money.avsc'), money);
    await client.replace(refund, refundText);
    ws.write('orders/order.avsc', order);
    await client.watchedFilesChanged([{ uri: ws.uri('orders/order.avsc'), type: 2 }]);
    await client.idle();
    for (const rel of ['common/money.avsc', 'common/refund.avsc', 'orders/order.avsc']) {
      const codes = ((await client.pull(ws.uri(rel))) as FullDocumentDiagnosticReport).items.map(d => String(d.code));
      assert.deepEqual(codes, [], `${rel} has no problems after the rename`);
    }
    // References follow the new name.
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: refund }, position: positionOf(refundText, '"Amount"', 3), context: { includeDeclaration: true } });
    assert.equal(refs.length, 4);
  });

  test('avro.rename.addAlias false: no alias', async () => {
    // As VS Code does when a setting changes: the new value is answered and didChangeConfiguration sent.
    await client.setSettings({ rename: { addAlias: false } });
    try {
      const money = ws.uri('common/money.avsc');
      const text = client.text(money);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: money }, position: positionOf(text, '"units"', 2), newName: 'minorUnits' });
      const changes = edit.documentChanges as TextDocumentEdit[];
      assert.equal(changes.length, 1);
      assert.deepEqual((changes[0].edits as TextEdit[]).map(e => e.newText), ['minorUnits']);
      assert.equal(edit.changeAnnotations, undefined);
    } finally {
      await client.setSettings({});
    }
  });

  test('an enum symbol: edits annotated as needing confirmation (the editor shows a preview), across files', async () => {
    const money = ws.uri('common/money.avsc');
    const text = client.text(money);
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: money }, position: positionOf(text, '"USD"', 2), newName: 'US_DOLLAR' });
    assert.equal(edit.changeAnnotations?.['enum-symbol']?.needsConfirmation, true);
    const changes = edit.documentChanges as TextDocumentEdit[];
    assert.deepEqual(changes.map(c => [c.textDocument.uri, c.edits.length]), [[money, 1], [ws.uri('orders/order.avsc'), 1]], 'the symbol and the default in the closed file');
    assert.ok(changes.every(c => c.edits.every(e => (e as AnnotatedTextEdit).annotationId === 'enum-symbol')));
  });

  test('refusals are errors with the reason (VS Code shows the message)', async () => {
    const money = ws.uri('common/money.avsc');
    const text = client.text(money);
    const primitive = await errorOf(client.request('textDocument/prepareRename', { textDocument: { uri: money }, position: positionOf(text, '"long"', 2) }));
    assert.equal(primitive.code, -32803);
    assert.match(primitive.message, /^"long" is a primitive type of Avro and cannot be renamed/);
    const taken = await errorOf(client.request('textDocument/rename', { textDocument: { uri: money }, position: positionOf(text, '"Amount"', 2), newName: 'com.acme.orders.Order' }));
    assert.match(taken.message, /^"com\.acme\.orders\.Order" is already defined \(in order\.avsc\)/);
    assert.equal(await client.request('textDocument/prepareRename', { textDocument: { uri: money }, position: { line: 0, character: 0 } }), null, 'nothing to rename on a brace');
  });
});

describe('rename for clients without documentChanges', () => {
  test('edits come as `changes` by URI, without annotations', async () => {
    const ws = tempWorkspace({ 'common/money.avsc': MONEY, 'orders/order.avsc': ORDER });
    const caps = editorCapabilities();
    caps.workspace!.workspaceEdit = {};
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: caps });
    try {
      const money = ws.uri('common/money.avsc');
      await client.open(money, MONEY);
      const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: money }, position: positionOf(MONEY, '"Money"', 2), newName: 'Cash' });
      assert.equal(edit.documentChanges, undefined);
      assert.deepEqual(Object.keys(edit.changes!).sort(), [money, ws.uri('orders/order.avsc')].sort());
      assert.equal(applyTextEdits(fs.readFileSync(ws.path('orders/order.avsc'), 'utf8'), edit.changes![ws.uri('orders/order.avsc')]), ORDER.replace('common.Money', 'common.Cash'));
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});

// How long these take is measured by `npm run bench` (section "navigation": rename and references
// on a 2,000-file workspace); here, that the answers are complete.
describe('large workspaces (through the server)', () => {
  test('rename of a type referenced from 500 closed files: the definition, its alias and every reference', async () => {
    const files: Record<string, string> = { 'common/money.avsc': MONEY };
    for (let i = 0; i < 500; i++) {
      files[`events/e${i}.avsc`] = `{"type": "record", "name": "Event${i}", "namespace": "com.acme.events", "fields": [{"name": "id", "type": "string"}, {"name": "amount", "type": "com.acme.common.Money"}, {"name": "fee", "type": ["null", "com.acme.common.Money"], "default": null}]}`;
    }
    const ws = tempWorkspace(files);
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: editorCapabilities() });
    try {
      const money = ws.uri('common/money.avsc');
      await client.open(money, MONEY);
      const position = positionOf(MONEY, '"Money"', 2);
      // Asked again with another name: the answer is computed afresh each time.
      for (let i = 0; i < 2; i++) {
        const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: money }, position, newName: `Amount${i}` });
        assert.equal((edit.documentChanges as TextDocumentEdit[]).length, 501);
        assert.equal((edit.documentChanges as TextDocumentEdit[]).reduce((n, c) => n + c.edits.length, 0), 1 + 1 + 1000, 'name, alias, 1000 references');
      }
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('references on a 2,000-file workspace', async () => {
    const files: Record<string, string> = { 'common/money.avsc': MONEY };
    for (let i = 0; i < 2000; i++) {
      const uses = i % 4 === 0 ? '{"name": "amount", "type": "com.acme.common.Money"}' : '{"name": "amount", "type": "long"}';
      files[`events/e${i}.avsc`] = `{"type": "record", "name": "Event${i}", "namespace": "com.acme.events", "fields": [{"name": "id", "type": "string"}, ${uses}, {"name": "kind", "type": {"type": "enum", "name": "Kind${i}", "symbols": ["A", "B"]}}]}`;
    }
    const ws = tempWorkspace(files);
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: editorCapabilities() });
    try {
      const money = ws.uri('common/money.avsc');
      await client.open(money, MONEY);
      const position = positionOf(MONEY, '"Money"', 2);
      for (let i = 0; i < 2; i++) {
        const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: money }, position, context: { includeDeclaration: true } });
        assert.equal(refs.length, 501);
      }
      const symbols = await client.request<Array<{ name: string }>>('workspace/symbol', { query: 'kind19' });
      assert.ok(symbols.some(s => s.name === 'Kind19'), JSON.stringify(symbols.slice(0, 5)));
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
