// Documents kept as summaries (SchemaIndex.setSummary, what the language server keeps of files that are not open): what a summary holds, models rebuilt on demand, identities, open/close transitions.
//
// The answers of every feature over summarized files are checked by the fixture helpers, which run
// each navigation, rename, completion, hover and diagnostics fixture twice (every model kept, and
// the other files summarized): test/helpers/check*.ts.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { canonicalForm } from '../../server/src/service/model/canonical';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DocumentSummary, isSummary, type IndexedDocument } from '../../server/src/service/model/summary';
import type { AvroDocument, NamedSchema } from '../../server/src/service/model/types';
import { normalizeSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { fixture } from '../helpers/paths';

const settings = normalizeSettings({});

function avscFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...avscFiles(p));
    else if (e.name.endsWith('.avsc')) out.push(p);
  }
  return out.sort();
}

/** What a summary must agree on with the model it was made from. */
function view(doc: IndexedDocument): unknown {
  return {
    namedTypes: doc.namedTypes.map(t => ({
      kind: t.kind, name: t.name, namespace: t.namespace, fullname: t.fullname, uri: t.uri, hasValidName: t.hasValidName,
      node: { offset: t.node.offset, length: t.node.length },
      nameNode: t.nameNode && { offset: t.nameNode.offset, length: t.nameNode.length, value: t.nameNode.value },
      aliases: t.aliases.map(a => ({ name: a.name, fullname: a.fullname, offset: a.node.offset, length: a.node.length, value: a.node.value })),
    })),
    definitions: [...doc.definitions.keys()],
    references: doc.references.map(r => ({ name: r.name, candidates: r.candidates, enclosingNamespace: r.enclosingNamespace, uri: r.uri, nameNode: { offset: r.nameNode.offset, length: r.nameNode.length, value: r.nameNode.value } })),
  };
}

describe('summaries', () => {
  test('a summary holds the named types, definitions and references of the model, and its text exactly', () => {
    const texts = [
      ...avscFiles(fixture('navigation')).map(p => fs.readFileSync(p, 'utf8')),
      ...avscFiles(fixture('validation')).slice(0, 200).map(p => fs.readFileSync(p, 'utf8')),
      // A byte order mark, CRLF, non-ASCII names and docs, an unpaired surrogate (kept as a string: UTF-8 cannot hold it).
      '\uFEFF{"type": "record", "name": "Bom", "fields": []}',
      '{"type": "record",\r\n "name": "Prénom", "namespace": "café.ns", "doc": "😀", "fields": [{"name": "x", "type": "Prénom"}]}',
      '{"type": "record", "name": "Lone", "doc": "\uD800", "fields": [{"name": "a", "type": "Missing"}]}',
      // No name, a name that is not a string, a dotted name, aliases, a protocol.
      '{"type": "record", "fields": []}',
      '{"type": "record", "name": 3, "namespace": "a.b", "fields": []}',
      '{"type": "enum", "name": "x.y.Z", "namespace": "ignored", "aliases": ["Old", "o.Older"], "symbols": ["A"]}',
      '{"protocol": "P", "namespace": "p", "types": [{"type": "fixed", "name": "F", "size": 4}, {"type": "record", "name": "R", "fields": [{"name": "f", "type": "F"}]}]}',
    ];
    texts.forEach((text, i) => {
      const uri = `file:///ws/f${i}.avsc`;
      const doc = parseAvroDocument(uri, text, 1);
      const index = new SchemaIndex();
      index.setSummary(doc);
      const summary = index.indexed(uri);
      assert.ok(summary instanceof DocumentSummary, 'kept as a summary');
      assert.deepEqual(view(summary), view(doc), `summary of text #${i}`);
      assert.equal(index.textOf(uri), text, `text #${i} read back`);
      assert.equal(index.get(uri)!.text, text);
      assert.deepEqual(view(index.get(uri)!), view(doc), `the rebuilt model of text #${i}`);
    });
  });

  test('a rebuilt model is one object while it is kept, and its named types map back to the summary', () => {
    const index = new SchemaIndex();
    index.setSummary(parseAvroDocument('file:///ws/a.avsc', '{"type": "record", "name": "A", "namespace": "n", "fields": [{"name": "b", "type": {"type": "enum", "name": "B", "symbols": ["X"]}}]}', 1));
    const first = index.get('file:///ws/a.avsc')!;
    assert.equal(index.get('file:///ws/a.avsc'), first);
    for (const def of index.definitionsOf('n.B')) {
      assert.ok(isSummary(def));
      const schema = index.schemaOf(def)!;
      assert.equal(schema, first.definitions.get('n.B'));
      assert.equal(index.canonical(schema), def);
    }
  });

  test('an evicted model still held by someone is the one returned again (identities stay comparable)', () => {
    const index = new SchemaIndex({ rebuiltDocuments: 1 });
    for (const n of ['A', 'B', 'C']) index.setSummary(parseAvroDocument(`file:///ws/${n}.avsc`, `{"type": "record", "name": "${n}", "fields": []}`, 1));
    const a = index.schemaOf(index.definitionsOf('A')[0])!;
    index.get('file:///ws/B.avsc');
    index.get('file:///ws/C.avsc'); // A's model is no longer among the kept ones
    assert.equal(index.schemaOf(index.definitionsOf('A')[0]), a, 'held: the same object');
    assert.equal(index.get('file:///ws/A.avsc')!.definitions.get('A'), a);
  });

  test('a cycle of references through more files than the models kept: the same canonical form and diagnostics as with every model', () => {
    const files = Array.from({ length: 12 }, (_, i) => ({
      uri: `file:///ws/t${i}.avsc`,
      text: `{"type": "record", "name": "T${i}", "namespace": "c", "fields": [{"name": "next", "type": ["null", "c.T${(i + 1) % 12}"], "default": null}, {"name": "e", "type": {"type": "enum", "name": "E${i}", "symbols": ["A", "B"]}, "default": "A"}]}`,
    }));
    const whole = new SchemaIndex();
    const closed = new SchemaIndex({ rebuiltDocuments: 2 });
    for (const f of files) {
      whole.set(parseAvroDocument(f.uri, f.text, 1));
      closed.setSummary(parseAvroDocument(f.uri, f.text, 1));
    }
    const open = parseAvroDocument(files[0].uri, files[0].text, 1);
    closed.set(open);
    const form = (index: SchemaIndex, doc: AvroDocument): string => canonicalForm(doc.root!, resolverFor(index, doc)).text;
    assert.equal(form(closed, open), form(whole, whole.get(files[0].uri)!));
    assert.ok(form(closed, open).includes('"c.T11"'), 'the walk went round the cycle');
    for (const f of files) assert.deepEqual(validateDocument(closed.get(f.uri)!, settings, closed), validateDocument(whole.get(f.uri)!, settings, whole), f.uri);
  });

  test('identical copies in summarized files are one type: no AVRO-306 or AVRO-311, references and rename reach every copy', () => {
    const money = '{"type": "record", "name": "Money", "namespace": "m", "fields": [{"name": "units", "type": "long"}]}';
    const index = new SchemaIndex();
    index.setSummary(parseAvroDocument('file:///ws/a/money.avsc', money, 1));
    index.setSummary(parseAvroDocument('file:///ws/b/money.avsc', money.replace('"long"}', '"long", "doc": "d"}'), 1));
    index.setSummary(parseAvroDocument('file:///ws/c/money.avsc', money.replace('"long"', '"int"'), 1));
    const user = parseAvroDocument('file:///ws/user.avsc', '{"type": "record", "name": "U", "fields": [{"name": "m", "type": "m.Money"}]}', 1);
    index.set(user);
    const [a, b, c] = index.definitionsOf('m.Money');
    assert.ok(index.identical(a, b), 'documentation may differ');
    assert.ok(!index.identical(a, c));
    assert.deepEqual(index.copiesOf(index.schemaOf(a)!).map(d => d.uri), ['file:///ws/a/money.avsc', 'file:///ws/b/money.avsc']);
    // The reference is equally near to all three: two of them differ (AVRO-311).
    assert.deepEqual(validateDocument(user, settings, index).map(d => d.code), ['AVRO-311']);
    const codes = validateDocument(index.get('file:///ws/c/money.avsc')!, settings, index).map(d => d.code);
    assert.deepEqual(codes, ['AVRO-306']);
  });

  test('the workspace index keeps disk files as summaries and open documents whole, through open, edit and close', () => {
    const ws = new WorkspaceIndex(Number.POSITIVE_INFINITY, { summarizeDiskFiles: true });
    const money = '{"type": "record", "name": "Money", "namespace": "m", "fields": []}';
    ws.setDiskFile('/ws/money.avsc', money);
    ws.setDiskFile('/ws/order.avsc', '{"type": "record", "name": "Order", "namespace": "m", "fields": [{"name": "total", "type": "Money"}]}');
    const moneyUri = 'file:///ws/money.avsc';
    assert.ok(ws.schemas.isSummarized(moneyUri));
    const order = ws.get('file:///ws/order.avsc')!;
    assert.deepEqual(validateDocument(order, settings, ws.schemas), []);

    const opened = ws.setOpen(moneyUri, 1, () => money.replace('"Money"', '"Cash"'), '/ws/money.avsc');
    assert.ok(!ws.schemas.isSummarized(moneyUri), 'open: kept whole');
    assert.equal(ws.get(moneyUri), opened.doc);
    assert.deepEqual(opened.affected, ['file:///ws/order.avsc']);
    assert.deepEqual(validateDocument(ws.get('file:///ws/order.avsc')!, settings, ws.schemas).map(d => d.code), ['AVRO-303']);
    assert.deepEqual(ws.schemas.definitionsOf('m.Money'), []);

    const closed = ws.close(moneyUri);
    assert.equal(closed.path, '/ws/money.avsc');
    ws.setDiskFile('/ws/money.avsc', money);
    assert.ok(ws.schemas.isSummarized(moneyUri), 'closed: a summary again');
    assert.equal(ws.schemas.definitionsOf('m.Money').length, 1);
    assert.deepEqual(validateDocument(ws.get('file:///ws/order.avsc')!, settings, ws.schemas), []);
  });

  test('without the option the workspace index keeps every model (the CLI)', () => {
    const ws = new WorkspaceIndex();
    ws.setDiskFile('/ws/a.avsc', '{"type": "fixed", "name": "F", "size": 1}');
    assert.ok(!ws.schemas.isSummarized('file:///ws/a.avsc'));
    const doc = ws.get('file:///ws/a.avsc') as AvroDocument;
    assert.equal((doc.definitions.get('F') as NamedSchema).kind, 'fixed');
  });
});
