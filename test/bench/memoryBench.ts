// Benchmark c: indexing a workspace of 2,000 generated schema files, and one of 10,000 (40 MB), with cross-file references: time, server RSS and heap, and the server's answers across files.
//
// The 10,000-file workspace is the memory target of issue 15 (under 5 s, peak RSS under 200 MB).
// The server's answers there (workspace symbols, references, go to definition, hover, completion
// of type names, rename, the diagnostics of a sample of files) are compared with the service's
// answers over an index that keeps every model in this process: the server keeps files that are
// not open as summaries (model/summary.ts), and must answer the same. With
// AVRO_BENCH_BASELINE_SERVER naming another bundle (e.g. a build of main), that bundle is run on
// the same workspaces in the same run, for before/after figures.
import * as fs from 'node:fs';
import { parseJson } from '../../server/src/service/parser/json';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { workspaceSymbols } from '../../server/src/service/symbols';
import { findReferences } from '../../server/src/service/navigation/references';
import { findDefinition } from '../../server/src/service/navigation/definition';
import { rename } from '../../server/src/service/rename';
import { getCompletions } from '../../server/src/service/completion';
import { LineIndex } from '../../server/src/service/text';
import { tempWorkspace } from '../helpers/lspClient';
import type { ReindexResult } from '../../server/src/protocol';
import { generateWorkspace, type WorkspaceFile, type WorkspaceProfile } from './generate';
import { startBenchServer, type BenchServer, type ServerMemory } from './serverHarness';
import { forceGc } from './stats';

export interface ServerIndexRun {
  nodeOptions: string;
  /** The bundle run, when it is not this build's (AVRO_BENCH_BASELINE_SERVER). */
  bundle?: string;
  /** From spawning the server to its first "ready" status (spawn, initialize, crawl, parse, index). */
  startToReadyMs: number;
  /** The server's own figure for the first indexing (its log line). */
  firstIndexMs: number;
  /** avro/reindex on the warm server (durationMs of its answer). */
  reindexMs: number;
  indexedFiles: number;
  /** The server with an empty workspace, for comparison. */
  empty: ServerMemory;
  /** After the first indexing. */
  indexed: ServerMemory;
  /** After the re-index (old documents replaced). */
  reindexed: ServerMemory;
  /** Diagnostics of a sample of files pulled from the server, by code (unknown types mean cross-file names failed). */
  sampleDiagnostics: Record<string, number>;
  /** The 10,000-file workspace: the server's answers against the in-process ones. */
  answers?: AnswerCheck[];
}

/** One request whose answer is compared with the service's over an index that keeps every model. */
export interface AnswerCheck {
  request: string;
  /** Size of the answer (locations, items, edits, diagnostics). */
  size: number;
  same: boolean;
  /** The first difference, when not the same. */
  difference?: string;
}

export interface WorkspaceFigures {
  files: number;
  totalBytes: number;
  largestBytes: number;
  /** Named types referenced across files. */
  crossFileReferences: number;
}

export interface MemoryResult extends WorkspaceFigures {
  /** In this process: parse and index every file (no server). */
  inProcess: {
    indexMs: number;
    validateAllMs: number;
    /** Heap retained by the index (JSON trees + models; the texts are not counted, they exist before). */
    heapBytes: number;
    /** Heap retained by the JSON trees alone (parseJson of every file). */
    treeHeapBytes: number;
    /** Heap retained by the same documents kept as summaries (SchemaIndex.setSummary; texts not counted). */
    summaryHeapBytes?: number;
    diagnosticsByCode: Record<string, number>;
  };
  server: ServerIndexRun[];
  /** The workspace of the memory target: 10,000 files of about 4 KB (default flags only). */
  large?: WorkspaceFigures & { server: ServerIndexRun[] };
}

function figures(files: readonly WorkspaceFile[]): WorkspaceFigures {
  const sizes = files.map(f => Buffer.byteLength(f.text));
  return { files: files.length, totalBytes: sizes.reduce((a, b) => a + b, 0), largestBytes: Math.max(...sizes), crossFileReferences: countCrossFileReferences(files) };
}

function countCrossFileReferences(files: readonly WorkspaceFile[]): number {
  let n = 0;
  for (const f of files) n += (f.text.match(/"com\.acme\.[a-z]+\.common\.[A-Za-z0-9]+"/g) ?? []).length;
  return n;
}

function heapUsed(): number {
  forceGc?.();
  forceGc?.();
  return process.memoryUsage().heapUsed;
}

function inProcessIndex(files: readonly WorkspaceFile[]): MemoryResult['inProcess'] {
  let before = heapUsed();
  let trees: unknown[] | undefined = files.map(f => parseJson(f.text));
  const treeHeapBytes = heapUsed() - before;
  if (trees.length !== files.length) throw new Error('lost a tree');
  // Dropped on purpose: what the trees held is freed before the next measurement.
  // eslint-disable-next-line no-useless-assignment
  trees = undefined;
  before = heapUsed();
  let summaries: SchemaIndex | undefined = new SchemaIndex();
  for (const f of files) summaries.setSummary(parseAvroDocument(`file:///ws/${f.path}`, f.text, 0));
  const summaryHeapBytes = heapUsed() - before;
  if (summaries.size !== files.length) throw new Error('lost a summary');
  // eslint-disable-next-line no-useless-assignment
  summaries = undefined;
  before = heapUsed();
  let start = performance.now();
  const index = new SchemaIndex();
  for (const f of files) index.set(parseAvroDocument(`file:///ws/${f.path}`, f.text, 0));
  const indexMs = performance.now() - start;
  const heapBytes = heapUsed() - before;
  start = performance.now();
  const diagnosticsByCode: Record<string, number> = {};
  for (const doc of index.allDocuments()) {
    for (const d of validateDocument(doc, DEFAULT_SETTINGS, index)) diagnosticsByCode[`${d.code} ${d.severity}`] = (diagnosticsByCode[`${d.code} ${d.severity}`] ?? 0) + 1;
  }
  const validateAllMs = performance.now() - start;
  if (index.size !== files.length) throw new Error(`indexed ${index.size} of ${files.length} files`);
  return { indexMs, validateAllMs, heapBytes, treeHeapBytes, summaryHeapBytes, diagnosticsByCode };
}

type Checker = (server: BenchServer) => Promise<AnswerCheck[]>;

async function serverRun(files: readonly WorkspaceFile[], nodeOptions: string, bundle: string | undefined, check?: (ws: ReturnType<typeof tempWorkspace>) => Checker): Promise<ServerIndexRun> {
  const env = bundle ? { AVRO_STUDIO_SERVER: bundle } : undefined;
  const emptyWs = tempWorkspace({}, 'avro-bench-empty-');
  let empty: ServerMemory;
  try {
    const server = await startBenchServer({ mode: 'pull', nodeOptions, env, workspaceFolders: [emptyWs.root] });
    empty = await server.memory();
    await server.stop();
  } finally {
    emptyWs.cleanup();
  }

  const ws = tempWorkspace(Object.fromEntries(files.map(f => [f.path, f.text])), 'avro-bench-workspace-');
  try {
    const start = performance.now();
    const server = await startBenchServer({ mode: 'pull', nodeOptions, env, workspaceFolders: [ws.root] });
    const startToReadyMs = performance.now() - start;
    try {
      const { client } = server;
      const logged = client.logs.map(l => /indexed (\d+) \.avsc files in (\d+) ms/.exec(l.message)).find(m => m);
      const indexed = await server.memory();
      const answers = check ? await check(ws)(server) : undefined;
      const reindex = await client.request<ReindexResult>('avro/reindex', {});
      const reindexed = await server.memory();
      const sampleDiagnostics: Record<string, number> = {};
      for (let i = 0; i < files.length; i += Math.ceil(files.length / 40)) {
        const report = await client.pull(ws.uri(files[i].path));
        if (report.kind !== 'full') continue;
        for (const d of report.items) sampleDiagnostics[String(d.code)] = (sampleDiagnostics[String(d.code)] ?? 0) + 1;
      }
      return {
        nodeOptions,
        bundle,
        startToReadyMs,
        firstIndexMs: logged ? Number(logged[2]) : NaN,
        reindexMs: reindex.durationMs,
        indexedFiles: reindex.indexedFiles,
        empty,
        indexed,
        reindexed,
        sampleDiagnostics,
        answers,
      };
    } finally {
      await server.stop();
    }
  } finally {
    ws.cleanup();
  }
}

interface LspRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/**
 * The requests compared on the large workspace, at a shared type (defined in one file, used by
 * fullname in others): answered by the service over a whole index here, then by the server.
 */
function answerChecker(files: readonly WorkspaceFile[]): (ws: ReturnType<typeof tempWorkspace>) => Checker {
  return ws => {
    const texts = new Map(files.map(f => [ws.uri(f.path), f.text]));
    const lines = new Map<string, LineIndex>();
    const lineIndex = (uri: string): LineIndex => {
      let l = lines.get(uri);
      if (!l) lines.set(uri, (l = new LineIndex(texts.get(uri) ?? '')));
      return l;
    };
    const rel = (uri: string): string => uri.slice(ws.uri('').length);
    const span = (uri: string, offset: number, length: number): string => `${rel(uri)}@${offset}+${length}`;
    const fromRange = (uri: string, r: LspRange): string => {
      const l = lineIndex(uri);
      const start = l.offsetAt(r.start);
      return span(uri, start, l.offsetAt(r.end) - start);
    };

    // Expected answers: the service over an index that keeps every model.
    const index = new SchemaIndex();
    for (const f of files) index.set(parseAvroDocument(ws.uri(f.path), f.text, 0));
    const shared = files.find(f => f.path.includes('/Common') && files.some(g => g.text.includes(`"${fullnameOf(f)}"`)))!;
    const sharedUri = ws.uri(shared.path);
    const sharedName = fullnameOf(shared);
    const user = files.find(g => g.text.includes(`"${sharedName}"`))!;
    const userUri = ws.uri(user.path);
    const nameOffset = shared.text.indexOf(`"${sharedName.slice(sharedName.lastIndexOf('.') + 1)}"`) + 1;
    const refOffset = user.text.indexOf(`"${sharedName}"`) + 1;
    const sharedDoc = index.get(sharedUri)!;
    const userDoc = index.get(userUri)!;
    const query = sharedName.slice(sharedName.lastIndexOf('.') + 1, sharedName.length - 1);
    const expected: Record<string, string[]> = {
      [`workspace/symbol "${query}"`]: workspaceSymbols(index, query).map(m => {
        const s = m.schema;
        const content = s.nameNode ? { offset: s.nameNode.offset + 1, length: s.nameNode.length - 2 } : s.node;
        return `${s.name} ${span(s.uri, content.offset, content.length)}`;
      }),
      [`references of ${sharedName}`]: findReferences(sharedDoc, nameOffset, index, resolverFor(index, sharedDoc), true).map(r => span(r.uri, r.offset, r.length)),
      [`definition of a reference to ${sharedName}`]: findDefinition(userDoc, refOffset, index, resolverFor(index, userDoc)).map(l => span(l.uri, l.targetSelection.offset, l.targetSelection.length)),
      [`rename of ${sharedName}`]: (() => {
        const r = rename(sharedDoc, nameOffset, `${sharedName.slice(sharedName.lastIndexOf('.') + 1)}Renamed`, index, resolverFor(index, sharedDoc));
        return r.ok ? r.changes.flatMap(c => c.edits.map(e => `${span(c.uri, e.offset, e.length)} ${e.newText}`)) : [`refused: ${r.message}`];
      })(),
      [`completion of type names in ${user.path}`]: getCompletions({ doc: userDoc, offset: refOffset, index, settings: DEFAULT_SETTINGS }).items.map(i => i.label),
    };
    const sample = files.filter((_, i) => i % Math.ceil(files.length / 40) === 0);
    expected['diagnostics of 40 files'] = sample.flatMap(f => {
      const doc = index.get(ws.uri(f.path))!;
      return validateDocument(doc, DEFAULT_SETTINGS, index).map(d => `${f.path} ${d.code} ${span(doc.uri, d.offset, d.length)}`);
    });

    return async server => {
      const { client } = server;
      const namePos = lineIndex(sharedUri).positionAt(nameOffset);
      const refPos = lineIndex(userUri).positionAt(refOffset);
      const actual: Record<string, string[]> = {};
      const symbols = await client.request<Array<{ name: string; location: { uri: string; range: LspRange } }>>('workspace/symbol', { query });
      actual[`workspace/symbol "${query}"`] = symbols.map(s => `${s.name} ${fromRange(s.location.uri, s.location.range)}`);
      const refs = await client.request<Array<{ uri: string; range: LspRange }>>('textDocument/references', { textDocument: { uri: sharedUri }, position: namePos, context: { includeDeclaration: true } });
      actual[`references of ${sharedName}`] = refs.map(r => fromRange(r.uri, r.range));
      const links = await client.request<Array<{ targetUri: string; targetSelectionRange: LspRange } | { uri: string; range: LspRange }>>('textDocument/definition', { textDocument: { uri: userUri }, position: refPos });
      actual[`definition of a reference to ${sharedName}`] = links.map(l => ('targetUri' in l ? fromRange(l.targetUri, l.targetSelectionRange) : fromRange(l.uri, l.range)));
      const edit = await client.request<{ documentChanges?: Array<{ textDocument: { uri: string }; edits: Array<{ range: LspRange; newText: string }> }>; changes?: Record<string, Array<{ range: LspRange; newText: string }>> } | null>('textDocument/rename', { textDocument: { uri: sharedUri }, position: namePos, newName: `${sharedName.slice(sharedName.lastIndexOf('.') + 1)}Renamed` });
      const changes = edit?.documentChanges?.map(c => [c.textDocument.uri, c.edits] as const) ?? Object.entries(edit?.changes ?? {});
      actual[`rename of ${sharedName}`] = changes.flatMap(([uri, edits]) => edits.map(e => `${fromRange(uri, e.range)} ${e.newText}`));
      // Completion answers for open documents: the user's file is opened (it is kept whole, the others stay summaries).
      await client.open(userUri, user.text);
      const list = await client.request<{ items: Array<{ label: string }> } | Array<{ label: string }>>('textDocument/completion', { textDocument: { uri: userUri }, position: refPos });
      actual[`completion of type names in ${user.path}`] = (Array.isArray(list) ? list : list.items).map(i => i.label);
      // Hover of the reference (hover answers for open documents): the type is defined in a file that is not open.
      const hover = await client.request<{ contents: { value: string } } | null>('textDocument/hover', { textDocument: { uri: userUri }, position: refPos });
      const hoverOk = !!hover && hover.contents.value.includes(sharedName) && hover.contents.value.includes(shared.path.split('/').pop()!);
      await client.close(userUri);
      const diagnostics: string[] = [];
      for (const f of sample) {
        const uri = ws.uri(f.path);
        const report = await client.pull(uri);
        if (report.kind === 'full') for (const d of report.items) diagnostics.push(`${f.path} ${String(d.code)} ${fromRange(uri, d.range)}`);
      }
      actual['diagnostics of 40 files'] = diagnostics;
      const out: AnswerCheck[] = Object.entries(expected).map(([request, want]) => compareAnswers(request, want, actual[request] ?? []));
      out.push({ request: `hover of a reference to ${sharedName} (defined in a file not open)`, size: hover ? 1 : 0, same: hoverOk, difference: hoverOk ? undefined : JSON.stringify(hover).slice(0, 200) });
      return out;
    };
  };
}

function fullnameOf(f: WorkspaceFile): string {
  const doc = JSON.parse(f.text) as { name: string; namespace?: string };
  return doc.namespace ? `${doc.namespace}.${doc.name}` : doc.name;
}

function compareAnswers(request: string, expected: string[], actual: string[]): AnswerCheck {
  const a = [...actual].sort();
  const e = [...expected].sort();
  const same = a.length === e.length && a.every((x, i) => x === e[i]);
  let difference: string | undefined;
  if (!same) {
    const missing = e.filter(x => !a.includes(x));
    const extra = a.filter(x => !e.includes(x));
    difference = `${e.length} expected, ${a.length} answered; missing ${missing.slice(0, 3).join('; ') || 'none'}; extra ${extra.slice(0, 3).join('; ') || 'none'}`;
  }
  return { request, size: a.length, same, difference };
}

export async function runMemoryBench(options: { files: number; largeFiles?: number; nodeOptionVariants: string[]; log: (line: string) => void }): Promise<MemoryResult> {
  const baseline = process.env.AVRO_BENCH_BASELINE_SERVER;
  if (baseline && !fs.existsSync(baseline)) throw new Error(`AVRO_BENCH_BASELINE_SERVER: no file ${baseline}`);
  const files = generateWorkspace(options.files);
  const inProcess = inProcessIndex(files);
  options.log(`  in process: indexed ${files.length} files in ${inProcess.indexMs.toFixed(0)} ms, heap +${(inProcess.heapBytes / 1048576).toFixed(1)} MB (as summaries: +${((inProcess.summaryHeapBytes ?? 0) / 1048576).toFixed(1)} MB)`);
  const logRun = (label: string, run: ServerIndexRun): void => {
    const bad = run.answers?.filter(a => !a.same) ?? [];
    options.log(`  ${label}${run.bundle ? ` [${run.bundle}]` : ''}${run.nodeOptions ? ` (${run.nodeOptions})` : ''}: ready in ${run.startToReadyMs.toFixed(0)} ms (index ${run.firstIndexMs} ms), RSS ${(run.indexed.rss / 1048576).toFixed(0)} MB, peak ${(run.indexed.peakRss / 1048576).toFixed(0)} MB, heap ${(run.indexed.heapUsed / 1048576).toFixed(0)} MB${run.answers ? `; answers ${run.answers.length - bad.length}/${run.answers.length} the same${bad.map(b => `\n    DIFFERENT ${b.request}: ${b.difference}`).join('')}` : ''}`);
  };
  const server: ServerIndexRun[] = [];
  for (const nodeOptions of options.nodeOptionVariants) {
    const run = await serverRun(files, nodeOptions, undefined);
    logRun(`server, ${files.length} files`, run);
    server.push(run);
  }
  if (baseline) {
    const run = await serverRun(files, '', baseline);
    logRun(`server, ${files.length} files`, run);
    server.push(run);
  }
  const result: MemoryResult = { ...figures(files), inProcess, server };
  const largeCount = options.largeFiles ?? 10_000;
  if (largeCount > 0) {
    const large = generateWorkspace(largeCount, 7, 'compact' satisfies WorkspaceProfile);
    const check = answerChecker(large);
    const runs: ServerIndexRun[] = [];
    for (const bundle of [undefined, ...(baseline ? [baseline] : [])]) {
      const run = await serverRun(large, '', bundle, check);
      logRun(`server, ${large.length} files`, run);
      runs.push(run);
    }
    result.large = { ...figures(large), server: runs };
  }
  return result;
}
