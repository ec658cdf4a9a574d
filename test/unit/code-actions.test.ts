// Every quick fix and assist, applied to a fixture and compared with a golden file; the result is validated again.
//
// A case is a folder test/fixtures/code-actions/<case>/ with:
//   before.avsc     the schema, with a $0 cursor (the actions are asked for there, with the
//                   diagnostics whose range holds the cursor, as an editor does)
//   after.avsc      the golden result of the action (UPDATE_EXPECT=1 rewrites it; review the diff)
//   actions.txt     the titles of every action offered at the cursor (golden as well)
//   *.avsc          other files of the workspace (after-<name>.avsc: their golden text when the action edits them;
//                   created-<name>.avsc: a file the action creates)
//   settings.json   optional settings
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCodeActions } from '../../server/src/service/codeActions';
import type { AvroCodeAction, DiagnosticRef } from '../../server/src/service/codeActions/types';
import { applyEdits } from '../../server/src/service/format/edits';
import { detectEol, detectIndentation } from '../../server/src/service/format/indentation';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';
import { extractCursor } from '../helpers/annotations';
import { UPDATE } from '../helpers/checkDiagnostics';
import { fixture } from '../helpers/paths';

const ROOT = fixture('code-actions');
const WS = 'file:///ws/';

interface Case {
  dir: string;
  main: string;
  cursor: number;
  others: Record<string, string>;
  settings: unknown;
}

function load(name: string): Case {
  const dir = path.join(ROOT, name);
  const { text, offset } = extractCursor(fs.readFileSync(path.join(dir, 'before.avsc'), 'utf8'));
  const others: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) {
    if (f.endsWith('.avsc') && f !== 'before.avsc' && f !== 'after.avsc' && !f.startsWith('after-') && !f.startsWith('created-')) {
      others[f] = fs.readFileSync(path.join(dir, f), 'utf8');
    }
  }
  const settingsFile = path.join(dir, 'settings.json');
  const settings = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  return { dir, main: text, cursor: offset, others, settings };
}

function indexOf(texts: Record<string, string>): SchemaIndex {
  const index = new SchemaIndex();
  for (const [name, text] of Object.entries(texts)) index.set(parseAvroDocument(WS + name, text, 1));
  return index;
}

/** The actions an editor gets at the cursor: with the diagnostics whose range holds it. */
function actionsAt(c: Case): { actions: AvroCodeAction[]; diagnostics: AvroDiagnostic[] } {
  const index = indexOf({ 'schema.avsc': c.main, ...c.others });
  const doc = index.get(WS + 'schema.avsc')!;
  const settings = normalizeSettings(c.settings);
  const all = validateDocument(doc, settings, index);
  const diagnostics = all.filter(d => d.offset <= c.cursor && c.cursor <= d.offset + d.length);
  const refs: DiagnosticRef[] = diagnostics.map(d => ({ code: d.code, offset: d.offset, length: d.length, message: d.message, data: JSON.parse(JSON.stringify(d.data ?? null)) ?? undefined }));
  const actions = getCodeActions({
    doc,
    index,
    resolve: resolverFor(index, doc),
    settings,
    offset: c.cursor,
    length: 0,
    diagnostics: refs,
    formatting: { ...detectIndentation(doc.text), eol: detectEol(doc.text) },
  });
  return { actions, diagnostics };
}

function golden(file: string, actual: string): void {
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `${path.relative(ROOT, file)} is missing: run with UPDATE_EXPECT=1 and review it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${path.relative(ROOT, file)} differs`);
}

/**
 * Apply the action titled `title` at the case's cursor, compare every edited document with its
 * golden file, and validate the result: the diagnostic the action fixes is gone, and no code
 * appears that was not there before (except `allowNew`).
 */
function checkCodeAction(name: string, title: string, allowNew: string[] = []): void {
  const c = load(name);
  const { actions, diagnostics } = actionsAt(c);
  golden(path.join(c.dir, 'actions.txt'), actions.map(a => `${a.kind}${a.isPreferred ? ' (preferred)' : ''}: ${a.title}`).join('\n') + '\n');
  const action = actions.find(a => a.title === title);
  assert.ok(action, `no action "${title}"; offered: ${JSON.stringify(actions.map(a => a.title))}`);
  const texts: Record<string, string> = { 'schema.avsc': c.main, ...c.others };
  for (const de of action.edits) {
    assert.ok(de.uri.startsWith(WS), de.uri);
    const file = de.uri.slice(WS.length);
    if (de.create) {
      assert.ok(!(file in texts), `${file} exists already`);
      texts[file] = applyEdits('', de.edits);
      golden(path.join(c.dir, `created-${file}`), texts[file]);
    } else {
      assert.ok(file in texts, `edits of an unknown document ${file}`);
      texts[file] = applyEdits(texts[file], de.edits);
      golden(path.join(c.dir, file === 'schema.avsc' ? 'after.avsc' : `after-${file}`), texts[file]);
    }
  }
  // Validated again: the fixed diagnostic is gone, nothing new appears.
  const index = indexOf(texts);
  const settings = normalizeSettings(c.settings);
  const before = new Set(validateDocument(indexOf({ 'schema.avsc': c.main, ...c.others }).get(WS + 'schema.avsc')!, settings).map(d => d.code));
  for (const file of Object.keys(texts)) {
    const after = validateDocument(index.get(WS + file)!, settings, index);
    if (action.fixes !== undefined && file === 'schema.avsc') {
      const fixed = diagnostics[action.fixes];
      assert.ok(!after.some(d => d.code === fixed.code), `${fixed.code} is still reported after "${title}": ${after.filter(d => d.code === fixed.code).map(d => d.message).join('; ')}`);
    }
    const fresh = after.filter(d => !before.has(d.code) && !allowNew.includes(d.code));
    assert.deepEqual(fresh.map(d => `${file}: ${d.code} ${d.message}`), [], `"${title}" introduced new problems`);
  }
}

describe('quick fixes', () => {
  test('AVRO-242 misspelt namespace of a record: rename the key', () => checkCodeAction('attribute-typo', 'Rename "namspace" to "namespace"'));
  test('AVRO-242 misspelt default of a field: rename the key', () => checkCodeAction('attribute-typo-field', 'Rename "defualt" to "default"'));
  test('AVRO-303 unknown type: each "did you mean" spelling', () => checkCodeAction('unknown-type-suggestion', 'Change to "Money"'));
  test('AVRO-303 unknown type in another namespace: the fullname', () => checkCodeAction('unknown-type-namespace', 'Change to "com.acme.common.Money"'));
  test('AVRO-203 unknown type keyword: the keyword', () => checkCodeAction('unknown-type-keyword', 'Change to "record"'));
  test('AVRO-223 a named type in object form: the name as a string', () => checkCodeAction('named-type-object', 'Write the name as a string: "com.acme.trading.TradeKey"'));
  test('AVRO-108 a registry request body with raw line breaks in its string: the schema it holds, unescaped', () => checkCodeAction('registry-payload', 'Replace the file with the schema it holds (unescaped)'));
  test('AVRO-108 a registry request body on one line: the schema, unescaped and formatted', () => checkCodeAction('registry-payload-escaped', 'Replace the file with the schema it holds (unescaped)'));
  test('AVRO-303 unknown type: define a record at its first use (the cursor is on a later one)', () => checkCodeAction('unknown-type-define-record', 'Define record "Address" at its first use'));
  test('AVRO-303 unknown type: define an enum at its first use', () => checkCodeAction('unknown-type-define-enum', 'Define enum "Status" at its first use'));
  test('AVRO-303 unknown type: create the record in a new file next to the schema', () => checkCodeAction('unknown-type-new-file', 'Create record "Money" in a new file Money.avsc'));
  test('AVRO-303 a logical type written as a type: annotate the underlying type', () => checkCodeAction('unknown-type-logical', 'Write {"type": "long", "logicalType": "timestamp-millis"}'));
  test('AVRO-206 enum default not a symbol: the closest symbol', () => checkCodeAction('enum-default-symbol', 'Change the default to "ACTIVE"'));
  test('AVRO-206 enum default naming a missing symbol: add the symbol (appended)', () => checkCodeAction('enum-default-add-symbol', 'Add "PAUSED" to the symbols of "com.acme.Status"'));
  test('AVRO-220 field default of an enum type: pick a symbol', () => checkCodeAction('field-enum-default', 'Change the default to "EUR"'));
  test('AVRO-220 field default of an enum defined in another file: add the symbol there', () => checkCodeAction('field-enum-default-other-file', 'Add "CHF" to the symbols of "com.acme.common.Currency"'));
  test('AVRO-222 union default matching a later branch: move that branch first', () => checkCodeAction('union-default-reorder', 'Move "string" to the front of the union'));
  test('AVRO-222 in a multi-line union: the layout stays', () => checkCodeAction('union-default-reorder-multiline', 'Move "long" to the front of the union'));
  test('AVRO-240 logicalType on the field: into a type written as a name', () => checkCodeAction('misplaced-logical-type', 'Move "logicalType": "timestamp-millis" into the type'));
  test('AVRO-240 logicalType on a nullable field: into the non-null branch', () => checkCodeAction('misplaced-logical-type-union', 'Move "logicalType": "date" into the union branch'));
  test('AVRO-240 decimal with precision and scale on a multi-line field: into the type object', () => checkCodeAction('misplaced-logical-type-decimal', 'Move "logicalType": "decimal" into the type'));
  test('AVRO-241 default inside the type: moved to the field', () => checkCodeAction('misplaced-default', 'Move "default" to the field "currency"'));
  test('AVRO-241 default inside the type of a field that has one: removed', () => checkCodeAction('misplaced-default-remove', 'Remove the ignored "default"'));
  test('AVRO-220 "default": null on a field that cannot be null: make it nullable', () => checkCodeAction('null-default', 'Make "nickname" optional (nullable)'));
  test('AVRO-220 a number written as a string: without quotes', () => checkCodeAction('default-number', 'Write 42 without quotes'));
  test('AVRO-220 a double default as a string (Java parses it): the number', () => checkCodeAction('default-double-string', 'Write 1.5 without quotes'));
  test('AVRO-304 a type used before its definition: the definition moves to the first use', () => checkCodeAction('forward-reference', 'Move the definition of "com.acme.Money" to its first use'));
  test('AVRO-304 from another namespace: the moved definition keeps its fullname', () => checkCodeAction('forward-reference-namespace', 'Move the definition of "com.acme.common.Money" to its first use'));
  test('AVRO-234 a misspelt logical type: the standard one', () => checkCodeAction('logical-type-typo', 'Change to "timestamp-millis"'));
  test('AVRO-208 a misspelt field order: the valid one', () => checkCodeAction('order-typo', 'Change to "descending"'));
  test('AVRO-102 trailing comma: removed', () => checkCodeAction('trailing-comma', 'Remove the trailing comma'));
  test('AVRO-103 a key written twice: the ignored one is removed, with its line', () => checkCodeAction('duplicate-key', 'Remove the ignored "type"'));
  test('AVRO-205 a duplicate enum symbol: the later one is removed, the order of the others stays', () => checkCodeAction('duplicate-symbol', 'Remove the duplicate symbol "RED"'));
  test('AVRO-211 a duplicate union branch: the later one is removed', () => checkCodeAction('duplicate-branch', 'Remove the duplicate branch "string"'));
});

describe('assists', () => {
  test('a nullable field without default: Add "default": null', () => checkCodeAction('add-default-null', 'Add "default": null to "middle_name"'));
  test('a nullable field whose union starts with another type: null moves first', () => checkCodeAction('add-default-null-reorder', 'Add "default": null to "referrer" (moves "null" first in the union)'));
  test('a multi-line field: the default goes on its own line', () => checkCodeAction('add-default-null-multiline', 'Add "default": null to "shipping"'));
  test('Make field optional: ["null", T] and "default": null', () => checkCodeAction('make-optional', 'Make "email" optional (nullable, default null)'));
  test('Make field optional with a default: the default stays, null goes last', () => checkCodeAction('make-optional-with-default', 'Make "retries" optional (nullable)'));
  test('Make field optional on a union without null: "null" is added first', () => checkCodeAction('make-optional-union', 'Make "id" optional (nullable, default null)'));
  test('Make field optional on a field whose type is a record: the record is wrapped', () => checkCodeAction('make-optional-record', 'Make "address" optional (nullable, default null)'));
});

describe('code actions: what is not offered', () => {
  const at = (text: string, others: Record<string, string> = {}): string[] => {
    const { text: clean, offset } = extractCursor(text);
    return actionsAt({ dir: '', main: clean, cursor: offset, others, settings: {} }).actions.map(a => a.title);
  };

  test('a nullable field with a default: no assist', () => {
    assert.deepEqual(at('{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", "string"], $0"default": null}]}'), []);
  });

  test('the cursor outside any field: no assist', () => {
    assert.deepEqual(at('{"type": "record", $0"name": "R", "fields": [{"name": "a", "type": "string"}]}'), []);
  });

  test('a name that cannot be a type name (a primitive in the wrong case is a suggestion only)', () => {
    const titles = at('{"type": "record", "name": "R", "fields": [{"name": "a", "type": "Strin$0g"}]}');
    assert.ok(titles.includes('Change to "string"'), JSON.stringify(titles));
    assert.ok(titles.every(t => !t.startsWith('Define') || t.includes('"Strin')), JSON.stringify(titles));
  });

  test('no file creation when a file of that name is in the workspace', () => {
    const titles = at('{"type": "record", "name": "R", "fields": [{"name": "a", "type": "Mon$0ey"}]}', { 'Money.avsc': '{"type": "fixed", "name": "Other", "size": 2}' });
    assert.ok(titles.includes('Define record "Money" at its first use'), JSON.stringify(titles));
    assert.ok(!titles.some(t => t.includes('new file')), JSON.stringify(titles));
  });

  test('a stale diagnostic (the text changed under it) gives no rename', () => {
    const { text, offset } = extractCursor('{"type": "record", "name": "R", "$0namspace": "x", "fields": []}');
    const index = indexOf({ 'schema.avsc': text });
    const doc = index.get(WS + 'schema.avsc')!;
    const actions = getCodeActions({
      doc, index, resolve: resolverFor(index, doc), settings: normalizeSettings({}), offset, length: 0,
      diagnostics: [{ code: 'AVRO-242', offset, length: 4, message: '', data: { key: 'namspace', expected: 'namespace', kind: 'record' } }],
      formatting: { tabSize: 2, insertSpaces: true, eol: '\n' },
    });
    assert.deepEqual(actions.map(a => a.title), []);
  });

  test('only: ["refactor"] leaves the quick fixes out', () => {
    const { text, offset } = extractCursor('{"type": "record", "name": "R", "fields": [{"name": "a", "type": "string", "defualt$0": "x"}]}');
    const index = indexOf({ 'schema.avsc': text });
    const doc = index.get(WS + 'schema.avsc')!;
    const settings = normalizeSettings({});
    const diagnostics = validateDocument(doc, settings, index).filter(d => d.offset <= offset && offset <= d.offset + d.length);
    const request = {
      doc, index, resolve: resolverFor(index, doc), settings, offset, length: 0,
      diagnostics: diagnostics.map(d => ({ code: d.code, offset: d.offset, length: d.length, message: d.message, data: d.data })),
      formatting: { tabSize: 2, insertSpaces: true, eol: '\n' },
    };
    assert.deepEqual(getCodeActions(request, ['refactor']).map(a => a.kind), ['refactor.rewrite']);
    assert.deepEqual(getCodeActions(request, ['quickfix']).map(a => a.title), ['Rename "defualt" to "default"']);
  });
});
