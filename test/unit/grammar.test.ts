// The TextMate grammar (syntaxes/avsc.tmLanguage.json), tokenized by VS Code's own engine, against scope annotations in fixtures.
//
// Fixtures: test/fixtures/grammar/*.avsc. Under a line, "   ^^^^ scope.a scope.b -scope.c" says every
// character of the span has scope.a and scope.b in its scope stack and not scope.c.
import { test, describe, before } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as textmate from 'vscode-textmate';
import { stripAnnotations } from '../helpers/annotations';
import { GRAMMAR_PATH, grammarStressLines, loadGrammar } from '../helpers/largeInputs';
import { fixture } from '../helpers/paths';
import { LineIndex } from '../../server/src/service/text';

const FIXTURES = fixture('grammar');

let grammar: textmate.IGrammar;

/** The scope stack of every character of every line, the way VS Code tokenizes the document. */
function scopesPerCharacter(text: string): string[][][] {
  let state = textmate.INITIAL;
  return text.split('\n').map(line => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    const perChar: string[][] = [];
    for (const token of result.tokens) {
      for (let i = token.startIndex; i < Math.min(token.endIndex, line.length); i++) perChar[i] = token.scopes;
    }
    return perChar;
  });
}

interface ScopeExpectation {
  line: number;
  start: number;
  end: number;
  required: string[];
  forbidden: string[];
}

function expectations(file: string): { text: string; expected: ScopeExpectation[] } {
  const { text, annotations } = stripAnnotations(fs.readFileSync(file, 'utf8'));
  const index = new LineIndex(text);
  const expected = annotations.map(a => {
    const start = index.positionAt(a.offset);
    const end = index.positionAt(a.offset + a.length);
    assert.equal(end.line, start.line, `${path.basename(file)}: a scope annotation must stay on one line (line ${start.line + 1})`);
    const words = a.label.split(/\s+/).filter(Boolean);
    return {
      line: start.line,
      start: start.character,
      end: end.character,
      required: words.filter(w => !w.startsWith('-')),
      forbidden: words.filter(w => w.startsWith('-')).map(w => w.slice(1)),
    };
  });
  return { text, expected };
}

before(async () => {
  grammar = await loadGrammar();
});

describe('grammar fixtures', () => {
  const files = fs.readdirSync(FIXTURES).filter(f => f.endsWith('.avsc')).sort();
  test('there are fixtures', () => assert.ok(files.length >= 5, `only ${files.length} grammar fixtures`));
  for (const name of files) {
    test(name, () => {
      const { text, expected } = expectations(path.join(FIXTURES, name));
      assert.ok(expected.length > 0, `${name} has no scope annotations`);
      const scopes = scopesPerCharacter(text);
      const lines = text.split('\n');
      const failures: string[] = [];
      for (const e of expected) {
        for (let ch = e.start; ch < e.end; ch++) {
          const stack = scopes[e.line][ch] ?? [];
          const missing = e.required.filter(s => !stack.includes(s));
          const present = e.forbidden.filter(s => stack.includes(s));
          if (missing.length || present.length) {
            failures.push(`${name}:${e.line + 1}:${ch + 1} ${JSON.stringify(lines[e.line].slice(e.start, e.end))} at ${JSON.stringify(lines[e.line][ch])}: ` +
              (missing.length ? `missing ${missing.join(', ')} ` : '') + (present.length ? `unexpected ${present.join(', ')} ` : '') +
              `(scopes: ${stack.join(' ')})`);
            break;
          }
        }
      }
      assert.deepEqual(failures, []);
    });
  }
});

describe('grammar shape', () => {
  const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8'));

  test('every include points at a repository rule', () => {
    const missing: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === 'include' && typeof v === 'string' && v.startsWith('#') && !(v.slice(1) in raw.repository)) missing.push(v);
          walk(v);
        }
      }
    };
    walk(raw);
    assert.deepEqual(missing, []);
  });

  test('every scope name ends in .avro, so themes and other grammars can tell Avro tokens apart', () => {
    const wrong: string[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if ((k === 'name' || k === 'contentName') && typeof v === 'string' && node !== raw) {
            for (const scope of v.split(/\s+/)) if (!scope.endsWith('.avro')) wrong.push(scope);
          }
          walk(v);
        }
      }
    };
    walk(raw.repository);
    assert.deepEqual(wrong, []);
  });

  // A guard against pathological (backtracking) patterns: how long it takes is measured by
  // `npm run bench` (section "limits"); here, that the last line is still tokenized in context.
  test('a 10,000-field schema (1.4 MB) tokenizes, and its last line still in context', () => {
    const lines = grammarStressLines(10_000);
    const last = lines.findIndex(l => l.includes('"f9999"'));
    let state = textmate.INITIAL;
    let stateBeforeLast = state;
    // tokenizeLine2 (binary tokens) is what VS Code's background tokenizer calls.
    lines.forEach((line, i) => {
      if (i === last) stateBeforeLast = state;
      state = grammar.tokenizeLine2(line, state).ruleStack;
    });
    const { tokens } = grammar.tokenizeLine(lines[last], stateBeforeLast);
    const col = lines[last].indexOf('"timestamp-millis"');
    const token = tokens.find(t => t.startIndex <= col && col < t.endIndex);
    assert.ok(token?.scopes.includes('storage.modifier.logical-type.avro'), `last field: ${token?.scopes.join(' ')}`);
  });
});
