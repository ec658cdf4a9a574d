// The Schema Registry client against the fake registry on 127.0.0.1: every endpoint, every error code path, auth, timeouts, retries, aborts, redaction.
import { test, describe, before, after, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import { createRegistryClient } from '../../server/src/registry/client';
import { RegistryError, type RegistryConnection, type RegistryErrorKind } from '../../server/src/registry/types';
import { startFakeRegistry, type FakeRegistry } from '../registry/fakeRegistry';

const SUBJECT = 'caracal.metering.events-value';
const NS = 'caracal.metering';

function record(fields: string[], name = 'MeteringEvent'): string {
  return JSON.stringify({
    type: 'record',
    name,
    namespace: NS,
    fields: fields.map(f => {
      const [decl, def] = f.split('=');
      const [n, type] = decl.split(':');
      return def === undefined ? { name: n, type } : { name: n, type, default: JSON.parse(def) };
    }),
  });
}

const V1 = record(['event_id:string', 'units:long']);
const V2 = record(['event_id:string', 'units:long', 'currency:string="EUR"']);
const V2_BREAKING = record(['event_id:string', 'units:long', 'currency:string']);
const V3_BREAKING = record(['event_id:string', 'units:long', 'currency:string="EUR"', 'region:string']);

function clientFor(reg: { url: string }, extra: Partial<RegistryConnection> = {}) {
  return createRegistryClient({ url: reg.url, auth: { kind: 'none' }, timeoutMs: 2000, ...extra });
}

/** Expect a RegistryError of `kind` whose message matches; returns it for more checks. */
async function rejectsWith(promise: Promise<unknown>, kind: RegistryErrorKind, message: RegExp, extra: { status?: number; errorCode?: number } = {}): Promise<RegistryError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof RegistryError, `expected a RegistryError, got ${String(caught)}`);
  const err = caught as RegistryError;
  assert.equal(err.kind, kind, err.message);
  assert.match(err.message, message);
  if ('status' in extra) assert.equal(err.status, extra.status);
  if ('errorCode' in extra) assert.equal(err.errorCode, extra.errorCode);
  return err;
}

/** A port with nothing listening. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>(resolve => server.close(() => resolve()));
  return port;
}

describe('registry client: endpoints', () => {
  let reg: FakeRegistry;
  before(async () => {
    reg = await startFakeRegistry();
  });
  after(() => reg.stop());

  test('register, versions, schema by version and latest, schema by id, subjects', async () => {
    const client = clientFor(reg);
    assert.equal(client.url, reg.url);
    assert.deepEqual(await client.register(SUBJECT, V1), { id: 1 });
    assert.deepEqual(await client.register(SUBJECT, JSON.stringify(JSON.parse(V1), null, 2)), { id: 1 }, 'same schema: same id, no version');
    assert.deepEqual(await client.register(SUBJECT, V2), { id: 2 });
    assert.deepEqual(await client.register('other-value', V1), { id: 1 }, 'ids are global');
    assert.deepEqual(await client.versions(SUBJECT), [1, 2]);
    assert.deepEqual(await client.schema(SUBJECT, 1), { subject: SUBJECT, id: 1, version: 1, schema: V1, schemaType: 'AVRO', references: [] });
    assert.equal((await client.schema(SUBJECT, 'latest')).version, 2);
    assert.deepEqual(await client.schemaById(2), { schema: V2, schemaType: 'AVRO', references: [] });
    assert.deepEqual(await client.subjects(), [SUBJECT, 'other-value']);
    assert.deepEqual(await client.subjects({ prefix: 'caracal.' }), [SUBJECT]);
    const last = reg.requests.at(-1)!;
    assert.equal(last.path, '/subjects');
    assert.deepEqual(last.query, { subjectPrefix: 'caracal.' });
    assert.equal(reg.requests.find(r => r.method === 'POST')!.contentType, 'application/vnd.schemaregistry.v1+json');
  });

  test('lookup: the registered version, or undefined when the schema or the subject is absent', async () => {
    const client = clientFor(reg);
    const found = await client.lookup(SUBJECT, V1);
    assert.equal(found?.version, 1);
    assert.equal(found?.id, 1);
    assert.equal(await client.lookup(SUBJECT, V2_BREAKING), undefined);
    assert.equal(await client.lookup('nobody-value', V1), undefined);
  });

  test('compatibility with verbose messages, against latest, one version, all; a new subject is compatible', async () => {
    const client = clientFor(reg);
    assert.deepEqual(await client.checkCompatibility(SUBJECT, V2), { isCompatible: true, messages: [] });
    const verdict = await client.checkCompatibility(SUBJECT, V3_BREAKING);
    assert.equal(verdict.isCompatible, false);
    assert.match(verdict.messages[0], /READER_FIELD_MISSING_DEFAULT_VALUE.*'region'/);
    assert.equal((await client.checkCompatibility(SUBJECT, V2_BREAKING)).isCompatible, true, 'reads v2, which has currency');
    assert.equal((await client.checkCompatibility(SUBJECT, V2_BREAKING, { version: 1 })).isCompatible, false, 'v1 has no currency');
    assert.equal((await client.checkCompatibility(SUBJECT, V3_BREAKING, { version: 'all' })).isCompatible, false);
    assert.ok(reg.requests.at(-1)!.path.endsWith(`/compatibility/subjects/${SUBJECT}/versions`));
    assert.deepEqual(reg.requests.at(-1)!.query, { verbose: 'true' });
    assert.deepEqual(await client.checkCompatibility('brand-new-value', V1), { isCompatible: true, messages: [] });
  });

  test('levels: subject falls back to global; setLevel answers the level in force', async () => {
    const client = clientFor(reg);
    assert.equal(await client.level(), 'BACKWARD');
    assert.equal(await client.level(SUBJECT), 'BACKWARD');
    assert.equal(await client.setLevel('FULL_TRANSITIVE', SUBJECT), 'FULL_TRANSITIVE');
    assert.equal(await client.level(SUBJECT), 'FULL_TRANSITIVE');
    assert.equal(await client.level('other-value'), 'BACKWARD');
    assert.equal(await client.setLevel('FORWARD'), 'FORWARD');
    assert.equal(await client.level('other-value'), 'FORWARD');
    await client.setLevel('BACKWARD');
    reg.state.subjectLevels.delete(SUBJECT);
  });

  test('older registries: no defaultToGlobal (40408) falls back to GET /config; 40401 on compatibility means compatible', async () => {
    const client = clientFor(reg);
    reg.faults.respond({ path: '/config/old-value', status: 404, body: { error_code: 40408, message: "Subject 'old-value' does not have subject-level compatibility configured" } });
    assert.equal(await client.level('old-value'), 'BACKWARD');
    assert.deepEqual(reg.requests.slice(-2).map(r => `${r.path} ${r.status}`), ['/config/old-value 404', '/config 200']);
    reg.faults.respond({ path: '/compatibility/subjects/old-value', status: 404, body: { error_code: 40401, message: "Subject 'old-value' not found." } });
    assert.deepEqual(await client.checkCompatibility('old-value', V1), { isCompatible: true, messages: [] });
    reg.faults.respond({ path: '/compatibility/subjects/old-value', status: 404, body: { error_code: 40402, message: 'Version 3 not found.' } });
    await rejectsWith(client.checkCompatibility('old-value', V1, { version: 3 }), 'not-found', /has no version 3/);
  });

  test('mode: global, subject falling back to global, and undefined on a registry without /mode (Karapace)', async () => {
    const client = clientFor(reg);
    assert.equal(await client.mode(), 'READWRITE');
    assert.equal(await client.mode(SUBJECT), 'READWRITE');
    reg.state.subjectModes.set(SUBJECT, 'READONLY');
    assert.equal(await client.mode(SUBJECT), 'READONLY');
    reg.state.subjectModes.delete(SUBJECT);
    const karapace = await startFakeRegistry({ noMode: true });
    try {
      assert.equal(await clientFor(karapace).mode(), undefined);
      assert.equal(await clientFor(karapace).mode(SUBJECT), undefined);
    } finally {
      await karapace.stop();
    }
  });

  test('soft-deleted versions: listed and read with deleted, deleteSubject for a version and a subject', async () => {
    const client = clientFor(reg);
    await client.register('temp-value', V1);
    await client.register('temp-value', V2);
    assert.deepEqual(await client.deleteSubject('temp-value', { version: 1 }), [1]);
    assert.deepEqual(await client.versions('temp-value'), [2]);
    assert.deepEqual(await client.versions('temp-value', { deleted: true }), [1, 2]);
    assert.equal((await client.schema('temp-value', 1, { deleted: true })).schema, V1);
    assert.deepEqual(await client.deleteSubject('temp-value'), [2]);
    assert.ok(!(await client.subjects()).includes('temp-value'));
    assert.ok((await client.subjects({ deleted: true })).includes('temp-value'));
    assert.deepEqual(await client.deleteSubject('temp-value', { permanent: true }), [1, 2]);
    assert.ok(!(await client.subjects({ deleted: true })).includes('temp-value'));
  });

  test('references are sent on register and read back', async () => {
    const client = clientFor(reg);
    const money = JSON.stringify({ type: 'record', name: 'Money', namespace: 'caracal.common', fields: [{ name: 'amount', type: 'long' }] });
    await client.register('caracal.common.Money', money);
    const invoice = JSON.stringify({ type: 'record', name: 'Invoice', namespace: 'caracal.billing', fields: [{ name: 'total', type: 'caracal.common.Money' }] });
    const refs = [{ name: 'caracal.common.Money', subject: 'caracal.common.Money', version: 1 }];
    const { id } = await client.register('invoices-value', invoice, { references: refs });
    assert.deepEqual((await client.schema('invoices-value', 'latest')).references, refs);
    assert.deepEqual((await client.schemaById(id)).references, refs);
    assert.equal((await client.lookup('invoices-value', invoice, { references: refs }))?.id, id);
    assert.equal((await client.checkCompatibility('invoices-value', invoice, { references: refs })).isCompatible, true);
  });
});

describe('registry client: every error code path', () => {
  let reg: FakeRegistry;
  beforeEach(async () => {
    if (reg) await reg.stop();
    reg = await startFakeRegistry();
    reg.state.register(SUBJECT, { schema: V1 });
  });
  after(() => reg.stop());

  test('40401: the subject does not exist yet, the first registration will create it', async () => {
    const err = await rejectsWith(clientFor(reg).versions('caracal.metering.other-value'), 'not-found', /^Subject caracal\.metering\.other-value does not exist yet on http:\/\/127\.0\.0\.1:\d+: the first registration will create it\.$/, {
      status: 404,
      errorCode: 40401,
    });
    assert.ok(err instanceof Error);
    await rejectsWith(clientFor(reg).deleteSubject('nobody-value'), 'not-found', /does not exist on .*: nothing was deleted/, { errorCode: 40401 });
  });

  test('40402 version, 40403 schema id', async () => {
    await rejectsWith(clientFor(reg).schema(SUBJECT, 7), 'not-found', /^Subject caracal\.metering\.events-value has no version 7 on .* use one of its versions or "latest"\.$/, { errorCode: 40402 });
    await rejectsWith(clientFor(reg).schemaById(12), 'not-found', /^No schema with id 12 on .*: the id may come from another registry/, { errorCode: 40403 });
  });

  test('40404-40407: soft and permanent delete out of order', async () => {
    const client = clientFor(reg);
    await rejectsWith(client.deleteSubject(SUBJECT, { permanent: true }), 'not-found', /must be deleted \(soft delete\) before it can be deleted permanently/, { errorCode: 40405 });
    await rejectsWith(client.deleteSubject(SUBJECT, { version: 1, permanent: true }), 'not-found', /^Version 1 of subject .* must be deleted \(soft delete\) before/, { errorCode: 40407 });
    await client.deleteSubject(SUBJECT, { version: 1 });
    await rejectsWith(client.deleteSubject(SUBJECT, { version: 1 }), 'not-found', /^Version 1 of subject .* is already deleted/, { errorCode: 40406 });
    reg.state.register('x-value', { schema: V1 });
    await client.deleteSubject('x-value');
    await rejectsWith(client.deleteSubject('x-value'), 'not-found', /is already deleted \(soft delete\)/, { errorCode: 40404 });
  });

  test('409: incompatible, with the registry explanation and its raw entries', async () => {
    const err = await rejectsWith(
      clientFor(reg).register(SUBJECT, V2_BREAKING),
      'incompatible',
      /^The registry refuses the schema for subject caracal\.metering\.events-value: it is not compatible with the registered versions \(level BACKWARD\)\. READER_FIELD_MISSING_DEFAULT_VALUE: The field 'currency' at path '\/fields\/2' in the new schema has no default value and is missing in the old schema$/,
      { status: 409, errorCode: 409 },
    );
    assert.ok(err.details && err.details.length === 4, JSON.stringify(err.details));
    assert.match(err.details[0], /^\{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'/);
    assert.equal(err.details[1], '{oldSchemaVersion: 1}');
    assert.ok(!err.message.includes('oldSchema'), 'the old schema text stays out of the one-line message');
  });

  test('42201: invalid schema, the parser detail without the quoted request', async () => {
    const huge = JSON.stringify({ type: 'record', name: 'Big', fields: [...Array(200).keys()].map(i => ({ name: `f${i}`, type: 'strin' })) });
    const err = await rejectsWith(clientFor(reg).register(SUBJECT, huge), 'invalid-schema', /^The registry at .* rejects the schema for subject caracal\.metering\.events-value as invalid: undefined type name: strin\.$/, {
      status: 422,
      errorCode: 42201,
    });
    assert.ok(err.message.length < 300, err.message);
  });

  test('42202 invalid version, 42203 invalid level, 42205 read-only, 42206 referenced', async () => {
    await rejectsWith(clientFor(reg).schema(SUBJECT, 0), 'invalid-version', /^"0" is not a valid version for subject .*: use a number from 1 to 2147483647, or "latest"\.$/, { errorCode: 42202 });
    await rejectsWith(clientFor(reg).setLevel('SIDEWAYS' as never), 'invalid-level', /does not accept the compatibility level SIDEWAYS: use NONE, BACKWARD/, { errorCode: 42203 });
    reg.state.subjectModes.set(SUBJECT, 'READONLY');
    await rejectsWith(clientFor(reg).register(SUBJECT, V2), 'forbidden', /does not permit this change to subject .*read-only mode.*must be READWRITE/, { errorCode: 42205 });
    reg.state.subjectModes.delete(SUBJECT);
    reg.state.register('uses-value', { schema: JSON.stringify({ type: 'record', name: 'Uses', fields: [{ name: 'e', type: `${NS}.MeteringEvent` }] }), references: [{ name: `${NS}.MeteringEvent`, subject: SUBJECT, version: 1 }] });
    await rejectsWith(clientFor(reg).deleteSubject(SUBJECT, { version: 1 }), 'forbidden', /^Other schemas reference subject .* version 1: delete or re-register those first\.$/, { errorCode: 42206 });
  });

  test('5xx with Confluent codes: store, timeout, forwarding, leader', async () => {
    const cases: Array<[number, number, RegExp]> = [
      [500, 50001, /backing store \(the _schemas Kafka topic\) failed \(error 50001\)/],
      [500, 50002, /timed out writing to its backing store/],
      [500, 50003, /could not forward the request to its leader/],
      [500, 50004, /has no leader right now/],
    ];
    for (const [status, errorCode, message] of cases) {
      reg.faults.fail({ status, errorCode, message: 'x' });
      await rejectsWith(clientFor(reg, { retries: 0 }).register(SUBJECT, V2), 'server', message, { status, errorCode });
    }
  });

  test('an unknown path (wrong base path) and a non-JSON answer are protocol errors with the status and a snippet', async () => {
    await rejectsWith(clientFor({ url: `${reg.url}/wrong-prefix` }).subjects(), 'protocol', /^The server at http:\/\/127\.0\.0\.1:\d+\/wrong-prefix has no GET \/subjects \(404: HTTP 404 Not Found\): is the URL a Schema Registry, with its path prefix if it has one\?$/, { status: 404 });
    reg.faults.respond({ status: 502, body: `<html><head><title>502 Bad Gateway</title></head><body>${'x'.repeat(1000)}</body></html>`, count: 3 });
    const err = await rejectsWith(clientFor(reg, { retries: 0 }).subjects(), 'protocol', /answered 502 \(text\/html\) to GET \/subjects with something that is not a Schema Registry answer: "<html><head><title>502 Bad Gateway/, { status: 502 });
    assert.ok(err.message.length < 500);
    reg.faults.reset();
    reg.faults.respond({ status: 200, body: 'OK', contentType: 'text/plain' });
    await rejectsWith(clientFor(reg).subjects(), 'protocol', /answered 200 \(text\/plain\) to GET \/subjects with something that is not JSON: "OK"/);
    reg.faults.respond({ status: 200, body: { surprise: true } });
    await rejectsWith(clientFor(reg).schemaById(1), 'protocol', /answered GET \/schemas\/ids\/1 with an unexpected shape: \{"surprise":true\}/);
  });

  test('network: connection refused, unknown host, a malformed URL', async () => {
    const port = await closedPort();
    await rejectsWith(clientFor({ url: `http://127.0.0.1:${port}` }, { retries: 0 }).subjects(), 'network', /^Cannot list the subjects: http:\/\/127\.0\.0\.1:\d+ is not reachable: the connection was refused/);
    await rejectsWith(clientFor({ url: 'http://registry.invalid' }, { retries: 0 }).subjects(), 'network', /registry\.invalid is not reachable: the host name (does not|could not be) resolve/);
    await rejectsWith(clientFor({ url: 'not a url' }).subjects(), 'protocol', /"not a url" is not a valid registry URL/);
    await rejectsWith(clientFor({ url: 'ftp://example.com' }).subjects(), 'protocol', /must start with http:\/\/ or https:\/\//);
  });
});

describe('registry client: auth', () => {
  const KEY = 'ABCDEFKEY123';
  const SECRET = 'cflt-S3cr3t/with+chars';
  let reg: FakeRegistry;
  before(async () => {
    reg = await startFakeRegistry({ auth: { basic: { username: KEY, password: SECRET }, bearer: 'bearer-token-xyz', forbidden: (m, p) => m === 'POST' && p.startsWith('/subjects/locked') } });
    reg.state.register(SUBJECT, { schema: V1 });
  });
  after(() => reg.stop());

  test('basic (Confluent Cloud API key/secret) and bearer work', async () => {
    assert.deepEqual(await clientFor(reg, { auth: { kind: 'basic', username: KEY, password: SECRET } }).versions(SUBJECT), [1]);
    assert.deepEqual(await clientFor(reg, { auth: { kind: 'bearer', token: 'bearer-token-xyz' } }).versions(SUBJECT), [1]);
    assert.deepEqual(reg.requests.slice(-2).map(r => r.auth), ['basic', 'bearer']);
  });

  test('missing, wrong basic and wrong bearer credentials: unauthorized with a hint, no retry, no secret in the message', async () => {
    const before = reg.requests.length;
    await rejectsWith(clientFor(reg).subjects(), 'unauthorized', /refused the request \(401 Unauthorized\): it requires authentication: set credentials/, { status: 401 });
    const wrong = await rejectsWith(clientFor(reg, { auth: { kind: 'basic', username: KEY, password: `${SECRET}x` } }).subjects(), 'unauthorized', /check the username and password \(on Confluent Cloud: a Schema Registry API key and secret/);
    assert.ok(!wrong.message.includes(SECRET));
    await rejectsWith(clientFor(reg, { auth: { kind: 'bearer', token: 'wrong-token-123' } }).subjects(), 'unauthorized', /the bearer token is invalid or has expired/);
    assert.equal(reg.requests.length - before, 3, 'one request each: 401 is never retried');
  });

  test('403 / 40301: forbidden with the RBAC hint', async () => {
    await rejectsWith(
      clientFor(reg, { auth: { kind: 'basic', username: KEY, password: SECRET } }).register('locked-value', V1),
      'forbidden',
      /does not allow this request \(POST \/subjects\/locked-value\/versions: 403, error 40301, "User is denied operation Write on Subject: locked-value"\)\. .*role binding \(RBAC\) such as DeveloperRead/,
      { status: 403, errorCode: 40301 },
    );
  });

  test('credentials in the URL (user:pass@) are used as basic auth and never appear in url or messages', async () => {
    const host = reg.url.replace('http://', '');
    const client = clientFor({ url: `http://${KEY}:${encodeURIComponent(SECRET)}@${host}` });
    assert.equal(client.url, reg.url);
    assert.deepEqual(await client.versions(SUBJECT), [1]);
    const wrong = clientFor({ url: `http://${KEY}:${encodeURIComponent('hunter2-wrong')}@${host}` });
    const err = await rejectsWith(wrong.subjects(), 'unauthorized', /refused the request/);
    assert.ok(!err.message.includes('hunter2'), err.message);
    const port = await closedPort();
    const offline = await rejectsWith(clientFor({ url: `http://admin:hunter2-secret@127.0.0.1:${port}/registry` }, { retries: 0 }).subjects(), 'network', /http:\/\/127\.0\.0\.1:\d+\/registry is not reachable/);
    assert.ok(!offline.message.includes('hunter2') && !offline.message.includes('admin:'), offline.message);
    const bad = await rejectsWith(clientFor({ url: 'http://admin:hunter2-secret@exa mple.com' }).subjects(), 'protocol', /is not a valid registry URL/);
    assert.ok(!bad.message.includes('hunter2'), bad.message);
  });

  test('a secret echoed back by a server is redacted from the message', async () => {
    reg.faults.respond({ status: 400, body: { error_code: 400, message: `Bad header Authorization: Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')} and password ${SECRET}` } });
    const err = await rejectsWith(clientFor(reg, { auth: { kind: 'basic', username: KEY, password: SECRET } }).subjects(), 'protocol', /answered 400/);
    assert.ok(!err.message.includes(SECRET), err.message);
    assert.ok(!err.message.includes(Buffer.from(`${KEY}:${SECRET}`).toString('base64')), err.message);
  });
});

describe('registry client: timeouts, retries, aborts', () => {
  let reg: FakeRegistry;
  beforeEach(async () => {
    if (reg) await reg.stop();
    reg = await startFakeRegistry();
    reg.state.register(SUBJECT, { schema: V1 });
  });
  after(() => reg.stop());

  test('a registry that hangs: a timeout error after the limit, not retried', async () => {
    reg.faults.hang({ count: Infinity });
    const started = performance.now();
    await rejectsWith(clientFor(reg, { timeoutMs: 400, retries: 2 }).versions(SUBJECT), 'timeout', /^http:\/\/127\.0\.0\.1:\d+ did not answer within 0\.4 s \(trying to list the versions of subject caracal\.metering\.events-value\)/);
    // Not before the limit (a timer never fires early; a loaded machine only makes it later: no upper bound).
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 380, `elapsed ${elapsed} ms`);
    assert.equal(reg.requests.length, 1, 'a timeout is not retried');
  });

  test('503 twice then success: succeeds on the third try', async () => {
    reg.faults.fail({ status: 503, count: 2 });
    assert.deepEqual(await clientFor(reg, { retries: 2 }).versions(SUBJECT), [1]);
    assert.deepEqual(reg.requests.map(r => r.status), [503, 503, 200]);
  });

  test('503 more often than the retries allow: the server error after retries + 1 attempts', async () => {
    reg.faults.fail({ status: 503, count: 5 });
    await rejectsWith(clientFor(reg, { retries: 1 }).versions(SUBJECT), 'server', /could not list the versions of subject .*HTTP 503 Service Unavailable/, { status: 503 });
    assert.equal(reg.requests.length, 2);
  });

  test('no retry on 409, 422, 501, nor on DELETE', async () => {
    const client = clientFor(reg, { retries: 3 });
    await rejectsWith(client.register(SUBJECT, V2_BREAKING), 'incompatible', /not compatible/);
    await rejectsWith(client.register(SUBJECT, '{"type":"nope"}'), 'invalid-schema', /invalid/);
    reg.faults.fail({ status: 501, errorCode: 501, message: 'Not Implemented' });
    await rejectsWith(client.subjects(), 'server', /Not Implemented/);
    reg.faults.fail({ status: 503 });
    await rejectsWith(client.deleteSubject(SUBJECT), 'server', /could not delete subject/);
    assert.deepEqual(reg.requests.map(r => r.status), [409, 422, 501, 503]);
  });

  test('a connection closed mid-answer is retried; a registration the registry did apply is answered by the retry (same id, one version)', async () => {
    reg.faults.closeMidResponse({ path: `/subjects/${SUBJECT}/versions`, method: 'GET' });
    assert.deepEqual(await clientFor(reg).versions(SUBJECT), [1]);
    reg.faults.closeMidResponse({ path: `/subjects/${SUBJECT}/versions`, method: 'POST', afterProcessing: true });
    assert.deepEqual(await clientFor(reg).register(SUBJECT, V2), { id: 2 });
    assert.deepEqual(reg.state.listVersions(SUBJECT), [1, 2]);
    assert.deepEqual(
      reg.requests.map(r => [r.method, r.fault ?? r.status]),
      [
        ['GET', 'close'],
        ['GET', 200],
        ['POST', 'close'],
        ['POST', 200],
      ],
    );
  });

  test('a 500 after the registry did register: the retry answers the same id, no second version', async () => {
    reg.faults.fail({ status: 500, errorCode: 50003, method: 'POST', afterProcessing: true });
    assert.deepEqual(await clientFor(reg).register(SUBJECT, V2), { id: 2 });
    assert.deepEqual(reg.state.listVersions(SUBJECT), [1, 2]);
    assert.deepEqual(reg.requests.map(r => r.status), [500, 200]);
  });

  test('Retry-After on a 503 is honoured', async () => {
    reg.faults.respond({ status: 503, body: { error_code: 503, message: 'busy' }, headers: { 'Retry-After': '1' } });
    const started = performance.now();
    assert.deepEqual(await clientFor(reg).versions(SUBJECT), [1]);
    // Waited at least the second it was told to (a lower bound: load cannot make it fail).
    const elapsed = performance.now() - started;
    assert.ok(elapsed >= 950, `${elapsed} ms`);
  });

  test("the caller's signal aborts a hanging request and a backoff wait, with an AbortError", async () => {
    reg.faults.hang();
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    // An AbortError, not the 'timeout' RegistryError the 5 s limit would give: the signal ended it.
    await assert.rejects(clientFor(reg, { timeoutMs: 5000 }).versions(SUBJECT, { signal: controller.signal }), (e: Error) => e.name === 'AbortError' && !(e instanceof RegistryError));
    reg.faults.fail({ status: 503, count: 10 });
    const backoff = new AbortController();
    setTimeout(() => backoff.abort(), 150);
    await assert.rejects(clientFor(reg, { retries: 5 }).versions(SUBJECT, { signal: backoff.signal }), (e: Error) => e.name === 'AbortError');
    const aborted = new AbortController();
    aborted.abort();
    await assert.rejects(clientFor(reg).subjects({ signal: aborted.signal }), (e: Error) => e.name === 'AbortError');
  });

  test('the registry goes away between requests: what succeeded is done, the rest fails with a network error', async () => {
    const client = clientFor(reg, { retries: 1 });
    reg.faults.goAwayAfter(1);
    assert.deepEqual(await client.register('a-value', V1), { id: 1 });
    await rejectsWith(client.register('b-value', V2), 'network', /^Cannot register a schema under subject b-value: http:\/\/127\.0\.0\.1:\d+ is not reachable: the connection (was refused|was closed)/);
    assert.deepEqual(reg.state.listSubjects(), ['a-value', SUBJECT]);
  });

  test('the registry goes away while registering: the error says the outcome is unknown, and the fake shows it did register', async () => {
    reg.faults.goAwayOn({ method: 'POST', path: '/subjects/c-value/versions', afterProcessing: true });
    const err = await rejectsWith(
      clientFor(reg, { retries: 2 }).register('c-value', V2),
      'network',
      /is not reachable: the connection was refused .* The registry may have registered the schema before the connection was lost: registering again is safe/,
    );
    assert.equal(err.status, undefined);
    assert.deepEqual(reg.state.listVersions('c-value'), [1], 'half-done on the registry side: a caller must not report it as done, nor as not done');
  });

  test('a refused connection before anything was sent says nothing about an unknown outcome', async () => {
    const port = await closedPort();
    const err = await rejectsWith(clientFor({ url: `http://127.0.0.1:${port}` }, { retries: 0 }).register('d-value', V1), 'network', /connection was refused/);
    assert.ok(!/may have registered/.test(err.message));
  });
});
