// Runs python3-avro's compatibility checker (Debian's package, under /usr/bin/python3) on schema pairs, in one process.
import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

export const PYTHON = '/usr/bin/python3';
const SCRIPT = path.join(REPO_ROOT, 'test', 'differential', 'python_compat.py');

export interface PythonVerdict {
  verdict: 'compatible' | 'incompatible' | 'error';
  /** Incompatibility types, upper case, deduplicated. */
  types?: string[];
  /** python3-avro's location set (it always holds "/" once something failed). */
  locations?: string[];
  messages?: string[];
  error?: string;
}

/** Undefined when python3-avro can be used, else why not. */
export function pythonAvroMissing(): string | undefined {
  const r = spawnSync(PYTHON, ['-c', 'import avro.compatibility, avro.schema'], { encoding: 'utf8' });
  if (r.error) return `${PYTHON} cannot be run (${r.error.message})`;
  if (r.status !== 0) return `python3-avro is not installed for ${PYTHON} (apt-get install python3-avro): ${r.stderr.trim().split('\n').pop()}`;
  return undefined;
}

/** python3-avro's verdict for each pair (schemas as JSON values). */
export function runPythonAvro(pairs: ReadonlyArray<{ reader: unknown; writer: unknown }>): PythonVerdict[] {
  if (pairs.length === 0) return [];
  const input = pairs.map(p => JSON.stringify({ reader: p.reader, writer: p.writer })).join('\n') + '\n';
  const out = execFileSync(PYTHON, [SCRIPT], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  const lines = out.split('\n').filter(l => l.trim());
  if (lines.length !== pairs.length) throw new Error(`python3-avro answered ${lines.length} lines for ${pairs.length} pairs`);
  return lines.map(l => JSON.parse(l) as PythonVerdict);
}
