// The team policy examples (examples/policies/<team>/): each copied into a fresh git repository, each change under changes/ applied over it, `avro-studio check` run. Used by `npm start`.
//
// Usage: node scripts/policy-examples.mjs            run every change, print each report
//        node scripts/policy-examples.mjs --update   also rewrite each change.json's "find" from what check reports
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const EXAMPLES = path.join(root, 'examples', 'policies');
const cli = path.join(root, 'dist', 'cli.js');
const GIT_ENV = { GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };

function copy(from, to, skip) {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    if (skip?.(entry.name)) continue;
    const a = path.join(from, entry.name), b = path.join(to, entry.name);
    if (entry.isDirectory()) {
      fs.mkdirSync(b, { recursive: true });
      copy(a, b);
    } else fs.copyFileSync(a, b);
  }
}

function git(cwd, ...args) {
  const r = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

export function teams() {
  return fs.readdirSync(EXAMPLES).filter(t => fs.existsSync(path.join(EXAMPLES, t, 'avro-studio.json'))).sort();
}

export function changesOf(team) {
  const dir = path.join(EXAMPLES, team, 'changes');
  return fs.readdirSync(dir).filter(c => fs.existsSync(path.join(dir, c, 'change.json'))).sort();
}

/** A fresh repository with the team's example (its schemas and avro-studio.json, committed), the change written over it. */
export function repositoryWith(team, change) {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `avro-policy-${team}-`)));
  copy(path.join(EXAMPLES, team), dir, name => name === 'changes');
  // The copy's "$schema" points into this repository; a team's copy points wherever they keep it.
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--no-gpg-sign', '-m', 'the team\'s schemas');
  const changeDir = path.join(EXAMPLES, team, 'changes', change);
  copy(changeDir, dir, name => name === 'change.json');
  return dir;
}

export function check(dir, format = 'text') {
  const r = spawnSync(process.execPath, [cli, 'check', '--format', format], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** "path:line:code" of every error and warning of a JSON report. */
export function findingsOf(json) {
  return JSON.parse(json).files.flatMap(f => f.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${f.path.split(path.sep).join('/')}:${d.range.start.line}:${d.code}`)).sort();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const update = process.argv.includes('--update');
  let failed = 0;
  for (const team of teams()) {
    for (const change of changesOf(team)) {
      const specPath = path.join(EXAMPLES, team, 'changes', change, 'change.json');
      const spec = JSON.parse(fs.readFileSync(specPath, 'utf8'));
      const dir = repositoryWith(team, change);
      try {
        const text = check(dir);
        const json = check(dir, 'json');
        const found = findingsOf(json.stdout);
        console.log(`\n== ${team}/${change}: ${spec.description}\n$ avro-studio check   (exit ${text.code})\n${text.stdout}${text.stderr}`);
        if (update) fs.writeFileSync(specPath, JSON.stringify({ ...spec, exit: text.code, find: found }, null, 2) + '\n');
        else if (text.code !== spec.exit || JSON.stringify(found) !== JSON.stringify(spec.find)) {
          failed++;
          console.error(`!! ${team}/${change}: expected exit ${spec.exit} and ${JSON.stringify(spec.find)}, got exit ${text.code} and ${JSON.stringify(found)}`);
        }
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  }
  process.exit(failed ? 1 : 0);
}
