// Compatibility benchmark: a reader/writer pair of N fields (one field added without default, one removed), ours vs avsc vs python3-avro.
//
// `runCompatibilityBench` is the hook test/bench/run.ts looks for (as test/bench/compatibilityBench.js);
// run directly: node --expose-gc out/test/differential/compatibilityBench.js [--quick] [--sizes=1000,10000]
//
// Contenders, each timed on the whole check with both parses included:
// - ours: parseAvroDocument x2 + checkCompatibility (every incompatibility, with spans and messages);
// - avsc: JSON.parse + Type.forSchema x2 + createResolver (throws at the first problem);
// - python3-avro: avro.schema.parse x2 + ReaderWriterCompatibilityChecker (timed inside python,
//   interpreter start excluded).
// Plus ours without the parses (the check alone, on fresh documents each time), for linearity.
import * as avro from 'avsc';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkCompatibility } from '../../server/src/service/compatibility/engine';
import type { SchemaSide } from '../../server/src/service/compatibility/types';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor } from '../../server/src/service/model/schemaIndex';
import { generateSchema, prettyPrint } from '../bench/generate';
import type { SectionTable } from '../bench/report';
import { forceGc, formatMs, formatRatio, measure, summarize, type Summary } from '../bench/stats';
import { REPO_ROOT } from '../helpers/paths';
import { PYTHON, pythonAvroMissing } from './python';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface BenchPair {
  fields: number;
  /** The new schema: one field added without default, one removed. */
  reader: string;
  /** The old schema. */
  writer: string;
  bytes: number;
}

/** The pair the issue describes: the generated N-field schema (writer) and a copy with one field added (no default) and one removed (reader). */
export function benchPair(fields: number, seed = 1): BenchPair {
  const writer = generateSchema({ fields, seed }).text;
  const schema = JSON.parse(writer) as { fields: Json[] };
  schema.fields.splice(Math.floor(fields / 2), 1);
  schema.fields.push({ name: 'addedWithoutDefault', type: 'string' });
  const reader = prettyPrint(schema as unknown as Json) + '\n';
  return { fields, reader, writer, bytes: reader.length + writer.length };
}

function side(uri: string, text: string): SchemaSide {
  const doc = parseAvroDocument(uri, text);
  return { doc, schema: doc.root!, resolve: resolverFor(undefined, doc) };
}

/** Ours, both parses included. Returns the number of incompatibilities. */
export function oursFull(p: BenchPair): number {
  return checkCompatibility(side('bench:///reader.avsc', p.reader), side('bench:///writer.avsc', p.writer)).incompatibilities.length;
}

/** avsc: resolvers stop at the first problem (it throws). Returns its message. */
export function avscFull(p: BenchPair): string {
  const reader = avro.Type.forSchema(JSON.parse(p.reader));
  const writer = avro.Type.forSchema(JSON.parse(p.writer));
  try {
    reader.createResolver(writer);
    return 'compatible';
  } catch (e) {
    return (e as Error).message;
  }
}

/** The check alone: fresh documents each time (parsed untimed), so no cache of an earlier run helps. */
function checkOnly(p: BenchPair, warmup: number, iterations: number): Summary {
  const samples: number[] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const r = side('bench:///reader.avsc', p.reader);
    const w = side('bench:///writer.avsc', p.writer);
    forceGc?.();
    const start = process.hrtime.bigint();
    checkCompatibility(r, w);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (i >= warmup) samples.push(ms);
  }
  return summarize(samples);
}

export interface Split {
  parseReader: number;
  parseWriter: number;
  check: number;
  ours: number;
  avsc: number;
}

/**
 * Medians of each phase of ours, and of avsc, interleaved, without forcing a GC before each sample
 * (as in an editor; a forced full GC resets the young generation, which costs the allocation-heavy
 * parse more than it costs avsc).
 */
function split(p: BenchPair, warmup: number, iterations: number): Split {
  const rows: number[][] = [];
  for (let i = 0; i < warmup + iterations; i++) {
    const t0 = performance.now();
    const r = side('bench:///reader.avsc', p.reader);
    const t1 = performance.now();
    const w = side('bench:///writer.avsc', p.writer);
    const t2 = performance.now();
    checkCompatibility(r, w);
    const t3 = performance.now();
    avscFull(p);
    const t4 = performance.now();
    if (i >= warmup) rows.push([t1 - t0, t2 - t1, t3 - t2, t3 - t0, t4 - t3]);
  }
  const med = (k: number) => summarize(rows.map(r => r[k])).median;
  return { parseReader: med(0), parseWriter: med(1), check: med(2), ours: med(3), avsc: med(4) };
}

interface PythonTiming {
  summary: Summary;
  verdict: string;
  locations: string[];
}

function python(p: BenchPair, repeats: number): PythonTiming | string {
  const missing = pythonAvroMissing();
  if (missing) return missing;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-compat-bench-'));
  try {
    fs.writeFileSync(path.join(dir, 'reader.avsc'), p.reader);
    fs.writeFileSync(path.join(dir, 'writer.avsc'), p.writer);
    const out = execFileSync(PYTHON, [path.join(REPO_ROOT, 'test', 'differential', 'python_bench.py'), path.join(dir, 'reader.avsc'), path.join(dir, 'writer.avsc'), String(repeats)], { encoding: 'utf8', maxBuffer: 1 << 26 });
    const r = JSON.parse(out) as { ms: number[]; verdict: string; locations: string[] };
    return { summary: summarize(r.ms), verdict: r.verdict, locations: r.locations };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface SizeResult {
  fields: number;
  bytes: number;
  ours: Summary;
  avsc: Summary;
  checkOnly: Summary;
  split: Split;
  python: PythonTiming | string;
  oursFindings: number;
  avscMessage: string;
}

export async function measureSize(fields: number, quick: boolean, log: (line: string) => void): Promise<SizeResult> {
  const p = benchPair(fields);
  const big = fields >= 5000;
  const warmup = quick ? 1 : big ? 3 : 5;
  const iterations = quick ? 3 : big ? 10 : 20;
  log(`compatibility: ${fields} fields (${(p.bytes / 1024 / 1024).toFixed(1)} MB for both texts): ours and avsc, ${iterations} interleaved rounds`);
  const oursFindings = oursFull(p);
  const avscMessage = avscFull(p);
  const timings = await measure([
    { name: 'ours', run: () => oursFull(p) },
    { name: 'avsc', run: () => avscFull(p) },
  ], { warmup, iterations });
  const only = checkOnly(p, warmup, iterations);
  const phases = split(p, warmup, iterations);
  const repeats = quick ? 1 : big ? 2 : 5;
  log(`compatibility: ${fields} fields: python3-avro, ${repeats} run(s)`);
  const py = python(p, repeats);
  return { fields, bytes: p.bytes, ours: timings.get('ours')!, avsc: timings.get('avsc')!, checkOnly: only, split: phases, python: py, oursFindings, avscMessage };
}

export function tables(results: readonly SizeResult[]): SectionTable[] {
  const rows = results.map(r => {
    const py = typeof r.python === 'string' ? undefined : r.python.summary;
    return [
      r.fields.toLocaleString('en-US'),
      formatMs(r.ours.median),
      formatMs(r.checkOnly.median),
      formatMs(r.avsc.median),
      py ? formatMs(py.median) : 'n/a',
      formatRatio(r.avsc.median / r.ours.median),
      py ? formatRatio(py.median / r.ours.median) : 'n/a',
    ];
  });
  const notes: string[] = [
    'Pair: the generated N-field schema (old, writer) and a copy with one field added without default and one removed (new, reader); BACKWARD check. Medians in ms, both parses included except in "check only".',
    `ours: ${results.map(r => `${r.oursFindings} incompatibilit${r.oursFindings === 1 ? 'y' : 'ies'} at ${r.fields}`).join(', ')}, with locations, spans and messages; avsc stops at the first problem ("${results[0]?.avscMessage.slice(0, 80) ?? ''}").`,
  ];
  for (const r of results) {
    const x = r.split;
    notes.push(`${r.fields.toLocaleString('en-US')} fields without a forced GC per sample: ours ${formatMs(x.ours)} ms = parse reader ${formatMs(x.parseReader)} + parse writer ${formatMs(x.parseWriter)} + check ${formatMs(x.check)}; avsc ${formatMs(x.avsc)} ms (${formatRatio(x.avsc / x.ours)}).`);
  }
  const byFields = new Map(results.map(r => [r.fields, r]));
  const small = byFields.get(1000);
  const large = byFields.get(10000);
  if (small && large) {
    notes.push(`Linearity, 1,000 -> 10,000 fields (10x the fields): check only ${formatRatio(large.checkOnly.median / small.checkOnly.median)}, whole check ${formatRatio(large.ours.median / small.ours.median)}.`);
  }
  for (const r of results) if (typeof r.python === 'string') notes.push(`python3-avro at ${r.fields}: not measured (${r.python}).`);
  const targets: string[][] = [];
  if (large) {
    const py = typeof large.python === 'string' ? undefined : large.python.summary;
    const vsAvsc = large.avsc.median / large.ours.median;
    targets.push(['10,000 fields: at least 10x faster than avsc (forSchema x2 + createResolver)', `${formatRatio(vsAvsc)} (${formatMs(large.ours.median)} ms vs ${formatMs(large.avsc.median)} ms)`, vsAvsc >= 10 ? 'met' : 'MISSED']);
    if (py) {
      const vsPy = py.median / large.ours.median;
      targets.push(['10,000 fields: at least 50x faster than python3-avro', `${formatRatio(vsPy)} (${formatMs(large.ours.median)} ms vs ${formatMs(py.median)} ms)`, vsPy >= 50 ? 'met' : 'MISSED']);
    }
  }
  return [
    {
      title: 'Compatibility check of an N-field pair (one field added without default, one removed)',
      header: ['fields', 'ours', 'ours: check only', 'avsc', 'python3-avro', 'avsc / ours', 'python / ours'],
      rows,
      notes,
    },
    ...(targets.length ? [{ title: 'Compatibility targets', header: ['target', 'measured', 'verdict'], rows: targets }] : []),
  ];
}

/** The hook test/bench/run.ts calls (through test/bench/compatibilityBench.ts). */
export async function runCompatibilityBench(options: { quick: boolean; log: (line: string) => void; sizes?: number[] }): Promise<SectionTable[]> {
  const sizes = options.sizes ?? [1000, 10000];
  const results: SizeResult[] = [];
  for (const n of sizes) results.push(await measureSize(n, options.quick, options.log));
  return tables(results);
}

// `node --test out/test/` runs every file under test/ as a main module: run only when started directly.
if (require.main === module && !process.env.NODE_TEST_CONTEXT) {
  const args = process.argv.slice(2);
  const sizesArg = args.find(a => a.startsWith('--sizes='));
  const sizes = sizesArg ? sizesArg.slice('--sizes='.length).split(',').map(Number) : undefined;
  if (!forceGc) console.warn('warning: run with node --expose-gc for a full GC between samples.');
  void runCompatibilityBench({ quick: args.includes('--quick'), log: line => console.error(line), sizes }).then(ts => {
    for (const t of ts) {
      console.log(`\n${t.title}`);
      const widths = t.header.map((h, i) => Math.max(h.length, ...t.rows.map(r => (r[i] ?? '').length)));
      const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
      console.log([line(t.header), widths.map(w => '-'.repeat(w)).join('  '), ...t.rows.map(line)].join('\n'));
      for (const n of t.notes ?? []) console.log(`  ${n}`);
    }
  });
}
