// Adoption in the editor through the real server (in process): inline suppressions, "ignore", accepted findings shown as hints, the "Ignore AVRO-xxx here…" quick fix, and avro-studio.json's problems on their lines.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, FullDocumentDiagnosticReport, TextEdit } from 'vscode-languageserver-protocol';
import { findingKey, serializeAcceptedFindings } from '../../server/src/project/acceptedFindings';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { LineIndex } from '../../server/src/service/text';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { referenceApply } from '../helpers/textEdits';

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme",
  "fields": [
    // avro-studio-ignore AVRO-222: every consumer reads with Java Avro 1.12
    {"name": "discount", "type": ["null", "int"], "default": 0},
    {"name": "coupon", "type": ["null", "string"], "default": "none"}
  ]
}
`;
const LEGACY = '{"type": "record", "name": "Legacy", "namespace": "com.acme.legacy", "fields": [{"name": "note", "type": ["string", "null"], "default": null}]}';
const PROJECT = JSON.stringify({ acceptedFindings: 'accepted.json', ignore: [{ rules: ['AVRO-222'], files: 'legacy/**', reason: 'retired in Q3' }] }, null, 2);

async function items(client: LspTestClient, uri: string): Promise<Diagnostic[]> {
  return ((await client.pull(uri)) as FullDocumentDiagnosticReport).items;
}
const brief = (ds: Diagnostic[]) => ds.map(d => `${d.range.start.line} ${d.code} ${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 0]}`);

test('editor: a suppression comment hides its one finding (no AVRO-101), "ignore" hides a glob, accepted findings are hints, the quick fix adds a comment that needs a reason', async () => {
  const ws = tempWorkspace({ 'avro-studio.json': PROJECT, 'accepted.json': serializeAcceptedFindings([]), 'schemas/order.avsc': ORDER, 'legacy/legacy.avsc': LEGACY });
  const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  try {
    const order = ws.uri('schemas/order.avsc');
    const legacy = ws.uri('legacy/legacy.avsc');
    await client.open(order, ORDER);
    await client.open(legacy, LEGACY);
    await client.idle();
    const [coupon, ...rest] = await items(client, order);
    assert.deepEqual(brief([coupon, ...rest]), ['7 AVRO-222 error'], 'the suppressed one is gone, the comment is no AVRO-101');
    assert.deepEqual(await items(client, legacy), [], 'ignored under legacy/**');

    // The quick fix on the remaining finding: a comment above its line, the reason still to be written.
    const actions = (await client.request('textDocument/codeAction', { textDocument: { uri: order }, range: coupon.range, context: { diagnostics: [coupon], only: ['quickfix'] } })) as CodeAction[];
    const ignore = actions.find(a => a.title === 'Ignore AVRO-222 here… (then write the reason after the colon)');
    assert.ok(ignore, actions.map(a => a.title).join('\n'));
    const edits = (ignore.edit!.changes?.[order] ?? (ignore.edit!.documentChanges?.[0] as { edits: TextEdit[] }).edits) as TextEdit[];
    const withComment = referenceApply(ORDER, edits.map(e => ({ range: e.range, text: e.newText })));
    assert.match(withComment, /\n {4}\/\/ avro-studio-ignore AVRO-222: \n {4}\{"name": "coupon"/);
    await client.change(order, [{ text: withComment }]);
    assert.deepEqual(brief(await items(client, order)), ['7 AVRO-681 error', '8 AVRO-222 error'], 'without a reason it suppresses nothing');
    await client.change(order, [{ text: withComment.replace('AVRO-222: \n', 'AVRO-222: the default is read by Java only\n') }]);
    assert.deepEqual(await items(client, order), []);

    // Accepted findings: listed in accepted.json, shown as hints that say so.
    await client.change(order, [{ text: ORDER }]);
    const doc = parseAvroDocument(order, ORDER);
    const offset = new LineIndex(ORDER).offsetAt(coupon.range.start);
    ws.write('accepted.json', serializeAcceptedFindings([{ ...findingKey('schemas/order.avsc', doc.json.root, { code: 'AVRO-222', offset, message: coupon.message as string }), message: coupon.message as string }]));
    await client.watchedFilesChanged([{ uri: ws.uri('accepted.json'), type: 2 }]);
    await client.idle();
    const accepted = await items(client, order);
    assert.deepEqual(brief(accepted), ['7 AVRO-222 hint']);
    assert.match(accepted[0].message as string, /^Accepted finding \(listed in accepted\.json, not reported by CI\): The default "none" matches the 2nd branch/);
  } finally {
    await client.stop();
    ws.cleanup();
  }
});

test('editor: an invalid "ignore" entry is one problem on its line of avro-studio.json, with the message the CLI stops with', async () => {
  const text = '{\n  "ignore": [\n    { "rules": ["AVRO-222"], "files": ["legacy/**"] },\n    { "rules": ["AVRO-2222"], "files": "legacy/**", "reason": "x" }\n  ]\n}\n';
  const ws = tempWorkspace({ 'avro-studio.json': text, 'legacy/legacy.avsc': LEGACY });
  const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  try {
    await client.open(ws.uri('legacy/legacy.avsc'), LEGACY);
    await client.idle();
    const published = await client.waitForDiagnostics(ws.uri('avro-studio.json'), p => p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map(d => [d.range.start.line, d.range.start.character, d.message]), [
      [2, 4, 'avro-studio.json: "ignore[0]" needs a "reason": why these findings are accepted, for reviewers and later readers.'],
      [3, 16, 'avro-studio.json: "ignore[1].rules": unknown code or category "AVRO-2222" (codes look like AVRO-404, categories like "compatibility" or "policy/naming"; docs/rules.md lists them).'],
    ]);
    // Fixed: the problems are cleared.
    ws.write('avro-studio.json', '{}\n');
    await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 2 }]);
    await client.idle();
    await items(client, ws.uri('legacy/legacy.avsc'));
    await client.idle();
    assert.deepEqual(client.publishedFor(ws.uri('avro-studio.json')).at(-1)?.diagnostics, []);
  } finally {
    await client.stop();
    ws.cleanup();
  }
});

test('editor: an accepted findings file that is missing is a problem on the "acceptedFindings" line, as check stops with it; the CLI stops with the same message', async () => {
  const text = '{\n  "acceptedFindings": "nope.json"\n}\n';
  const ws = tempWorkspace({ 'avro-studio.json': text, 'legacy/legacy.avsc': LEGACY });
  const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  try {
    const legacy = ws.uri('legacy/legacy.avsc');
    await client.open(legacy, LEGACY);
    await client.idle();
    assert.deepEqual(brief(await items(client, legacy)), ['0 AVRO-222 error'], 'nothing is accepted');
    await client.idle();
    const published = await client.waitForDiagnostics(ws.uri('avro-studio.json'), p => p.diagnostics.length > 0);
    assert.deepEqual(published.diagnostics.map(d => [d.range.start.line, d.message]), [
      [1, 'avro-studio.json: the accepted findings file nope.json does not exist: write it with `avro-studio check --write-baseline nope.json`.'],
    ]);
  } finally {
    await client.stop();
    ws.cleanup();
  }
});

test('editor, Restricted Mode: the accepted findings file avro-studio.json names is not read (shown as findings) until the workspace is trusted', async () => {
  const ws = tempWorkspace({ 'avro-studio.json': JSON.stringify({ acceptedFindings: 'accepted.json' }), 'accepted.json': serializeAcceptedFindings([]), 'legacy/legacy.avsc': LEGACY });
  const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], initializationOptions: { trusted: false } });
  try {
    const legacy = ws.uri('legacy/legacy.avsc');
    await client.open(legacy, LEGACY);
    await client.idle();
    const [finding] = await items(client, legacy);
    assert.equal(finding.code, 'AVRO-222');
    const offset = new LineIndex(LEGACY).offsetAt(finding.range.start);
    ws.write('accepted.json', serializeAcceptedFindings([{ ...findingKey('legacy/legacy.avsc', parseAvroDocument(legacy, LEGACY).json.root, { code: 'AVRO-222', offset, message: finding.message as string }), message: finding.message as string }]));
    await client.watchedFilesChanged([{ uri: ws.uri('accepted.json'), type: 2 }]);
    await client.idle();
    assert.deepEqual(brief(await items(client, legacy)), ['0 AVRO-222 error'], 'untrusted: not read');
    await client.connection.sendNotification('avro/workspaceTrusted');
    await client.idle();
    await items(client, legacy);
    await client.idle();
    assert.deepEqual(brief(await items(client, legacy)), ['0 AVRO-222 hint'], 'trusted: accepted');
  } finally {
    await client.stop();
    ws.cleanup();
  }
});
