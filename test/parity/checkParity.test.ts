// The editor and CI never disagree: each scenario (a repository with an avro-studio.json) runs through the built `avro-studio check` and through the real language server, and both must report the same findings, (file, line, code) for (file, line, code).
//
// Scenarios: the four of issue 15's "Done when" (git HEAD with per-glob levels, git history with
// transitive levels, a baseline folder inside the repository, the registry baseline), and every
// repository of the `check` goldens (test/unit/cli-check.test.ts, built from
// test/fixtures/cli-check/versions). A CLI flag (--against, --level) is the editor's
// avro.compatibility.* setting where no project file speaks for the file. The editor runs with
// CI's severities (ciSeverityDefaults), so lint findings are compared too, not only AVRO-4xx.
// Besides the findings, the number of schema files each front-end counts as the workspace's
// (baseline copies are not schemas of it) must be the same.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { JsonCheckOutput } from '../../server/src/cli/formats/json';
import type { AvroConfiguration, RegistryCredentialsResult } from '../../server/src/protocol';
import { ciSeverityDefaults } from '../../server/src/service/codes';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import { DIST, fixture, REPO_ROOT } from '../helpers/paths';
import { startFakeRegistry, type FakeRegistry } from '../registry/fakeRegistry';
import { StatusLog } from '../lsp/compatRepo';

const CLI = path.resolve(process.env.AVRO_STUDIO_CLI ?? path.join(DIST, 'cli.js'));
const VERSIONS = fixture('cli-check', 'versions');
const USER = 'parity-bot';
const PASSWORD = 'parity-Pa55-never-printed';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com',
  GIT_AUTHOR_DATE: '2026-01-05T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-05T10:00:00Z', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
};

function run(cmd: string, args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve, reject) => {
    // Asynchronous: the fake registry answers from this process's event loop.
    const child = spawn(cmd, args, { cwd, env: { PATH: process.env.PATH, HOME: os.tmpdir(), LANG: 'C', NO_COLOR: '1', ...GIT_ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', code => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}

async function git(cwd: string, ...args: string[]): Promise<void> {
  const r = await run('git', args, cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
}

const tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-parity-')));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

function version(name: string): string {
  return fs.readFileSync(path.join(VERSIONS, name), 'utf8');
}

/** A git repository: each element of `commits` is committed in turn, then `workingTree` is written over it. */
async function repository(name: string, commits: Array<Record<string, string>>, workingTree: Record<string, string> = {}): Promise<string> {
  const dir = path.join(tmp, name);
  fs.mkdirSync(dir, { recursive: true });
  await git(dir, 'init', '-q', '-b', 'main');
  for (const [i, files] of commits.entries()) {
    write(dir, files);
    await git(dir, 'add', '-A');
    await git(dir, 'commit', '-q', '--no-gpg-sign', '-m', `version ${i + 1}`);
  }
  write(dir, workingTree);
  return dir;
}

interface Scenario {
  name: string;
  /** The workspace folder (and the CLI's working directory). */
  dir: string;
  /** Arguments after `check` (the CLI checks the whole folder). */
  args?: string[];
  /** The editor's avro.compatibility settings that stand for the CLI's flags. */
  compatibility?: AvroConfiguration['compatibility'];
  env?: Record<string, string>;
  /** The editor answers the registry's credentials with these. */
  credentials?: RegistryCredentialsResult;
  /** What the scenario must find, so a scenario that finds nothing in both cannot pass unnoticed: "path:line:code" entries. */
  mustFind: string[];
  /** The CLI checks the whole folder, so the files it reports are the files the editor indexes (default true). */
  wholeFolder?: boolean;
}

/** Findings as "path:line:code" (1-based lines, paths relative to the folder with "/"). */
type Findings = Map<string, string[]>;

async function cliFindings(s: Scenario): Promise<{ findings: Findings; files: string[] }> {
  const r = await run(process.execPath, [CLI, 'check', '--format', 'json', '--allow-missing-baseline', ...(s.args ?? [])], s.dir, s.env);
  assert.ok(r.code === 0 || r.code === 1, `avro-studio check in ${s.name} exited ${r.code}: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as JsonCheckOutput;
  const findings: Findings = new Map();
  // Accepted findings (listed in the accepted findings file) are not reported; the editor shows them as hints: both are compared too.
  for (const f of out.files) findings.set(f.path.split(path.sep).join('/'), [...f.diagnostics.map(d => `${d.range.start.line}:${d.code}`), ...(f.accepted ?? []).map(d => `${d.range.start.line}:${d.code}:accepted`)].sort());
  return { findings, files: out.files.map(f => f.path.split(path.sep).join('/')).sort() };
}

async function editorFindings(s: Scenario, files: readonly string[]): Promise<{ findings: Findings; indexed: number }> {
  const client = await LspTestClient.start({
    mode: 'pull',
    workspaceFolders: [s.dir],
    // CI's severities (AVRO-306 off ...), so the editor's lint findings compare with check's.
    settings: { diagnostics: { severity: ciSeverityDefaults() as Record<string, string> }, compatibility: s.compatibility },
  });
  try {
    const status = new StatusLog(client, true);
    const credentials = s.credentials;
    if (credentials !== undefined) client.connection.onRequest('avro/registry/credentials', (): unknown => credentials);
    const ready = client.statuses.filter(x => x.state === 'ready').at(-1);
    const findings: Findings = new Map();
    for (const rel of files) {
      const uri = fileUri(path.join(s.dir, rel));
      await client.open(uri, fs.readFileSync(path.join(s.dir, rel), 'utf8'));
      // The check is settled once the baseline is read (the status leaves 'checking').
      await status.wait(uri, x => x.state !== 'checking', 60_000);
      const report = await client.pull(uri);
      const items: Diagnostic[] = report.kind === 'full' ? report.items : [];
      const accepted = (d: Diagnostic): boolean => (d.data as { accepted?: boolean } | undefined)?.accepted === true;
      findings.set(rel, items.map(d => `${d.range.start.line + 1}:${String(d.code)}${accepted(d) ? ':accepted' : ''}`).sort());
    }
    assert.deepEqual(client.errorLogs(), [], `the server logged no error in ${s.name}`);
    return { findings, indexed: ready?.indexedFiles ?? -1 };
  } finally {
    await client.stop();
  }
}

function flatten(f: Findings): string[] {
  return [...f].flatMap(([file, list]) => list.map(x => `${file}:${x}`)).sort();
}

async function checkParity(s: Scenario): Promise<void> {
  const cli = await cliFindings(s);
  const editor = await editorFindings(s, cli.files);
  const ci = flatten(cli.findings);
  const ed = flatten(editor.findings);
  assert.deepEqual(ed, ci, `${s.name}: the editor (actual) and avro-studio check (expected) disagree`);
  for (const f of s.mustFind) assert.ok(ci.includes(f), `${s.name}: ${f} among ${JSON.stringify(ci)}`);
  if (s.wholeFolder !== false) assert.equal(editor.indexed, cli.files.length, `${s.name}: the editor indexes the files check checks (${cli.files.join(', ')})`);
}

// ---- the scenarios of "Done when" ---------------------------------------------------------------

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "caracal.common",
  "fields": [
    {"name": "amount_minor", "type": "long"},
    {"name": "currency", "type": "string", "default": "USD"}
  ]
}
`;
const MONEY_WITH_SCALE = MONEY.replace('{"name": "currency", "type": "string", "default": "USD"}', '{"name": "currency", "type": "string", "default": "USD"},\n    {"name": "scale", "type": "int"}');

const ORDER = `{
  "type": "record",
  "name": "Order",
  "namespace": "caracal.events",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "total", "type": "caracal.common.Money"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}},
    {"name": "note", "type": "string", "default": ""},
    {"name": "channel", "type": "string", "default": "web"}
  ]
}
`;
/** Four breaking changes: a symbol removed, a type changed, a field added without a default, Money changed (through the reference). */
const ORDER_BREAKING = `{
  "type": "record",
  "name": "Order",
  "namespace": "caracal.events",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "total", "type": "caracal.common.Money"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID"]}},
    {"name": "note", "type": "int", "default": 0},
    {"name": "channel", "type": "string", "default": "web"},
    {"name": "region", "type": "string"}
  ]
}
`;
const AUDIT = `{
  "type": "record",
  "name": "Audit",
  "namespace": "caracal.audit",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "actor", "type": "string"},
    {"name": "at", "type": "long"}
  ]
}
`;
const AUDIT_WITHOUT_ACTOR = AUDIT.replace('    {"name": "actor", "type": "string"},\n', '');
const LEDGER = `{
  "type": "record",
  "name": "Entry",
  "namespace": "caracal.ledger",
  "fields": [
    {"name": "id", "type": "string"}
  ]
}
`;
const LEDGER_NEXT = LEDGER.replace('{"name": "id", "type": "string"}', '{"name": "id", "type": "string"},\n    {"name": "count", "type": "int", "default": "many"},\n    {"name": "memo", "type": "string", "default": ""}');

describe('the editor and avro-studio check report the same findings', () => {
  test('git HEAD with per-glob levels (FULL, FORWARD, NONE, BACKWARD by default): breaking changes, a removed field, a type from another file, a lint finding', async () => {
    const project = JSON.stringify({
      compatibility: { level: 'BACKWARD', baseline: 'git:HEAD' },
      schemas: [
        { files: 'schemas/events/**', compatibility: { level: 'FULL' } },
        { files: 'schemas/forward/**', compatibility: { level: 'FORWARD' } },
        { files: 'schemas/internal/**', compatibility: { level: 'NONE' } },
      ],
    }, null, 2);
    const dir = await repository('head-per-glob', [{
      'avro-studio.json': project,
      'schemas/common/money.avsc': MONEY,
      'schemas/events/order.avsc': ORDER,
      'schemas/forward/audit.avsc': AUDIT,
      'schemas/internal/audit.avsc': AUDIT.replace('caracal.audit', 'caracal.internal'),
      'schemas/ledger/entry.avsc': LEDGER,
    }], {
      'schemas/common/money.avsc': MONEY_WITH_SCALE,
      'schemas/events/order.avsc': ORDER_BREAKING,
      'schemas/forward/audit.avsc': AUDIT_WITHOUT_ACTOR,
      'schemas/internal/audit.avsc': AUDIT_WITHOUT_ACTOR.replace('caracal.audit', 'caracal.internal'),
      'schemas/ledger/entry.avsc': LEDGER_NEXT,
      'schemas/events/refund.avsc': version('refund.avsc'),
    });
    await checkParity({
      name: 'git HEAD, per-glob levels',
      dir,
      mustFind: ['schemas/common/money.avsc:8:AVRO-400', 'schemas/events/order.avsc:8:AVRO-404', 'schemas/forward/audit.avsc:6:AVRO-400', 'schemas/ledger/entry.avsc:7:AVRO-220'],
    });
  });

  test('git history with transitive levels (FULL_TRANSITIVE for reports/, BACKWARD_TRANSITIVE elsewhere)', async () => {
    const project = JSON.stringify({
      compatibility: { level: 'BACKWARD_TRANSITIVE', baseline: 'git:history' },
      schemas: [{ files: 'reports/**', compatibility: { level: 'FULL_TRANSITIVE' } }],
    }, null, 2);
    const dir = await repository('history-transitive', [
      { 'avro-studio.json': project, 'reports/usage-report.avsc': version('usage-report.h1.avsc'), 'events/audit.avsc': AUDIT },
      { 'reports/usage-report.avsc': version('usage-report.h2.avsc'), 'events/audit.avsc': AUDIT.replace('{"name": "at", "type": "long"}', '{"name": "at", "type": "long"},\n    {"name": "seq", "type": "int", "default": 0}') },
      { 'reports/usage-report.avsc': version('usage-report.h3.avsc') },
    ], {
      'reports/usage-report.avsc': version('usage-report.work.avsc'),
      'events/audit.avsc': AUDIT.replace('{"name": "at", "type": "long"}', '{"name": "at", "type": "long"},\n    {"name": "seq", "type": "long", "default": 0}'),
    });
    await checkParity({ name: 'git history, transitive levels', dir, mustFind: ['reports/usage-report.avsc:7:AVRO-404', 'reports/usage-report.avsc:7:AVRO-400'] });
  });

  test('a baseline folder inside the repository ("file:baseline"): the copies are not schemas of the workspace; order.avsc has four breaking changes in both', async () => {
    const dir = await repository('baseline-folder', [{
      'avro-studio.json': JSON.stringify({ compatibility: { level: 'BACKWARD', baseline: 'file:baseline' } }, null, 2),
      'schemas/order.avsc': ORDER,
      'schemas/money.avsc': MONEY,
      'baseline/schemas/order.avsc': ORDER,
      'baseline/schemas/money.avsc': MONEY,
    }], { 'schemas/order.avsc': ORDER_BREAKING, 'schemas/money.avsc': MONEY_WITH_SCALE, 'schemas/refund.avsc': version('refund.avsc') });
    await checkParity({
      name: 'baseline folder inside the repository',
      dir,
      mustFind: ['schemas/order.avsc:7:AVRO-400', 'schemas/order.avsc:8:AVRO-404', 'schemas/order.avsc:9:AVRO-401', 'schemas/order.avsc:11:AVRO-400', 'schemas/money.avsc:8:AVRO-400'],
    });
  });

  test('the registry baseline: the subject\'s own level (FULL_TRANSITIVE over three versions), the global one, and a level avro-studio.json gives', async () => {
    const reg: FakeRegistry = await startFakeRegistry({ auth: { basic: { username: USER, password: PASSWORD } } });
    try {
      const reading = (fields: string) => `{"type": "record", "name": "Reading", "namespace": "caracal.meters", "fields": [${fields}]}`;
      for (const v of [reading('{"name": "value", "type": "int"}'), reading('{"name": "value", "type": "long"}')]) reg.state.register('meters.readings-value', { schema: v }, false, true);
      reg.state.subjectLevels.set('meters.readings-value', 'FULL_TRANSITIVE');
      reg.state.register('shop.orders-value', { schema: ORDER.replace('"caracal.common.Money"', '"long"') }, false, true);
      reg.state.register('shop.audit-value', { schema: AUDIT }, false, true);
      const project = {
        registry: { url: reg.url, auth: 'basic' },
        compatibility: { baseline: 'registry' },
        schemas: [
          { files: 'meters/*.avsc', subject: 'meters.readings-value' },
          { files: 'shop/orders.avsc', subject: 'shop.orders-value' },
          { files: 'shop/audit.avsc', subject: 'shop.audit-value', compatibility: { level: 'FORWARD' } },
        ],
      };
      const dir = await repository('registry', [{ 'avro-studio.json': JSON.stringify(project, null, 2) }], {
        'meters/reading.avsc': `{
  "type": "record", "name": "Reading", "namespace": "caracal.meters",
  "fields": [
    {"name": "value", "type": "long"},
    {"name": "unit", "type": "string", "default": "kWh"}
  ]
}
`,
        'shop/orders.avsc': ORDER_BREAKING.replace('"caracal.common.Money"', '"long"'),
        'shop/audit.avsc': AUDIT_WITHOUT_ACTOR,
        'shop/unmapped.avsc': LEDGER,
      });
      await checkParity({
        name: 'registry baseline',
        dir,
        env: { AVRO_REGISTRY_USERNAME: USER, AVRO_REGISTRY_PASSWORD: PASSWORD },
        credentials: { auth: 'basic', username: USER, password: PASSWORD },
        mustFind: ['meters/reading.avsc:4:AVRO-401', 'shop/orders.avsc:8:AVRO-404', 'shop/orders.avsc:9:AVRO-401', 'shop/orders.avsc:11:AVRO-400', 'shop/audit.avsc:6:AVRO-400'],
      });
    } finally {
      await reg.stop();
    }
  });
});

// ---- registry sync: the editor's sync view and `avro-studio registry status` ------------------------

/** The files of a folder, relative paths with "/" (skipping `skip` names). */
function filesOf(dir: string, skip: (name: string) => boolean = () => false, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (skip(entry.name)) continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesOf(p, () => false, `${prefix}${entry.name}/`));
    else out[`${prefix}${entry.name}`] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

describe('the team policy (AVRO-6xx): the same findings in the editor and in check', () => {
  const EXAMPLES = path.join(REPO_ROOT, 'examples', 'policies');
  for (const [team, changes, mustFind] of [
    ['butterfly', ['3-conventions', '4-frozen-changed', '6-service-schema'], ['butterfly-common/src/main/avro/PerceptionSignalEvent.avsc:7:AVRO-603', 'butterfly-common/src/main/avro/PerceptionSignalEvent.avsc:23:AVRO-641', 'butterfly-common/src/main/avro/PerceptionSignalEvent.avsc:23:AVRO-660', 'butterfly-common/src/main/avro/RimFastEvent.avsc:12:AVRO-610', 'services/nexus/src/main/avro/NexusLocalEvent.avsc:3:AVRO-630']],
    ['butterfly', ['1-breaking-field-removed'], ['butterfly-common/src/main/avro/PerceptionSignalEvent.avsc:6:AVRO-620', 'butterfly-common/src/main/avro/PerceptionSignalEvent.avsc:7:AVRO-602']],
    ['caracal', ['3-enum-symbol-inserted'], ['schemas/metering-event.avsc:16:AVRO-624']],
  ] as const) {
    test(`${team}: the example policy with ${changes.join(', ')}`, async () => {
      const base = filesOf(path.join(EXAMPLES, team), n => n === 'changes');
      const working: Record<string, string> = {};
      for (const c of changes) Object.assign(working, filesOf(path.join(EXAMPLES, team, 'changes', c), n => n === 'change.json'));
      const dir = await repository(`policy-${team}-${changes[0]}`, [base], working);
      await checkParity({ name: `${team} policy`, dir, mustFind: [...mustFind] });
    });
  }
});

describe('the editor and avro-studio registry status say the same about every schema', () => {
  test('in sync, a doc changed (a new schema for the registry), behind, ahead compatible and not, not registered, unmapped, invalid', async () => {
    const reg: FakeRegistry = await startFakeRegistry({ auth: { basic: { username: USER, password: PASSWORD } } });
    try {
      const base = (name: string, extra = '', doc = 'A thing.') => `{"type": "record", "name": "${name}", "namespace": "sync", "doc": "${doc}", "fields": [{"name": "a", "type": "string"}${extra}]}\n`;
      const seed: Array<[string, string]> = [
        ['sync.InSync', base('InSync')],
        ['sync.DocChanged', base('DocChanged')],
        ['sync.AheadOk', base('AheadOk')],
        ['sync.AheadBad', base('AheadBad')],
        ['sync.Behind', base('Behind')],
        ['sync.Behind', base('Behind', ', {"name": "c", "type": "long", "default": 0}')],
      ];
      for (const [subject, schema] of seed) reg.state.register(subject, { schema }, false, true);
      const files = {
        'sync/in-sync.avsc': base('InSync'),
        // Only the doc differs: the same Parsing Canonical Form, but for the registry another schema (registering makes a new version).
        'sync/doc-changed.avsc': base('DocChanged', '', 'A thing, explained better.'),
        'sync/ahead-ok.avsc': base('AheadOk', ', {"name": "b", "type": "int", "default": 0}'),
        'sync/ahead-bad.avsc': base('AheadBad', ', {"name": "b", "type": "int"}'),
        'sync/behind.avsc': base('Behind'),
        'sync/new.avsc': base('New'),
        'sync/invalid.avsc': '{"type": "record", "name": "Invalid", "fields": [',
        'other/unmapped.avsc': base('Unmapped'),
      };
      const project = { registry: { url: reg.url, auth: 'basic' }, schemas: [{ files: 'sync/*.avsc', strategy: 'RecordNameStrategy' }] };
      const dir = await repository('registry-sync', [{ 'avro-studio.json': JSON.stringify(project, null, 2), ...files }]);

      const r = await run(process.execPath, [CLI, 'registry', 'status', '--format', 'json'], dir, { AVRO_REGISTRY_USERNAME: USER, AVRO_REGISTRY_PASSWORD: PASSWORD });
      assert.ok(r.code === 0 || r.code === 1, r.stderr);
      const cli = Object.fromEntries((JSON.parse(r.stdout) as { files: Array<{ path: string; state: string }> }).files.map(f => [f.path.split(path.sep).join('/'), f.state]));

      const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [dir] });
      let editor: Record<string, string>;
      try {
        client.connection.onRequest('avro/registry/credentials', (): unknown => ({ auth: 'basic', username: USER, password: PASSWORD }));
        const sync = await client.request<{ entries: Array<{ uri: string; state: string }> }>('avro/registry/syncStatus', {});
        editor = Object.fromEntries(sync.entries.map(e => [path.relative(dir, new URL(e.uri).pathname).split(path.sep).join('/'), e.state]));
      } finally {
        await client.stop();
      }
      assert.deepEqual(editor, cli, 'the editor (actual) and registry status (expected) disagree');
      assert.deepEqual(cli, {
        'other/unmapped.avsc': 'unmapped',
        'sync/ahead-bad.avsc': 'ahead-incompatible',
        'sync/ahead-ok.avsc': 'ahead-compatible',
        'sync/behind.avsc': 'behind',
        'sync/doc-changed.avsc': 'ahead-compatible',
        'sync/in-sync.avsc': 'in-sync',
        'sync/invalid.avsc': 'invalid',
        'sync/new.avsc': 'not-registered',
      });
    } finally {
      await reg.stop();
    }
  });
});

// ---- the repositories of the `check` goldens (test/unit/cli-check.test.ts) ------------------------

describe('the check fixtures through both front-ends', () => {
  test('origin/main of a clone, a type from another file read at the same commit (--against git:origin/main)', async () => {
    const origin = await repository('fx-origin', [
      { 'schemas/events/metering-event.avsc': version('metering-event.v1.avsc'), 'schemas/common/money.avsc': version('money.v1.avsc'), 'schemas/events/order.avsc': version('order.avsc') },
      { 'schemas/events/metering-event.avsc': version('metering-event.v2.avsc') },
    ]);
    const ci = path.join(tmp, 'fx-ci');
    await git(tmp, 'clone', '-q', origin, ci);
    write(ci, {
      'schemas/events/metering-event.avsc': version('metering-event.v3-breaking.avsc'),
      'schemas/common/money.avsc': version('money.v2-breaking.avsc'),
      'schemas/events/refund.avsc': version('refund.avsc'),
    });
    await checkParity({
      name: 'origin/main',
      dir: ci,
      args: ['--against', 'git:origin/main'],
      compatibility: { baseline: 'git:origin/main' },
      mustFind: ['schemas/events/metering-event.avsc:12:AVRO-404', 'schemas/events/metering-event.avsc:16:AVRO-400', 'schemas/common/money.avsc:9:AVRO-400'],
    });
  });

  test('git history at FULL_TRANSITIVE (--against git:history --level FULL_TRANSITIVE)', async () => {
    const dir = await repository('fx-history', ['h1', 'h2', 'h3'].map(v => ({ 'reports/usage-report.avsc': version(`usage-report.${v}.avsc`) })), { 'reports/usage-report.avsc': version('usage-report.work.avsc') });
    await checkParity({
      name: 'history FULL_TRANSITIVE',
      dir,
      args: ['--against', 'git:history', '--level', 'FULL_TRANSITIVE'],
      compatibility: { baseline: 'git:history', level: 'FULL_TRANSITIVE' },
      mustFind: ['reports/usage-report.avsc:7:AVRO-404'],
    });
  });

  test('levels per glob in avro-studio.json: FULL finds a removed field where it was', async () => {
    const audit = (ns: string, v: string) => version(`audit-entry.${v}.avsc`).replace('"caracal.audit"', `"${ns}"`);
    const dir = await repository('fx-project', [{
      'schemas/events/audit-entry.avsc': audit('caracal.audit', 'v1'),
      'schemas/ledger/audit-entry.avsc': audit('caracal.ledger', 'v1'),
      'schemas/internal/audit-entry.avsc': audit('caracal.internal', 'v1'),
      'avro-studio.json': JSON.stringify({
        compatibility: { level: 'BACKWARD', baseline: 'git:HEAD' },
        schemas: [{ files: 'schemas/events/**', compatibility: { level: 'FULL' } }, { files: 'schemas/internal/**', compatibility: { level: 'NONE' } }],
      }, null, 2),
    }], Object.fromEntries(['events', 'ledger', 'internal'].map(ns => [`schemas/${ns}/audit-entry.avsc`, audit(`caracal.${ns === 'events' ? 'audit' : ns}`, 'v2-removed-field')])));
    await checkParity({ name: 'project file levels', dir, mustFind: ['schemas/events/audit-entry.avsc:6:AVRO-400'] });
  });

  test('a baseline copy inside the folder, one file (--against file:old/metering-event.avsc --level FORWARD)', async () => {
    const dir = path.join(tmp, 'fx-inside');
    write(dir, { 'metering-event.avsc': version('metering-event.v2.avsc'), 'money.avsc': version('money.v1.avsc'), 'old/metering-event.avsc': version('metering-event.v1.avsc') });
    await checkParity({
      name: 'single-file baseline inside',
      dir,
      args: ['metering-event.avsc', '--against', 'file:old/metering-event.avsc', '--level', 'FORWARD'],
      compatibility: { baseline: 'file:old/metering-event.avsc', level: 'FORWARD' },
      mustFind: [],
      wholeFolder: false,
    });
  });

  test('a baseline folder outside the workspace (--against file:../baseline)', async () => {
    const dir = path.join(tmp, 'fx-plain', 'work');
    write(dir, { 'metering-event.avsc': version('metering-event.v3-breaking.avsc'), 'money.avsc': version('money.v1.avsc'), '../baseline/metering-event.avsc': version('metering-event.v1.avsc'), '../baseline/money.avsc': version('money.v1.avsc') });
    await checkParity({
      name: 'baseline folder outside',
      dir,
      args: ['--against', 'file:../baseline'],
      compatibility: { baseline: 'file:../baseline' },
      mustFind: ['metering-event.avsc:12:AVRO-404'],
    });
  });

  test('a version with a syntax error committed (AVRO-411 at the same place), a file broken in the working tree (not checked)', async () => {
    const dir = await repository('fx-broken', [{ 'fixed-since.avsc': version('broken.avsc'), 'broken-now.avsc': version('money.v1.avsc') }], {
      'fixed-since.avsc': version('broken.avsc').replace('},,', '}'),
      'broken-now.avsc': version('broken.avsc').replace('"Broken"', '"Money"'),
    });
    await checkParity({ name: 'broken versions', dir, mustFind: ['fixed-since.avsc:3:AVRO-411', 'broken-now.avsc:5:AVRO-100'] });
  });
});

describe('adoption: suppressions, "ignore" and accepted findings agree', () => {
  test('after --write-baseline, a new violation: the same findings reported, the same accepted, the same hidden', async () => {
    const legacy = '{"type": "record", "name": "Legacy", "namespace": "caracal.legacy", "fields": [{"name": "note", "type": ["string", "null"], "default": null}]}\n';
    const order = ORDER.replace('{"name": "channel", "type": "string", "default": "web"}', '{"name": "channel", "type": "string", "default": "web"},\n    {"name": "coupon", "type": ["null", "string"], "default": "none"}');
    const dir = await repository('fx-adoption', [{
      'schemas/order.avsc': order,
      'schemas/money.avsc': MONEY,
      'legacy/legacy.avsc': legacy,
      'avro-studio.json': JSON.stringify({
        acceptedFindings: '.avro-studio/accepted-findings.json',
        ignore: [{ rules: ['AVRO-222'], files: 'legacy/**', reason: 'retired in Q3' }],
      }, null, 2),
    }], {
      // A breaking change whose AVRO-404 one comment suppresses; the others are accepted below.
      'schemas/order.avsc': ORDER_BREAKING
        .replace('    {"name": "status"', '    // avro-studio-ignore AVRO-404: SHIPPED was never produced\n    {"name": "status"')
        .replace('{"name": "channel", "type": "string", "default": "web"}', '{"name": "channel", "type": "string", "default": "web"},\n    {"name": "coupon", "type": ["null", "string"], "default": "none"}'),
    });
    const written = await run(process.execPath, [CLI, 'check', '--write-baseline', '.avro-studio/accepted-findings.json'], dir);
    assert.equal(written.code, 0, written.stderr);
    // A new violation after the baseline was written.
    const text = fs.readFileSync(path.join(dir, 'schemas/order.avsc'), 'utf8');
    write(dir, { 'schemas/order.avsc': text.replace('{"name": "order_id", "type": "string"},', '{"name": "order_id", "type": "string"},\n    {"name": "tag", "type": ["null", "string"], "default": "x"},') });
    await checkParity({
      name: 'adoption',
      dir,
      mustFind: ['schemas/order.avsc:7:AVRO-222', 'schemas/order.avsc:13:AVRO-222:accepted', 'schemas/order.avsc:11:AVRO-401:accepted', 'schemas/order.avsc:14:AVRO-400:accepted'],
    });
  });
});
