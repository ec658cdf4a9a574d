// `avro-studio registry` and `check --against registry` end to end: the built CLI as a child process against the fake registry (HTTP, basic auth), golden outputs, exit codes.
//
// The "shop" project (test/fixtures/cli-registry/shop) against the registry seeded from seeds/shop.json:
//   com.shop.Money       money.avsc           registered as it is                  -> in sync
//   shop.order-value     order.avsc           v1 (references Money v1); the file adds an optional field -> ahead, compatible
//   shop.refund-value    refund.avsc          v1; the file adds a field without default              -> ahead, incompatible
//   shop.audit-value     audit.avsc           v1, v2; the file is v1                                  -> behind
//   shop.usage-value     usage.avsc           v1, v2 (level BACKWARD_TRANSITIVE); fine vs v2, not v1  -> ahead, incompatible
//   shop.shipment-value  shipment.avsc        not registered                                          -> not registered
//   (none)               misc/notes.avsc      no rule in avro-studio.json                             -> unmapped
// Goldens: test/fixtures/cli-registry/expected/<case>.txt (UPDATE_EXPECT=1 rewrites them; review the diff).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageInfo } from '../../server/src/node/packageInfo';
import type { FakeRegistry } from '../registry/fakeRegistry';
import { BASIC_ENV, CLI, EXPECTED, normalize, PASSWORD, readSeed, runCli, Sandbox, startRegistry, USER, type CliRun } from './cli-registry-env';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const sandbox = new Sandbox();
let registry: FakeRegistry;
let shop: string;

before(async () => {
  assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build it first (node esbuild.mjs, or AVRO_STUDIO_CLI=...)`);
  registry = await startRegistry(readSeed('shop'));
  shop = sandbox.project('shop', 'shop', registry.url);
});

after(async () => {
  await registry?.stop();
  sandbox.dispose();
});

interface Case {
  name: string;
  args: string[];
  exit: number;
  /** Environment (default: the right basic credentials). */
  env?: Record<string, string>;
  /** Nothing may be registered or changed (every read-only case). */
  readOnly?: boolean;
}

const CASES: Case[] = ([
  // Browsing.
  { name: 'subjects', args: ['registry', 'subjects'], exit: 0 },
  { name: 'subjects-prefix-json', args: ['registry', 'subjects', '--prefix', 'shop.', '--format', 'json'], exit: 0 },
  { name: 'versions', args: ['registry', 'versions', 'shop.audit-value'], exit: 0 },
  { name: 'versions-references-json', args: ['registry', 'versions', 'shop.order-value', '--format', 'json'], exit: 0 },
  { name: 'versions-unknown-subject', args: ['registry', 'versions', 'nope-value'], exit: 2 },
  { name: 'pull-latest', args: ['registry', 'pull', 'shop.order-value'], exit: 0 },
  { name: 'pull-version', args: ['registry', 'pull', 'shop.audit-value', '--version', '1'], exit: 0 },
  { name: 'pull-missing-version', args: ['registry', 'pull', 'shop.audit-value', '--version', '9'], exit: 2 },
  // Status: every state, text and JSON.
  { name: 'status-all', args: ['registry', 'status'], exit: 1 },
  { name: 'status-all-json', args: ['registry', 'status', '--format', 'json'], exit: 1 },
  { name: 'status-in-sync', args: ['registry', 'status', 'schemas/common/money.avsc', 'schemas/events/order.avsc'], exit: 0 },
  // check --against registry: the subject's level, --level over it, unmapped and unregistered files.
  { name: 'check-all', args: ['registry', 'check'], exit: 1 },
  { name: 'check-subject-level-transitive', args: ['registry', 'check', 'schemas/events/usage.avsc'], exit: 1 },
  { name: 'check-level-option-wins', args: ['registry', 'check', 'schemas/events/usage.avsc', '--level', 'BACKWARD'], exit: 0 },
  { name: 'check-against-registry', args: ['check', '--against', 'registry', 'schemas/events/order.avsc', 'schemas/events/shipment.avsc', 'misc/notes.avsc'], exit: 0 },
  { name: 'check-against-registry-json', args: ['check', '--against', 'registry', 'schemas/events/refund.avsc', '--format', 'json'], exit: 1 },
  { name: 'check-subject-option', args: ['registry', 'check', 'misc/notes.avsc', '--subject', 'shop.refund-value'], exit: 1 },
  // Push without writing.
  { name: 'push-dry-run', args: ['registry', 'push', 'schemas/events/order.avsc', '--dry-run'], exit: 0 },
  { name: 'push-everything-dry-run', args: ['registry', 'push', '--dry-run'], exit: 1 },
  { name: 'push-refused-incompatible', args: ['registry', 'push', 'schemas/events/refund.avsc', 'schemas/events/order.avsc', '--yes'], exit: 1 },
  { name: 'push-not-confirmed', args: ['registry', 'push', 'schemas/events/order.avsc'], exit: 2 },
  { name: 'push-unmapped', args: ['registry', 'push', 'misc/notes.avsc', '--yes'], exit: 2 },
  // Usage, credentials, authorisation.
  { name: 'subject-with-two-files', args: ['registry', 'status', '--subject', 'x', 'schemas/events'], exit: 2 },
  { name: 'unknown-subcommand', args: ['registry', 'sync'], exit: 2 },
  { name: 'bad-timeout', args: ['registry', 'subjects', '--timeout', 'soon'], exit: 2 },
  { name: 'missing-credentials', args: ['registry', 'status'], exit: 2, env: {} },
  { name: 'half-credentials', args: ['registry', 'subjects'], exit: 2, env: { AVRO_REGISTRY_USERNAME: USER } },
  { name: 'wrong-credentials', args: ['registry', 'subjects'], exit: 2, env: { AVRO_REGISTRY_USERNAME: USER, AVRO_REGISTRY_PASSWORD: 'not-the-password' } },
  { name: 'wrong-credentials-check', args: ['check', '--against', 'registry', 'schemas/events/order.avsc'], exit: 2, env: { AVRO_REGISTRY_USERNAME: USER, AVRO_REGISTRY_PASSWORD: 'not-the-password' } },
  { name: 'no-registry', args: ['registry', 'subjects', '--no-config'], exit: 2 },
  { name: 'help', args: ['registry', '--help'], exit: 0 },
  { name: 'help-command', args: ['help', 'registry'], exit: 0 },
  { name: 'help-push', args: ['registry', 'push', '--help'], exit: 0 },
  { name: 'help-check', args: ['registry', 'help', 'check'], exit: 0 },
] as Case[]).map(c => ({ readOnly: true, ...c }));

function render(c: Case, r: CliRun): string {
  const norm = (s: string) => normalize(s, sandbox, [registry], packageInfo().version);
  return `$ avro-studio ${norm(c.args.join(' '))}${c.env && !Object.keys(c.env).length ? '   (no credentials)' : ''}\nexit ${r.exit}\n--- stdout\n${norm(r.stdout)}--- stderr\n${norm(r.stderr)}`;
}

describe('avro-studio registry (golden outputs, built CLI, fake registry)', () => {
  for (const c of CASES) {
    test(c.name, async () => {
      const before = registry.requests.length;
      const r = await runCli(c.args, shop, c.env ?? BASIC_ENV);
      const actual = render(c, r);
      const file = path.join(EXPECTED, `${c.name}.txt`);
      if (UPDATE) fs.writeFileSync(file, actual);
      assert.equal(r.exit, c.exit, `exit code of ${c.name}\n${r.stdout}${r.stderr}`);
      assert.equal(actual, fs.readFileSync(file, 'utf8'));
      if (c.readOnly) {
        const writes = registry.requests.slice(before).filter(q => (q.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(q.path)) || q.method === 'PUT' || q.method === 'DELETE');
        assert.deepEqual(writes.map(w => `${w.method} ${w.path}`), [], `${c.name} wrote to the registry`);
      }
      // No output ever holds the password (nor the Authorization header made from it).
      const header = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
      for (const secret of [PASSWORD, header]) assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `${c.name} printed a secret`);
    });
  }
  test('every golden file belongs to a case', () => {
    const names = new Set(CASES.map(c => `${c.name}.txt`));
    assert.deepEqual(fs.readdirSync(EXPECTED).filter(f => !names.has(f)), []);
  });
});

describe('avro-studio registry: behaviour', () => {
  test('status --format json: the state of every file, with the level and where it comes from', async () => {
    const r = await runCli(['registry', 'status', '--format', 'json'], shop, BASIC_ENV);
    const out = JSON.parse(r.stdout) as { files: Array<{ path: string; state: string; level: string | null; levelSource: string | null; latest: { version: number } | null; matches: { version: number } | null; registryVerdict: { isCompatible: boolean } | null }>; summary: Record<string, number> };
    const by = Object.fromEntries(out.files.map(f => [f.path.split(path.sep).join('/'), f]));
    assert.equal(by['schemas/common/money.avsc'].state, 'in-sync');
    assert.equal(by['schemas/events/order.avsc'].state, 'ahead-compatible');
    assert.equal(by['schemas/events/order.avsc'].registryVerdict?.isCompatible, true);
    assert.equal(by['schemas/events/refund.avsc'].state, 'ahead-incompatible');
    assert.equal(by['schemas/events/refund.avsc'].registryVerdict?.isCompatible, false);
    assert.equal(by['schemas/events/audit.avsc'].state, 'behind');
    assert.deepEqual([by['schemas/events/audit.avsc'].matches?.version, by['schemas/events/audit.avsc'].latest?.version], [1, 2]);
    assert.deepEqual([by['schemas/events/usage.avsc'].state, by['schemas/events/usage.avsc'].level, by['schemas/events/usage.avsc'].levelSource], ['ahead-incompatible', 'BACKWARD_TRANSITIVE', 'registry']);
    assert.equal(by['schemas/events/shipment.avsc'].state, 'not-registered');
    assert.equal(by['misc/notes.avsc'].state, 'unmapped');
    assert.equal(out.summary.exitCode, 1);
  });

  test('check against the registry: a *_TRANSITIVE subject is checked against every version, newest first; --level BACKWARD against the latest only', async () => {
    type Out = { files: Array<{ compatibility: { level: string; source: { level: string }; versions: Array<{ label: string; description: string; path: string }>; checks: Array<{ version: string; compatible: boolean }>; findings: Array<{ versions: string[]; type: string; baseline: { path: string } | null }> } }> };
    const transitive = JSON.parse((await runCli(['registry', 'check', 'schemas/events/usage.avsc', '--format', 'json'], shop, BASIC_ENV)).stdout) as Out;
    const c = transitive.files[0].compatibility;
    assert.deepEqual([c.level, c.source.level], ['BACKWARD_TRANSITIVE', 'registry']);
    assert.deepEqual(c.versions.map(v => [v.label, v.path]), [['v2', 'registry:shop.usage-value/v2'], ['v1', 'registry:shop.usage-value/v1']]);
    for (const v of c.versions) assert.match(v.description, /^id \d+$/);
    assert.deepEqual(c.checks.map(k => `${k.version} ${k.compatible}`), ['v2 true', 'v1 false']);
    assert.deepEqual(c.findings.map(f => [f.type, f.versions]), [['READER_FIELD_MISSING_DEFAULT_VALUE', ['v1']]]);
    assert.equal(c.findings[0].baseline?.path, 'registry:shop.usage-value/v1');
    const latestOnly = JSON.parse((await runCli(['registry', 'check', 'schemas/events/usage.avsc', '--format', 'json', '--level', 'BACKWARD'], shop, BASIC_ENV)).stdout) as Out;
    assert.deepEqual(latestOnly.files[0].compatibility.versions.map(v => v.label), ['v2']);
    assert.deepEqual([latestOnly.files[0].compatibility.level, latestOnly.files[0].compatibility.source.level], ['BACKWARD', 'option']);
  });

  test('a registered version that references another subject is checked with the referenced schema resolved as registered', async () => {
    // order v1 uses com.shop.Money from subject com.shop.Money v1; the local Money matches it, so the only difference is the new optional field.
    const r = await runCli(['check', '--against', 'registry', 'schemas/events/order.avsc', '--format', 'json'], shop, BASIC_ENV);
    const out = JSON.parse(r.stdout) as { files: Array<{ compatibility: { status: string; complete: boolean; notes: string[] } }> };
    assert.equal(out.files[0].compatibility.status, 'compatible');
    assert.equal(out.files[0].compatibility.complete, true);
    // The references were fetched: GET of the referenced version.
    assert.ok(registry.requests.some(q => q.method === 'GET' && q.path === '/subjects/com.shop.Money/versions/1'));
  });
});
