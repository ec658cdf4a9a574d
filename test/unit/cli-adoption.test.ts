// Adopting Avro Studio on a repository with findings, through the built CLI in real git repositories: --write-baseline then a re-run passes and a new violation fails (every format), fingerprints survive unrelated edits and new commits, stale entries, "ignore", inline suppressions, invalid entries (exit 2, on their line).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, git, runCli, Sandbox, write } from './cli-check-repos';

const sandbox = new Sandbox();
after(() => sandbox.dispose());
before(() => assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build it first`));

const FORMATS = ['text', 'json', 'github', 'junit', 'sarif'] as const;

/** An order with a union default on its second branch (AVRO-222) and, against HEAD, an enum symbol removed (AVRO-404). */
const ORDER_V1 = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.orders",
  "fields": [
    {"name": "id", "type": "long"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
    {"name": "discount", "type": ["null", "int"], "default": 0}
  ]
}
`;
const ORDER_WORK = ORDER_V1.replace('["NEW", "PAID", "SHIPPED"]', '["NEW", "PAID"]');
const LEGACY = `{
  "type": "record",
  "name": "Legacy",
  "namespace": "com.acme.legacy",
  "fields": [
    {"name": "note", "type": ["string", "null"], "default": null}
  ]
}
`;

let repos = 0;
/** A repository whose HEAD has the v1 order and the legacy record, and whose working tree removes a symbol. */
function repo(projectFile?: unknown): string {
  const dir = sandbox.init(`adopt-${++repos}`);
  write(dir, 'schemas/orders/order.avsc', ORDER_V1);
  write(dir, 'legacy/legacy.avsc', LEGACY);
  if (projectFile !== undefined) write(dir, 'avro-studio.json', typeof projectFile === 'string' ? projectFile : JSON.stringify(projectFile, null, 2) + '\n');
  sandbox.commit(dir, 'v1', `adopt-${repos}-v1`);
  write(dir, 'schemas/orders/order.avsc', ORDER_WORK);
  return dir;
}

function check(dir: string, ...args: string[]) {
  return runCli(['check', ...args], dir);
}

/** The codes and lines a run reports, from its JSON output. */
function reported(dir: string, ...args: string[]): string[] {
  const r = check(dir, '--format', 'json', ...args);
  const out = JSON.parse(r.stdout) as { files: Array<{ path: string; diagnostics: Array<{ code: string; range: { start: { line: number } } }> }> };
  return out.files.flatMap(f => f.diagnostics.map(d => `${f.path}:${d.range.start.line} ${d.code}`));
}

describe('accepted findings: --write-baseline, then only new findings fail', () => {
  test('write, re-run passes in every format; a new violation fails in every format and only it is reported', () => {
    const dir = repo();
    assert.deepEqual(reported(dir), ['legacy/legacy.avsc:6 AVRO-222', 'schemas/orders/order.avsc:7 AVRO-404', 'schemas/orders/order.avsc:8 AVRO-222']);
    assert.equal(check(dir).exit, 1);
    write(dir, 'avro-studio.json', JSON.stringify({ acceptedFindings: '.avro-studio/accepted-findings.json' }));

    const w = check(dir, '--write-baseline', '.avro-studio/accepted-findings.json');
    assert.equal(w.exit, 0, w.stdout + w.stderr);
    assert.match(w.stderr, /^avro-studio check: wrote 3 accepted findings in 2 files to \.avro-studio\/accepted-findings\.json\. Commit it: from now on only new findings are reported\.$/m);
    const written = fs.readFileSync(path.join(dir, '.avro-studio/accepted-findings.json'), 'utf8');
    const parsed = JSON.parse(written) as { version: number; findings: Array<{ file: string; code: string; path: string; hash: string }> };
    assert.equal(parsed.version, 1);
    assert.deepEqual(parsed.findings.map(f => [f.file, f.code, f.path]), [
      ['legacy/legacy.avsc', 'AVRO-222', '/fields/note/default'],
      ['schemas/orders/order.avsc', 'AVRO-222', '/fields/discount/default'],
      ['schemas/orders/order.avsc', 'AVRO-404', '/fields/status/type/symbols'],
    ].sort());
    // Stable: writing again gives the same bytes.
    check(dir, '--write-baseline', '.avro-studio/accepted-findings.json');
    assert.equal(fs.readFileSync(path.join(dir, '.avro-studio/accepted-findings.json'), 'utf8'), written);

    for (const format of FORMATS) {
      const r = check(dir, '--format', format);
      assert.equal(r.exit, 0, `${format}: ${r.stdout}${r.stderr}`);
      // JSON lists the accepted findings apart ("accepted"); no format reports them.
      if (format === 'json') assert.deepEqual((JSON.parse(r.stdout) as { files: Array<{ diagnostics: unknown[] }> }).files.flatMap(f => f.diagnostics), []);
      else assert.doesNotMatch(r.stdout, /AVRO-222|AVRO-404/, format);
    }
    const text = check(dir);
    assert.match(text.stdout, /^No problems in 2 files\. Not reported: 3 accepted\.$/m);
    const json = JSON.parse(check(dir, '--format', 'json').stdout) as { summary: { accepted: number }; files: Array<{ accepted?: unknown[] }> };
    assert.equal(json.summary.accepted, 3);
    assert.equal(json.files.flatMap(f => f.accepted ?? []).length, 3);

    // A new violation: a second field with a default on its second branch.
    write(dir, 'schemas/orders/order.avsc', ORDER_WORK.replace('{"name": "id", "type": "long"},', '{"name": "id", "type": "long"},\n    {"name": "coupon", "type": ["null", "string"], "default": "none"},'));
    assert.deepEqual(reported(dir), ['schemas/orders/order.avsc:7 AVRO-222']);
    for (const format of FORMATS) {
      const r = check(dir, '--format', format);
      assert.equal(r.exit, 1, `${format}: ${r.stdout}${r.stderr}`);
      const shown = format === 'json' ? JSON.stringify((JSON.parse(r.stdout) as { files: Array<{ diagnostics: unknown[] }> }).files.map(f => f.diagnostics)) : r.stdout;
      assert.match(shown, /The default \\?"none\\?" matches the 2nd branch/, format);
      assert.doesNotMatch(shown, /The default 0 matches|The default null matches|AVRO-404/, format);
    }
  });

  test('fingerprints survive unrelated edits (fields inserted above, reformatting) and a new baseline commit', () => {
    const dir = repo({ acceptedFindings: 'accepted.json' });
    assert.equal(check(dir, '--write-baseline', 'accepted.json').exit, 0);
    // Fields inserted before, the file reformatted: the same findings at other lines.
    write(dir, 'schemas/orders/order.avsc', JSON.stringify(JSON.parse(ORDER_WORK.replace('"fields": [', '"fields": [{"name": "a", "type": "string", "default": ""}, {"name": "b", "type": "string", "default": ""},')), null, 4) + '\n');
    assert.deepEqual(reported(dir), []);
    // A new commit of the baseline: the AVRO-404 message names another commit, still the same finding.
    write(dir, 'legacy/legacy.avsc', LEGACY.replace('"Legacy"', '"Legacy", "doc": "kept for old producers"'));
    git(dir, 'add', 'legacy');
    git(dir, 'commit', '-q', '--no-gpg-sign', '-m', 'doc');
    assert.deepEqual(reported(dir), []);
    // Against the same commit named by its id, or by a branch (the messages name the baseline): still the same findings.
    const head = git(dir, 'rev-parse', 'HEAD').trim();
    assert.deepEqual(reported(dir, '--against', `git:${head}`), []);
    assert.deepEqual(reported(dir, '--against', 'git:main'), []);
  });

  test('stale entries: a fixed finding is an AVRO-683 note on its line of the file (not failing), saying how to refresh', () => {
    const dir = repo({ acceptedFindings: 'accepted.json' });
    check(dir, '--write-baseline', 'accepted.json');
    write(dir, 'legacy/legacy.avsc', LEGACY.replace('["string", "null"]', '["null", "string"]'));
    const r = check(dir);
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^accepted\.json:5:5: info AVRO-683 The accepted AVRO-222 finding at \/fields\/note\/default of legacy\/legacy\.avsc is no longer found .* Refresh the file with `avro-studio check --write-baseline accepted\.json`\.$/m);
    // A deleted file's entries are stale too; a file not checked in this run is not judged.
    const only = check(dir, 'schemas/orders/order.avsc');
    assert.doesNotMatch(only.stdout, /AVRO-683/);
    fs.rmSync(path.join(dir, 'legacy/legacy.avsc'));
    assert.match(check(dir, 'schemas/orders/order.avsc').stdout, /AVRO-683 The accepted AVRO-222 finding at \/fields\/note\/default of legacy\/legacy\.avsc/);
  });

  test('lint writes and reads the same file; --baseline-findings without a project file; lint does not call compatibility entries stale', () => {
    const dir = repo();
    const w = runCli(['lint', '--write-baseline', 'lint-accepted.json'], dir);
    assert.equal(w.exit, 0, w.stderr);
    assert.match(w.stderr, /Commit it and set "acceptedFindings": "lint-accepted\.json" in avro-studio\.json \(or pass --baseline-findings lint-accepted\.json\)/);
    assert.equal(runCli(['lint', '--baseline-findings', 'lint-accepted.json'], dir).exit, 0);
    // check also finds the AVRO-404, which lint did not accept.
    assert.deepEqual(reported(dir, '--baseline-findings', 'lint-accepted.json'), ['schemas/orders/order.avsc:7 AVRO-404']);
    // A check baseline read by lint: its AVRO-404 entry is not stale for lint.
    check(dir, '--write-baseline', 'check-accepted.json');
    const lint = runCli(['lint', '--baseline-findings', 'check-accepted.json'], dir);
    assert.equal(lint.exit, 0);
    assert.doesNotMatch(lint.stdout, /AVRO-683/);
  });

  test('an accepted findings file that is missing, broken or outside the project folder: exit 2 with what to do', () => {
    const missing = repo({ acceptedFindings: 'nope.json' });
    const r1 = check(missing);
    assert.equal(r1.exit, 2);
    assert.match(r1.stderr, /the accepted findings file nope\.json does not exist: write it with `avro-studio check --write-baseline nope\.json`/);
    const broken = repo({ acceptedFindings: 'broken.json' });
    write(broken, 'broken.json', '{"version": 7, "findings": []}');
    assert.match(check(broken).stderr, /broken\.json has "version" 7, but this Avro Studio reads version 1: write it again/);
    const outside = repo('{\n  "acceptedFindings": "../elsewhere.json"\n}\n');
    const r3 = check(outside);
    assert.equal(r3.exit, 2);
    assert.match(r3.stderr, /avro-studio\.json:2:23: avro-studio\.json: "acceptedFindings" names "\.\.\/elsewhere\.json", which leads out of that folder/);
  });
});

describe('"ignore" in avro-studio.json', () => {
  test('a category ignores each of its codes (here "compatibility": the breaking change), and a stale one is quoted as written', () => {
    const dir = repo({
      ignore: [
        { rules: ['compatibility'], files: 'schemas/orders/*.avsc', reason: 'SHIPPED was never produced' },
        { rules: ['policy/naming'], files: ['schemas/**'], reason: 'left over' },
      ],
    });
    const found = reported(dir);
    assert.ok(!found.some(f => /AVRO-4\d\d$/.test(f)), found.join(', '));
    const text = check(dir);
    assert.match(text.stdout, /"ignore\[1\]" \(policy\/naming in schemas\/\*\*\) matches no finding/);
  });

  test('matching findings are not reported in any format; an entry that matches nothing is AVRO-682 on its line', () => {
    const dir = repo({
      ignore: [
        { rules: ['AVRO-222'], files: ['legacy/**'], reason: 'legacy producers, retired in Q3' },
        { rules: ['AVRO-404'], files: 'schemas/orders/*.avsc', reason: 'SHIPPED was never produced' },
        { rules: ['AVRO-303'], files: ['schemas/**'], reason: 'left over' },
      ],
    });
    assert.deepEqual(reported(dir), ['avro-studio.json:19 AVRO-682', 'schemas/orders/order.avsc:8 AVRO-222']);
    const text = check(dir);
    assert.equal(text.exit, 1);
    assert.match(text.stdout, /^avro-studio\.json:19:5: warning AVRO-682 "ignore\[2\]" \(AVRO-303 in schemas\/\*\*\) matches no finding in the files checked/m);
    assert.match(text.stdout, /Not reported: 2 ignored\./);
    // The compatibility line says why the breaking change is not counted.
    assert.match(text.stdout, /^schemas\/orders\/order\.avsc: BACKWARD vs git:HEAD .*: compatible\n {2}note: 1 breaking change is not reported: suppressed, ignored or accepted/m);
    for (const format of FORMATS) assert.doesNotMatch(check(dir, '--format', format).stdout, /AVRO-404/, format);
    // lint does not look for AVRO-404: the entry that ignores it is not stale there (ignore[2] still is).
    const lint = runCli(['lint'], dir);
    assert.doesNotMatch(lint.stdout, /"ignore\[1\]"/);
    assert.match(lint.stdout, /"ignore\[2\]" \(AVRO-303 in schemas\/\*\*\) matches no finding/);
  });

  test('invalid entries: unknown code, bad glob, missing reason, unknown key: exit 2, each on its line', () => {
    const dir = repo(`{
  "ignore": [
    { "rules": ["AVRO-999"], "files": ["legacy/**"], "reason": "x" },
    { "rules": ["AVRO-222"], "files": ["legacy/[abc"], "reason": "x" },
    { "rules": ["AVRO-222"], "files": ["legacy/**"] },
    { "files": ["../outside/**"], "reason": "x", "because": "y" }
  ]
}
`);
    const r = check(dir);
    assert.equal(r.exit, 2);
    assert.equal(r.stderr, [
      'avro-studio check: the project file has 5 problems; fix them or pass --no-config:',
      'avro-studio.json:3:17: avro-studio.json: "ignore[0].rules": unknown code or category "AVRO-999" (codes look like AVRO-404, categories like "compatibility" or "policy/naming"; docs/rules.md lists them).',
      'avro-studio.json:4:40: avro-studio.json: "ignore[1].files": "legacy/[abc" is not a valid glob (an unclosed bracket or brace).',
      'avro-studio.json:5:5: avro-studio.json: "ignore[2]" needs a "reason": why these findings are accepted, for reviewers and later readers.',
      'avro-studio.json:6:61: avro-studio.json: "ignore[3]": unknown key "because" (expected rules, files, reason).',
      'avro-studio.json:6:17: avro-studio.json: "ignore[3].files": "../outside/**" leads out of that folder with "..": globs are relative to the folder of avro-studio.json.',
      '',
    ].join('\n'));
  });
});

describe('inline suppressions: // avro-studio-ignore AVRO-xxx: reason', () => {
  test('one finding on the next line (or its own line); no reason or unknown code is AVRO-681; unused is AVRO-680; no AVRO-101 for them', () => {
    const dir = repo();
    write(dir, 'schemas/orders/order.avsc', `{
  "type": "record",
  "name": "Order",
  "namespace": "com.acme.orders",
  "fields": [
    {"name": "id", "type": "long"},
    // avro-studio-ignore AVRO-404: SHIPPED was never produced
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
    // avro-studio-ignore AVRO-222: read by Java 1.12 consumers only
    {"name": "discount", "type": ["null", "int"], "default": 0},
    {"name": "coupon", "type": ["null", "string"], "default": "x"}, // avro-studio-ignore AVRO-222
    // avro-studio-ignore AVRO-222: nothing to suppress here
    {"name": "total", "type": "long", "default": 0},
    // avro-studio-ignore AVRO-9999: typo
    {"name": "ok", "type": "long", "default": 0}
  ]
}
`);
    const r = check(dir, 'schemas/orders/order.avsc');
    assert.deepEqual(reported(dir, 'schemas/orders/order.avsc'), [
      'schemas/orders/order.avsc:11 AVRO-222',
      'schemas/orders/order.avsc:11 AVRO-681',
      'schemas/orders/order.avsc:12 AVRO-680',
      'schemas/orders/order.avsc:14 AVRO-681',
    ]);
    assert.match(r.stdout, /:11:\d+: error AVRO-681 This suppression comment gives no reason: write why the AVRO-222 finding is accepted after a colon/);
    assert.match(r.stdout, /:12:5: warning AVRO-680 This suppression comment suppresses nothing: there is no AVRO-222 finding on line 13\./);
    assert.match(r.stdout, /:14:5: error AVRO-681 This suppression comment names "AVRO-9999", which is no Avro Studio code/);
    assert.match(r.stdout, /Not reported: 2 suppressed\./);
    assert.doesNotMatch(r.stdout, /AVRO-101/);
    // lint does not look for AVRO-404: that suppression is not called unused there.
    const lint = runCli(['lint', 'schemas/orders/order.avsc', '--format', 'json'], dir);
    assert.doesNotMatch(lint.stdout, /AVRO-404/);
    assert.equal((lint.stdout.match(/AVRO-680/g) ?? []).length, 1);
  });
});

test('git is only read, never written, by the adoption commands (the baseline is the committed HEAD)', () => {
  const dir = repo({ acceptedFindings: 'accepted.json' });
  const before = git(dir, 'status', '--porcelain');
  check(dir, '--write-baseline', 'accepted.json');
  assert.equal(git(dir, 'status', '--porcelain'), before + '?? accepted.json\n');
});
