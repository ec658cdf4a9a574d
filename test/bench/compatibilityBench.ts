// The compatibility benchmark's entry for `npm run bench` (the measurement lives with the differential tests): results for the targets, tables for the report.
import { measureSize, tables, type SizeResult } from '../differential/compatibilityBench';
import type { SectionTable } from './report';

export { runCompatibilityBench } from '../differential/compatibilityBench';

export interface CompatibilityResult {
  sizes: SizeResult[];
}

/** The 1,000 and 10,000-field pairs: ours, avsc and python3-avro in the same run. */
export async function runCompatibility(options: { quick: boolean; log: (line: string) => void; sizes?: number[] }): Promise<CompatibilityResult> {
  const sizes: SizeResult[] = [];
  for (const n of options.sizes ?? [1000, 10000]) sizes.push(await measureSize(n, options.quick, line => options.log(`  ${line}`)));
  return { sizes };
}

/** The differential benchmark's tables, without its own verdicts (the report's Targets table judges them). */
export function compatibilityTables(r: CompatibilityResult): SectionTable[] {
  return tables(r.sizes).filter(t => t.title !== 'Compatibility targets');
}
