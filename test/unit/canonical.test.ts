// Parsing Canonical Form and CRC-64-AVRO fingerprints, against Apache Avro's own test data and avsc.
//
// test/fixtures/canonical/schema-tests.txt is share/test/data/schema-tests.txt of the Apache Avro
// repository (Apache License 2.0, header kept): inputs, their canonical forms and the fingerprints
// Java's SchemaNormalization.parsingFingerprint64 computes (signed longs).
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as avsc from 'avsc';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex, resolverFor } from '../../server/src/service/model/schemaIndex';
import { canonicalForm, crc64Avro, fingerprintCrc64, parsingCanonicalForm } from '../../server/src/service/model/canonical';
import { fixture } from '../helpers/paths';

interface SpecCase {
  id: string;
  input: string;
  canonical: string;
  fingerprint?: bigint;
}

/** Read the <<INPUT / <<canonical / <<fingerprint records (one-line or heredoc form). */
function readSchemaTests(file: string): SpecCase[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const cases: SpecCase[] = [];
  let current: Partial<SpecCase> = {};
  const flush = (): void => {
    if (current.input !== undefined && current.canonical !== undefined) cases.push(current as SpecCase);
    current = {};
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const id = /^\/\/ (\d{3})\s*$/.exec(line);
    if (id) {
      flush();
      current.id = id[1];
      continue;
    }
    const field = /^<<(INPUT|canonical|fingerprint)(?: (.*))?$/.exec(line);
    if (!field) continue;
    let value = field[2];
    if (value === undefined) {
      // Heredoc: the value runs until a line holding the tag alone.
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== field[1]) body.push(lines[i]);
      value = body.join('\n');
    }
    if (field[1] === 'INPUT') current.input = value;
    else if (field[1] === 'canonical') current.canonical = value;
    else current.fingerprint = BigInt(value);
  }
  flush();
  return cases;
}

function canonicalOf(text: string): string {
  const doc = parseAvroDocument('file:///t.avsc', text);
  assert.ok(doc.root, 'schema parsed');
  return parsingCanonicalForm(doc.root, resolverFor(undefined, doc));
}

const SPEC_CASES = readSchemaTests(fixture('canonical', 'schema-tests.txt'));

describe('Parsing Canonical Form: Apache Avro schema-tests.txt', () => {
  test('the data file was read', () => {
    assert.ok(SPEC_CASES.length >= 30, `only ${SPEC_CASES.length} cases read`);
    assert.ok(SPEC_CASES.filter(c => c.fingerprint !== undefined).length >= 20);
  });
  for (const c of SPEC_CASES) {
    test(`case ${c.id}`, () => {
      const canonical = canonicalOf(c.input);
      assert.equal(canonical, c.canonical);
      if (c.fingerprint !== undefined) assert.equal(BigInt.asIntN(64, crc64Avro(canonical)), c.fingerprint);
    });
  }
});

/** Schemas that exercise what the spec file does not: nested namespaces, logical types, errors, references. */
const EXTRA_SCHEMAS: unknown[] = [
  {
    type: 'record', name: 'OrderPlaced', namespace: 'com.acme.orders', doc: 'd', aliases: ['Old'],
    fields: [
      { name: 'id', type: { type: 'string', logicalType: 'uuid' }, doc: 'x', order: 'descending' },
      { name: 'total', type: { type: 'record', name: 'Money', namespace: 'com.acme.common', fields: [{ name: 'cents', type: 'long' }] }, default: { cents: 0 } },
      { name: 'fee', type: 'com.acme.common.Money' },
      { name: 'status', type: { type: 'enum', name: 'Status', symbols: ['NEW', 'PAID'], default: 'NEW' } },
      { name: 'previous', type: ['null', 'Status', 'OrderPlaced'], default: null },
      { name: 'hash', type: { type: 'fixed', name: 'Sha256', size: 32, logicalType: 'decimal', precision: 10 } },
      { name: 'lines', type: { type: 'array', items: { type: 'map', values: ['null', 'com.acme.common.Money'] } } },
      { name: 'failure', type: ['null', { type: 'error', name: 'Failure', fields: [{ name: 'reason', type: 'string' }] }], default: null },
      { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis', 'connect.version': 1 } },
    ],
  },
  { type: 'enum', name: 'x.y.Z', namespace: 'ignored', symbols: ['A', 'B_2'] },
  { type: 'array', items: { type: 'record', name: 'Item', fields: [{ name: 'next', type: ['null', 'Item'] }] } },
];

describe('Parsing Canonical Form: agrees with avsc', () => {
  for (const [i, schema] of EXTRA_SCHEMAS.entries()) {
    test(`schema ${i}`, () => {
      // avsc's Type#schema() with no options is the canonical form (as an object), except that
      // avsc keeps "error" where Java (whose fingerprints Schema Registry uses) writes "record".
      const expected = JSON.stringify(avsc.Type.forSchema(schema as avsc.Schema).schema()).replace(/"type":"error"/g, '"type":"record"');
      assert.equal(canonicalOf(JSON.stringify(schema, null, 2)), expected);
    });
  }
  test('every clean validation fixture', () => {
    let compared = 0;
    const root = fixture('validation');
    for (const folder of fs.readdirSync(root)) {
      const file = path.join(root, folder, 'clean.avsc');
      if (!fs.existsSync(file)) continue;
      const text = fs.readFileSync(file, 'utf8');
      let expected: string;
      try {
        expected = JSON.stringify(avsc.Type.forSchema(JSON.parse(text)).schema());
      } catch {
        continue; // uses something avsc does not read (e.g. a 1.12 logical type): covered elsewhere
      }
      assert.equal(canonicalOf(text), expected, file);
      compared++;
    }
    assert.ok(compared >= 8, `compared ${compared} fixtures`);
  });
});

describe('canonical form of incomplete schemas', () => {
  test('a reference to another file resolves through the index and is written in full once', () => {
    const index = new SchemaIndex();
    const money = parseAvroDocument('file:///money.avsc', '{"type": "record", "name": "Money", "namespace": "com.acme", "fields": [{"name": "cents", "type": "long"}]}');
    const order = parseAvroDocument('file:///order.avsc', '{"type": "record", "name": "Order", "namespace": "com.acme", "fields": [{"name": "a", "type": "Money"}, {"name": "b", "type": "com.acme.Money"}]}');
    index.set(money);
    index.set(order);
    const result = canonicalForm(order.root!, resolverFor(index, order));
    assert.deepEqual(result, {
      text: '{"name":"com.acme.Order","type":"record","fields":[{"name":"a","type":{"name":"com.acme.Money","type":"record","fields":[{"name":"cents","type":"long"}]}},{"name":"b","type":"com.acme.Money"}]}',
      complete: true,
      unresolved: [],
    });
  });
  test('an unresolved reference is reported and written as its first candidate', () => {
    const doc = parseAvroDocument('file:///t.avsc', '{"type": "record", "name": "R", "namespace": "n", "fields": [{"name": "a", "type": "Missing"}, {"name": "b"}]}');
    const result = canonicalForm(doc.root!, resolverFor(undefined, doc));
    assert.equal(result.complete, false);
    assert.deepEqual(result.unresolved, ['Missing']);
    assert.equal(result.text, '{"name":"n.R","type":"record","fields":[{"name":"a","type":"n.Missing"},{"name":"b","type":"null"}]}');
  });
});

/** CRC-64-AVRO computed bit by bit, straight from the specification's description (slow, obviously right). */
function referenceCrc64(bytes: Uint8Array): bigint {
  const EMPTY = 0xc15d213aa4d7a795n;
  const MASK = (1n << 64n) - 1n;
  const table: bigint[] = [];
  for (let i = 0n; i < 256n; i++) {
    let fp = i;
    for (let j = 0; j < 8; j++) fp = (fp >> 1n) ^ (EMPTY & -(fp & 1n) & MASK);
    table.push(fp);
  }
  let fp = EMPTY;
  for (const b of bytes) fp = (fp >> 8n) ^ table[Number((fp ^ BigInt(b)) & 0xffn)];
  return fp;
}

describe('CRC-64-AVRO', () => {
  test('matches a bit-by-bit reference on ASCII, accented, CJK and astral text', () => {
    const samples = ['', 'a', '"null"', '{"name":"prénom","type":"record","fields":[]}', '注文', '𝄞 clef', 'x'.repeat(1000)];
    for (const s of samples) assert.equal(crc64Avro(s), referenceCrc64(new Uint8Array(Buffer.from(s, 'utf8'))), JSON.stringify(s));
  });
  test('a lone surrogate is encoded as "?", as Java does', () => {
    assert.equal(crc64Avro('a\ud800b'), crc64Avro('a?b'));
  });
  test('hex as avro-tools prints it: the 8 bytes little-endian', () => {
    // Java: SchemaNormalization.fingerprint64("\"null\"") = 7195948357588979594 (schema-tests.txt case 000).
    const v = BigInt.asUintN(64, 7195948357588979594n);
    let expected = '';
    for (let i = 0n; i < 8n; i++) expected += ((v >> (8n * i)) & 0xffn).toString(16).padStart(2, '0');
    assert.equal(fingerprintCrc64('"null"'), expected);
    assert.equal(fingerprintCrc64('"null"'), '8a8f25cce724dd63');
  });
});
