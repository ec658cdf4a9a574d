// The decorators around the registry client, over the real client and the fake registry: caching (what never changes read once, what rarely changes for a while, the last values while unreachable, writes forget) and retries (RetryingTransport around one HTTP attempt).
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CachingRegistryClient, emptyCaches, type CachePolicy } from '../../server/src/registry/caching';
import { createRegistryClient } from '../../server/src/registry/client';
import { HttpTransport, RetryingTransport } from '../../server/src/registry/http';
import { RegistryError } from '../../server/src/registry/types';
import { startFakeRegistry, type FakeRegistry } from '../registry/fakeRegistry';

const SUBJECT = 'caracal.meters.readings-value';
const V1 = '{"type": "record", "name": "Reading", "namespace": "caracal.meters", "fields": [{"name": "value", "type": "long"}]}';
const V2 = '{"type": "record", "name": "Reading", "namespace": "caracal.meters", "fields": [{"name": "value", "type": "long"}, {"name": "unit", "type": "string", "default": "kWh"}]}';

let reg: FakeRegistry;
before(async () => {
  reg = await startFakeRegistry();
  reg.state.register(SUBJECT, { schema: V1 }, false, true);
});
after(() => reg.stop());

/** A policy whose clock and reachability the test sets. */
function policy(allowCached: boolean, writes: Array<string | undefined> = []): CachePolicy & { clock: number; down: boolean } {
  const p = {
    allowCached,
    clock: 0,
    down: false,
    now: () => p.clock,
    refreshMs: 1000,
    offline: () => p.down,
    isOffline: (e: RegistryError) => e.kind === 'network' || e.kind === 'timeout' || e.kind === 'server',
    written: (subject: string | undefined) => void writes.push(subject),
  };
  return p;
}

function requestsTo(path: string): number {
  return reg.requests.filter(r => r.path === path).length;
}

describe('CachingRegistryClient', () => {
  test('a registered version is read once; versions are read again once refreshMs has passed; the live view always asks', async () => {
    const inner = createRegistryClient({ url: reg.url, auth: { kind: 'none' }, timeoutMs: 2000 });
    const caches = emptyCaches();
    const p = policy(true);
    const cached = new CachingRegistryClient(inner, caches, p);
    const live = new CachingRegistryClient(inner, caches, policy(false));
    const versionPath = `/subjects/${SUBJECT}/versions/1`;
    const listPath = `/subjects/${SUBJECT}/versions`;
    const before = [requestsTo(versionPath), requestsTo(listPath)];
    assert.equal((await cached.schema(SUBJECT, 1)).schema.includes('"value"'), true);
    await cached.schema(SUBJECT, 1);
    await live.schema(SUBJECT, 1);
    assert.equal(requestsTo(versionPath) - before[0], 1, 'an immutable version is asked for once, by either view');
    assert.deepEqual(await cached.versions(SUBJECT), [1]);
    reg.state.register(SUBJECT, { schema: V2 }, false, true);
    assert.deepEqual(await cached.versions(SUBJECT), [1], 'served from memory within refreshMs');
    assert.deepEqual(await live.versions(SUBJECT), [1, 2], 'the live view asks, and refreshes the memory');
    assert.deepEqual(await cached.versions(SUBJECT), [1, 2]);
    p.clock = 5000;
    await cached.versions(SUBJECT);
    assert.equal(requestsTo(listPath) - before[1], 3, 'read again once refreshMs has passed');
    inner.dispose();
  });

  test('while the registry is unreachable the last values are served; a write forgets what it changes', async () => {
    const writes: Array<string | undefined> = [];
    const inner = createRegistryClient({ url: reg.url, auth: { kind: 'none' }, timeoutMs: 2000, retries: 0 });
    const p = policy(true, writes);
    const cached = new CachingRegistryClient(inner, emptyCaches(), p);
    const level = await cached.level(SUBJECT);
    p.clock = 10_000;
    reg.faults.fail({ count: Infinity });
    try {
      assert.equal(await cached.level(SUBJECT), level, 'a failure that means "unreachable": the last known level');
      p.down = true;
      const before = reg.requests.length;
      assert.equal(await cached.level(SUBJECT), level);
      assert.equal(reg.requests.length, before, 'offline: not even asked');
      await assert.rejects(cached.register(SUBJECT, V2), (e: unknown) => e instanceof RegistryError && e.kind === 'server');
      assert.deepEqual(writes, [SUBJECT], 'a write that failed may still have happened: it is noted');
    } finally {
      reg.faults.reset();
      inner.dispose();
    }
  });
});

describe('RetryingTransport', () => {
  test('an idempotent request is tried again after a 503, a write that is not idempotent is not; an abort stops the wait', async () => {
    const transport = new RetryingTransport(new HttpTransport({ url: reg.url, auth: { kind: 'none' }, timeoutMs: 2000 }), 2);
    try {
      reg.faults.fail({ path: '/config', count: 2 });
      const before = requestsTo('/config');
      const answer = await transport.request({ method: 'GET', path: '/config', action: 'read the global level', idempotent: true });
      assert.equal(answer.status, 200);
      assert.equal(requestsTo('/config') - before, 3, 'two 503s, then the answer');

      reg.faults.fail({ path: '/config', count: 1 });
      await assert.rejects(transport.request({ method: 'PUT', path: '/config', body: { compatibility: 'FULL' }, action: 'set the global level', idempotent: false }), (e: unknown) => e instanceof RegistryError && e.status === 503);

      reg.faults.fail({ path: '/config', count: Infinity });
      const controller = new AbortController();
      const pending = transport.request({ method: 'GET', path: '/config', action: 'read the global level', idempotent: true, signal: controller.signal });
      controller.abort();
      await assert.rejects(pending, (e: unknown) => e instanceof Error && e.name === 'AbortError');
    } finally {
      reg.faults.reset();
      transport.dispose();
    }
  });
});
