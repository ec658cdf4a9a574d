// Where a name is visible: nearest definition in the folder tree, declared compilation units, identical copies; the project file's units, rules and exclusions.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import type { AvroDocument, ReferenceSchema } from '../../server/src/service/model/types';
import { parseProjectConfig, policyFor, isExcludedByProject } from '../../server/src/config/projectConfig';
import { compilationUnitsOf } from '../../server/src/config/units';
import { withProjectRules } from '../../server/src/config/fileSettings';
import { normalizeSettings } from '../../server/src/service/settings';
import { ciSeverityDefaults } from '../../server/src/service/codes';
import { validateDocument } from '../../server/src/service/validation/validate';
import { findReferences } from '../../server/src/service/navigation/references';
import { findDefinition } from '../../server/src/service/navigation/definition';
import { rename } from '../../server/src/service/rename';

const money = (cents: string, extra = ''): string => `{"type": "record", "name": "Money", "namespace": "com.acme", ${extra}"fields": [{"name": "cents", "type": "${cents}"}]}`;
const user = (type = 'com.acme.Money'): string => `{"type": "record", "name": "Order", "namespace": "com.acme.orders", "fields": [{"name": "total", "type": "${type}"}]}`;

/** An index of files at /ws/<path>, with the units of a project file at /ws (when given). */
function workspace(files: Record<string, string>, project?: unknown): { index: SchemaIndex; doc: (path: string) => AvroDocument } {
  const index = new SchemaIndex();
  if (project !== undefined) {
    const parsed = parseProjectConfig(JSON.stringify(project), '/ws');
    assert.deepEqual(parsed.problems, []);
    index.setCompilationUnits(compilationUnitsOf([parsed.config]));
  }
  for (const [p, text] of Object.entries(files)) index.set(parseAvroDocument(`file:///ws/${p}`, text, 1));
  return { index, doc: p => index.get(`file:///ws/${p}`)! };
}

function firstRef(doc: AvroDocument): ReferenceSchema {
  return doc.references[0];
}

function resolvedFrom(files: Record<string, string>, from: string, project?: unknown): string | undefined {
  const { index, doc } = workspace(files, project);
  return index.resolve(firstRef(doc(from)), doc(from))?.target.uri.replace('file:///ws/', '');
}

describe('nearest definition (no declared units)', () => {
  test('the same folder first, then the closest folders up and down the tree', () => {
    const files = { 'billing/events/order.avsc': user(), 'billing/events/money.avsc': money('long'), 'billing/money.avsc': money('int'), 'shipping/money.avsc': money('string') };
    assert.equal(resolvedFrom(files, 'billing/events/order.avsc'), 'billing/events/money.avsc');
    const { 'billing/events/money.avsc': _same, ...rest } = files;
    assert.equal(resolvedFrom(rest, 'billing/events/order.avsc'), 'billing/money.avsc', 'one folder up is nearer than a sibling tree');
    assert.equal(resolvedFrom({ 'a/order.avsc': user(), 'a/sub/deep/deeper/money.avsc': money('long'), 'b/money.avsc': money('int') }, 'a/order.avsc'), 'b/money.avsc', 'two steps (up, down) beat three (down, down, down)');
  });
  test('equally near definitions: identical copies count as one, different ones are AVRO-311 (with its data)', () => {
    const identical = workspace({ 'events/order.avsc': user(), 'x/money.avsc': money('long'), 'y/money.avsc': money('long', '"doc": "documentation may differ", ') });
    assert.equal(identical.index.resolve(firstRef(identical.doc('events/order.avsc')), identical.doc('events/order.avsc'))?.ambiguous, undefined);
    const different = workspace({ 'events/order.avsc': user(), 'x/money.avsc': money('long'), 'y/money.avsc': money('int') });
    const r = different.index.resolve(firstRef(different.doc('events/order.avsc')), different.doc('events/order.avsc'));
    assert.equal(r?.target.uri, 'file:///ws/x/money.avsc', 'deterministic: the first by path');
    assert.deepEqual(r?.ambiguous?.map(s => s.uri), ['file:///ws/x/money.avsc', 'file:///ws/y/money.avsc']);
    const diagnostics = validateDocument(different.doc('events/order.avsc'), normalizeSettings({}), different.index);
    assert.deepEqual(diagnostics.map(d => [d.code, d.severity]), [['AVRO-311', 'warning']]);
    assert.deepEqual(diagnostics[0].data, { fullname: 'com.acme.Money', candidates: ['file:///ws/x/money.avsc', 'file:///ws/y/money.avsc'] });
    assert.deepEqual(diagnostics[0].related?.map(l => l.uri), ['file:///ws/x/money.avsc', 'file:///ws/y/money.avsc']);
  });
  test('a recursive pair of ambiguous types does not recurse forever', () => {
    const a = (t: string) => `{"type": "record", "name": "A", "namespace": "n", "fields": [{"name": "b", "type": ["null", "n.B"], "default": null}, {"name": "x", "type": "${t}"}]}`;
    const b = (t: string) => `{"type": "record", "name": "B", "namespace": "n", "fields": [{"name": "a", "type": ["null", "n.A"], "default": null}, {"name": "y", "type": "${t}"}]}`;
    const { index, doc } = workspace({ 'p/a.avsc': a('int'), 'q/a.avsc': a('long'), 'p/b.avsc': b('int'), 'q/b.avsc': b('long'), 'r/use.avsc': '{"type": "record", "name": "U", "fields": [{"name": "u", "type": "n.A"}]}' });
    const r = index.resolve(firstRef(doc('r/use.avsc')), doc('r/use.avsc'));
    assert.ok(r?.ambiguous?.length === 2);
  });
  test('a fullname defined once resolves wherever it is', () => {
    assert.equal(resolvedFrom({ 'a/b/c/order.avsc': user(), 'x/y/z/money.avsc': money('long') }, 'a/b/c/order.avsc'), 'x/y/z/money.avsc');
  });
});

describe('declared compilation units (avro-studio.json "units")', () => {
  const files = { 'orders/order.avsc': user(), 'common/money.avsc': money('long'), 'orders/money.avsc': money('int'), 'legacy/money.avsc': money('string') };
  test('inside a unit, imports are parsed first: their definition wins over a nearer one', () => {
    assert.equal(resolvedFrom(files, 'orders/order.avsc', { units: [{ files: 'orders/*.avsc', imports: ['common/money.avsc'] }] }), 'common/money.avsc');
    assert.equal(resolvedFrom(files, 'orders/order.avsc'), 'orders/money.avsc', 'without units: the nearest');
  });
  test('a unit sees only its own files and imports', () => {
    const only = { 'orders/order.avsc': user(), 'legacy/money.avsc': money('string') };
    assert.equal(resolvedFrom(only, 'orders/order.avsc', { units: [{ files: 'orders/*.avsc' }] }), undefined);
    const { index, doc } = workspace(only, { units: [{ name: 'orders', files: 'orders/*.avsc' }] });
    const [d] = validateDocument(doc('orders/order.avsc'), normalizeSettings({}), index);
    assert.equal(d.code, 'AVRO-303');
    assert.match(d.message, /compilation unit "orders".*legacy\/money\.avsc.*not compiled with this file/);
  });
  test('two different definitions in one unit are AVRO-312 errors; apart they are AVRO-306 notes', () => {
    const project = { units: [{ files: ['orders/**'] }] };
    const { index, doc } = workspace({ 'orders/a.avsc': money('long'), 'orders/b.avsc': money('int'), 'other/c.avsc': money('string') }, project);
    const codes = (p: string) => validateDocument(doc(p), normalizeSettings({}), index).map(d => `${d.code} ${d.severity}`);
    assert.deepEqual(codes('orders/a.avsc'), ['AVRO-312 error']);
    assert.deepEqual(codes('other/c.avsc'), ['AVRO-306 info']);
    assert.match(validateDocument(doc('orders/a.avsc'), normalizeSettings({}), index)[0].message, /Can't redefine: com\.acme\.Money/);
  });
  test('identical copies in one unit are fine', () => {
    const { index, doc } = workspace({ 'orders/a.avsc': money('long'), 'orders/b.avsc': money('long', '"doc": "x", ') }, { units: [{ files: 'orders/*.avsc' }] });
    assert.deepEqual(validateDocument(doc('orders/a.avsc'), normalizeSettings({}), index), []);
  });
  test('files outside every unit keep nearest-definition resolution', () => {
    assert.equal(resolvedFrom({ ...files, 'tools/order.avsc': user() }, 'tools/order.avsc', { units: [{ files: 'orders/*.avsc' }] }), 'common/money.avsc');
  });
});

describe('navigation and rename follow the resolution', () => {
  const files = { 'v1/Payment.avsc': money('long'), 'v2/Payment.avsc': money('int'), 'v1/order.avsc': user(), 'v2/order.avsc': user(), 'v1/copy/money.avsc': money('long') };
  test('go to definition lands on the definition the reference resolves to', () => {
    const { index, doc } = workspace(files);
    const order = doc('v2/order.avsc');
    const offset = order.text.indexOf('com.acme.Money');
    assert.deepEqual(findDefinition(order, offset, index, resolverFor(index, order)).map(l => l.uri), ['file:///ws/v2/Payment.avsc']);
  });
  test('references of a definition: references to it and to its identical copies, not to other versions', () => {
    const { index, doc } = workspace(files);
    const v1 = doc('v1/Payment.avsc');
    const refs = findReferences(v1, v1.text.indexOf('Money'), index, resolverFor(index, v1), true).map(r => r.uri.replace('file:///ws/', ''));
    assert.deepEqual([...new Set(refs)].sort(), ['v1/Payment.avsc', 'v1/copy/money.avsc', 'v1/order.avsc']);
  });
  test('rename changes the type and its copies, not a different definition of the fullname', () => {
    const { index, doc } = workspace(files);
    const v1 = doc('v1/Payment.avsc');
    const result = rename(v1, v1.text.indexOf('Money'), 'Amount', index, resolverFor(index, v1), { addAlias: false });
    assert.ok(result.ok, JSON.stringify(result));
    const touched = (result.ok ? result.changes : []).map(c => c.uri.replace('file:///ws/', '')).sort();
    assert.deepEqual(touched, ['v1/Payment.avsc', 'v1/copy/money.avsc', 'v1/order.avsc']);
  });
});

describe('project file: rules, exclude, units', () => {
  const text = JSON.stringify({
    specVersion: '1.11',
    rules: { 'AVRO-101': 'off', 'AVRO-222': 'error' },
    exclude: ['legacy/**'],
    units: [{ name: 'orders', files: 'orders/*.avsc', imports: ['common/*.avsc'] }],
    schemas: [{ files: 'events/**', rules: { 'AVRO-101': 'warning' }, specVersion: '1.12' }],
  });
  const { config, problems } = parseProjectConfig(text, '/ws');
  test('is read without problems', () => assert.deepEqual(problems, []));
  test('rules per glob: later wins, over the top level', () => {
    assert.deepEqual(policyFor(config, 'events/a.avsc').rules, { 'AVRO-101': 'warning', 'AVRO-222': 'error' });
    assert.equal(policyFor(config, 'events/a.avsc').specVersion, '1.12');
    assert.deepEqual(policyFor(config, 'other/a.avsc').rules, { 'AVRO-101': 'off', 'AVRO-222': 'error' });
  });
  test('the project wins over personal settings; the CLI starts from its own defaults (AVRO-306 off)', () => {
    const personal = normalizeSettings({ specVersion: '1.12', severity: { 'AVRO-101': 'error', 'AVRO-242': 'off' } });
    const s = withProjectRules(personal, config, '/ws/other/a.avsc');
    assert.deepEqual(s, { specVersion: '1.11', severity: { 'AVRO-101': 'off', 'AVRO-242': 'off', 'AVRO-222': 'error' } });
    assert.equal(withProjectRules(personal, config, '/elsewhere/a.avsc'), personal, 'files outside the project keep the settings');
    assert.equal(ciSeverityDefaults()['AVRO-306'], 'off');
  });
  test('exclude', () => {
    assert.equal(isExcludedByProject(config, 'legacy/x/a.avsc'), true);
    assert.equal(isExcludedByProject(config, 'orders/a.avsc'), false);
  });
  test('mistakes are problems at their place, and the rest is kept', () => {
    const bad = '{"rules": {"AVRO-999": "off", "AVRO-101": "loud"}, "exclude": 3, "units": [{"imports": ["x"]}, {"files": "a/**", "extra": 1}], "schemas": [{"files": "x", "rules": {"AVRO-101": "off"}, "typo": true}]}';
    const parsed = parseProjectConfig(bad, '/ws');
    assert.deepEqual(parsed.problems.map(p => p.message.replace('avro-studio.json: ', '')), [
      '"rules": unknown code or category "AVRO-999" (codes look like AVRO-242, categories are syntax, structure, names, compatibility, workspace, policy, policy/version, policy/frozen, policy/breaking, policy/placement, policy/naming, policy/doc, policy/optional; docs/rules.md lists them).',
      '"rules.AVRO-101" must be error, warning, info, hint, off, not "loud".',
      '"exclude" must be a glob or an array of globs, relative to avro-studio.json.',
      '"units[0].files" is required: the globs of the files compiled together.',
      '"units[1]": unknown key "extra" (expected files, imports, name).',
      '"schemas[0]": unknown key "typo" (expected files, compatibility, subject, strategy, topic, key, rules, specVersion, policy).',
    ]);
    assert.equal(parsed.config.units.length, 1);
    assert.deepEqual(parsed.config.schemas[0].rules, { 'AVRO-101': 'off' });
    const at = parsed.problems[1];
    assert.equal(bad.substr(at.offset, at.length), '"loud"');
  });
});
