// The avro.compatibility.* settings as the server reads them: invalid values fall back to the defaults (BACKWARD against git:HEAD).
import { BASELINE_FORMS, DEFAULT_BASELINE, formatBaselineSpec, parseBaselineSpec, type BaselineSpec } from '../../domain/baselines';
import { DEFAULT_LEVEL, levelList, parseCompatibilityLevel, type CompatibilityLevel } from '../../domain/compatibility';

export interface CompatibilitySettings {
  enabled: boolean;
  level: CompatibilityLevel;
  baseline: BaselineSpec;
  /** Values that were set but invalid, for the log ("avro.compatibility.level: "backwards" is not a level"). */
  problems: string[];
}

export { DEFAULT_BASELINE, DEFAULT_LEVEL };

export function readCompatibilitySettings(raw: unknown): CompatibilitySettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const out: CompatibilitySettings = { enabled: r.enabled !== false, level: DEFAULT_LEVEL, baseline: DEFAULT_BASELINE, problems: [] };
  if (typeof r.level === 'string' && r.level.trim()) {
    const level = parseCompatibilityLevel(r.level);
    if (level) out.level = level;
    else out.problems.push(`avro.compatibility.level: ${JSON.stringify(r.level)} is not a level (${levelList()}); using ${DEFAULT_LEVEL}.`);
  }
  if (typeof r.baseline === 'string' && r.baseline.trim()) {
    const spec = parseBaselineSpec(r.baseline);
    if (spec) out.baseline = spec;
    else out.problems.push(`avro.compatibility.baseline: ${JSON.stringify(r.baseline)} is not a baseline (${BASELINE_FORMS}); using ${formatBaselineSpec(DEFAULT_BASELINE)}.`);
  }
  return out;
}
