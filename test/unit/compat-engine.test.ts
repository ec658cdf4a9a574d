// Engine behaviour beyond the fixtures: robustness on broken input, recursion, Java's name and alias rules, options.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { checkCompatibility, checkSchemaTexts } from '../../server/src/service/compatibility/engine';
import { defaultValueFor } from '../../server/src/service/compatibility/defaults';
import { INCOMPATIBILITY_CODES } from '../../server/src/service/compatibility/types';
import { javaAliases, namesMatch } from '../../server/src/service/compatibility/walk';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor } from '../../server/src/service/model/schemaIndex';
import type { NamedSchema } from '../../server/src/service/model/types';
import { fixture } from '../helpers/paths';

const rec = (name: string, fields: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'record', name, ...extra, fields });

function summary(readerText: string, writerText: string): string[] {
  return checkSchemaTexts(readerText, writerText).incompatibilities.map(i => `${i.type} ${i.location}`);
}

describe('robustness', () => {
  test('a text without a schema cannot be checked: neither compatible nor complete', () => {
    for (const [r, w] of [['', '"int"'], ['"int"', '   '], ['{', '"int"'], ['// only a comment', '"int"']]) {
      const result = checkSchemaTexts(r, w);
      assert.equal(result.compatible, false, `${JSON.stringify(r)} vs ${JSON.stringify(w)}`);
      assert.equal(result.complete, false);
      assert.deepEqual(result.incompatibilities, []);
    }
  });

  test('half-typed schemas never throw, and what can be checked is', () => {
    const reader = '{"type": "record", "name": "R", "fields": [{"name": "a", "type": "int"}, {"name": "b", "type": }, {"name": "c", "type": "string"}';
    const writer = '{"type": "record", "name": "R", "fields": [{"name": "a", "type": "long"}, {"name": "b"}, {"name": "c", "type": "string"}]}';
    const result = checkSchemaTexts(reader, writer);
    assert.deepEqual(result.incompatibilities.map(i => `${i.type} ${i.location}`), ['TYPE_MISMATCH /fields/0/type']);
    assert.equal(result.complete, false);
  });

  test('every prefix of every pair fixture is checked without throwing', () => {
    const dir = fixture('compat', 'pairs', 'union-branches');
    const reader = fs.readFileSync(`${dir}/reader.avsc`, 'utf8').split('\n').filter(l => !/^\s*[\^|]/.test(l)).join('\n');
    const writer = fs.readFileSync(`${dir}/writer.avsc`, 'utf8').split('\n').filter(l => !/^\s*[\^|]/.test(l)).join('\n');
    let checked = 0;
    for (let i = 0; i <= reader.length; i += 3) {
      const r = checkSchemaTexts(reader.slice(0, i), writer);
      const w = checkSchemaTexts(reader, writer.slice(0, i));
      for (const x of [r, w]) for (const inc of x.incompatibilities) assert.ok(inc.readerSpan.offset >= 0 && inc.writerSpan.offset >= 0);
      checked += 2;
    }
    assert.ok(checked > 100);
  });

  test('recursive and mutually recursive types terminate', () => {
    const a = '{"type": "record", "name": "A", "fields": [{"name": "b", "type": ["null", {"type": "record", "name": "B", "fields": [{"name": "a", "type": ["null", "A"]}, {"name": "n", "type": "int"}]}]}, {"name": "self", "type": {"type": "array", "items": "A"}}]}';
    const b = a.replace('"type": "int"', '"type": "long"');
    assert.deepEqual(summary(a, a), []);
    assert.deepEqual(summary(b, a), []); // long reads int
    // int cannot read long: the problem inside B is found once (through the union branch), reported at the writer branch.
    assert.deepEqual(summary(a, b), ['MISSING_UNION_BRANCH /fields/0/type/1']);
  });

  test('deep nesting (900 levels) does not overflow the stack', () => {
    let schema = '"int"';
    let writer = '"long"';
    for (let i = 0; i < 900; i++) {
      schema = `{"type": "array", "items": ${schema}}`;
      writer = `{"type": "array", "items": ${writer}}`;
    }
    const r = checkSchemaTexts(schema, writer);
    assert.equal(r.incompatibilities.length, 1);
    assert.equal(r.incompatibilities[0].location, '/' + Array(900).fill('items').join('/'));
  });
});

describe("Java's names, aliases and fields", () => {
  test('named types match by unqualified name, whatever the namespaces', () => {
    assert.deepEqual(summary(rec('a.b.R', []), rec('R', [], { namespace: 'x.y' })), []);
    assert.deepEqual(summary(rec('R', [], { namespace: 'x' }), rec('S', [], { namespace: 'x' })), ['NAME_MISMATCH /name']);
  });

  test('reader aliases are qualified with the reader namespace, unless dotted', () => {
    const reader = (aliases: string[]) => rec('New', [], { namespace: 'com.acme', aliases });
    assert.deepEqual(summary(reader(['Old']), rec('Old', [], { namespace: 'com.acme' })), []);
    assert.deepEqual(summary(reader(['Old']), rec('Old', [], { namespace: 'org.other' })), ['NAME_MISMATCH /name']);
    assert.deepEqual(summary(reader(['org.other.Old']), rec('Old', [], { namespace: 'org.other' })), []);
    // An alias cannot name a type in the null namespace from a type with a namespace.
    assert.deepEqual(summary(reader(['Old']), rec('Old', [])), ['NAME_MISMATCH /name']);
    assert.deepEqual(summary(reader(['.Old']), rec('Old', [])), ['NAME_MISMATCH /name']);
    // Writer aliases play no part.
    assert.deepEqual(summary(rec('New', []), rec('Old', [], { aliases: ['New'] })), ['NAME_MISMATCH /name']);
  });

  test('javaAliases renders aliases as Java\'s Schema.getAliases does', () => {
    const doc = parseAvroDocument('inmemory:///a.avsc', JSON.stringify({ type: 'enum', name: 'E', namespace: 'n', symbols: ['A'], aliases: ['X', 'm.Y', '.Z'] }));
    assert.deepEqual(javaAliases(doc.root as NamedSchema), ['n.X', 'm.Y', '.Z']);
    const plain = parseAvroDocument('inmemory:///b.avsc', JSON.stringify({ type: 'enum', name: 'E', symbols: ['A'], aliases: ['X', '.Z'] }));
    assert.deepEqual(javaAliases(plain.root as NamedSchema), ['X', 'Z']);
    const writer = parseAvroDocument('inmemory:///c.avsc', JSON.stringify({ type: 'enum', name: 'Z', symbols: ['A'] }));
    assert.ok(namesMatch(plain.root as NamedSchema, writer.root as NamedSchema));
  });

  test('a field matched by name and by alias, or by two aliases, is ambiguous (Java throws)', () => {
    const writer = rec('R', [{ name: 'a', type: 'int' }, { name: 'b', type: 'int' }, { name: 'c', type: 'int' }]);
    assert.deepEqual(summary(rec('R', [{ name: 'a', type: 'int', aliases: ['b'] }]), writer), ['AMBIGUOUS_FIELD_MATCH /fields/0']);
    assert.deepEqual(summary(rec('R', [{ name: 'x', type: 'int', aliases: ['b', 'c'] }]), writer), ['AMBIGUOUS_FIELD_MATCH /fields/0']);
    // An alias equal to the field's own name matches the same writer field twice: Java throws there too.
    assert.deepEqual(summary(rec('R', [{ name: 'a', type: 'int', aliases: ['a'] }]), writer), ['AMBIGUOUS_FIELD_MATCH /fields/0']);
    // A repeated alias counts once (Java keeps aliases in a set).
    assert.deepEqual(summary(rec('R', [{ name: 'x', type: 'int', aliases: ['b', 'b'] }]), writer), []);
    assert.equal(INCOMPATIBILITY_CODES.AMBIGUOUS_FIELD_MATCH, 'AVRO-406');
  });

  test('a reader field missing from the writer: a field default counts, an enum default does not', () => {
    const writer = rec('R', []);
    const enumType = { type: 'enum', name: 'E', symbols: ['A', 'B'], default: 'B' };
    assert.deepEqual(summary(rec('R', [{ name: 'e', type: enumType, default: 'A' }]), writer), []);
    assert.deepEqual(summary(rec('R', [{ name: 'e', type: enumType }]), writer), ['TYPE_MISMATCH /fields/0/type']);
    const r = checkSchemaTexts(rec('R', [{ name: 'e', type: enumType }]), writer).incompatibilities[0];
    assert.equal(r.javaMessage, 'reader type: ENUM not compatible with writer type: RECORD');
    assert.equal(r.data.kind, 'missing-default');
    assert.deepEqual(summary(rec('R', [{ name: 'n', type: 'null', default: null }]), writer), []);
  });

  test('logical types are ignored: only the underlying type counts', () => {
    const ts = { type: 'long', logicalType: 'timestamp-millis' };
    assert.deepEqual(summary(rec('R', [{ name: 't', type: ts }]), rec('R', [{ name: 't', type: 'int' }])), []);
    assert.deepEqual(summary(rec('R', [{ name: 't', type: { type: 'int', logicalType: 'date' } }]), rec('R', [{ name: 't', type: ts }])), ['TYPE_MISMATCH /fields/0/type']);
  });

  test('a named type reached twice is reported once, with the other places in alsoAt', () => {
    const party = (fields: unknown[]) => ({ type: 'record', name: 'P', fields });
    const reader = rec('R', [{ name: 'a', type: party([{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }]) }, { name: 'b', type: 'P' }, { name: 'c', type: { type: 'array', items: 'P' } }]);
    const writer = rec('R', [{ name: 'a', type: party([{ name: 'x', type: 'int' }]) }, { name: 'b', type: 'P' }, { name: 'c', type: { type: 'array', items: 'P' } }]);
    const found = checkSchemaTexts(reader, writer).incompatibilities;
    assert.deepEqual(found.map(i => [i.location, i.alsoAt]), [['/fields/0/type/fields/1', ['/fields/1/type/fields/1', '/fields/2/type/items/fields/1']]]);
  });

  test('a pair first met inside a union (where Java checks it with a fresh location) is located where it is reached', () => {
    // Java memoizes P/P while probing the union of field a, with the location "/fields/1" relative to
    // P, and repeats that stale location for field b; we report the real place.
    const p = (fields: unknown[]) => ({ type: 'record', name: 'P', fields });
    const reader = rec('R', [{ name: 'a', type: ['null', p([{ name: 'x', type: 'int' }, { name: 'y', type: 'int' }])] }, { name: 'b', type: 'P' }]);
    const writer = rec('R', [{ name: 'a', type: p([{ name: 'x', type: 'int' }]) }, { name: 'b', type: 'P' }]);
    assert.deepEqual(summary(reader, writer), ['MISSING_UNION_BRANCH /fields/0/type', 'READER_FIELD_MISSING_DEFAULT_VALUE /fields/1/type/fields/1']);
  });

  test('one reader type read against many writer types: each pair is checked once, findings at each place', () => {
    const n = 20;
    const reader = rec('R', [{ name: 'f0', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } }, ...Array.from({ length: n - 1 }, (_, i) => ({ name: `f${i + 1}`, type: 'E' }))]);
    const writer = rec('R', Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: { type: 'enum', name: `w${i}.E`, symbols: i % 3 === 0 ? ['A', 'C'] : ['B'] } })));
    const found = checkSchemaTexts(reader, writer).incompatibilities;
    assert.deepEqual(found.map(i => i.location), Array.from({ length: n }, (_, i) => i).filter(i => i % 3 === 0).map(i => `/fields/${i}/type/symbols`));
    assert.ok(found.every(i => i.javaMessage === '[C]'));
  });

  test('Java 1.12 locations inside a writer union read by a non-union reader, and the 1.11 (python) form', () => {
    const reader = rec('R', [{ name: 'v', type: { type: 'record', name: 'V', fields: [{ name: 'n', type: 'int' }] } }]);
    const writer = rec('R', [{ name: 'v', type: ['null', { type: 'record', name: 'V', fields: [{ name: 'n', type: 'long' }] }] }]);
    const found = checkSchemaTexts(reader, writer).incompatibilities;
    assert.deepEqual(found.map(i => [i.type, i.location, i.legacyLocation]), [
      ['TYPE_MISMATCH', '/fields/0/type/0', '/'],
      ['TYPE_MISMATCH', '/fields/0/type/1/fields/0/type', '/fields/0/type'],
    ]);
  });
});

describe('messages, spans and options', () => {
  test('role names and the side to fix shape the messages', () => {
    const reader = parseAvroDocument('inmemory:///r.avsc', rec('R', [{ name: 'n', type: 'int' }]));
    const writer = parseAvroDocument('inmemory:///w.avsc', rec('R', [{ name: 'n', type: 'long' }]));
    const side = (d: typeof reader) => ({ doc: d, schema: d.root!, resolve: resolverFor(undefined, d) });
    const msg = (o: Parameters<typeof checkCompatibility>[2]) => checkCompatibility(side(reader), side(writer), o).incompatibilities[0].message;
    assert.equal(msg({}), 'Field "n": the reader\'s int cannot read the writer\'s long: the reader needs long, float or double here (or a union with such a branch), or the writer must write int here.');
    assert.equal(msg({ readerName: 'the new schema', writerName: 'the old schema', fixSide: 'reader' }), 'Field "n": the new schema\'s int cannot read the old schema\'s long: the new schema needs long, float or double here (or a union with such a branch).');
    assert.equal(msg({ fixSide: 'writer' }), 'Field "n": the reader\'s int cannot read the writer\'s long: the writer must write int here.');
  });

  test('spans are the smallest node that says it: the field name, the type, the symbol, the size', () => {
    const reader = rec('R', [{ name: 'gone', type: 'int' }, { name: 't', type: 'int' }, { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A'] } }]);
    const writer = rec('R', [{ name: 't', type: 'string' }, { name: 'e', type: { type: 'enum', name: 'E', symbols: ['A', 'B'] } }]);
    const r = checkSchemaTexts(reader, writer);
    const text = (s: { offset: number; length: number }, t: string) => t.slice(s.offset, s.offset + s.length);
    assert.deepEqual(r.incompatibilities.map(i => [i.type, text(i.readerSpan, reader), text(i.writerSpan, writer)]), [
      ['READER_FIELD_MISSING_DEFAULT_VALUE', '"gone"', '"fields"'],
      ['TYPE_MISMATCH', '"int"', '"string"'],
      ['MISSING_ENUM_SYMBOLS', '["A"]', '"B"'],
    ]);
    for (const i of r.incompatibilities) {
      assert.deepEqual(i.readerAnchor, { offset: i.readerSpan.offset, length: i.readerSpan.length });
      assert.deepEqual(i.writerAnchor, { offset: i.writerSpan.offset, length: i.writerSpan.length });
    }
  });

  test('fix data: where a default goes, where a removed field would go back, the alias to add', () => {
    const reader = '{"type": "record", "name": "R", "namespace": "a", "fields": [{"name": "x", "type": "int"}, {"name": "y", "type": ["null", "string"]}, {"name": "z", "type": {"type": "enum", "name": "E", "symbols": ["A"]}}]}';
    const writer = '{"type": "record", "name": "R", "namespace": "a", "fields": [{"name": "x", "type": "int"}, {"name": "z", "type": {"type": "enum", "name": "F", "symbols": ["A"]}}]}';
    const [missing, name] = checkSchemaTexts(reader, writer).incompatibilities;
    assert.equal(missing.data.kind, 'missing-default');
    if (missing.data.kind !== 'missing-default') return;
    assert.equal(reader.slice(0, missing.data.defaultInsertOffset).endsWith('["null", "string"]'), true);
    assert.equal(missing.data.suggestedDefault, 'null');
    assert.equal(writer.slice(0, missing.data.restoreOffset).endsWith('{"name": "x", "type": "int"}'), true);
    assert.equal(missing.data.restoreText, '{"name": "y", "type": ["null", "string"]}');
    assert.equal(name.data.kind, 'name-mismatch');
    if (name.data.kind !== 'name-mismatch') return;
    assert.equal(name.data.suggestedAlias, 'F');
    const noNamespace = checkSchemaTexts(rec('R', [], { namespace: 'a' }), rec('S', [])).incompatibilities[0];
    assert.equal(noNamespace.data.kind === 'name-mismatch' && noNamespace.data.suggestedAlias, undefined);
  });

  test('a union cannot hold two arrays: when the reader\'s array branch cannot read the writer\'s, the fix is inside it', () => {
    const r = checkSchemaTexts(
      rec('R', [{ name: 'a', type: ['null', { type: 'array', items: 'int' }] }, { name: 'b', type: ['null', 'int'] }]),
      rec('R', [{ name: 'a', type: ['null', { type: 'array', items: 'long' }] }, { name: 'b', type: ['null', 'int', 'string'] }]),
    );
    const [array, string] = r.incompatibilities;
    assert.equal(array.location, '/fields/0/type/1');
    assert.ok(array.data.kind === 'missing-branch' && array.data.closestBranch?.sameType === true && array.data.closestBranch.index === 1);
    assert.match(array.message, /Its branch 1 \(array\) is the one to fix: In it \(array items\): the reader's int cannot read the writer's long/);
    assert.doesNotMatch(array.message, /add \{/);
    assert.equal(string.location, '/fields/1/type/2');
    assert.ok(string.data.kind === 'missing-branch' && string.data.closestBranch === undefined && string.data.branchText === '"string"');
  });

  test('suggested defaults follow the first union branch and nest into records', () => {
    const doc = parseAvroDocument('inmemory:///d.avsc', JSON.stringify({
      type: 'record', name: 'R', fields: [
        { name: 'a', type: ['string', 'null'] },
        { name: 'b', type: { type: 'fixed', name: 'F', size: 2 } },
        { name: 'c', type: { type: 'record', name: 'S', fields: [{ name: 'n', type: 'long' }, { name: 'm', type: { type: 'map', values: 'int' } }, { name: 'o', type: 'int', default: 1 }] } },
        { name: 'd', type: 'S' },
        { name: 'e', type: { type: 'enum', name: 'E', symbols: ['X', 'Y'], default: 'Y' } },
      ],
    }));
    const resolve = resolverFor(undefined, doc);
    // A record's default lists every field; a field's own default is copied as written.
    const suggested = doc.fields.filter(f => f.record.name === 'R').map(f => defaultValueFor(f.type, { resolve, textOf: () => doc.text }));
    assert.deepEqual(suggested, ['""', '"\\u0000\\u0000"', '{"n": 0, "m": {}, "o": 1}', '{"n": 0, "m": {}, "o": 1}', '"Y"']);
  });
});
