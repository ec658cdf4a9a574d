// Benchmark c: indexing a workspace of 2,000 generated schema files with cross-file references: time, server RSS and heap.
import { parseJson } from '../../server/src/service/parser/json';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { tempWorkspace } from '../helpers/lspClient';
import type { ReindexResult } from '../../server/src/protocol';
import { generateWorkspace, type WorkspaceFile } from './generate';
import { startBenchServer, type ServerMemory } from './serverHarness';
import { forceGc } from './stats';

export interface ServerIndexRun {
  nodeOptions: string;
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
}

export interface MemoryResult {
  files: number;
  totalBytes: number;
  largestBytes: number;
  /** Named types referenced across files. */
  crossFileReferences: number;
  /** In this process: parse and index every file (no server). */
  inProcess: {
    indexMs: number;
    validateAllMs: number;
    /** Heap retained by the index (JSON trees + models; the texts are not counted, they exist before). */
    heapBytes: number;
    /** Heap retained by the JSON trees alone (parseJson of every file). */
    treeHeapBytes: number;
    diagnosticsByCode: Record<string, number>;
  };
  server: ServerIndexRun[];
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
  return { indexMs, validateAllMs, heapBytes, treeHeapBytes, diagnosticsByCode };
}

async function serverRun(files: readonly WorkspaceFile[], nodeOptions: string): Promise<ServerIndexRun> {
  const emptyWs = tempWorkspace({}, 'avro-bench-empty-');
  let empty: ServerMemory;
  try {
    const server = await startBenchServer({ mode: 'pull', nodeOptions, workspaceFolders: [emptyWs.root] });
    empty = await server.memory();
    await server.stop();
  } finally {
    emptyWs.cleanup();
  }

  const ws = tempWorkspace(Object.fromEntries(files.map(f => [f.path, f.text])), 'avro-bench-workspace-');
  try {
    const start = performance.now();
    const server = await startBenchServer({ mode: 'pull', nodeOptions, workspaceFolders: [ws.root] });
    const startToReadyMs = performance.now() - start;
    try {
      const { client } = server;
      const logged = client.logs.map(l => /indexed (\d+) \.avsc files in (\d+) ms/.exec(l.message)).find(m => m);
      const indexed = await server.memory();
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
        startToReadyMs,
        firstIndexMs: logged ? Number(logged[2]) : NaN,
        reindexMs: reindex.durationMs,
        indexedFiles: reindex.indexedFiles,
        empty,
        indexed,
        reindexed,
        sampleDiagnostics,
      };
    } finally {
      await server.stop();
    }
  } finally {
    ws.cleanup();
  }
}

export async function runMemoryBench(options: { files: number; nodeOptionVariants: string[]; log: (line: string) => void }): Promise<MemoryResult> {
  const files = generateWorkspace(options.files);
  const sizes = files.map(f => Buffer.byteLength(f.text));
  const inProcess = inProcessIndex(files);
  options.log(`  in process: indexed ${files.length} files in ${inProcess.indexMs.toFixed(0)} ms, heap +${(inProcess.heapBytes / 1048576).toFixed(1)} MB`);
  const server: ServerIndexRun[] = [];
  for (const nodeOptions of options.nodeOptionVariants) {
    const run = await serverRun(files, nodeOptions);
    options.log(`  server${nodeOptions ? ` (${nodeOptions})` : ''}: ready in ${run.startToReadyMs.toFixed(0)} ms, RSS ${(run.indexed.rss / 1048576).toFixed(0)} MB, heap ${(run.indexed.heapUsed / 1048576).toFixed(0)} MB`);
    server.push(run);
  }
  return {
    files: files.length,
    totalBytes: sizes.reduce((a, b) => a + b, 0),
    largestBytes: Math.max(...sizes),
    crossFileReferences: countCrossFileReferences(files),
    inProcess,
    server,
  };
}
