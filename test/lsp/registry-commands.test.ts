// The registry requests behind the commands, through the real server and the fake registry: register (plan, references, refusals), sync status, faults mid-way, CodeLens, browsing.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type {
  RegistryPrepareRegisterResult,
  RegistryRegisterResult,
  RegistrySchemaResult,
  RegistrySubjectResult,
  RegistrySubjectsResult,
  RegistrySyncStatusResult,
  RegistryTestConnectionResult,
  RegistryVersionsResult,
} from '../../server/src/protocol';
import { assertNoSecret, lensesOf, seedVersion, startHarness } from './registryHarness';

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "caracal.types",
  "fields": [
    {"name": "amount", "type": "string"},
    {"name": "currency", "type": "string"}
  ]
}
`;
const CHARGE = `{
  "type": "record",
  "name": "Charge",
  "namespace": "caracal.billing",
  "fields": [
    {"name": "charge_id", "type": "string"},
    {"name": "price", "type": "caracal.types.Money"}
  ]
}
`;
const INVOICE = `{
  "type": "record",
  "name": "Invoice",
  "namespace": "caracal.billing",
  "fields": [
    {"name": "invoice_id", "type": "string"},
    {"name": "charges", "type": {"type": "array", "items": "caracal.billing.Charge"}}
  ]
}
`;

/** Every schema under RecordNameStrategy: its subject is its record's fullname. */
const RECORD_NAMES = { schemas: [{ files: '**/*.avsc', strategy: 'RecordNameStrategy' }] };

function outcomes(r: RegistryRegisterResult): Array<[string, string]> {
  return r.results.map(x => [x.subject, x.outcome]);
}

describe('Register Schema', () => {
  test('references in dependency order: the referenced schemas first, with schema references; then "already registered"', async () => {
    const h = await startHarness({ project: RECORD_NAMES, files: { 'types/money.avsc': MONEY, 'billing/charge.avsc': CHARGE, 'billing/invoice.avsc': INVOICE } });
    try {
      const uri = h.ws.uri('billing/invoice.avsc');
      await h.client.open(uri, INVOICE);
      const prepared = await h.client.request<RegistryPrepareRegisterResult>('avro/registry/prepareRegister', { uri });
      assert.equal(prepared.blocked, undefined, prepared.message);
      assert.equal(prepared.subject, 'caracal.billing.Invoice');
      assert.equal(prepared.latest, undefined, 'a new subject');
      assert.deepEqual(prepared.plan.map(p => [p.subject, p.references]), [
        ['caracal.types.Money', []],
        ['caracal.billing.Charge', [{ name: 'caracal.types.Money', subject: 'caracal.types.Money' }]],
        ['caracal.billing.Invoice', [{ name: 'caracal.billing.Charge', subject: 'caracal.billing.Charge' }]],
      ]);
      assert.equal(prepared.documentVersion, 1);
      assert.match(prepared.message, /^Register billing\/invoice\.avsc under subject caracal\.billing\.Invoice: a new subject \(the first version\)\. Registers first, in dependency order: types\/money\.avsc as caracal\.types\.Money, billing\/charge\.avsc as caracal\.billing\.Charge\.$/);
      assert.ok(!h.reg.requests.some(r => r.method === 'POST' && r.path.endsWith('/versions')), 'preparing writes nothing');

      const done = await h.client.request<RegistryRegisterResult>('avro/registry/register', { uri, version: 1, expectedLatest: undefined, contentHash: prepared.contentHash });
      assert.equal(done.ok, true, done.message);
      assert.deepEqual(done.results, [
        { subject: 'caracal.types.Money', outcome: 'registered', id: 1, version: 1 },
        { subject: 'caracal.billing.Charge', outcome: 'registered', id: 2, version: 1 },
        { subject: 'caracal.billing.Invoice', outcome: 'registered', id: 3, version: 1 },
      ]);
      assert.equal(done.message, 'Registered 3 schemas. caracal.types.Money: registered as version 1 (id 1); caracal.billing.Charge: registered as version 1 (id 2); caracal.billing.Invoice: registered as version 1 (id 3).');
      const posts = h.reg.requests.filter(r => r.method === 'POST' && r.path.endsWith('/versions'));
      assert.deepEqual(posts.map(r => r.path), ['/subjects/caracal.types.Money/versions', '/subjects/caracal.billing.Charge/versions', '/subjects/caracal.billing.Invoice/versions']);
      assert.deepEqual((posts[2].body as { references: unknown }).references, [{ name: 'caracal.billing.Charge', subject: 'caracal.billing.Charge', version: 1 }]);

      const again = await h.client.request<RegistryPrepareRegisterResult>('avro/registry/prepareRegister', { uri });
      assert.deepEqual(again.plan.map(p => p.alreadyRegistered), [{ id: 1, version: 1 }, { id: 2, version: 1 }, { id: 3, version: 1 }]);
      assert.equal(again.message, 'billing/invoice.avsc is already registered under subject caracal.billing.Invoice as version 1 (id 3): nothing to register.');
      const twice = await h.client.request<RegistryRegisterResult>('avro/registry/register', { uri, version: 1, expectedLatest: 1 });
      assert.equal(twice.ok, true);
      assert.deepEqual(outcomes(twice), [['caracal.types.Money', 'already-registered'], ['caracal.billing.Charge', 'already-registered'], ['caracal.billing.Invoice', 'already-registered']]);
      assert.match(twice.message, /^Nothing to register: everything is registered already\./);
      assert.equal(h.reg.requests.filter(r => r.method === 'POST' && r.path.endsWith('/versions')).length, 3, 'nothing registered twice');
      assertNoSecret(h, prepared, done, again, twice);
    } finally {
      await h.stop();
    }
  });

  test('refusals: an incompatible schema (the reasons on its lines), a document changed after the confirmation, a subject that moved on', async () => {
    const h = await startHarness({ project: RECORD_NAMES, files: { 'types/money.avsc': MONEY }, seed: reg => seedVersion(reg, 'caracal.types.Money', MONEY) });
    try {
      const uri = h.ws.uri('types/money.avsc');
      const breaking = MONEY.replace('{"name": "currency", "type": "string"}', '{"name": "currency", "type": "string"},\n    {"name": "scale", "type": "int"}');
      await h.client.open(uri, breaking);
      const refused = await h.client.request<RegistryPrepareRegisterResult>('avro/registry/prepareRegister', { uri });
      assert.match(refused.blocked ?? '', /^Not registered: the registry would reject types\/money\.avsc \(subject caracal\.types\.Money, BACKWARD\): /);
      assert.equal(refused.registry?.isCompatible, false);
      assert.deepEqual(refused.findings.map(f => [f.code, f.range.start.line]), [['AVRO-400', 7]], 'our finding, on the line of the new field');
      assert.deepEqual(refused.latest, { version: 1, id: 1, schema: h.reg.state.getVersion('caracal.types.Money', '1').schema });
      const notDone = await h.client.request<RegistryRegisterResult>('avro/registry/register', { uri, version: 1, expectedLatest: 1 });
      assert.equal(notDone.ok, false);
      assert.deepEqual(notDone.results, []);
      assert.match(notDone.message, /^Nothing was registered: Not registered: the registry would reject/);

      // A compatible edit, confirmed at version 2; then the document changes: refused.
      const compatible = MONEY.replace('{"name": "currency", "type": "string"}', '{"name": "currency", "type": "string"},\n    {"name": "scale", "type": "int", "default": 2}');
      const v2 = await h.client.replace(uri, compatible);
      const ok = await h.client.request<RegistryPrepareRegisterResult>('avro/registry/prepareRegister', { uri });
      assert.equal(ok.blocked, undefined, ok.message);
      assert.equal(ok.documentVersion, v2);
      assert.match(ok.message, /compatible with v1 at BACKWARD \(our check and the registry agree\)/);
      await h.client.edit(uri, 0, 0, ' ');
      const changed = await h.client.request<RegistryRegisterResult>('avro/registry/register', { uri, version: v2, expectedLatest: 1, contentHash: ok.contentHash });
      assert.equal(changed.ok, false);
      assert.match(changed.message, /^Nothing was registered: the document changed after the confirmation \(version 2 was confirmed, it is at version 3 now\)/);

      // Someone registers v2 elsewhere between the confirmation and the click: refused.
      const v3 = await h.client.replace(uri, compatible);
      const prepared = await h.client.request<RegistryPrepareRegisterResult>('avro/registry/prepareRegister', { uri });
      seedVersion(h.reg, 'caracal.types.Money', MONEY.replace('"currency", "type": "string"', '"currency", "type": "string", "doc": "ISO 4217"'));
      const moved = await h.client.request<RegistryRegisterResult>('avro/registry/register', { uri, version: v3, expectedLatest: prepared.latest?.version, contentHash: prepared.contentHash });
      assert.equal(moved.ok, false);
      assert.match(moved.message, /^Nothing was registered: subject caracal\.types\.Money changed in the registry after the confirmation \(you confirmed against v1, it holds v2 now\)/);
      assert.equal(h.reg.requests.filter(r => r.method === 'POST' && r.path.endsWith('/versions')).length, 0, 'nothing was sent for registration');
    } finally {
      await h.stop();
    }
  });

  test('fault: the registry drops the connection while registering the second of three: exact outcomes, nothing claimed', async () => {
    const h = await startHarness({ project: RECORD_NAMES, files: { 'types/money.avsc': MONEY, 'billing/charge.avsc': CHARGE, 'billing/invoice.avsc': INVOICE } });
    try {
      const uri = h.ws.uri('billing/invoice.avsc');
      await h.client.open(uri, INVOICE);
      const prepared = await h.client.request<RegistryPrepareRegisterResult>('avro/registry/prepareRegister', { uri });
      assert.equal(prepared.blocked, undefined);
      // The fake does register Charge, then the connection dies before the answer: the client cannot know.
      // (Every attempt: the client retries a registration, which is idempotent.)
      h.reg.faults.closeMidResponse({ method: 'POST', path: '/subjects/caracal.billing.Charge/versions', afterProcessing: true, count: Infinity });
      const r = await h.client.request<RegistryRegisterResult>('avro/registry/register', { uri, version: 1, expectedLatest: undefined, contentHash: prepared.contentHash });
      assert.equal(r.ok, false);
      assert.deepEqual(outcomes(r), [['caracal.types.Money', 'registered'], ['caracal.billing.Charge', 'failed'], ['caracal.billing.Invoice', 'not-attempted']]);
      assert.deepEqual([r.results[0].id, r.results[0].version], [1, 1]);
      assert.match(r.results[1].error ?? '', /may or may not have reached the registry/);
      assert.equal(r.results[2].id, undefined);
      assert.match(r.message, /^Registration stopped at a failure: 1 of 3 registered\. caracal\.types\.Money: registered as version 1 \(id 1\); caracal\.billing\.Charge: FAILED — .*; caracal\.billing\.Invoice: not attempted\.$/);
      assert.deepEqual(h.reg.state.listSubjects(), ['caracal.billing.Charge', 'caracal.types.Money'], 'the registry did register Charge: the result did not claim it');

      // Sync then says exactly where each schema stands.
      h.reg.faults.reset();
      const sync = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      assert.deepEqual(sync.entries.map(e => [e.subject, e.state]), [
        ['caracal.billing.Charge', 'in-sync'],
        ['caracal.billing.Invoice', 'not-registered'],
        ['caracal.types.Money', 'in-sync'],
      ]);
    } finally {
      await h.stop();
    }
  });
});

describe('Sync Workspace with Registry', () => {
  const BASE = '{"type": "record", "name": "X", "namespace": "sync", "fields": [{"name": "a", "type": "string"}]}';
  const named = (name: string, extra = ''): string => BASE.replace('"X"', JSON.stringify(name)).replace('"type": "string"}]', `"type": "string"}${extra}]`);
  const files: Record<string, string> = {
    'sync/in-sync.avsc': named('InSync'),
    'sync/ahead-ok.avsc': named('AheadOk', ', {"name": "b", "type": "int", "default": 0}'),
    'sync/ahead-bad.avsc': named('AheadBad', ', {"name": "b", "type": "int"}'),
    'sync/behind.avsc': named('Behind'),
    'sync/new.avsc': named('New'),
    'sync/invalid.avsc': '{"type": "record", "name": "Invalid", "fields": [',
    'sync/forbidden.avsc': named('Forbidden'),
    'other/unmapped.avsc': named('Unmapped'),
  };
  const seed = (reg: Parameters<typeof seedVersion>[0]): void => {
    seedVersion(reg, 'sync.InSync', named('InSync'));
    seedVersion(reg, 'sync.AheadOk', named('AheadOk'));
    seedVersion(reg, 'sync.AheadBad', named('AheadBad'));
    seedVersion(reg, 'sync.Behind', named('Behind'));
    seedVersion(reg, 'sync.Behind', named('Behind', ', {"name": "c", "type": "long", "default": 0}'));
    seedVersion(reg, 'sync.Forbidden', named('Forbidden'));
  };
  const project = { schemas: [{ files: 'sync/*.avsc', strategy: 'RecordNameStrategy' }] };

  test('every state, each with its message; the lenses show the same', async () => {
    const h = await startHarness({
      project,
      files,
      seed,
      registry: { auth: { forbidden: (method, path) => path.includes('sync.Forbidden') } },
    });
    try {
      const sync = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      const byFile = Object.fromEntries(sync.entries.map(e => [e.uri.replace(/^.*\/(\w+\/[\w-]+\.avsc)$/, '$1'), e]));
      assert.deepEqual(Object.fromEntries(Object.entries(byFile).map(([f, e]) => [f, [e.state, e.subject, e.latestVersion, e.localVersionMatch]])), {
        'other/unmapped.avsc': ['unmapped', undefined, undefined, undefined],
        'sync/ahead-bad.avsc': ['ahead-incompatible', 'sync.AheadBad', 1, undefined],
        'sync/ahead-ok.avsc': ['ahead-compatible', 'sync.AheadOk', 1, undefined],
        'sync/behind.avsc': ['behind', 'sync.Behind', 2, 1],
        'sync/forbidden.avsc': ['error', 'sync.Forbidden', undefined, undefined],
        'sync/in-sync.avsc': ['in-sync', 'sync.InSync', 1, 1],
        'sync/invalid.avsc': ['invalid', 'Invalid', undefined, undefined],
        'sync/new.avsc': ['not-registered', 'sync.New', undefined, undefined],
      });
      assert.equal(byFile['sync/in-sync.avsc'].message, 'Same schema as sync.InSync v1.');
      assert.equal(byFile['sync/behind.avsc'].message, 'The registry has v2; sync/behind.avsc equals the older v1: pull the latest to catch up.');
      assert.equal(byFile['sync/ahead-ok.avsc'].message, 'Differs from v1 at BACKWARD: compatible, can be registered.');
      assert.match(byFile['sync/ahead-bad.avsc'].message, /^Differs from v1 at BACKWARD: would be rejected \(/);
      assert.match(byFile['sync/forbidden.avsc'].message, /^sync\.Forbidden could not be checked: .*403/);
      assert.match(byFile['other/unmapped.avsc'].message, /maps to no subject/);
      assert.equal(sync.message.split(' First failure')[0], '8 schemas: 1 in sync, 1 ahead (compatible), 1 ahead (incompatible), 1 behind, 1 not registered, 1 unmapped, 1 invalid, 1 could not be checked.');
      const compatChecks = h.reg.requests.filter(r => r.path.startsWith('/compatibility/'));
      assert.deepEqual(compatChecks.map(r => r.path).sort(), ['/compatibility/subjects/sync.AheadBad/versions/latest', '/compatibility/subjects/sync.AheadOk/versions/latest'], 'the registry is asked for the ahead ones only');

      // CodeLens: the same states above the top-level type, with the client's commands.
      const expected: Record<string, [string, string, unknown[]]> = {
        'sync/in-sync.avsc': ['sync.InSync · v1 · in sync', 'avro.registry.showVersions', [h.ws.uri('sync/in-sync.avsc')]],
        'sync/ahead-ok.avsc': ['sync.AheadOk · v1 · ahead (compatible): Register…', 'avro.registry.register', [h.ws.uri('sync/ahead-ok.avsc')]],
        'sync/ahead-bad.avsc': ['sync.AheadBad · v1 · ahead (incompatible): Check…', 'avro.registry.checkCompatibility', [h.ws.uri('sync/ahead-bad.avsc')]],
        'sync/behind.avsc': ['sync.Behind · v2 · behind (local is v1): Pull…', 'avro.registry.pull', [h.ws.uri('sync/behind.avsc')]],
        'sync/new.avsc': ['sync.New · not registered: Register…', 'avro.registry.register', [h.ws.uri('sync/new.avsc')]],
        'other/unmapped.avsc': ['unmapped: Add mapping…', 'avro.registry.addMapping', [h.ws.uri('other/unmapped.avsc')]],
      };
      for (const [file, [title, command, args]] of Object.entries(expected)) {
        const uri = h.ws.uri(file);
        await h.client.open(uri, files[file]);
        const lenses = await lensesOf(h, uri);
        assert.deepEqual(lenses.map(l => [l.command?.title, l.command?.command, l.command?.arguments]), [[title, command, args]], file);
        assert.deepEqual(lenses[0].range.start, { line: 0, character: 0 });
      }
      // Typing changes the lens without a request per keystroke: versions and level are kept for a few minutes.
      const uri = h.ws.uri('sync/in-sync.avsc');
      await h.client.replace(uri, named('InSync', ', {"name": "z", "type": "int", "default": 1}'));
      const lenses = await lensesOf(h, uri, ls => /ahead/.test(ls[0]?.command?.title ?? ''));
      assert.equal(lenses[0].command?.title, 'sync.InSync · v1 · ahead (compatible): Register…');
      const before = h.reg.requests.length;
      await h.client.replace(uri, named('InSync', ', {"name": "z", "type": "int"}'));
      const breaking = await lensesOf(h, uri, ls => /incompatible/.test(ls[0]?.command?.title ?? ''));
      assert.equal(breaking[0].command?.title, 'sync.InSync · v1 · ahead (incompatible): Check…');
      await h.client.replace(uri, named('InSync'));
      await lensesOf(h, uri, ls => /in sync/.test(ls[0]?.command?.title ?? ''));
      assert.equal(h.reg.requests.length, before, 'no registry request for the lens while typing');
      assert.ok(h.lensRefreshes > 0, 'the client was asked to refresh the lenses');
      assertNoSecret(h, sync);
    } finally {
      await h.stop();
    }
  });

  test('fault: the registry goes away mid-sync: every entry says exactly what is known, the summary counts them', async () => {
    const h = await startHarness({ project, files, seed });
    try {
      const full = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      const truth = new Map(full.entries.map(e => [e.uri, e.state]));
      const served = h.reg.requests.length;
      // Half of what a full sync needs, then the registry stops listening.
      h.reg.faults.goAwayAfter(Math.floor(served / 4));
      const partial = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      assert.equal(partial.entries.length, full.entries.length, 'every schema has an entry');
      const errors = partial.entries.filter(e => e.state === 'error');
      assert.ok(errors.length > 0, 'some could not be checked');
      for (const e of partial.entries) {
        if (e.state === 'error') assert.match(e.message, /could not be checked: .*(refused|reset|closed|socket|connect|unreachable|network)/i, e.message);
        else assert.equal(e.state, truth.get(e.uri), `${e.uri}: a state is only claimed when it was established`);
      }
      const counted = partial.message.match(/(\d+) could not be checked/);
      assert.equal(Number(counted?.[1]), errors.length, partial.message);
      assert.match(partial.message, /^8 schemas: /);
      assert.equal(h.registryStatuses.filter(s => s.state === 'offline').length, 1);
    } finally {
      await h.stop();
    }
  });
});

describe('browsing the registry', () => {
  test('test connection, subject of a file, subjects, versions, one version pretty-printed, errors as messages', async () => {
    const h = await startHarness({
      project: RECORD_NAMES,
      files: { 'types/money.avsc': MONEY },
      seed: reg => {
        seedVersion(reg, 'caracal.types.Money', MONEY);
        seedVersion(reg, 'caracal.types.Money', MONEY.replace('"currency", "type": "string"', '"currency", "type": "string", "default": "EUR"'));
      },
    });
    try {
      const conn = await h.client.request<RegistryTestConnectionResult>('avro/registry/testConnection', {});
      assert.equal(conn.ok, true, conn.message);
      assert.match(conn.message, new RegExp(`^Connected to ${h.reg.url.replace(/[.]/g, '\\.')} \\(basic authentication\\) in \\d+ ms: global level BACKWARD, mode READWRITE, 1 subject\\.$`));
      const subject = await h.client.request<RegistrySubjectResult>('avro/registry/subject', { uri: h.ws.uri('types/money.avsc') });
      assert.deepEqual(subject, { folder: h.ws.uri(''), subject: 'caracal.types.Money', how: 'RecordNameStrategy' });
      assert.deepEqual(await h.client.request<RegistrySubjectsResult>('avro/registry/subjects', {}), { subjects: ['caracal.types.Money'] });
      assert.deepEqual(await h.client.request<RegistryVersionsResult>('avro/registry/versions', { subject: 'caracal.types.Money' }), { subject: 'caracal.types.Money', versions: [1, 2] });
      const v1 = await h.client.request<RegistrySchemaResult>('avro/registry/schema', { subject: 'caracal.types.Money', version: 1 });
      assert.deepEqual([v1.subject, v1.version, v1.id], ['caracal.types.Money', 1, 1]);
      assert.equal(v1.pretty, JSON.stringify(JSON.parse(v1.schema), null, 2) + '\n');
      const latest = await h.client.request<RegistrySchemaResult>('avro/registry/schema', { subject: 'caracal.types.Money', version: 'latest' });
      assert.equal(latest.version, 2);
      await assert.rejects(h.client.request('avro/registry/versions', { subject: 'nope' }), /nope/);
      await assert.rejects(h.client.request('avro/registry/schema', { subject: 'caracal.types.Money', version: 9 }), /9/);
      assertNoSecret(h, conn, v1, latest);
    } finally {
      await h.stop();
    }
  });
});
