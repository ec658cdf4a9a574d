// Compatibility levels: fixture cases under test/fixtures/compat/levels/<case>/, plus the level rules themselves.
//
// A case folder holds candidate.avsc (the edited schema), one <label>.avsc per earlier version and
// case.json {"level", "previous": [labels, newest first], "checks", "grouped"}. candidate-*.avsc
// files are extra workspace files of the candidate. Annotations: in candidate.avsc every finding at
// its `span` ("<DIRECTION> vs <version>: <message>"); in a version file its `baselineSpan`; in a
// candidate-*.avsc file the precise `candidateSpan` when it is there. "checks" and "grouped" in
// case.json are golden too. UPDATE_EXPECT=1 rewrites annotations, "checks" and "grouped".
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  COMPATIBILITY_LEVELS,
  checkLevel,
  groupFindings,
  isCompatibilityLevel,
  levelPlan,
  type Baseline,
  type CompatibilityLevel,
} from '../../server/src/service/compatibility/levels';
import type { SchemaSide } from '../../server/src/service/compatibility/types';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex, resolverFor } from '../../server/src/service/model/schemaIndex';
import { renderAnnotations, stripAnnotations, type Annotated } from '../helpers/annotations';
import { UPDATE, uriOf } from '../helpers/checkDiagnostics';
import { fixture } from '../helpers/paths';

const ROOT = fixture('compat', 'levels');

interface LevelCase {
  level: CompatibilityLevel;
  previous: string[];
  checks?: unknown;
  grouped?: unknown;
}

function sideOf(text: string, uri: string, index?: SchemaIndex): SchemaSide {
  const doc = parseAvroDocument(uri, text, 1);
  if (index) index.set(doc);
  return { doc, schema: doc.root!, resolve: resolverFor(index, doc) };
}

const cases = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter(d => fs.statSync(path.join(ROOT, d)).isDirectory()).sort() : [];

describe('compatibility levels (test/fixtures/compat/levels)', () => {
  test('there are level fixtures', () => assert.ok(cases.length >= 6, `only ${cases.length} cases`));
  for (const name of cases) {
    test(name, () => {
      const dir = path.join(ROOT, name);
      const casePath = path.join(dir, 'case.json');
      const spec = JSON.parse(fs.readFileSync(casePath, 'utf8')) as LevelCase;
      const files = fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort();
      const annotated: Record<string, string> = {};
      const texts: Record<string, string> = {};
      for (const f of files) {
        annotated[f] = fs.readFileSync(path.join(dir, f), 'utf8');
        texts[f] = stripAnnotations(annotated[f]).text;
      }
      const workspace = new SchemaIndex();
      for (const f of files) if (f.startsWith('candidate-')) workspace.set(parseAvroDocument(uriOf(f), texts[f], 1));
      const candidate = sideOf(texts['candidate.avsc'], uriOf('candidate.avsc'), workspace);
      const previous: Baseline[] = spec.previous.map(label => ({ label, side: sideOf(texts[`${label}.avsc`], uriOf(`${label}.avsc`)) }));
      const result = checkLevel(spec.level, candidate, previous);

      const annotations: Record<string, Annotated[]> = {};
      for (const f of files) annotations[f] = [];
      for (const finding of result.findings) {
        annotations['candidate.avsc'].push({ ...finding.span, label: `${finding.direction} vs ${finding.version}: ${finding.message}` });
        const inc = finding.incompatibility;
        const baselineFile = files.find(f => uriOf(f) === finding.baselineSpan.uri);
        if (baselineFile) annotations[baselineFile].push({ offset: finding.baselineSpan.offset, length: finding.baselineSpan.length, label: `${finding.direction} ${inc.type} ${inc.location}` });
        const candidateFile = files.find(f => f !== 'candidate.avsc' && uriOf(f) === finding.candidateSpan.uri);
        if (candidateFile) annotations[candidateFile].push({ offset: finding.candidateSpan.offset, length: finding.candidateSpan.length, label: `precise ${finding.direction} vs ${finding.version} ${inc.type} ${inc.location}` });
      }
      const checks = result.checks;
      const grouped = groupFindings(result.findings).map(g => ({ versions: g.versions, message: g.message }));
      if (UPDATE) {
        for (const f of files) fs.writeFileSync(path.join(dir, f), renderAnnotations(texts[f], annotations[f]));
        fs.writeFileSync(casePath, JSON.stringify({ level: spec.level, previous: spec.previous, checks, grouped }, null, 2) + '\n');
        return;
      }
      for (const f of files) assert.equal(renderAnnotations(texts[f], annotations[f]), annotated[f], `${name}/${f}: annotations differ (UPDATE_EXPECT=1 regenerates them)`);
      assert.deepEqual(checks, spec.checks, `${name}: checks`);
      assert.deepEqual(grouped, spec.grouped, `${name}: grouped findings`);
      assert.equal(result.compatible, checks.every(c => c.compatible));
    });
  }
});

describe('level rules', () => {
  test('Confluent\'s seven levels, with their directions and reach', () => {
    assert.deepEqual([...COMPATIBILITY_LEVELS].map(l => [l, levelPlan(l)]), [
      ['NONE', { directions: [], transitive: false }],
      ['BACKWARD', { directions: ['BACKWARD'], transitive: false }],
      ['BACKWARD_TRANSITIVE', { directions: ['BACKWARD'], transitive: true }],
      ['FORWARD', { directions: ['FORWARD'], transitive: false }],
      ['FORWARD_TRANSITIVE', { directions: ['FORWARD'], transitive: true }],
      ['FULL', { directions: ['BACKWARD', 'FORWARD'], transitive: false }],
      ['FULL_TRANSITIVE', { directions: ['BACKWARD', 'FORWARD'], transitive: true }],
    ]);
    assert.ok(isCompatibilityLevel('FULL_TRANSITIVE'));
    assert.ok(!isCompatibilityLevel('full'));
    assert.ok(!isCompatibilityLevel('TRANSITIVE'));
  });

  // One field type per version: v3 (newest) int, v2 long, v1 string; the candidate has long. As a
  // reader, long reads int and long but not string; as a writer, long is read by long only.
  const versions = ['int', 'long', 'string'].map((t, i) => ({
    label: `v${3 - i}`,
    side: sideOf(`{"type": "record", "name": "R", "fields": [{"name": "x", "type": "${t}"}]}`, `inmemory:///v${3 - i}.avsc`),
  }));
  const candidate = sideOf('{"type": "record", "name": "R", "fields": [{"name": "x", "type": "long"}]}', 'inmemory:///candidate.avsc');

  test('non-transitive levels check the latest version only; transitive ones every version, newest first', () => {
    const order = (level: CompatibilityLevel) => checkLevel(level, candidate, versions).checks.map(c => `${c.version}:${c.direction}:${c.compatible ? 'ok' : 'fail'}`);
    assert.deepEqual(order('BACKWARD'), ['v3:BACKWARD:ok']);
    assert.deepEqual(order('BACKWARD_TRANSITIVE'), ['v3:BACKWARD:ok', 'v2:BACKWARD:ok', 'v1:BACKWARD:fail']);
    assert.deepEqual(order('FORWARD'), ['v3:FORWARD:fail']);
    assert.deepEqual(order('FORWARD_TRANSITIVE'), ['v3:FORWARD:fail', 'v2:FORWARD:ok', 'v1:FORWARD:fail']);
    assert.deepEqual(order('FULL'), ['v3:BACKWARD:ok', 'v3:FORWARD:fail']);
    assert.deepEqual(order('FULL_TRANSITIVE'), ['v3:BACKWARD:ok', 'v3:FORWARD:fail', 'v2:BACKWARD:ok', 'v2:FORWARD:ok', 'v1:BACKWARD:fail', 'v1:FORWARD:fail']);
    assert.deepEqual(order('NONE'), []);
  });

  test('findings say which version and direction they come from, in check order', () => {
    const r = checkLevel('FULL_TRANSITIVE', candidate, versions);
    assert.equal(r.compatible, false);
    assert.deepEqual(r.findings.map(f => [f.version, f.direction, f.candidateRole, f.incompatibility.type]), [
      ['v3', 'FORWARD', 'writer', 'TYPE_MISMATCH'],
      ['v1', 'BACKWARD', 'reader', 'TYPE_MISMATCH'],
      ['v1', 'FORWARD', 'writer', 'TYPE_MISMATCH'],
    ]);
    assert.match(r.findings[0].message, /^FULL_TRANSITIVE \(vs v3, forward\): old readers cannot read new data: Field "x": /);
    assert.match(r.findings[1].message, /^FULL_TRANSITIVE \(vs v1, backward\): new readers cannot read old data: /);
  });

  test('no earlier version: compatible, nothing checked', () => {
    const r = checkLevel('FULL_TRANSITIVE', candidate, []);
    assert.deepEqual([r.compatible, r.complete, r.checks, r.findings], [true, true, [], []]);
  });

  test('groupFindings merges the same finding across versions and names them all', () => {
    const same = [0, 1, 2, 3, 4].map(i => ({ label: `v${5 - i}`, side: sideOf('{"type": "record", "name": "R", "fields": []}', `inmemory:///g${i}.avsc`) }));
    const withField = sideOf('{"type": "record", "name": "R", "fields": [{"name": "region", "type": "string"}]}', 'inmemory:///cand.avsc');
    const r = checkLevel('BACKWARD_TRANSITIVE', withField, same);
    assert.equal(r.findings.length, 5);
    const grouped = groupFindings(r.findings);
    assert.equal(grouped.length, 1);
    assert.deepEqual(grouped[0].versions, ['v5', 'v4', 'v3', 'v2', 'v1']);
    assert.match(grouped[0].message, /^BACKWARD_TRANSITIVE \(vs v5, v4, v3 and 2 more\): new readers cannot read old data: Field "region" /);
    const two = groupFindings(r.findings.slice(0, 2));
    assert.equal(two.length, 1);
    assert.match(two[0].message, /^BACKWARD_TRANSITIVE \(vs v5 and v4\): new readers cannot read old data: /);
  });
});
