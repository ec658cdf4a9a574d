// Benchmark: the bounds the tests used to assert on the wall clock (they failed on a loaded machine), measured here against a floor: formatting and tokenizing 10,000 fields, random edits, deep and huge documents, the CLI's --jsonl rate.
//
// Each row is one measurement with its floor (the cheapest thing that touches the same input: the
// jsonc-parser scanner over the text, a pull of a one-line document, the CLI starting to print its
// version) and the bound its test asserted before the tests stopped timing. The tests keep what
// the results must be; this file says how long they take. Rename and references on large
// workspaces are the "navigation" section.
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { createScanner } from 'jsonc-parser';
import * as textmate from 'vscode-textmate';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { formatDocument, formatText } from '../../server/src/service/format';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { normalizeSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { validateDocument } from '../../server/src/service/validation/validate';
import { toLspDiagnostics } from '../../server/src/lsp/conversions';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { LspTestClient } from '../helpers/lspClient';
import { DIST } from '../helpers/paths';
import { bigSchema, grammarStressLines, loadGrammar } from '../helpers/largeInputs';
import { applyEdit, deeplyNestedSchema, examples, prng, randomEdit, schemaOfSize } from '../lsp/generate';
import type { SectionTable } from './report';
import { formatMs, formatRatio, measure, summarize, type Summary } from './stats';

export interface LimitRow {
  id: string;
  name: string;
  /** What the test asserted before (ms), on `judged` of the samples. */
  boundMs: number;
  judged: 'median' | 'max';
  /** The former test. */
  test: string;
  timing: Summary & { max: number };
  floor: { name: string; median: number };
  /** A rate worth reading beside the time (pairs per second). */
  rate?: string;
}

export interface LimitsResult {
  rows: LimitRow[];
}

/** Keeps results reachable so that no work is optimised away. */
let sink: unknown;

/** The floor of the validation bench: every token scanned and its offset and length read. */
function scan(text: string): number {
  const scanner = createScanner(text, true);
  let acc = 0;
  while ((scanner.scan() as number) !== 17 /* EOF */) acc += scanner.getTokenOffset() + scanner.getTokenLength();
  return acc;
}

function withMax(values: readonly number[]): Summary & { max: number } {
  return { ...summarize(values), max: Math.max(...values) };
}

async function timeOf(fn: () => unknown): Promise<number> {
  const start = process.hrtime.bigint();
  const r = fn();
  if (r instanceof Promise) await r;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function floorOf(name: string, fn: () => unknown, iterations: number): Promise<{ name: string; median: number }> {
  const m = await measure([{ name, run: fn }], { warmup: 1, iterations });
  return { name, median: m.get(name)!.median };
}

export async function runLimitsBench(options: { quick: boolean; log: (line: string) => void }): Promise<LimitsResult> {
  const iterations = options.quick ? 3 : 7;
  const rows: LimitRow[] = [];
  const add = (row: LimitRow): void => {
    rows.push(row);
    options.log(`  ${row.name}: median ${formatMs(row.timing.median)} ms, max ${formatMs(row.timing.max)} ms (floor ${formatMs(row.floor.median)} ms)`);
  };

  // Formatting 10,000 fields (test/unit/format.test.ts: each under 1 s).
  const minified = bigSchema(10_000);
  const pretty = formatText(minified, { tabSize: 2, insertSpaces: true });
  const formatRuns: Array<{ id: string; name: string; text: string; run: () => unknown }> = [
    { id: 'format-minified', name: 'format a minified 10,000-field schema (2 spaces)', text: minified, run: () => formatText(minified, { tabSize: 2, insertSpaces: true }) },
    { id: 'format-again', name: 'format it again (nothing to do)', text: pretty, run: () => formatDocument(pretty, { tabSize: 2, insertSpaces: true }) },
    { id: 'format-reindent', name: 're-indent it to 4 spaces', text: pretty, run: () => formatDocument(pretty, { tabSize: 4, insertSpaces: true }) },
  ];
  for (const f of formatRuns) {
    const m = await measure([{ name: f.id, run: () => (sink = f.run()) }], { warmup: 1, iterations });
    const s = m.get(f.id)!;
    add({ id: f.id, name: f.name, boundMs: 1000, judged: 'median', test: 'format.test.ts', timing: { ...s, max: s.p95 }, floor: await floorOf('scanner over the same text', () => (sink = scan(f.text)), iterations) });
  }

  // Tokenizing 10,000 fields with the TextMate grammar (test/unit/grammar.test.ts: under 10 s).
  const grammar = await loadGrammar();
  const lines = grammarStressLines(10_000);
  const tokenizeAll = (): void => {
    let state = textmate.INITIAL;
    for (const line of lines) state = grammar.tokenizeLine2(line, state).ruleStack;
    sink = state;
  };
  const grammarSamples: number[] = [];
  for (let i = 0; i < (options.quick ? 2 : 3); i++) grammarSamples.push(await timeOf(tokenizeAll));
  const grammarText = lines.join('\n');
  add({ id: 'grammar', name: 'tokenize a 10,000-field schema (1.4 MB) with the TextMate grammar', boundMs: 10_000, judged: 'median', test: 'grammar.test.ts', timing: withMax(grammarSamples), floor: await floorOf('scanner over the same text', () => (sink = scan(grammarText)), iterations) });

  // Random edits of every example through the service (test/lsp/robustness.test.ts: each under 2 s).
  const all = examples();
  const random = prng(1_700_001);
  const index = new WorkspaceIndex();
  for (const e of all) index.setDiskFile(`/robust/${e.name}`, e.text);
  const editSamples: number[] = [];
  const editedTexts: string[] = [];
  let version = 1;
  const perExample = options.quick ? 40 : 150;
  for (const e of all) {
    const uri = index.uris().find(u => u.endsWith(e.name.replace(/^.*\//, '')))!;
    for (let i = 0; i < perExample; i++) {
      let text = e.text;
      const edits = 1 + Math.floor(random() * 4);
      for (let k = 0; k < edits; k++) text = applyEdit(text, randomEdit(text, random));
      editedTexts.push(text);
      const settings = normalizeSettings({ specVersion: random() < 0.5 ? '1.11' : '1.12' });
      editSamples.push(await timeOf(() => {
        const doc = index.setOpen(uri, version++, () => text).doc!;
        sink = toLspDiagnostics(validateDocument(doc, settings, index.schemas), new LineIndex(text), u => {
          const other = index.get(u);
          return other ? new LineIndex(other.text) : undefined;
        });
      }));
    }
    index.close(uri);
    index.setDiskFile(`/robust/${e.name}`, e.text);
  }
  add({
    id: 'random-edits', name: `one randomly edited example validated (${editSamples.length} cases)`, boundMs: 2000, judged: 'max', test: 'robustness.test.ts',
    timing: withMax(editSamples), floor: await floorOf('scanner over each edited text', () => (sink = editedTexts.map(scan)), 1).then(f => ({ ...f, median: f.median / editedTexts.length })),
  });

  // 5,000-deep nesting through the service (robustness.test.ts: under 2 s).
  const deep = deeplyNestedSchema(5000);
  const deepRun = await measure([{ name: 'deep', run: () => (sink = validateDocument(parseAvroDocument('file:///deep.avsc', deep, 1), normalizeSettings({}))) }], { warmup: 1, iterations });
  const d = deepRun.get('deep')!;
  add({ id: 'deep-service', name: '5,000-deep nesting: parse and validate (AVRO-104)', boundMs: 2000, judged: 'median', test: 'robustness.test.ts', timing: { ...d, max: d.p95 }, floor: await floorOf('scanner over the same text', () => (sink = scan(deep)), iterations) });

  // Through the bundle over stdio: a 20 MB document and a 5,000-deep one pulled (robustness.test.ts: each under 2 s).
  const client = await LspTestClient.start({ process: true, mode: 'pull' });
  try {
    const small = 'file:///limits/small.avsc';
    await client.open(small, '{"type": "record", "name": "Small", "fields": []}');
    const pullSamples = async (uri: string, check: (r: FullDocumentDiagnosticReport) => boolean): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < iterations; i++) {
        let report: FullDocumentDiagnosticReport | undefined;
        out.push(await timeOf(async () => (report = (await client.pull(uri)) as FullDocumentDiagnosticReport)));
        if (!check(report!)) throw new Error(`unexpected diagnostics of ${uri}: ${JSON.stringify(report!.items.slice(0, 3))}`);
      }
      return out;
    };
    const floor = { name: 'pull of a one-line document', median: summarize(await pullSamples(small, r => r.items.length === 0)).median };
    const huge = 'file:///limits/huge.avsc';
    await client.open(huge, schemaOfSize(20 * 1024 * 1024));
    add({ id: 'huge-server', name: '20 MB document pulled through the server (AVRO-500, not analysed)', boundMs: 2000, judged: 'max', test: 'robustness.test.ts', timing: withMax(await pullSamples(huge, r => r.items.length === 1 && r.items[0].code === 'AVRO-500')), floor });
    const deepUri = 'file:///limits/deep.avsc';
    await client.open(deepUri, deep);
    add({ id: 'deep-server', name: '5,000-deep document pulled through the server (AVRO-104)', boundMs: 2000, judged: 'max', test: 'robustness.test.ts', timing: withMax(await pullSamples(deepUri, r => r.items.some(x => x.code === 'AVRO-104'))), floor });
  } finally {
    await client.stop();
  }

  // avro-studio compat --jsonl: 5,000 pairs, process start included (cli-compat.test.ts: over 500 pairs/s).
  const cli = path.join(DIST, 'cli.js');
  const fields = (n: number, extra: boolean) =>
    Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: i % 3 === 0 ? 'long' : i % 3 === 1 ? 'string' : ['null', 'int'], ...(i % 3 === 2 ? { default: null } : {}) }))
      .concat(extra ? [{ name: 'added', type: 'string' } as never] : []);
  const pairs: string[] = [];
  for (let i = 0; i < 5000; i++) {
    pairs.push(JSON.stringify({ id: i, reader: { type: 'record', name: 'Event', namespace: 'com.acme', fields: fields(8, i % 2 === 1) }, writer: { type: 'record', name: 'Event', namespace: 'com.acme', fields: fields(8, false) } }));
  }
  const input = pairs.join('\n') + '\n';
  const jsonlSamples: number[] = [];
  for (let i = 0; i < (options.quick ? 1 : 3); i++) {
    jsonlSamples.push(await timeOf(() => {
      const r = spawnSync(process.execPath, [cli, 'compat', '--jsonl'], { input, encoding: 'utf8', maxBuffer: 1 << 26 });
      if (r.stdout.trimEnd().split('\n').length !== 5000) throw new Error(`compat --jsonl: ${r.stderr}`);
    }));
  }
  const startSamples: number[] = [];
  for (let i = 0; i < 3; i++) startSamples.push(await timeOf(() => spawnSync(process.execPath, [cli, '--version'])));
  const jsonl = withMax(jsonlSamples);
  add({
    id: 'compat-jsonl', name: 'avro-studio compat --jsonl, 5,000 pairs of 8-field records (process start included)', boundMs: 10_000, judged: 'median', test: 'cli-compat.test.ts (500 pairs/s)',
    timing: jsonl, floor: { name: 'avro-studio --version (process start)', median: summarize(startSamples).median }, rate: `${Math.round(5000 / (jsonl.median / 1000)).toLocaleString('en-US')} pairs/s`,
  });
  void sink;
  return { rows };
}

export function limitsTable(r: LimitsResult): SectionTable {
  return {
    title: 'Bounds the tests used to assert on the wall clock, measured here, ms',
    header: ['measurement', 'median', 'max', 'floor', 'floor ms', 'x floor', 'bound (was in)', 'within'],
    rows: r.rows.map(row => [
      row.rate ? `${row.name}: ${row.rate}` : row.name,
      formatMs(row.timing.median),
      formatMs(row.timing.max),
      row.floor.name,
      formatMs(row.floor.median),
      formatRatio(row.timing.median / row.floor.median),
      `${row.judged} < ${row.boundMs.toLocaleString('en-US')} (${row.test})`,
      limitMet(row) ? 'yes' : 'no',
    ]),
    notes: [
      'These bounds were assertions in npm test until the tests stopped timing (they failed on a loaded machine): the tests keep what the results must be, this table how long they take. "max" is the slowest sample (p95 for the in-process service rows measured with a forced GC between samples).',
    ],
  };
}

export function limitMet(row: LimitRow): boolean {
  return (row.judged === 'max' ? row.timing.max : row.timing.median) < row.boundMs;
}
