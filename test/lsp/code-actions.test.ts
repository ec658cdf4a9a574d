// Code actions through the real server (in process): quick fixes from the pulled diagnostics' data, assists, edits in other files, new files, indentation.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { ClientCapabilities, CodeAction, CreateFile, Diagnostic, FullDocumentDiagnosticReport, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { LineIndex } from '../../server/src/service/text';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';

const CAPABILITIES = (createFiles: boolean): ClientCapabilities => ({
  workspace: {
    configuration: true,
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true },
    workspaceFolders: true,
    diagnostics: { refreshSupport: true },
    workspaceEdit: createFiles ? { documentChanges: true, resourceOperations: ['create'] } : { documentChanges: false },
  },
});

/** Apply LSP text edits (ranges in the original text) to a text. */
function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map(e => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  for (const s of spans) text = text.slice(0, s.start) + s.text + text.slice(s.end);
  return text;
}

async function pull(client: LspTestClient, uri: string): Promise<Diagnostic[]> {
  return ((await client.pull(uri)) as FullDocumentDiagnosticReport).items;
}

/** The actions at the start of a diagnostic with this code, asked with the diagnostics there (as VS Code does). */
async function actionsFor(client: LspTestClient, uri: string, code: string): Promise<{ actions: CodeAction[]; diagnostic: Diagnostic }> {
  const diagnostics = await pull(client, uri);
  const diagnostic = diagnostics.find(d => d.code === code);
  assert.ok(diagnostic, `${code} in ${JSON.stringify(diagnostics.map(d => d.code))}`);
  const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic], triggerKind: 1 },
  });
  return { actions, diagnostic };
}

describe('code actions (pull, files can be created)', () => {
  const ws = tempWorkspace({
    'billing/payment.avsc': '{\n  "type": "record",\n  "name": "PaymentCaptured",\n  "namspace": "caracal.billing",\n  "fields": [\n    {"name": "amount", "type": "Money"},\n    {"name": "currency", "type": "com.acme.Currency", "default": "CHF"}\n  ]\n}\n',
    'common/currency.avsc': '{"type": "enum", "name": "Currency", "namespace": "com.acme", "symbols": ["EUR", "USD"]}\n',
    'orders/order.avsc': '{\n    "type": "record",\n    "name": "Order",\n    "fields": [\n        {\n            "name": "note",\n            "type": ["null", "string"]\n        }\n    ]\n}\n',
  });
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: CAPABILITIES(true) });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  test('AVRO-242: "Rename namspace to namespace" carries the diagnostic, is preferred, and applied removes it', async () => {
    const uri = ws.uri('billing/payment.avsc');
    await client.open(uri, fs.readFileSync(ws.path('billing/payment.avsc'), 'utf8'));
    const { actions, diagnostic } = await actionsFor(client, uri, 'AVRO-242');
    const rename = actions.find(a => a.title === 'Rename "namspace" to "namespace"');
    assert.ok(rename, JSON.stringify(actions.map(a => a.title)));
    assert.equal(rename.kind, 'quickfix');
    assert.equal(rename.isPreferred, true);
    assert.deepEqual(rename.diagnostics, [diagnostic]);
    const edits = rename.edit?.changes?.[uri];
    assert.ok(edits);
    await client.replace(uri, applyLspEdits(client.text(uri), edits));
    assert.match(client.text(uri), /"namespace": "caracal.billing"/);
    assert.ok(!(await pull(client, uri)).some(d => d.code === 'AVRO-242'));
  });

  test('AVRO-220 on an enum field whose enum is in another (closed) file: "Add the symbol" edits that file', async () => {
    const uri = ws.uri('billing/payment.avsc');
    const { actions } = await actionsFor(client, uri, 'AVRO-220');
    assert.deepEqual(actions.filter(a => a.kind === 'quickfix').map(a => a.title), [
      'Change the default to "EUR"',
      'Change the default to "USD"',
      'Add "CHF" to the symbols of "com.acme.Currency"',
      'Ignore AVRO-220 here… (then write the reason after the colon)',
    ]);
    const add = actions.find(a => a.title.startsWith('Add "CHF"'))!;
    const other = ws.uri('common/currency.avsc');
    assert.deepEqual(Object.keys(add.edit?.changes ?? {}), [other]);
    assert.equal(applyLspEdits(fs.readFileSync(ws.path('common/currency.avsc'), 'utf8'), add.edit!.changes![other]), '{"type": "enum", "name": "Currency", "namespace": "com.acme", "symbols": ["EUR", "USD", "CHF"]}\n');
  });

  test('AVRO-303: a new file is a CreateFile and an edit of it; once it exists, the type resolves', async () => {
    const uri = ws.uri('billing/payment.avsc');
    const { actions } = await actionsFor(client, uri, 'AVRO-303');
    const inline = actions.find(a => a.title === 'Define record "Money" at its first use');
    assert.ok(inline?.edit?.changes?.[uri], 'the inline definition is a plain edit');
    const create = actions.find(a => a.title === 'Create record "Money" in a new file Money.avsc');
    assert.ok(create?.edit?.documentChanges, JSON.stringify(actions.map(a => a.title)));
    const [op, edit] = create.edit.documentChanges as [CreateFile, TextDocumentEdit];
    const newUri = ws.uri('billing/Money.avsc');
    assert.deepEqual(op, { kind: 'create', uri: newUri, options: { overwrite: false, ignoreIfExists: false } });
    assert.equal(edit.textDocument.uri, newUri);
    const text = applyLspEdits('', edit.edits as TextEdit[]);
    assert.equal(text, '{\n  "type": "record",\n  "name": "Money",\n  "namespace": "caracal.billing",\n  "fields": []\n}\n');
    // What the editor does: create the file (the watcher reports it).
    ws.write('billing/Money.avsc', text);
    await client.watchedFilesChanged([{ uri: newUri, type: 1 }]);
    await client.idle();
    assert.ok(!(await pull(client, uri)).some(d => d.code === 'AVRO-303'));
  });

  test('assists at the cursor; inserted lines follow the file\'s own indentation (4 spaces here)', async () => {
    const uri = ws.uri('orders/order.avsc');
    const text = fs.readFileSync(ws.path('orders/order.avsc'), 'utf8');
    await client.open(uri, text);
    const at = new LineIndex(text).positionAt(text.indexOf('"note"'));
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [] } });
    const add = actions.find(a => a.title === 'Add "default": null to "note"');
    assert.ok(add, JSON.stringify(actions.map(a => a.title)));
    assert.equal(add.diagnostics, undefined);
    assert.equal(applyLspEdits(text, add.edit!.changes![uri]), text.replace('"type": ["null", "string"]\n', '"type": ["null", "string"],\n            "default": null\n'));
    const only = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], only: ['refactor'] } });
    assert.deepEqual(only.map(a => a.kind), []);
  });

  test('refactorings come when asked for (Ctrl+., Refactor...), not with the light bulb\'s automatic request', async () => {
    const uri = ws.uri('orders/order.avsc');
    const text = client.text(uri);
    const at = new LineIndex(text).positionAt(text.indexOf('"Order"'));
    const ask = (triggerKind: 1 | 2): Promise<CodeAction[]> => client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: at, end: at }, context: { diagnostics: [], triggerKind } });
    // The cursor on the record's name: no field, no action.
    assert.deepEqual(await ask(1), []);
    const field = new LineIndex(text).positionAt(text.indexOf('"note"'));
    await client.replace(uri, text.replace('["null", "string"]', '"string"'));
    const invoked = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: field, end: field }, context: { diagnostics: [], triggerKind: 1 } });
    assert.deepEqual(invoked.map(a => `${a.kind}: ${a.title}`), ['refactor.rewrite: Make "note" optional (nullable, default null)']);
    const automatic = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: field, end: field }, context: { diagnostics: [], triggerKind: 2 } });
    assert.deepEqual(automatic, []);
    await client.replace(uri, text);
  });

  test('a diagnostic from another source, or without a known code, gets no action', async () => {
    const uri = ws.uri('orders/order.avsc');
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri }, range,
      context: { diagnostics: [{ range, message: 'x', code: 'AVRO-242', source: 'json', data: { key: 'namspace', expected: 'namespace' } }, { range, message: 'y', code: 'X-1', source: 'avro' }] },
    });
    assert.deepEqual(actions.filter(a => a.kind === 'quickfix'), []);
  });
});

describe('code actions for a client that cannot create files', () => {
  const ws = tempWorkspace({ 'a.avsc': '{"type": "record", "name": "A", "fields": [{"name": "m", "type": "Money"}]}' });
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities: CAPABILITIES(false) });
  });
  after(async () => {
    await client.stop();
    ws.cleanup();
  });

  test('the new-file fixes are left out; the others stay', async () => {
    const uri = ws.uri('a.avsc');
    await client.open(uri, fs.readFileSync(ws.path('a.avsc'), 'utf8'));
    const { actions } = await actionsFor(client, uri, 'AVRO-303');
    assert.deepEqual(actions.filter(a => a.kind === 'quickfix').map(a => a.title), ['Define record "Money" at its first use', 'Define enum "Money" at its first use', 'Ignore AVRO-303 here… (then write the reason after the colon)']);
  });
});
