// Robustness: thousands of random edits and truncations through the service, hundreds through the server; huge and deep inputs; injected faults.
//
// No timing here: how long these take is measured by `npm run bench` (section "limits").
//
// Random cases come from a seeded PRNG: a failure names its seed and case; rerun with
// AVRO_STUDIO_SEED=<seed> to reproduce it.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { normalizeSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { validateDocument } from '../../server/src/service/validation/validate';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { toLspDiagnostics } from '../../server/src/lsp/conversions';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { applyEdit, deeplyNestedSchema, examples, prng, randomEdit, schemaOfSize } from './generate';

const SEED = Number(process.env.AVRO_STUDIO_SEED ?? 1_700_001);

/** Every range lies inside the text and maps back to the offset it came from. */
function checkRanges(diagnostics: readonly Diagnostic[], text: string, what: string): void {
  const lines = new LineIndex(text);
  for (const d of diagnostics) {
    assert.match(String(d.code), /^AVRO-\d{3}$/, what);
    assert.ok(typeof d.message === 'string' && d.message.length > 0, `${what}: empty message`);
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.line < lines.lineCount && end.line < lines.lineCount, `${what}: line out of range ${JSON.stringify(d.range)}`);
    assert.ok(start.line < end.line || (start.line === end.line && start.character <= end.character), `${what}: inverted range ${JSON.stringify(d.range)}`);
    for (const p of [start, end]) {
      assert.ok(p.character <= lines.lineText(p.line).length + 1, `${what}: character past the end of line ${p.line}`);
    }
  }
}

describe('robustness in process (service + conversions)', () => {
  test('thousands of random edits and truncations of every example: no exception, valid ranges', () => {
    const all = examples();
    assert.ok(all.length >= 7, 'the examples are there');
    const random = prng(SEED);
    const index = new WorkspaceIndex();
    for (const e of all) index.setDiskFile(`/robust/${e.name}`, e.text);
    const perExample = Math.ceil(3500 / all.length);
    let cases = 0;
    let version = 1;
    for (const e of all) {
      const uri = index.uris().find(u => u.endsWith(e.name.replace(/^.*\//, '')))!;
      for (let i = 0; i < perExample; i++) {
        let text = e.text;
        const edits = 1 + Math.floor(random() * 4);
        for (let k = 0; k < edits; k++) text = applyEdit(text, randomEdit(text, random));
        const settings = normalizeSettings({ specVersion: random() < 0.5 ? '1.11' : '1.12' });
        const what = `seed ${SEED}, ${e.name} case ${i}`;
        let diagnostics: Diagnostic[];
        try {
          const update = index.setOpen(uri, version++, () => text);
          const doc = update.doc!;
          const found = validateDocument(doc, settings, index.schemas);
          diagnostics = toLspDiagnostics(found, new LineIndex(text), u => {
            const other = index.get(u);
            return other ? new LineIndex(other.text) : undefined;
          });
        } catch (err) {
          assert.fail(`${what}: ${(err as Error).stack}\n--- text ---\n${text}`);
        }
        checkRanges(diagnostics, text, what);
        cases++;
      }
      index.close(uri);
      index.setDiskFile(`/robust/${e.name}`, e.text);
    }
    assert.ok(cases >= 3000, `${cases} cases`);
  });

  test('5,000-deep nesting: a clear AVRO-104', () => {
    const text = deeplyNestedSchema(5000);
    const found = validateDocument(parseAvroDocument('file:///deep.avsc', text, 1), normalizeSettings({}));
    assert.ok(found.some(d => d.code === 'AVRO-104' && /deeper than/.test(d.message)), JSON.stringify(found.slice(0, 3)));
  });

  test('a 20 MB schema through the service gives a result, not a crash', () => {
    const text = schemaOfSize(20 * 1024 * 1024);
    assert.ok(text.length >= 20 * 1024 * 1024);
    const found = validateDocument(parseAvroDocument('file:///huge.avsc', text, 1), normalizeSettings({}));
    assert.ok(Array.isArray(found));
    assert.deepEqual(found.filter(d => d.severity === 'error').map(d => d.code), [], 'the generated schema is valid');
  });
});

/** A fault handed to the server's runtime: validating a document whose URI contains `marker` throws. */
function explodeOn(marker: string): (uri: string) => void {
  return uri => {
    if (uri.includes(marker)) throw new Error(`injected fault for ${uri}`);
  };
}

describe('robustness through the server', () => {
  test('hundreds of random incremental edits (pull): every request answered, valid ranges, nothing logged', async () => {
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      const random = prng(SEED + 1);
      let edits = 0;
      for (const e of examples()) {
        const uri = `file:///robust/${e.name}`;
        await client.open(uri, e.text);
        for (let i = 0; i < 45; i++) {
          const text = client.text(uri);
          const edit = randomEdit(text, random);
          await client.edit(uri, edit.start, edit.end, edit.text);
          edits++;
          const what = `seed ${SEED + 1}, ${e.name} edit ${i}`;
          const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
          checkRanges(report.items, client.text(uri), what);
          if (random() < 0.1) await client.replace(uri, e.text); // back to a valid text now and then
        }
        await client.close(uri);
      }
      assert.ok(edits >= 300, `${edits} edits`);
      assert.deepEqual(client.errorLogs(), []);
      // Still healthy: a fresh valid document is clean.
      await client.open('file:///robust/after.avsc', '{"type": "record", "name": "After", "fields": []}');
      assert.deepEqual(((await client.pull('file:///robust/after.avsc')) as FullDocumentDiagnosticReport).items, []);
    } finally {
      await client.stop();
    }
  });

  test('bursts of random edits (push): the final publication matches the final text', async () => {
    const client = await LspTestClient.start({ mode: 'push', settings: { diagnostics: { debounceMs: 5 } } });
    try {
      const random = prng(SEED + 2);
      for (const e of examples().slice(0, 4)) {
        const uri = `file:///burst/${e.name}`;
        await client.open(uri, e.text);
        for (let i = 0; i < 25; i++) {
          const edit = randomEdit(client.text(uri), random);
          await client.edit(uri, edit.start, edit.end, edit.text);
          if (random() < 0.3) await new Promise(r => setTimeout(r, Math.floor(random() * 15)));
        }
        const final = await client.waitForDiagnostics(uri);
        assert.equal(final.version, client.version(uri));
        await client.idle(); // nothing older may follow
        checkRanges(final.diagnostics, client.text(uri), `seed ${SEED + 2}, ${e.name}`);
        const versions = client.publishedFor(uri).map(p => p.version!);
        assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'published versions only go forward');
        await client.close(uri);
      }
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
    }
  });

  test('a 20 MB document gets AVRO-500 at once; a 5,000-deep one gets AVRO-104; the server keeps answering', async () => {
    const client = await LspTestClient.start({ mode: 'pull' });
    try {
      const huge = schemaOfSize(20 * 1024 * 1024);
      await client.open('file:///big/huge.avsc', huge);
      const report = (await client.pull('file:///big/huge.avsc')) as FullDocumentDiagnosticReport;
      assert.deepEqual(report.items.map(d => d.code), ['AVRO-500']);
      assert.match(String(report.items[0].message), /20\.\d MB, over the 5\.0 MB limit/);
      assert.match(String(report.items[0].message), /avro\.maxFileSizeMB/);

      await client.open('file:///big/deep.avsc', deeplyNestedSchema(5000));
      const deep = (await client.pull('file:///big/deep.avsc')) as FullDocumentDiagnosticReport;
      assert.ok(deep.items.some(d => d.code === 'AVRO-104'));

      await client.open('file:///big/small.avsc', '{"type": "record", "name": "Small", "fields": [],}');
      assert.deepEqual(((await client.pull('file:///big/small.avsc')) as FullDocumentDiagnosticReport).items.map(d => d.code), ['AVRO-102']);
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
    }
  });

  test('a 20 MB file in the workspace is not read while indexing; pulling it gives AVRO-500; the limit is a setting', async () => {
    const ws = tempWorkspace({ 'small.avsc': '{"type": "record", "name": "Small", "fields": []}', 'huge.avsc': schemaOfSize(20 * 1024 * 1024) });
    let limitMB = 5;
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], settings: () => ({ maxFileSizeMB: limitMB }) });
    try {
      const ready = await client.waitForStatus(s => s.state === 'ready');
      assert.equal(ready.indexedFiles, 2);
      const report = (await client.pull(ws.uri('huge.avsc'))) as FullDocumentDiagnosticReport;
      assert.deepEqual(report.items.map(d => [d.code, d.range.start.line, d.range.start.character]), [['AVRO-500', 0, 0]]);
      limitMB = 0; // no limit
      const readyCount = client.statuses.filter(s => s.state === 'ready').length;
      await client.setSettings(() => ({ maxFileSizeMB: limitMB }));
      await client.waitForStatus(() => client.statuses.filter(s => s.state === 'ready').length > readyCount);
      const full = (await client.pull(ws.uri('huge.avsc'))) as FullDocumentDiagnosticReport;
      assert.deepEqual(full.items.map(d => d.code), [], 'analysed in full once the limit is lifted');
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('an exception inside a handler is logged with the request and URI, answered, and the server lives on', async () => {
    const client = await LspTestClient.start({ mode: 'pull', runtime: { beforeValidate: explodeOn('explode-here') } });
    try {
      await client.open('file:///faults/explode-here.avsc', '{"type": "record", "name": "Boom", "fields": []}');
      const report = (await client.pull('file:///faults/explode-here.avsc')) as FullDocumentDiagnosticReport;
      assert.deepEqual(report, { kind: 'full', items: [] });
      const errors = client.errorLogs();
      assert.equal(errors.length, 1);
      assert.match(errors[0], /textDocument\/diagnostic \(file:\/\/\/faults\/explode-here\.avsc\) failed: Error: injected fault/);
      await client.open('file:///faults/fine.avsc', '{"type": "record", "name": "Fine", "fields": [],}');
      assert.deepEqual(((await client.pull('file:///faults/fine.avsc')) as FullDocumentDiagnosticReport).items.map(d => d.code), ['AVRO-102']);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  test('push mode: a failing validation is logged and publishes nothing stale; other documents still work', async () => {
    const client = await LspTestClient.start({ mode: 'push', runtime: { beforeValidate: explodeOn('explode-here') }, settings: { diagnostics: { debounceMs: 5 } } });
    try {
      await client.open('file:///faults/explode-here.avsc', '{"type": "record", "name": "Boom", "fields": [],}');
      const published = await client.waitForDiagnostics('file:///faults/explode-here.avsc');
      assert.deepEqual(published.diagnostics, []);
      assert.equal(client.errorLogs().length, 1);
      await client.open('file:///faults/fine.avsc', '{"type": "record", "name": "Fine", "fields": [],}');
      assert.deepEqual((await client.waitForDiagnostics('file:///faults/fine.avsc')).diagnostics.map(d => d.code), ['AVRO-102']);
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });
});
