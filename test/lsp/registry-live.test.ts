// Live compatibility against the Schema Registry through the real server and the fake registry: the subject's level, transitive levels, credentials, trust, offline and recovery.
//
// The first test runs the bundle in a process: nothing secret on its stderr either; the others run the server in this process.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { RegistryCheckResult, RegistrySyncStatusResult, RegistryTestConnectionResult } from '../../server/src/protocol';
import { startFakeRegistry } from '../registry/fakeRegistry';
import { compatCodes, diagnosticsOf, textOfRange } from './compatRepo';
import { answerCredentials, assertNoSecret, eventually, everythingSaid, lensesOf, PASSWORD, seedVersion, startHarness, USER } from './registryHarness';

const SUBJECT = 'caracal.metering.events-value';

const METERING = `{
  "type": "record",
  "name": "MeteringEvent",
  "namespace": "caracal.events",
  "fields": [
    {"name": "event_id", "type": "string"},
    {"name": "quantity", "type": "double"}
  ]
}
`;
const WITH_REGION = METERING.replace('{"name": "quantity", "type": "double"}', '{"name": "quantity", "type": "double"},\n    {"name": "region", "type": "string"}');

/** Every file under events/ is the value schema of topic caracal.metering.events; the baseline is the registry. */
const PROJECT = {
  compatibility: { baseline: 'registry' },
  schemas: [{ files: 'events/*.avsc', strategy: 'TopicNameStrategy', topic: 'caracal.metering.events' }],
};

describe('registry baseline: live findings', () => {
  test('BACKWARD (the subject\'s level): a field without a default is found on its line; credentials asked once; nothing secret anywhere', async () => {
    const h = await startHarness({ project: PROJECT, files: { 'events/metering-event.avsc': METERING }, seed: reg => seedVersion(reg, SUBJECT, METERING), client: { process: true } });
    try {
      const uri = h.ws.uri('events/metering-event.avsc');
      await h.client.open(uri, WITH_REGION);
      const ds = await diagnosticsOf(h.client, uri, 'pull', x => compatCodes(x).length > 0);
      assert.deepEqual(compatCodes(ds), ['AVRO-400']);
      const d = ds.find(x => x.code === 'AVRO-400')!;
      assert.equal(textOfRange(h.client.text(uri), d), '"region"');
      assert.match(String(d.message), /^BACKWARD \(vs v1\): new readers cannot read old data: Field "region"/);
      assert.match(d.relatedInformation![0].location.uri, /^avro-registry:\/caracal\.metering\.events-value\/v1\.avsc\?/);
      const s = await h.status.wait(uri, x => x.state === 'breaking');
      assert.deepEqual({ level: s.level, baseline: s.baseline, message: s.message }, { level: 'BACKWARD', baseline: 'registry', message: 'BACKWARD vs registry v1: 1 breaking change' });

      assert.deepEqual(h.credentialRequests, [{ url: h.reg.url, auth: 'basic' }]);
      assert.ok(h.reg.requests.length > 0 && h.reg.requests.every(r => r.auth === 'basic' && r.authOk), 'every request authenticated');
      assert.deepEqual(h.registryStatuses.map(x => x.state), ['connected']);
      assertNoSecret(h);
      assert.deepEqual(h.client.errorLogs(), []);
    } finally {
      await h.stop();
    }
  });

  test('FULL_TRANSITIVE with 3 versions: a finding against v1 only; FULL (latest only) finds nothing', async () => {
    const v1 = '{"type": "record", "name": "Reading", "namespace": "caracal.meters", "fields": [{"name": "value", "type": "int"}]}';
    const v2 = '{"type": "record", "name": "Reading", "namespace": "caracal.meters", "fields": [{"name": "value", "type": "long"}]}';
    const v3 = `{
  "type": "record", "name": "Reading", "namespace": "caracal.meters",
  "fields": [
    {"name": "value", "type": "long"},
    {"name": "unit", "type": "string", "default": "kWh"}
  ]
}
`;
    const h = await startHarness({
      project: PROJECT,
      files: { 'events/reading.avsc': v3 },
      seed: reg => {
        for (const v of [v1, v2, v3]) seedVersion(reg, SUBJECT, v);
        reg.state.subjectLevels.set(SUBJECT, 'FULL_TRANSITIVE');
      },
    });
    try {
      const uri = h.ws.uri('events/reading.avsc');
      await h.client.open(uri, v3);
      const ds = await diagnosticsOf(h.client, uri, 'pull', x => compatCodes(x).length > 0);
      assert.equal(ds.length, 1, JSON.stringify(ds.map(d => d.message)));
      assert.match(String(ds[0].message), /^FULL_TRANSITIVE \(vs v1, forward\): old readers cannot read new data: Field "value"/);
      assert.equal(textOfRange(v3, ds[0]), '"long"');
      const s = await h.status.wait(uri, x => x.state === 'breaking');
      assert.equal(s.message, 'FULL_TRANSITIVE vs registry v3: 1 breaking change (3 versions)');
      assert.equal(s.level, 'FULL_TRANSITIVE');

      // The registry's own verdict beside ours, and a forced disagreement made visible.
      const check = await h.client.request<RegistryCheckResult>('avro/registry/check', { uri });
      assert.equal(check.subject, SUBJECT);
      assert.equal(check.level, 'FULL_TRANSITIVE');
      assert.deepEqual(check.versions, [3, 2, 1]);
      assert.deepEqual(check.findings.map(f => [f.code, f.version, f.direction]), [['AVRO-401', 'v1', 'forward']]);
      assert.equal(check.registry?.isCompatible, false);
      assert.ok(check.registry!.messages.length > 0);
      assert.equal(check.disagreement, false);
      assert.match(check.markdown, /Our check and the registry agree/);
      const compat = h.reg.requests.find(r => r.path.startsWith('/compatibility/'));
      assert.equal(compat?.path, `/compatibility/subjects/${SUBJECT}/versions`, 'transitive: against all versions');
      assert.equal(compat?.query.verbose, 'true');

      h.reg.state.forceCompatibility[SUBJECT] = { is_compatible: true, messages: [] };
      const forced = await h.client.request<RegistryCheckResult>('avro/registry/check', { uri });
      assert.equal(forced.registry?.isCompatible, true);
      assert.equal(forced.findings.length, 1);
      assert.equal(forced.disagreement, true);
      assert.match(forced.markdown, /Our check and the registry's disagree/);

      // The subject's level changes to FULL: only the latest version counts, and it is compatible.
      delete h.reg.state.forceCompatibility[SUBJECT];
      const set = await h.client.request<{ ok: boolean; level?: string; message: string }>('avro/registry/setLevel', { subject: SUBJECT, level: 'full' });
      assert.deepEqual(set, { ok: true, level: 'FULL', message: `The compatibility level of subject ${SUBJECT} is FULL now.` });
      assert.equal(h.reg.state.subjectLevels.get(SUBJECT), 'FULL');
      const after = await h.status.wait(uri, x => x.level === 'FULL' && x.state === 'compatible');
      assert.equal(after.message, 'FULL vs registry v3: compatible');
      assert.deepEqual(await diagnosticsOf(h.client, uri, 'pull', x => compatCodes(x).length === 0), []);
      const bad = await h.client.request<{ ok: boolean; message: string }>('avro/registry/setLevel', { subject: SUBJECT, level: 'SIDEWAYS' });
      assert.equal(bad.ok, false);
      assert.match(bad.message, /"SIDEWAYS" is not a compatibility level/);
      assertNoSecret(h, check, forced);
    } finally {
      await h.stop();
    }
  });

  test('a level in avro-studio.json wins over the subject\'s (as in CI)', async () => {
    const project = { ...PROJECT, compatibility: { baseline: 'registry', level: 'FORWARD' } };
    const h = await startHarness({ project, files: { 'events/metering-event.avsc': METERING }, seed: reg => seedVersion(reg, SUBJECT, METERING) });
    try {
      const uri = h.ws.uri('events/metering-event.avsc');
      await h.client.open(uri, WITH_REGION);
      const s = await h.status.wait(uri, x => x.state === 'compatible' || x.state === 'breaking');
      assert.equal(s.message, 'FORWARD vs registry v1: compatible', 'a new field without a default is fine FORWARD');
      assert.ok(!h.reg.requests.some(r => r.path.startsWith('/config')), 'the subject\'s level is not even asked');
    } finally {
      await h.stop();
    }
  });

  test('untrusted workspace: zero requests to the registry, no credentials asked; statuses say why', async () => {
    const h = await startHarness({
      project: PROJECT,
      files: { 'events/metering-event.avsc': METERING, 'events/other.avsc': METERING.replace('MeteringEvent', 'Other') },
      seed: reg => seedVersion(reg, SUBJECT, METERING),
      client: { initializationOptions: { trusted: false } },
    });
    try {
      const uri = h.ws.uri('events/metering-event.avsc');
      await h.client.open(uri, WITH_REGION);
      const s = await h.status.wait(uri, x => x.state === 'unavailable');
      assert.match(s.message, /Restricted Mode/);
      assert.deepEqual(compatCodes(await diagnosticsOf(h.client, uri, 'pull')), []);
      const conn = await h.client.request<RegistryTestConnectionResult>('avro/registry/testConnection', {});
      assert.equal(conn.ok, false);
      assert.match(conn.message, /Restricted Mode/);
      const sync = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      assert.deepEqual(sync.entries, []);
      assert.match(sync.message, /Restricted Mode/);
      const prepare = await h.client.request<{ blocked?: string }>('avro/registry/prepareRegister', { uri });
      assert.match(prepare.blocked ?? '', /Restricted Mode/);
      const lenses = await lensesOf(h, uri);
      assert.deepEqual(lenses.map(l => [l.command?.title, l.command?.command]), [[`${SUBJECT} · registry not contacted (Restricted Mode)`, '']]);
      await assert.rejects(h.client.request('avro/registry/subjects', {}), /Restricted Mode/);
      assert.equal(h.reg.requests.length, 0, 'not one request reached the registry');
      assert.deepEqual(h.credentialRequests, []);

      // Trust granted: the registry is contacted now.
      await h.client.connection.sendNotification('avro/workspaceTrusted');
      await h.status.wait(uri, x => x.state === 'breaking');
      assert.ok(h.reg.requests.length > 0);
    } finally {
      await h.stop();
    }
  });

  test('editors without the credentials request: the environment variables are used, and never printed', async () => {
    const h = await startHarness({
      project: PROJECT,
      files: { 'events/metering-event.avsc': METERING },
      seed: reg => seedVersion(reg, SUBJECT, METERING),
      credentials: 'unimplemented',
      client: { runtime: { env: { AVRO_REGISTRY_USERNAME: USER, AVRO_REGISTRY_PASSWORD: PASSWORD } } },
    });
    try {
      const uri = h.ws.uri('events/metering-event.avsc');
      await h.client.open(uri, WITH_REGION);
      await h.status.wait(uri, x => x.state === 'breaking');
      const conn = await h.client.request<RegistryTestConnectionResult>('avro/registry/testConnection', {});
      assert.equal(conn.ok, true, conn.message);
      assert.deepEqual({ auth: conn.auth, level: conn.level, mode: conn.mode, subjects: conn.subjects }, { auth: 'basic', level: 'BACKWARD', mode: 'READWRITE', subjects: 1 });
      assertNoSecret(h, conn);
    } finally {
      await h.stop();
    }
  });

  test('no credentials stored: one "unauthorized" status with what to do; wrong ones: 401, said once more; right ones: connected', async () => {
    const h = await startHarness({ project: PROJECT, files: { 'events/metering-event.avsc': METERING }, seed: reg => seedVersion(reg, SUBJECT, METERING), credentials: null });
    try {
      const uri = h.ws.uri('events/metering-event.avsc');
      await h.client.open(uri, WITH_REGION);
      const s = await h.status.wait(uri, x => x.state === 'unavailable');
      assert.match(s.message, /no credentials are stored for it: run "Avro: Set Registry Credentials"/);
      assert.deepEqual(h.registryStatuses.map(x => x.state), ['unauthorized']);
      assert.equal(h.reg.requests.length, 0, 'nothing sent without credentials');
      for (let i = 0; i < 3; i++) await h.client.edit(uri, 0, 0, ' ');
      await diagnosticsOf(h.client, uri, 'pull');
      assert.deepEqual(h.registryStatuses.map(x => x.state), ['unauthorized'], 'one status, not one per keystroke');

      // Wrong credentials: the registry answers 401; still 'unauthorized' (no new status), the message says so.
      answerCredentials(h, () => ({ auth: 'basic', username: USER, password: 'wrong-password' }));
      await h.client.connection.sendNotification('avro/registry/credentialsChanged');
      // Not just "401" (the fake registry's port may hold those digits: 127.0.0.1:40137).
      const refused = await h.status.wait(uri, x => /\b401\b/.test(x.message));
      assert.equal(refused.state, 'unavailable');
      assert.ok(h.reg.requests.some(r => r.auth === 'basic' && !r.authOk && r.status === 401));
      // After a change of credentials the outcome is announced again (the user is waiting for it).
      assert.deepEqual(h.registryStatuses.map(x => x.state), ['unauthorized', 'unauthorized']);
      assert.match(h.registryStatuses[1].message, /401 Unauthorized/);
      assert.ok(!everythingSaid(h).includes('wrong-password'), 'the wrong password is not printed either');

      // The user stores the right ones: the client says so, the server connects.
      answerCredentials(h, () => ({ auth: 'basic', username: USER, password: PASSWORD }));
      await h.client.connection.sendNotification('avro/registry/credentialsChanged');
      await h.status.wait(uri, x => x.state === 'breaking');
      assert.deepEqual(h.registryStatuses.map(x => x.state), ['unauthorized', 'unauthorized', 'connected']);
      assertNoSecret(h);
    } finally {
      await h.stop();
    }
  });
});

describe('registry offline', () => {
  test('the registry goes away: one warning, the last versions used and marked stale, no error storm; it comes back: fresh again', async () => {
    const h = await startHarness({ project: PROJECT, files: { 'events/metering-event.avsc': METERING }, seed: reg => seedVersion(reg, SUBJECT, METERING) });
    try {
      const uri = h.ws.uri('events/metering-event.avsc');
      await h.client.open(uri, WITH_REGION);
      await h.status.wait(uri, x => x.message === 'BACKWARD vs registry v1: 1 breaking change');
      const port = h.reg.port;
      await h.reg.faults.goAway();

      // A refresh asks the registry again: it is unreachable, the last versions stay in use.
      await h.client.connection.sendNotification('avro/refreshBaselines');
      const stale = await h.status.wait(uri, x => /stale/.test(x.message));
      assert.match(stale.message, /^BACKWARD vs registry v1: 1 breaking change \(stale: registry unreachable since \d\d:\d\d\)$/);
      assert.equal(stale.state, 'breaking');
      const ds = await diagnosticsOf(h.client, uri, 'pull', x => compatCodes(x).length > 0);
      assert.deepEqual(compatCodes(ds), ['AVRO-400'], 'the findings stay');
      for (let i = 0; i < 5; i++) {
        await h.client.edit(uri, 0, 0, ' ');
        await diagnosticsOf(h.client, uri, 'pull');
      }
      await h.client.connection.sendNotification('avro/refreshBaselines');
      await diagnosticsOf(h.client, uri, 'pull');
      const offline = h.registryStatuses.filter(x => x.state === 'offline');
      assert.equal(offline.length, 1, JSON.stringify(h.registryStatuses));
      assert.match(offline[0].message, /is unreachable since \d\d:\d\d/);
      assert.equal(h.client.logs.filter(l => l.type === 2 && /unreachable/.test(l.message)).length, 1, 'one warning in the output');
      assert.deepEqual(h.client.errorLogs(), []);
      const lenses = await lensesOf(h, uri, ls => ls.length > 0 && !/checking/.test(ls[0].command!.title));
      assert.match(lenses[0].command!.title, /^caracal\.metering\.events-value · v1 · ahead \(incompatible\): Check…$/, 'the lens works from the last versions read');

      // The registry comes back on the same port with the same state: the background retry notices.
      h.reg = await startFakeRegistry({ port, state: h.reg.state, auth: { basic: { username: USER, password: PASSWORD } } });
      await eventually('connected again', () => h.registryStatuses.map(x => x.state), states => states[states.length - 1] === 'connected');
      const fresh = await h.status.wait(uri, x => x.state === 'breaking' && !/stale/.test(x.message));
      assert.equal(fresh.message, 'BACKWARD vs registry v1: 1 breaking change');
      assert.deepEqual(h.registryStatuses.map(x => x.state), ['connected', 'offline', 'connected']);
      assertNoSecret(h);
    } finally {
      await h.stop();
    }
  });
});
