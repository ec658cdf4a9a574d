// `avro-studio registry push` end to end (built CLI, fake registry): dependency order with references, ids and versions, refusals, the registry going away mid-push, confirmation at a terminal.
//
// Every test starts its own registry (ids and versions are then the same on every run) and its own
// copy of test/fixtures/cli-registry/shop. Goldens: test/fixtures/cli-registry/expected-push/.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli as runCliInProcess } from '../../server/src/cli/main';
import type { CliIO } from '../../server/src/cli/io';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { packageInfo } from '../../server/src/node/packageInfo';
import type { FakeRegistry } from '../registry/fakeRegistry';
import { BASIC_ENV, CLI, normalize, readSeed, REGISTRY_FIXTURES, runCli, Sandbox, startRegistry, type CliRun } from './cli-registry-env';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const EXPECTED = path.join(REGISTRY_FIXTURES, 'expected-push');
const sandbox = new Sandbox();
const registries: FakeRegistry[] = [];
const checkedGoldens = new Set<string>();

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build it first (node esbuild.mjs, or AVRO_STUDIO_CLI=...)`);
  fs.mkdirSync(EXPECTED, { recursive: true });
});

after(async () => {
  for (const r of registries) await r.stop();
  sandbox.dispose();
});

async function registry(seed: 'shop' | 'empty'): Promise<FakeRegistry> {
  const r = await startRegistry(seed === 'shop' ? readSeed('shop') : undefined);
  registries.push(r);
  return r;
}

let projects = 0;
function project(r: FakeRegistry): string {
  return sandbox.project(`shop-${++projects}`, 'shop', r.url);
}

function golden(name: string, args: string[], r: CliRun, reg: FakeRegistry): void {
  const norm = (s: string) => normalize(s, sandbox, [reg], packageInfo().version).replace(/shop-\d+/g, 'shop');
  const actual = `$ avro-studio ${norm(args.join(' '))}\nexit ${r.exit}\n--- stdout\n${norm(r.stdout)}--- stderr\n${norm(r.stderr)}`;
  const file = path.join(EXPECTED, `${name}.txt`);
  checkedGoldens.add(`${name}.txt`);
  if (UPDATE) fs.writeFileSync(file, actual);
  assert.equal(actual, fs.readFileSync(file, 'utf8'));
}

const registrations = (reg: FakeRegistry) => reg.requests.filter(q => q.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(q.path));

describe('avro-studio registry push', () => {
  test('an empty registry: the referenced schema is registered first, the other with "references", ids and versions printed', async () => {
    const reg = await registry('empty');
    const dir = project(reg);
    const args = ['registry', 'push', 'schemas/events/order.avsc', '--yes'];
    const r = await runCli(args, dir, BASIC_ENV);
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    golden('dependency-order', args, r, reg);
    assert.deepEqual(registrations(reg).map(q => [q.path, (q.body as { references?: unknown }).references ?? null]), [
      ['/subjects/com.shop.Money/versions', null],
      ['/subjects/shop.order-value/versions', [{ name: 'com.shop.Money', subject: 'com.shop.Money', version: 1 }]],
    ]);
    // What the registry holds is what was printed.
    assert.deepEqual(reg.state.getVersion('shop.order-value', 'latest').references, [{ name: 'com.shop.Money', subject: 'com.shop.Money', version: 1 }]);
    assert.match(r.stdout, /^com\.shop\.Money: registered \(id 1, version 1\)$/m);
    assert.match(r.stdout, /^shop\.order-value: registered \(id 2, version 1\)$/m);
  });

  test('a new version over registered history; then again: already registered, nothing written', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    const args = ['registry', 'push', 'schemas/events/order.avsc', 'schemas/common/money.avsc', '-y'];
    const first = await runCli(args, dir, BASIC_ENV);
    assert.equal(first.exit, 0, first.stdout + first.stderr);
    golden('new-version', args, first, reg);
    assert.deepEqual(registrations(reg).map(q => q.path), ['/subjects/shop.order-value/versions']);
    assert.deepEqual(reg.state.listVersions('shop.order-value'), [1, 2]);
    const before = reg.requests.length;
    const again = await runCli(args, dir, BASIC_ENV);
    assert.equal(again.exit, 0, again.stdout + again.stderr);
    golden('again-already-registered', args, again, reg);
    assert.deepEqual(registrations(reg).filter(q => q.seq > before), []);
  });

  test('the registry goes away after the first of three registrations: the summary says exactly what was registered, what failed, what was not attempted', async () => {
    const args = ['registry', 'push', 'schemas/events/audit.avsc', 'schemas/events/refund.avsc', 'schemas/events/shipment.avsc', '--yes'];
    // A clean run shows how many requests the push makes up to the first registration and its version lookup.
    const clean = await registry('empty');
    const cleanRun = await runCli(args, project(clean), BASIC_ENV);
    assert.equal(cleanRun.exit, 0, cleanRun.stdout + cleanRun.stderr);
    assert.equal(registrations(clean).length, 3);
    const firstRegistration = clean.requests.indexOf(registrations(clean)[0]);
    assert.equal(clean.requests[firstRegistration + 1].path, '/subjects/shop.audit-value', 'the version lookup follows the registration');

    const reg = await registry('empty');
    const dir = project(reg);
    reg.faults.goAwayAfter(firstRegistration + 2);
    const r = await runCli(args, dir, BASIC_ENV);
    golden('registry-goes-away', args, r, reg);
    assert.equal(r.exit, 2);
    assert.match(r.stdout, /^shop\.audit-value: registered \(id 1, version 1\)$/m);
    assert.match(r.stdout, /^shop\.refund-value: failed: .*not reachable/m);
    assert.match(r.stdout, /^shop\.shipment-value: not attempted$/m);
    assert.match(r.stdout, /^Stopped: 1 registered, 0 already registered, 1 failed \(network\), 1 not attempted\.$/m);
    // The truth: exactly one subject was registered.
    assert.deepEqual(reg.state.listSubjects(), ['shop.audit-value']);
  });

  test('the connection dies after the registry registered: the registry is asked, and only what it confirms is reported as done', async () => {
    const reg = await registry('empty');
    const dir = project(reg);
    // Every attempt (the client retries a registration, which the registry treats as idempotent) loses its answer.
    reg.faults.closeMidResponse({ method: 'POST', path: '/subjects/shop.refund-value/versions', afterProcessing: true, count: 10 });
    const args = ['registry', 'push', 'schemas/events/audit.avsc', 'schemas/events/refund.avsc', 'schemas/events/shipment.avsc', '--yes'];
    const r = await runCli(args, dir, BASIC_ENV);
    golden('answer-lost', args, r, reg);
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^shop\.refund-value: registered \(id 2, version 1; the answer to the registration was lost; the registry confirms it holds the schema\)$/m);
    assert.deepEqual(reg.state.listSubjects(), ['shop.audit-value', 'shop.refund-value', 'shop.shipment-value']);
  });

  test('the connection dies before the registry registered: failed, and the registry confirms it holds nothing', async () => {
    const reg = await registry('empty');
    const dir = project(reg);
    reg.faults.closeMidResponse({ method: 'POST', path: '/subjects/shop.refund-value/versions', count: 10 });
    const args = ['registry', 'push', 'schemas/events/audit.avsc', 'schemas/events/refund.avsc', 'schemas/events/shipment.avsc', '--yes'];
    const r = await runCli(args, dir, BASIC_ENV);
    golden('connection-dropped', args, r, reg);
    assert.equal(r.exit, 2);
    assert.match(r.stdout, /^shop\.refund-value: failed: .*Asked again, the registry does not hold the schema: it was not registered\.$/m);
    assert.match(r.stdout, /^shop\.shipment-value: not attempted$/m);
    assert.deepEqual(reg.state.listSubjects(), ['shop.audit-value']);
  });

  test('the registry refuses a registration our checks passed (409): failed (incompatible), exit 1, later ones not attempted', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    reg.faults.respond({ method: 'POST', path: '/subjects/shop.order-value/versions', status: 409, body: { error_code: 409, message: 'Schema being registered is incompatible with an earlier schema for subject "shop.order-value", details: [{errorType:\'READER_FIELD_MISSING_DEFAULT_VALUE\', description:\'The field \'note\' at path \'/fields/2\' in the new schema has no default value and is missing in the old schema\', additionalInfo:\'note\'}, {oldSchemaVersion: 1}, {compatibility: \'BACKWARD\'}]' } });
    const args = ['registry', 'push', 'schemas/events/order.avsc', 'schemas/events/shipment.avsc', '--yes'];
    const r = await runCli(args, dir, BASIC_ENV);
    golden('registry-refuses', args, r, reg);
    assert.equal(r.exit, 1);
    assert.match(r.stdout, /^shop\.shipment-value: not attempted$/m);
  });

  test('the registry and our engine disagree: the push is refused, and the disagreement is said', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    reg.state.forceCompatibility['shop.order-value'] = { is_compatible: false, messages: ['Incompatible: the registry\'s policy refuses this change'] };
    const args = ['registry', 'push', 'schemas/events/order.avsc', '--yes'];
    const r = await runCli(args, dir, BASIC_ENV);
    golden('disagreement', args, r, reg);
    assert.equal(r.exit, 1);
    assert.deepEqual(registrations(reg), []);
  });

  test('an invalid schema is refused with its errors on the lines; nothing is registered', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    fs.writeFileSync(path.join(dir, 'schemas/events/shipment.avsc'), '{"type": "record", "name": "Shipment", "namespace": "com.shop", "fields": [\n  {"name": "weight", "type": "int", "default": "heavy"}\n]}\n');
    const args = ['registry', 'push', 'schemas/events/shipment.avsc', 'schemas/events/order.avsc', '--yes', '--format', 'json'];
    const r = await runCli(args, dir, BASIC_ENV);
    golden('invalid-json', args, r, reg);
    assert.equal(r.exit, 1);
    const out = JSON.parse(r.stdout) as { plan: Array<{ subject: string; action: string; errors: string[] }>; results: unknown[]; summary: { exitCode: number } };
    assert.deepEqual(out.plan.map(p => [p.subject, p.action]), [['com.shop.Money', 'already-registered'], ['shop.order-value', 'register'], ['shop.shipment-value', 'refused']]);
    assert.match(out.plan[2].errors[0], /^schemas\/events\/shipment\.avsc:2:\d+: error AVRO-2\d\d /);
    assert.deepEqual(out.results, []);
    assert.deepEqual(registrations(reg), []);
  });

  test('a file that uses types from an unmapped file cannot be pushed: the reason names both', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    fs.writeFileSync(path.join(dir, 'schemas/events/shipment.avsc'), '{"type": "record", "name": "Shipment", "namespace": "com.shop", "fields": [{"name": "note", "type": "com.shop.misc.Note"}]}\n');
    const args = ['registry', 'push', 'schemas/events/shipment.avsc', '--yes'];
    const r = await runCli(args, dir, BASIC_ENV);
    golden('unmapped-dependency', args, r, reg);
    assert.equal(r.exit, 1);
    assert.deepEqual(registrations(reg), []);
  });

  test('the project file\'s "rules" apply to the push: a code the team makes an error refuses the schema', async () => {
    const reg = await registry('shop');
    const commented = '// shipments of the shop\n{"type": "record", "name": "Shipment", "namespace": "com.shop", "fields": [{"name": "weight", "type": "int"}]}\n';
    const plan = async (rules?: Record<string, string>): Promise<{ exit: number | null; out: { plan: Array<{ subject: string; action: string; errors: string[] }> } }> => {
      const dir = sandbox.project(`shop-rules-${++projects}`, 'shop', reg.url, rules ? config => (config.rules = rules) : undefined);
      fs.writeFileSync(path.join(dir, 'schemas/events/shipment.avsc'), commented);
      const r = await runCli(['registry', 'push', 'schemas/events/shipment.avsc', '--dry-run', '--format', 'json'], dir, BASIC_ENV);
      return { exit: r.exit, out: JSON.parse(r.stdout) };
    };
    const loose = await plan();
    assert.equal(loose.exit, 0, 'a comment is a warning by default');
    assert.deepEqual(loose.out.plan.map(p => [p.subject, p.action]), [['shop.shipment-value', 'register']]);
    const strict = await plan({ 'AVRO-101': 'error' });
    assert.equal(strict.exit, 1);
    assert.deepEqual(strict.out.plan.map(p => [p.subject, p.action]), [['shop.shipment-value', 'refused']]);
    assert.match(strict.out.plan[0].errors[0], /^schemas\/events\/shipment\.avsc:1:1: error AVRO-101 /);
    assert.deepEqual(registrations(reg), []);
  });

  test('every golden file belongs to a test', () => {
    assert.deepEqual(fs.readdirSync(EXPECTED).filter(f => !checkedGoldens.has(f)), []);
  });
});

/** The CLI in this process, with a stdin that says it is a terminal and types `answer`. */
async function runAtTerminal(args: string[], cwd: string, answer: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const io: CliIO = {
    cwd,
    env: { ...BASIC_ENV, NO_COLOR: '1' },
    stdout: { write: t => void (stdout += t) },
    stderr: {
      write: t => {
        stderr += t;
        // Answer when asked.
        if (/\[y\/N\] $/.test(t)) stdin.write(answer + '\n');
      },
    },
    fs: nodeFileSystem,
    stdin,
  };
  const exit = await runCliInProcess(args, io);
  return { stdout, stderr, exit };
}

describe('avro-studio registry push at a terminal', () => {
  test('asks before registering: "y" registers, anything else registers nothing (exit 2)', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    const no = await runAtTerminal(['registry', 'push', 'schemas/events/order.avsc'], dir, 'n');
    assert.equal(no.exit, 2);
    assert.match(no.stderr, /Register 1 schema in http:\/\/127\.0\.0\.1:\d+\? \[y\/N\] /);
    assert.match(no.stderr, /Nothing was registered: not confirmed\./);
    assert.deepEqual(registrations(reg), []);
    const yes = await runAtTerminal(['registry', 'push', 'schemas/events/order.avsc'], dir, 'y');
    assert.equal(yes.exit, 0, yes.stdout + yes.stderr);
    assert.match(yes.stdout, /^shop\.order-value: registered \(id \d+, version 2\)$/m);
    assert.equal(registrations(reg).length, 1);
  });

  test('pull --write asks before replacing the mapped file', async () => {
    const reg = await registry('shop');
    const dir = project(reg);
    const file = path.join(dir, 'schemas/events/audit.avsc');
    const before = fs.readFileSync(file, 'utf8');
    const no = await runAtTerminal(['registry', 'pull', 'shop.audit-value', '--write'], dir, 'no');
    assert.equal(no.exit, 2);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    const yes = await runAtTerminal(['registry', 'pull', 'shop.audit-value', '--write'], dir, 'yes');
    assert.equal(yes.exit, 0, yes.stderr);
    assert.match(yes.stderr, /Wrote shop\.audit-value v2 \(id 5\) to schemas\/events\/audit\.avsc\./);
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')).fields.map((f: { name: string }) => f.name), ['actor', 'at']);
  });
});
