// The registry client over TLS against the fake registry with openssl-made certificates: private CA given and not, hostname mismatch, mTLS, bad PEMs.
import { test, describe, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { createRegistryClient } from '../../server/src/registry/client';
import { RegistryError, type RegistryConnection, type RegistryErrorKind } from '../../server/src/registry/types';
import { startFakeRegistry, type FakeRegistry } from '../registry/fakeRegistry';
import { makeCertificates, type TestCertificates } from '../registry/certificates';

const SUBJECT = 'caracal.metering.events-value';
const V1 = JSON.stringify({ type: 'record', name: 'MeteringEvent', namespace: 'caracal.metering', fields: [{ name: 'event_id', type: 'string' }] });

async function rejectsWith(promise: Promise<unknown>, kind: RegistryErrorKind, message: RegExp): Promise<RegistryError> {
  let caught: unknown;
  try {
    await promise;
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof RegistryError, `expected a RegistryError, got ${String(caught)}`);
  assert.equal((caught as RegistryError).kind, kind, (caught as RegistryError).message);
  assert.match((caught as RegistryError).message, message);
  return caught as RegistryError;
}

function client(url: string, extra: Partial<RegistryConnection> = {}) {
  return createRegistryClient({ url, auth: { kind: 'none' }, timeoutMs: 3000, retries: 0, ...extra });
}

let certs: TestCertificates;
before(() => {
  certs = makeCertificates();
});
after(() => certs.cleanup());

describe('TLS with a private CA', () => {
  let reg: FakeRegistry;
  before(async () => {
    reg = await startFakeRegistry({ tls: { cert: certs.server.cert, key: certs.server.key } });
    reg.state.register(SUBJECT, { schema: V1 });
  });
  after(() => reg.stop());

  test('the CA given: requests work (on top of the public roots), with basic auth too', async () => {
    assert.match(reg.url, /^https:\/\/127\.0\.0\.1:\d+$/);
    assert.deepEqual(await client(reg.url, { ca: certs.ca.cert }).versions(SUBJECT), [1]);
    assert.equal((await client(reg.url.replace('127.0.0.1', 'localhost'), { ca: certs.ca.cert }).schema(SUBJECT, 'latest')).schema, V1);
  });

  test('no CA given: kind tls, says the certificate is not trusted and what to configure', async () => {
    const before = reg.requests.length;
    await rejectsWith(
      client(reg.url, { retries: 2 }).versions(SUBJECT),
      'tls',
      /^The certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted \((UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\): it is signed by a CA this machine does not know .*Configure the CA certificate \(PEM\) for this registry; verification stays on\.$/,
    );
    assert.equal(reg.requests.length, before, 'nothing reached the registry, and TLS failures are not retried');
  });

  test('another CA given: not signed by the configured CA', async () => {
    await rejectsWith(client(reg.url, { ca: certs.otherCa.cert }).subjects(), 'tls', /is not signed by the configured CA or a public CA/);
  });

  test('https:// to a plain HTTP registry: the server does not speak TLS', async () => {
    const plain = await startFakeRegistry();
    try {
      await rejectsWith(client(plain.url.replace('http:', 'https:'), { ca: certs.ca.cert }).subjects(), 'tls', /does not speak TLS on that port: if it is plain HTTP use http:\/\//);
    } finally {
      await plain.stop();
    }
  });

  test('http:// to a TLS registry: the hint says to use https://', async () => {
    await rejectsWith(client(reg.url.replace('https:', 'http:')).subjects(), 'network', /closed before the registry answered \(if the registry uses TLS, the URL must start with https:\/\/\)/);
  });

  test('a CA that is not PEM, and a client certificate without its key: kind tls before any request', async () => {
    await rejectsWith(client(reg.url, { ca: 'not a certificate' }).subjects(), 'tls', /^The CA certificate configured for https:\/\/127\.0\.0\.1:\d+ cannot be used: .*expected PEM text/);
    await rejectsWith(client(reg.url, { ca: certs.ca.cert, cert: certs.client.cert }).subjects(), 'tls', /needs both the certificate and its private key \(PEM\): only the certificate is configured/);
  });
});

describe('TLS hostname mismatch', () => {
  let reg: FakeRegistry;
  before(async () => {
    reg = await startFakeRegistry({ tls: { cert: certs.wrongHost.cert, key: certs.wrongHost.key } });
  });
  after(() => reg.stop());

  test('a certificate for wrong.example on 127.0.0.1: kind tls naming the host', async () => {
    await rejectsWith(client(reg.url, { ca: certs.ca.cert }).subjects(), 'tls', /^The certificate of https:\/\/127\.0\.0\.1:\d+ is not valid for the host 127\.0\.0\.1 \(.*\): use the host name the certificate was issued for\.$/);
  });
});

describe('mTLS: the registry requires a client certificate', () => {
  let reg: FakeRegistry;
  before(async () => {
    reg = await startFakeRegistry({ tls: { cert: certs.server.cert, key: certs.server.key, ca: certs.ca.cert, requireClientCert: true } });
    reg.state.register(SUBJECT, { schema: V1 });
  });
  after(() => reg.stop());

  test('with the client certificate: works', async () => {
    assert.deepEqual(await client(reg.url, { ca: certs.ca.cert, cert: certs.client.cert, key: certs.client.key }).versions(SUBJECT), [1]);
  });

  test('without a client certificate: a clear error saying one is required', async () => {
    await rejectsWith(client(reg.url, { ca: certs.ca.cert }).subjects(), 'tls', /requires a client certificate \(mTLS\)|probably requires a client certificate \(mTLS\)/);
  });

  test('with a client certificate from another CA: refused', async () => {
    await rejectsWith(client(reg.url, { ca: certs.ca.cert, cert: certs.rogueClient.cert, key: certs.rogueClient.key }).subjects(), 'tls', /refused the client certificate/);
  });
});
