// Validation rules beyond the fixture annotations: diagnostic data for fixes, related locations, settings, robustness.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { relativePathBetween } from '../../server/src/service/util/uris';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';
import { didYouMean, editDistance, suggest } from '../../server/src/service/util/suggest';
import { checkName, checkNamespace, validNameFor } from '../../server/src/service/util/names';
import { nearMiss } from '../../server/src/service/validation/rules/typos';
import { ATTRIBUTES, isAttributeOf, type ObjectKind } from '../../server/src/service/util/attributes';
import { decimalMaxPrecision } from '../../server/src/service/validation/rules/logicalTypes';
import { fixture } from '../helpers/paths';

/** Validate documents together; returns the diagnostics of the first one. */
function validate(texts: Record<string, string>, settings: unknown = {}): Record<string, AvroDiagnostic[]> {
  const index = new SchemaIndex();
  for (const [name, text] of Object.entries(texts)) index.set(parseAvroDocument(`file:///ws/${name}`, text, 1));
  const out: Record<string, AvroDiagnostic[]> = {};
  for (const name of Object.keys(texts)) out[name] = validateDocument(index.get(`file:///ws/${name}`)!, normalizeSettings(settings), index);
  return out;
}

function one(text: string, settings: unknown = {}): AvroDiagnostic[] {
  return validate({ 'a.avsc': text }, settings)['a.avsc'];
}

function record(fields: string, extra = ''): string {
  return `{"type": "record", "name": "Evt", "namespace": "com.acme"${extra}, "fields": [${fields}]}`;
}

describe('util/suggest', () => {
  test('edit distance counts an adjacent transposition as one edit', () => {
    assert.equal(editDistance('feilds', 'fields'), 1);
    assert.equal(editDistance('defualt', 'default'), 1);
    assert.equal(editDistance('namspace', 'namespace'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'xyz', 1), 2, 'stops early past the bound');
  });
  test('ranking: case slips first, then distance; nothing beyond the budget', () => {
    assert.deepEqual(suggest('money', ['Money', 'Monkey', 'Honey']).map(s => s.value), ['Money', 'Honey', 'Monkey']);
    assert.deepEqual(suggest('Adres', ['Address', 'Adress', 'Order']).map(s => s.value), ['Adress', 'Address']);
    assert.deepEqual(suggest('Invoice', ['Shipment', 'Customer']), []);
    assert.deepEqual(suggest('desc', ['ascending', 'descending', 'ignore'], { prefixMinLength: 3 }).map(s => s.value), ['descending']);
    assert.equal(didYouMean(['a', 'b', 'c']), 'did you mean "a", "b" or "c"?');
  });
  test('attribute near misses need a small distance relative to the attribute', () => {
    assert.equal(nearMiss('namspace', ['name', 'namespace']), 'namespace');
    assert.equal(nearMiss('docs', ['doc', 'type']), 'doc');
    assert.equal(nearMiss('dob', ['doc', 'type']), undefined, 'a 3-letter key is only a typo of a 3-letter attribute when it extends it');
    assert.equal(nearMiss('owner', ['order', 'name']), undefined);
    assert.equal(nearMiss('LogicalType', ['logicalType']), 'logicalType');
  });
});

describe('util/names', () => {
  test('names: ASCII rules, and the non-ASCII letters only Java accepts', () => {
    assert.equal(checkName('order_id'), undefined);
    assert.equal(checkName('_2fa'), undefined);
    assert.deepEqual(checkName('2fa'), { kind: 'invalid', index: 0, char: '2' });
    assert.deepEqual(checkName('a-b'), { kind: 'invalid', index: 1, char: '-' });
    assert.deepEqual(checkName('prénom'), { kind: 'non-ascii', index: 2, char: 'é' });
    assert.deepEqual(checkName('a😀'), { kind: 'invalid', index: 1, char: '😀' }, 'Java checks UTF-16 units: a surrogate is no letter');
    assert.deepEqual(checkName(''), { kind: 'empty' });
  });
  test('namespaces: dot-separated names, "" is the null namespace', () => {
    assert.equal(checkNamespace(''), undefined);
    assert.equal(checkNamespace('com.acme.orders'), undefined);
    assert.equal(checkNamespace('com..acme')?.problem.kind, 'empty');
    assert.equal(checkNamespace('com.acme-corp')?.part, 'acme-corp');
  });
  test('valid replacements', () => {
    assert.equal(validNameFor('order-id'), 'order_id');
    assert.equal(validNameFor('2fa'), '_2fa');
    assert.equal(validNameFor('prénom'), 'prenom');
  });
});

describe('util/attributes', () => {
  test('the fast attribute check agrees with the attribute table (doc allowed everywhere)', () => {
    const keys = new Set(['doc', 'foo', 'logicaltype', ...Object.values(ATTRIBUTES).flat()]);
    for (const kind of Object.keys(ATTRIBUTES) as ObjectKind[]) {
      for (const key of keys) assert.equal(isAttributeOf(kind, key), ATTRIBUTES[kind].includes(key) || key === 'doc', `${kind}.${key}`);
    }
  });
});

describe('decimal capacity of fixed', () => {
  test('floor(log10(2^(8n-1) - 1)) digits, as Java computes it', () => {
    // Known values: fixed(1) 2 digits, fixed(4) 9, fixed(8) 18, fixed(16) 38 (Java BigDecimal/Spark conventions).
    assert.deepEqual([1, 2, 4, 8, 16, 32].map(decimalMaxPrecision), [2, 4, 9, 18, 38, 76]);
  });
});

describe('data and related locations for code actions', () => {
  test('AVRO-222 says which branch matched and where the union is', () => {
    const text = record('{"name": "nick", "type": ["string", "null"], "default": null}');
    const [d] = one(text).filter(x => x.code === 'AVRO-222');
    assert.equal(d.severity, 'error');
    const union = text.indexOf('["string", "null"]');
    assert.deepEqual(d.data, { field: 'nick', union: { offset: union, length: '["string", "null"]'.length }, branchIndex: 1, branch: 'null' });
    assert.equal(one(text, { specVersion: '1.12' }).find(x => x.code === 'AVRO-222')?.severity, 'warning');
  });
  test('AVRO-303 carries spellings that resolve from where the name is written', () => {
    const text = `{"type": "record", "name": "Order", "namespace": "com.acme.orders", "fields": [
      {"name": "a", "type": {"type": "record", "name": "Money", "namespace": "com.acme.common", "fields": []}},
      {"name": "b", "type": {"type": "record", "name": "Address", "fields": []}},
      {"name": "c", "type": "Mony"},
      {"name": "d", "type": "Adress"}]}`;
    const unknown = one(text).filter(d => d.code === 'AVRO-303');
    assert.deepEqual(unknown.map(d => d.data), [
      { name: 'Mony', suggestions: ['com.acme.common.Money'] },
      { name: 'Adress', suggestions: ['Address'] },
    ]);
  });
  test('AVRO-304 points at the definition (1.11 only)', () => {
    const text = record('{"name": "a", "type": "Money"}, {"name": "b", "type": {"type": "fixed", "name": "Money", "size": 8}}');
    const [d] = one(text).filter(x => x.code === 'AVRO-304');
    const def = text.indexOf('{"type": "fixed"');
    assert.deepEqual(d.related?.map(r => r.offset), [text.indexOf('"Money", "size"')]);
    assert.deepEqual(d.data, { fullname: 'com.acme.Money', definition: { offset: def, length: text.indexOf('}}', def) + 1 - def } });
    assert.deepEqual(one(text, { specVersion: '1.12' }).filter(x => x.code === 'AVRO-304'), []);
  });
  test('AVRO-306 is reported in each file, with the other definitions as related locations', () => {
    const money = (cents: string): string => `{"type": "record", "name": "Money", "namespace": "com.acme", "fields": [{"name": "cents", "type": "${cents}"}]}`;
    const result = validate({ 'a.avsc': money('long'), 'b.avsc': money('int'), 'c.avsc': money('long') });
    assert.deepEqual(result['a.avsc'].map(d => [d.code, d.related?.map(r => r.uri)]), [['AVRO-306', ['file:///ws/b.avsc']]]);
    assert.deepEqual(result['b.avsc'].map(d => [d.code, d.related?.map(r => r.uri)]), [['AVRO-306', ['file:///ws/a.avsc', 'file:///ws/c.avsc']]]);
    assert.deepEqual(result['c.avsc'].map(d => d.related?.map(r => r.uri)), [['file:///ws/b.avsc']]);
    const related = result['a.avsc'][0].related![0];
    assert.equal(money('int').substr(related.offset, related.length), '"Money"');
  });
  test('AVRO-306 ignores documentation and custom attributes, not defaults or logical types', () => {
    const base = '{"type": "record", "name": "Money", "namespace": "com.acme", "fields": [{"name": "cents", "type": "long", "default": 0}]}';
    const docs = '{"type": "record", "name": "Money", "namespace": "com.acme", "doc": "x", "owner": "y", "fields": [{"name": "cents", "doc": "z", "type": {"type": "long"}, "default": 0}]}';
    assert.deepEqual(validate({ 'a.avsc': base, 'b.avsc': docs })['a.avsc'], []);
    const otherDefault = base.replace('"default": 0', '"default": 1');
    assert.equal(validate({ 'a.avsc': base, 'b.avsc': otherDefault })['a.avsc'][0]?.code, 'AVRO-306');
    const logical = base.replace('"type": "long"', '"type": {"type": "long", "logicalType": "timestamp-millis"}');
    assert.match(validate({ 'a.avsc': base, 'b.avsc': logical })['a.avsc'][0]?.message ?? '', /timestamp-millis/);
  });
  test('AVRO-306 follows changes in how references resolve (cached signatures are rechecked)', () => {
    const a = parseAvroDocument('file:///ws/a.avsc', '{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [{"name": "f", "type": "Money"}]}', 1);
    const b = parseAvroDocument('file:///ws/b.avsc', '{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [{"name": "f", "type": "com.acme.Money"}]}', 1);
    const index = new SchemaIndex();
    index.set(a);
    index.set(b);
    const codes = (): string[] => validateDocument(a, normalizeSettings({}), index).map(d => d.code);
    // Neither resolves: both name "com.acme.Money", so the definitions agree.
    assert.deepEqual(codes(), ['AVRO-303']);
    // A Money in the null namespace appears: "Money" in a.avsc now means it, "com.acme.Money" in b.avsc does not.
    // (a.avsc reaches it through Java's fallback to the null namespace only: AVRO-313.)
    index.set(parseAvroDocument('file:///ws/c.avsc', '{"type": "fixed", "name": "Money", "size": 8}', 1));
    assert.deepEqual(codes(), ['AVRO-306', 'AVRO-313']);
  });
  test('AVRO-240 gives the properties to move and the type to wrap', () => {
    const text = record('{"name": "amount", "type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 2}');
    const [d] = one(text).filter(x => x.code === 'AVRO-240');
    const data = d.data as { logicalType: string; properties: Array<{ offset: number; length: number }>; type: { offset: number; length: number } };
    assert.equal(data.logicalType, 'decimal');
    assert.deepEqual(data.properties.map(p => text.substr(p.offset, p.length)), ['"logicalType": "decimal"', '"precision": 10', '"scale": 2']);
    assert.equal(text.substr(data.type.offset, data.type.length), '"bytes"');
  });
  test('AVRO-241 knows the field to move the default to', () => {
    const text = record('{"name": "campaign", "type": ["null", {"type": "string", "default": "none"}]}');
    const [d] = one(text).filter(x => x.code === 'AVRO-241');
    const data = d.data as { property: { offset: number; length: number }; field?: { offset: number; length: number }; fieldHasDefault: boolean };
    assert.equal(text.substr(data.property.offset, data.property.length), '"default": "none"');
    assert.equal(data.field?.offset, text.indexOf('{"name": "campaign"'));
    assert.equal(data.fieldHasDefault, false);
  });
  test('AVRO-242 and AVRO-208 carry the replacement', () => {
    const d = one(record('{"name": "a", "type": "string", "order": "Descending", "defualt": "x"}'));
    assert.deepEqual(d.map(x => [x.code, x.data]), [
      ['AVRO-208', { written: 'Descending', suggestion: 'descending' }],
      ['AVRO-242', { key: 'defualt', expected: 'default', kind: 'field' }],
    ]);
  });
});

describe('settings', () => {
  const text = record('{"name": "nick", "type": ["string", "null"], "default": null}, {"name": "at", "type": {"type": "long", "logicalType": "timestamp-nanos"}}');
  test('a code can be turned off or given another severity (over the rule\'s own choice)', () => {
    assert.deepEqual(one(text).map(d => `${d.code} ${d.severity}`), ['AVRO-222 error', 'AVRO-235 warning']);
    assert.deepEqual(one(text, { severity: { 'AVRO-222': 'off' } }).map(d => d.code), ['AVRO-235']);
    assert.deepEqual(one(text, { severity: { 'AVRO-222': 'info', 'AVRO-235': 'error' } }).map(d => `${d.code} ${d.severity}`), ['AVRO-222 info', 'AVRO-235 error']);
  });
  test('spec version 1.12 changes what differs between versions', () => {
    assert.deepEqual(one(text, { specVersion: '1.12' }).map(d => `${d.code} ${d.severity}`), ['AVRO-222 warning']);
  });
});

describe('robustness: half-typed documents never throw', () => {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.avsc') && !e.name.startsWith('too-deep')) files.push(p);
    }
  };
  walk(fixture('validation'));
  test('every prefix of every validation fixture (annotations stripped) validates', () => {
    let runs = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8').split('\n').filter(l => !/^\s*(\^+|\|)(>\d+:\d+)?\s/.test(l)).join('\n');
      const step = Math.max(1, Math.floor(text.length / 150));
      for (let end = 0; end <= text.length; end += step) {
        for (const specVersion of ['1.11', '1.12']) {
          validate({ 'a.avsc': text.slice(0, end) }, { specVersion });
          runs++;
        }
      }
    }
    assert.ok(runs > 1000, `${runs} runs`);
  });
  test('every diagnostic range lies inside the document', () => {
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const d of one(text)) assert.ok(d.offset >= 0 && d.offset + d.length <= text.length, `${file}: ${d.code} at ${d.offset}+${d.length}`);
    }
  });
});

test('relative paths between documents name the other file unambiguously', () => {
  assert.equal(relativePathBetween('file:///repo/schemas/a.avsc', 'file:///repo/schemas/common/money.avsc'), 'common/money.avsc');
  assert.equal(relativePathBetween('file:///repo/schemas/a.avsc', 'file:///repo/legacy/a.avsc'), '../legacy/a.avsc');
  assert.equal(relativePathBetween('file:///repo/a.avsc', 'file:///repo/b%20c.avsc'), 'b c.avsc');
});
