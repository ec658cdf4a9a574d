// Definition, references, highlights, symbols, folding and selection through the real server (in process), across open and closed files.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import type { DocumentSymbol, FoldingRange, Location, LocationLink, SelectionRange, SymbolInformation } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { editorCapabilities } from '../helpers/editorCapabilities';

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "com.acme.common",
  "fields": [
    { "name": "units", "type": "long" },
    { "name": "currency", "type": "string" }
  ]
}
`;

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.orders",
  "fields": [
    { "name": "total", "type": "com.acme.common.Money" },
    { "name": "status", "type": { "type": "enum", "name": "Status", "symbols": ["NEW", "PAID"], "default": "NEW" } },
    { "name": "previous", "type": ["null", "Status"], "default": null }
  ]
}
`;

const REFUND = `{
  "type": "record",
  "name": "Refund",
  "namespace": "com.acme.common",
  "fields": [ { "name": "amount", "type": "Money" } ]
}
`;

/** The position of the n-th occurrence of `needle` in `text`, plus `delta` characters. */
function positionOf(text: string, needle: string, delta = 1, nth = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in text`);
  const before = text.slice(0, at + delta);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

describe('navigation through the server', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspTestClient;
  before(async () => {
    ws = tempWorkspace({ 'common/money.avsc': MONEY, 'common/refund.avsc': REFUND, 'orders/order.avsc': ORDER });
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: editorCapabilities({ rangeLimit: 3 }) });
    await client.open(ws.uri('orders/order.avsc'), ORDER);
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  test('definition: a reference in an open file goes to the type in a closed file (LocationLink with the origin)', async () => {
    const order = ws.uri('orders/order.avsc');
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: order }, position: positionOf(ORDER, 'com.acme.common.Money', 20) });
    assert.deepEqual(links, [{
      originSelectionRange: { start: positionOf(ORDER, 'com.acme.common.Money', 0), end: positionOf(ORDER, 'com.acme.common.Money', 21) },
      targetUri: ws.uri('common/money.avsc'),
      targetRange: { start: { line: 0, character: 0 }, end: { line: 8, character: 1 } },
      targetSelectionRange: { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } },
    }]);
  });

  test('definition: a union member goes to the enum defined in the same file', async () => {
    const order = ws.uri('orders/order.avsc');
    const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: order }, position: positionOf(ORDER, '"Status"', 2, 1) });
    assert.equal(links.length, 1);
    assert.equal(links[0].targetUri, order);
    assert.deepEqual(links[0].targetSelectionRange, { start: positionOf(ORDER, 'Status', 0), end: positionOf(ORDER, 'Status', 6) });
  });

  test('references: the definition and every reference, open and closed files', async () => {
    const order = ws.uri('orders/order.avsc');
    const position = positionOf(ORDER, 'com.acme.common.Money', 18);
    const all = await client.request<Location[]>('textDocument/references', { textDocument: { uri: order }, position, context: { includeDeclaration: true } });
    assert.deepEqual(all.map(l => `${l.uri.slice(ws.uri('').length + 1)} ${l.range.start.line}:${l.range.start.character}-${l.range.end.character}`).sort(), [
      'common/money.avsc 2:11-16',
      'common/refund.avsc 4:43-48',
      'orders/order.avsc 5:32-53',
    ]);
    const uses = await client.request<Location[]>('textDocument/references', { textDocument: { uri: order }, position, context: { includeDeclaration: false } });
    assert.equal(uses.length, 2);
  });

  test('highlights: the enum symbol, written and read', async () => {
    const order = ws.uri('orders/order.avsc');
    const highlights = await client.request<Array<{ range: unknown; kind: number }>>('textDocument/documentHighlight', { textDocument: { uri: order }, position: positionOf(ORDER, '"NEW"', 2) });
    assert.deepEqual(highlights.map(h => h.kind), [3, 2], 'the symbol is a write, the enum default a read');
  });

  test('document symbols: the outline with fields and the nested enum', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: ws.uri('orders/order.avsc') } });
    assert.equal(symbols.length, 1);
    const [record] = symbols;
    assert.deepEqual([record.name, record.kind, record.detail], ['Order', 5, 'com.acme.orders.Order']);
    assert.deepEqual(record.children!.map(c => [c.name, c.kind, c.detail]), [
      ['total', 8, 'com.acme.common.Money'],
      ['status', 8, 'Status'],
      ['previous', 8, 'null | Status = null'],
    ]);
    assert.deepEqual(record.children![1].children!.map(c => [c.name, c.kind]), [['Status', 10]]);
    assert.deepEqual(record.children![1].children![0].children!.map(c => [c.name, c.kind, c.detail]), [['NEW', 22, 'default'], ['PAID', 22, undefined]]);
  });

  test('workspace symbols: named types of open and closed files, with their namespace as container', async () => {
    const found = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'money' });
    assert.deepEqual(found.map(s => [s.name, s.kind, s.containerName, s.location.uri]), [['Money', 5, 'com.acme.common', ws.uri('common/money.avsc')]]);
    assert.deepEqual(found[0].location.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } });
    const partial = await client.request<SymbolInformation[]>('workspace/symbol', { query: 'mon' });
    assert.deepEqual(partial.map(s => s.name), ['Money', 'Refund'], 'the name first, then types whose namespace matches (com.acme.common)');
    const all = await client.request<SymbolInformation[]>('workspace/symbol', { query: '' });
    assert.deepEqual(all.map(s => s.name).sort(), ['Money', 'Order', 'Refund', 'Status']);
  });

  test('folding ranges within the client\'s limit (the outermost kept)', async () => {
    const ranges = await client.request<FoldingRange[]>('textDocument/foldingRange', { textDocument: { uri: ws.uri('orders/order.avsc') } });
    assert.deepEqual(ranges, [{ startLine: 0, endLine: 8 }, { startLine: 4, endLine: 7 }]);
  });

  test('selection ranges: one chain per position, smallest first', async () => {
    const [first, outside] = await client.request<SelectionRange[]>('textDocument/selectionRange', {
      textDocument: { uri: ws.uri('orders/order.avsc') },
      positions: [positionOf(ORDER, 'com.acme.common.Money', 18), { line: 10, character: 0 }],
    });
    const texts: string[] = [];
    const lines = ORDER.split('\n');
    for (let s: SelectionRange | undefined = first; s; s = s.parent) {
      if (s.range.start.line === s.range.end.line) texts.push(lines[s.range.start.line].slice(s.range.start.character, s.range.end.character));
    }
    assert.deepEqual(texts.slice(0, 3), ['Money', 'com.acme.common.Money', '"com.acme.common.Money"']);
    assert.deepEqual(outside, { range: { start: { line: 10, character: 0 }, end: { line: 10, character: 0 } } });
  });
});

describe('navigation for clients without links or hierarchical symbols', () => {
  test('definition answers Location[], document symbols SymbolInformation[] with containers', async () => {
    const ws = tempWorkspace({ 'common/money.avsc': MONEY, 'orders/order.avsc': ORDER });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: editorCapabilities({ linkSupport: false, hierarchical: false }) });
    try {
      const order = ws.uri('orders/order.avsc');
      await client.open(order, ORDER);
      const locations = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: order }, position: positionOf(ORDER, 'com.acme.common.Money', 20) });
      assert.deepEqual(locations, [{ uri: ws.uri('common/money.avsc'), range: { start: { line: 2, character: 11 }, end: { line: 2, character: 16 } } }]);
      const symbols = await client.request<SymbolInformation[]>('textDocument/documentSymbol', { textDocument: { uri: order } });
      assert.deepEqual(symbols.map(s => [s.name, s.containerName]), [
        ['Order', undefined], ['total', 'Order'], ['status', 'Order'], ['Status', 'status'], ['NEW', 'Status'], ['PAID', 'Status'], ['previous', 'Order'],
      ]);
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
