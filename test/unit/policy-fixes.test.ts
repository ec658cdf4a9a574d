// Quick fixes of the policy rules: each applied to a schema, the result compared, and the finding gone after the fix.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { withProjectRules } from '../../server/src/config/fileSettings';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import { getCodeActions } from '../../server/src/service/codeActions';
import { applyEdits } from '../../server/src/service/format/edits';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { policyEvolutionDiagnostics } from '../../server/src/service/policy/evolution';
import { DEFAULT_SETTINGS, type AvroSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';

const URI = 'file:///ws/schemas/event.avsc';

function settingsOf(policy: unknown): AvroSettings {
  const parsed = parseProjectConfig(JSON.stringify({ policy }), '/ws');
  assert.deepEqual(parsed.problems, []);
  return withProjectRules(DEFAULT_SETTINGS, parsed.config, '/ws/schemas/event.avsc');
}

function diagnosticsOf(text: string, settings: AvroSettings, before?: string): AvroDiagnostic[] {
  const index = new SchemaIndex();
  const doc = parseAvroDocument(URI, text, 1);
  index.set(doc);
  const out = validateDocument(doc, settings, index);
  if (before !== undefined) out.push(...policyEvolutionDiagnostics({ doc, baseline: parseAvroDocument('git:/ws/schemas/event.avsc', before, 1), settings, avroCompatible: true, avroSpans: [] }).diagnostics);
  return out;
}

/** Apply the preferred fix of the first `code` diagnostic; returns the new text. */
function fix(text: string, code: string, settings: AvroSettings, before?: string): { text: string; title: string } {
  const d = diagnosticsOf(text, settings, before).find(x => x.code === code);
  assert.ok(d, `no ${code} in ${text}`);
  const index = new SchemaIndex();
  const doc = parseAvroDocument(URI, text, 1);
  index.set(doc);
  const actions = getCodeActions({ doc, index, resolve: resolverFor(index, doc), settings, offset: d.offset, length: d.length, diagnostics: [d], formatting: { tabSize: 2, insertSpaces: true, eol: '\n' } }, ['quickfix']);
  const action = actions.find(a => a.isPreferred) ?? actions[0];
  assert.ok(action, `no fix for ${code}`);
  const edits = action.edits.find(e => e.uri === URI)!.edits;
  const after = applyEdits(text, edits);
  assert.ok(!diagnosticsOf(after, settings, before).some(x => x.code === code), `${code} is still there after "${action.title}":\n${after}`);
  return { text: after, title: action.title };
}

const BEFORE = '{"type": "record", "name": "Event", "namespace": "com.acme", "fields": [\n  {"name": "schema_version", "type": "string", "default": "1.2.0"},\n  {"name": "id", "type": "string"}\n]}';

describe('policy quick fixes', () => {
  test('AVRO-602: set the next version by the kind of change (MINOR for an optional field)', () => {
    const now = BEFORE.replace('"string"}\n]}', '"string"},\n  {"name": "note", "type": ["null", "string"], "default": null}\n]}');
    const r = fix(now, 'AVRO-602', settingsOf({ versionField: {} }), BEFORE);
    assert.equal(r.title, 'Set the version to "1.3.0"');
    assert.match(r.text, /"default": "1\.3\.0"/);
  });
  test('AVRO-603: a MINOR bump for a breaking change becomes MAJOR', () => {
    const now = BEFORE.replace('"1.2.0"', '"1.3.0"').replace(',\n  {"name": "id", "type": "string"}', '');
    const r = fix(now, 'AVRO-603', settingsOf({ versionField: {}, breaking: { rules: ['field-removed'] } }), BEFORE);
    assert.match(r.text, /"default": "2\.0\.0"/);
  });
  test('AVRO-602 integer: the next integer', () => {
    const before = BEFORE.replace('"type": "string", "default": "1.2.0"', '"type": "int", "default": 7');
    const now = before.replace('"id", "type": "string"', '"id", "type": "string", "doc": "Identifier."');
    const r = fix(now, 'AVRO-602', settingsOf({ versionField: { kind: 'integer' } }), before);
    assert.match(r.text, /"default": 8/);
  });
  test('AVRO-600: the version field is added first', () => {
    const r = fix('{"type": "record", "name": "Event", "fields": [\n  {"name": "id", "type": "string"}\n]}', 'AVRO-600', settingsOf({ versionField: {} }));
    assert.equal(r.text, '{"type": "record", "name": "Event", "fields": [\n  {"name": "schema_version", "type": "string", "default": "1.0.0", "doc": "Schema version"},\n  {"name": "id", "type": "string"}\n]}');
  });
  test('AVRO-641: rename the field with an alias for the old name', () => {
    const r = fix('{"type": "record", "name": "Event", "fields": [\n  {"name": "orderId", "type": "string"}\n]}', 'AVRO-641', settingsOf({ naming: { fields: 'snake_case' } }));
    assert.equal(r.title, 'Rename to "order_id" (the old name stays as an alias)');
    assert.match(r.text, /"name": "order_id"/);
    assert.match(r.text, /"aliases": \["orderId"\]/);
  });
  test('AVRO-640: rename the record with an alias', () => {
    const r = fix('{"type": "record", "name": "order_event", "namespace": "com.acme", "fields": []}', 'AVRO-640', settingsOf({ naming: { records: 'PascalCase' } }));
    assert.match(r.text, /"name": "OrderEvent"/);
    assert.match(r.text, /"aliases": \["order_event"\]/);
  });
  test('AVRO-651: a doc stub after the name', () => {
    const r = fix('{"type": "record", "name": "Event", "doc": "x", "fields": [\n  {"name": "id", "type": "string"}\n]}', 'AVRO-651', settingsOf({ doc: { fields: true, types: true } }));
    assert.match(r.text, /\{"name": "id", "doc": "TODO: describe it", "type": "string"\}/);
  });
  test('AVRO-660: the new field becomes ["null", T] with a null default', () => {
    const now = BEFORE.replace('"string"}\n]}', '"string"},\n  {"name": "currency", "type": "string", "default": "USD"}\n]}');
    const r = fix(now, 'AVRO-660', settingsOf({ newFieldsOptional: true }), BEFORE);
    assert.match(r.text, /\{"name": "currency", "type": \["null", "string"\], "default": null\}/);
  });
});
