// Settings through the real server: pulled per document (scopeUri), severity and spec version applied, didChangeConfiguration re-validates.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import type { AvroConfiguration } from '../../server/src/protocol';

const TRAILING = '{"type": "record", "name": "T", "fields": [],}';
const FIXED_UUID = '{"type": "fixed", "name": "Id", "size": 16, "logicalType": "uuid"}';

async function codes(client: LspTestClient, uri: string): Promise<Array<[string, number | undefined]>> {
  const r = (await client.pull(uri)) as FullDocumentDiagnosticReport;
  return r.items.map(d => [String(d.code), d.severity]);
}

describe('settings per document', () => {
  test('each document gets the settings of its scope URI', async () => {
    const byScope: Record<string, AvroConfiguration> = {
      'file:///one/a.avsc': { diagnostics: { severity: { 'AVRO-102': 'off' } } },
      'file:///one/b.avsc': { diagnostics: { severity: { 'AVRO-102': 'warning' } } },
      'file:///two/new.avsc': { specVersion: '1.12' },
    };
    const client = await LspTestClient.start({ mode: 'pull', settings: scope => (scope ? byScope[scope] : undefined) });
    try {
      await client.open('file:///one/a.avsc', TRAILING.replace('"T"', '"A"'));
      await client.open('file:///one/b.avsc', TRAILING.replace('"T"', '"B"'));
      await client.open('file:///one/c.avsc', TRAILING.replace('"T"', '"C"'));
      assert.deepEqual(await codes(client, 'file:///one/a.avsc'), [], 'AVRO-102 is off for a.avsc');
      assert.deepEqual(await codes(client, 'file:///one/b.avsc'), [['AVRO-102', DiagnosticSeverity.Warning]]);
      assert.deepEqual(await codes(client, 'file:///one/c.avsc'), [['AVRO-102', DiagnosticSeverity.Error]], 'defaults elsewhere');

      await client.open('file:///two/old.avsc', FIXED_UUID.replace('"Id"', '"OldId"'));
      await client.open('file:///two/new.avsc', FIXED_UUID.replace('"Id"', '"NewId"'));
      assert.deepEqual((await codes(client, 'file:///two/old.avsc')).map(c => c[0]), ['AVRO-235'], 'uuid on fixed needs Avro 1.12');
      assert.deepEqual(await codes(client, 'file:///two/new.avsc'), [], 'fine when the spec version is 1.12');

      const scopes = client.configurationRequests.flatMap(r => r.items.map(i => `${i.section} ${i.scopeUri}`));
      for (const uri of Object.keys(byScope)) assert.ok(scopes.includes(`avro ${uri}`), `settings of ${uri} were requested`);
      const perScope = scopes.filter(s => s === 'avro file:///one/a.avsc').length;
      await codes(client, 'file:///one/a.avsc');
      assert.equal(client.configurationRequests.flatMap(r => r.items.map(i => `${i.section} ${i.scopeUri}`)).filter(s => s === 'avro file:///one/a.avsc').length, perScope, 'cached per URI');
    } finally {
      await client.stop();
    }
  });

  test('didChangeConfiguration clears the cache and re-validates open documents (push)', async () => {
    let settings: AvroConfiguration = { diagnostics: { debounceMs: 10 } };
    const client = await LspTestClient.start({ mode: 'push', settings: () => settings });
    try {
      const uri = 'file:///cfg/t.avsc';
      await client.open(uri, TRAILING);
      assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics.map(d => d.code), ['AVRO-102']);
      settings = { diagnostics: { debounceMs: 10, severity: { 'AVRO-102': 'off' } } };
      await client.setSettings(() => settings);
      const after = await client.waitForDiagnostics(uri, p => p.diagnostics.length === 0);
      assert.equal(after.version, 1, 'same version, new settings');
    } finally {
      await client.stop();
    }
  });

  test('a client without workspace/configuration gets defaults, then what it pushes', async () => {
    const client = await LspTestClient.start({ mode: 'push', configuration: false });
    try {
      const uri = 'file:///cfg/nopull.avsc';
      await client.open(uri, TRAILING);
      assert.deepEqual((await client.waitForDiagnostics(uri)).diagnostics.map(d => d.code), ['AVRO-102']);
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { avro: { diagnostics: { severity: { 'AVRO-102': 'hint' } } } } });
      const after = await client.waitForDiagnostics(uri, p => p.diagnostics[0]?.severity === DiagnosticSeverity.Hint);
      assert.deepEqual(after.diagnostics.map(d => d.code), ['AVRO-102']);
      assert.equal(client.configurationRequests.length, 0, 'never asked');
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
    }
  });

  test('a client without workspace/configuration can pass settings as initializationOptions', async () => {
    const client = await LspTestClient.start({ mode: 'pull', configuration: false, initializationOptions: { avro: { diagnostics: { severity: { 'AVRO-102': 'info' } } } } });
    try {
      const uri = 'file:///cfg/init.avsc';
      await client.open(uri, TRAILING);
      assert.deepEqual(await codes(client, uri), [['AVRO-102', DiagnosticSeverity.Information]]);
    } finally {
      await client.stop();
    }
  });

  test('a client that fails workspace/configuration: defaults and a warning, no crash', async () => {
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      client.connection.onRequest('workspace/configuration', () => {
        throw new Error('configuration store unavailable');
      });
      await client.setSettings({});
      const uri = 'file:///cfg/failing.avsc';
      await client.open(uri, TRAILING);
      assert.deepEqual(await codes(client, uri), [['AVRO-102', DiagnosticSeverity.Error]]);
      assert.ok(client.logs.some(l => l.type === 2 && l.message.includes('reading the settings')), 'a warning is logged');
    } finally {
      await client.stop();
    }
  });
});

describe('avro-studio.json in the editor', () => {
  test('its "specVersion" applies to validation and wins over the setting; a change of the file re-validates', async () => {
    const ws = tempWorkspace({ 'avro-studio.json': JSON.stringify({ specVersion: '1.12' }), 'id.avsc': FIXED_UUID });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], settings: { specVersion: '1.11' } });
    try {
      const uri = ws.uri('id.avsc');
      await client.open(uri, FIXED_UUID);
      assert.deepEqual(await codes(client, uri), [], 'uuid on fixed is fine: the project targets 1.12');

      ws.write('avro-studio.json', JSON.stringify({ specVersion: '1.11' }));
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 2 }]);
      assert.deepEqual((await codes(client, uri)).map(c => c[0]), ['AVRO-235'], 'the project now targets 1.11');

      ws.remove('avro-studio.json');
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 3 }]);
      await client.setSettings({ specVersion: '1.12' });
      assert.deepEqual(await codes(client, uri), [], 'without the file, the setting decides');
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('read once for every feature: a problem in the file is logged once, not by each feature that uses it', async () => {
    const ws = tempWorkspace({ 'avro-studio.json': JSON.stringify({ specVersion: '1.12', colour: 'blue' }), 'id.avsc': FIXED_UUID });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const uri = ws.uri('id.avsc');
      await client.open(uri, FIXED_UUID);
      assert.deepEqual(await codes(client, uri), [], 'the file is read: 1.12');
      // The registry lens and the compatibility checks read the same file.
      await client.request('textDocument/codeLens', { textDocument: { uri } });
      await client.idle();
      const warnings = client.logs.filter(l => l.message.includes('unknown key "colour"'));
      assert.equal(warnings.length, 1, warnings.map(w => w.message).join('\n'));
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
