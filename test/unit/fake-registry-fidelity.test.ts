// Fidelity of the fake registry: a widely used independent client (@kafkajs/confluent-schema-registry) works against it unchanged.
//
// That client speaks Confluent's REST API its own way (mappersmith, its own content type, its own
// error handling, GET /config/{s} expecting 404 before the first registration, PUT /config/{s}
// after it), so if the fake answers wrongly this test fails. It registers, fetches by id, gets the
// latest id, and encodes/decodes a message through the Confluent wire format with avsc.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import { SchemaRegistry, SchemaType, COMPATIBILITY } from '@kafkajs/confluent-schema-registry';
import { startFakeRegistry, type FakeRegistryOptions } from '../registry/fakeRegistry';

const SCHEMA_V1 = {
  type: 'record',
  name: 'MeteringEvent',
  namespace: 'caracal.metering',
  fields: [
    { name: 'event_id', type: 'string' },
    { name: 'units', type: 'long' },
  ],
};
const SCHEMA_V2 = { ...SCHEMA_V1, fields: [...SCHEMA_V1.fields, { name: 'currency', type: 'string', default: 'EUR' }] };
const SUBJECT = 'caracal.metering.events-value';

async function roundTrip(options: FakeRegistryOptions, auth?: { username: string; password: string }): Promise<void> {
  const reg = await startFakeRegistry(options);
  try {
    const client = new SchemaRegistry({ host: reg.url, auth, retry: { retries: 0 } });
    const { id } = await client.register({ type: SchemaType.AVRO, schema: JSON.stringify(SCHEMA_V1) }, { subject: SUBJECT });
    assert.equal(id, 1);
    // First registration: kafkajs asked for the subject config (404 expected), then set it.
    assert.deepEqual(
      reg.requests.map(r => `${r.method} ${r.path} ${r.status}`),
      [`GET /config/${SUBJECT} 404`, `POST /subjects/${SUBJECT}/versions 200`, `PUT /config/${SUBJECT} 200`],
    );
    assert.equal(reg.state.effectiveLevel(SUBJECT), COMPATIBILITY.BACKWARD);
    assert.equal(await client.getLatestSchemaId(SUBJECT), 1);

    const { id: id2 } = await client.register({ type: SchemaType.AVRO, schema: JSON.stringify(SCHEMA_V2) }, { subject: SUBJECT });
    assert.equal(id2, 2);
    assert.equal(await client.getLatestSchemaId(SUBJECT), 2);
    assert.equal(await client.getRegistryId(SUBJECT, 1), 1);
    assert.equal(await client.getRegistryIdBySchema(SUBJECT, { type: SchemaType.AVRO, schema: JSON.stringify(SCHEMA_V1) }), 1);

    // A fresh client has no cache: decoding must fetch the writer schema by id from the fake.
    const payload = { event_id: 'e-1', units: 42, currency: 'USD' };
    const encoded = await client.encode(id2, payload);
    assert.equal(encoded[0], 0, 'magic byte');
    assert.equal(encoded.readInt32BE(1), 2, 'schema id in the wire format');
    const reader = new SchemaRegistry({ host: reg.url, auth, retry: { retries: 0 } });
    assert.deepEqual({ ...(await reader.decode(encoded)) }, payload);
    assert.ok(reg.requests.some(r => r.method === 'GET' && r.path === '/schemas/ids/2' && r.status === 200));
    const fetched = (await reader.getSchema(1)) as unknown as { name: string };
    assert.equal(fetched.name, 'caracal.metering.MeteringEvent');

    // An incompatible schema is refused by the fake with Confluent's 409, and kafkajs reports it.
    const incompatible = { ...SCHEMA_V1, fields: [...SCHEMA_V1.fields, { name: 'region', type: 'string' }] };
    await assert.rejects(client.register({ type: SchemaType.AVRO, schema: JSON.stringify(incompatible) }, { subject: SUBJECT }), (e: Error & { status?: number }) => {
      assert.equal(e.status, 409);
      assert.match(e.message, /incompatible with an earlier schema/);
      return true;
    });
    await assert.rejects(reader.getSchema(99), (e: Error & { status?: number }) => {
      assert.equal(e.status, 404);
      assert.match(e.message, /Schema 99 not found/);
      return true;
    });
  } finally {
    await reg.stop();
  }
}

describe('@kafkajs/confluent-schema-registry against the fake', () => {
  test('plain HTTP: register, latest id, fetch by id, encode/decode, 409, 40403', async () => {
    await roundTrip({});
  });

  test('HTTP with basic auth (Confluent Cloud style API key/secret)', async () => {
    await roundTrip({ auth: { basic: { username: 'API_KEY_123', password: 'api-secret-456' } } }, { username: 'API_KEY_123', password: 'api-secret-456' });
  });

  test('wrong credentials surface as 401 in the independent client', async () => {
    const reg = await startFakeRegistry({ auth: { basic: { username: 'k', password: 's' } } });
    try {
      const client = new SchemaRegistry({ host: reg.url, auth: { username: 'k', password: 'nope' }, retry: { retries: 0 } });
      await assert.rejects(client.getLatestSchemaId(SUBJECT), (e: Error & { status?: number }) => {
        assert.equal(e.status, 401);
        return true;
      });
    } finally {
      await reg.stop();
    }
  });
});
