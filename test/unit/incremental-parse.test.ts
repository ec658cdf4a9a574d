// Incremental re-parse (service/model/incremental.ts): after thousands of random edits, tree, model, diagnostics and canonical form equal a full parse.
//
// Each run types into a generated schema edit after edit, the way an editor sends them: every
// edit is applied to the previous version incrementally (reparseAvroDocument) and the result is
// compared, rendered to text, with parseAvroDocument of the same text: the JSON tree with every
// offset, the syntax errors, comments and duplicate keys, the whole model (schemas, named types,
// definitions, references, fields, foreign properties, model diagnostics) and the diagnostics of
// every rule. The runs must also take the incremental path often (or they would test nothing).
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import type { JsonProperty, JsonValue } from '../../server/src/service/parser/json';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { reparseAvroDocument, type TextChange } from '../../server/src/service/model/incremental';
import { SchemaIndex, resolverFor } from '../../server/src/service/model/schemaIndex';
import { canonicalForm } from '../../server/src/service/model/canonical';
import type { AvroDocument, AvroSchema } from '../../server/src/service/model/types';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { LineIndex } from '../../server/src/service/text';
import { generateSchema, Random } from '../bench/generate';

const span = (n: { offset: number; length: number } | undefined): string => (n ? `${n.offset}+${n.length}` : '-');

function renderTree(n: JsonValue | JsonProperty | undefined, out: string[]): void {
  if (!n) {
    out.push('-');
    return;
  }
  switch (n.kind) {
    case 'object':
      out.push(`{ ${span(n)}${n.closed ? '' : ' unclosed'}`);
      for (const p of n.properties) renderTree(p, out);
      out.push('}');
      return;
    case 'array':
      out.push(`[ ${span(n)}${n.closed ? '' : ' unclosed'}`);
      for (const v of n.items) renderTree(v, out);
      out.push(']');
      return;
    case 'property':
      out.push(`property ${span(n)} key ${span(n.key)} ${JSON.stringify(n.key.value)} colon ${n.colonOffset}`);
      renderTree(n.value, out);
      return;
    case 'number':
      out.push(`number ${span(n)} ${Object.is(n.value, -0) ? '-0' : n.value} ${n.isIntegerLiteral}`);
      return;
    default:
      out.push(`${n.kind} ${span(n)} ${JSON.stringify(n.value)}`);
  }
}

function schemaLine(s: AvroSchema | undefined): string {
  if (!s) return '-';
  const base = `${s.kind} ${span(s.node)} depth ${s.depth} ${s.logicalType ? `${s.logicalType.name} ${span(s.logicalType.property)} ${span(s.logicalType.precision)} ${span(s.logicalType.scale)}` : ''}`;
  switch (s.kind) {
    case 'primitive': return `${base} ${s.type}`;
    case 'record': return `${base} ${s.fullname} fields ${s.fields.length} ${span(s.fieldsNode)} ${s.isError}`;
    case 'enum': return `${base} ${s.fullname} ${s.symbols.map(x => `${x.name}@${span(x.node)}`).join(',')} ${span(s.symbolsNode)} ${span(s.defaultProperty)}`;
    case 'fixed': return `${base} ${s.fullname} ${s.size} ${span(s.sizeProperty)}`;
    case 'array': return `${base} items ${span(s.items?.node)} ${span(s.itemsProperty)}`;
    case 'map': return `${base} values ${span(s.values?.node)} ${span(s.valuesProperty)}`;
    case 'union': return `${base} ${s.branches.map(b => span(b.node)).join(',')}`;
    case 'reference': return `${base} ${s.name} ${s.candidates.join(',')} ${s.enclosingNamespace} ${span(s.nameNode)}`;
    case 'invalid': return base;
  }
}

/** Everything a document holds, as text. */
function render(doc: AvroDocument): string {
  const out: string[] = [`text ${doc.text.length} version ${doc.version}`];
  renderTree(doc.json.root, out);
  out.push(`errors ${JSON.stringify(doc.json.errors)}`);
  out.push(`comments ${JSON.stringify(doc.json.comments)}`);
  out.push(`duplicates ${doc.json.duplicateKeys.map(d => `${span(d.property)}/${span(d.first)}`).join(' ')}`);
  out.push(`root ${schemaLine(doc.root)}`);
  for (const s of doc.schemas) out.push(`schema ${schemaLine(s)}`);
  for (const t of doc.namedTypes) {
    out.push(`named ${t.fullname} ${t.name} ${t.namespace} ${span(t.nameNode)} ${span(t.namespaceNode)} ${t.aliases.map(a => `${a.fullname}@${span(a.node)}`).join(',')} ${JSON.stringify(t.doc)} ${t.hasValidName} ${t.uri}`);
  }
  out.push(`definitions ${[...doc.definitions].map(([k, v]) => `${k}=${span(v.node)}`).join(' ')}`);
  for (const r of doc.references) out.push(`reference ${schemaLine(r)}`);
  for (const f of doc.fields) {
    out.push(`field ${f.record.fullname}@${span(f.record.node)} #${f.index} ${f.name} ${span(f.node)} ${span(f.nameNode)} ${schemaLine(f.type)} ${span(f.typeProperty)} ${span(f.defaultProperty)} ${f.order} ${span(f.orderProperty)} ${f.aliases.map(a => `${a.name}@${span(a.node)}`).join(',')} ${JSON.stringify(f.doc)}`);
    assert.ok(f.record.fields[f.index] === f, `field ${f.name} is not at its index in its record`);
  }
  for (const p of doc.foreignProperties) out.push(`foreign ${span(p.property)} ${p.kind} ${span(p.owner)} ${p.field ? `${p.field.name}#${p.field.index}` : ''}`);
  out.push(`model diagnostics ${JSON.stringify(doc.diagnostics)}`);
  const index = new SchemaIndex();
  index.set(doc);
  // The canonical form reuses the text of unchanged runs of fields (model/canonical.ts): it must not show.
  // With the document's cache: runs written for an earlier version are handed on (model/documentCache.ts).
  if (doc.root) out.push(`canonical form ${JSON.stringify(canonicalForm(doc.root, resolverFor(index, doc), doc.cache))}`);
  out.push(`diagnostics ${JSON.stringify(validateDocument(doc, DEFAULT_SETTINGS, index))}`);
  return out.join('\n');
}

/** What a user types: single characters most of the time, sometimes a paste or a deleted selection. */
const TYPED = [
  'a', 'x', '_', '1', '0', ' ', '\n', '"', ':', ',', '{', '}', '[', ']', '-', '.', 'e', '\\', '/', '*', 'é',
  '"name"', '"type"', '"default"', ': ', '"string"', '["null", "string"]', 'null', 'true', '12345678901234567', '1.5',
  '{"name": "added", "type": "int"}', '{"type": "record", "name": "Inner", "fields": []}', '"aliases": ["old"]',
  '"logicalType": "decimal"', '"order": "ignore"', '"custom": 1', '// note\n', '/* c */', '"doc": "text"',
  '{"type": "enum", "name": "Dup", "symbols": ["A"]}', '"name": "Dup"',
];

/** A random edit of `text`: mostly inside a field of the root record (where typing happens), sometimes anywhere. */
function randomEdit(r: Random, text: string, doc: AvroDocument): { change: TextChange; text: string } {
  let start: number;
  const fields = doc.root?.kind === 'record' ? doc.root.fields : [];
  if (fields.length && r.chance(0.85)) {
    const f = r.pick(fields);
    start = r.int(f.node.offset + 1, f.node.offset + f.node.length - 1);
  } else {
    start = r.int(0, text.length);
  }
  const deleted = r.chance(0.35) ? Math.min(text.length - start, r.chance(0.8) ? r.int(1, 3) : r.int(1, 60)) : 0;
  const inserted = deleted > 0 && r.chance(0.5) ? '' : r.pick(TYPED);
  const next = text.slice(0, start) + inserted + text.slice(start + deleted);
  return { change: { start, oldEnd: start + deleted, newEnd: start + inserted.length }, text: next };
}

function run(seed: number, fields: number, edits: number): { incremental: number; full: number } {
  const r = new Random(seed);
  let text = generateSchema({ fields, seed }).text;
  let doc = parseAvroDocument('file:///edited.avsc', text, 1);
  const counts = { incremental: 0, full: 0 };
  for (let i = 0; i < edits; i++) {
    const edit = randomEdit(r, text, doc);
    // Typing goes back to a valid text now and then: undo all edits.
    if (i % 25 === 24) {
      const original = generateSchema({ fields, seed }).text;
      edit.change = { start: 0, oldEnd: text.length, newEnd: original.length };
      edit.text = original;
    }
    const version = i + 2;
    const result = reparseAvroDocument(doc, edit.text, version, edit.change);
    counts[result.kind]++;
    const expected = render(parseAvroDocument('file:///edited.avsc', edit.text, version));
    const actual = render(result.doc);
    if (actual !== expected) {
      const a = actual.split('\n');
      const e = expected.split('\n');
      const line = a.findIndex((l, j) => l !== e[j]);
      assert.fail(`seed ${seed}, edit ${i} (${result.kind}) ${JSON.stringify(edit.change)} inserting ${JSON.stringify(edit.text.slice(edit.change.start, edit.change.newEnd))}: first difference at line ${line}:\n  incremental: ${a[line]}\n  full parse:  ${e[line]}`);
    }
    text = edit.text;
    doc = result.doc;
  }
  return counts;
}

describe('incremental re-parse equals a full parse', () => {
  const seeds = [1, 2, 3, 4, 5, 6, 7, 8];
  let incremental = 0;
  let full = 0;
  for (const seed of seeds) {
    test(`seed ${seed}: 500 random edits of a ${10 + seed * 5}-field schema`, () => {
      const counts = run(seed, 10 + seed * 5, 500);
      incremental += counts.incremental;
      full += counts.full;
    });
  }
  test('most edits took the incremental path', () => {
    assert.equal(incremental + full, seeds.length * 500);
    assert.ok(incremental > (incremental + full) / 3, `only ${incremental} of ${incremental + full} edits were incremental`);
  });
});

describe('a previous version stays valid and unchanged after re-parses (versions share, never mutate)', () => {
  for (const seed of [11, 12, 13]) {
    test(`seed ${seed}: every kept version still equals a fresh parse of its own text after 300 later edits`, () => {
      const r = new Random(seed);
      const fields = 20 + seed;
      let text = generateSchema({ fields, seed }).text;
      let doc = parseAvroDocument('file:///kept.avsc', text, 1);
      // Rendered right after it was produced, then again at the end: held across later re-parses
      // (as the registry code holds a document across network awaits), a version must not move.
      const kept: Array<{ doc: AvroDocument; rendered: string }> = [{ doc, rendered: render(doc) }];
      let incremental = 0;
      for (let i = 0; i < 300; i++) {
        const edit = randomEdit(r, text, doc);
        if (i % 25 === 24) {
          const original = generateSchema({ fields, seed }).text;
          edit.change = { start: 0, oldEnd: text.length, newEnd: original.length };
          edit.text = original;
        }
        const result = reparseAvroDocument(doc, edit.text, i + 2, edit.change);
        if (result.kind === 'incremental') incremental++;
        text = edit.text;
        doc = result.doc;
        if (i % 10 === 0) kept.push({ doc, rendered: render(doc) });
      }
      assert.ok(incremental > 100, `only ${incremental} of 300 edits were incremental`);
      for (const k of kept) {
        assert.equal(render(k.doc), k.rendered, `version ${k.doc.version} changed after later re-parses`);
        assert.equal(k.rendered, render(parseAvroDocument('file:///kept.avsc', k.doc.text, k.doc.version)), `version ${k.doc.version} is not a parse of its text`);
      }
    });
  }
});

describe('edits the incremental path must refuse', () => {
  const base = '{"type": "record", "name": "R", "fields": [\n  {"name": "a", "type": "int"},\n  {"name": "b", "type": "string"}\n]}';
  const at = (needle: string, after = 0): number => base.indexOf(needle) + after;
  const cases: Array<{ name: string; change: TextChange; inserted: string; kind: 'incremental' | 'full' }> = [
    { name: 'a character typed inside a field', change: { start: at('"int"', 1), oldEnd: at('"int"', 1), newEnd: at('"int"', 2) }, inserted: 'x', kind: 'incremental' },
    { name: 'a field\'s closing brace deleted', change: { start: at('"int"}', 5), oldEnd: at('"int"}', 6), newEnd: at('"int"}', 5) }, inserted: '', kind: 'full' },
    { name: 'text typed between two fields', change: { start: at('},\n', 2), oldEnd: at('},\n', 2), newEnd: at('},\n', 3) }, inserted: 'x', kind: 'full' },
    { name: 'a line break typed between two fields (Enter at the end of a field)', change: { start: at('},\n', 2), oldEnd: at('},\n', 2), newEnd: at('},\n', 7) }, inserted: '\n    ', kind: 'incremental' },
    { name: 'white space typed before the first field', change: { start: at('[', 1), oldEnd: at('[', 1), newEnd: at('[', 2) }, inserted: ' ', kind: 'incremental' },
    { name: 'white space typed after the last field', change: { start: at('}\n]', 1), oldEnd: at('}\n]', 1), newEnd: at('}\n]', 2) }, inserted: ' ', kind: 'incremental' },
    { name: 'a comma typed after the last field (a trailing comma)', change: { start: at('}\n]', 1), oldEnd: at('}\n]', 1), newEnd: at('}\n]', 2) }, inserted: ',', kind: 'full' },
    { name: 'the comma between two fields deleted', change: { start: at('},\n', 1), oldEnd: at('},\n', 2), newEnd: at('},\n', 1) }, inserted: '', kind: 'full' },
    { name: 'an unclosed string inside a field (it runs past the field)', change: { start: at('"a"', 1), oldEnd: at('"a"', 1), newEnd: at('"a"', 2) }, inserted: '"', kind: 'full' },
    { name: 'an opening brace inside a field (the field no longer closes where it did)', change: { start: at('"int"', 0), oldEnd: at('"int"', 0), newEnd: at('"int"', 1) }, inserted: '{', kind: 'full' },
    { name: 'the record name', change: { start: at('"R"', 1), oldEnd: at('"R"', 2), newEnd: at('"R"', 2) }, inserted: 'S', kind: 'full' },
  ];
  for (const c of cases) {
    test(`${c.name}: ${c.kind} parse, same result as parseAvroDocument`, () => {
      const previous = parseAvroDocument('file:///r.avsc', base, 1);
      const text = base.slice(0, c.change.start) + c.inserted + base.slice(c.change.oldEnd);
      const result = reparseAvroDocument(previous, text, 2, c.change);
      assert.equal(result.kind, c.kind);
      assert.equal(render(result.doc), render(parseAvroDocument('file:///r.avsc', text, 2)));
    });
  }
});

describe('silenced syntax errors (one error per region) stay as a full parse has them', () => {
  test('an error typed in a field silences the text after the root: full parse', () => {
    const base = '{"type": "record", "name": "R", "fields": [\n  {"name": "a", "type": "int"}\n]} "extra"';
    const previous = parseAvroDocument('file:///r.avsc', base, 1);
    assert.equal(previous.json.errors.filter(e => !e.silenced).length, 1, 'the text after the root is reported while nothing comes before it');
    const start = base.indexOf('"int"') + 5;
    const text = base.slice(0, start) + ' 7' + base.slice(start);
    const result = reparseAvroDocument(previous, text, 2, { start, oldEnd: start, newEnd: start + 2 });
    assert.equal(result.kind, 'full');
    assert.equal(render(result.doc), render(parseAvroDocument('file:///r.avsc', text, 2)));
    assert.deepEqual(result.doc.json.errors.filter(e => !e.silenced).map(e => e.kind), ['comma-expected']);
  });
  test('an error in the root object silences errors typed in a field: full parse', () => {
    const base = '{"type": "record" "name": "R", "fields": [\n  {"name": "a", "type": "int"}\n]}';
    const previous = parseAvroDocument('file:///r.avsc', base, 1);
    const start = base.indexOf('"int"') + 1;
    const text = base.slice(0, start) + '"' + base.slice(start);
    const result = reparseAvroDocument(previous, text, 2, { start, oldEnd: start, newEnd: start + 1 });
    assert.equal(result.kind, 'full');
    assert.equal(render(result.doc), render(parseAvroDocument('file:///r.avsc', text, 2)));
  });
});

describe('line index after an edit', () => {
  test('LineIndex.edited equals a new LineIndex after 5,000 random edits with \\n, \\r and \\r\\n', () => {
    const r = new Random(99);
    const pieces = ['a', 'bc', '\n', '\r', '\r\n', '\n\r', ' ', 'xyz\n'];
    let text = 'first\nsecond\r\nthird\rfourth\n';
    let index = new LineIndex(text);
    for (let i = 0; i < 5000; i++) {
      const start = r.int(0, text.length);
      const deleted = r.chance(0.5) ? Math.min(text.length - start, r.int(0, 4)) : 0;
      let inserted = '';
      for (let n = r.int(0, 3); n > 0; n--) inserted += r.pick(pieces);
      const next = text.slice(0, start) + inserted + text.slice(start + deleted);
      index = LineIndex.edited(index, next, { start, oldEnd: start + deleted, newEnd: start + inserted.length });
      const expected = new LineIndex(next);
      assert.equal(index.lineCount, expected.lineCount, `edit ${i}`);
      for (let offset = 0; offset <= next.length; offset++) assert.deepEqual(index.positionAt(offset), expected.positionAt(offset), `edit ${i}, offset ${offset}`);
      text = next.length > 400 ? next.slice(0, 200) : next;
      if (text !== next) index = new LineIndex(text);
    }
  });
});
