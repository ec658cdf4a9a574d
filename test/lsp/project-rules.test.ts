// The team's avro-studio.json through the real server: rule severities per glob, exclude, compilation units, and the quick fix that declares a unit.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { applyEdits, parse } from 'jsonc-parser';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';

const COMMENTED = '// owner: payments\n{"type": "record", "name": "T", "namespace": "com.acme", "fields": []}';
const money = (cents: string): string => `{"type": "record", "name": "Money", "namespace": "com.acme.common", "fields": [{"name": "cents", "type": "${cents}"}]}`;
const REFUND = '{"type": "record", "name": "Refund", "namespace": "com.acme.billing", "fields": [{"name": "amount", "type": "com.acme.common.Money"}]}';

async function items(client: LspTestClient, uri: string): Promise<Diagnostic[]> {
  return ((await client.pull(uri)) as FullDocumentDiagnosticReport).items;
}

async function codes(client: LspTestClient, uri: string): Promise<string[]> {
  return (await items(client, uri)).map(d => `${d.code} ${['', 'error', 'warning', 'info', 'hint'][d.severity ?? 0]}`);
}

describe('avro-studio.json rule settings in the editor', () => {
  test('"rules" per code and per glob win over the personal setting; a change of the file applies at once', async () => {
    const project = { rules: { 'AVRO-101': 'off' }, schemas: [{ files: 'strict/**', rules: { 'AVRO-101': 'error' } }] };
    const ws = tempWorkspace({ 'avro-studio.json': JSON.stringify(project), 'a.avsc': COMMENTED, 'strict/b.avsc': COMMENTED });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], settings: { diagnostics: { severity: { 'AVRO-101': 'info' } } } });
    try {
      await client.open(ws.uri('a.avsc'), COMMENTED);
      await client.open(ws.uri('strict/b.avsc'), COMMENTED);
      assert.deepEqual(await codes(client, ws.uri('a.avsc')), [], 'the team turned comments off');
      assert.deepEqual(await codes(client, ws.uri('strict/b.avsc')), ['AVRO-101 error'], 'and made them errors under strict/');
      ws.write('avro-studio.json', JSON.stringify({}));
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 2 }]);
      assert.deepEqual(await codes(client, ws.uri('a.avsc')), ['AVRO-101 info'], 'without team rules, the personal setting decides');
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('"exclude": excluded files are not indexed (their definitions resolve nothing)', async () => {
    const files = { 'avro-studio.json': JSON.stringify({ exclude: ['fixtures/**'] }), 'fixtures/money.avsc': money('long'), 'events/refund.avsc': REFUND };
    const ws = tempWorkspace(files);
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      await client.open(ws.uri('events/refund.avsc'), REFUND);
      assert.deepEqual(await codes(client, ws.uri('events/refund.avsc')), ['AVRO-303 error'], 'Money is only defined in an excluded file');
      ws.write('avro-studio.json', JSON.stringify({}));
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 2 }]);
      // The exclusion is gone: the folder is crawled again (the re-index request waits for it) and Money resolves.
      await client.request('avro/reindex', {});
      const left = await codes(client, ws.uri('events/refund.avsc'));
      assert.deepEqual(left, []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});

describe('compilation units in the editor', () => {
  test('versions side by side are notes, not errors; an ambiguous reference is a warning whose fix declares the unit', async () => {
    const ws = tempWorkspace({ 'v1/money.avsc': money('long'), 'v2/money.avsc': money('int'), 'events/refund.avsc': REFUND });
    // A client that can create files (VS Code can), so the fix may create avro-studio.json.
    const capabilities = { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create' as const] } } };
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root], capabilities });
    try {
      const refund = ws.uri('events/refund.avsc');
      await client.open(refund, REFUND);
      assert.deepEqual(await codes(client, ws.uri('v1/money.avsc')), ['AVRO-306 info']);
      const [warning] = await items(client, refund);
      assert.equal(warning.code, 'AVRO-311');
      const actions = (await client.request('textDocument/codeAction', {
        textDocument: { uri: refund },
        range: warning.range,
        context: { diagnostics: [warning], only: ['quickfix'] },
      })) as CodeAction[];
      assert.deepEqual(actions.map(a => a.title), [
        'Compile events/refund.avsc with v1/money.avsc (declare its unit in avro-studio.json)',
        'Compile events/refund.avsc with v2/money.avsc (declare its unit in avro-studio.json)',
        'Ignore AVRO-311 here… (then write the reason after the colon)',
      ]);
      // There is no project file yet: the fix creates it.
      const pick = actions[1].edit!;
      const changes = pick.documentChanges as Array<{ kind?: string; uri?: string; textDocument?: { uri: string }; edits?: Array<{ newText: string }> }>;
      assert.equal(changes[0].kind, 'create');
      assert.equal(changes[0].uri, ws.uri('avro-studio.json'));
      const written = changes[1].edits!.map(e => e.newText).join('');
      assert.deepEqual(parse(written), { units: [{ files: ['events/refund.avsc'], imports: ['v2/money.avsc'] }] });
      ws.write('avro-studio.json', written);
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 1 }]);
      assert.deepEqual(await codes(client, refund), [], 'the reference now resolves to v2, as declared');
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('the fix appends to an existing project file and keeps its comments; inside a unit a redefinition is an error', async () => {
    const projectText = '{\n  // the team\'s policy\n  "rules": {"AVRO-306": "off"}\n}\n';
    const ws = tempWorkspace({ 'avro-studio.json': projectText, 'v1/money.avsc': money('long'), 'v2/money.avsc': money('int'), 'events/refund.avsc': REFUND });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const refund = ws.uri('events/refund.avsc');
      await client.open(refund, REFUND);
      const [warning] = await items(client, refund);
      const actions = (await client.request('textDocument/codeAction', { textDocument: { uri: refund }, range: warning.range, context: { diagnostics: [warning], only: ['quickfix'] } })) as CodeAction[];
      const edits = actions[0].edit!.changes![ws.uri('avro-studio.json')];
      assert.ok(edits, JSON.stringify(actions[0].edit));
      const lines = projectText.split('\n');
      const offsetOf = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
      const updated = applyEdits(projectText, edits.map(e => ({ offset: offsetOf(e.range.start), length: offsetOf(e.range.end) - offsetOf(e.range.start), content: e.newText })));
      assert.match(updated, /\/\/ the team's policy\n {2}"rules": \{"AVRO-306": "off"\}/, 'the rest of the file is kept as it was');
      assert.deepEqual(parse(updated).units, [{ files: ['events/refund.avsc'], imports: ['v1/money.avsc'] }]);

      // A unit that compiles both versions together: Java's "Can't redefine".
      ws.write('avro-studio.json', JSON.stringify({ units: [{ name: 'all', files: '**/*.avsc' }] }));
      await client.watchedFilesChanged([{ uri: ws.uri('avro-studio.json'), type: 2 }]);
      assert.deepEqual(await codes(client, ws.uri('v1/money.avsc')), ['AVRO-312 error']);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
