// The team policy's cost: `avro-studio check` of a 2,000-file repository against git:HEAD with and without a policy (every rule on), and validation of the 10,000-field schema with and without the baseline-free rules (what typing pays).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { withProjectRules } from '../../server/src/config/fileSettings';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { generateSchema, generateWorkspace } from './generate';
import { formatMs, measure, type Summary } from './stats';
import type { SectionTable } from './report';

export interface PolicyResult {
  files: number;
  changed: number;
  check: { without: Summary; with: Summary };
  typing: { fields: number; without: Summary; with: Summary };
}

const GIT_ENV = { GIT_AUTHOR_NAME: 'Bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'Bench', GIT_COMMITTER_EMAIL: 'bench@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull };

/** Every policy rule on (what costs most), over BACKWARD against git:HEAD. */
const POLICY = {
  versionField: { name: 'schema_version', kind: 'semver', reason: 'bench' },
  frozen: [{ schemas: ['com.acme.orders.Frozen', 'legacy/**'], migrationPlan: 'docs/migrations/' }],
  breaking: { rules: ['field-removed', 'field-renamed', 'field-type-changed', 'enum-symbol-removed', 'enum-symbols-reordered', 'aliases-removed', 'name-changed', 'namespace-changed', 'required-field-added'] },
  placement: { allowed: ['schemas/**'] },
  naming: { records: 'PascalCase', enumSymbols: 'UPPER_SNAKE_CASE', namespaces: { style: 'lowercase-dotted', prefix: 'com.acme' } },
  doc: { types: true, fields: true },
  newFieldsOptional: true,
};

const withVersion = (text: string, version: string): string => text.replace('"fields": [', `"fields": [\n    {"name": "schema_version", "type": "string", "default": "${version}"},`);

export async function runPolicyBench(options: { quick: boolean; files: number; log: (line: string) => void }): Promise<PolicyResult> {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-policy-bench-')));
  try {
    const workspace = generateWorkspace(options.files, 11, 'compact');
    for (const f of workspace) {
      const p = path.join(dir, 'schemas', f.path);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, withVersion(f.text, '1.0.0'));
    }
    const base = { compatibility: { level: 'BACKWARD', baseline: 'git:HEAD' } };
    fs.writeFileSync(path.join(dir, 'without.json'), JSON.stringify(base));
    // The generated schemas document few fields: "doc" runs but is off, so thousands of AVRO-651 lines do not measure the output instead of the rules.
    fs.writeFileSync(path.join(dir, 'with.json'), JSON.stringify({ ...base, policy: POLICY, rules: { 'policy/doc': 'off' } }));
    const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV }, stdio: 'ignore' });
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', 'schemas');
    // One file in ten changes: an optional field and a MINOR bump (the policy compares every file; these differ).
    let changed = 0;
    workspace.forEach((f, i) => {
      if (i % 10 !== 3) return;
      const p = path.join(dir, 'schemas', f.path);
      const text = withVersion(f.text, '1.1.0').replace('"fields": [', '"fields": [\n    {"name": "bench_note", "type": ["null", "string"], "default": null},');
      fs.writeFileSync(p, text);
      changed++;
    });
    const sink = { write: (): void => undefined };
    const check = (config: string) => async (): Promise<void> => {
      const code = await runCli(['check', '--config', path.join(dir, config), '--format', 'json', 'schemas'], { cwd: dir, env: process.env, stdout: sink, stderr: sink, fs: nodeFileSystem });
      if (code !== 0 && code !== 1) throw new Error(`avro-studio check exited ${code}`);
    };
    options.log(`  check of ${options.files} files (${changed} changed) vs git:HEAD, without and with every policy rule...`);
    const checks = await measure([{ name: 'without', run: check('without.json') }, { name: 'with', run: check('with.json') }], { warmup: 1, iterations: options.quick ? 3 : 7 });

    // Typing: validation of one large schema, the baseline-free rules on or off.
    const fields = 10_000;
    const big = withVersion(generateSchema({ fields, seed: 3, namespace: 'com.acme.bench', name: 'Big' }).text, '1.0.0');
    const project = parseProjectConfig(JSON.stringify({ policy: POLICY, rules: { 'policy/doc': 'off' } }), dir).config;
    const policySettings = withProjectRules(DEFAULT_SETTINGS, project, path.join(dir, 'schemas', 'big.avsc'));
    const doc = parseAvroDocument('file:///bench/schemas/big.avsc', big, 1);
    const index = new SchemaIndex();
    index.set(doc);
    options.log(`  validation of a ${fields.toLocaleString('en-US')}-field schema without and with the policy rules...`);
    const typing = await measure([
      { name: 'without', run: () => validateDocument(doc, DEFAULT_SETTINGS, index) },
      { name: 'with', run: () => validateDocument(doc, policySettings, index) },
    ], { warmup: 3, iterations: options.quick ? 10 : 30 });
    return {
      files: options.files,
      changed,
      check: { without: checks.get('without')!, with: checks.get('with')! },
      typing: { fields, without: typing.get('without')!, with: typing.get('with')! },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The share the policy adds, by wall time and CPU time of the process. */
export function policyOverhead(r: PolicyResult['check'] | PolicyResult['typing']): { wall: number; cpu: number } {
  return { wall: r.with.median / r.without.median - 1, cpu: (r.with.cpu?.median ?? NaN) / (r.without.cpu?.median ?? NaN) - 1 };
}

export function policyTable(r: PolicyResult): SectionTable {
  const pct = (x: number): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;
  const row = (what: string, m: PolicyResult['check'] | PolicyResult['typing']): string[] => {
    const o = policyOverhead(m);
    return [what, `${formatMs(m.without.median)} ms`, `${formatMs(m.with.median)} ms`, pct(o.wall), `${formatMs(m.without.cpu?.median ?? NaN)} / ${formatMs(m.with.cpu?.median ?? NaN)} ms`, pct(o.cpu)];
  };
  return {
    title: 'Team policy: what the rules add',
    header: ['Run', 'Without policy (median)', 'With every policy rule', 'Added (wall)', 'CPU without / with', 'Added (CPU)'],
    rows: [
      row(`avro-studio check, ${r.files.toLocaleString('en-US')} files vs git:HEAD (${r.changed} changed), in process`, r.check),
      row(`validation of a ${r.typing.fields.toLocaleString('en-US')}-field schema (typing)`, r.typing),
    ],
    notes: [
      'CPU time is the process\'s own (git\'s processes are not counted: they are the same with and without the policy).',
      'Every policy rule runs; "policy/doc" is set to off (the generated schemas document few fields, and thousands of findings would measure the report, not the rules).',
    ],
  };
}
