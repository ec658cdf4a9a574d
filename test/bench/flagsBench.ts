// Benchmark e: the 10,000-field validation under different node flags (V8 young-generation size), one child process per flag set.
//
// Building a large tree is dominated by young-generation GC (scavenges copy every surviving node);
// --max-semi-space-size changes how often that happens. Run as a script, this file is the child.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createScanner } from 'jsonc-parser';
import { parseJson } from '../../server/src/service/parser/json';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { generateSchema } from './generate';
import { measure } from './stats';

export interface FlagsRun {
  flags: string;
  scanner: number;
  parseJson: number;
  model: number;
  ours: number;
  /** Peak RSS of the whole child process, bytes. */
  peakRss: number;
}

export interface FlagsResult {
  fields: number;
  iterations: number;
  runs: FlagsRun[];
}

let sink: unknown;

async function child(fields: number, iterations: number, out: string): Promise<void> {
  const text = generateSchema({ fields, seed: 1 }).text;
  const uri = 'file:///bench/flags.avsc';
  const m = await measure(
    [
      {
        name: 'scanner',
        run: () => {
          const scanner = createScanner(text, true);
          let acc = 0;
          while ((scanner.scan() as number) !== 17) acc += scanner.getTokenOffset() + scanner.getTokenLength();
          sink = acc;
        },
      },
      { name: 'parseJson', run: () => (sink = parseJson(text)) },
      { name: 'model', run: () => (sink = parseAvroDocument(uri, text, 1)) },
      {
        name: 'ours',
        run: () => {
          const doc = parseAvroDocument(uri, text, 1);
          const index = new SchemaIndex();
          index.set(doc);
          sink = validateDocument(doc, DEFAULT_SETTINGS, index);
        },
      },
    ],
    { warmup: 3, iterations },
  );
  void sink;
  const result = {
    scanner: m.get('scanner')!.median,
    parseJson: m.get('parseJson')!.median,
    model: m.get('model')!.median,
    ours: m.get('ours')!.median,
    peakRss: process.resourceUsage().maxRSS * 1024,
  };
  fs.writeFileSync(out, JSON.stringify(result));
}

export function runFlagsBench(options: { fields: number; iterations: number; variants: string[]; log: (line: string) => void }): FlagsResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-bench-flags-'));
  const runs: FlagsRun[] = [];
  try {
    for (const flags of options.variants) {
      const out = path.join(dir, `run-${runs.length}.json`);
      const args = ['--expose-gc', ...flags.split(' ').filter(Boolean), __filename, '--child', String(options.fields), String(options.iterations), out];
      const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } });
      if (r.status !== 0) throw new Error(`flags benchmark child (${flags || 'default'}) exited with ${r.status}`);
      const child = JSON.parse(fs.readFileSync(out, 'utf8')) as Omit<FlagsRun, 'flags'>;
      runs.push({ flags, ...child });
      options.log(`  ${flags || '(default)'}: ours ${child.ours.toFixed(1)} ms, floor ${child.scanner.toFixed(1)} ms`);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { fields: options.fields, iterations: options.iterations, runs };
}

if (require.main === module && process.argv[2] === '--child') {
  child(Number(process.argv[3]), Number(process.argv[4]), process.argv[5]).catch(err => {
    console.error(err);
    process.exitCode = 1;
  });
}
