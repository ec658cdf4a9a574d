// Step 1 of action.yml: finds or installs the avro-studio CLI and writes its dist/cli.js path to the step output `cli`.
// Order: the `cli` input, the `package` input (npm install into the runner's temp folder), the
// workspace's own node_modules/.bin/avro-studio, else this action's source (npm ci, whose prepare
// script builds dist/). Node 20+, no dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const env = process.env;
const workspace = env.GITHUB_WORKSPACE || process.cwd();
const actionPath = env.ACTION_PATH || path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Append `name=value` to $GITHUB_OUTPUT (or print it when run by hand). */
function setOutput(name, value) {
  if (env.GITHUB_OUTPUT) fs.appendFileSync(env.GITHUB_OUTPUT, `${name}=${value}\n`);
  else console.log(`${name}=${value}`);
}

function fail(message) {
  console.log(`::error title=avro-studio setup::${message}`);
  process.exit(1);
}

/** The dist/cli.js behind a bin, a package folder or a file. */
function cliScript(p) {
  const abs = path.resolve(workspace, p);
  if (!fs.existsSync(abs)) fail(`the avro-studio CLI '${p}' does not exist`);
  const real = fs.realpathSync(abs);
  if (fs.statSync(real).isDirectory()) return cliScript(path.join(real, 'dist', 'cli.js'));
  return real;
}

function npmRun(args, cwd) {
  console.log(`$ npm ${args.join(' ')}`);
  execFileSync(npm, args, { cwd, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32' });
}

let cli;
if (env.INPUT_CLI) {
  cli = cliScript(env.INPUT_CLI);
} else if (env.INPUT_PACKAGE) {
  const prefix = path.join(env.RUNNER_TEMP || os.tmpdir(), 'avro-studio-cli');
  fs.mkdirSync(prefix, { recursive: true });
  // A path to a tarball is relative to the repository.
  const local = /^\.{0,2}[\\/]/.test(env.INPUT_PACKAGE) || (/\.tgz$/.test(env.INPUT_PACKAGE) && !/^[a-z]+:/i.test(env.INPUT_PACKAGE));
  const spec = local ? path.resolve(workspace, env.INPUT_PACKAGE) : env.INPUT_PACKAGE;
  npmRun(['install', '--prefix', prefix, '--no-audit', '--no-fund', '--no-save', spec], workspace);
  cli = cliScript(path.join(prefix, 'node_modules', 'avro-studio'));
} else if (fs.existsSync(path.join(workspace, 'node_modules', '.bin', 'avro-studio'))) {
  cli = cliScript(path.join(workspace, 'node_modules', '.bin', 'avro-studio'));
} else {
  if (!fs.existsSync(path.join(actionPath, 'dist', 'cli.js'))) npmRun(['ci', '--no-audit', '--no-fund'], actionPath);
  cli = cliScript(path.join(actionPath, 'dist', 'cli.js'));
}
const version = execFileSync(process.execPath, [cli, '--version'], { encoding: 'utf8' }).trim();
console.log(`Using ${version} (${cli})`);
setOutput('cli', cli);
