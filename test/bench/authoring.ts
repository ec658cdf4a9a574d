// Benchmark: completion and hover latency through the real server over stdio on the 10,000-field schema (target: p95 under 20 ms).
//
// Usage as a script: node out/test/bench/authoring.js [--quick] [--fields=10000]   (the server is
// dist/server.js, or AVRO_STUDIO_SERVER). For `npm run bench`: runAuthoringBench(options) returns the
// tables, in the shape of the other sections.
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { LineIndex } from '../../server/src/service/text';
import type { Position } from '../../server/src/service/text';
import { generateSchema } from './generate';
import type { SectionTable } from './report';
import { summarize, type Summary } from './stats';

export interface AuthoringScenario {
  name: string;
  method: 'textDocument/completion' | 'textDocument/hover';
  latency: Summary;
  maxMs: number;
  /** Items returned (completion) or Markdown length (hover), from the last sample. */
  size: number;
}

export interface AuthoringResult {
  fields: number;
  bytes: number;
  scenarios: AuthoringScenario[];
}

interface Probe {
  name: string;
  method: AuthoringScenario['method'];
  position: Position;
  /** Edit the document before each request (a keystroke and its undo alternate), so the model is re-parsed. */
  afterEdit?: { offset: number; text: string };
}

/** Positions of interest in the generated schema: picked from the model, spread over the document. */
function probes(text: string): Probe[] {
  const doc = parseAvroDocument('file:///bench.avsc', text, 1);
  const lines = new LineIndex(text);
  // Fields whose type is written as a string (a primitive or a named type): a type position inside a literal.
  const fields = doc.fields.filter(f => f.record === doc.root && f.typeProperty?.value?.kind === 'string' && f.nameNode);
  const mid = fields[Math.floor(fields.length / 2)];
  const last = fields[fields.length - 1];
  const at = (offset: number): Position => lines.positionAt(offset);
  const typeNode = mid.typeProperty!.value!;
  const ref = doc.references[Math.floor(doc.references.length / 2)];
  const root = doc.root && doc.root.kind === 'record' ? doc.root : undefined;
  const list: Probe[] = [
    { name: 'completion: type of a field in the middle (inside its type literal)', method: 'textDocument/completion', position: at(typeNode.offset + 1) },
    { name: 'completion: key in a field object in the middle', method: 'textDocument/completion', position: at(mid.node.offset + 1) },
    { name: 'completion: type of the last field', method: 'textDocument/completion', position: at(last.typeProperty!.value!.offset + 1) },
    {
      name: 'completion right after a keystroke (re-parse included)',
      method: 'textDocument/completion',
      position: at(typeNode.offset + 1),
      afterEdit: { offset: mid.nameNode!.offset + 1, text: 'x' },
    },
    { name: 'hover: a field name in the middle', method: 'textDocument/hover', position: at(mid.nameNode!.offset + 1) },
  ];
  if (ref) list.push({ name: 'hover: a reference to a named type (with fingerprints)', method: 'textDocument/hover', position: at(ref.nameNode.offset + 1) });
  if (root?.nameNode) {
    list.push({ name: 'hover: the root record (fingerprints of the whole schema, cached)', method: 'textDocument/hover', position: at(root.nameNode.offset + 1) });
    list.push({
      name: 'hover: the root record right after a keystroke (re-parse, canonical form, CRC-64, SHA-256)',
      method: 'textDocument/hover',
      position: at(root.nameNode.offset + 1),
      afterEdit: { offset: mid.nameNode!.offset + 1, text: 'x' },
    });
  }
  return list;
}

export async function runAuthoringBench(options: { quick: boolean; fields?: number; log: (line: string) => void }): Promise<AuthoringResult> {
  const fields = options.fields ?? 10_000;
  const { text } = generateSchema({ fields, seed: 1 });
  const warmup = options.quick ? 3 : 10;
  const iterations = options.quick ? 20 : 60;
  const ws = tempWorkspace({ 'events/big-event.avsc': text }, 'avro-bench-authoring-');
  const client = await LspTestClient.start({ process: true, mode: 'pull', workspaceFolders: [ws.root], settings: { diagnostics: { debounceMs: 0 } } });
  const uri = ws.uri('events/big-event.avsc');
  const scenarios: AuthoringScenario[] = [];
  try {
    await client.open(uri, text);
    await client.pull(uri);
    for (const probe of probes(text)) {
      const samples: number[] = [];
      let size = 0;
      let edited = false;
      for (let i = 0; i < warmup + iterations; i++) {
        if (probe.afterEdit) {
          // Type a character, then delete it: every request sees a new version.
          const { offset, text: typed } = probe.afterEdit;
          if (edited) await client.edit(uri, offset, offset + typed.length, '');
          else await client.edit(uri, offset, offset, typed);
          edited = !edited;
        }
        const start = process.hrtime.bigint();
        const result = await client.request<unknown>(probe.method, { textDocument: { uri }, position: probe.position });
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (i >= warmup) samples.push(ms);
        if (probe.method === 'textDocument/completion') size = (result as { items?: unknown[] } | null)?.items?.length ?? 0;
        else size = ((result as { contents?: { value?: string } } | null)?.contents?.value ?? '').length;
      }
      if (edited && probe.afterEdit) await client.edit(uri, probe.afterEdit.offset, probe.afterEdit.offset + probe.afterEdit.text.length, '');
      const scenario: AuthoringScenario = { name: probe.name, method: probe.method, latency: summarize(samples), maxMs: Math.max(...samples), size };
      scenarios.push(scenario);
      options.log(`authoring: ${probe.name}: median ${scenario.latency.median.toFixed(1)} ms, p95 ${scenario.latency.p95.toFixed(1)} ms, max ${scenario.maxMs.toFixed(1)} ms (${size} ${probe.method === 'textDocument/completion' ? 'items' : 'chars'})`);
    }
    if (client.errorLogs().length) throw new Error(`the server logged errors: ${client.errorLogs().join('\n')}`);
  } finally {
    await client.stop();
    ws.cleanup();
  }
  return { fields, bytes: Buffer.byteLength(text), scenarios };
}

/** The result as a table for the benchmark report. */
export function authoringTable(r: AuthoringResult): SectionTable {
  return {
    title: `Completion and hover through the server over stdio, ${r.fields.toLocaleString('en-US')}-field schema (${(r.bytes / 1024 / 1024).toFixed(1)} MB), ms`,
    header: ['request', 'median', 'p95', 'max', 'result size', 'p95 < 20 ms'],
    rows: r.scenarios.map(s => [s.name, s.latency.median.toFixed(1), s.latency.p95.toFixed(1), s.maxMs.toFixed(1), String(s.size), s.latency.p95 < 20 ? 'yes' : 'no']),
    notes: ['Round trip measured by the client (JSON-RPC over stdio included); the model is cached per document version, so only "after a keystroke" pays for parsing the document again.'],
  };
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const fieldsArg = args.find(a => a.startsWith('--fields='));
  runAuthoringBench({ quick: args.includes('--quick'), fields: fieldsArg ? Number(fieldsArg.slice(9)) : undefined, log: line => console.log(line) })
    .then(r => {
      const t = authoringTable(r);
      console.log(`\n${t.title}`);
      for (const row of t.rows) console.log(`  ${row.join(' | ')}`);
    })
    .catch(err => {
      console.error(err);
      process.exit(1);
    });
}
