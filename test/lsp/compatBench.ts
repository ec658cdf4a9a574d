// Benchmark (not a test): keystroke-to-diagnostics with BACKWARD against git:HEAD on a 1,000-field schema, through the real server over stdio.
//
// Run: node <outDir>/test/lsp/compatBench.js [--keystrokes=N] (AVRO_STUDIO_SERVER names the server bundle).
// A generated 1,000-field schema (test/bench/generate.ts) is committed in a temp git repository; the
// working copy adds one field without a default (so every check finds one breaking change). Each
// keystroke is timed from sending didChange to holding the diagnostics of that version, debounce
// excluded (pull: textDocument/diagnostic right after the change; push: debounceMs 0, the
// publishDiagnostics of that version). Two typing scenarios: `editor` types a new field as VS Code
// edits text (auto-closed brackets: many intermediate texts are broken JSON, where the check is
// skipped), `valid` types and deletes a digit of a default value (the text is valid after every
// keystroke, so the compatibility check runs every time: the worst case). Each runs with the checks on and off.
import { performance } from 'node:perf_hooks';
import { editorTypingPlan, type Keystroke } from '../bench/keystrokeBench';
import { generateSchema } from '../bench/generate';
import { summarize, type Summary } from '../bench/stats';
import { LspTestClient } from '../helpers/lspClient';
import { repository, StatusLog } from './compatRepo';

export interface CompatKeystrokeRun {
  mode: 'pull' | 'push';
  scenario: 'editor' | 'valid';
  compatibility: boolean;
  keystrokes: number;
  latency: Summary;
  /** Keystrokes whose diagnostics held the compatibility finding (the check ran on a valid text). */
  checked: number;
}

/** One edit: replace [start, end) with text. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * Keystrokes on `"default": 0` of a top-level int field: type a digit before the 0 ("70"), then
 * Backspace it ("0"), and so on: the text is valid JSON after every keystroke.
 */
function validPlan(text: string, count: number): Edit[] {
  const at = text.indexOf('"default": 0');
  if (at < 0) throw new Error('no int default in the generated schema');
  const offset = at + '"default": '.length;
  const plan: Edit[] = [];
  for (let i = 0; plan.length < count; i++) {
    plan.push(i % 2 === 0 ? { start: offset, end: offset, text: String((i % 9) + 1) } : { start: offset, end: offset + 1, text: '' });
  }
  return plan;
}

function editorPlan(text: string, count: number): Edit[] {
  return editorTypingPlan(text, count).map((k: Keystroke) => ({ start: k.offset, end: k.offset, text: k.text }));
}

async function run(mode: 'pull' | 'push', scenario: 'editor' | 'valid', compatibility: boolean, head: string, working: string, count: number, warmup: number): Promise<CompatKeystrokeRun> {
  const ws = repository({ 'events/big-event.avsc': head });
  const client = await LspTestClient.start({
    process: true,
    mode,
    workspaceFolders: [ws.root],
    settings: { diagnostics: { debounceMs: 0 }, compatibility: { enabled: compatibility } },
  });
  const status = new StatusLog(client, mode === 'pull');
  const uri = ws.uri('events/big-event.avsc');
  try {
    await client.open(uri, working);
    if (compatibility) await status.wait(uri, s => s.state === 'breaking', 30_000);
    else if (mode === 'pull') await client.pull(uri);
    else await client.waitForDiagnostics(uri);
    const plan = scenario === 'editor' ? editorPlan(working, count + warmup) : validPlan(working, count + warmup);
    const samples: number[] = [];
    let checked = 0;
    for (let i = 0; i < plan.length; i++) {
      const k = plan[i];
      const start = performance.now();
      const version = await client.edit(uri, k.start, k.end, k.text);
      let codes: string[];
      if (mode === 'pull') {
        const report = await client.pull(uri);
        codes = report.kind === 'full' ? report.items.map(d => String(d.code)) : [];
      } else {
        codes = (await client.waitForDiagnostics(uri, p => p.version === version, { includeExisting: false, timeoutMs: 20_000 })).diagnostics.map(d => String(d.code));
      }
      const ms = performance.now() - start;
      if (i >= warmup) {
        samples.push(ms);
        if (codes.includes('AVRO-400')) checked++;
      }
      await new Promise(r => setTimeout(r, 30));
    }
    return { mode, scenario, compatibility, keystrokes: samples.length, latency: summarize(samples), checked };
  } finally {
    await client.stop();
    ws.cleanup();
  }
}

export async function runCompatKeystrokeBench(options: { keystrokes: number; warmup: number; log: (line: string) => void }): Promise<CompatKeystrokeRun[]> {
  const head = generateSchema({ fields: 1000, seed: 11 }).text;
  // The working copy: one field added first, without a default (BACKWARD: one breaking change).
  const anchor = head.indexOf('"fields": [') + '"fields": ['.length;
  const working = head.slice(0, anchor) + '\n    {"name": "region", "type": "string"},' + head.slice(anchor);
  options.log(`1,000 fields, ${(head.length / 1024).toFixed(0)} KB; ${options.keystrokes} keystrokes after ${options.warmup} warm-up ones`);
  const runs: CompatKeystrokeRun[] = [];
  for (const mode of ['pull', 'push'] as const) {
    for (const scenario of ['valid', 'editor'] as const) {
      for (const compatibility of [true, false]) {
        const r = await run(mode, scenario, compatibility, head, working, options.keystrokes, options.warmup);
        runs.push(r);
        options.log(`${mode.padEnd(4)} ${scenario.padEnd(6)} compatibility ${compatibility ? 'on ' : 'off'}: p50 ${r.latency.median.toFixed(1)} ms, p95 ${r.latency.p95.toFixed(1)} ms, mean ${r.latency.mean.toFixed(1)} ms (diagnostics with the finding: ${r.checked}/${r.keystrokes})`);
      }
    }
  }
  return runs;
}

if (require.main === module) {
  const arg = (name: string, fallback: number): number => Number(process.argv.find(a => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
  runCompatKeystrokeBench({ keystrokes: arg('keystrokes', 200), warmup: arg('warmup', 20), log: line => console.log(line) })
    .then(runs => console.log(JSON.stringify(runs.map(r => ({ ...r, latency: { ...r.latency } })), null, 2)))
    .catch(err => {
      console.error(err);
      process.exitCode = 1;
    });
}
