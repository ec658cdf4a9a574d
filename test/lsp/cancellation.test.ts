// The client's cancellation reaches the registry's HTTP requests and the git processes of a request: through the real server, a registry that never answers and a git that never ends.
//
// Neither test measures time. Each makes the work hang for far longer than the test may run (a
// registry time limit of ten minutes; a git that sleeps until killed), so only a cancellation that
// reaches the hanging call lets the test finish as it expects.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import type { CompatibilityReport, RegistrySyncStatusResult } from '../../server/src/protocol';
import { commit, repository, startOn, type Workspace } from './compatRepo';
import { eventually, seedVersion, startHarness } from './registryHarness';

const SCHEMA = '{"type": "record", "name": "Reading", "namespace": "caracal.meters", "fields": [{"name": "value", "type": "long"}]}\n';

/** Send a request, cancel it once `started()` holds, and return its answer (a RequestCancelled error is returned, not thrown). */
async function requestThenCancel<R>(send: (token: CancellationTokenSource['token']) => Promise<R>, started: () => boolean | Promise<boolean>): Promise<R | ResponseError<unknown>> {
  const source = new CancellationTokenSource();
  const answer = send(source.token).then(r => r, (e: unknown) => {
    if (e instanceof ResponseError) return e;
    throw e;
  });
  await eventually('the work to start', started, x => x, 60_000);
  source.cancel();
  return answer;
}

const workspaces: Workspace[] = [];
after(() => {
  for (const ws of workspaces) ws.cleanup();
});

describe('cancellation', () => {
  test('a registry that never answers: cancelling the sync request aborts its HTTP request at once', async () => {
    const h = await startHarness({
      // Ten minutes per request: without the abort, the answer would come long after the test timed out.
      project: { schemas: [{ files: 'meters/*.avsc', subject: 'meters.readings-value' }] },
      files: { 'meters/reading.avsc': SCHEMA },
      seed: reg => seedVersion(reg, 'meters.readings-value', SCHEMA),
    });
    try {
      const config = JSON.parse(fs.readFileSync(h.ws.path('avro-studio.json'), 'utf8')) as { registry: Record<string, unknown> };
      config.registry.timeoutMs = 600_000;
      fs.writeFileSync(h.ws.path('avro-studio.json'), JSON.stringify(config));
      await h.client.watchedFilesChanged([{ uri: h.ws.uri('avro-studio.json'), type: 2 }]);
      h.reg.faults.hang({ path: '/subjects/meters.readings-value/versions', count: Infinity });
      const before = h.reg.requests.length;
      const answer = await requestThenCancel(
        token => h.client.connection.sendRequest<RegistrySyncStatusResult>('avro/registry/syncStatus', {}, token),
        () => h.reg.requests.slice(before).some(r => r.path === '/subjects/meters.readings-value/versions'),
      );
      assert.ok(answer instanceof ResponseError, `cancelled, not answered: ${JSON.stringify(answer)}`);
      assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
      // The server is not stuck: with the registry answering again, the next sync completes.
      h.reg.faults.reset();
      const sync = await h.client.request<RegistrySyncStatusResult>('avro/registry/syncStatus', {});
      assert.deepEqual(sync.entries.map(e => e.state), ['in-sync']);
      assert.deepEqual(h.client.errorLogs(), []);
    } finally {
      await h.stop();
    }
  });

  test('a git that never ends: cancelling "Check Compatibility" (refresh) kills the git process, and nothing of the cancelled load stays', async () => {
    const ws = repository({ 'meters/reading.avsc': SCHEMA });
    workspaces.push(ws);
    commit(ws, 'meters/reading.avsc', SCHEMA.replace('"long"}]', '"long"}, {"name": "unit", "type": "string", "default": "kWh"}]'), 'unit');
    // A git that hangs while the marker file exists (until it is killed), logging both.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-studio-hanging-git-'));
    const log = path.join(dir, 'calls.log');
    const marker = path.join(dir, 'hang');
    const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(dir, 'git'), [
      '#!/bin/sh',
      `if [ -f '${marker}' ]; then`,
      `  echo "hang $$" >> '${log}'`,
      `  trap 'echo "killed $$" >> "${log}"; kill $child 2>/dev/null; exit 143' TERM`,
      '  sleep 600 & child=$!',
      '  wait $child',
      'fi',
      `exec '${real}' "$@"`,
      '',
    ].join('\n'), { mode: 0o755 });
    const lines = (): string[] => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []);
    // git:history runs git at every load (git:HEAD would answer from its snapshot of the commit). Its own process: git is found on its PATH.
    const { client, status } = await startOn(ws, { mode: 'pull', process: true, env: { PATH: `${dir}${path.delimiter}${process.env.PATH}` }, settings: { compatibility: { baseline: 'git:history' } } });
    try {
      const uri = ws.uri('meters/reading.avsc');
      await client.open(uri, SCHEMA);
      await status.wait(uri, s => s.state === 'compatible');
      fs.writeFileSync(marker, '');
      const answer = await requestThenCancel(
        token => client.connection.sendRequest<CompatibilityReport>('avro/checkCompatibility', { uri, refresh: true }, token),
        () => lines().some(l => l.startsWith('hang ')),
      );
      assert.ok(answer instanceof ResponseError, `cancelled, not answered: ${JSON.stringify(answer)}`);
      assert.equal(answer.code, LSPErrorCodes.RequestCancelled);
      const hung = lines().filter(l => l.startsWith('hang ')).map(l => l.slice(5));
      await eventually('the hanging git to be killed', lines, ls => hung.every(pid => ls.includes(`killed ${pid}`)), 60_000);
      // Nothing of the cancelled load stays (not even "git took too long"): the next check, without refresh, reads the baseline anew.
      fs.rmSync(marker);
      const report = await client.request<CompatibilityReport>('avro/checkCompatibility', { uri });
      assert.equal(report.state, 'compatible', JSON.stringify(report));
      assert.equal(report.versions.length, 2);
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
