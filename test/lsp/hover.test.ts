// textDocument/hover through the server (in process): a reference to a type in a file that is not open (fullname, file and line, fingerprints), fields, edits.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "com.acme.common",
  "doc": "An amount in minor units.",
  "fields": [ { "name": "amount", "type": "long" }, { "name": "currency", "type": "string", "doc": "ISO 4217" } ]
}
`;

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.orders",
  "fields": [
    { "name": "total", "type": "com.acme.common.Money" },
    { "name": "note", "type": ["null", "string"], "default": null }
  ]
}
`;

/** The Parsing Canonical Form of Money, written out by hand from the specification's rules. */
const MONEY_CANONICAL = '{"name":"com.acme.common.Money","type":"record","fields":[{"name":"amount","type":"long"},{"name":"currency","type":"string"}]}';

function positionOf(text: string, needle: string, delta = 1): { line: number; character: number } {
  const at = text.indexOf(needle) + delta;
  const before = text.slice(0, at);
  return { line: before.split('\n').length - 1, character: at - (before.lastIndexOf('\n') + 1) };
}

describe('hover over LSP', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspTestClient;
  before(async () => {
    ws = tempWorkspace({ 'common/money.avsc': MONEY, 'orders/order.avsc': ORDER });
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  test('a reference to a type defined in a file that is not open: fullname, doc, file and line, CRC-64-AVRO and SHA-256', async () => {
    const uri = ws.uri('orders/order.avsc');
    await client.open(uri, ORDER);
    const position = positionOf(ORDER, '"com.acme.common.Money"', 5);
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position });
    const contents = hover.contents as MarkupContent;
    assert.equal(contents.kind, 'markdown');
    const md = contents.value;
    assert.ok(md.includes('record com.acme.common.Money {'), md);
    assert.ok(md.includes('An amount in minor units.'), md);
    assert.ok(md.includes(`Defined in [common/money.avsc, line 3](${ws.uri('common/money.avsc')}#L3)`), md);
    const sha = createHash('sha256').update(MONEY_CANONICAL).digest('hex');
    assert.ok(md.includes(`SHA-256: \`${sha}\``), md);
    assert.match(md, /CRC-64-AVRO: `[0-9a-f]{16}`/);
    assert.deepEqual(hover.range, { start: { line: 5, character: 31 }, end: { line: 5, character: 54 } }, 'the reference literal');
  });

  test('a field: its type in words and its default', async () => {
    const uri = ws.uri('orders/order.avsc');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ORDER, '"note"', 2) });
    const md = (hover.contents as MarkupContent).value;
    assert.ok(md.includes('- Type: union of null and string'), md);
    assert.ok(md.includes('- Default: `null`'), md);
  });

  test('after an edit of the defining file (open, unsaved), the hover shows the new definition', async () => {
    const money = ws.uri('common/money.avsc');
    await client.open(money, MONEY);
    const at = MONEY.indexOf('An amount');
    await client.edit(money, at, at + 'An amount'.length, 'A sum');
    const uri = ws.uri('orders/order.avsc');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(ORDER, '"com.acme.common.Money"', 5) });
    assert.ok((hover.contents as MarkupContent).value.includes('A sum in minor units.'));
    await client.close(money);
  });

  test('nothing on punctuation, and null for a document that is not open', async () => {
    const uri = ws.uri('orders/order.avsc');
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } }), null);
    assert.equal(await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: ws.uri('common/money.avsc') }, position: { line: 2, character: 12 } }), null);
  });
});
