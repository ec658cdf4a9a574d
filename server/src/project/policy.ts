// Which compatibility level and baseline apply to a file: the front-end's override, else avro-studio.json's rules for the file, else the front-end's default. One function for the editor and `avro-studio check`.
//
// The project file is the team's policy and what CI applies, so it wins over the editor's settings
// wherever it says something for the file; the CLI's --level/--against win over the project file
// (they are the CI job's explicit choice). The editor passes its settings as the defaults, the CLI
// its defaults (BACKWARD against git:HEAD) and its flags as the override.
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { policyFor, PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { relativeInside } from '../config/units';
import type { BaselineResult } from '../baselines/types';
import type { BaselineSpec } from '../domain/baselines';
import { isCompatibilityLevel, type CompatibilityLevel } from '../domain/compatibility';

/** Where a level or a baseline comes from. */
export type PolicySource = 'option' | 'project file' | 'default' | 'registry';

export interface PolicyOrigin {
  source: PolicySource;
  /** For people: 'setting avro.compatibility.level', 'avro-studio.json "schemas"[1] (events/**)', "registry's level of subject x". */
  label: string;
}

/** What a front-end starts from: its own defaults (editor settings, CLI defaults) and what overrides the project file (CLI flags). */
export interface PolicyInputs {
  defaults: {
    level: CompatibilityLevel;
    baseline: BaselineSpec;
    /** Folder that a relative file: path of the default baseline starts from. */
    base: string;
    levelLabel: string;
    baselineLabel: string;
  };
  override?: {
    level?: CompatibilityLevel;
    baseline?: BaselineSpec;
    /** Folder that a relative file: path of the override starts from (the CLI's working directory). */
    base: string;
    levelLabel: string;
    baselineLabel: string;
  };
}

/** The compatibility policy of one file. */
export interface CompatibilityPolicy {
  level: CompatibilityLevel;
  baseline: BaselineSpec;
  /** Folder that a relative file: path starts from. */
  base: string;
  levelFrom: PolicyOrigin;
  baselineFrom: PolicyOrigin;
  /** The project file read, if any. */
  configFile: string | undefined;
}

/** The policy of `filePath` (absolute): the override, else the project file's rules for it (later rules win), else the defaults. */
export function compatibilityPolicy(filePath: string, project: LoadedProjectConfig | undefined, inputs: PolicyInputs): CompatibilityPolicy {
  const { defaults, override } = inputs;
  const out: CompatibilityPolicy = {
    level: defaults.level,
    baseline: defaults.baseline,
    base: defaults.base,
    levelFrom: { source: 'default', label: defaults.levelLabel },
    baselineFrom: { source: 'default', label: defaults.baselineLabel },
    configFile: project?.file,
  };
  // The project file's globs match files inside its folder only (as the registry mapping does).
  const config = project?.config;
  const relative = config ? relativeInside(config.root, filePath) : undefined;
  if (config && relative !== undefined) {
    const policy = policyFor(config, relative);
    const ruleOf = (key: 'level' | 'baseline'): string => {
      for (let i = policy.matchedRules.length - 1; i >= 0; i--) {
        const n = policy.matchedRules[i];
        const rule = config.schemas[n];
        if (rule[key] !== undefined) return `${PROJECT_CONFIG_FILE} "schemas"[${n}] (${rule.files.join(', ')})`;
      }
      return `${PROJECT_CONFIG_FILE} "compatibility"`;
    };
    if (policy.level) {
      out.level = policy.level;
      out.levelFrom = { source: 'project file', label: ruleOf('level') };
    }
    if (policy.baseline) {
      out.baseline = policy.baseline;
      out.base = config.root;
      out.baselineFrom = { source: 'project file', label: ruleOf('baseline') };
    }
  }
  if (override?.level) {
    out.level = override.level;
    out.levelFrom = { source: 'option', label: override.levelLabel };
  }
  if (override?.baseline) {
    out.baseline = override.baseline;
    out.base = override.base;
    out.baselineFrom = { source: 'option', label: override.baselineLabel };
  }
  return out;
}

/**
 * With a registry baseline, the level read with it is the one in force (the subject's own, or the
 * global one) unless the project file or an option gives one: the registry baseline says which.
 */
export function withRegistryLevel<T extends CompatibilityPolicy>(policy: T, result: BaselineResult): T {
  if (policy.baseline.kind !== 'registry' || result.kind === 'unavailable' || !result.registry || result.registry.levelFrom === undefined) return policy;
  const level = result.registry.level.toUpperCase();
  if (!isCompatibilityLevel(level)) return policy;
  return { ...policy, level, levelFrom: { source: 'registry', label: result.registry.levelFrom } };
}

/**
 * The baselines a run may use, with the folder their relative paths start from: the override when
 * there is one (it wins for every file), else the project file's (top level and every rule) and
 * the default. Their file: paths inside the workspace are baseline copies, never schemas of the
 * workspace (see baselineExclusions).
 */
export function baselinesInUse(project: LoadedProjectConfig | undefined, inputs: PolicyInputs): Array<{ spec: BaselineSpec; base: string }> {
  if (inputs.override?.baseline) return [{ spec: inputs.override.baseline, base: inputs.override.base }];
  const out = [{ spec: inputs.defaults.baseline, base: inputs.defaults.base }];
  const config = project?.config;
  if (config) {
    if (config.baseline) out.push({ spec: config.baseline, base: config.root });
    for (const rule of config.schemas) if (rule.baseline) out.push({ spec: rule.baseline, base: config.root });
  }
  return out;
}

/** "HEAD", "origin/main", "git history", "old.avsc", "registry": how a baseline is named in status lines. */
export function baselineLabel(spec: BaselineSpec): string {
  switch (spec.kind) {
    case 'git': return spec.ref;
    case 'git-history': return 'git history';
    case 'file': return path.basename(spec.path);
    case 'registry': return 'registry';
  }
}
