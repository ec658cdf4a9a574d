// `avro-studio registry` connections (built CLI, fake registry): bearer tokens, TLS with a private CA from avro-studio.json, --registry and --timeout, pull to files, and no secret in any output.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FakeRegistry } from '../registry/fakeRegistry';
import { BASIC_ENV, CLI, makeCertificates, PASSWORD, readSeed, runCli, Sandbox, startRegistry, TOKEN, USER, type Certificates, type CliRun } from './cli-registry-env';

const sandbox = new Sandbox();
const registries: FakeRegistry[] = [];
let certs: Certificates;

before(() => {
  assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build it first (node esbuild.mjs, or AVRO_STUDIO_CLI=...)`);
  certs = makeCertificates(sandbox.dir('certs'));
});

after(async () => {
  for (const r of registries) await r.stop();
  sandbox.dispose();
});

async function registry(options: Parameters<typeof startRegistry>[1] = {}): Promise<FakeRegistry> {
  const r = await startRegistry(readSeed('shop'), options);
  registries.push(r);
  return r;
}

let n = 0;
const name = () => `p${++n}`;

/** No output holds any of the secrets (nor the Authorization values made from them). */
function assertNoSecret(r: CliRun, ...secrets: string[]): void {
  const all = [...secrets, ...secrets.map(s => Buffer.from(`${USER}:${s}`).toString('base64'))];
  for (const s of all) {
    assert.ok(!r.stdout.includes(s), `stdout holds a secret:\n${r.stdout}`);
    assert.ok(!r.stderr.includes(s), `stderr holds a secret:\n${r.stderr}`);
  }
}

describe('bearer tokens', () => {
  test('avro-studio.json asks for bearer: AVRO_REGISTRY_TOKEN is sent, a missing or wrong one is exit 2 with the reason', async () => {
    const reg = await registry({ auth: { bearer: TOKEN } });
    const dir = sandbox.project(name(), 'shop', reg.url, c => ((c.registry as Record<string, unknown>).auth = 'bearer'));
    const good = await runCli(['registry', 'subjects'], dir, { AVRO_REGISTRY_TOKEN: TOKEN });
    assert.equal(good.exit, 0, good.stderr);
    assert.match(good.stdout, /^shop\.order-value$/m);
    assert.ok(reg.requests.every(q => q.auth === 'bearer' && q.authOk));
    const missing = await runCli(['registry', 'subjects'], dir, BASIC_ENV);
    assert.equal(missing.exit, 2);
    assert.match(missing.stderr, /uses bearer authentication, but AVRO_REGISTRY_TOKEN is not set/);
    const wrong = await runCli(['registry', 'status'], dir, { AVRO_REGISTRY_TOKEN: 'expired-token-value' });
    assert.equal(wrong.exit, 2);
    assert.match(wrong.stderr, /401/);
    assertNoSecret(good, TOKEN);
    assertNoSecret(wrong, 'expired-token-value');
  });

  test('without "auth" in the project file the variables that are set decide; both kinds at once is a usage error', async () => {
    const reg = await registry({ auth: { bearer: TOKEN } });
    const dir = sandbox.project(name(), 'shop', reg.url, c => delete (c.registry as Record<string, unknown>).auth);
    const r = await runCli(['registry', 'versions', 'shop.audit-value'], dir, { AVRO_REGISTRY_TOKEN: TOKEN });
    assert.equal(r.exit, 0, r.stderr);
    const both = await runCli(['registry', 'subjects'], dir, { ...BASIC_ENV, AVRO_REGISTRY_TOKEN: TOKEN });
    assert.equal(both.exit, 2);
    assert.match(both.stderr, /both basic .* and bearer .* credentials are set/);
    assertNoSecret(both, PASSWORD, TOKEN);
  });
});

describe('TLS', () => {
  test('a registry whose certificate comes from a private CA: "caFile" in avro-studio.json (relative to it) makes it trusted; without it, exit 2 saying where to put the CA', async () => {
    const reg = await registry({ tls: { cert: certs.serverCert, key: certs.serverKey } });
    assert.match(reg.url, /^https:/);
    const withCa = sandbox.project(name(), 'shop', reg.url, c => ((c.registry as Record<string, unknown>).caFile = 'certs/ca.pem'));
    fs.mkdirSync(path.join(withCa, 'certs'));
    fs.copyFileSync(certs.caFile, path.join(withCa, 'certs', 'ca.pem'));
    // From a subfolder: the project file is found above, and caFile is relative to it, not to the working directory.
    const r = await runCli(['registry', 'status', 'common/money.avsc'], path.join(withCa, 'schemas'), BASIC_ENV);
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /com\.shop\.Money: in sync with v1/);

    const withoutCa = sandbox.project(name(), 'shop', reg.url);
    const untrusted = await runCli(['registry', 'subjects'], withoutCa, BASIC_ENV);
    assert.equal(untrusted.exit, 2);
    assert.match(untrusted.stderr, /not trusted/);
    assert.match(untrusted.stderr, /"registry\.caFile" of avro-studio\.json/);

    const missingFile = sandbox.project(name(), 'shop', reg.url, c => ((c.registry as Record<string, unknown>).caFile = 'certs/nope.pem'));
    const missing = await runCli(['registry', 'subjects'], missingFile, BASIC_ENV);
    assert.equal(missing.exit, 2);
    assert.match(missing.stderr, /"registry\.caFile" in avro-studio\.json: .*certs\/nope\.pem does not exist/);
    for (const x of [r, untrusted, missing]) assertNoSecret(x, PASSWORD);
  });

  test('check --against registry over TLS; a CA outside the project folder comes from --ca-file, never from avro-studio.json', async () => {
    const reg = await registry({ tls: { cert: certs.serverCert, key: certs.serverKey } });
    // avro-studio.json may not name a file outside its folder: refused before anything is read or sent.
    const dir = sandbox.project(name(), 'shop', reg.url, c => ((c.registry as Record<string, unknown>).caFile = certs.caFile));
    const refused = await runCli(['check', '--against', 'registry', 'schemas/events/order.avsc'], dir, BASIC_ENV);
    assert.equal(refused.exit, 2, refused.stdout + refused.stderr);
    assert.match(refused.stderr, /"registry\.caFile" names ".*ca\.pem", which is an absolute path: paths in avro-studio\.json are relative to its folder/);
    assert.match(refused.stderr, /--ca-file/);
    // The same file from the command line (the user's own choice) is fine.
    const plain = sandbox.project(name(), 'shop', reg.url);
    const r = await runCli(['registry', 'check', '--ca-file', certs.caFile, 'schemas/events/order.avsc'], plain, BASIC_ENV);
    assert.equal(r.exit, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /schemas\/events\/order\.avsc: BACKWARD vs registry: compatible/);
  });
});

describe('overrides, time limits, files', () => {
  test('--registry without a project file; a URL with credentials in it is refused', async () => {
    const reg = await registry();
    const dir = sandbox.dir(name());
    const r = await runCli(['registry', 'subjects', '--registry', reg.url], dir, BASIC_ENV);
    assert.equal(r.exit, 0, r.stderr);
    assert.match(r.stdout, /^com\.shop\.Money$/m);
    const withCredentials = await runCli(['registry', 'subjects', '--registry', reg.url.replace('http://', `http://${USER}:${PASSWORD}@`)], dir, {});
    assert.equal(withCredentials.exit, 2);
    assert.match(withCredentials.stderr, /--registry must not contain credentials/);
    assertNoSecret(withCredentials, PASSWORD);
  });

  test('--timeout: a registry that does not answer is exit 2 with the time limit, asked once', async () => {
    const reg = await registry();
    reg.faults.hang({ path: '/subjects', count: Infinity });
    const dir = sandbox.project(name(), 'shop', reg.url);
    const r = await runCli(['registry', 'subjects', '--timeout', '300ms'], dir, BASIC_ENV);
    assert.equal(r.exit, 2);
    // The flag's limit is the one applied ("soon": 0.3 s, and a timeout is not retried), not the default.
    assert.match(r.stderr, /did not answer within 0\.3 s/);
    assert.match(r.stderr, /--timeout or "registry\.timeoutMs"/);
    assert.equal(reg.requests.filter(x => x.path === '/subjects').length, 1, 'asked once');
  });

  test('pull --out writes the pretty schema atomically; pull --write needs --yes when stdin is not a terminal', async () => {
    const reg = await registry();
    const dir = sandbox.project(name(), 'shop', reg.url);
    const printed = await runCli(['registry', 'pull', 'shop.audit-value'], dir, BASIC_ENV);
    const out = await runCli(['registry', 'pull', 'shop.audit-value', '--out', 'pulled/audit.avsc'], dir, BASIC_ENV);
    assert.equal(out.exit, 0, out.stderr);
    assert.equal(out.stdout, '');
    assert.equal(fs.readFileSync(path.join(dir, 'pulled/audit.avsc'), 'utf8'), printed.stdout);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'pulled')), ['audit.avsc']);
    assert.match(printed.stdout, /^\{\n {2}"type": "record",\n {2}"name": "Audit",/);

    const file = path.join(dir, 'schemas/events/audit.avsc');
    const before = fs.readFileSync(file, 'utf8');
    const refused = await runCli(['registry', 'pull', 'shop.audit-value', '--write'], dir, BASIC_ENV);
    assert.equal(refused.exit, 2);
    assert.match(refused.stderr, /stdin is not a terminal, so pass --yes to confirm\. Nothing was written\./);
    assert.equal(fs.readFileSync(file, 'utf8'), before);
    const written = await runCli(['registry', 'pull', 'shop.audit-value', '--write', '--yes'], dir, BASIC_ENV);
    assert.equal(written.exit, 0, written.stderr);
    assert.equal(fs.readFileSync(file, 'utf8'), printed.stdout);
    // Now in sync.
    const status = await runCli(['registry', 'status', 'schemas/events/audit.avsc'], dir, BASIC_ENV);
    assert.match(status.stdout, /shop\.audit-value: in sync with v2/);
    const again = await runCli(['registry', 'pull', 'shop.audit-value', '--write', '--yes'], dir, BASIC_ENV);
    assert.match(again.stderr, /already holds shop\.audit-value v2 \(id 5\): nothing to write/);
  });
});

describe('a registry that fails', () => {
  test('check --against registry: exit 2 with the reason; --allow-missing-baseline reports the files as unchecked', async () => {
    const reg = await registry();
    reg.faults.fail({ status: 503, count: Infinity });
    const dir = sandbox.project(name(), 'shop', reg.url);
    const failed = await runCli(['check', '--against', 'registry', 'schemas/events/order.avsc'], dir, BASIC_ENV);
    assert.equal(failed.exit, 2);
    assert.match(failed.stderr, /baseline registry: subject "shop\.order-value" could not be read: .*503/);
    const allowed = await runCli(['registry', 'check', 'schemas/events/order.avsc', '--allow-missing-baseline', '--format', 'json'], dir, BASIC_ENV);
    assert.equal(allowed.exit, 0, allowed.stderr);
    const out = JSON.parse(allowed.stdout) as { files: Array<{ compatibility: { status: string; message: string } }> };
    assert.equal(out.files[0].compatibility.status, 'unavailable');
    assert.match(out.files[0].compatibility.message, /503/);
  });
});

describe('secrets', () => {
  test('a server that echoes the Authorization header and the password: every output is still free of them', async () => {
    const reg = await registry();
    const header = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
    const dir = sandbox.project(name(), 'shop', reg.url);
    reg.faults.respond({ path: '/subjects', status: 500, body: `<html>proxy error: Authorization: Basic ${header} (password ${PASSWORD})</html>`, count: Infinity });
    const runs: CliRun[] = [];
    for (const args of [
      ['registry', 'subjects'],
      ['registry', 'status'],
      ['registry', 'push', '--dry-run'],
      ['registry', 'check', '--format', 'json'],
      ['registry', 'pull', 'shop.audit-value'],
      ['check', '--against', 'registry', '--format', 'sarif'],
    ]) {
      const r = await runCli(args, dir, BASIC_ENV);
      assert.equal(r.exit, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
      runs.push(r);
    }
    for (const r of runs) assertNoSecret(r, PASSWORD);
    // The failure is still explained (with the secret replaced).
    assert.match(runs[0].stderr, /\*\*\*/);
  });
});
