// Compatibility quick fixes: every fix of every finding in test/fixtures/compat-fixes/<case>/ applied, compared with a golden file, and re-checked.
//
// A case folder holds candidate.avsc (the edited schema), candidate-*.avsc (other workspace files of
// the candidate), one <label>.avsc per earlier version, and case.json {"level", "previous" (labels,
// newest first), "specVersion"?, "findings", "actions"}. For each compatibility diagnostic the
// service's code actions are asked for; each action is applied and the changed files compared with
// expected/f<finding>-a<action>-<title>[--<file>].avsc. Then the same check runs again on the fixed
// text: the finding (direction, type, location) must be gone, and validation must report no new
// error (a default that does not match its type would be AVRO-220). "findings" and "actions" in
// case.json are golden too. UPDATE_EXPECT=1 rewrites case.json and expected/.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getCodeActions } from '../../server/src/service/codeActions';
import type { AvroCodeAction, DiagnosticRef } from '../../server/src/service/codeActions/types';
import { compatibilityDiagnostics, type CompatDiagnosticData } from '../../server/src/service/compatibility/diagnostics';
import { checkLevel, type Baseline, type CompatibilityLevel } from '../../server/src/service/compatibility/levels';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex, resolverFor } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings, type AvroSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';
import { validateDocument } from '../../server/src/service/validation/validate';
import { UPDATE, uriOf } from '../helpers/checkDiagnostics';
import { fixture } from '../helpers/paths';

const ROOT = fixture('compat-fixes');

interface FixCase {
  level: CompatibilityLevel;
  previous: string[];
  specVersion?: string;
  findings?: unknown;
  actions?: unknown;
}

interface Checked {
  diagnostics: AvroDiagnostic[];
  index: SchemaIndex;
  settings: AvroSettings;
}

/** The level check of the candidate files against the versions, as the editor shows it: diagnostics of candidate.avsc. */
function check(spec: FixCase, candidateFiles: Record<string, string>, versions: Record<string, string>): Checked {
  const settings = normalizeSettings({ specVersion: spec.specVersion });
  const index = new SchemaIndex();
  for (const [f, text] of Object.entries(candidateFiles)) index.set(parseAvroDocument(uriOf(f), text, 1));
  const doc = index.get(uriOf('candidate.avsc'))!;
  assert.ok(doc.root, 'candidate.avsc holds a schema');
  const previous: Baseline[] = spec.previous.map(label => {
    const v = parseAvroDocument(`avro-baseline:/fixtures/${label}.avsc`, versions[label], 1);
    return { label, side: { doc: v, schema: v.root!, resolve: resolverFor(index, v) } };
  });
  const result = checkLevel(spec.level, { doc, schema: doc.root!, resolve: resolverFor(index, doc) }, previous);
  return { diagnostics: compatibilityDiagnostics(result.findings, settings, doc), index, settings };
}

function identity(d: AvroDiagnostic): string {
  const data = d.data as CompatDiagnosticData;
  return `${data.direction} ${data.type} ${data.location}`;
}

function rangeText(text: string, d: { offset: number; length: number }): string {
  const r = new LineIndex(text).rangeOf(d.offset, d.length);
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

function slug(title: string): string {
  return title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

function apply(text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].offset + sorted[i].length <= sorted[i - 1].offset, 'edits do not overlap');
  for (const e of sorted) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
  return text;
}

function errorsOf(files: Record<string, string>, settings: AvroSettings): Set<string> {
  const index = new SchemaIndex();
  for (const [f, text] of Object.entries(files)) index.set(parseAvroDocument(uriOf(f), text, 1));
  const out = new Set<string>();
  for (const f of Object.keys(files)) {
    for (const d of validateDocument(index.get(uriOf(f))!, settings, index)) if (d.severity === 'error') out.add(`${f} ${d.code} ${d.message}`);
  }
  return out;
}

const cases = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter(d => fs.statSync(path.join(ROOT, d)).isDirectory()).sort() : [];

describe('compatibility quick fixes (test/fixtures/compat-fixes)', () => {
  test('there are fix fixtures', () => assert.ok(cases.length >= 8, `only ${cases.length} cases`));

  for (const name of cases) {
    test(name, () => {
      const dir = path.join(ROOT, name);
      const casePath = path.join(dir, 'case.json');
      const spec = JSON.parse(fs.readFileSync(casePath, 'utf8')) as FixCase;
      const candidateFiles: Record<string, string> = {};
      const versions: Record<string, string> = {};
      for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort()) {
        const text = fs.readFileSync(path.join(dir, f), 'utf8');
        if (f === 'candidate.avsc' || f.startsWith('candidate-')) candidateFiles[f] = text;
        else versions[f.replace(/\.avsc$/, '')] = text;
      }
      const before = check(spec, candidateFiles, versions);
      const candidate = candidateFiles['candidate.avsc'];
      const doc = before.index.get(uriOf('candidate.avsc'))!;
      const errorsBefore = errorsOf(candidateFiles, before.settings);

      const findings = before.diagnostics.map(d => ({
        code: d.code,
        at: `${rangeText(candidate, d)} ${candidate.slice(d.offset, d.offset + d.length)}`,
        finding: identity(d),
        versions: (d.data as CompatDiagnosticData).versions,
        related: (d.related ?? []).map(r => r.message),
      }));
      const actions: Array<{ finding: number; title: string; preferred: boolean; files: Record<string, string> }> = [];
      const expectedDir = path.join(dir, 'expected');
      const written = new Set<string>();

      before.diagnostics.forEach((d, fi) => {
        const ref: DiagnosticRef = { code: d.code, offset: d.offset, length: d.length, message: d.message, data: d.data };
        const got: AvroCodeAction[] = getCodeActions({
          doc,
          index: before.index,
          resolve: resolverFor(before.index, doc),
          settings: before.settings,
          offset: d.offset,
          length: 0,
          diagnostics: [ref],
          formatting: { tabSize: 2, insertSpaces: true, eol: '\n' },
        }, ['quickfix']);
        got.forEach((a, ai) => {
          const fixed: Record<string, string> = { ...candidateFiles };
          const files: Record<string, string> = {};
          for (const de of a.edits) {
            const file = Object.keys(candidateFiles).find(f => uriOf(f) === de.uri);
            assert.ok(file, `${a.title}: edits a candidate file, not ${de.uri}`);
            fixed[file] = apply(fixed[file], de.edits);
            const golden = `f${fi + 1}-a${ai + 1}-${slug(a.title)}${file === 'candidate.avsc' ? '' : `--${file.replace(/\.avsc$/, '')}`}.avsc`;
            files[file] = `expected/${golden}`;
            written.add(golden);
            const goldenPath = path.join(expectedDir, golden);
            if (UPDATE) {
              fs.mkdirSync(expectedDir, { recursive: true });
              fs.writeFileSync(goldenPath, fixed[file]);
            } else {
              assert.ok(fs.existsSync(goldenPath), `${name}: ${golden} is missing (UPDATE_EXPECT=1 writes it)`);
              assert.equal(fixed[file], fs.readFileSync(goldenPath, 'utf8'), `${name}: "${a.title}" gives ${golden}`);
            }
          }
          actions.push({ finding: fi + 1, title: a.title, preferred: a.isPreferred === true, files });

          // The finding is gone once the fix is applied, and the fix introduced no error.
          const after = check(spec, fixed, versions);
          assert.ok(!after.diagnostics.some(x => identity(x) === identity(d)), `${name}: "${a.title}" leaves ${identity(d)}:\n${after.diagnostics.map(x => x.message).join('\n')}`);
          const newErrors = [...errorsOf(fixed, before.settings)].filter(e => !errorsBefore.has(e));
          assert.deepEqual(newErrors, [], `${name}: "${a.title}" introduces errors`);
        });
      });

      if (UPDATE) {
        for (const f of fs.existsSync(expectedDir) ? fs.readdirSync(expectedDir) : []) if (!written.has(f)) fs.rmSync(path.join(expectedDir, f));
        const out: FixCase = { level: spec.level, previous: spec.previous };
        if (spec.specVersion) out.specVersion = spec.specVersion;
        fs.writeFileSync(casePath, JSON.stringify({ ...out, findings, actions }, null, 2) + '\n');
        return;
      }
      assert.deepEqual(findings, spec.findings, `${name}: findings (UPDATE_EXPECT=1 regenerates case.json)`);
      assert.deepEqual(actions, spec.actions, `${name}: actions`);
      if (fs.existsSync(expectedDir)) {
        const extra = fs.readdirSync(expectedDir).filter(f => !written.has(f));
        assert.deepEqual(extra, [], `${name}: golden files no action produced`);
      }
    });
  }
});

describe('compatibility quick fixes on a changed text', () => {
  const HEAD = '{\n  "type": "record",\n  "name": "E",\n  "fields": [\n    {"name": "id", "type": "string"}\n  ]\n}\n';
  const V1 = HEAD.replace('{"name": "id", "type": "string"}', '{"name": "id", "type": "string"},\n    {"name": "region", "type": "string"}');
  const spec: FixCase = { level: 'BACKWARD', previous: ['HEAD'] };

  test('a diagnostic computed a few keystrokes ago still edits the right place (nodes are found by name)', () => {
    const before = check(spec, { 'candidate.avsc': V1 }, { HEAD });
    assert.equal(before.diagnostics.length, 1);
    const stale = before.diagnostics[0];
    // The user typed another field above "region" since: every offset of the old diagnostic moved.
    const v2 = V1.replace('{"name": "id", "type": "string"},', '{"name": "id", "type": "string"},\n    {"name": "zone", "type": "int", "default": 0},');
    const index = new SchemaIndex();
    const doc = parseAvroDocument(uriOf('candidate.avsc'), v2, 2);
    index.set(doc);
    const moved = v2.indexOf('"region"');
    const actions = getCodeActions({
      doc, index, resolve: resolverFor(index, doc), settings: before.settings, offset: moved, length: 0,
      diagnostics: [{ code: stale.code, offset: moved, length: '"region"'.length, message: stale.message, data: stale.data }],
      formatting: { tabSize: 2, insertSpaces: true, eol: '\n' },
    }, ['quickfix']);
    const add = actions.find(a => a.title.startsWith('Add default'));
    assert.ok(add, 'Add default is offered');
    assert.equal(apply(v2, add.edits[0].edits), v2.replace('{"name": "region", "type": "string"}', '{"name": "region", "type": "string", "default": ""}'));
  });

  test('a fix whose target is gone or already fixed is not offered', () => {
    const before = check(spec, { 'candidate.avsc': V1 }, { HEAD });
    const d = before.diagnostics[0];
    for (const text of [V1.replace('"region"', '"area"'), V1.replace('"type": "string"}\n  ]', '"type": "string", "default": "eu"}\n  ]')]) {
      const index = new SchemaIndex();
      const doc = parseAvroDocument(uriOf('candidate.avsc'), text, 3);
      index.set(doc);
      const actions = getCodeActions({
        doc, index, resolve: resolverFor(index, doc), settings: before.settings, offset: d.offset, length: 0,
        diagnostics: [{ code: d.code, offset: d.offset, length: d.length, message: d.message, data: d.data }],
        formatting: { tabSize: 2, insertSpaces: true, eol: '\n' },
      }, ['quickfix']);
      assert.deepEqual(actions.map(a => a.title), [], text);
    }
  });

  test('diagnostics without compatibility data get no compatibility fix', () => {
    const index = new SchemaIndex();
    const doc = parseAvroDocument(uriOf('candidate.avsc'), V1, 1);
    index.set(doc);
    const actions = getCodeActions({
      doc, index, resolve: resolverFor(index, doc), settings: normalizeSettings({}), offset: 0, length: 0,
      diagnostics: [{ code: 'AVRO-400', offset: 0, length: 1, message: 'BACKWARD (vs HEAD): Field "region" has no default', data: { kind: 'missing-default' } }],
      formatting: { tabSize: 2, insertSpaces: true, eol: '\n' },
    }, ['quickfix']);
    assert.deepEqual(actions, []);
  });
});
