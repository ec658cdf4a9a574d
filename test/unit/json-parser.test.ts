// The JSON tree parser (service/parser/json.ts): fixtures with golden trees and errors, agreement with jsonc-parser, robustness.
//
// Golden files: test/fixtures/json-parser/<case>.jsonc is parsed as is; <case>.expected holds the
// text annotated with every error, comment and duplicate key, then the tree with offsets.
// UPDATE_EXPECT=1 rewrites the .expected files from the current parser (review the diff).
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, type Node as JsoncNode } from 'jsonc-parser';
import {
  MAX_NESTING_DEPTH,
  getProperty,
  parseJson,
  pathAtOffset,
  toPlainValue,
  type JsonParseResult,
  type JsonProperty,
  type JsonSyntaxErrorKind,
  type JsonValue,
} from '../../server/src/service/parser/json';
import { renderAnnotations } from '../helpers/annotations';
import { fixture } from '../helpers/paths';
import { generateSchema, Random } from '../bench/generate';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const DIR = fixture('json-parser');

/** Every error kind; `satisfies` fails to compile when the union gains or loses a member. */
const ALL_KINDS = {
  'unexpected-token': true,
  'value-expected': true,
  'property-name-expected': true,
  'colon-expected': true,
  'comma-expected': true,
  'close-brace-expected': true,
  'close-bracket-expected': true,
  'trailing-comma': true,
  'end-of-file-expected': true,
  'unterminated-string': true,
  'unterminated-comment': true,
  'invalid-number': true,
  'invalid-unicode': true,
  'invalid-escape': true,
  'invalid-character': true,
  'too-deep': true,
  'empty-document': true,
} satisfies Record<JsonSyntaxErrorKind, true>;

function renderNode(text: string, node: JsonValue | JsonProperty, indent: string, out: string[]): void {
  const at = `${node.offset}+${node.length}`;
  switch (node.kind) {
    case 'object':
      out.push(`${indent}object ${at}${node.closed ? '' : ' UNCLOSED'}`);
      for (const p of node.properties) renderNode(text, p, indent + '  ', out);
      return;
    case 'array':
      out.push(`${indent}array ${at}${node.closed ? '' : ' UNCLOSED'}`);
      for (const v of node.items) renderNode(text, v, indent + '  ', out);
      return;
    case 'property': {
      const colon = node.colonOffset >= 0 ? `colon@${node.colonOffset}` : 'NO COLON';
      out.push(`${indent}property ${at} key ${node.key.offset}+${node.key.length} ${JSON.stringify(node.key.value)} ${colon}${node.value ? '' : ' NO VALUE'}`);
      if (node.value) renderNode(text, node.value, indent + '  ', out);
      return;
    }
    case 'number':
      out.push(`${indent}number ${at} ${node.value} ${node.isIntegerLiteral ? 'integer-literal' : 'real-literal'} source ${JSON.stringify(text.substr(node.offset, node.length))}`);
      return;
    case 'string':
      out.push(`${indent}string ${at} ${JSON.stringify(node.value)} source ${JSON.stringify(text.substr(node.offset, node.length))}`);
      return;
    default:
      out.push(`${indent}${node.kind} ${at} ${String(node.value)}`);
  }
}

/** The whole parse result as reviewable text. */
function render(text: string, result: JsonParseResult): string {
  const annotations = [
    ...result.errors.map(e => ({ offset: e.offset, length: e.length, label: `error ${e.kind}${e.silenced ? ' (silenced)' : ''}: ${e.message}` })),
    ...result.comments.map(c => ({ offset: c.offset, length: c.length, label: `comment ${c.block ? 'block' : 'line'}` })),
    ...result.duplicateKeys.map(d => ({
      offset: d.property.key.offset,
      length: d.property.key.length,
      label: `duplicate key ${d.property.key.value}: first at ${d.first.key.offset}+${d.first.key.length}`,
    })),
  ];
  const tree: string[] = [];
  if (result.root) renderNode(text, result.root, '', tree);
  else tree.push('(no root)');
  return `== text, errors, comments, duplicate keys\n${renderAnnotations(text, annotations)}\n== tree\n${tree.join('\n')}\n`;
}

const fixtures = fs.readdirSync(DIR).filter(f => f.endsWith('.jsonc')).sort();
const kindsSeen = new Set<string>();

describe('json parser fixtures', () => {
  for (const file of fixtures) {
    test(file, () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const result = parseJson(text);
      for (const e of result.errors) kindsSeen.add(e.kind);
      const actual = render(text, result);
      const expectedPath = path.join(DIR, file.replace(/\.jsonc$/, '.expected'));
      if (UPDATE) fs.writeFileSync(expectedPath, actual);
      assert.ok(fs.existsSync(expectedPath), `missing ${expectedPath}: run with UPDATE_EXPECT=1 and review it`);
      assert.equal(actual, fs.readFileSync(expectedPath, 'utf8'));
    });
  }
});

describe('depth limit', () => {
  function nested(levels: number): string {
    return '['.repeat(levels) + '"deep"' + ']'.repeat(levels);
  }
  function depthOf(v: JsonValue | undefined): number {
    let d = 0;
    while (v && v.kind === 'array' && v.items.length) {
      d++;
      v = v.items[0];
    }
    return d + (v && v.kind === 'array' ? 1 : 0);
  }

  test(`${MAX_NESTING_DEPTH} levels are built completely`, () => {
    const result = parseJson(nested(MAX_NESTING_DEPTH));
    assert.deepEqual(result.errors, []);
    assert.equal(depthOf(result.root), MAX_NESTING_DEPTH);
  });

  test(`level ${MAX_NESTING_DEPTH + 1} is reported once and skipped, the rest is still read`, () => {
    const text = '[' + nested(MAX_NESTING_DEPTH) + ', ' + nested(MAX_NESTING_DEPTH) + ', "after"]';
    const result = parseJson(text);
    assert.deepEqual(result.errors.map(e => [e.kind, e.offset, e.length]), [['too-deep', MAX_NESTING_DEPTH, 1]]);
    assert.match(result.errors[0].message, /deeper than 1000 levels/);
    const root = result.root;
    assert.ok(root && root.kind === 'array' && root.closed);
    // The two deep siblings are truncated at the limit, the last item is still there.
    assert.equal(root.items.length, 3);
    assert.deepEqual(toPlainValue(root.items[2]), 'after');
    assert.equal(depthOf(root), MAX_NESTING_DEPTH);
  });

  test('a skipped value followed by a missing comma: the comma is expected after the skipped value', () => {
    // The first item of the inner array is too deep, so the array has no item to measure from.
    const text = '{"a": [[1] "x", [2] [3]]}';
    const result = parseJson(text, 2);
    assert.deepEqual(result.errors.map(e => [e.kind, e.offset, e.length]), [
      ['too-deep', 7, 1],
      ['comma-expected', 10, 0],
      ['comma-expected', 19, 0],
    ]);
    assert.deepEqual(toPlainValue(result.root!), { a: ['x'] });
  });

  test('the limit is a parameter', () => {
    const text = '{"a": {"b": {"c": [1]}, "d": 2}, "e": 3}';
    const result = parseJson(text, 2);
    assert.deepEqual(result.errors.map(e => [e.kind, e.offset]), [['too-deep', text.indexOf('{"c"')]]);
    assert.deepEqual(toPlainValue(result.root!), { a: { d: 2 }, e: 3 });
  });
});

/** Compare our tree with jsonc-parser's on valid JSON: same structure, offsets, lengths and values. */
function assertSameAsJsonc(ours: JsonValue, theirs: JsoncNode, where: string): void {
  assert.equal(ours.offset, theirs.offset, `${where}: offset`);
  assert.equal(ours.length, theirs.length, `${where}: length`);
  assert.equal(ours.kind, theirs.type, `${where}: kind`);
  if (ours.kind === 'object') {
    const props = theirs.children ?? [];
    assert.equal(ours.properties.length, props.length, `${where}: property count`);
    ours.properties.forEach((p, i) => {
      const [key, value] = props[i].children!;
      assert.equal(p.offset, props[i].offset, `${where}/${p.key.value}: property offset`);
      assert.equal(p.length, props[i].length, `${where}/${p.key.value}: property length`);
      assert.equal(p.colonOffset, props[i].colonOffset, `${where}/${p.key.value}: colon`);
      assert.equal(p.key.value, key.value);
      assert.equal(p.key.offset, key.offset);
      assert.equal(p.key.length, key.length);
      assertSameAsJsonc(p.value!, value, `${where}/${p.key.value}`);
    });
  } else if (ours.kind === 'array') {
    const items = theirs.children ?? [];
    assert.equal(ours.items.length, items.length, `${where}: item count`);
    ours.items.forEach((v, i) => assertSameAsJsonc(v, items[i], `${where}/${i}`));
  } else {
    assert.equal(ours.value, theirs.value, `${where}: value`);
  }
}

describe('agreement on valid JSON', () => {
  const texts: Array<[string, string]> = [
    ['generated 100 fields (seed 1)', generateSchema({ fields: 100, seed: 1 }).text],
    ['generated 100 fields (seed 2)', generateSchema({ fields: 100, seed: 2 }).text],
    ['fixture valid-schema', fs.readFileSync(path.join(DIR, 'valid-schema.jsonc'), 'utf8')],
    ['fixture crlf', fs.readFileSync(path.join(DIR, 'crlf.jsonc'), 'utf8')],
    ['compact', JSON.stringify(JSON.parse(generateSchema({ fields: 60, seed: 3 }).text))],
  ];
  for (const [name, text] of texts) {
    test(`${name}: same tree as jsonc-parser parseTree`, () => {
      const result = parseJson(text);
      assert.deepEqual(result.errors, []);
      assert.deepEqual(result.comments, []);
      assert.deepEqual(result.duplicateKeys, []);
      assertSameAsJsonc(result.root!, parseTree(text)!, '$');
    });
    test(`${name}: same values as JSON.parse`, () => {
      assert.deepEqual(toPlainValue(parseJson(text).root!), JSON.parse(text));
    });
  }

  test('numbers: integer-ness is decided on the literal, not on the double', () => {
    const root = parseJson('[1, 1.0, 1e2, 1E-2, -0, 12345678901234567890]').root;
    assert.ok(root && root.kind === 'array');
    assert.deepEqual(root.items.map(v => v.kind === 'number' && v.isIntegerLiteral), [true, false, false, false, true, true]);
  });
});

describe('accessors', () => {
  const text = '{"name": "a", "type": {"type": "array", "items": "int"}, "name": "b", "open": [1, {"x": ';
  const result = parseJson(text);
  const root = result.root;

  test('getProperty returns the last duplicate (the one Jackson keeps), or undefined', () => {
    assert.ok(root && root.kind === 'object');
    assert.deepEqual(toPlainValue(getProperty(root, 'name')!.value!), 'b');
    assert.equal(getProperty(root, 'missing'), undefined);
  });

  test('toPlainValue keeps the last duplicate and drops properties without values', () => {
    assert.deepEqual(toPlainValue(root!), { name: 'b', type: { type: 'array', items: 'int' }, open: [1, {}] });
  });

  test('pathAtOffset: a key, a nested value, and inside unclosed containers past their end', () => {
    const kinds = (offset: number): string[] => pathAtOffset(root, offset).map(n => n.kind + (n.kind === 'property' ? ':' + n.key.value : ''));
    assert.deepEqual(kinds(text.indexOf('"name"') + 2), ['object', 'property:name', 'string']);
    assert.deepEqual(kinds(text.indexOf('"int"') + 1), ['object', 'property:type', 'object', 'property:items', 'string']);
    assert.deepEqual(kinds(text.length), ['object', 'property:open', 'array', 'object']);
    assert.deepEqual(pathAtOffset(undefined, 0), []);
    assert.deepEqual(kinds(text.length + 10), ['object', 'property:open', 'array', 'object']);
  });
});

/** Structural invariants that hold for every input, broken or not. */
function checkInvariants(text: string, result: JsonParseResult): void {
  const inText = (offset: number, length: number, what: string): void => {
    assert.ok(offset >= 0 && length >= 0 && offset + length <= text.length, `${what} ${offset}+${length} outside the text (${text.length})`);
  };
  const visit = (node: JsonValue, parentStart: number, parentEnd: number): void => {
    inText(node.offset, node.length, node.kind);
    assert.ok(node.offset >= parentStart && node.offset + node.length <= parentEnd, `${node.kind} at ${node.offset} outside its parent`);
    let previousEnd = node.offset;
    const children: JsonValue[] = [];
    if (node.kind === 'object') {
      for (const p of node.properties) {
        assert.equal(p.offset, p.key.offset);
        assert.equal(p.key.kind, 'string');
        assert.equal(text[p.key.offset], '"');
        assert.ok(p.offset >= previousEnd, 'properties in order');
        if (p.colonOffset >= 0) assert.equal(text[p.colonOffset], ':');
        if (p.value) {
          assert.equal(p.offset + p.length, p.value.offset + p.value.length);
          children.push(p.value);
        }
        previousEnd = p.offset + p.length;
      }
    } else if (node.kind === 'array') {
      for (const v of node.items) {
        assert.ok(v.offset >= previousEnd, 'items in order');
        previousEnd = v.offset + v.length;
        children.push(v);
      }
    }
    if ((node.kind === 'object' || node.kind === 'array') && node.closed) {
      assert.equal(text[node.offset + node.length - 1], node.kind === 'object' ? '}' : ']');
    }
    for (const c of children) visit(c, node.offset, node.offset + node.length);
  };
  if (result.root) visit(result.root, 0, text.length);
  for (const e of result.errors) {
    inText(e.offset, e.length, `error ${e.kind}`);
    assert.ok(e.kind in ALL_KINDS, `unknown error kind ${e.kind}`);
    assert.ok(e.message.length > 10);
  }
  for (const c of result.comments) {
    inText(c.offset, c.length, 'comment');
    assert.equal(text.substr(c.offset, 2), c.block ? '/*' : '//');
  }
  for (const d of result.duplicateKeys) {
    assert.equal(d.first.key.value, d.property.key.value);
    assert.ok(d.first.offset < d.property.offset);
  }
}

describe('robustness', () => {
  const base = generateSchema({ fields: 40, seed: 11 }).text;
  const alphabet = ['{', '}', '[', ']', ':', ',', '"', '/', '*', '\\', 'a', '1', '-', ' ', '\n', 'true', '/*', '//'];

  test('500 random edits of a schema: never throws, every range is inside the text and nested properly', () => {
    const r = new Random(2024);
    let broken = 0;
    for (let i = 0; i < 500; i++) {
      let text = base;
      const edits = r.int(1, 4);
      for (let e = 0; e < edits; e++) {
        const at = r.int(0, text.length);
        const op = r.int(0, 2);
        if (op === 0) text = text.slice(0, at) + r.pick(alphabet) + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + r.int(1, 30));
        else text = text.slice(0, at);
      }
      const result = parseJson(text);
      if (result.errors.length) broken++;
      checkInvariants(text, result);
    }
    assert.ok(broken > 300, `only ${broken} of 500 edited texts had errors: the edits are not exercising recovery`);
  });

  test('every fixture satisfies the invariants', () => {
    for (const file of fixtures) {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      checkInvariants(text, parseJson(text));
    }
  });
});

describe('coverage', () => {
  test('every JsonSyntaxErrorKind is produced by a fixture (too-deep by the depth tests)', () => {
    const missing = Object.keys(ALL_KINDS).filter(k => k !== 'too-deep' && !kindsSeen.has(k));
    assert.deepEqual(missing, []);
  });
});
