// The LSP request preamble (lsp/requestContext.ts): the model of the current version, its line index, and an answer dropped when the document changed while the work awaited.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import { withDocument } from '../../server/src/lsp/requestContext';
import type { ServerContext } from '../../server/src/lsp/context';
import { createLanguageService, parseAvroDocument, SchemaIndex } from '../../server/src/service/languageService';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';

const URI = 'file:///w/a.avsc';
const TEXT = '{"type": "record", "name": "A", "fields": [{"name": "x", "type": "int"}]}';

/** The part of a server context the preamble reads: one open document whose version the test moves. */
function context(logged: string[]): { ctx: ServerContext; open: { uri: string; version: number; epoch: number } } {
  const open = { uri: URI, version: 1, epoch: 1 };
  const index = new SchemaIndex();
  let doc = parseAvroDocument(URI, TEXT, 1);
  index.set(doc);
  const ctx = {
    service: createLanguageService(),
    logger: { error: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), info: () => undefined },
    runtime: { now: () => 0 },
    settings: { get: async () => ({ avro: DEFAULT_SETTINGS }) },
    whenIndexed: async () => undefined,
    documents: { get: (uri: string) => (uri === URI ? open : undefined) },
    models: {
      get: (uri: string) => {
        if (uri !== URI) return undefined;
        if (doc.version !== open.version) index.set((doc = parseAvroDocument(URI, TEXT, open.version)));
        return doc;
      },
    },
    index: { schemas: index },
    positions: { lineIndex: (_owner: object, text: string) => new LineIndex(text) },
  } as unknown as ServerContext;
  return { ctx, open };
}

const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) } as unknown as CancellationToken;
const params = { textDocument: { uri: URI } };

test('the work gets the current model, its line index and a snapshot for the language service', async () => {
  const { ctx } = context([]);
  const result = await withDocument(ctx, 'test/request', params, token, { fallback: () => null }, ({ doc, lines, snapshot }) => {
    assert.equal(snapshot.doc, doc);
    return ctx.service.hover(snapshot, lines.offsetAt({ line: 0, character: 28 }))?.markdown ?? 'no hover';
  });
  assert.equal(typeof result, 'string');
  assert.match(result as string, /A/);
});

test('an answer computed while the document changed is dropped (ContentModified), not sent with ranges of the old text', async () => {
  const logged: string[] = [];
  const { ctx, open } = context(logged);
  const result = await withDocument(ctx, 'test/request', params, token, { fallback: () => 'fallback' }, async ({ doc }) => {
    await Promise.resolve();
    open.version = 2; // a didChange handled while the work awaited
    return `answer for version ${doc.version}`;
  });
  assert.ok(result instanceof ResponseError, `expected ContentModified, got ${String(result)}`);
  assert.equal(result.code, LSPErrorCodes.ContentModified);
  assert.deepEqual(logged, [], 'a stale answer is not a failure');
});

test('closed and opened again while the work awaited: dropped too (another epoch, even at the same version)', async () => {
  const { ctx, open } = context([]);
  const result = await withDocument(ctx, 'test/request', params, token, { fallback: () => 'fallback' }, async () => {
    await Promise.resolve();
    open.epoch = 2;
    return 'answer';
  });
  assert.ok(result instanceof ResponseError);
  assert.equal(result.code, LSPErrorCodes.ContentModified);
});

test('openOnly: a document the editor holds at another version than the model answers the fallback', async () => {
  const { ctx, open } = context([]);
  const result = await withDocument(ctx, 'test/request', params, token, { fallback: () => 'fallback', openOnly: true }, () => 'answer');
  assert.equal(result, 'answer');
  const stale = parseAvroDocument(URI, TEXT, 1);
  (ctx as unknown as { models: unknown }).models = { get: () => stale };
  open.version = 3;
  assert.equal(await withDocument(ctx, 'test/request', params, token, { fallback: () => 'fallback', openOnly: true }, () => 'answer'), 'fallback');
});
