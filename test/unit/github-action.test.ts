// action.yml run as GitHub runs a composite action: each step of the real file in order, its `env` and `if` evaluated, in a fake GITHUB_* environment (workspace, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY) over a shallow clone of a real git repository.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, DIST } from '../helpers/paths';
import { git } from './cli-check-repos';

const yaml = createRequire(__filename)('js-yaml') as { load(text: string): unknown };

interface Step {
  name: string;
  id?: string;
  if?: string;
  shell?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

interface Action {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = yaml.load(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;

interface StepResult {
  name: string;
  ran: boolean;
  status?: number | null;
  stdout?: string;
  /** For a `uses:` step: its `with`, evaluated (it is not run here). */
  with?: Record<string, string>;
}

interface ActionRun {
  steps: StepResult[];
  /** The action's outputs, as action.yml maps them. */
  outputs: Record<string, string>;
  summary: string;
  /** Step outputs by step id. */
  stepOutputs: Record<string, Record<string, string>>;
}

let tmp: string;
let tarball: string;

/** name=value lines (and name<<DELIM heredocs) of a GITHUB_OUTPUT file. */
function readOutputs(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n') : [];
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]);
    if (heredoc) {
      const body: string[] = [];
      while (++i < lines.length && lines[i] !== heredoc[2]) body.push(lines[i]);
      out[heredoc[1]] = body.join('\n');
    } else if (lines[i].includes('=')) {
      out[lines[i].slice(0, lines[i].indexOf('='))] = lines[i].slice(lines[i].indexOf('=') + 1);
    }
  }
  return out;
}

/**
 * Runs action.yml's steps with `inputs` (over the defaults) in `workspace`. Expressions: inputs.*,
 * github.action_path, steps.<id>.outputs.*, always(), == and != with a quoted string, &&: what
 * action.yml uses (an unknown expression fails the test).
 */
function runAction(workspace: string, inputs: Record<string, string>, github: Record<string, string> = {}): ActionRun {
  const runDir = fs.mkdtempSync(path.join(tmp, 'run-'));
  const values: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) values[name] = inputs[name] ?? spec.default ?? '';
  const stepOutputs: Record<string, Record<string, string>> = {};
  const lookup = (expr: string): string => {
    const e = expr.trim();
    let m: RegExpExecArray | null;
    if ((m = /^inputs\.([\w-]+)$/.exec(e))) return values[m[1]] ?? '';
    if (e === 'github.action_path') return REPO_ROOT;
    if ((m = /^steps\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e))) return stepOutputs[m[1]]?.[m[2]] ?? '';
    if ((m = /^'([^']*)'$/.exec(e))) return m[1];
    throw new Error(`expression not understood by this test: ${e}`);
  };
  const evaluate = (text: string): string => text.replace(/\$\{\{(.*?)\}\}/g, (_, e: string) => lookup(e));
  const condition = (text: string | undefined): boolean => {
    if (text === undefined) return true;
    const inner = text.trim().replace(/^\$\{\{([\s\S]*)\}\}$/, '$1');
    return inner.split('&&').every(term => {
      const t = term.trim();
      if (t === 'always()') return true;
      const m = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(t);
      if (!m) throw new Error(`condition not understood by this test: ${t}`);
      return (lookup(m[1]) === lookup(m[3])) === (m[2] === '==');
    });
  };
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(GITHUB_|RUNNER_|INPUT_)/.test(k)) base[k] = v;
  const summary = path.join(runDir, 'step-summary.md');
  const runnerTemp = path.join(runDir, 'runner-temp');
  fs.mkdirSync(runnerTemp);
  const steps: StepResult[] = [];
  let failed = false;
  for (const [i, step] of action.runs.steps.entries()) {
    // A step without `if` runs only while every earlier step succeeded (success()).
    if (!(step.if === undefined ? !failed : condition(step.if))) {
      steps.push({ name: step.name, ran: false });
      continue;
    }
    if (step.uses) {
      steps.push({ name: step.name, ran: true, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, evaluate(String(v))])) });
      continue;
    }
    assert.equal(step.shell, 'bash', `${step.name}: shell`);
    const output = path.join(runDir, `output-${i}`);
    const script = path.join(runDir, `step-${i}.sh`);
    fs.writeFileSync(script, evaluate(step.run!));
    const env: NodeJS.ProcessEnv = {
      ...base,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, evaluate(String(v))])),
      GITHUB_WORKSPACE: workspace,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: summary,
      GITHUB_ACTIONS: 'true',
      RUNNER_TEMP: runnerTemp,
      NO_COLOR: '1',
      ...github,
    };
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], { cwd: workspace, env, encoding: 'utf8' });
    steps.push({ name: step.name, ran: true, status: r.status, stdout: r.stdout + r.stderr });
    if (step.id) stepOutputs[step.id] = readOutputs(output);
    if (r.status !== 0) failed = true;
  }
  const outputs = Object.fromEntries(Object.entries(action.outputs).map(([k, v]) => [k, evaluate(v.value)]));
  return { steps, outputs, summary: fs.existsSync(summary) ? fs.readFileSync(summary, 'utf8') : '', stepOutputs };
}

const step = (r: ActionRun, name: string): StepResult => r.steps.find(s => s.name === name)!;

const ORDER_V1 = `{
  "type": "record",
  "name": "Order",
  "namespace": "com.example",
  "fields": [
    { "name": "id", "type": "string" }
  ]
}
`;
const BREAKING = ORDER_V1.replace('{ "name": "id", "type": "string" }', '{ "name": "id", "type": "string" },\n    { "name": "total", "type": "long" }');
const COMPLIANT = ORDER_V1.replace('{ "name": "id", "type": "string" }', '{ "name": "id", "type": "string" },\n    { "name": "note", "type": ["null", "string"], "default": null }');
const WARNING_ONLY = `// a comment: Java reads it, JSON tools do not\n${ORDER_V1}`;

/** An "origin" repository with main (ORDER_V1) and a branch with `text`, and the runner's checkout: a shallow clone of that branch only (no origin/main). */
function pullRequest(name: string, text: string): { workspace: string; v1: string } {
  const origin = path.join(tmp, `${name}-origin`);
  fs.mkdirSync(path.join(origin, 'schemas'), { recursive: true });
  git(origin, 'init', '-q', '-b', 'main');
  fs.writeFileSync(path.join(origin, 'schemas', 'order.avsc'), ORDER_V1);
  git(origin, 'add', '-A');
  git(origin, 'commit', '-q', '--no-gpg-sign', '-m', 'v1');
  const v1 = git(origin, 'rev-parse', 'HEAD').trim();
  git(origin, 'checkout', '-q', '-b', 'change');
  fs.writeFileSync(path.join(origin, 'schemas', 'order.avsc'), text);
  git(origin, 'commit', '-q', '--no-gpg-sign', '-am', 'change');
  const workspace = path.join(tmp, `${name}-workspace`);
  git(tmp, 'clone', '-q', '--depth=1', '--single-branch', '--branch', 'change', `file://${origin}`, workspace);
  return { workspace, v1 };
}

before(() => {
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-action-')));
  assert.ok(fs.existsSync(path.join(DIST, 'cli.js')), 'dist/cli.js is missing: run `npm run build` first (npm test does)');
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  tarball = path.join(tmp, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the GitHub Action (action.yml)', () => {
  test('a pull request with a breaking change: CLI installed from the npm tarball, base branch fetched, annotation, outputs, summary, SARIF, upload, failed job', () => {
    const { workspace } = pullRequest('breaking', BREAKING);
    const r = runAction(workspace, { package: tarball, 'upload-sarif': 'true', 'sarif-file': 'reports/avro.sarif' }, {
      GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main',
      npm_config_offline: 'true', npm_config_cache: path.join(tmp, 'npm-cache'),
    });
    const setup = step(r, 'Set up the avro-studio CLI');
    assert.equal(setup.status, 0, setup.stdout);
    assert.match(setup.stdout!, /Using avro-studio \d+\.\d+\.\d+/);
    assert.ok(r.stepOutputs.cli.cli.startsWith(path.join(tmp, 'run-')), 'the CLI was installed into RUNNER_TEMP');

    const check = step(r, 'avro-studio check');
    assert.equal(check.status, 0, check.stdout);
    assert.match(check.stdout!, /Fetching origin\/main, the pull request's base branch/);
    assert.match(check.stdout!, /^::error file=schemas\/order\.avsc,line=7,col=15,endLine=7,endColumn=\d+,title=AVRO-400::BACKWARD \(vs origin\/main\): new readers cannot read old data/m);
    assert.deepEqual({ ...r.outputs }, { 'exit-code': '1', errors: '1', warnings: '0', 'sarif-file': 'reports/avro.sarif', baseline: 'git:origin/main' });
    assert.equal(r.stepOutputs.check.failed, 'true');
    assert.match(r.summary, /^\| `schemas\/order\.avsc` \| BACKWARD vs git:origin\/main \([0-9a-f]+\) \| 1 breaking change \| `AVRO-400`/m, 'the step summary has a row for the file');

    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'reports', 'avro.sarif'), 'utf8'));
    assert.equal(sarif.version, '2.1.0');
    const [result] = sarif.runs[0].results;
    assert.equal(result.ruleId, 'AVRO-400');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'schemas/order.avsc');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 7);

    assert.deepEqual(step(r, 'Upload SARIF to code scanning').with, { sarif_file: 'reports/avro.sarif', category: 'avro-studio' });
    const result2 = step(r, 'Result');
    assert.equal(result2.status, 1, 'the job fails');
    assert.match(result2.stdout!, /::error title=avro-studio check::avro-studio check failed: 1 error, 0 warnings/);
  });

  test('a compliant pull request passes; no upload unless asked', () => {
    const { workspace } = pullRequest('compliant', COMPLIANT);
    const r = runAction(workspace, { cli: path.join(DIST, 'cli.js') }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(step(r, 'avro-studio check').status, 0);
    assert.equal(r.outputs['exit-code'], '0');
    assert.equal(r.stepOutputs.check.failed, 'false');
    assert.equal(step(r, 'Upload SARIF to code scanning').ran, false);
    assert.equal(step(r, 'Result').ran, false);
    const sarifFile = r.outputs['sarif-file'];
    assert.ok(path.isAbsolute(sarifFile) && fs.existsSync(sarifFile), 'the SARIF report is in RUNNER_TEMP by default');
    assert.deepEqual(JSON.parse(fs.readFileSync(sarifFile, 'utf8')).runs[0].results, []);
  });

  test('fail-on: none reports a breaking change without failing; warning fails on a warning alone', () => {
    const breaking = pullRequest('report-only', BREAKING).workspace;
    const none = runAction(breaking, { cli: path.join(DIST, 'cli.js'), 'fail-on': 'none' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(none.outputs['exit-code'], '1');
    assert.equal(none.stepOutputs.check.failed, 'false');
    assert.match(none.stepOutputs.check.message, /passed: 1 error, 0 warnings \(fail-on: none\)/);
    assert.equal(step(none, 'Result').ran, false);

    const warned = pullRequest('warning', WARNING_ONLY).workspace;
    const lenient = runAction(warned, { cli: path.join(DIST, 'cli.js') }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(lenient.outputs['exit-code'], '0');
    assert.equal(lenient.outputs.warnings, '1');
    assert.match(step(lenient, 'avro-studio check').stdout!, /^::warning file=schemas\/order\.avsc,line=1,.*title=AVRO-101::/m);
    const strict = runAction(warned, { cli: path.join(DIST, 'cli.js'), 'fail-on': 'warning' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(strict.outputs['exit-code'], '1');
    assert.equal(step(strict, 'Result').status, 1);
    assert.match(strict.stepOutputs.check.message, /failed: 0 errors, 1 warning \(fail-on: warning\)/);
  });

  test('a push is checked against the commit before it (fetched into the shallow clone)', () => {
    const { workspace, v1 } = pullRequest('push', BREAKING);
    const event = path.join(tmp, 'push-event.json');
    fs.writeFileSync(event, JSON.stringify({ before: v1, after: 'x' }));
    const r = runAction(workspace, { cli: path.join(DIST, 'cli.js') }, { GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: event });
    assert.equal(r.outputs.baseline, `git:${v1}`);
    assert.match(step(r, 'avro-studio check').stdout!, new RegExp(`Fetching ${v1.slice(0, 12)}, the commit before the push`));
    assert.equal(r.outputs['exit-code'], '1', step(r, 'avro-studio check').stdout);
    assert.match(step(r, 'avro-studio check').stdout!, /title=AVRO-400::BACKWARD/);
  });

  test('inputs the CLI refuses: exit 2, the reason in the failing step', () => {
    const { workspace } = pullRequest('bad-input', COMPLIANT);
    const r = runAction(workspace, { cli: path.join(DIST, 'cli.js'), level: 'SIDEWAYS' }, { GITHUB_EVENT_NAME: 'pull_request', GITHUB_BASE_REF: 'main' });
    assert.equal(r.outputs['exit-code'], '2');
    assert.equal(step(r, 'Result').status, 1);
    assert.match(step(r, 'Result').stdout!, /could not run \(exit 2\): avro-studio check: --level must be/);
    const typo = runAction(workspace, { cli: path.join(DIST, 'cli.js'), 'fail-on': 'errors' }, {});
    assert.match(step(typo, 'Result').stdout!, /fail-on must be error, warning or none, not 'errors'/);
  });
});
