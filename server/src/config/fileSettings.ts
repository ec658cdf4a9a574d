// The rule settings of one schema file: the team's avro-studio.json ("rules", "specVersion", "policy", per glob) over what the front-end starts from.
import type { AvroSettings } from '../service/settings';
import { resolvePolicy } from './policyConfig';
import { matchesAny, policyFor, type ProjectConfig } from './projectConfig';
import { relativeInside } from './units';

/**
 * `base` with the project file's rule settings for `filePath` applied: its top-level "rules",
 * "specVersion" and "policy", then those of every matching rule in "schemas" (later wins). The
 * project file is the team's policy and what CI runs, so it wins over the editor's personal
 * settings; the editor passes the user's settings as `base`, the CLI its CI defaults (and applies
 * its flags after).
 */
export function withProjectRules(base: AvroSettings, project: ProjectConfig | undefined, filePath: string): AvroSettings {
  if (!project) return base;
  const relative = relativeInside(project.root, filePath);
  if (relative === undefined) return base;
  const policy = policyFor(project, relative);
  const hasRules = Object.keys(policy.rules).length > 0;
  const teamPolicy = resolvePolicy(policy.policy, relative, matchesAny);
  if (!hasRules && !teamPolicy && (policy.specVersion === undefined || policy.specVersion === base.specVersion)) return base;
  const out: AvroSettings = {
    specVersion: policy.specVersion ?? base.specVersion,
    severity: hasRules ? { ...base.severity, ...policy.rules } : base.severity,
  };
  if (teamPolicy) out.policy = teamPolicy;
  return out;
}
