// RegistryBaseline (baselines/registry.ts) over the real client and the fake registry: versions by level, labels and URIs, referenced schemas, not registered, unmapped, failures, caching.
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadBaselineSchemas } from '../../server/src/baselines/baselineSchemas';
import { parseRegistryUri, RegistryBaseline, registryUri } from '../../server/src/baselines/registry';
import type { BaselineResult } from '../../server/src/baselines/types';
import type { SubjectResolution } from '../../server/src/config/projectConfig';
import { createRegistryClient } from '../../server/src/registry/client';
import { RegistryError } from '../../server/src/registry/types';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { checkLevel } from '../../server/src/service/compatibility/levels';
import type { FakeRegistry } from '../registry/fakeRegistry';
import { PASSWORD, startRegistry, USER } from './cli-registry-env';

const FOLDER = 'file:///work/shop';
let reg: FakeRegistry;

const record = (name: string, fields: string) => `{"type":"record","name":"${name}","namespace":"com.shop","fields":[${fields}]}`;

before(async () => {
  reg = await startRegistry({
    config: { global: 'BACKWARD', subjects: { 'shop.usage-value': 'FULL_TRANSITIVE' } },
    subjects: {
      'com.shop.Currency': [{ type: 'enum', name: 'Currency', namespace: 'com.shop', symbols: ['EUR', 'USD'] }],
      'com.shop.Money': [
        {
          schema: record('Money', '{"name":"units","type":"long"},{"name":"currency","type":"Currency"}'),
          references: [{ name: 'com.shop.Currency', subject: 'com.shop.Currency', version: 1 }],
        },
      ],
      'shop.order-value': [
        { schema: record('Order', '{"name":"id","type":"string"},{"name":"total","type":"Money"}'), references: [{ name: 'com.shop.Money', subject: 'com.shop.Money', version: 1 }] },
      ],
      'shop.usage-value': [
        JSON.parse(record('Usage', '{"name":"id","type":"string"}')),
        JSON.parse(record('Usage', '{"name":"id","type":"string"},{"name":"region","type":"string","default":"eu"}')),
        JSON.parse(record('Usage', '{"name":"id","type":"string"},{"name":"region","type":"string","default":"eu"},{"name":"n","type":"int","default":0}')),
      ],
    },
  });
});

after(() => reg?.stop());

function client(password = PASSWORD) {
  return createRegistryClient({ url: reg.url, auth: { kind: 'basic', username: USER, password }, retries: 0 });
}

/** Files map to subjects by their name: /work/shop/<subject>.avsc. */
const bySubjectName = (filePath: string): SubjectResolution => {
  const name = filePath.split('/').pop()!.replace(/\.avsc$/, '');
  return name === 'unmapped' ? { kind: 'unmapped', reason: 'unmapped.avsc maps to no subject: add a rule.' } : { kind: 'subject', subject: name, how: 'explicit subject' };
};

function provider(options: Partial<ConstructorParameters<typeof RegistryBaseline>[0]> = {}): RegistryBaseline {
  return new RegistryBaseline({ client: client(), folder: FOLDER, subjectOf: bySubjectName, ...options });
}

function ok(result: BaselineResult): Extract<BaselineResult, { kind: 'ok' }> {
  assert.equal(result.kind, 'ok', JSON.stringify(result));
  return result as Extract<BaselineResult, { kind: 'ok' }>;
}

describe('RegistryBaseline', () => {
  test('the subject\'s own level decides: FULL_TRANSITIVE gives every version, newest first, labelled and addressable', async () => {
    const p = provider();
    const result = ok(await p.load('/work/shop/shop.usage-value.avsc'));
    assert.deepEqual(result.versions.map(v => [v.label, v.description.replace(/\d+/, 'N')]), [['v3', 'id N'], ['v2', 'id N'], ['v1', 'id N']]);
    assert.deepEqual(parseRegistryUri(result.versions[0].uri), { folder: FOLDER, subject: 'shop.usage-value', version: 3 });
    assert.equal(result.versions[0].uri, registryUri(FOLDER, 'shop.usage-value', 3));
    assert.match(result.versions[0].uri, /^avro-registry:\/shop\.usage-value\/v3\.avsc\?/);
    assert.deepEqual(p.target('/work/shop/shop.usage-value.avsc'), { subject: 'shop.usage-value', how: 'explicit subject', level: 'FULL_TRANSITIVE', levelSource: 'registry', versions: [1, 2, 3] });
    assert.deepEqual(result.notes, ['subject shop.usage-value (explicit subject); level FULL_TRANSITIVE from the registry']);
    assert.deepEqual(result.registry, { subject: 'shop.usage-value', level: 'FULL_TRANSITIVE', levelFrom: "registry's level of subject shop.usage-value", latest: 3 });
  });

  test('a level from the project file (or --level) wins: BACKWARD gives the latest version only, and the registry is not asked for its level', async () => {
    const p = provider({ levelOverride: () => 'BACKWARD' });
    const before = reg.requests.length;
    const result = ok(await p.load('/work/shop/shop.usage-value.avsc'));
    assert.deepEqual(result.versions.map(v => v.label), ['v3']);
    assert.equal(p.target('/work/shop/shop.usage-value.avsc')?.levelSource, 'override');
    assert.ok(!reg.requests.slice(before).some(q => q.path.startsWith('/config')));
  });

  test('referenced schemas come along, dependencies first, and resolve when the version is checked', async () => {
    const p = provider();
    const result = ok(await p.load('/work/shop/shop.order-value.avsc'));
    const version = result.versions[0];
    assert.deepEqual(version.referencedSchemas?.map(r => parseRegistryUri(r.uri)?.subject), ['com.shop.Currency', 'com.shop.Money']);
    // The new Order reads a Currency that lost a symbol it had: found inside the referenced schemas.
    const candidateText = `{"type":"record","name":"Order","namespace":"com.shop","fields":[{"name":"id","type":"string"},{"name":"total","type":{"type":"record","name":"Money","fields":[{"name":"units","type":"long"},{"name":"currency","type":{"type":"enum","name":"Currency","symbols":["EUR"]}}]}}]}`;
    const candidate = parseAvroDocument('file:///work/shop/shop.order-value.avsc', candidateText);
    const schemas = await loadBaselineSchemas(result.versions, { workingTree: new SchemaIndex(), candidateUri: candidate.uri, pathOf: () => undefined });
    assert.deepEqual(schemas[0].unresolved, []);
    assert.equal(schemas[0].documents.length, 3);
    const level = checkLevel('BACKWARD', { doc: candidate, schema: candidate.root!, resolve: resolverFor(undefined, candidate) }, [schemas[0].baseline!]);
    assert.equal(level.complete, true);
    assert.deepEqual(level.findings.map(f => [f.incompatibility.type, f.baselineSpan.uri.includes('com.shop.Currency')]), [['MISSING_ENUM_SYMBOLS', true]]);
  });

  test('registered versions are read once per provider', async () => {
    const p = provider({ levelOverride: () => 'FULL_TRANSITIVE' });
    await p.load('/work/shop/shop.usage-value.avsc');
    const before = reg.requests.length;
    ok(await p.load('/work/shop/shop.usage-value.avsc'));
    const reads = reg.requests.slice(before).filter(q => /^\/subjects\/[^/]+\/versions\/\d+$/.test(q.path));
    assert.deepEqual(reads, []);
  });

  test('a subject that does not exist yet, and a file that maps nowhere: nothing to check, with the reason', async () => {
    const p = provider();
    assert.deepEqual(await p.load('/work/shop/shop.new-value.avsc'), {
      kind: 'none',
      message: 'Subject "shop.new-value" is not yet registered: the first registration creates it.',
      // The level in force comes along, so both front-ends report the file at the registry's level.
      registry: { subject: 'shop.new-value', level: 'BACKWARD', levelFrom: "registry's level of subject shop.new-value" },
    });
    assert.deepEqual(await p.load('/work/shop/unmapped.avsc'), { kind: 'none', message: 'unmapped.avsc maps to no subject: add a rule.' });
  });

  test('wrong credentials and an unreachable registry: unavailable with the reason, never the secret; the error is kept for callers', async () => {
    const wrong = new RegistryBaseline({ client: client('wrong-' + PASSWORD), folder: FOLDER, subjectOf: bySubjectName, secrets: ['wrong-' + PASSWORD] });
    const denied = await wrong.load('/work/shop/shop.order-value.avsc');
    assert.equal(denied.kind, 'unavailable');
    assert.match((denied as { message: string }).message, /^subject "shop\.order-value" could not be read: .*401/);
    assert.ok(!(denied as { message: string }).message.includes(PASSWORD));
    assert.equal((wrong.failure('/work/shop/shop.order-value.avsc') as RegistryError).kind, 'unauthorized');

    const gone = new RegistryBaseline({ client: createRegistryClient({ url: 'http://127.0.0.1:9', auth: { kind: 'none' }, retries: 0, timeoutMs: 2000 }), folder: FOLDER, subjectOf: bySubjectName });
    const down = await gone.load('/work/shop/shop.order-value.avsc');
    assert.equal(down.kind, 'unavailable');
    assert.equal((gone.failure('/work/shop/shop.order-value.avsc') as RegistryError).kind, 'network');
  });

  test('an untrusted workspace sends nothing', async () => {
    const p = provider({ trusted: () => false });
    const before = reg.requests.length;
    const result = await p.load('/work/shop/shop.order-value.avsc');
    assert.equal(result.kind, 'unavailable');
    assert.equal((result as { reason: string }).reason, 'untrusted');
    assert.equal(reg.requests.length, before);
  });
});
