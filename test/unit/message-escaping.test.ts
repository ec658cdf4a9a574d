// No control, DEL, C1 or bidi character from a schema reaches a diagnostic message raw: validation and compatibility.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor } from '../../server/src/service/model/schemaIndex';
import { checkLevel } from '../../server/src/service/compatibility/levels';
import { compatibilityDiagnostics } from '../../server/src/service/compatibility/diagnostics';
import { checkSchemaTexts } from '../../server/src/service/compatibility/engine';
import { normalizeSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { escapeControlCharacters } from '../../server/src/service/util/escape';

const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** A name with an escape sequence, a bell, a C1 CSI and a right-to-left override (raw in the JSON text). */
const BAD = 'X\\u001b[2J\\u0007\\u009b\u202eY';

test('escapeControlCharacters writes unsafe characters as \\u escapes and leaves other text alone', () => {
  assert.equal(escapeControlCharacters('a\u001b[31mb\u007f\u0085\u202e\u2066c'), 'a\\u001b[31mb\\u007f\\u0085\\u202e\\u2066c');
  assert.equal(escapeControlCharacters('Größe ✓ "x"'), 'Größe ✓ "x"');
});

test('validation messages and related messages quote names, symbols, keys and values escaped', () => {
  const text = `{"type": "record", "name": "${BAD}", "namespace": "a${BAD}", "fields": [
    {"name": "${BAD}", "type": "${BAD}"},
    {"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["${BAD}", "${BAD}"]}, "default": "${BAD}"},
    {"name": "d", "type": "int", "default": "${BAD}", "${BAD}": 1, "${BAD}": 2},
    {"name": "t", "type": {"type": "${BAD}x"}}
  ]}`;
  const doc = parseAvroDocument('file:///ws/a.avsc', text);
  const diagnostics = validateDocument(doc, normalizeSettings({}));
  assert.ok(diagnostics.length >= 6, `expected many findings, got ${diagnostics.map(d => d.code).join(', ')}`);
  for (const d of diagnostics) {
    assert.ok(!RAW.test(d.message), `${d.code}: ${JSON.stringify(d.message)}`);
    for (const r of d.related ?? []) assert.ok(!RAW.test(r.message), `${d.code} related: ${JSON.stringify(r.message)}`);
  }
  assert.ok(diagnostics.some(d => d.message.includes('\\u001b[2J')), 'the escape sequence is shown as \\u001b');
});

test('compatibility messages (engine and editor diagnostics) quote names and symbols escaped', () => {
  const reader = `{"type": "record", "name": "R", "fields": [{"name": "f${BAD}", "type": "int"}, {"name": "e", "type": {"type": "enum", "name": "E${BAD}", "symbols": ["A"]}}]}`;
  const writer = `{"type": "record", "name": "R", "fields": [{"name": "e", "type": {"type": "enum", "name": "E", "symbols": ["A", "B${BAD}"]}}]}`;
  const result = checkSchemaTexts(reader, writer);
  assert.ok(result.incompatibilities.length >= 2);
  for (const inc of result.incompatibilities) {
    assert.ok(!RAW.test(inc.message), JSON.stringify(inc.message));
    assert.ok(!RAW.test(inc.javaMessage), JSON.stringify(inc.javaMessage));
  }
  const r = { doc: result.reader, schema: result.reader.root!, resolve: resolverFor(undefined, result.reader) };
  const w = { doc: result.writer, schema: result.writer.root!, resolve: resolverFor(undefined, result.writer) };
  const level = checkLevel('BACKWARD', r, [{ label: 'v1', side: w }]);
  const diagnostics = compatibilityDiagnostics(level.findings, normalizeSettings({}), result.reader);
  assert.ok(diagnostics.length >= 2);
  for (const d of diagnostics) {
    assert.ok(!RAW.test(d.message), JSON.stringify(d.message));
    for (const rel of d.related ?? []) assert.ok(!RAW.test(rel.message), JSON.stringify(rel.message));
  }
});
