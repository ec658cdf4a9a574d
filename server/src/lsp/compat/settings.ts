// The avro.compatibility.* settings as the server reads them: invalid values fall back to the defaults (BACKWARD against git:HEAD).
import { formatBaselineSpec, parseBaselineSpec, type BaselineSpec } from '../../baselines/types';
import { isCompatibilityLevel, type CompatibilityLevel } from '../../service/compatibility/levels';

export interface CompatibilitySettings {
  enabled: boolean;
  level: CompatibilityLevel;
  baseline: BaselineSpec;
  /** Values that were set but invalid, for the log ("avro.compatibility.level: "backwards" is not a level"). */
  problems: string[];
}

/** Confluent Schema Registry's default level, against the last commit. */
export const DEFAULT_LEVEL: CompatibilityLevel = 'BACKWARD';
export const DEFAULT_BASELINE: BaselineSpec = { kind: 'git', ref: 'HEAD' };

export function readCompatibilitySettings(raw: unknown): CompatibilitySettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: CompatibilitySettings = { enabled: r.enabled !== false, level: DEFAULT_LEVEL, baseline: DEFAULT_BASELINE, problems: [] };
  if (typeof r.level === 'string' && r.level.trim()) {
    const level = r.level.trim().toUpperCase();
    if (isCompatibilityLevel(level)) out.level = level;
    else out.problems.push(`avro.compatibility.level: ${JSON.stringify(r.level)} is not a level (NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE); using ${DEFAULT_LEVEL}.`);
  }
  if (typeof r.baseline === 'string' && r.baseline.trim()) {
    const spec = parseBaselineSpec(r.baseline);
    if (spec) out.baseline = spec;
    else out.problems.push(`avro.compatibility.baseline: ${JSON.stringify(r.baseline)} is not a baseline ("git:HEAD", "git:<ref>", "git:history", "file:<path>" or "registry"); using ${formatBaselineSpec(DEFAULT_BASELINE)}.`);
  }
  return out;
}
