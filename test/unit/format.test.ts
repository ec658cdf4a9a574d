// Formatting: golden files per indentation style and key order, idempotence on every fixture and example, range formatting, large schemas (their timing: npm run bench).
//
// A case is a folder test/fixtures/format/<case>/ with input.avsc and one golden file per variant
// (2-spaces.avsc, 4-spaces.avsc, tabs.avsc, sorted.avsc); UPDATE_EXPECT=1 rewrites them for review.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { formatDocument, formatText, type FormatOptions } from '../../server/src/service/format';
import { tokenize } from '../../server/src/service/format/tokens';
import { detectIndentation } from '../../server/src/service/format/indentation';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { canonicalForm } from '../../server/src/service/model/canonical';
import { resolverFor } from '../../server/src/service/model/schemaIndex';
import { parseJson, toPlainValue } from '../../server/src/service/parser/json';
import { UPDATE } from '../helpers/checkDiagnostics';
import { FIXTURES, REPO_ROOT, fixture } from '../helpers/paths';
import { bigSchema } from '../helpers/largeInputs';

const VARIANTS: Record<string, FormatOptions> = {
  '2-spaces': { tabSize: 2, insertSpaces: true },
  '4-spaces': { tabSize: 4, insertSpaces: true },
  tabs: { tabSize: 4, insertSpaces: false },
  sorted: { tabSize: 2, insertSpaces: true, sortKeys: true },
};

const CASES = fs.readdirSync(fixture('format')).filter(d => fs.existsSync(fixture('format', d, 'input.avsc'))).sort();

function golden(file: string, actual: string): void {
  if (UPDATE) {
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `${path.relative(FIXTURES, file)} is missing: run with UPDATE_EXPECT=1 and review it`);
  assert.equal(actual, fs.readFileSync(file, 'utf8'), `${path.relative(FIXTURES, file)} differs`);
}

/** The tokens of a text, as strings (whitespace excluded; the indentation inside block comments too, as it follows the comment). */
function tokensOf(text: string): string[] {
  const t = tokenize(text);
  const out: string[] = [];
  for (let i = 0; i < t.count; i++) out.push(text.slice(t.start[i], t.end[i]).replace(/(\r\n|\r|\n)[ \t]*/g, '$1'));
  return out;
}

describe('formatting: golden files', () => {
  for (const name of CASES) {
    test(name, () => {
      const input = fs.readFileSync(fixture('format', name, 'input.avsc'), 'utf8');
      for (const [variant, options] of Object.entries(VARIANTS)) {
        golden(fixture('format', name, `${variant}.avsc`), formatText(input, options));
      }
    });
  }

  test('CRLF documents keep CRLF: the same result as LF, line break for line break', () => {
    for (const name of CASES) {
      const input = fs.readFileSync(fixture('format', name, 'input.avsc'), 'utf8');
      const lf = formatText(input, VARIANTS['2-spaces']);
      const crlf = formatText(input.replace(/\n/g, '\r\n'), VARIANTS['2-spaces']);
      assert.equal(crlf, lf.replace(/\n/g, '\r\n'), name);
    }
  });

  test('an explicit line break overrides the document\'s', () => {
    assert.equal(formatText('{\n"type": "record", "name": "R", "fields": []}', { tabSize: 2, insertSpaces: true, eol: '\r\n' }), '{\r\n  "type": "record",\r\n  "name": "R",\r\n  "fields": []\r\n}');
  });

  test('a document with an unterminated string is left alone, with the reason', () => {
    const result = formatDocument(fs.readFileSync(fixture('format', 'unterminated-string', 'input.avsc'), 'utf8'), VARIANTS['2-spaces']);
    assert.deepEqual(result.edits, []);
    assert.match(result.skipped ?? '', /unterminated string/);
  });

  test('the hand-formatted house style (long one-line fields) is already formatted: no edit', () => {
    const input = fs.readFileSync(fixture('format', 'house-style', 'input.avsc'), 'utf8');
    assert.deepEqual(formatDocument(input, VARIANTS['2-spaces']).edits, []);
  });

  test('final line break: kept, added with insertFinalNewline, extra ones trimmed', () => {
    const o = VARIANTS['2-spaces'];
    assert.equal(formatText('"string"', o), '"string"');
    assert.equal(formatText('"string"\n\n\n', o), '"string"\n');
    assert.equal(formatText('"string"', { ...o, insertFinalNewline: true }), '"string"\n');
  });

  test('only whitespace changes: between tokens, and the indentation of a doc comment\'s " * " lines', () => {
    const input = fs.readFileSync(fixture('format', 'comments', 'input.avsc'), 'utf8');
    const edits = formatDocument(input, VARIANTS['4-spaces']).edits;
    for (const e of edits) {
      const old = input.slice(e.offset, e.offset + e.length);
      if (old.startsWith('/*')) assert.equal(e.newText.replace(/\n[ \t]*/g, '\n'), old.replace(/\n[ \t]*/g, '\n'));
      else assert.match(old, /^\s*$/, `edit at ${e.offset}`);
      if (!old.startsWith('/*')) assert.match(e.newText, /^\s*$/);
    }
    assert.ok(edits.some(e => e.newText.includes('\n         * Money')), 'the doc comment lines follow its new indentation');
  });
});

/** Every schema file of the repository's fixtures and examples (and the broken JSON of the parser fixtures). */
function corpus(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(avsc|jsonc)$/.test(e.name)) out.push(p);
    }
  };
  walk(FIXTURES);
  walk(path.join(REPO_ROOT, 'examples'));
  return out.sort();
}

describe('formatting: idempotent and lossless on every fixture and example', () => {
  const files = corpus();

  test(`the corpus is not empty (${files.length} files)`, () => {
    assert.ok(files.length > 100);
    assert.ok(files.some(f => f.includes(`${path.sep}examples${path.sep}`)));
  });

  for (const [variant, options] of Object.entries(VARIANTS)) {
    test(`${variant}: formatting twice equals formatting once; the tokens are the same${options.sortKeys ? ' up to key order, and the meaning too' : ''}`, () => {
      const failures: string[] = [];
      for (const file of files) {
        const rel = path.relative(REPO_ROOT, file);
        // The annotated fixtures hold expectation lines under the text: format them as they are.
        const text = fs.readFileSync(file, 'utf8');
        const once = formatText(text, options);
        const twice = formatText(once, options);
        if (twice !== once) failures.push(`${rel}: not idempotent`);
        if (!options.sortKeys) {
          if (tokensOf(once).join('\u0000') !== tokensOf(text).join('\u0000')) failures.push(`${rel}: tokens changed`);
        } else {
          assert.deepEqual(tokensOf(once).sort(), tokensOf(text).sort(), `${rel}: the same tokens`);
          const before = parseJson(text);
          if (before.errors.length === 0 && before.root) {
            assert.deepStrictEqual(toPlainValue(parseJson(once).root!), toPlainValue(before.root), `${rel}: the same JSON value`);
            const a = parseAvroDocument('file:///a.avsc', text);
            const b = parseAvroDocument('file:///a.avsc', once);
            if (a.root && b.root) assert.equal(canonicalForm(b.root, resolverFor(undefined, b)).text, canonicalForm(a.root, resolverFor(undefined, a)).text, `${rel}: the same Parsing Canonical Form`);
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

/** A text with «» around the selection. */
function formatSelection(marked: string, options: FormatOptions = VARIANTS['2-spaces']): string {
  const start = marked.indexOf('«');
  const end = marked.indexOf('»') - 1;
  const text = marked.replace('«', '').replace('»', '');
  return formatText(text, options, { offset: start, length: end - start });
}

describe('range formatting', () => {
  const doc = (fields: string): string => `{\n"type": "record",\n      "name": "R",\n  "fields": [\n${fields}\n  ]\n}\n`;

  test('a selection inside one field formats that field only', () => {
    assert.equal(
      formatSelection(doc('      {"name":"a",   "type":"int"},\n      {"name":"b", «"type»":  "long"},\n  {"name":"c",   "type":"int"}')),
      doc('      {"name":"a",   "type":"int"},\n      {"name":"b", "type": "long"},\n  {"name":"c",   "type":"int"}'),
    );
  });

  test('a selection across two fields formats both whole fields, and nothing around them', () => {
    assert.equal(
      formatSelection(doc('      {"name":"a",   «"type":"int"},\n      {"name"»:"b",\n   "type":  "long"},\n  {"name":"c",   "type":"int"}')),
      doc('      {"name": "a", "type": "int"},\n      {"name": "b", "type": "long"},\n  {"name":"c",   "type":"int"}'),
    );
  });

  test('a selected property whose value spans lines is indented from the line it starts on', () => {
    assert.equal(
      formatSelection('{\n"type": "record",\n  «"fields"»: [\n{"name": "a",\n"type": "int"},\n      {"name":"b","type":"long"}\n]\n}'),
      '{\n"type": "record",\n  "fields": [\n    {"name": "a", "type": "int"},\n    {"name": "b", "type": "long"}\n  ]\n}',
    );
  });

  test('selecting the whole document formats everything but the final line break', () => {
    const text = doc('      {"name":"a",   "type":"int"}');
    assert.equal(formatSelection(`«${text}»`), formatText(text, VARIANTS['2-spaces']));
  });

  test('a selection in whitespace between tokens changes nothing', () => {
    assert.equal(formatSelection('{"type":  "record", «  »"name":"R", "fields": []}'), '{"type":  "record",   "name":"R", "fields": []}');
  });

  test('with sortKeys, the objects inside the selection are sorted, the others not', () => {
    assert.equal(
      formatSelection('{"name": "R", "type": "record", "fields": [\n  {«"type": "int", "name": "a"»},\n  {"type": "long", "name": "b"}\n]}', VARIANTS.sorted),
      '{"name": "R", "type": "record", "fields": [\n  {"name": "a", "type": "int"},\n  {"type": "long", "name": "b"}\n]}',
    );
  });
});

describe('indentation detection (for edits that insert lines)', () => {
  test('spaces by the most common step, tabs by majority, a default for one-liners', () => {
    assert.deepEqual(detectIndentation('{\n  "a": {\n    "b": 1\n  }\n}'), { tabSize: 2, insertSpaces: true });
    assert.deepEqual(detectIndentation('{\n    "a": {\n        "b": 1\n    }\n}'), { tabSize: 4, insertSpaces: true });
    assert.deepEqual(detectIndentation('{\n\t"a": {\n\t\t"b": 1\n\t}\n}'), { tabSize: 2, insertSpaces: false });
    assert.deepEqual(detectIndentation('{"a": 1}'), { tabSize: 2, insertSpaces: true });
  });
});

describe('formatting: large schemas', () => {
  // How long this takes is measured by `npm run bench` (section "limits"), not asserted here.
  test('10,000 fields: a minified schema is formatted, then formatting it again finds nothing to do', () => {
    const minified = bigSchema(10_000);
    const pretty = formatText(minified, VARIANTS['2-spaces']);
    const again = formatDocument(pretty, VARIANTS['2-spaces']);
    const reindented = formatDocument(pretty, VARIANTS['4-spaces']);
    assert.deepEqual(again.edits, []);
    assert.ok(pretty.includes('\n    {"name": "f9999", "type": {"type": "long", "logicalType": "timestamp-millis"}}\n  ]\n}'), pretty.slice(-300));
    assert.ok(reindented.edits.length > 0, 'a different indentation is an edit');
  });
});
