// Benchmark: keystroke to diagnostics on a 1,000-field schema with BACKWARD compatibility against git HEAD, through the real server (target p50 under 40 ms).
//
// The measurement is test/lsp/compatBench.ts (a temp git repository, the working copy one breaking
// change ahead of HEAD, typing timed from didChange to the diagnostics of that version, debounce
// excluded): this file runs it for `npm run bench` and turns it into a table.
import { runCompatKeystrokeBench, type CompatKeystrokeRun } from '../lsp/compatBench';
import type { SectionTable } from './report';
import { formatMs } from './stats';

export interface CompatKeystrokeResult {
  fields: number;
  keystrokes: number;
  warmup: number;
  runs: CompatKeystrokeRun[];
}

export async function runCompatKeystroke(options: { quick: boolean; log: (line: string) => void }): Promise<CompatKeystrokeResult> {
  const keystrokes = options.quick ? 60 : 200;
  const warmup = options.quick ? 10 : 20;
  const runs = await runCompatKeystrokeBench({ keystrokes, warmup, log: line => options.log(`  ${line}`) });
  return { fields: 1000, keystrokes, warmup, runs };
}

export function compatKeystrokeTable(r: CompatKeystrokeResult): SectionTable {
  return {
    title: `Keystroke to diagnostics with BACKWARD against git HEAD, ${r.fields.toLocaleString('en-US')}-field file, through the server over stdio`,
    header: ['mode', 'typing', 'compatibility check', 'keystrokes', 'p50 ms', 'p95 ms', 'mean ms', 'diagnostics with the finding'],
    rows: r.runs.map(run => [
      run.mode,
      run.scenario === 'valid' ? 'a digit typed and deleted (valid after every keystroke)' : 'new fields, as VS Code edits',
      run.compatibility ? 'on' : 'off',
      String(run.keystrokes),
      formatMs(run.latency.median),
      formatMs(run.latency.p95),
      formatMs(run.latency.mean),
      `${run.checked}/${run.keystrokes}`,
    ]),
    notes: [
      `${r.warmup} warm-up keystrokes not counted; 30 ms pause after each result. The working copy adds one field without a default to the committed schema, so every check that runs finds one breaking change (AVRO-400): "diagnostics with the finding" counts the keystrokes whose text was valid and checked.`,
      'pull: didChange then textDocument/diagnostic; push: didChange, until publishDiagnostics of that version (avro.diagnostics.debounceMs = 0). "off" is the same typing with avro.compatibility.enabled false: the difference is the cost of the check.',
    ],
  };
}
