// The `avro-studio` CLI: data-driven cases (test/fixtures/cli/cases.json) compared with golden outputs, plus the built binary's exit codes.
//
// Each case runs `avro-studio <args>` in a fixture folder and compares stdout, stderr and the exit
// code with test/fixtures/cli/expected/<name>.txt. UPDATE_EXPECT=1 rewrites the golden files:
// review the diff.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import type { CliIO } from '../../server/src/cli/io';
import type { JsonLintOutput } from '../../server/src/cli/formats/json';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { packageInfo } from '../../server/src/node/packageInfo';
import { DIST, fixture } from '../helpers/paths';

const ROOT = fixture('cli');
const UPDATE = process.env.UPDATE_EXPECT === '1';

interface Case {
  name: string;
  cwd: string;
  args: string[];
  exit: number;
}

interface Run {
  stdout: string;
  stderr: string;
  exit: number;
}

async function run(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd,
    env,
    stdout: { write: s => void (stdout += s), isTTY: false },
    stderr: { write: s => void (stderr += s), isTTY: false },
    fs: nodeFileSystem,
  };
  const exit = await runCli(args, io);
  return { stdout, stderr, exit };
}

/** Machine-independent: the fixture root and the version become placeholders. */
function normalize(text: string): string {
  const uriRoot = 'file://' + ROOT.split(path.sep).map(encodeURIComponent).join('/').replace(/^\/+/, '/');
  return text.split(uriRoot).join('file://<fixtures>').split(ROOT).join('<fixtures>').split(packageInfo().version).join('<version>');
}

function render(c: Case, r: Run): string {
  return `$ avro-studio ${c.args.map(a => (/[\s*]/.test(a) ? `'${a}'` : a)).join(' ')}   (in ${c.cwd})\nexit ${r.exit}\n--- stdout\n${normalize(r.stdout)}--- stderr\n${normalize(r.stderr)}`;
}

const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'cases.json'), 'utf8'));

describe('avro-studio CLI (golden outputs)', () => {
  for (const c of cases) {
    test(c.name, async () => {
      const r = await run(c.args, path.join(ROOT, c.cwd));
      const actual = render(c, r);
      const file = path.join(ROOT, 'expected', `${c.name}.txt`);
      if (UPDATE) fs.writeFileSync(file, actual);
      assert.equal(r.exit, c.exit, `exit code of ${c.name}\n${r.stdout}${r.stderr}`);
      assert.equal(actual, fs.readFileSync(file, 'utf8'));
    });
  }
  test('every golden file belongs to a case', () => {
    const names = new Set(cases.map(c => `${c.name}.txt`));
    assert.deepEqual(fs.readdirSync(path.join(ROOT, 'expected')).filter(f => !names.has(f)), []);
  });
});

describe('avro-studio lint: behaviour', () => {
  test('text lines are exactly path:line:col: severity code message, relative to the working directory', async () => {
    const r = await run(['lint', 'errors'], ROOT);
    const lines = r.stdout.trimEnd().split('\n');
    const problems = lines.slice(0, -1);
    assert.equal(problems.length, 4);
    for (const line of problems) assert.match(line, /^errors\/[\w/.-]+\.avsc:\d+:\d+: (error|warning|info|hint) AVRO-\d{3} \S.*$/);
    // The trailing comma of broken.avsc: line 6, column 50 (1-based).
    const text = fs.readFileSync(path.join(ROOT, 'errors', 'broken.avsc'), 'utf8').split('\n');
    assert.equal(text[5][49], ',');
    assert.ok(problems.includes('errors/broken.avsc:6:50: error AVRO-102 Trailing comma: JSON does not allow a comma before ]. Remove it.'));
    assert.equal(lines[lines.length - 1], '4 problems (2 errors, 2 warnings) in 2 of 3 files.');
  });

  test('JSON output parses and agrees with the text output', async () => {
    const json = JSON.parse((await run(['lint', 'errors', '--format', 'json'], ROOT)).stdout) as JsonLintOutput;
    const text = (await run(['lint', 'errors'], ROOT)).stdout.trimEnd().split('\n').slice(0, -1);
    const fromJson = json.files.flatMap(f => f.diagnostics.map(d => `${f.path}:${d.range.start.line}:${d.range.start.column}: ${d.severity} ${d.code} ${d.message}`));
    assert.deepEqual(fromJson, text);
    assert.equal(json.version, 1);
    assert.deepEqual(json.files.map(f => [f.path, f.errorCount, f.warningCount]), [['errors/broken.avsc', 2, 0], ['errors/nested/warnings.avsc', 0, 2], ['errors/ok.avsc', 0, 0]]);
    assert.deepEqual({ ...json.summary }, { files: 3, filesWithProblems: 2, errors: 2, warnings: 2, infos: 0, hints: 0, maxWarnings: null, tooManyWarnings: false, exitCode: 1, accepted: 0, ignored: 0, suppressed: 0 });
    const dup = json.files[1].diagnostics.find(d => d.code === 'AVRO-103')!;
    assert.deepEqual(dup.related.map(r => [r.path, r.range.start.line, r.message]), [['errors/nested/warnings.avsc', 5, 'the occurrence that is used']]);
  });

  test('named types resolve across files exactly when the defining file is under --root', async () => {
    const inRoot = await run(['lint', 'clean/events/payment.avsc', '--root', 'clean'], ROOT);
    assert.equal(inRoot.exit, 0, inRoot.stdout);
    const narrow = await run(['lint', 'clean/events/payment.avsc', '--root', 'clean/events', '--format', 'json'], ROOT);
    const out = JSON.parse(narrow.stdout) as JsonLintOutput;
    assert.deepEqual(out.files[0].diagnostics.map(d => [d.code, d.range.start.line]), [['AVRO-303', 7], ['AVRO-303', 8]]);
  });

  test('"specVersion" of avro-studio.json applies to lint as in the editor; --spec-version wins', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-studio-lint-spec-'));
    try {
      // A forward reference: an error for Avro 1.11, resolved by 1.12.
      const forward = '{"type": "record", "name": "R", "namespace": "a", "fields": [\n  {"name": "x", "type": "B"},\n  {"name": "y", "type": {"type": "fixed", "name": "B", "size": 2}}\n]}\n';
      fs.mkdirSync(path.join(dir, 'schemas'));
      fs.writeFileSync(path.join(dir, 'schemas', 'r.avsc'), forward);
      const codes = async (args: string[]) => (JSON.parse((await run(['lint', 'schemas', '--format', 'json', ...args], dir)).stdout) as JsonLintOutput).files[0].diagnostics.map(d => d.code);
      assert.deepEqual(await codes([]), ['AVRO-304'], 'no project file: 1.11');
      fs.writeFileSync(path.join(dir, 'avro-studio.json'), JSON.stringify({ specVersion: '1.12' }));
      assert.deepEqual(await codes([]), [], 'the project file says 1.12');
      assert.deepEqual(await codes(['--root', 'schemas']), [], 'found above --root');
      assert.deepEqual(await codes(['--spec-version', '1.11']), ['AVRO-304'], 'the flag wins');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('NO_COLOR and a non-TTY give plain text; --color forces ANSI colors', async () => {
    assert.doesNotMatch((await run(['lint', 'errors/broken.avsc'], ROOT)).stdout, /\x1b\[/);
    assert.match((await run(['lint', 'errors/broken.avsc', '--color'], ROOT)).stdout, /\x1b\[31merror\x1b\[0m/);
    assert.doesNotMatch((await run(['lint', 'errors/broken.avsc', '--color', '--no-color'], ROOT)).stdout, /\x1b\[/);
  });

  test('--version prints the package version', async () => {
    const r = await run(['--version'], ROOT);
    assert.equal(r.stdout, `avro-studio ${packageInfo().version}\n`);
    assert.match(packageInfo().version, /^\d+\.\d+\.\d+/);
  });
});

describe('the built CLI (dist/cli.js)', () => {
  const cli = process.env.AVRO_STUDIO_CLI ?? path.join(DIST, 'cli.js');
  const exec = (args: string[], cwd: string) => spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

  test('exit codes 0, 1 and 2 reach the shell, output is flushed', () => {
    assert.ok(fs.existsSync(cli), `${cli} does not exist: build it first (node esbuild.mjs)`);
    const clean = exec(['lint'], path.join(ROOT, 'clean'));
    assert.equal(clean.status, 0, clean.stderr);
    assert.equal(clean.stdout, 'No problems in 3 files.\n');
    const errors = exec(['lint', '--format', 'json'], path.join(ROOT, 'errors'));
    assert.equal(errors.status, 1);
    assert.equal((JSON.parse(errors.stdout) as JsonLintOutput).summary.errors, 2);
    const missing = exec(['lint', 'nope.avsc'], ROOT);
    assert.equal(missing.status, 2);
    assert.equal(missing.stderr, "avro-studio lint: no such file or directory: 'nope.avsc'\n");
    assert.equal(missing.stdout, '');
  });
});
