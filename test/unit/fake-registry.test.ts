// The fake Schema Registry's own behaviour over real HTTP: Confluent's codes, ids, versions, soft delete, references, config, levels, auth, faults, seeds.
import { test, describe, before, after, beforeEach } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { startFakeRegistry, type FakeRegistry } from '../registry/fakeRegistry';
import { FakeRegistryState } from '../registry/fakeStore';
import { loadSeed } from '../registry/fakeSeed';
import { basic, call } from '../registry/http';

const NS = 'caracal.metering';
const SUBJECT = 'caracal.metering.events-value';

/** A MeteringEvent record with the given fields ("name:type" or "name:type=default"). */
function record(fields: string[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'record',
    name: 'MeteringEvent',
    namespace: NS,
    ...extra,
    fields: fields.map(f => {
      const [decl, def] = f.split('=');
      const [name, type] = decl.split(':');
      return def === undefined ? { name, type } : { name, type, default: JSON.parse(def) };
    }),
  });
}

const V1 = record(['event_id:string', 'units:long']);
const V2_ADD_WITH_DEFAULT = record(['event_id:string', 'units:long', 'currency:string="EUR"']);
const V2_ADD_NO_DEFAULT = record(['event_id:string', 'units:long', 'currency:string']);

describe('fake registry: protocol basics', () => {
  let reg: FakeRegistry;
  before(async () => {
    reg = await startFakeRegistry();
  });
  after(() => reg.stop());

  test('listens on 127.0.0.1 with a free port and answers with Confluent content type', async () => {
    assert.match(reg.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(reg.url, 'GET', '/');
    assert.equal(r.status, 200);
    assert.equal(r.contentType, 'application/vnd.schemaregistry.v1+json');
    assert.deepEqual(r.json, {});
    const types = await call(reg.url, 'GET', '/schemas/types');
    assert.deepEqual(types.json, ['JSON', 'PROTOBUF', 'AVRO']);
  });

  test('unknown paths are 404 and known paths with another method are 405, both with error bodies', async () => {
    const r = await call(reg.url, 'GET', '/no/such/thing');
    assert.equal(r.status, 404);
    assert.deepEqual(r.json, { error_code: 404, message: 'HTTP 404 Not Found' });
    const m = await call(reg.url, 'PUT', '/subjects', {});
    assert.equal(m.status, 405);
    assert.equal(m.json.error_code, 405);
  });

  test('accepts application/json and octet-stream bodies, refuses text/plain with 415', async () => {
    for (const type of ['application/json', 'application/octet-stream', 'application/vnd.schemaregistry+json']) {
      const r = await call(reg.url, 'POST', '/subjects/ct-value/versions', { schema: '"string"' }, { 'Content-Type': type });
      assert.equal(r.status, 200, type);
    }
    const bad = await call(reg.url, 'POST', '/subjects/ct-value/versions', { schema: '"string"' }, { 'Content-Type': 'text/plain' });
    assert.equal(bad.status, 415);
    assert.deepEqual(bad.json, { error_code: 415, message: 'HTTP 415 Unsupported Media Type' });
    const json = await call(reg.url, 'GET', '/subjects', undefined, { Accept: 'application/json' });
    assert.equal(json.contentType, 'application/json');
  });

  test('a body that is not JSON is a 400 with an error body', async () => {
    const r = await call(reg.url, 'POST', '/subjects/x-value/versions', '{"schema": ', { 'Content-Type': 'application/json' });
    assert.equal(r.status, 400);
    assert.equal(r.json.error_code, 400);
  });
});

describe('fake registry: ids, versions, lookup', () => {
  let reg: FakeRegistry;
  beforeEach(async () => {
    if (reg) await reg.stop();
    reg = await startFakeRegistry();
  });
  after(() => reg.stop());

  test('the same schema under two subjects gets the same global id; registering again returns it without a new version', async () => {
    const a = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
    assert.equal(a.status, 200);
    assert.deepEqual(a.json, { id: 1 });
    const b = await call(reg.url, 'POST', '/subjects/other-value/versions', { schema: V1 });
    assert.deepEqual(b.json, { id: 1 });
    const again = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
    assert.deepEqual(again.json, { id: 1 });
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions`)).json, [1]);
    const c = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_WITH_DEFAULT });
    assert.deepEqual(c.json, { id: 2 });
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions`)).json, [1, 2]);
    assert.deepEqual((await call(reg.url, 'GET', '/subjects')).json, [SUBJECT, 'other-value'].sort());
    assert.deepEqual((await call(reg.url, 'GET', '/schemas/ids/1/versions')).json, [
      { subject: SUBJECT, version: 1 },
      { subject: 'other-value', version: 1 },
    ]);
  });

  test('whitespace, attribute order and name spelling do not make a new schema; doc and defaults do (Java Schema.toString identity)', async () => {
    const base = (await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 })).json.id;
    const spelled = JSON.stringify({ fields: JSON.parse(V1).fields, name: `${NS}.MeteringEvent`, type: 'record' });
    const pretty = JSON.stringify(JSON.parse(V1), null, 2);
    const primitiveObjects = V1.replace('"type":"string"', '"type":{"type":"string"}');
    for (const variant of [spelled, pretty, primitiveObjects]) {
      assert.deepEqual((await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: variant })).json, { id: base }, variant);
    }
    const documented = record(['event_id:string', 'units:long'], { doc: 'One metering event.' });
    assert.notEqual((await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: documented })).json.id, base);
  });

  test('GET a version, latest, by id and the raw schema; Confluent omits schemaType for AVRO and empty references', async () => {
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_WITH_DEFAULT });
    const v1 = await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions/1`);
    assert.deepEqual(v1.json, { subject: SUBJECT, version: 1, id: 1, schema: V1 });
    assert.deepEqual(Object.keys(v1.json), ['subject', 'version', 'id', 'schema']);
    const latest = await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions/latest`);
    assert.equal(latest.json.version, 2);
    assert.equal((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions/-1`)).json.version, 2);
    assert.deepEqual((await call(reg.url, 'GET', '/schemas/ids/2')).json, { schema: V2_ADD_WITH_DEFAULT });
    const raw = await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions/1/schema`);
    assert.equal(raw.text, V1);
    assert.equal((await call(reg.url, 'GET', '/schemas/ids/1/schema')).text, V1);
  });

  test('the stored text is compact JSON; with ?normalize=true it is the normalized form', async () => {
    const pretty = JSON.stringify(JSON.parse(V1), null, 2);
    await call(reg.url, 'POST', '/subjects/plain-value/versions', { schema: pretty });
    assert.equal((await call(reg.url, 'GET', '/subjects/plain-value/versions/1')).json.schema, V1);
    const other = record(['x:int']);
    await call(reg.url, 'POST', '/subjects/norm-value/versions?normalize=true', { schema: other });
    const stored = (await call(reg.url, 'GET', '/subjects/norm-value/versions/1')).json.schema as string;
    assert.equal(stored, `{"fields":[{"name":"x","type":"int"}],"name":"${NS}.MeteringEvent","type":"record"}`);
  });

  test('lookup POST /subjects/{s}: the version and id when registered, 40403 when not, 40401 for an unknown subject', async () => {
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
    const found = await call(reg.url, 'POST', `/subjects/${SUBJECT}`, { schema: JSON.stringify(JSON.parse(V1), null, 4) });
    assert.equal(found.status, 200);
    assert.deepEqual(found.json, { subject: SUBJECT, version: 1, id: 1, schema: V1 });
    const absent = await call(reg.url, 'POST', `/subjects/${SUBJECT}`, { schema: V2_ADD_WITH_DEFAULT });
    assert.equal(absent.status, 404);
    assert.deepEqual(absent.json, { error_code: 40403, message: 'Schema not found' });
    const noSubject = await call(reg.url, 'POST', '/subjects/nobody-value', { schema: V1 });
    assert.deepEqual(noSubject.json, { error_code: 40401, message: "Subject 'nobody-value' not found." });
  });

  test("Confluent's error codes and messages for missing and invalid things", async () => {
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
    const cases: Array<[string, string, unknown, number, number, RegExp]> = [
      ['GET', '/subjects/missing-value/versions', undefined, 404, 40401, /^Subject 'missing-value' not found\.$/],
      ['GET', '/subjects/missing-value/versions/latest', undefined, 404, 40401, /^Subject 'missing-value' not found\.$/],
      ['GET', `/subjects/${SUBJECT}/versions/7`, undefined, 404, 40402, /^Version 7 not found\.$/],
      ['GET', '/schemas/ids/12', undefined, 404, 40403, /^Schema 12 not found$/],
      ['GET', `/subjects/${SUBJECT}/versions/abc`, undefined, 422, 42202, /^The specified version 'abc' is not a valid version id/],
      ['GET', `/subjects/${SUBJECT}/versions/0`, undefined, 422, 42202, /not a valid version id/],
      ['POST', `/subjects/${SUBJECT}/versions`, { schema: '{"type": "recrd", "name": "X"}' }, 422, 42201, /^Invalid schema .* details: unknown type: "recrd"$/],
      ['POST', `/subjects/${SUBJECT}/versions`, { schema: '{"type": ' }, 422, 42201, /^Invalid schema /],
      ['POST', `/subjects/${SUBJECT}/versions`, { schema: '' }, 422, 42201, /^Empty schema$/],
      ['POST', `/subjects/${SUBJECT}/versions`, { schema: '"string"', schemaType: 'PROTOBUF' }, 422, 42201, /^Invalid schema type PROTOBUF$/],
      ['PUT', '/config', { compatibility: 'SIDEWAYS' }, 422, 42203, /^Invalid compatibility level\. Valid values are none, backward/],
      ['GET', `/config/${SUBJECT}`, undefined, 404, 40408, /does not have subject-level compatibility configured$/],
      ['GET', `/mode/${SUBJECT}`, undefined, 404, 40409, /does not have subject-level mode configured$/],
      ['PUT', '/mode', { mode: 'SOMETIMES' }, 422, 42204, /^Invalid mode\./],
    ];
    for (const [method, p, body, status, code, message] of cases) {
      const r = await call(reg.url, method, p, body);
      assert.equal(r.status, status, `${method} ${p}`);
      assert.equal(r.json.error_code, code, `${method} ${p}`);
      assert.match(r.json.message, message, `${method} ${p}`);
      assert.deepEqual(Object.keys(r.json), ['error_code', 'message']);
    }
  });
});

describe('fake registry: soft and permanent delete', () => {
  let reg: FakeRegistry;
  beforeEach(async () => {
    if (reg) await reg.stop();
    reg = await startFakeRegistry();
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_WITH_DEFAULT });
  });
  after(() => reg.stop());

  test('a soft-deleted version is hidden, listed with deleted=true, readable with deleted=true', async () => {
    const d = await call(reg.url, 'DELETE', `/subjects/${SUBJECT}/versions/1`);
    assert.equal(d.status, 200);
    assert.equal(d.json, 1);
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions`)).json, [2]);
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions?deleted=true`)).json, [1, 2]);
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions?deletedOnly=true`)).json, [1]);
    assert.equal((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions/1`)).json.error_code, 40402);
    assert.equal((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions/1?deleted=true`)).json.version, 1);
    // Still readable by id (a consumer may hold data written with it).
    assert.equal((await call(reg.url, 'GET', '/schemas/ids/1')).status, 200);
    const again = await call(reg.url, 'DELETE', `/subjects/${SUBJECT}/versions/1`);
    assert.equal(again.json.error_code, 40406);
    const permanentFirst = await call(reg.url, 'DELETE', `/subjects/${SUBJECT}/versions/2?permanent=true`);
    assert.equal(permanentFirst.json.error_code, 40407);
    assert.equal((await call(reg.url, 'DELETE', `/subjects/${SUBJECT}/versions/1?permanent=true`)).json, 1);
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions?deleted=true`)).json, [2]);
  });

  test('deleting a subject: soft (versions returned), 40404 twice, 40405 permanent before soft, then gone', async () => {
    const notSoft = await call(reg.url, 'DELETE', `/subjects/${SUBJECT}?permanent=true`);
    assert.equal(notSoft.json.error_code, 40405);
    assert.deepEqual((await call(reg.url, 'DELETE', `/subjects/${SUBJECT}`)).json, [1, 2]);
    assert.deepEqual((await call(reg.url, 'GET', '/subjects')).json, []);
    assert.deepEqual((await call(reg.url, 'GET', '/subjects?deleted=true')).json, [SUBJECT]);
    assert.equal((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions`)).json.error_code, 40401);
    assert.equal((await call(reg.url, 'DELETE', `/subjects/${SUBJECT}`)).json.error_code, 40404);
    assert.deepEqual((await call(reg.url, 'DELETE', `/subjects/${SUBJECT}?permanent=true`)).json, [1, 2]);
    assert.equal((await call(reg.url, 'DELETE', `/subjects/${SUBJECT}`)).json.error_code, 40401);
    assert.equal((await call(reg.url, 'GET', '/schemas/ids/1')).json.error_code, 40403);
  });

  test('registering after a soft delete keeps the id and takes the next version number', async () => {
    await call(reg.url, 'DELETE', `/subjects/${SUBJECT}`);
    const r = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_WITH_DEFAULT });
    assert.deepEqual(r.json, { id: 2 });
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions`)).json, [3]);
  });
});

describe('fake registry: references', () => {
  let reg: FakeRegistry;
  const MONEY = JSON.stringify({ type: 'record', name: 'Money', namespace: 'caracal.common', fields: [{ name: 'amount', type: 'long' }, { name: 'currency', type: 'string' }] });
  const INVOICE = JSON.stringify({ type: 'record', name: 'Invoice', namespace: 'caracal.billing', fields: [{ name: 'total', type: 'caracal.common.Money' }] });
  before(async () => {
    reg = await startFakeRegistry();
    assert.equal((await call(reg.url, 'POST', '/subjects/caracal.common.Money/versions', { schema: MONEY })).status, 200);
  });
  after(() => reg.stop());

  test('register with references; GET returns them (version -1 resolved to the latest)', async () => {
    const r = await call(reg.url, 'POST', '/subjects/invoices-value/versions', {
      schema: INVOICE,
      references: [{ name: 'caracal.common.Money', subject: 'caracal.common.Money', version: -1 }],
    });
    assert.equal(r.status, 200, r.text);
    const got = await call(reg.url, 'GET', '/subjects/invoices-value/versions/latest');
    assert.deepEqual(got.json.references, [{ name: 'caracal.common.Money', subject: 'caracal.common.Money', version: 1 }]);
    assert.deepEqual(Object.keys(got.json), ['subject', 'version', 'id', 'references', 'schema']);
    assert.deepEqual((await call(reg.url, 'GET', `/schemas/ids/${r.json.id}`)).json.references, got.json.references);
    assert.deepEqual((await call(reg.url, 'GET', '/subjects/caracal.common.Money/versions/1/referencedby')).json, [r.json.id]);
  });

  test('a reference that does not exist, or a type with no reference, is an invalid schema (42201)', async () => {
    const missing = await call(reg.url, 'POST', '/subjects/invoices2-value/versions', {
      schema: INVOICE,
      references: [{ name: 'caracal.common.Money', subject: 'caracal.common.Money', version: 9 }],
    });
    assert.equal(missing.json.error_code, 42201);
    assert.match(missing.json.message, /No schema reference found for subject "caracal\.common\.Money" and version 9$/);
    const unreferenced = await call(reg.url, 'POST', '/subjects/invoices2-value/versions', { schema: INVOICE });
    assert.equal(unreferenced.json.error_code, 42201);
    assert.match(unreferenced.json.message, /undefined type name: caracal\.common\.Money/);
  });

  test('a referenced version cannot be deleted (42206)', async () => {
    const r = await call(reg.url, 'DELETE', '/subjects/caracal.common.Money/versions/1');
    assert.equal(r.status, 422);
    assert.equal(r.json.error_code, 42206);
    assert.equal(r.json.message, 'One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=caracal.common.Money,version=1}.');
  });
});

describe('fake registry: config, levels and the compatibility oracle', () => {
  let reg: FakeRegistry;
  beforeEach(async () => {
    if (reg) await reg.stop();
    reg = await startFakeRegistry();
    await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 });
  });
  after(() => reg.stop());

  test('global BACKWARD by default; per-subject config with defaultToGlobal; PUT answers {compatibility}', async () => {
    assert.deepEqual((await call(reg.url, 'GET', '/config')).json, { compatibilityLevel: 'BACKWARD' });
    assert.equal((await call(reg.url, 'GET', `/config/${SUBJECT}`)).json.error_code, 40408);
    assert.deepEqual((await call(reg.url, 'GET', `/config/${SUBJECT}?defaultToGlobal=true`)).json, { compatibilityLevel: 'BACKWARD' });
    assert.deepEqual((await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'full_transitive' })).json, { compatibility: 'FULL_TRANSITIVE' });
    assert.deepEqual((await call(reg.url, 'GET', `/config/${SUBJECT}`)).json, { compatibilityLevel: 'FULL_TRANSITIVE' });
    assert.deepEqual((await call(reg.url, 'PUT', '/config', { compatibility: 'FORWARD' })).json, { compatibility: 'FORWARD' });
    assert.deepEqual((await call(reg.url, 'GET', '/config/fresh-value?defaultToGlobal=true')).json, { compatibilityLevel: 'FORWARD' });
    assert.deepEqual((await call(reg.url, 'DELETE', `/config/${SUBJECT}`)).json, { compatibilityLevel: 'FULL_TRANSITIVE' });
    assert.equal((await call(reg.url, 'GET', `/config/${SUBJECT}`)).json.error_code, 40408);
  });

  test('BACKWARD refuses a new field without a default with 409 and Java-shaped messages; verbose compatibility says why', async () => {
    const check = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: V2_ADD_NO_DEFAULT });
    assert.equal(check.status, 200);
    assert.deepEqual(check.json, {
      is_compatible: false,
      messages: [
        "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'currency' at path '/fields/2' in the new schema has no default value and is missing in the old schema', additionalInfo:'currency'}",
        '{oldSchemaVersion: 1}',
        `{oldSchema: '${V1}'}`,
        "{validateFields: 'false', compatibility: 'BACKWARD'}",
      ],
    });
    const quiet = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest`, { schema: V2_ADD_NO_DEFAULT });
    assert.deepEqual(quiet.json, { is_compatible: false });
    const ok = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: V2_ADD_WITH_DEFAULT });
    assert.deepEqual(ok.json, { is_compatible: true, messages: [] });
    const reg409 = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_NO_DEFAULT });
    assert.equal(reg409.status, 409);
    assert.equal(reg409.json.error_code, 409);
    assert.match(reg409.json.message, /^Schema being registered is incompatible with an earlier schema for subject "caracal\.metering\.events-value", details: \[\{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'/);
    assert.deepEqual((await call(reg.url, 'GET', `/subjects/${SUBJECT}/versions`)).json, [1], 'nothing registered');
  });

  test('FORWARD checks the other direction; FULL both; NONE nothing', async () => {
    const removeUnits = record(['event_id:string']);
    await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'FORWARD' });
    const forwardAdd = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: V2_ADD_NO_DEFAULT });
    assert.equal(forwardAdd.json.is_compatible, true, 'old readers skip the new field');
    const forwardRemove = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: removeUnits });
    assert.equal(forwardRemove.json.is_compatible, false);
    assert.match(forwardRemove.json.messages[0], /The field 'units' at path '\/fields\/1' in the old schema has no default value and is missing in the new schema/);
    assert.equal(forwardRemove.json.messages.at(-1), "{validateFields: 'false', compatibility: 'FORWARD'}");
    await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'FULL' });
    const fullAdd = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: V2_ADD_NO_DEFAULT });
    assert.equal(fullAdd.json.is_compatible, false);
    const fullOk = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: V2_ADD_WITH_DEFAULT });
    assert.equal(fullOk.json.is_compatible, true);
    await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'NONE' });
    const none = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: '"int"' });
    assert.equal(none.json.is_compatible, true);
  });

  test('transitive levels check every version, newest first; plain levels only the latest', async () => {
    await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'NONE' });
    const v2 = record(['event_id:string', 'units:long', 'currency:string']);
    assert.equal((await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: v2 })).status, 200);
    const v3 = record(['event_id:string', 'units:long', 'currency:string', 'region:string="eu"']);
    await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'BACKWARD' });
    const plain = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions?verbose=true`, { schema: v3 });
    assert.equal(plain.json.is_compatible, true, 'v3 reads v2');
    await call(reg.url, 'PUT', `/config/${SUBJECT}`, { compatibility: 'BACKWARD_TRANSITIVE' });
    const transitive = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions?verbose=true`, { schema: v3 });
    assert.equal(transitive.json.is_compatible, false, 'v3 cannot read v1 (currency has no default)');
    assert.ok(transitive.json.messages.includes('{oldSchemaVersion: 1}'), transitive.text);
    assert.equal(transitive.json.messages.at(-1), "{validateFields: 'false', compatibility: 'BACKWARD_TRANSITIVE'}");
    // Against one chosen version the level still decides the direction.
    const againstV2 = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/2?verbose=true`, { schema: v3 });
    assert.equal(againstV2.json.is_compatible, true);
    assert.equal((await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: v3 })).status, 409);
  });

  test('compatibility edge answers: a new subject is compatible, a missing version is 40402, an invalid schema is a verbose message or 42201', async () => {
    const fresh = await call(reg.url, 'POST', '/compatibility/subjects/new-value/versions/latest?verbose=true', { schema: V1 });
    assert.deepEqual(fresh.json, { is_compatible: true, messages: [] });
    const missing = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/5`, { schema: V1 });
    assert.equal(missing.json.error_code, 40402);
    const invalidVerbose = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: '{"type":"enum","name":"E"}' });
    assert.equal(invalidVerbose.json.is_compatible, false);
    assert.match(invalidVerbose.json.messages[0], /^Invalid schema /);
    const invalid = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest`, { schema: '{"type":"enum","name":"E"}' });
    assert.equal(invalid.json.error_code, 42201);
  });

  test('the oracle names enum, fixed, union and name changes in Java terms', async () => {
    const enumV1 = JSON.stringify({ type: 'enum', name: 'Unit', namespace: NS, symbols: ['TOKENS', 'SECONDS', 'BYTES'] });
    const enumV2 = JSON.stringify({ type: 'enum', name: 'Unit', namespace: NS, symbols: ['TOKENS', 'SECONDS'] });
    await call(reg.url, 'POST', '/subjects/unit-value/versions', { schema: enumV1 });
    const e = await call(reg.url, 'POST', '/compatibility/subjects/unit-value/versions/latest?verbose=true', { schema: enumV2 });
    assert.equal(e.json.messages[0], "{errorType:'MISSING_ENUM_SYMBOLS', description:'The new schema is missing enum symbols '[BYTES]' at path '/symbols' in the old schema', additionalInfo:'[BYTES]'}");
    await call(reg.url, 'POST', '/subjects/hash-value/versions', { schema: JSON.stringify({ type: 'fixed', name: 'Hash', size: 32 }) });
    const f = await call(reg.url, 'POST', '/compatibility/subjects/hash-value/versions/latest?verbose=true', { schema: JSON.stringify({ type: 'fixed', name: 'Hash', size: 16 }) });
    assert.match(f.json.messages[0], /^\{errorType:'FIXED_SIZE_MISMATCH', .*additionalInfo:'expected: 32, found: 16'\}$/);
    await call(reg.url, 'POST', '/subjects/opt-value/versions', { schema: '["null","string"]' });
    const u = await call(reg.url, 'POST', '/compatibility/subjects/opt-value/versions/latest?verbose=true', { schema: '["null","long"]' });
    assert.match(u.json.messages[0], /^\{errorType:'MISSING_UNION_BRANCH', .*additionalInfo:'reader union lacking writer type: STRING'\}$/);
    const renamed = record(['event_id:string', 'units:long']).replace('"MeteringEvent"', '"UsageEvent"');
    const n = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: renamed });
    assert.match(n.json.messages[0], /^\{errorType:'NAME_MISMATCH', description:'The name of the schema has changed \(path '\/name'\)'/);
    // Java matches named types by unqualified name: a namespace change alone is compatible.
    const moved = V1.replace(`"namespace":"${NS}"`, '"namespace":"caracal.usage"');
    assert.equal((await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: moved })).json.is_compatible, true);
  });

  test('a forced verdict overrides the oracle for checks and registration', async () => {
    reg.state.forceCompatibility[SUBJECT] = { is_compatible: false, messages: ['{errorType:\'TYPE_MISMATCH\', description:\'forced\', additionalInfo:\'forced\'}'] };
    const check = await call(reg.url, 'POST', `/compatibility/subjects/${SUBJECT}/versions/latest?verbose=true`, { schema: V2_ADD_WITH_DEFAULT });
    assert.deepEqual(check.json, { is_compatible: false, messages: ["{errorType:'TYPE_MISMATCH', description:'forced', additionalInfo:'forced'}"] });
    const refused = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_WITH_DEFAULT });
    assert.equal(refused.status, 409);
    assert.match(refused.json.message, /forced/);
    reg.state.forceCompatibility[SUBJECT] = { is_compatible: true, messages: [] };
    assert.equal((await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_NO_DEFAULT })).status, 200);
  });

  test('mode: READWRITE by default, READONLY refuses registration with 42205; noMode (Karapace) has no /mode', async () => {
    assert.deepEqual((await call(reg.url, 'GET', '/mode')).json, { mode: 'READWRITE' });
    assert.deepEqual((await call(reg.url, 'PUT', `/mode/${SUBJECT}`, { mode: 'READONLY' })).json, { mode: 'READONLY' });
    assert.deepEqual((await call(reg.url, 'GET', `/mode/${SUBJECT}`)).json, { mode: 'READONLY' });
    const r = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V2_ADD_WITH_DEFAULT });
    assert.equal(r.status, 422);
    assert.equal(r.json.error_code, 42205);
    const karapace = await startFakeRegistry({ noMode: true });
    try {
      assert.equal((await call(karapace.url, 'GET', '/mode')).status, 404);
    } finally {
      await karapace.stop();
    }
  });
});

describe('fake registry: auth and the request log', () => {
  test('basic auth: 401 with the Confluent body and WWW-Authenticate when missing or wrong; the log has no secret', async () => {
    const reg = await startFakeRegistry({ auth: { basic: { username: 'ABCKEY', password: 's3cret-pass' } } });
    try {
      const missing = await call(reg.url, 'GET', '/subjects');
      assert.equal(missing.status, 401);
      assert.deepEqual(missing.json, { error_code: 401, message: 'Unauthorized' });
      assert.equal(missing.headers.get('www-authenticate'), 'Basic realm="SchemaRegistry"');
      assert.equal((await call(reg.url, 'GET', '/subjects', undefined, basic('ABCKEY', 'wrong'))).status, 401);
      assert.equal((await call(reg.url, 'GET', '/subjects', undefined, basic('ABCKEY', 's3cret-pass'))).status, 200);
      assert.equal((await call(reg.url, 'GET', '/subjects', undefined, { Authorization: 'Bearer s3cret-pass' })).status, 401);
      assert.deepEqual(
        reg.requests.map(r => [r.auth, r.authOk, r.status]),
        [
          ['none', false, 401],
          ['basic', false, 401],
          ['basic', true, 200],
          ['bearer', false, 401],
        ],
      );
      assert.ok(!JSON.stringify(reg.requests).includes('s3cret'));
    } finally {
      await reg.stop();
    }
  });

  test('bearer auth, and 403 / 40301 for an authenticated caller without permission', async () => {
    const reg = await startFakeRegistry({ auth: { bearer: 'tok-123', forbidden: (method, p) => method !== 'GET' && p.startsWith('/subjects/') } });
    try {
      const missing = await call(reg.url, 'GET', '/subjects');
      assert.equal(missing.headers.get('www-authenticate'), 'Bearer realm="SchemaRegistry"');
      const auth = { Authorization: 'Bearer tok-123' };
      assert.equal((await call(reg.url, 'GET', '/subjects', undefined, auth)).status, 200);
      const denied = await call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 }, auth);
      assert.equal(denied.status, 403);
      assert.deepEqual(denied.json, { error_code: 40301, message: `User is denied operation Write on Subject: ${SUBJECT}` });
    } finally {
      await reg.stop();
    }
  });
});

describe('fake registry: faults', () => {
  let reg: FakeRegistry;
  beforeEach(async () => {
    if (reg) await reg.stop();
    reg = await startFakeRegistry();
  });
  after(() => reg.stop());

  test('fail: the next N matching requests get 503, then the registry answers again', async () => {
    reg.faults.fail({ count: 2 });
    assert.equal((await call(reg.url, 'GET', '/subjects')).status, 503);
    const second = await call(reg.url, 'GET', '/subjects');
    assert.equal(second.status, 503);
    assert.equal(second.json.error_code, 503);
    assert.equal((await call(reg.url, 'GET', '/subjects')).status, 200);
    reg.faults.fail({ status: 500, errorCode: 50001, path: '/subjects/x', method: 'POST' });
    assert.equal((await call(reg.url, 'GET', '/subjects')).status, 200, 'not matched');
    const store = await call(reg.url, 'POST', '/subjects/x/versions', { schema: '"int"' });
    assert.deepEqual([store.status, store.json.error_code], [500, 50001]);
    assert.deepEqual(reg.requests.map(r => r.fault ?? '-'), ['respond', 'respond', '-', '-', 'respond']);
  });

  test('respond: an HTML proxy page', async () => {
    reg.faults.respond({ status: 502, body: '<html><body>Bad Gateway</body></html>' });
    const r = await call(reg.url, 'GET', '/subjects');
    assert.equal(r.status, 502);
    assert.equal(r.contentType, 'text/html');
    assert.equal(r.json, undefined);
  });

  test('hang: no answer until the client gives up', async () => {
    reg.faults.hang({ path: '/subjects' });
    // The client's own 300 ms signal ends it (no answer ever came).
    await assert.rejects(fetch(`${reg.url}/subjects`, { signal: AbortSignal.timeout(300) }), /abort|timeout/i);
    assert.equal(reg.requests[0].fault, 'hang');
    assert.equal((await call(reg.url, 'GET', '/subjects')).status, 200, 'count 1: the next request is answered');
  });

  test('latency delays every answer', async () => {
    reg.faults.latencyMs = 150;
    const started = performance.now();
    await call(reg.url, 'GET', '/subjects');
    // A lower bound: load can only add to it.
    assert.ok(performance.now() - started >= 140);
  });

  test('closeMidResponse: the body is cut; with afterProcessing the registration really happened', async () => {
    reg.faults.closeMidResponse({ path: `/subjects/${SUBJECT}/versions`, method: 'POST', afterProcessing: true });
    await assert.rejects(call(reg.url, 'POST', `/subjects/${SUBJECT}/versions`, { schema: V1 }));
    assert.deepEqual(reg.state.listVersions(SUBJECT), [1], 'applied before the connection died');
    reg.faults.closeMidResponse({ path: '/subjects/other-value/versions' });
    await assert.rejects(call(reg.url, 'POST', '/subjects/other-value/versions', { schema: V1 }));
    assert.deepEqual(reg.state.listSubjects(), [SUBJECT], 'not applied');
  });

  test('goAwayOn: at a matching request the registry vanishes; afterProcessing applies it first', async () => {
    reg.faults.goAwayOn({ method: 'POST', path: '/subjects/b-value/versions', afterProcessing: true });
    assert.equal((await call(reg.url, 'POST', '/subjects/a-value/versions', { schema: '"int"' })).status, 200);
    await assert.rejects(call(reg.url, 'POST', '/subjects/b-value/versions', { schema: '"long"' }));
    await assert.rejects(call(reg.url, 'GET', '/subjects'), (e: Error & { cause?: { code?: string } }) => e.cause?.code === 'ECONNREFUSED');
    assert.deepEqual(reg.state.listSubjects(), ['a-value', 'b-value'], 'b was registered though its answer never came');
    assert.deepEqual(reg.requests.map(r => r.fault ?? r.status), [200, 'gone']);
  });

  test('goAwayAfter: N requests are served, then the registry stops listening', async () => {
    reg.faults.goAwayAfter(2);
    assert.equal((await call(reg.url, 'POST', '/subjects/a-value/versions', { schema: '"int"' })).status, 200);
    assert.equal((await call(reg.url, 'POST', '/subjects/b-value/versions', { schema: '"long"' })).status, 200);
    await assert.rejects(call(reg.url, 'POST', '/subjects/c-value/versions', { schema: '"string"' }), (e: Error & { cause?: { code?: string } }) => {
      assert.match(String(e.cause?.code), /ECONNREFUSED|ECONNRESET|UND_ERR_SOCKET/);
      return true;
    });
    assert.deepEqual(reg.state.listSubjects(), ['a-value', 'b-value']);
  });
});

describe('fake registry: seeds and the standalone process', () => {
  test('a JSON seed with config, versions and references', () => {
    const state = new FakeRegistryState();
    loadSeed(state, {
      config: { global: 'FULL', subjects: { 'orders-value': 'NONE' } },
      subjects: {
        'caracal.common.Money': [{ type: 'record', name: 'Money', namespace: 'caracal.common', fields: [{ name: 'amount', type: 'long' }] }],
        'orders-value': [
          { schema: { type: 'record', name: 'Order', fields: [{ name: 'total', type: 'caracal.common.Money' }] }, references: [{ name: 'caracal.common.Money', subject: 'caracal.common.Money', version: 1 }] },
          { schema: '"string"' },
        ],
      },
    });
    assert.equal(state.globalLevel, 'FULL');
    assert.equal(state.effectiveLevel('orders-value'), 'NONE');
    assert.deepEqual(state.listVersions('orders-value'), [1, 2], 'history is registered without compatibility checks');
    assert.equal(state.getVersion('orders-value', '1').references?.[0].subject, 'caracal.common.Money');
  });

  test('a folder seed; a bad seed names the file and the subject', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-seed-'));
    try {
      fs.writeFileSync(path.join(dir, 'single-value.avsc'), '"string"');
      fs.mkdirSync(path.join(dir, 'events-value'));
      fs.writeFileSync(path.join(dir, 'events-value', '2.avsc'), V2_ADD_WITH_DEFAULT);
      fs.writeFileSync(path.join(dir, 'events-value', '1.avsc'), V1);
      fs.writeFileSync(path.join(dir, 'registry.json'), JSON.stringify({ config: 'FORWARD' }));
      const state = new FakeRegistryState();
      loadSeed(state, dir);
      assert.equal(state.globalLevel, 'FORWARD');
      assert.deepEqual(state.listSubjects(), ['events-value', 'single-value']);
      assert.equal(state.getVersion('events-value', '1').schema, V1);
      fs.writeFileSync(path.join(dir, 'zz-value.avsc'), '{"type": "nope"}');
      assert.throws(() => loadSeed(new FakeRegistryState(), dir), /zz-value\.avsc: subject zz-value: .*unknown type/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('fakeRegistryMain prints its URL, enforces --basic, serves --seed, logs requests, stops on SIGTERM', async () => {
    const seed = path.join(os.tmpdir(), `avro-seed-${process.pid}.json`);
    fs.writeFileSync(seed, JSON.stringify({ subjects: { [SUBJECT]: [JSON.parse(V1)] } }));
    const child = spawn(process.execPath, [path.join(__dirname, '..', 'registry', 'fakeRegistryMain.js'), '--basic', 'u:p', '--seed', seed], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const lines = readline.createInterface({ input: child.stdout! });
      const iterator = lines[Symbol.asyncIterator]();
      const first = await iterator.next();
      const url = String(first.value);
      assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.equal((await call(url, 'GET', '/subjects')).status, 401);
      const latest = await call(url, 'GET', `/subjects/${SUBJECT}/versions/latest`, undefined, basic('u', 'p'));
      assert.equal(latest.json.schema, V1);
      const logLine = JSON.parse(String((await iterator.next()).value));
      assert.deepEqual(logLine, { method: 'GET', path: '/subjects', status: 401, auth: 'none', authOk: false });
      const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      fs.rmSync(seed, { force: true });
    }
  });
});
