// Timing for the benchmarks: interleaved samples of several contenders, GC between samples, medians and percentiles.

/** Summary of one contender's samples, in milliseconds (wall clock). */
export interface Summary {
  samples: number;
  median: number;
  min: number;
  p95: number;
  mean: number;
  /**
   * The same samples in CPU time of the process (user + system, all threads: V8's GC helpers
   * included), when measured: unlike wall time it does not grow while other processes hold the CPU.
   */
  cpu?: { median: number; min: number; p95: number };
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { samples: 0, median: NaN, min: NaN, p95: NaN, mean: NaN };
  const at = (q: number): number => sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))];
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return { samples: n, median, min: sorted[0], p95: at(0.95), mean: sorted.reduce((a, b) => a + b, 0) / n };
}

/** Something to time: `run` does the work once; it may be async (the JSON language service is). */
export interface Contender {
  name: string;
  run(): unknown;
}

export interface MeasureOptions {
  /** Untimed rounds first (JIT warm-up, schema compilation in the peer). */
  warmup: number;
  /** Timed rounds. */
  iterations: number;
  /**
   * Runs per sample (default 1): a sample is their mean. For sub-millisecond work one run is
   * dominated by timer granularity and by the machine's noise (and a forced GC's aftermath).
   */
  repeat?: number;
}

/** The global gc() of `node --expose-gc`, when available. */
export const forceGc: (() => void) | undefined = (globalThis as { gc?: () => void }).gc;

/**
 * Time every contender `iterations` times, round-robin (A B C, B C A, C A B, ...) so that they
 * share the machine's noise, forcing a full GC before every sample when node runs with --expose-gc
 * (garbage of one contender is then never collected on another's clock).
 */
export async function measure(contenders: readonly Contender[], options: MeasureOptions): Promise<Map<string, Summary>> {
  const samples = new Map<string, number[]>(contenders.map(c => [c.name, []]));
  const cpuSamples = new Map<string, number[]>(contenders.map(c => [c.name, []]));
  const rounds = options.warmup + options.iterations;
  const repeat = Math.max(1, options.repeat ?? 1);
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      const c = contenders[(round + k) % contenders.length];
      forceGc?.();
      const cpuStart = process.cpuUsage();
      const start = process.hrtime.bigint();
      for (let r = 0; r < repeat; r++) {
        const result = c.run();
        if (result instanceof Promise) await result;
      }
      const ms = Number(process.hrtime.bigint() - start) / 1e6 / repeat;
      const cpu = process.cpuUsage(cpuStart);
      if (round >= options.warmup) {
        samples.get(c.name)!.push(ms);
        cpuSamples.get(c.name)!.push((cpu.user + cpu.system) / 1000 / repeat);
      }
    }
  }
  return new Map([...samples].map(([name, values]) => {
    const cpu = summarize(cpuSamples.get(name)!);
    return [name, { ...summarize(values), cpu: { median: cpu.median, min: cpu.min, p95: cpu.p95 } }];
  }));
}

export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return 'n/a';
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

export function formatRatio(r: number): string {
  return Number.isFinite(r) ? `${r >= 10 ? r.toFixed(0) : r.toFixed(2)}x` : 'n/a';
}

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return 'n/a';
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(0)} KB`;
}

/** A plain-text table with aligned columns (for the terminal). */
export function textTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const NUMERIC_CELL = /^(n\/a|-?[\d.,]+ ?(ms|KB|MB|GB|x|%)?)$/;

/** A Markdown table (for docs/performance.md): columns of figures right-aligned, text left-aligned. */
export function markdownTable(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const align = header.map((_, i) => (i > 0 && rows.length > 0 && rows.every(r => NUMERIC_CELL.test(r[i] ?? '')) ? '---:' : '---'));
  return [header, align, ...rows].map(r => `| ${r.join(' | ')} |`).join('\n');
}
