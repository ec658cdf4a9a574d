// Fuzz through the server: random hostile edits (past-the-end ranges, CR/LF mixes, truncations, deep nesting, huge lines), requests, cancellations and reopens; at the end every document is served as a fresh open of its final text would be.
//
// Bounded by default (two fixed seeds, AVRO_STUDIO_FUZZ_STEPS steps each, 150 unless set), so it runs in
// `npm test` in seconds; a longer run: AVRO_STUDIO_FUZZ_STEPS=5000 AVRO_STUDIO_SEED=<n> node --test out/test/lsp/fuzz.test.js.
// A failure names its seed and step.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CancellationTokenSource, ResponseError, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { fixture } from '../helpers/paths';
import { randomChanges, randomPosition, referenceApply, referenceLines, referencePositionAt } from '../helpers/textEdits';
import { prng, randomEdit } from './generate';

/** Two fixed seeds by default (each finds the reopen and past-the-end bugs of the earlier server); AVRO_STUDIO_SEED runs one. */
const SEEDS = process.env.AVRO_STUDIO_SEED ? [Number(process.env.AVRO_STUDIO_SEED)] : [2, 7];
const STEPS = Number(process.env.AVRO_STUDIO_FUZZ_STEPS ?? 150);
/** Past this, the next edit of a document truncates it (huge lines add up). */
const MAX_LENGTH = 300_000;

/** LSP error codes a request may end with when it was cancelled (by the client, or by the server for a newer version). */
const CANCELLED = new Set([-32800, -32802]);

interface Doc {
  uri: string;
  text: string;
  version: number;
}

/** One didChange of the hostile kinds. */
function hostileChanges(text: string, random: () => number): TextDocumentContentChangeEvent[] {
  const lines = referenceLines(text);
  const end = { line: lines.length + Math.floor(random() * 3), character: Math.floor(random() * 9) };
  const r = random();
  if (text.length > MAX_LENGTH || r < 0.08) {
    // Truncation: from anywhere to past the end.
    return [{ range: { start: referencePositionAt(text, Math.floor(random() * Math.min(text.length, 4000))), end }, text: '' }];
  }
  if (r < 0.4) {
    // A JSON-minded edit (fragments, deletions, swaps), sent as a range.
    const e = randomEdit(text, random);
    return [{ range: { start: referencePositionAt(text, e.start), end: referencePositionAt(text, e.end) }, text: e.text }];
  }
  if (r < 0.75) return randomChanges(text, random); // CR/LF mixes, lone CRs, past-the-end and backwards ranges, surrogates
  const at = random() < 0.5 ? randomPosition(text, random) : end;
  if (r < 0.85) return [{ range: { start: at, end: at }, text: '{"type": "array", "items": '.repeat(200 + Math.floor(random() * 900)) }]; // deep nesting
  if (r < 0.93) return [{ range: { start: at, end: at }, text: `"${'x'.repeat(20_000 + Math.floor(random() * 80_000))}"` }]; // a huge line
  // Both ends past the end, as many line breaks inserted as lines spanned (what corrupted vscode-languageserver-textdocument).
  const past = { line: lines.length + Math.floor(random() * 3), character: Math.floor(random() * 4) };
  const span = Math.floor(random() * 3);
  return [{ range: { start: past, end: { line: past.line + span, character: 0 } }, text: random() < 0.3 ? '\r\n}\r' : '\n'.repeat(span) }];
}

async function settle<T>(p: Promise<T>, what: string): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ResponseError && CANCELLED.has(err.code)) return;
    assert.fail(`${what}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** What a client sees of a document: its diagnostics, symbols and formatting edits. */
async function served(client: LspTestClient, uri: string): Promise<unknown> {
  const report = (await client.pull(uri)) as { items: Array<{ code?: unknown; range: unknown; message: unknown; severity?: unknown }> };
  return {
    diagnostics: report.items.map(d => [d.code, d.severity, d.range, d.message]),
    symbols: await client.request('textDocument/documentSymbol', { textDocument: { uri } }),
    formatting: await client.request('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } }),
  };
}

for (const SEED of SEEDS) test(`fuzz: ${STEPS} random hostile edits, requests, cancellations and reopens; the result is a fresh open's (seed ${SEED})`, async () => {
  const random = prng(SEED);
  const dir = fixture('lsp', 'examples');
  const docs: Doc[] = fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort().slice(0, 4)
    .map(f => ({ uri: `file:///fuzz/${f}`, text: fs.readFileSync(path.join(dir, f), 'utf8'), version: 1 }));
  // The documents are files of the workspace: a close reads the file back (a reopen can come meanwhile).
  const ws = tempWorkspace(Object.fromEntries(docs.map(d => [path.basename(d.uri), d.text])), 'avro-studio-fuzz-');
  for (const d of docs) d.uri = ws.uri(path.basename(d.uri));
  const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  const open = (d: Doc): Promise<void> => client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'avroavsc', version: d.version, text: d.text } });
  const pending: Array<Promise<void>> = [];
  const fuzzed = new Map<string, unknown>();
  try {
    for (const d of docs) await open(d);
    for (let step = 0; step < STEPS; step++) {
      const d = docs[Math.floor(random() * docs.length)];
      const what = `seed ${SEED}, step ${step}, ${d.uri}`;
      const r = random();
      if (r < 0.55) {
        const changes = hostileChanges(d.text, random);
        d.text = referenceApply(d.text, changes);
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: ++d.version }, contentChanges: changes });
      } else if (r < 0.9) {
        // Requests take non-negative positions (uinteger); past the ends is fine.
        const nonNegative = (p: { line: number; character: number }) => ({ line: Math.max(0, p.line), character: Math.max(0, p.character) });
        const position = nonNegative(randomPosition(d.text, random));
        const textDocument = { uri: d.uri };
        const requests: Array<[string, unknown]> = [
          ['textDocument/diagnostic', { textDocument }],
          ['textDocument/hover', { textDocument, position }],
          ['textDocument/completion', { textDocument, position }],
          ['textDocument/documentSymbol', { textDocument }],
          ['textDocument/formatting', { textDocument, options: { tabSize: 4, insertSpaces: random() < 0.5 } }],
          ['textDocument/foldingRange', { textDocument }],
          ['textDocument/selectionRange', { textDocument, positions: [position] }],
          ['textDocument/definition', { textDocument, position }],
          ['textDocument/codeAction', { textDocument, range: { start: position, end: nonNegative(randomPosition(d.text, random)) }, context: { diagnostics: [] } }],
        ];
        const [method, params] = requests[Math.floor(random() * requests.length)];
        const source = new CancellationTokenSource();
        pending.push(settle(client.connection.sendRequest(method, params, source.token), `${what}: ${method}`));
        if (random() < 0.4) source.cancel();
      } else if (r < 0.96) {
        // Closed and opened again at once, version 1 again, now and then with another text (changed on disk meanwhile).
        void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
        if (random() < 0.5) d.text = referenceApply(d.text, hostileChanges(d.text, random));
        d.version = 1;
        await open(d);
      } else {
        const text = referenceApply(d.text, [{ text: random() < 0.5 ? d.text.replace(/\n/g, '\r\n') : d.text.slice(0, Math.floor(random() * d.text.length)) }]);
        d.text = text;
        await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: ++d.version }, contentChanges: [{ text }] });
      }
    }
    await Promise.all(pending);
    for (const d of docs) fuzzed.set(d.uri, await served(client, d.uri));
    assert.deepEqual(client.errorLogs(), [], `seed ${SEED}`);
  } finally {
    await client.stop();
  }

  // The same final texts, opened fresh in a new server.
  const fresh = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
  try {
    for (const d of docs) await fresh.open(d.uri, d.text, 'avroavsc');
    for (const d of docs) assert.deepEqual(fuzzed.get(d.uri), await served(fresh, d.uri), `seed ${SEED}: ${d.uri} differs from a fresh open of its final text (${d.text.length} characters)`);
  } finally {
    await fresh.stop();
    ws.cleanup();
  }
});
