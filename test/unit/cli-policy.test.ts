// The team policy examples through the built `avro-studio check`: each example copied into a fresh git repository with its team's schemas and committed, each change of its changes/ applied; the exit status and the findings ("path:line:code") must be those its change.json gives. Also: every output format carries the policy codes, and an invalid policy is exit 2 with the problem on its line.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { JsonCheckOutput } from '../../server/src/cli/formats/json';
import { REPO_ROOT } from '../helpers/paths';
import { runCli, Sandbox, write } from './cli-check-repos';

const EXAMPLES = path.join(REPO_ROOT, 'examples', 'policies');
const sandbox = new Sandbox();
after(() => sandbox.dispose());

function copy(from: string, to: string, skip: (name: string) => boolean = () => false): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const a = path.join(from, entry.name), b = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(b, { recursive: true });
      copy(a, b);
    } else fs.copyFileSync(a, b);
  }
}

/** A fresh repository holding the team's example, committed, with a change written over it. */
export function exampleRepository(sb: Sandbox, team: string, change: string | undefined, name = `${team}-${change ?? 'base'}`): string {
  const dir = sb.init(name);
  copy(path.join(EXAMPLES, team), dir, n => n === 'changes');
  sb.commit(dir, 'the team\'s schemas', `${name}-c1`);
  if (change) copy(path.join(EXAMPLES, team, 'changes', change), dir, n => n === 'change.json');
  return dir;
}

function findings(stdout: string): string[] {
  const out = JSON.parse(stdout) as JsonCheckOutput;
  return out.files.flatMap(f => f.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${f.path.split(path.sep).join('/')}:${d.range.start.line}:${d.code}`)).sort();
}

interface ChangeSpec { description: string; exit: number; find: string[] }

const teams = fs.readdirSync(EXAMPLES).filter(t => fs.existsSync(path.join(EXAMPLES, t, 'avro-studio.json'))).sort();

describe('team policy examples through avro-studio check', () => {
  test('there are the two teams of the seeds, each with failing and passing changes', () => {
    assert.deepEqual(teams, ['butterfly', 'caracal']);
  });
  for (const team of teams) {
    test(`${team}: the committed schemas pass their own policy`, () => {
      const dir = exampleRepository(sandbox, team, undefined);
      const r = runCli(['check', '--format', 'json'], dir);
      assert.equal(r.exit, 0, r.stdout + r.stderr);
      assert.deepEqual(findings(r.stdout), []);
    });
    const changes = fs.readdirSync(path.join(EXAMPLES, team, 'changes')).sort();
    test(`${team}: at least one change fails and one passes`, () => {
      const exits = changes.map(c => (JSON.parse(fs.readFileSync(path.join(EXAMPLES, team, 'changes', c, 'change.json'), 'utf8')) as ChangeSpec).exit);
      assert.ok(exits.includes(0) && exits.includes(1));
    });
    for (const change of changes) {
      const spec = JSON.parse(fs.readFileSync(path.join(EXAMPLES, team, 'changes', change, 'change.json'), 'utf8')) as ChangeSpec;
      test(`${team}/${change}: ${spec.description}`, () => {
        const dir = exampleRepository(sandbox, team, change);
        const r = runCli(['check', '--format', 'json'], dir);
        assert.equal(r.exit, spec.exit, r.stderr);
        assert.deepEqual(findings(r.stdout), spec.find);
        if (spec.exit === 1) assert.ok(spec.find.some(f => /:AVRO-6\d\d$/.test(f)), 'a failing change fails on a policy code');
      });
    }
  }

  test('every output format carries the policy finding on its line (BUTTERFLY: a field removed, version not bumped)', () => {
    const dir = exampleRepository(sandbox, 'butterfly', '1-breaking-field-removed', 'formats');
    const file = 'butterfly-common/src/main/avro/PerceptionSignalEvent.avsc';
    const text = runCli(['check'], dir);
    assert.equal(text.exit, 1);
    assert.match(text.stdout, new RegExp(`${file}:6:13: error AVRO-620 Policy "breaking" \\(field-removed\\): the field "strength"`));
    assert.match(text.stdout, new RegExp(`${file}:7:61: error AVRO-602 .*set it to "2\\.0\\.0"`));
    const github = runCli(['check', '--format', 'github'], dir);
    assert.equal(github.exit, 1);
    assert.match(github.stdout, new RegExp(`::error file=${file},line=6,.*title=AVRO-620`));
    const junit = runCli(['check', '--format', 'junit'], dir);
    assert.equal(junit.exit, 1);
    assert.match(junit.stdout, /AVRO-620/);
    assert.match(junit.stdout, /AVRO-602/);
    const sarif = JSON.parse(runCli(['check', '--format', 'sarif'], dir).stdout) as { runs: Array<{ results: Array<{ ruleId: string; locations: Array<{ physicalLocation: { region: { startLine: number } } }> }>; tool: { driver: { rules: Array<{ id: string }> } } }> };
    const results = sarif.runs[0].results.map(r => `${r.ruleId}:${r.locations[0].physicalLocation.region.startLine}`);
    assert.deepEqual(results.filter(r => r.startsWith('AVRO-6')).sort(), ['AVRO-602:7', 'AVRO-620:6']);
  });

  test('a compliant change after a failing one: the right bump passes', () => {
    const dir = exampleRepository(sandbox, 'butterfly', '1-breaking-field-removed', 'fixed-bump');
    const file = path.join(dir, 'butterfly-common/src/main/avro/PerceptionSignalEvent.avsc');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"default": "1.2.0"', '"default": "2.0.0"'));
    const r = runCli(['check', '--format', 'json'], dir);
    // The version is right now; the removed field is still against the team's contract (it needs a migration, not a bump).
    assert.deepEqual(findings(r.stdout), ['butterfly-common/src/main/avro/PerceptionSignalEvent.avsc:6:AVRO-620']);
  });
});

describe('an invalid policy is exit 2 with the problem on its line of avro-studio.json', () => {
  const cases: Array<{ name: string; config: string; line: number; message: RegExp }> = [
    { name: 'an unknown code', config: '{\n  "rules": {\n    "AVRO-699": "off"\n  }\n}\n', line: 3, message: /unknown code or category "AVRO-699"/ },
    { name: 'an unknown category', config: '{\n  "rules": {\n    "policy/nameing": "off"\n  }\n}\n', line: 3, message: /unknown code or category "policy\/nameing" \(codes look like AVRO-242, categories are syntax, .*policy\/naming/ },
    { name: 'a version field of the wrong kind', config: '{\n  "policy": {\n    "versionField": {\n      "kind": "date"\n    }\n  }\n}\n', line: 4, message: /"policy\.versionField\.kind" must be "semver" .* or "integer"/ },
    { name: 'a frozen entry naming nothing', config: '{\n  "policy": {\n    "frozen": [\n      {"schemas": [], "reason": "v1"}\n    ]\n  }\n}\n', line: 4, message: /"policy\.frozen\[0\]" names no schema/ },
    { name: 'a bad glob', config: '{\n  "policy": {\n    "placement": {\n      "allowed": ["../elsewhere/**"]\n    }\n  }\n}\n', line: 4, message: /"policy\.placement\.allowed" must match files inside the folder/ },
    { name: 'an unknown breaking rule', config: '{\n  "policy": {\n    "breaking": {\n      "rules": ["field-removed", "field-deleted"]\n    }\n  }\n}\n', line: 4, message: /unknown breaking rule "field-deleted"/ },
    { name: 'an unknown preset', config: '{\n  "preset": "strict"\n}\n', line: 2, message: /"preset" must be "recommended" or "strict-contract"/ },
    { name: 'an unknown key in a glob rule\'s policy', config: '{\n  "schemas": [\n    {"files": "a/**", "policy": {\n      "naming": {"recordz": "PascalCase"}\n    }}\n  ]\n}\n', line: 4, message: /"schemas\[0\]\.policy\.naming": unknown key "recordz"/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const dir = sandbox.init(`invalid-${c.name.replace(/\W+/g, '-')}`);
      write(dir, 'avro-studio.json', c.config);
      write(dir, 'a/event.avsc', '{"type": "record", "name": "Event", "fields": []}');
      sandbox.commit(dir, 'schemas', `invalid-${c.name}`);
      const r = runCli(['check'], dir);
      assert.equal(r.exit, 2, r.stdout + r.stderr);
      const lines = r.stderr.split('\n').filter(l => l.startsWith('avro-studio.json:'));
      assert.equal(lines.length, 1, r.stderr);
      assert.match(lines[0], new RegExp(`^avro-studio\\.json:${c.line}:\\d+: `));
      assert.match(lines[0], c.message);
    });
  }
});

describe('adopting a team policy on a repository that already breaks it (issue 10, done when)', () => {
  const cases = [
    { team: 'butterfly', breaking: '1-breaking-field-removed', another: '3-conventions' },
    { team: 'caracal', breaking: '3-enum-symbol-inserted', another: '5-required-field-added' },
  ];
  for (const { team, breaking, another } of cases) {
    test(`${team}: a violation fails; --write-baseline accepts it; the re-run passes; a new violation fails`, () => {
      const dir = exampleRepository(sandbox, team, breaking, `${team}-adopt`);
      const failing = runCli(['check', '--format', 'json'], dir);
      assert.equal(failing.exit, 1, failing.stderr);
      const before = findings(failing.stdout);
      assert.ok(before.some(f => /:AVRO-6\d\d$/.test(f)), before.join('\n'));

      const written = runCli(['check', '--write-baseline', 'accepted-findings.json'], dir);
      assert.equal(written.exit, 0, written.stdout + written.stderr);
      const accepted = JSON.parse(fs.readFileSync(path.join(dir, 'accepted-findings.json'), 'utf8')) as { version: number; findings: Array<{ code: string }> };
      assert.equal(accepted.version, 1);
      const policyCodes = (codes: string[]): string[] => [...new Set(codes.filter(c => c.startsWith('AVRO-6')))].sort();
      assert.deepEqual(policyCodes(accepted.findings.map(f => f.code)), policyCodes(before.map(f => f.slice(f.lastIndexOf(':') + 1))));

      const rerun = runCli(['check', '--format', 'json', '--baseline-findings', 'accepted-findings.json'], dir);
      assert.equal(rerun.exit, 0, rerun.stdout + rerun.stderr);
      assert.deepEqual(findings(rerun.stdout), []);

      // A new violation on top (another change of the same team) fails on its own findings only.
      const change = path.join(EXAMPLES, team, 'changes', another);
      copy(change, dir, n => n === 'change.json');
      const fresh = runCli(['check', '--format', 'json', '--baseline-findings', 'accepted-findings.json'], dir);
      assert.equal(fresh.exit, 1, fresh.stderr);
      const now = findings(fresh.stdout);
      assert.ok(now.length > 0 && now.every(f => !before.includes(f)), `only new findings: ${now.join(', ')}`);
    });
  }
});
