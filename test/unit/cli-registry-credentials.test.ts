// Registry credentials from the environment, TLS files named in avro-studio.json, redaction of every output, --timeout durations (in process).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { credentialsFromEnvironment, describeAuth, readTlsFiles, redact, secretsOf } from '../../server/src/registry/credentials';
import { environmentSecrets, redactedIO } from '../../server/src/cli/registry/output';
import { parseTimeout } from '../../server/src/cli/registry/connect';
import type { CliIO } from '../../server/src/cli/io';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

describe('credentials from the environment', () => {
  const basic = { AVRO_REGISTRY_USERNAME: 'key', AVRO_REGISTRY_PASSWORD: 'secret-value' };
  const cases: Array<[string, Record<string, string>, 'none' | 'basic' | 'bearer' | undefined, unknown]> = [
    ['nothing set, nothing asked: no authentication', {}, undefined, { ok: true, auth: { kind: 'none' } }],
    ['basic set, nothing asked', basic, 'none', { ok: true, auth: { kind: 'basic', username: 'key', password: 'secret-value' } }],
    ['token set, nothing asked', { AVRO_REGISTRY_TOKEN: 'tok' }, undefined, { ok: true, auth: { kind: 'bearer', token: 'tok' } }],
    ['the project file asks for basic: the token alone is not enough', { AVRO_REGISTRY_TOKEN: 'tok' }, 'basic', 'missing credentials: the registry in avro-studio.json uses basic authentication, but AVRO_REGISTRY_USERNAME and AVRO_REGISTRY_PASSWORD are not set. Set AVRO_REGISTRY_USERNAME and AVRO_REGISTRY_PASSWORD (on Confluent Cloud: the API key and secret).'],
    ['the project file asks for bearer: basic is ignored, the token is needed', basic, 'bearer', 'missing credentials: the registry in avro-studio.json uses bearer authentication, but AVRO_REGISTRY_TOKEN is not set. Set it to the token.'],
    ['the project file asks for basic and both kinds are set: basic', { ...basic, AVRO_REGISTRY_TOKEN: 'tok' }, 'basic', { ok: true, auth: { kind: 'basic', username: 'key', password: 'secret-value' } }],
    ['half of basic', { AVRO_REGISTRY_PASSWORD: 'secret-value' }, undefined, 'missing credentials: AVRO_REGISTRY_PASSWORD is set, but AVRO_REGISTRY_USERNAME is not set. Set AVRO_REGISTRY_USERNAME and AVRO_REGISTRY_PASSWORD (on Confluent Cloud: the API key and secret).'],
    ['empty values count as unset', { AVRO_REGISTRY_USERNAME: '', AVRO_REGISTRY_PASSWORD: '' }, undefined, { ok: true, auth: { kind: 'none' } }],
  ];
  for (const [name, env, wanted, expected] of cases) {
    test(name, () => {
      const result = credentialsFromEnvironment(env, wanted);
      if (typeof expected === 'string') {
        assert.deepEqual(result, { ok: false, message: expected });
        assert.ok(!expected.includes('secret-value') && !expected.includes('tok.'));
      } else {
        assert.deepEqual(result, expected);
      }
    });
  }
  test('both kinds set without the project file saying which: a usage error naming the variables', () => {
    const r = credentialsFromEnvironment({ AVRO_REGISTRY_USERNAME: 'k', AVRO_REGISTRY_PASSWORD: 'p', AVRO_REGISTRY_TOKEN: 't' }, 'none');
    assert.equal(r.ok, false);
    assert.match((r as { message: string }).message, /^both basic \(AVRO_REGISTRY_USERNAME\/AVRO_REGISTRY_PASSWORD\) and bearer \(AVRO_REGISTRY_TOKEN\) credentials are set/);
  });
  test('descriptions never hold the secret; the secrets include the Authorization value', () => {
    const auth = { kind: 'basic' as const, username: 'key', password: 'secret-value' };
    assert.equal(describeAuth(auth), 'basic authentication as key');
    assert.deepEqual(secretsOf(auth), ['secret-value', Buffer.from('key:secret-value').toString('base64')]);
    assert.equal(describeAuth({ kind: 'bearer', token: 'tok' }), 'a bearer token');
  });
});

describe('redaction', () => {
  test('every write to stdout and stderr loses the secrets of the environment, longest first; short ones are left alone', () => {
    let out = '';
    let err = '';
    const io: CliIO = {
      cwd: '/',
      env: { AVRO_REGISTRY_USERNAME: 'key', AVRO_REGISTRY_PASSWORD: 'pass-123', AVRO_REGISTRY_TOKEN: 'pass-123-long-token' },
      stdout: { write: t => void (out += t), isTTY: true },
      stderr: { write: t => void (err += t) },
      fs: nodeFileSystem,
    };
    const header = Buffer.from('key:pass-123').toString('base64');
    assert.deepEqual(environmentSecrets(io.env), ['pass-123-long-token', header, 'pass-123'].sort((a, b) => b.length - a.length));
    const r = redactedIO(io);
    r.stdout.write(`token pass-123-long-token, password pass-123\n`);
    r.stderr.write(`Authorization: Basic ${header}\n`);
    assert.equal(out, 'token ***, password ***\n');
    assert.equal(err, 'Authorization: Basic ***\n');
    assert.equal(r.stdout.isTTY, true);
    assert.equal(redact('a b ab', ['ab']), 'a b ab', 'a two-character secret would garble the text');
    // Nothing to hide: the same IO.
    const plain = { ...io, env: {} };
    assert.equal(redactedIO(plain), plain);
  });
});

describe('TLS files of avro-studio.json', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-tls-'));
  fs.writeFileSync(path.join(dir, 'ca.pem'), '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  fs.writeFileSync(path.join(dir, 'not-pem.txt'), 'hello');
  test('read relative to the project folder; missing and non-PEM files are errors naming the file', async () => {
    const ok = await readTlsFiles({ url: 'https://r', auth: 'none', caFile: 'ca.pem' }, dir);
    assert.deepEqual(ok, { ok: true, tls: { ca: fs.readFileSync(path.join(dir, 'ca.pem'), 'utf8') } });
    const missing = await readTlsFiles({ url: 'https://r', auth: 'none', caFile: 'certs/none.pem' }, dir);
    assert.deepEqual(missing, { ok: false, message: `"registry.caFile" in avro-studio.json: ${path.join(dir, 'certs/none.pem')} does not exist (the path is relative to avro-studio.json).` });
    const notPem = await readTlsFiles({ url: 'https://r', auth: 'none', certFile: 'not-pem.txt', keyFile: 'ca.pem' }, dir);
    assert.deepEqual(notPem, { ok: false, message: `"registry.certFile" in avro-studio.json: ${path.join(dir, 'not-pem.txt')} is not a PEM file (no "-----BEGIN ...-----" line).` });
    assert.deepEqual(await readTlsFiles(undefined, dir), { ok: true, tls: {} });
  });
});

describe('--timeout', () => {
  test('durations', () => {
    assert.equal(parseTimeout('30s'), 30_000);
    assert.equal(parseTimeout('2500ms'), 2500);
    assert.equal(parseTimeout('1.5'), 1500);
    assert.throws(() => parseTimeout('soon'), /--timeout needs a duration/);
    assert.throws(() => parseTimeout('0'), /more than 0/);
  });
});
