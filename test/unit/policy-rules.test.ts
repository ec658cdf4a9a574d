// The team's policy rules (AVRO-6xx), data-driven: test/fixtures/policy/<case>/ holds avro-studio.json (the policy), after.avsc (the schema now, annotated) and, for the rules that compare, before.avsc (its baseline version).
//
// after.avsc is validated as the editor and `lint` validate it (the baseline-free rules), then
// checked against before.avsc through the project layer's check of a file (project/checkFile.ts),
// as the editor and `check` do: every diagnostic of both is an annotation. case.json may give
// {"path": "where the schema lives, relative to avro-studio.json", "level": "BACKWARD"}.
// UPDATE_EXPECT=1 rewrites the annotations.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadBaselineSchemas } from '../../server/src/baselines/baselineSchemas';
import { withProjectRules } from '../../server/src/config/fileSettings';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import type { CompatibilityLevel } from '../../server/src/domain/compatibility';
import { checkFile } from '../../server/src/project/checkFile';
import { CODE_INFO } from '../../server/src/service/codes';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';
import { renderAnnotations, stripAnnotations } from '../helpers/annotations';
import { label, UPDATE } from '../helpers/checkDiagnostics';
import { fixture } from '../helpers/paths';

const ROOT = fixture('policy');
const PROJECT_ROOT = '/fixtures/policy';

interface Case {
  path?: string;
  level?: CompatibilityLevel;
}

/** The diagnostics of after.avsc: validation, then the check against before.avsc (when there is one). */
export async function policyCaseDiagnostics(dir: string): Promise<{ text: string; annotated: string; diagnostics: AvroDiagnostic[] }> {
  const spec: Case = fs.existsSync(path.join(dir, 'case.json')) ? JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) : {};
  const parsed = parseProjectConfig(fs.readFileSync(path.join(dir, 'avro-studio.json'), 'utf8'), PROJECT_ROOT);
  assert.deepEqual(parsed.problems.map(p => p.message), [], 'the case\'s avro-studio.json has problems');
  const filePath = `${PROJECT_ROOT}/${spec.path ?? 'schemas/event.avsc'}`;
  const uri = `file://${filePath}`;
  const annotated = fs.readFileSync(path.join(dir, 'after.avsc'), 'utf8');
  const text = stripAnnotations(annotated).text;
  const index = new SchemaIndex();
  const doc = parseAvroDocument(uri, text, 1);
  index.set(doc);
  const settings = withProjectRules(DEFAULT_SETTINGS, parsed.config, filePath);
  const diagnostics = validateDocument(doc, settings, index);
  const beforePath = path.join(dir, 'before.avsc');
  if (fs.existsSync(beforePath)) {
    const version = { label: 'HEAD', description: 'the baseline', text: fs.readFileSync(beforePath, 'utf8'), uri: `git:${filePath}?HEAD`, path: filePath };
    const schemas = await loadBaselineSchemas([version], { workingTree: index, candidateUri: uri, pathOf: u => (u.startsWith('file://') ? u.slice(7) : undefined) });
    const check = checkFile({ doc, workingTree: index, level: spec.level ?? 'BACKWARD', baseline: { result: { kind: 'ok', versions: [version], notes: [] }, schemas }, settings });
    diagnostics.push(...check.diagnostics.map(d => ({ ...d, related: undefined })));
  }
  diagnostics.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return { text, annotated, diagnostics };
}

const cases = fs.readdirSync(ROOT).filter(d => fs.statSync(path.join(ROOT, d)).isDirectory()).sort();
const seen = new Set<string>();

describe('policy rules (test/fixtures/policy)', () => {
  for (const name of cases) {
    test(name, async () => {
      const dir = path.join(ROOT, name);
      const { text, annotated, diagnostics } = await policyCaseDiagnostics(dir);
      for (const d of diagnostics) seen.add(d.code);
      const actual = renderAnnotations(text, diagnostics.map(d => ({ offset: d.offset, length: d.length, label: label(d) })));
      if (UPDATE) fs.writeFileSync(path.join(dir, 'after.avsc'), actual);
      else assert.equal(actual, annotated, `${name}: diagnostics differ from the annotations (UPDATE_EXPECT=1 rewrites them)`);
    });
  }
  test('every policy code has a case that reports it', () => {
    const missing = Object.keys(CODE_INFO).filter(c => c >= 'AVRO-600' && c < 'AVRO-680' && !seen.has(c));
    assert.deepEqual(missing, []);
  });
});

describe('a policy rule against the baseline that fails (a bug)', () => {
  test('costs only the policy findings and is returned for the front-end to say (never silently dropped)', async () => {
    const filePath = `${PROJECT_ROOT}/schemas/event.avsc`;
    const uri = `file://${filePath}`;
    const before = '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "string"}]}';
    const after = '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "long"}]}';
    const index = new SchemaIndex();
    const doc = parseAvroDocument(uri, after, 1);
    index.set(doc);
    const parsed = parseProjectConfig('{"policy": {"breaking": {"rules": ["field-type-changed"], "reason": "r"}}}', PROJECT_ROOT);
    const settings = withProjectRules(DEFAULT_SETTINGS, parsed.config, filePath);
    // A policy whose breaking rules cannot be read: what a bug in a rule looks like from outside.
    const broken = { ...settings, policy: { ...settings.policy!, breaking: { ...settings.policy!.breaking!, get rules(): never { throw new TypeError('a bug in a rule'); } } } };
    const version = { label: 'HEAD', description: 'the baseline', text: before, uri: `git:${filePath}?HEAD`, path: filePath };
    const schemas = await loadBaselineSchemas([version], { workingTree: index, candidateUri: uri, pathOf: u => (u.startsWith('file://') ? u.slice(7) : undefined) });
    const baseline = { result: { kind: 'ok' as const, versions: [version], notes: [] }, schemas };
    const working = checkFile({ doc, workingTree: index, level: 'BACKWARD', baseline, settings });
    assert.equal(working.internalError, undefined);
    assert.ok(working.diagnostics.some(d => d.code === 'AVRO-622'));
    const failing = checkFile({ doc, workingTree: index, level: 'BACKWARD', baseline, settings: broken });
    assert.match(failing.internalError?.message ?? '', /TypeError: a bug in a rule/);
    // Avro's own finding (the type change BACKWARD rejects) is still reported.
    assert.deepEqual(failing.diagnostics.map(d => d.code), ['AVRO-401']);
  });
});
