// Data-driven validation tests: every fixture under test/fixtures/validation is checked against its annotations.
//
// Layout: validation/<rule>/<case>.avsc (one file) or validation/<rule>/<case>/ (files validated
// together as one workspace). Settings for a case: <case>.settings.json or <case>/settings.json.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDiagnosticsFixture } from '../helpers/checkDiagnostics';
import { fixture } from '../helpers/paths';
import { CODE_INFO } from '../../server/src/service/codes';

const ROOT = fixture('validation');

interface Case {
  rule: string;
  name: string;
  path: string;
  settings: unknown;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const rule of fs.readdirSync(ROOT).sort()) {
    const dir = path.join(ROOT, rule);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const entry of fs.readdirSync(dir).sort()) {
      const p = path.join(dir, entry);
      if (entry.endsWith('.settings.json')) continue;
      if (fs.statSync(p).isDirectory()) {
        const s = path.join(p, 'settings.json');
        out.push({ rule, name: entry, path: p, settings: fs.existsSync(s) ? JSON.parse(fs.readFileSync(s, 'utf8')) : {} });
      } else if (entry.endsWith('.avsc')) {
        const s = p.replace(/\.avsc$/, '.settings.json');
        out.push({ rule, name: entry.replace(/\.avsc$/, ''), path: p, settings: fs.existsSync(s) ? JSON.parse(fs.readFileSync(s, 'utf8')) : {} });
      }
    }
  }
  return out;
}

const all = cases();
const seenCodes = new Set<string>();
const cleanRules = new Set<string>();
const rules = new Set<string>();

describe('validation fixtures', () => {
  for (const c of all) {
    rules.add(c.rule);
    test(`${c.rule}/${c.name}`, () => {
      const result = checkDiagnosticsFixture(c.path, c.settings);
      const diagnostics = Object.values(result).flat();
      for (const d of diagnostics) seenCodes.add(d.code);
      if (diagnostics.length === 0) cleanRules.add(c.rule);
    });
  }
});

describe('fixture coverage', () => {
  // Codes that only other features produce (compatibility and its notes, workspace limits, unreadable files: test/lsp/hardening.test.ts;
  // the team policy: test/unit/policy-rules.test.ts; suppressions and accepted findings, from the project layer:
  // test/unit/cli-adoption.test.ts, test/lsp/adoption.test.ts) have their own tests.
  const elsewhere = new Set([...Object.keys(CODE_INFO).filter(c => c >= 'AVRO-600'), 'AVRO-400', 'AVRO-401', 'AVRO-402', 'AVRO-403', 'AVRO-404', 'AVRO-405', 'AVRO-406', 'AVRO-410', 'AVRO-411', 'AVRO-412', 'AVRO-500', 'AVRO-501']);
  test('every validation code has a failing fixture', () => {
    const missing = Object.keys(CODE_INFO).filter(c => !elsewhere.has(c) && !seenCodes.has(c));
    assert.deepEqual(missing, [], `codes without a fixture that reports them: ${missing.join(', ')}`);
  });
  test('every rule folder has a passing fixture', () => {
    const missing = [...rules].filter(r => !cleanRules.has(r));
    assert.deepEqual(missing, [], `rule folders without a fixture that passes clean: ${missing.join(', ')}`);
  });
});
