// The server binary's own command line: --version, --help, and a clear usage error without a transport.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { serverPath } from '../helpers/lspClient';
import { packageInfo } from '../../server/src/node/packageInfo';

const run = (...args: string[]) => spawnSync(process.execPath, [serverPath(), ...args], { encoding: 'utf8', timeout: 60_000 });

test('--version prints the name and version and exits 0', () => {
  const r = run('--version');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, `avro-studio-language-server ${packageInfo().version}\n`);
});

test('--help names every transport', () => {
  const r = run('--help');
  assert.equal(r.status, 0);
  for (const flag of ['--stdio', '--node-ipc', '--socket=<port>']) assert.ok(r.stdout.includes(flag), flag);
});

test('without a transport: usage on stderr, exit 2, nothing on stdout', () => {
  const r = run();
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /choose a transport/);
});
