// Step 2 of action.yml: runs `avro-studio check` twice over the same files, as workflow annotations
// (with the step summary) and as a SARIF report, and writes the step outputs. It always exits 0: the
// action's last step fails the job from the `failed` output, after the SARIF upload had its chance.
// Inputs come as INPUT_* environment variables (see action.yml). Node 20+, no dependencies.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const env = process.env;
const workspace = env.GITHUB_WORKSPACE || process.cwd();

function setOutput(name, value) {
  const line = `${name}=${String(value).replace(/\r?\n/g, ' ')}\n`;
  if (env.GITHUB_OUTPUT) fs.appendFileSync(env.GITHUB_OUTPUT, line);
  else process.stdout.write(line);
}

/** Ends the step: the outputs, and `failed` with its message for the action's last step. */
function finish(outputs, failed, message) {
  for (const [name, value] of Object.entries(outputs)) setOutput(name, value);
  setOutput('failed', failed ? 'true' : 'false');
  setOutput('message', message);
  console.log(message);
  process.exit(0);
}

/** Words of an input, with "double" or 'single' quotes keeping spaces. */
function words(text) {
  return [...(text || '').matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map(m => m[1] ?? m[2] ?? m[3]);
}

function git(...args) {
  return spawnSync('git', args, { cwd: workspace, encoding: 'utf8', env: { ...env, GIT_TERMINAL_PROMPT: '0' } });
}

/** The baseline to pass as --against: the input, else the pull request's base branch or the commit before a push, else none (avro-studio.json decides). */
function baseline() {
  if (env.INPUT_BASELINE) return env.INPUT_BASELINE.trim();
  if (env.GITHUB_BASE_REF) {
    const base = env.GITHUB_BASE_REF;
    if (git('rev-parse', '--verify', '--quiet', `refs/remotes/origin/${base}^{commit}`).status !== 0) {
      console.log(`Fetching origin/${base}, the pull request's base branch (the checkout does not have it)`);
      const fetched = git('fetch', '--no-tags', '--depth=1', 'origin', `+refs/heads/${base}:refs/remotes/origin/${base}`);
      if (fetched.status !== 0) console.log(`::warning title=avro-studio::cannot fetch origin/${base}: ${fetched.stderr.trim().split('\n').pop()}`);
    }
    return `git:origin/${base}`;
  }
  if (env.GITHUB_EVENT_NAME === 'push' && env.GITHUB_EVENT_PATH && fs.existsSync(env.GITHUB_EVENT_PATH)) {
    const before = JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')).before;
    if (typeof before === 'string' && /^[0-9a-f]{40}$/.test(before) && !/^0+$/.test(before)) {
      if (git('cat-file', '-e', `${before}^{commit}`).status !== 0) {
        console.log(`Fetching ${before.slice(0, 12)}, the commit before the push`);
        git('fetch', '--no-tags', '--depth=1', 'origin', before);
      }
      return `git:${before}`;
    }
  }
  return '';
}

const cli = env.AVRO_STUDIO_CLI;
if (!cli) finish({ 'exit-code': 2 }, true, 'avro-studio check could not run: no CLI (the setup step gives AVRO_STUDIO_CLI)');
const failOn = (env.INPUT_FAIL_ON || 'error').trim().toLowerCase();
if (!['error', 'warning', 'none'].includes(failOn)) finish({ 'exit-code': 2 }, true, `fail-on must be error, warning or none, not '${env.INPUT_FAIL_ON}'`);

const against = baseline();
const flags = [];
if (env.INPUT_LEVEL) flags.push('--level', env.INPUT_LEVEL.trim());
if (against) flags.push('--against', against);
if (env.INPUT_CONFIG) flags.push('--config', env.INPUT_CONFIG.trim());
if (env.INPUT_ROOT) flags.push('--root', env.INPUT_ROOT.trim());
flags.push(...words(env.INPUT_ARGS));
if (failOn === 'warning') flags.push('--max-warnings', '0');
const paths = words(env.INPUT_PATHS);
const targets = paths.length ? paths : ['.'];

const sarifFile = path.resolve(workspace, env.INPUT_SARIF_FILE || path.join(env.RUNNER_TEMP || os.tmpdir(), 'avro-studio.sarif'));

// Annotations on stdout; the CLI appends its table to $GITHUB_STEP_SUMMARY.
const annotated = spawnSync(process.execPath, [cli, 'check', '--format', 'github', ...flags, '--', ...targets], { cwd: workspace, env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
process.stderr.write(annotated.stderr ?? '');
const exitCode = annotated.status ?? 2;
const outputs = { 'exit-code': exitCode, baseline: against };
if (exitCode === 2) {
  const why = (annotated.stderr || annotated.error?.message || 'no output').trim().split('\n').filter(Boolean).slice(0, 3).join(' ');
  finish(outputs, true, `avro-studio check could not run (exit 2): ${why}`);
}

fs.mkdirSync(path.dirname(sarifFile), { recursive: true });
const sarif = spawnSync(process.execPath, [cli, 'check', '--format', 'sarif', ...flags, '--', ...targets], { cwd: workspace, env: { ...env, GITHUB_STEP_SUMMARY: '' }, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
let errors = 0;
let warnings = 0;
try {
  const report = JSON.parse(sarif.stdout);
  fs.writeFileSync(sarifFile, sarif.stdout);
  for (const r of report.runs?.[0]?.results ?? []) {
    if (r.level === 'error') errors++;
    else if (r.level === 'warning') warnings++;
  }
  outputs['sarif-file'] = path.relative(workspace, sarifFile).startsWith('..') ? sarifFile : path.relative(workspace, sarifFile);
} catch (e) {
  console.log(`::warning title=avro-studio::no SARIF report: ${(sarif.stderr || String(e)).trim().split('\n')[0]}`);
  outputs['sarif-file'] = '';
}
outputs.errors = errors;
outputs.warnings = warnings;

const counts = `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
const failed = failOn !== 'none' && exitCode !== 0;
finish(outputs, failed, failed
  ? `avro-studio check failed: ${counts}${failOn === 'warning' && errors === 0 ? ' (fail-on: warning)' : ''}`
  : `avro-studio check passed: ${counts}${exitCode !== 0 ? ' (fail-on: none)' : ''}`);
