// Benchmark: rename of a named type referenced from 500 files, and its references, through the real server on a workspace of 2,000 files.
//
// The workspace: 1,499 generated files (generateWorkspace: realistic sizes and cross-file
// references), one file defining com.acme.shared.Money, and 500 files whose records use it twice
// (a field and a nullable field). The server is started on it and waits for its index; the
// definition file is opened in the editor. Then textDocument/rename (Money -> Amount) and
// textDocument/references (declaration included) are sent at the definition's name, round trip
// timed by the client; each answer is checked (501 files edited, 1,001 locations).
import { tempWorkspace } from '../helpers/lspClient';
import { LineIndex } from '../../server/src/service/text';
import { generateWorkspace } from './generate';
import type { SectionTable } from './report';
import { startBenchServer } from './serverHarness';
import { formatMs, summarize, type Summary } from './stats';

export interface NavigationScenario {
  name: string;
  method: 'textDocument/rename' | 'textDocument/references';
  latency: Summary;
  maxMs: number;
  /** What the answer held: files edited (rename) or locations (references). */
  size: number;
  expectedSize: number;
}

export interface NavigationResult {
  files: number;
  referencingFiles: number;
  startToReadyMs: number;
  scenarios: NavigationScenario[];
}

const MONEY = `{
  "type": "record",
  "name": "Money",
  "namespace": "com.acme.shared",
  "doc": "An amount of money in a currency.",
  "fields": [
    {"name": "units", "type": "long", "doc": "Whole units."},
    {"name": "nanos", "type": "int", "default": 0},
    {"name": "currency", "type": "string", "doc": "ISO 4217 code."}
  ]
}
`;

function payment(i: number): string {
  return `{
  "type": "record",
  "name": "Payment${i}",
  "namespace": "com.acme.payments.p${i % 8}",
  "fields": [
    {"name": "id", "type": "string"},
    {"name": "amount", "type": "com.acme.shared.Money"},
    {"name": "fee", "type": ["null", "com.acme.shared.Money"], "default": null},
    {"name": "note", "type": ["null", "string"], "default": null}
  ]
}
`;
}

export async function runNavigationBench(options: { quick: boolean; files?: number; referencing?: number; log: (line: string) => void }): Promise<NavigationResult> {
  const total = options.files ?? 2000;
  const referencing = options.referencing ?? 500;
  const files: Record<string, string> = { 'shared/Money.avsc': MONEY };
  for (let i = 0; i < referencing; i++) files[`payments/Payment${i}.avsc`] = payment(i);
  for (const f of generateWorkspace(total - referencing - 1)) files[f.path] = f.text;
  const ws = tempWorkspace(files, 'avro-bench-navigation-');
  const warmup = options.quick ? 2 : 5;
  const iterations = options.quick ? 10 : 30;
  const started = performance.now();
  const server = await startBenchServer({ mode: 'pull', workspaceFolders: [ws.root] });
  const startToReadyMs = performance.now() - started;
  const { client } = server;
  const scenarios: NavigationScenario[] = [];
  try {
    const uri = ws.uri('shared/Money.avsc');
    await client.open(uri, MONEY);
    const position = new LineIndex(MONEY).positionAt(MONEY.indexOf('"Money"') + 1);
    const probes: Array<{ name: string; method: NavigationScenario['method']; params: unknown; size(result: unknown): number; expected: number }> = [
      {
        name: `rename of a record referenced from ${referencing} files (WorkspaceEdit with every file)`,
        method: 'textDocument/rename',
        params: { textDocument: { uri }, position, newName: 'Amount' },
        size: result => {
          const edit = result as { documentChanges?: unknown[]; changes?: Record<string, unknown> } | null;
          return edit?.documentChanges?.length ?? Object.keys(edit?.changes ?? {}).length;
        },
        expected: referencing + 1,
      },
      {
        name: `references of that record in a workspace of ${total.toLocaleString('en-US')} files (declaration included)`,
        method: 'textDocument/references',
        params: { textDocument: { uri }, position, context: { includeDeclaration: true } },
        size: result => (result as unknown[] | null)?.length ?? 0,
        expected: referencing * 2 + 1,
      },
    ];
    for (const probe of probes) {
      const samples: number[] = [];
      let size = 0;
      for (let i = 0; i < warmup + iterations; i++) {
        const start = process.hrtime.bigint();
        const result = await client.request<unknown>(probe.method, probe.params);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (i >= warmup) samples.push(ms);
        size = probe.size(result);
      }
      if (size !== probe.expected) throw new Error(`${probe.method}: expected ${probe.expected} in the answer, got ${size}`);
      const scenario: NavigationScenario = { name: probe.name, method: probe.method, latency: summarize(samples), maxMs: Math.max(...samples), size, expectedSize: probe.expected };
      scenarios.push(scenario);
      options.log(`  ${probe.name}: median ${formatMs(scenario.latency.median)} ms, p95 ${formatMs(scenario.latency.p95)} ms (${size})`);
    }
    if (client.errorLogs().length) throw new Error(`the server logged errors: ${client.errorLogs().join('\n')}`);
  } finally {
    await server.stop();
    ws.cleanup();
  }
  return { files: total, referencingFiles: referencing, startToReadyMs, scenarios };
}

export function navigationTable(r: NavigationResult): SectionTable {
  return {
    title: `Rename and references through the server over stdio, workspace of ${r.files.toLocaleString('en-US')} files (${r.referencingFiles} of them reference the renamed type), ms`,
    header: ['request', 'median', 'p95', 'max', 'answer'],
    rows: r.scenarios.map(s => [s.name, formatMs(s.latency.median), formatMs(s.latency.p95), formatMs(s.maxMs), s.method === 'textDocument/rename' ? `${s.size} files edited` : `${s.size} locations`]),
    notes: [`Round trip measured by the client; the server was ready ${formatMs(r.startToReadyMs)} ms after it was started (index of every file).`],
  };
}
