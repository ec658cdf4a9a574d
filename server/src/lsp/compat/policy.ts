// Which level and baseline apply to a file: avro-studio.json where it speaks (the team's policy, what CI applies), else the settings.
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE, policyFor } from '../../config/projectConfig';
import { formatBaselineSpec, type BaselineResult, type BaselineSpec } from '../../baselines/types';
import { isCompatibilityLevel, type CompatibilityLevel } from '../../service/compatibility/levels';
import type { CompatibilitySettings } from './settings';

export interface EffectiveCompatibility {
  enabled: boolean;
  level: CompatibilityLevel;
  baseline: BaselineSpec;
  /** Folder that relative file: paths start from: the project file's folder, else the workspace folder, else the file's. */
  root: string;
  /** Where the level and the baseline come from, for the report: 'avro-studio.json "schemas"[1] (events/**)', 'setting avro.compatibility.level'. */
  levelFrom: string;
  baselineFrom: string;
  /** The project file read, if any. */
  configFile: string | undefined;
}

/**
 * The project file wins over the settings where it sets something for the file (a matching rule,
 * then its top-level "compatibility"): the team's policy in the repository is what CI checks, and
 * the editor must not disagree with CI. The settings decide where the project file says nothing;
 * `enabled: false` in the settings turns the checks off whatever the project file says.
 */
export function effectiveCompatibility(filePath: string, folder: string | undefined, settings: CompatibilitySettings, project: LoadedProjectConfig | undefined): EffectiveCompatibility {
  const out: EffectiveCompatibility = {
    enabled: settings.enabled,
    level: settings.level,
    baseline: settings.baseline,
    root: folder ?? path.dirname(filePath),
    levelFrom: 'setting avro.compatibility.level',
    baselineFrom: 'setting avro.compatibility.baseline',
    configFile: project?.file,
  };
  if (!project) return out;
  const config = project.config;
  out.root = config.root;
  const relative = path.relative(config.root, filePath);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return out;
  const policy = policyFor(config, relative);
  const ruleOf = (key: 'level' | 'baseline'): string | undefined => {
    for (let i = policy.matchedRules.length - 1; i >= 0; i--) {
      const n = policy.matchedRules[i];
      const rule = config.schemas[n];
      if (rule[key] !== undefined) return `${PROJECT_CONFIG_FILE} "schemas"[${n}] (${rule.files.join(', ')})`;
    }
    return config[key] !== undefined ? `${PROJECT_CONFIG_FILE} "compatibility"` : undefined;
  };
  if (policy.level) {
    out.level = policy.level;
    out.levelFrom = ruleOf('level') ?? PROJECT_CONFIG_FILE;
  }
  if (policy.baseline) {
    out.baseline = policy.baseline;
    out.baselineFrom = ruleOf('baseline') ?? PROJECT_CONFIG_FILE;
  }
  return out;
}

/** How the baseline is named in messages: "HEAD", "origin/main", "git history", "old.avsc", "registry". */
export function baselineLabel(spec: BaselineSpec): string {
  switch (spec.kind) {
    case 'git': return spec.ref;
    case 'git-history': return 'git history';
    case 'file': return path.basename(spec.path);
    case 'registry': return 'registry';
  }
}

export function describeBaseline(spec: BaselineSpec): string {
  return formatBaselineSpec(spec);
}

/** With a registry baseline, the level read with it (the subject's own, unless the project file gives one) is the one in force. */
export function withRegistryLevel(policy: EffectiveCompatibility, result: BaselineResult): EffectiveCompatibility {
  if (policy.baseline.kind !== 'registry' || result.kind !== 'ok' || !result.registry) return policy;
  const level = result.registry.level.toUpperCase();
  if (!isCompatibilityLevel(level)) return policy;
  return { ...policy, level, levelFrom: result.registry.levelFrom ?? policy.levelFrom };
}
