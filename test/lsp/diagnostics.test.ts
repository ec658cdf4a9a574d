// Diagnostics through the real server (in process): push (debounced, never stale) and pull (result ids), codes, ranges, versions.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { DiagnosticSeverity, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { brief, expectedBriefs } from './expected';

const USER = `{
  "type": "record",
  "name": "User",
  "namespace": "com.acme",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "age", "type": "int", "default": 0},
  ]
}`;

const USER_FIXED = USER.replace('"default": 0},\n', '"default": 0}\n');

describe('push diagnostics', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'push', settings: { diagnostics: { debounceMs: 30 } } });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    assert.equal(await client.stop(), 0, 'the server exits cleanly after shutdown/exit');
  });

  test('a mistake is published with its code, range, message, severity and link; fixing it clears it', async () => {
    const uri = 'file:///virtual/user.avsc';
    await client.open(uri, USER);
    const first = await client.waitForDiagnostics(uri);
    assert.equal(first.version, 1);
    assert.equal(first.diagnostics.length, 1);
    const d = first.diagnostics[0];
    assert.equal(d.code, 'AVRO-102');
    assert.equal(d.source, 'avro');
    assert.equal(d.severity, DiagnosticSeverity.Error);
    // The comma after `"default": 0}` on line 7 (0-based 6): 4 spaces + 44 characters of field.
    assert.deepEqual(d.range, { start: { line: 6, character: 48 }, end: { line: 6, character: 49 } });
    assert.match(String(d.message), /Trailing comma/);
    // No link while the rule reference (docs/rules.md) has no public home: never a dead link.
    assert.equal(d.codeDescription, undefined);
    assert.deepEqual(d.data, { kind: 'trailing-comma' });

    const comma = client.text(uri).indexOf('0},\n') + 2;
    const v2 = await client.edit(uri, comma, comma + 1, '');
    const second = await client.waitForDiagnostics(uri);
    assert.equal(second.version, v2);
    assert.deepEqual(second.diagnostics, []);
    assert.equal(client.text(uri), USER_FIXED);
    await client.close(uri);
    const cleared = await client.waitForDiagnostics(uri, p => p.version === undefined);
    assert.deepEqual(cleared.diagnostics, []);
  });

  test('typing fast: one publication per pause, versions only go forward, each matches its text, the last is the final text', async () => {
    const uri = 'file:///virtual/typing.avsc';
    await client.open(uri, USER_FIXED);
    await client.waitForDiagnostics(uri);
    const texts = new Map<number, string>([[1, USER_FIXED]]);
    const insertAt = client.text(uri).indexOf('    {"name": "age"');
    const typed = '    {"name": "email", "type": ["null", "strin"], "default": null},\n';
    for (let i = 0; i < typed.length; i++) {
      const v = await client.edit(uri, insertAt + i, insertAt + i, typed[i]);
      texts.set(v, client.text(uri));
      // A pause in the typing: the server validates what is there (idle: the debounce ran and published).
      if (i % 7 === 0) await client.idle();
    }
    const finalVersion = client.version(uri)!;
    const last = await client.waitForDiagnostics(uri, p => p.version === finalVersion);
    // Nothing older may follow the final publication.
    await client.idle();
    const all = client.publishedFor(uri).filter(p => p.version !== undefined);
    assert.equal(all[all.length - 1].version, finalVersion, 'the last publication is for the final version');
    for (let i = 1; i < all.length; i++) assert.ok(all[i].version! >= all[i - 1].version!, `versions go backwards: ${all[i - 1].version} then ${all[i].version}`);
    assert.ok(all.length < typed.length / 2, `debounced: ${all.length} publications for ${typed.length} keystrokes`);
    for (const p of all) {
      assert.deepEqual(p.diagnostics.map(brief), expectedBriefs(uri, texts.get(p.version!)!), `diagnostics of version ${p.version} match its text`);
    }
    assert.ok(last.diagnostics.some(d => d.code === 'AVRO-303' && String(d.message).includes('strin')), 'the final text has an unknown type "strin"');
    await client.close(uri);
  });
});

describe('push diagnostics: a result computed for an old version is dropped', () => {
  test('a change that arrives while the settings are being read wins', async () => {
    const client = await LspTestClient.start({ mode: 'push', settings: { diagnostics: { debounceMs: 10 } } });
    try {
      const uri = 'file:///virtual/race.avsc';
      // The client holds its answer to workspace/configuration: the first run waits for it while version 2 arrives.
      const hold = client.holdConfiguration();
      await client.open(uri, USER);
      await hold.asked;
      await client.replace(uri, USER_FIXED);
      hold.release();
      const published = await client.waitForDiagnostics(uri, p => p.version === 2);
      assert.deepEqual(published.diagnostics, []);
      await client.idle();
      assert.deepEqual(client.publishedFor(uri).map(p => p.version), [2], 'version 1 was never published');
    } finally {
      await client.stop();
    }
  });
});

describe('pull diagnostics', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'pull' });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
  });

  test('the server announces a diagnostic provider with inter-file dependencies and never pushes', async () => {
    const uri = 'file:///virtual/pulled.avsc';
    await client.open(uri, USER);
    const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    assert.equal(report.kind, 'full');
    assert.deepEqual(report.items.map(brief), expectedBriefs(uri, USER));
    assert.equal(report.items[0].code, 'AVRO-102');
    assert.ok(report.resultId, 'a result id is given');

    const again = await client.pull(uri, report.resultId);
    assert.deepEqual(again, { kind: 'unchanged', resultId: report.resultId });

    await client.replace(uri, USER_FIXED);
    const fixed = (await client.pull(uri, report.resultId)) as FullDocumentDiagnosticReport;
    assert.equal(fixed.kind, 'full');
    assert.deepEqual(fixed.items, []);
    assert.notEqual(fixed.resultId, report.resultId);
    assert.deepEqual(client.published, [], 'pull clients get no publishDiagnostics');
    await client.close(uri);
  });

  test('a document the server does not know gets an empty report', async () => {
    const report = (await client.pull('file:///nowhere/unknown.avsc')) as FullDocumentDiagnosticReport;
    assert.deepEqual(report.items, []);
  });

  test('positions count UTF-16 code units (emoji before the mistake)', async () => {
    const uri = 'file:///virtual/emoji.avsc';
    const text = '{"type": "record", "doc": "😀😀", "name": "E", "fields": [],}';
    await client.open(uri, text);
    const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
    const comma = text.lastIndexOf(',');
    assert.deepEqual(report.items.map(d => [d.code, d.range.start.character]), [['AVRO-102', comma]]);
    assert.equal(comma, [...text].lastIndexOf(',') + 2, 'each emoji counts as two UTF-16 code units, not one code point');
    await client.close(uri);
  });
});
