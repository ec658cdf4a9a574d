// Large documents are re-parsed incrementally by the server: after random edits its diagnostics equal a full parse of the same text.
//
// The server notes every didChange (lsp/editTracker.ts) and re-reads only the edited field of a
// document of 64 KB or more (WorkspaceIndex.setOpen); line indexes are carried over as well. Here a
// 700-field schema is edited through the real server (in process), the diagnostics pulled after each
// edit, and compared with what the service gives for a full parse of the same text, converted the
// way the server converts them. Hovers on the edited field check the carried-over line index.
import { describe, test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import type { Field } from '../../server/src/service/model/types';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { validateDocument } from '../../server/src/service/validation/validate';
import { INCREMENTAL_MIN_LENGTH } from '../../server/src/workspace/workspaceIndex';
import { toLspDiagnostics } from '../../server/src/lsp/conversions';
import { generateSchema, Random } from '../bench/generate';
import { LspTestClient } from '../helpers/lspClient';

function expectedDiagnostics(uri: string, text: string): unknown[] {
  const doc = parseAvroDocument(uri, text, 1);
  const index = new SchemaIndex();
  index.set(doc);
  const lines = new LineIndex(text);
  // As sent over JSON-RPC (properties set to undefined disappear).
  return JSON.parse(JSON.stringify(toLspDiagnostics(validateDocument(doc, DEFAULT_SETTINGS, index), lines, u => (u === uri ? lines : undefined))));
}

const TYPED = ['a', '"', ':', ',', '{', '}', '[', ']', ' ', '\n', '1', '"type"', '"int"', 'null', '"default": 1', '\\', '{"name": "n", "type": "string"}'];

describe('incremental re-parse in the server', () => {
  let client: LspTestClient;
  before(async () => {
    client = await LspTestClient.start({ mode: 'pull', settings: { diagnostics: { debounceMs: 0 } } });
  });
  after(async () => {
    assert.deepEqual(client.errorLogs(), []);
    await client.stop();
  });

  test('300 random edits of a 700-field schema: every pulled report equals a full parse of the text', async () => {
    const uri = 'file:///virtual/large.avsc';
    const original = generateSchema({ fields: 700, seed: 5 }).text;
    assert.ok(original.length > INCREMENTAL_MIN_LENGTH * 2, 'the schema is large enough for incremental re-parses');
    await client.open(uri, original);
    await client.pull(uri);
    const r = new Random(17);
    for (let i = 0; i < 300; i++) {
      const text = client.text(uri);
      const doc = parseAvroDocument(uri, text, 1);
      const fields: Field[] = doc.root?.kind === 'record' ? doc.root.fields : [];
      // Mostly inside a top-level field (where typing happens); now and then anywhere, or back to the original.
      let start: number;
      let end: number;
      let inserted: string;
      if (i % 50 === 49) {
        start = 0;
        end = text.length;
        inserted = original;
      } else {
        const f = fields.length && r.chance(0.9) ? r.pick(fields) : undefined;
        start = f ? r.int(f.node.offset + 1, f.node.offset + f.node.length - 1) : r.int(0, text.length);
        end = r.chance(0.3) ? Math.min(text.length, start + r.int(1, 4)) : start;
        inserted = end > start && r.chance(0.5) ? '' : r.pick(TYPED);
      }
      await client.edit(uri, start, end, inserted);
      // Sometimes two edits before the next pull: the server combines them.
      if (r.chance(0.2)) {
        const at = Math.min(start + inserted.length, client.text(uri).length);
        await client.edit(uri, at, at, r.pick(TYPED));
      }
      const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      assert.equal(report.kind, 'full');
      const expected = expectedDiagnostics(uri, client.text(uri));
      assert.deepEqual(report.items, expected, `edit ${i}: ${JSON.stringify({ start, end, inserted })}`);
      // The line index carried over: a hover on a field name answers for the range of that name.
      const current = parseAvroDocument(uri, client.text(uri), 1);
      const field = current.root?.kind === 'record' ? current.root.fields.find(x => x.nameNode) : undefined;
      if (field?.nameNode && i % 10 === 0) {
        const lines = new LineIndex(client.text(uri));
        const hover = await client.request<{ range?: unknown } | null>('textDocument/hover', { textDocument: { uri }, position: lines.positionAt(field.nameNode.offset + 1) });
        if (hover?.range) assert.deepEqual(hover.range, lines.rangeOf(field.nameNode.offset, field.nameNode.length), `hover range after edit ${i}`);
      }
    }
  });
});
