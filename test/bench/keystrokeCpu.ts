// CPU time of the service's part of a keystroke, in process: the editor typing of section b
// (keystrokeBench.ts) on the 1,000-field schema, each keystroke re-parsed from the previous version,
// put in the index and validated with every rule. CPU time (process.cpuUsage), not wall time: it is
// what a loaded machine disturbs least. Run after `npm run compile`:
//   node --expose-gc out/test/bench/keystrokeCpu.js [keystrokes=590] [runs=2]
// "text" is the first read of the edited text (V8 flattens the concatenated string: every parser
// pays it, an in-place one too); "re-parse" is reparseAvroDocument + SchemaIndex.set.
import { generateSchema } from './generate';
import { editorTypingPlan } from './keystrokeBench';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { reparseAvroDocument } from '../../server/src/service/model/incremental';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { DEFAULT_SETTINGS } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';

const WARMUP = 20;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function main(): void {
  const count = Number(process.argv[2] ?? 590);
  const runs = Number(process.argv[3] ?? 2);
  const original = generateSchema({ fields: 1000, seed: 1 }).text;
  const plan = editorTypingPlan(original, count + WARMUP);
  const uri = 'file:///bench/events/big-event.avsc';
  for (let r = 0; r < runs; r++) {
    let text = original;
    let doc = parseAvroDocument(uri, text, 0);
    const index = new SchemaIndex();
    index.set(doc);
    let flattenMs = 0;
    let reparseMs = 0;
    let rulesMs = 0;
    let full = 0;
    (globalThis as { gc?: () => void }).gc?.();
    const start = cpuMs();
    let warm = start;
    for (let i = 0; i < plan.length; i++) {
      if (i === WARMUP) warm = cpuMs();
      const k = plan[i];
      text = text.slice(0, k.offset) + k.text + text.slice(k.offset);
      const t0 = cpuMs();
      text.charCodeAt(k.offset);
      const t1 = cpuMs();
      const result = reparseAvroDocument(doc, text, i + 1, { start: k.offset, oldEnd: k.offset, newEnd: k.offset + k.text.length });
      doc = result.doc;
      if (result.kind === 'full') full++;
      index.set(doc);
      const t2 = cpuMs();
      validateDocument(doc, DEFAULT_SETTINGS, index);
      const t3 = cpuMs();
      if (i >= WARMUP) {
        flattenMs += t1 - t0;
        reparseMs += t2 - t1;
        rulesMs += t3 - t2;
      }
    }
    const n = plan.length - WARMUP;
    const all = (cpuMs() - warm) / n;
    const f = (x: number): string => (x / n).toFixed(2);
    console.log(`run ${r}: ${n} keystrokes (${full} full parses), CPU ms per keystroke: all ${all.toFixed(2)} = text ${f(flattenMs)} + re-parse ${f(reparseMs)} + rules ${f(rulesMs)} + the rest (GC outside these, the loop) ${(all - (flattenMs + reparseMs + rulesMs) / n).toFixed(2)}`);
  }
}

main();
