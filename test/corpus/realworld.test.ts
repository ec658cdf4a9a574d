// The real-world corpus (../shared/corpus/realworld/files, 23 repositories as their owners keep them), linted repository by repository with the built CLI: see test/corpus/README.md.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DIST, fixture } from '../helpers/paths';
import { sharedPath } from '../helpers/shared';
import type { JsonLintOutput } from '../../server/src/cli/formats/json';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const CORPUS = sharedPath(path.join('corpus', 'realworld', 'files'));
const EXPECTED_FILE = fixture('corpus', 'realworld-expected.json');
const VERDICTS_FILE = fixture('corpus', 'reference-verdicts.json');

/** The implementations whose agreement makes a schema valid: Java (what Schema Registry runs), Python and avsc. */
const REFERENCES = ['java111', 'python', 'avsc'];

interface Verdict {
  rejectedBy: string[];
  reasons?: Record<string, string>;
  with?: string[];
}

interface Expected {
  about: string;
  /** Per repository: errors per file (codes, sorted), and the number of warnings. */
  repositories: Record<string, { errors: Record<string, string[]>; warnings: number }>;
  /** Files with errors although the references accept them, each with why the error stands. */
  acknowledged: Record<string, string>;
  /** Files the references all reject that get no error, each with why that is right. */
  notFlagged: Record<string, string>;
}

interface RepoRun {
  repo: string;
  exit: number | null;
  stdout: string;
  stderr: string;
}

function lintRepository(repo: string): Promise<RepoRun> {
  const dir = path.join(CORPUS!, repo);
  return new Promise(resolve => {
    const child = spawn(process.execPath, [path.join(DIST, 'cli.js'), 'lint', dir, '--root', dir, '--format', 'json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('close', exit => resolve({ repo, exit, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/** A character no message may carry raw: C0 and C1 controls, DEL, bidi overrides (a terminal acts on them). */
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('the real-world corpus: no crash, the recorded errors only, none on a schema the references accept', { skip: !CORPUS && !process.env.CI ? 'no ../shared/corpus/realworld here (set AVRO_STUDIO_SHARED)' : false }, async () => {
  assert.ok(CORPUS, 'the real-world corpus is required in CI: ../shared/corpus/realworld/files beside the repository (or AVRO_STUDIO_SHARED)');
  const repos = fs.readdirSync(CORPUS).filter(r => fs.statSync(path.join(CORPUS, r)).isDirectory()).sort();
  assert.ok(repos.length >= 20, `the corpus has its repositories (${repos.length})`);
  // Two at a time: the machine has two cores.
  const runs: RepoRun[] = [];
  for (let i = 0; i < repos.length; i += 2) runs.push(...(await Promise.all(repos.slice(i, i + 2).map(lintRepository))));

  const actual: Expected['repositories'] = {};
  const problems = new Set<string>();
  let files = 0;
  for (const run of runs) {
    if (run.exit !== 0 && run.exit !== 1) problems.add(`${run.repo}: exit ${run.exit}: ${run.stderr.slice(0, 400)}`);
    if (/\n\s+at |internal error|TypeError|RangeError/.test(run.stderr)) problems.add(`${run.repo}: a stack trace or internal error on stderr: ${run.stderr.slice(0, 400)}`);
    if (RAW_CONTROL.test(run.stdout) || RAW_CONTROL.test(run.stderr)) problems.add(`${run.repo}: a raw control character in the output`);
    let output: JsonLintOutput;
    try {
      output = JSON.parse(run.stdout) as JsonLintOutput;
    } catch {
      problems.add(`${run.repo}: no JSON on stdout (exit ${run.exit})`);
      continue;
    }
    const errors: Record<string, string[]> = {};
    let warnings = 0;
    for (const f of output.files) {
      files++;
      const rel = path.relative(CORPUS, path.resolve(f.path)).split(path.sep).join('/');
      const codes = f.diagnostics.filter(d => d.severity === 'error').map(d => d.code).sort();
      warnings += f.diagnostics.filter(d => d.severity === 'warning').length;
      for (const d of f.diagnostics) if (RAW_CONTROL.test(d.message)) problems.add(`${rel}: ${d.code} has a raw control character in its message`);
      if (codes.length) errors[rel] = codes;
    }
    actual[run.repo] = { errors, warnings };
  }
  assert.deepEqual([...problems], []);
  assert.ok(files > 1200, `every file was linted (${files})`);

  const verdicts = (JSON.parse(fs.readFileSync(VERDICTS_FILE, 'utf8')) as { files: Record<string, Verdict> }).files;
  const previous: Expected | undefined = fs.existsSync(EXPECTED_FILE) ? JSON.parse(fs.readFileSync(EXPECTED_FILE, 'utf8')) as Expected : undefined;
  const acknowledged = previous?.acknowledged ?? {};
  const notFlagged = previous?.notFlagged ?? {};
  const flagged = new Set(Object.values(actual).flatMap(r => Object.keys(r.errors)));

  // No error where Java, Python and avsc all accept the schema (standalone, or with its repository's files).
  const falseErrors = [...flagged].filter(f => !(verdicts[f]?.rejectedBy ?? []).some(i => REFERENCES.includes(i)) && !(f in acknowledged));
  // Every schema they all reject is flagged.
  const missed = Object.entries(verdicts).filter(([f, v]) => REFERENCES.every(i => v.rejectedBy.includes(i)) && !flagged.has(f) && !(f in notFlagged)).map(([f, v]) => `${f}: ${Object.values(v.reasons ?? {})[0]}`);

  if (UPDATE) {
    const expected: Expected = {
      about: 'Errors of `avro-studio lint <repo> --root <repo>` on each repository of ../shared/corpus/realworld/files (test/corpus/realworld.test.ts). Reviewed: a change of behaviour on real schemas shows up here. "acknowledged": files with an error although Java 1.11, Python and avsc accept them, with the reason the error stands; "notFlagged": files they all reject without an error here, with the reason.',
      repositories: actual,
      acknowledged,
      notFlagged,
    };
    fs.writeFileSync(EXPECTED_FILE, JSON.stringify(expected, null, 1) + '\n');
  }
  assert.deepEqual(falseErrors.map(f => `${f}: ${Object.values(actual).find(r => r.errors[f])?.errors[f].join(' ')}`), [], 'errors on schemas that Java, Python and avsc accept');
  assert.deepEqual(missed, [], 'schemas that Java, Python and avsc all reject, without an error');
  for (const f of Object.keys(acknowledged)) assert.ok(flagged.has(f), `${f} is acknowledged but has no error any more: remove it from "acknowledged"`);
  for (const f of Object.keys(notFlagged)) assert.ok(!flagged.has(f), `${f} is listed under "notFlagged" but has an error now: remove it from there`);
  assert.ok(previous, `${EXPECTED_FILE} is missing: run UPDATE_EXPECT=1 and review it`);
  assert.deepEqual(actual, previous.repositories, `the errors per repository differ from ${path.relative(process.cwd(), EXPECTED_FILE)} (UPDATE_EXPECT=1 rewrites it; review the diff)`);
});
