// `avro-studio check` end to end: the built CLI on real git repositories in temp dirs, every format on a failing and a passing run, golden outputs, exit codes.
//
// Repositories (built in before() from test/fixtures/cli-check/versions, fixed dates):
//   origin   c1: metering-event v1, money v1, order;  c2: metering-event v2 (compatible)
//   ci       clone of origin (origin/main = c2); branch feature: c3 renames order -> purchase;
//            working tree: metering-event v3 (breaking), money v2 (breaking, also for
//            metering-event, whose baseline resolves Money at the same ref), refund (new, untracked)
//   history  usage-report h1, h2, h3 committed, a fourth version in the working tree
//   project  avro-studio.json: BACKWARD by default, FULL for schemas/events/**, NONE for internal/**
//   shallow  clone --depth 1 of origin;  detached  clone of origin at c1, detached HEAD
//   broken   a syntax error committed (fixed since), and one made in the working tree
//   plain    no repository at all: work/, and baseline/ beside it;  inside  no repository, old/ inside
// Goldens: test/fixtures/cli-check/expected/<case>.txt (UPDATE_EXPECT=1 rewrites them; review the diff).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageInfo } from '../../server/src/node/packageInfo';
import { escapeData, escapeProperty } from '../../server/src/cli/formats/github';
import type { JsonCheckOutput } from '../../server/src/cli/formats/json';
import { escapeAttribute, escapeText } from '../../server/src/cli/formats/junit';
import { CLI, EXPECTED, git, runCli, Sandbox, version, write, type CliRun } from './cli-check-repos';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const sandbox = new Sandbox();
let repos: Record<'broken' | 'origin' | 'ci' | 'history' | 'project' | 'shallow' | 'detached' | 'plain' | 'inside' | 'nogit', string>;

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build it first (node esbuild.mjs, or AVRO_STUDIO_CLI=...)`);
  const origin = sandbox.init('origin');
  write(origin, 'schemas/events/metering-event.avsc', version('metering-event.v1.avsc'));
  write(origin, 'schemas/common/money.avsc', version('money.v1.avsc'));
  write(origin, 'schemas/events/order.avsc', version('order.avsc'));
  sandbox.commit(origin, 'v1: metering event, money, order', 'c1');
  write(origin, 'schemas/events/metering-event.avsc', version('metering-event.v2.avsc'));
  sandbox.commit(origin, 'v2: correlation id', 'c2');

  const ci = path.join(sandbox.root, 'ci');
  git(sandbox.root, 'clone', '-q', origin, ci);
  git(ci, 'checkout', '-q', '-b', 'feature');
  git(ci, 'mv', 'schemas/events/order.avsc', 'schemas/events/purchase.avsc');
  sandbox.commit(ci, 'rename order to purchase', 'c3');
  write(ci, 'schemas/events/metering-event.avsc', version('metering-event.v3-breaking.avsc'));
  write(ci, 'schemas/common/money.avsc', version('money.v2-breaking.avsc'));
  write(ci, 'schemas/events/refund.avsc', version('refund.avsc'));

  const history = sandbox.init('history');
  for (const [i, v] of ['h1', 'h2', 'h3'].entries()) {
    write(history, 'reports/usage-report.avsc', version(`usage-report.${v}.avsc`));
    sandbox.commit(history, `usage report ${v}`, `h${i + 1}`);
  }
  write(history, 'reports/usage-report.avsc', version('usage-report.work.avsc'));

  const project = sandbox.init('project');
  const audit = (ns: string, v: string) => version(`audit-entry.${v}.avsc`).replace('"caracal.audit"', `"${ns}"`);
  write(project, 'schemas/events/audit-entry.avsc', audit('caracal.audit', 'v1'));
  write(project, 'schemas/ledger/audit-entry.avsc', audit('caracal.ledger', 'v1'));
  write(project, 'schemas/internal/audit-entry.avsc', audit('caracal.internal', 'v1'));
  write(project, 'avro-studio.json', JSON.stringify({
    compatibility: { level: 'BACKWARD', baseline: 'git:HEAD' },
    schemas: [
      { files: 'schemas/events/**', compatibility: { level: 'FULL' } },
      { files: 'schemas/internal/**', compatibility: { level: 'NONE' } },
    ],
  }, null, 2) + '\n');
  sandbox.commit(project, 'audit entries', 'p1');
  for (const ns of ['events', 'ledger', 'internal']) write(project, `schemas/${ns}/audit-entry.avsc`, audit(`caracal.${ns === 'events' ? 'audit' : ns}`, 'v2-removed-field'));

  // As actions/checkout does by default: one commit of the branch being built, no other branch.
  git(origin, 'branch', 'feature-x');
  const shallow = path.join(sandbox.root, 'shallow');
  git(sandbox.root, 'clone', '-q', '--depth', '1', '--branch', 'feature-x', 'file://' + origin, shallow);

  const detached = path.join(sandbox.root, 'detached');
  git(sandbox.root, 'clone', '-q', origin, detached);
  git(detached, 'checkout', '-q', '--detach', 'HEAD~1');
  write(detached, 'schemas/events/metering-event.avsc', version('metering-event.v2.avsc'));

  // No repository: the schemas in work/, an earlier copy in baseline/ (as a release artefact would be).
  const plain = sandbox.dir('plain/work');
  write(plain, 'metering-event.avsc', version('metering-event.v3-breaking.avsc'));
  write(plain, 'money.avsc', version('money.v1.avsc'));
  write(plain, '../baseline/metering-event.avsc', version('metering-event.v1.avsc'));
  write(plain, '../baseline/money.avsc', version('money.v1.avsc'));
  const inside = sandbox.dir('inside');
  write(inside, 'metering-event.avsc', version('metering-event.v2.avsc'));
  write(inside, 'money.avsc', version('money.v1.avsc'));
  write(inside, 'old/metering-event.avsc', version('metering-event.v1.avsc'));

  // A version with a syntax error in HEAD (fixed now), and a valid one broken in the working tree.
  const broken = sandbox.init('broken');
  write(broken, 'fixed-since.avsc', version('broken.avsc'));
  write(broken, 'broken-now.avsc', version('money.v1.avsc'));
  sandbox.commit(broken, 'broken', 'b1');
  write(broken, 'fixed-since.avsc', version('broken.avsc').replace('},,', '}'));
  write(broken, 'broken-now.avsc', version('broken.avsc').replace('"Broken"', '"Money"'));

  repos = { broken, origin, ci, history, project, shallow, detached, plain, inside, nogit: sandbox.dir('empty-path') };
});

after(() => sandbox.dispose());

interface Case {
  name: string;
  repo: keyof typeof repos;
  args: string[];
  exit: number;
  /** PATH replaced (no git). */
  noGit?: boolean;
}

const FAILING = ['check', '--against', 'git:origin/main'];
const PASSING = ['check', 'schemas/events/purchase.avsc', 'schemas/events/refund.avsc', '--against', 'git:origin/main'];

const CASES: Case[] = [
  // Each format on a failing and a passing run (a branch of the remote: origin/main in a clone).
  { name: 'text-failing', repo: 'ci', args: FAILING, exit: 1 },
  { name: 'text-passing', repo: 'ci', args: PASSING, exit: 0 },
  { name: 'json-failing', repo: 'ci', args: [...FAILING, '--format', 'json'], exit: 1 },
  { name: 'json-passing', repo: 'ci', args: [...PASSING, '--format', 'json'], exit: 0 },
  { name: 'github-failing', repo: 'ci', args: [...FAILING, '--format', 'github'], exit: 1 },
  { name: 'github-passing', repo: 'ci', args: [...PASSING, '--format', 'github'], exit: 0 },
  { name: 'junit-failing', repo: 'ci', args: [...FAILING, '--format', 'junit'], exit: 1 },
  { name: 'junit-passing', repo: 'ci', args: [...PASSING, '--format', 'junit'], exit: 0 },
  { name: 'sarif-failing', repo: 'ci', args: [...FAILING, '--format', 'sarif'], exit: 1 },
  { name: 'sarif-passing', repo: 'ci', args: [...PASSING, '--format', 'sarif'], exit: 0 },
  // Baselines.
  { name: 'head-by-default', repo: 'ci', args: ['check', 'schemas'], exit: 1 },
  { name: 'head-full-one-file', repo: 'ci', args: ['check', 'schemas/events/metering-event.avsc', '--level', 'full'], exit: 1 },
  { name: 'severity-demoted', repo: 'ci', args: ['check', 'schemas/common', '--severity', 'AVRO-400=warning'], exit: 0 },
  { name: 'quiet', repo: 'ci', args: [...FAILING, '--quiet'], exit: 1 },
  { name: 'history-full-transitive', repo: 'history', args: ['check', '--against', 'git:history', '--level', 'FULL_TRANSITIVE'], exit: 1 },
  { name: 'history-backward-latest-only', repo: 'history', args: ['check', '--against', 'git:history', '--level', 'BACKWARD'], exit: 0 },
  { name: 'project-file-levels', repo: 'project', args: ['check'], exit: 1 },
  { name: 'project-file-overridden', repo: 'project', args: ['check', '--level', 'BACKWARD'], exit: 0 },
  { name: 'detached-head', repo: 'detached', args: ['check', '--format', 'json'], exit: 0 },
  { name: 'file-folder-baseline', repo: 'plain', args: ['check', '--against', 'file:../baseline'], exit: 1 },
  // A baseline copy inside the workspace is not indexed (it would define every type twice).
  { name: 'file-single-baseline-inside', repo: 'inside', args: ['check', 'metering-event.avsc', '--against', 'file:old/metering-event.avsc', '--level', 'FORWARD'], exit: 0 },
  // A file with syntax errors is not checked; a baseline version with syntax errors is not checked against (AVRO-411).
  { name: 'broken-versions', repo: 'broken', args: ['check'], exit: 1 },
  // Baselines that cannot be read: exit 2 with a clear message, unless allowed.
  { name: 'not-a-repository', repo: 'plain', args: ['check', 'money.avsc'], exit: 2 },
  { name: 'not-a-repository-allowed', repo: 'plain', args: ['check', 'money.avsc', '--allow-missing-baseline'], exit: 0 },
  { name: 'shallow-missing-ref', repo: 'shallow', args: ['check', '--against', 'git:origin/main'], exit: 2 },
  { name: 'shallow-history', repo: 'shallow', args: ['check', '--against', 'git:history'], exit: 0 },
  { name: 'unknown-ref', repo: 'ci', args: ['check', '--against', 'git:origin/nope'], exit: 2 },
  { name: 'no-git', repo: 'ci', args: ['check', 'schemas/common'], exit: 2, noGit: true },
  { name: 'no-git-allowed-sarif', repo: 'ci', args: ['check', 'schemas/common', '--allow-missing-baseline', '--format', 'sarif'], exit: 0, noGit: true },
  // Usage.
  { name: 'bad-level', repo: 'ci', args: ['check', '--level', 'SIDEWAYS'], exit: 2 },
  { name: 'bad-against', repo: 'ci', args: ['check', '--against', 'svn:trunk'], exit: 2 },
  { name: 'bad-format', repo: 'ci', args: ['check', '--format', 'xml'], exit: 2 },
  { name: 'help-check', repo: 'ci', args: ['help', 'check'], exit: 0 },
];

function render(c: Case, r: CliRun): string {
  const norm = (s: string) => sandbox.normalize(s, packageInfo().version);
  return `$ avro-studio ${c.args.join(' ')}   (in ${c.repo}${c.noGit ? ', no git on PATH' : ''})\nexit ${r.exit}\n--- stdout\n${norm(r.stdout)}--- stderr\n${norm(r.stderr)}`;
}

function run(c: Pick<Case, 'repo' | 'args' | 'noGit'>): CliRun {
  return runCli(c.args, repos[c.repo], c.noGit ? { PATH: repos.nogit } : {});
}

describe('avro-studio check (golden outputs, built CLI, real repositories)', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const r = run(c);
      const actual = render(c, r);
      const file = path.join(EXPECTED, `${c.name}.txt`);
      if (UPDATE) fs.writeFileSync(file, actual);
      assert.equal(r.exit, c.exit, `exit code of ${c.name}\n${r.stdout}${r.stderr}`);
      assert.equal(actual, fs.readFileSync(file, 'utf8'));
    });
  }
  test('every golden file belongs to a case', () => {
    const names = new Set(CASES.map(c => `${c.name}.txt`));
    assert.deepEqual(fs.readdirSync(EXPECTED).filter(f => !names.has(f)), []);
  });
});

/** The output of a run without "ignore" or accepted findings: every file is a schema, with its compatibility. */
type SchemaCheckOutput = Omit<JsonCheckOutput, 'files'> & { files: Array<JsonCheckOutput['files'][number] & { compatibility: NonNullable<JsonCheckOutput['files'][number]['compatibility']> }> };

function json(c: Pick<Case, 'repo' | 'args' | 'noGit'>): SchemaCheckOutput {
  const r = run({ ...c, args: [...c.args, '--format', 'json'] });
  return JSON.parse(r.stdout) as SchemaCheckOutput;
}

describe('avro-studio check: behaviour', () => {
  test('a file changed since origin/main: the breaking changes at the field and the symbol list, the old places in the baseline', () => {
    const out = json({ repo: 'ci', args: ['check', 'schemas/events/metering-event.avsc', '--against', 'git:origin/main'] });
    const compat = out.files[0].compatibility;
    assert.equal(compat.status, 'incompatible');
    assert.equal(compat.versions[0].label, 'origin/main');
    assert.equal(compat.versions[0].commit, git(repos.ci, 'rev-parse', 'origin/main').trim());
    assert.deepEqual(compat.findings.map(f => [f.type, f.location, f.direction, f.range.start.line]).sort(), [
      ['MISSING_ENUM_SYMBOLS', '/fields/3/type/symbols', 'BACKWARD', 12],
      // Money changed in the working tree: the baseline's Money is read at origin/main, so the change shows here too.
      ['READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/5/type/fields/2', 'BACKWARD', 16],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', '/fields/7', 'BACKWARD', 18],
    ]);
    const text = fs.readFileSync(path.join(repos.ci, 'schemas/events/metering-event.avsc'), 'utf8').split('\n');
    const region = compat.findings.find(f => f.location === '/fields/7')!;
    assert.equal(text[region.range.start.line - 1].slice(region.range.start.column - 1, region.range.end.column - 1), '"region"');
    const old = git(repos.ci, 'show', 'origin/main:schemas/common/money.avsc').split('\n');
    const money = compat.findings.find(f => f.location === '/fields/5/type/fields/2')!;
    assert.equal(money.baseline?.path, 'schemas/common/money.avsc');
    // Something the old schema lacks is located where it would be: the old Money's "fields".
    assert.match(old[money.baseline!.range.start.line - 1], /^ {2}"fields": \[/);
    // The same findings are diagnostics with positions and codes: text and JSON agree.
    assert.deepEqual(out.files[0].diagnostics.map(d => d.code).sort(), ['AVRO-400', 'AVRO-400', 'AVRO-404']);
  });

  test('the baseline resolves named types at the same ref, not in the working tree', () => {
    // At origin/main Money has no "scale"; the working tree's Money has it without a default.
    const withRef = json({ repo: 'ci', args: ['check', 'schemas/events/metering-event.avsc', '--against', 'git:origin/main'] });
    assert.ok(withRef.files[0].compatibility.findings.some(f => f.message.includes('"scale"')));
    assert.deepEqual(withRef.files[0].compatibility.notes, []);
  });

  test('a renamed file is compared with its old path; a new file is a note, not a failure', () => {
    const out = json({ repo: 'ci', args: PASSING });
    const [purchase, refund] = out.files;
    assert.equal(purchase.compatibility.status, 'compatible');
    assert.deepEqual(purchase.compatibility.notes, ['schemas/events/purchase.avsc was schemas/events/order.avsc at origin/main']);
    assert.equal(purchase.compatibility.versions[0].path, 'schemas/events/order.avsc');
    assert.equal(refund.compatibility.status, 'new');
    assert.equal(out.summary.exitCode, 0);
    assert.deepEqual(out.summary.compatibility, { checked: 1, compatible: 1, incompatible: 0, new: 1, unavailable: 0, notChecked: 0, breakingChanges: 0 });
  });

  test('git:history with FULL_TRANSITIVE checks every version newest first and says which version each finding comes from', () => {
    const out = json({ repo: 'history', args: ['check', '--against', 'git:history', '--level', 'FULL_TRANSITIVE'] });
    const compat = out.files[0].compatibility;
    const short = (rev: string) => git(repos.history, 'rev-parse', '--short=7', rev).trim();
    const [h3, h2, h1] = [short('HEAD'), short('HEAD~1'), short('HEAD~2')];
    assert.deepEqual(compat.versions.map(v => v.label), [h3, h2, h1]);
    assert.deepEqual(compat.checks.map(c => `${c.version} ${c.direction} ${c.compatible}`), [
      `${h3} BACKWARD true`, `${h3} FORWARD false`, `${h2} BACKWARD true`, `${h2} FORWARD false`, `${h1} BACKWARD true`, `${h1} FORWARD false`,
    ]);
    assert.deepEqual(compat.findings.map(f => [f.type, f.direction, f.versions]), [
      ['MISSING_ENUM_SYMBOLS', 'FORWARD', [h3, h2, h1]],
      ['READER_FIELD_MISSING_DEFAULT_VALUE', 'FORWARD', [h1]],
    ]);
    assert.match(compat.findings[1].message, new RegExp(`^FULL_TRANSITIVE \\(vs ${h1}, forward\\): old readers cannot read new data: Field "legacy_code"`));
  });

  test('project file: the level of each file comes from its glob rule; --level overrides it', () => {
    const out = json({ repo: 'project', args: ['check'] });
    assert.deepEqual(out.files.map(f => [f.path, f.compatibility.level, f.compatibility.source.level, f.compatibility.status]), [
      ['schemas/events/audit-entry.avsc', 'FULL', 'project file', 'incompatible'],
      ['schemas/internal/audit-entry.avsc', 'NONE', 'project file', 'not-checked'],
      ['schemas/ledger/audit-entry.avsc', 'BACKWARD', 'project file', 'compatible'],
    ]);
    const overridden = json({ repo: 'project', args: ['check', '--level', 'BACKWARD'] });
    assert.ok(overridden.files.every(f => f.compatibility.level === 'BACKWARD' && f.compatibility.source.level === 'option'));
    const ignored = json({ repo: 'project', args: ['check', '--no-config'] });
    assert.ok(ignored.files.every(f => f.compatibility.level === 'BACKWARD' && f.compatibility.source.level === 'default'));
  });

  test('project file: "rules" per glob set the severity of compatibility findings too (a team that only reports them)', () => {
    const dir = sandbox.init('project-rules');
    const audit = version('audit-entry.v1.avsc');
    write(dir, 'schemas/events/audit-entry.avsc', audit);
    write(dir, 'avro-studio.json', JSON.stringify({ schemas: [{ files: 'schemas/events/**', rules: { 'AVRO-400': 'warning' } }] }) + '\n');
    sandbox.commit(dir, 'audit entry', 'r1');
    write(dir, 'schemas/events/audit-entry.avsc', version('audit-entry.v2-removed-field.avsc'));
    // The field removed without a default breaks FORWARD (old readers lack a value for it): AVRO-400.
    const checkJson = (args: string[]): JsonCheckOutput => JSON.parse(runCli([...args, '--format', 'json'], dir).stdout) as JsonCheckOutput;
    const out = checkJson(['check', '--level', 'FULL']);
    const findings = out.files[0].diagnostics.filter(d => d.code.startsWith('AVRO-40'));
    assert.ok(findings.length > 0, 'the change is breaking at FULL');
    assert.ok(findings.every(d => d.severity === (d.code === 'AVRO-400' ? 'warning' : 'error')), JSON.stringify(findings.map(d => [d.code, d.severity])));
    assert.equal(runCli(['check', '--level', 'FULL'], dir).exit, 0, 'a warning does not fail the run');
    const flagged = checkJson(['check', '--level', 'FULL', '--severity', 'AVRO-400=error']);
    assert.ok(flagged.files[0].diagnostics.filter(d => d.code === 'AVRO-400').every(d => d.severity === 'error'), '--severity wins over the project file');
  });

  test('an invalid project file is exit 2 with its positions', () => {
    const dir = sandbox.dir('bad-config');
    write(dir, 'avro-studio.json', '{\n  "compatibility": {"level": "SIDEWAYS"}\n}\n');
    write(dir, 'x.avsc', '"string"\n');
    const r = runCli(['check', '--allow-missing-baseline'], dir);
    assert.equal(r.exit, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^avro-studio check: the project file has a problem; fix it or pass --no-config:\navro-studio\.json:2:30: avro-studio\.json: "compatibility\.level" must be one of NONE, /);
  });

  test('--format github: the escaping of GitHub workflow commands, and $GITHUB_STEP_SUMMARY', () => {
    const summary = path.join(sandbox.root, 'step-summary.md');
    const r = runCli([...FAILING, '--format', 'github'], repos.ci, { GITHUB_STEP_SUMMARY: summary });
    const annotations = r.stdout.split('\n').filter(l => l.startsWith('::'));
    assert.equal(annotations.length, 4);
    for (const a of annotations) {
      const m = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(a);
      assert.ok(m, a);
      // Properties: no raw ':' or ',' inside values; the message: no raw newline, '%' escaped.
      for (const prop of m[2].split(',')) assert.match(prop, /^(file|line|col|endLine|endColumn|title)=[^:,]*$/);
      assert.doesNotMatch(m[3], /%(?!25|0A|0D)/);
    }
    // "scale" at line 9, columns 14-20 (1-based, inclusive) of money.avsc.
    assert.equal(fs.readFileSync(path.join(repos.ci, 'schemas/common/money.avsc'), 'utf8').split('\n')[8].slice(13, 20), '"scale"');
    assert.ok(annotations[0].startsWith('::error file=schemas/common/money.avsc,line=9,col=14,endLine=9,endColumn=20,title=AVRO-400::BACKWARD (vs origin/main): '));
    // A related place goes on its own line of the message (escaped).
    assert.match(annotations[2], /::BACKWARD \(vs origin\/main\): .*%0Aschemas\/common\/money\.avsc:9:14: where the new schema defines it$/);
    const md = fs.readFileSync(summary, 'utf8');
    assert.match(md, /^### Avro schemas\n\n4 problems \(4 errors, 0 warnings\) in 2 of 4 files\.\n/);
    assert.match(md, /\| `schemas\/events\/metering-event\.avsc` \| BACKWARD vs git:origin\/main \(<?[0-9a-f]{7}>?\) \| 3 breaking changes \|/);
  });

  test('--format junit is well-formed XML (parsed by Python\'s ElementTree), with paths and messages escaped', () => {
    const odd = sandbox.init('odd');
    const folder = 'R&D "lab" <v2>\'s';
    write(odd, `${folder}/money.avsc`, version('money.v1.avsc'));
    sandbox.commit(odd, 'money', 'o1');
    write(odd, `${folder}/money.avsc`, version('money.v2-breaking.avsc'));
    write(odd, `${folder}/broken.avsc`, version('broken.avsc'));
    const r = runCli(['check', '--format', 'junit'], odd);
    assert.equal(r.exit, 1);
    const script = [
      'import sys, json, xml.etree.ElementTree as ET',
      'root = ET.fromstring(sys.stdin.read())',
      'print(json.dumps({"root": [root.tag, root.get("tests"), root.get("failures"), root.get("skipped")],',
      '  "suites": [[s.get("name"), [[c.get("name"), [(x.tag, x.get("message"), (x.text or "")[:60]) for x in c]] for c in s]] for s in root]}))',
    ].join('\n');
    const parsed = spawnSync('python3', ['-c', script], { input: r.stdout, encoding: 'utf8' });
    assert.equal(parsed.status, 0, parsed.stderr);
    assert.deepEqual(JSON.parse(parsed.stdout), {
      root: ['testsuites', '4', '2', '1'],
      suites: [
        [`${folder}/broken.avsc`, [
          ['lint', [['failure', '1 error', `${folder}/broken.avsc:5:34: error AVRO-100 A value is expected`.slice(0, 60)]]],
          ['BACKWARD vs git:HEAD', [['skipped', 'new file, nothing to check', '']]],
        ]],
        [`${folder}/money.avsc`, [
          ['lint', []],
          [`BACKWARD vs git:HEAD: HEAD (${git(odd, 'rev-parse', '--short=7', 'HEAD').trim()})`, [['failure', '1 breaking change', `${folder}/money.avsc:9:14: error AVRO-400 READER_FIELD_MISSING_DEFAULT_VALUE`.slice(0, 60)]]],
        ]],
      ],
    });
  });

  test('GitHub escaping (actions/toolkit rules) and XML escaping, character by character', () => {
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('R&D: a,b%\n'), 'R&D%3A a%2Cb%25%0A');
    // Control characters XML 1.0 forbids (and that a terminal would obey) show as visible escapes.
    assert.equal(escapeAttribute(`a<b & "c" 'd'\n\u0001`), 'a&lt;b &amp; &quot;c&quot; &apos;d&apos;&#10;\\u0001');
    assert.equal(escapeText('x < y && z > w \uD800'), 'x &lt; y &amp;&amp; z &gt; w \uFFFD');
  });

  test('a detached HEAD is an ordinary baseline', () => {
    const out = json({ repo: 'detached', args: ['check'] });
    assert.deepEqual(out.files.map(f => [f.path, f.compatibility.status, f.compatibility.versions[0]?.label]), [
      ['schemas/common/money.avsc', 'compatible', 'HEAD'],
      ['schemas/events/metering-event.avsc', 'compatible', 'HEAD'],
      ['schemas/events/order.avsc', 'compatible', 'HEAD'],
    ]);
  });

  test('exit codes reach the shell: 0 compatible, 1 breaking, 2 baseline unavailable; 2 never prints a partial report', () => {
    assert.equal(run({ repo: 'ci', args: PASSING }).exit, 0);
    assert.equal(run({ repo: 'ci', args: FAILING }).exit, 1);
    const missing = run({ repo: 'plain', args: ['check', 'money.avsc', '--format', 'sarif'] });
    assert.equal(missing.exit, 2);
    assert.equal(missing.stdout, '');
    assert.match(missing.stderr, /is not inside a git repository/);
  });
});
