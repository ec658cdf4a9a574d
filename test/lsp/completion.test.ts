// textDocument/completion through the server (in process): capabilities, a type from a file that is not open, ranges in UTF-16, edits, a new file.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CompletionItem, CompletionList, InitializeResult, TextEdit } from 'vscode-languageserver-protocol';
import { createProtocolConnection } from 'vscode-languageserver-protocol/node';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { startInProcessServer } from '../helpers/inProcessServer';

/** The capabilities the server answers to an initialize that offers none (the test client offers many). */
export async function initializeCapabilities(): Promise<InitializeResult['capabilities']> {
  const server = startInProcessServer();
  const connection = createProtocolConnection(server.reader, server.writer);
  connection.listen();
  try {
    const result = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {} });
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await server.exited, 0);
    return result.capabilities;
  } finally {
    connection.dispose();
  }
}

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "com.acme.common",
  "fields": [ { "name": "amount", "type": "long" }, { "name": "currency", "type": "string" } ]
}
`;

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.orders",
  "doc": "Priced in €💶",
  "fields": [
    { "name": "id", "type": "string" },
    { "name": "total", "type":  }
  ]
}
`;

/** Apply LSP text edits to a text (positions in UTF-16 code units). */
function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offsetOf = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offsetOf(b.range.start) - offsetOf(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, offsetOf(e.range.start)) + e.newText + out.slice(offsetOf(e.range.end));
  return out;
}

function positionOf(text: string, needle: string, delta = 0): { line: number; character: number } {
  const at = text.indexOf(needle) + delta;
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}

describe('completion over LSP', () => {
  let ws: ReturnType<typeof tempWorkspace>;
  let client: LspTestClient;
  before(async () => {
    ws = tempWorkspace({ 'common/money.avsc': MONEY, 'orders/order.avsc': ORDER, 'orders/refund.avsc': '{"type": "enum", "name": "Reason", "namespace": "com.acme.orders", "symbols": ["LATE"]}' });
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  test('the server announces completion, triggered by " and :, and hover', async () => {
    const capabilities = await initializeCapabilities();
    assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['"', ':'], resolveProvider: true });
    assert.equal(capabilities.hoverProvider, true);
  });

  test('a type position lists primitives, then Money from a file that is not open (shortest name, its path), with exact UTF-16 ranges', async () => {
    const uri = ws.uri('orders/order.avsc');
    await client.open(uri, ORDER);
    const position = positionOf(ORDER, '"type":  }', 8);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 2, triggerCharacter: ':' } });
    assert.ok(list && list.items.length > 10);
    const sorted = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1));
    assert.deepEqual(sorted.slice(0, 3).map(i => i.label), ['string', 'long', 'int']);
    const money = list.items.find(i => i.label === 'com.acme.common.Money');
    assert.ok(money, `offered: ${list.items.map(i => i.label).join(', ')}`);
    assert.ok(list.items.some(i => i.label === 'Reason'), 'a type of the same namespace is written by its simple name');
    const edit = money.textEdit as TextEdit;
    assert.deepEqual(edit.range, { start: position, end: position });
    assert.equal(applyEdits(ORDER, [edit]), ORDER.replace('"type":  }', '"type": "com.acme.common.Money" }'));
    assert.equal(money.documentation, undefined, 'documented lazily');
    const resolved = await client.request<CompletionItem>('completionItem/resolve', money);
    assert.equal(resolved.detail, 'record com.acme.common.Money (common/money.avsc)');
    const documentation = resolved.documentation as { kind: string; value: string };
    assert.equal(documentation.kind, 'markdown');
    assert.ok(documentation.value.includes('record com.acme.common.Money {\n  long amount;\n  string currency;\n}'), documentation.value);
    assert.ok(documentation.value.includes('Defined in `common/money.avsc`.'), documentation.value);
    assert.deepEqual(resolved.textEdit, money.textEdit, 'resolve changes nothing else');
  });

  test('a key after a property without a comma: the comma goes after that property (additionalTextEdits), ranges past an emoji in UTF-16', async () => {
    const uri = ws.uri('orders/keys.avsc');
    const text = '{"type": "record", "doc": "💶💶", "name": "K" "fields": []}';
    await client.open(uri, text);
    const position = positionOf(text, '"name": "K" ', 12);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const ns = list.items.find(i => i.label === 'namespace') as CompletionItem;
    assert.ok(ns, `offered: ${list.items.map(i => i.label).join(', ')}`);
    assert.ok(!list.items.some(i => ['type', 'name', 'fields', 'doc'].includes(i.label)), 'no key already present');
    assert.equal(ns.insertTextFormat, 2, 'a snippet');
    assert.deepEqual(ns.additionalTextEdits, [{ range: { start: { line: 0, character: 45 }, end: { line: 0, character: 45 } }, newText: ',' }]);
    assert.equal(text.slice(0, 45), '{"type": "record", "doc": "💶💶", "name": "K"', 'character 45 counts each emoji as two UTF-16 units');
    assert.equal(ns.command?.command, 'editor.action.triggerSuggest');
    const after = applyEdits(text, [ns.textEdit as TextEdit, ...ns.additionalTextEdits!]);
    assert.equal(after, '{"type": "record", "doc": "💶💶", "name": "K", "namespace": "$1","fields": []}');
    await client.close(uri);
  });

  test('a new empty file offers a whole record named after the file, in the namespace of its folder', async () => {
    const uri = ws.uri('orders/order-shipped.avsc');
    await client.open(uri, '');
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
    const first = [...list.items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1))[0];
    assert.equal(first.label, 'record schema');
    assert.equal(first.detail, 'new record com.acme.orders.OrderShipped');
    assert.equal(first.preselect, true);
    await client.close(uri);
  });

  test('after an edit, completion sees the new text (the model of that version)', async () => {
    const uri = ws.uri('orders/order.avsc');
    const at = client.text(uri).indexOf('"type":  }') + 8;
    await client.edit(uri, at, at, '"lo');
    const position = positionOf(client.text(uri), '"lo', 3);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position });
    const long = list.items.find(i => i.label === 'long')!;
    const edit = long.textEdit as TextEdit;
    // The string has no closing quote: from its quote to the cursor is replaced (not the rest of the line).
    assert.deepEqual(edit.range, { start: { line: position.line, character: position.character - 3 }, end: position }, 'the typed "lo is replaced');
    assert.equal(edit.newText, '"long"');
    assert.equal(long.filterText, '"long"');
  });

  test('nothing for a document that is not open, and inside a doc string', async () => {
    const closed = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri: ws.uri('common/money.avsc') }, position: { line: 1, character: 3 } });
    assert.equal(closed, null);
    const uri = ws.uri('orders/order.avsc');
    const inDoc = await client.request<CompletionList | null>('textDocument/completion', { textDocument: { uri }, position: positionOf(client.text(uri), 'Priced', 3) });
    assert.deepEqual(inDoc?.items ?? [], []);
  });
});

describe('completion for a client without snippet support', () => {
  test('snippet items arrive as the plain text they expand to, without InsertTextFormat.Snippet', async () => {
    const ws = tempWorkspace({});
    // Replaces the default textDocument capabilities: no completion.completionItem.snippetSupport.
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } } } });
    try {
      const uri = ws.uri('keys.avsc');
      const text = '{"type": "record", "name": "K", }';
      await client.open(uri, text);
      const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, ', }', 2) });
      const ns = list.items.find(i => i.label === 'namespace') as CompletionItem;
      assert.ok(ns, `offered: ${list.items.map(i => i.label).join(', ')}`);
      assert.equal(ns.insertTextFormat, undefined, 'plain text');
      assert.ok(list.items.every(i => i.insertTextFormat !== 2), 'no snippet at all');
      assert.equal((ns.textEdit as TextEdit).newText, '"namespace": ""');
      assert.ok(list.items.every(i => !/\$\d|\$\{/.test((i.textEdit as TextEdit).newText)), 'no placeholder syntax left in any item');
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
