// Rename over the fixture folders in test/fixtures/rename (golden expected-<id>.txt per case of case.json), and the refusals of prepareRename.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../helpers/paths';
import { checkRename, uriOf, type RenameCase } from '../helpers/checkNavigation';
import { extractCursor } from '../helpers/annotations';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { prepareRename, rename } from '../../server/src/service/rename';

describe('rename', () => {
  const dir = fixture('rename');
  for (const folder of fs.readdirSync(dir).sort()) {
    const caseFile = path.join(dir, folder, 'case.json');
    if (!fs.existsSync(caseFile)) continue;
    const { renames } = JSON.parse(fs.readFileSync(caseFile, 'utf8')) as { renames: RenameCase[] };
    describe(folder, () => {
      for (const c of renames) test(`${c.id}: ${JSON.stringify(c.newName)}`, () => checkRename(path.join(dir, folder), c));
    });
  }
});

/** prepareRename at the $0 of a one-file workspace. */
function prepare(textWithCursor: string): ReturnType<typeof prepareRename> {
  const { text, offset } = extractCursor(textWithCursor);
  const index = new SchemaIndex();
  const doc = parseAvroDocument(uriOf('t.avsc'), text, 1);
  index.set(doc);
  return prepareRename(doc, offset, index, resolverFor(index, doc));
}

function refusal(textWithCursor: string): string {
  const r = prepare(textWithCursor);
  assert.ok(r && !r.ok, `refused: ${JSON.stringify(r)}`);
  return r.message;
}

describe('prepareRename', () => {
  const record = (field: string): string => `{"type": "record", "name": "R", "namespace": "com.acme", "aliases": ["OldR"], "fields": [${field}]}`;

  test('a named type, a reference, a field, an enum symbol: the text between the quotes', () => {
    const ref = record('{"name": "a", "type": "R"}');
    assert.deepEqual(prepare(record('{"name": "a", "type": "R$0"}')), { ok: true, span: { offset: ref.lastIndexOf('"R"') + 1, length: 1 }, placeholder: 'R' });
    assert.deepEqual(prepare(record('{"name": "a$0", "type": "int"}')), { ok: true, span: { offset: ref.indexOf('"a"') + 1, length: 1 }, placeholder: 'a' });
    const dotted = prepare('{"type": "fixed", "name": "$0com.acme.Hash", "size": 4}');
    assert.ok(dotted?.ok && dotted.placeholder === 'com.acme.Hash');
    const symbol = prepare('{"type": "enum", "name": "E", "symbols": ["A", "B$0"]}');
    assert.ok(symbol?.ok && symbol.placeholder === 'B');
  });

  test('outside any string: nothing to rename', () => {
    assert.equal(prepare(record('$0{"name": "a", "type": "int"}')), undefined);
  });

  test('refusals say why and what to do instead', () => {
    assert.match(refusal(record('{"name": "a", "type": "str$0ing"}')), /^"string" is a primitive type of Avro and cannot be renamed\. Only named types/);
    assert.match(refusal(record('{"name": "a", "ty$0pe": "int"}')), /^"type" is an attribute name\. Only named types/);
    assert.match(refusal('{"type": "rec$0ord", "name": "R", "fields": []}'), /^"record" is an Avro keyword\./);
    assert.match(refusal(record('{"name": "a", "type": "Miss$0ing"}')), /^"Missing" does not resolve to any type in the workspace: there is nothing to rename\. Define it, or correct the reference\./);
    assert.match(refusal('{"type": "record", "name": "R", "aliases": ["Ol$0dR"], "fields": []}'), /^"OldR" is an alias: an earlier name of "R", kept so that data written with it can still be read\. Rename the type itself, or edit the alias text\./);
    assert.match(refusal(record('{"name": "a", "aliases": ["o$0ld"], "type": "int"}')), /^"old" is an alias: an earlier name of the field "a"/);
    assert.match(refusal('{"type": "record", "name": "R", "namespace": "com.ac$0me", "fields": []}'), /^A namespace is not renamed as such: to move "com\.acme\.R" to another namespace, rename the type with its new fullname \(e\.g\. "com\.example\.R"\)/);
    assert.match(refusal('{"type": "record", "name": "R", "doc": "some d$0oc", "fields": []}'), /^Only named types \(records, enums, fixed\), fields and enum symbols can be renamed\.$/);
    assert.match(refusal('{"type": "record", "name": "$0", "fields": []}'), /^This record has no name yet: type one first\./);
    assert.match(refusal(record('{"name": "a", "type": "R", "default": {"zz$0": 1}}')), /^"zz" is not a field of the record "com\.acme\.R"/);
  });

  test('rename answers a refusal where prepareRename does, and validates the new name', () => {
    const { text, offset } = extractCursor('{"type": "record", "name": "R$0", "fields": []}');
    const index = new SchemaIndex();
    const doc = parseAvroDocument(uriOf('t.avsc'), text, 1);
    index.set(doc);
    const r = rename(doc, offset, '', index, resolverFor(index, doc));
    assert.deepEqual(r, { ok: false, message: 'Enter a name.' });
    const nonAscii = rename(doc, offset, 'Prénom', index, resolverFor(index, doc));
    assert.ok(!nonAscii.ok && /cannot contain "é"/.test(nonAscii.message), JSON.stringify(nonAscii));
  });
});

describe('rename edits follow the file\'s layout', () => {
  test('a CRLF file gets CRLF in the inserted "aliases" line, indented like its neighbours', () => {
    const { text, offset } = extractCursor('{\r\n    "type": "record",\r\n    "name": "Mo$0ney",\r\n    "fields": []\r\n}\r\n');
    const index = new SchemaIndex();
    const doc = parseAvroDocument(uriOf('t.avsc'), text, 1);
    index.set(doc);
    const r = rename(doc, offset, 'Amount', index, resolverFor(index, doc));
    assert.ok(r.ok);
    assert.deepEqual(r.changes[0].edits.map(e => e.newText), ['Amount', ',\r\n    "aliases": ["Money"]']);
  });
});
