// The language server and a hostile avro-studio.json: baselines it names stay inside the workspace folder, nothing it names is read in Restricted Mode, absurd nesting is one clear message.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BaselineContentResult } from '../../server/src/protocol';
import { compatCodes, diagnosticsOf, repository, startOn, type Workspace } from './compatRepo';

const SECRET = 'SECRET_TOKEN=abc123def';
const OLD = `{"type": "record", "name": "Event", "doc": "${SECRET}", "fields": [{"name": "id", "type": "string"}]}\n`;
const NEW = '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]}\n';

const cleanups: Array<() => void> = [];
after(() => {
  for (const c of cleanups) c();
});

/** A workspace folder (no git: file baselines need none) and, beside it, a folder it must not reach. */
function setup(files: Record<string, string>): { ws: Workspace; outside: string } {
  const ws = repository(files, { commit: false });
  const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-outside-')));
  fs.writeFileSync(path.join(outside, 'old.avsc'), OLD);
  cleanups.push(() => ws.cleanup(), () => fs.rmSync(outside, { recursive: true, force: true }));
  return { ws, outside };
}

/** Nothing the server sent (statuses, logs, diagnostics, answers) holds the secret. */
function assertNoSecret(...texts: unknown[]): void {
  for (const t of texts) assert.ok(!JSON.stringify(t).includes('abc123def'), `the secret reached the client: ${JSON.stringify(t).slice(0, 400)}`);
}

describe('file: baselines that avro-studio.json names stay inside the workspace folder', () => {
  for (const [what, baseline, why] of [
    ['a ".." path', (outside: string, ws: Workspace) => `file:${path.relative(ws.root, path.join(outside, 'old.avsc'))}`, /leads out of that folder with "\.\."/],
    ['an absolute path', (outside: string) => `file:${path.join(outside, 'old.avsc')}`, /is an absolute path/],
    ['a symbolic link', (outside: string, ws: Workspace) => (fs.symlinkSync(path.join(outside, 'old.avsc'), ws.path('old.avsc')), 'file:old.avsc'), /is a symbolic link \(or goes through one\) to a place outside that folder/],
  ] as const) {
    test(`${what}: not read; the status and avro/baselineContent name the setting, never the file's text`, async () => {
      const { ws, outside } = setup({ 'event.avsc': NEW });
      ws.write('avro-studio.json', JSON.stringify({ compatibility: { baseline: baseline(outside, ws) } }));
      const { client, status } = await startOn(ws, { mode: 'pull' });
      try {
        const uri = ws.uri('event.avsc');
        await client.open(uri, NEW);
        const s = await status.wait(uri, x => x.state === 'unavailable');
        assert.match(s.message, /unavailable\. avro-studio\.json "compatibility\.baseline" names ".*old\.avsc", which /);
        assert.match(s.message, why);
        const content = await client.request<BaselineContentResult>('avro/baselineContent', { uri });
        assert.equal(content.text, undefined);
        assert.match(content.message ?? '', /avro-studio\.json "compatibility\.baseline"/);
        const ds = await diagnosticsOf(client, uri, 'pull');
        assert.deepEqual(compatCodes(ds), [], 'nothing was compared with the outside file');
        assertNoSecret(status.all, client.logs, ds, content);
      } finally {
        await client.stop();
      }
    });
  }

  test('the user\'s own setting may name a file anywhere (it is not the project\'s)', async () => {
    const { ws, outside } = setup({ 'event.avsc': NEW });
    const { client, status } = await startOn(ws, { mode: 'pull', settings: { compatibility: { baseline: `file:${path.join(outside, 'old.avsc')}` } } });
    try {
      const uri = ws.uri('event.avsc');
      await client.open(uri, NEW);
      assert.equal((await status.wait(uri, x => x.state === 'breaking')).message, 'BACKWARD vs old.avsc: 1 breaking change');
    } finally {
      await client.stop();
    }
  });

  test('Restricted Mode: a baseline avro-studio.json names is not read until the workspace is trusted', async () => {
    const { ws } = setup({ 'event.avsc': NEW, 'old/event.avsc': OLD });
    ws.write('avro-studio.json', JSON.stringify({ compatibility: { baseline: 'file:old/event.avsc' } }));
    const { client, status } = await startOn(ws, { mode: 'pull', initializationOptions: { trusted: false } });
    try {
      const uri = ws.uri('event.avsc');
      await client.open(uri, NEW);
      const s = await status.wait(uri, x => x.state === 'unavailable');
      assert.match(s.message, /This workspace is not trusted: Avro Studio does not read the baseline file that avro-studio\.json "compatibility\.baseline" names until you trust it\./);
      const content = await client.request<BaselineContentResult>('avro/baselineContent', { uri });
      assert.equal(content.text, undefined);
      assertNoSecret(status.all, client.logs, content);

      await client.connection.sendNotification('avro/workspaceTrusted');
      await status.wait(uri, x => x.state === 'breaking');
      const trusted = await client.request<BaselineContentResult>('avro/baselineContent', { uri });
      assert.equal(trusted.text, OLD, 'once trusted, the file inside the folder is the baseline');
    } finally {
      await client.stop();
    }
  });
});

describe('an avro-studio.json nested thousands of levels deep', () => {
  test('one clear line in the log, no stack trace, and the schemas are still validated', async () => {
    const { ws } = setup({ 'event.avsc': '{"type": "strng"}' });
    ws.write('avro-studio.json', '{"a":'.repeat(20000) + '1' + '}'.repeat(20000));
    const { client, status } = await startOn(ws, { mode: 'pull' });
    try {
      const uri = ws.uri('event.avsc');
      await client.open(uri, '{"type": "strng"}');
      const ds = await diagnosticsOf(client, uri, 'pull', x => x.length > 0);
      assert.ok(ds.some(d => d.code === 'AVRO-203'), JSON.stringify(ds));
      await status.wait(uri, () => true);
      const mentions = client.logs.filter(l => l.message.includes('avro-studio.json nests objects and arrays more than 64 levels deep'));
      assert.equal(mentions.length, 1, JSON.stringify(client.logs.map(l => l.message)));
      assert.deepEqual(client.errorLogs(), []);
      assert.ok(!client.logs.some(l => /RangeError|Maximum call stack/.test(l.message)), 'no stack overflow');
    } finally {
      await client.stop();
    }
  });
});
