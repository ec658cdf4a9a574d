// Formatting and the canonical-form request through the real server (in process): options, the sortKeys setting, ranges, fingerprints.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as avro from 'avsc';
import type { TextEdit } from 'vscode-languageserver-protocol';
import { CanonicalFormRequest, type CanonicalFormResult } from '../../server/src/protocol';
import { LineIndex } from '../../server/src/service/text';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';

function applyLspEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const spans = edits.map(e => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  for (const s of spans) text = text.slice(0, s.start) + s.text + text.slice(s.end);
  return text;
}

const read = (name: string, file: string): string => fs.readFileSync(fixture('format', name, file), 'utf8');

describe('formatting through the server', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'pull', settings: {} });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
  });

  const format = (uri: string, options: object): Promise<TextEdit[]> =>
    client.request<TextEdit[]>('textDocument/formatting', { textDocument: { uri }, options });

  test('Format Document with the editor\'s options gives the golden files (4 spaces, tabs)', async () => {
    const uri = 'file:///virtual/badly-indented.avsc';
    const input = read('badly-indented', 'input.avsc');
    await client.open(uri, input);
    assert.equal(applyLspEdits(input, await format(uri, { tabSize: 4, insertSpaces: true })), read('badly-indented', '4-spaces.avsc'));
    assert.equal(applyLspEdits(input, await format(uri, { tabSize: 4, insertSpaces: false })), read('badly-indented', 'tabs.avsc'));
  });

  test('formatting a formatted document returns no edit', async () => {
    const uri = 'file:///virtual/house-style.avsc';
    await client.open(uri, read('house-style', 'input.avsc'));
    assert.deepEqual(await format(uri, { tabSize: 2, insertSpaces: true }), []);
  });

  test('insertFinalNewline adds the final line break', async () => {
    const uri = 'file:///virtual/final.avsc';
    await client.open(uri, '{"type": "record", "name": "R", "fields": []}');
    assert.equal(applyLspEdits(client.text(uri), await format(uri, { tabSize: 2, insertSpaces: true, insertFinalNewline: true })), '{"type": "record", "name": "R", "fields": []}\n');
  });

  test('avro.format.sortKeys (per document; a change of the setting applies at once) puts keys in the conventional order', async () => {
    const uri = 'file:///virtual/unsorted.avsc';
    const input = read('unsorted', 'input.avsc');
    await client.open(uri, input);
    assert.equal(applyLspEdits(input, await format(uri, { tabSize: 2, insertSpaces: true })), read('unsorted', '2-spaces.avsc'));
    await client.setSettings({ format: { sortKeys: true } });
    try {
      assert.equal(applyLspEdits(input, await format(uri, { tabSize: 2, insertSpaces: true })), read('unsorted', 'sorted.avsc'));
    } finally {
      await client.setSettings({});
    }
  });

  test('Format Selection formats the fields the selection touches, nothing else', async () => {
    const uri = 'file:///virtual/range.avsc';
    const text = '{\n"type": "record",\n  "name": "R",\n  "fields": [\n    {"name":"a",   "type":"int"},\n    {"name":"b",   "type":"int"}\n  ]\n}\n';
    await client.open(uri, text);
    const edits = await client.request<TextEdit[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 5, character: 0 }, end: { line: 5, character: 10 } },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.equal(applyLspEdits(text, edits), text.replace('{"name":"b",   "type":"int"}', '{"name": "b", "type": "int"}'));
  });

  test('a document that cannot be re-spaced safely gets no edit, and the reason is logged', async () => {
    const uri = 'file:///virtual/unterminated.avsc';
    await client.open(uri, read('unterminated-string', 'input.avsc'));
    assert.deepEqual(await format(uri, { tabSize: 2, insertSpaces: true }), []);
    assert.ok(client.logs.some(l => l.message.includes('was not formatted: the document has an unterminated string')), client.logs.map(l => l.message).join('\n'));
  });
});

describe('avro/canonicalForm', () => {
  const ws = tempWorkspace({
    'order.avsc': '{\n  "type": "record",\n  "name": "Order",\n  "namespace": "com.acme",\n  "doc": "An order.",\n  "fields": [\n    {"name": "id", "type": "string"},\n    {"name": "status", "type": {"namespace": "x.y.z", "type": "enum", "name": "foo", "doc": "foo bar", "symbols": ["A1", "A2"]}},\n    {"name": "total", "type": "com.acme.common.Money"}\n  ]\n}\n',
    'money.avsc': '{"type": "record", "name": "Money", "namespace": "com.acme.common", "fields": [{"name": "units", "type": "long"}]}\n',
    'broken.avsc': '{"type": "record", "name": "Broken", "fields": [{"name": "m", "type": "Mony"}]}\n',
  });
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
    ws.cleanup();
  });

  const at = (file: string, needle: string): { line: number; character: number } => {
    const text = fs.readFileSync(ws.path(file), 'utf8');
    return new LineIndex(text).positionAt(text.indexOf(needle));
  };

  test('the named type under the cursor: the specification\'s canonical form and fingerprint', async () => {
    const result = await client.request<CanonicalFormResult>(CanonicalFormRequest.method, { uri: ws.uri('order.avsc'), position: at('order.avsc', '"A1"') });
    // Case 028 of Apache Avro's schema-tests.txt.
    assert.equal(result.canonicalForm, '{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}');
    assert.equal(result.subject, 'enum "x.y.z.foo"');
    assert.equal(result.fingerprints?.crc64Long, '-4448647247586288245');
    // avsc computes MD5 and SHA-256 of the canonical form on its own.
    const type = avro.Type.forSchema(JSON.parse(result.canonicalForm!));
    assert.equal(result.fingerprints?.md5, type.fingerprint('md5').toString('hex'));
    assert.equal(result.fingerprints?.sha256, type.fingerprint('sha256').toString('hex'));
    // avro-tools prints the 8 bytes little-endian: the signed long's bytes reversed.
    const le = Buffer.alloc(8);
    le.writeBigInt64LE(BigInt(result.fingerprints!.crc64Long));
    assert.equal(result.fingerprints?.crc64, le.toString('hex'));
  });

  test('the top-level schema, with a type from another file written out in full', async () => {
    const result = await client.request<CanonicalFormResult>(CanonicalFormRequest.method, { uri: ws.uri('order.avsc'), position: at('order.avsc', '"doc"') });
    assert.equal(result.subject, 'record "com.acme.Order"');
    assert.equal(result.canonicalForm, '{"name":"com.acme.Order","type":"record","fields":[{"name":"id","type":"string"},{"name":"status","type":{"name":"x.y.z.foo","type":"enum","symbols":["A1","A2"]}},{"name":"total","type":{"name":"com.acme.common.Money","type":"record","fields":[{"name":"units","type":"long"}]}}]}');
    const noPosition = await client.request<CanonicalFormResult>(CanonicalFormRequest.method, { uri: ws.uri('order.avsc') });
    assert.equal(noPosition.canonicalForm, result.canonicalForm);
  });

  test('the cursor on a type name: the type it refers to', async () => {
    const result = await client.request<CanonicalFormResult>(CanonicalFormRequest.method, { uri: ws.uri('order.avsc'), position: at('order.avsc', 'com.acme.common.Money') });
    assert.equal(result.canonicalForm, '{"name":"com.acme.common.Money","type":"record","fields":[{"name":"units","type":"long"}]}');
  });

  test('a reference that does not resolve: refused, naming it', async () => {
    const result = await client.request<CanonicalFormResult>(CanonicalFormRequest.method, { uri: ws.uri('broken.avsc') });
    assert.equal(result.canonicalForm, undefined);
    assert.equal(result.fingerprints, undefined);
    assert.match(result.error ?? '', /"Mony" does not resolve/);
  });

  test('an unknown document: refused', async () => {
    const result = await client.request<CanonicalFormResult>(CanonicalFormRequest.method, { uri: 'file:///nowhere/x.avsc' });
    assert.match(result.error ?? '', /not an Avro schema known to the server/);
  });
});
