// The editor's inputs to the project layer's compatibility policy (project/policy.ts): the avro.compatibility.* settings are the defaults that avro-studio.json overrides.
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../../config/loadProjectConfig';
import { baselinesInUse, compatibilityPolicy, type CompatibilityPolicy, type PolicyInputs } from '../../project/policy';
import type { CompatibilitySettings } from './settings';

export { baselineLabel, withRegistryLevel } from '../../project/policy';
export { formatBaselineSpec as describeBaseline } from '../../domain/baselines';

/** The policy of one file in the editor, and whether the user turned the checks off. */
export interface EffectiveCompatibility extends CompatibilityPolicy {
  /** `false` in the settings turns the checks off whatever the project file says. */
  enabled: boolean;
}

/** The settings as the project layer's defaults; relative file: paths start from the workspace folder (where avro-studio.json is read). */
export function editorPolicyInputs(filePath: string, folder: string | undefined, settings: CompatibilitySettings): PolicyInputs {
  return {
    defaults: {
      level: settings.level,
      baseline: settings.baseline,
      base: folder ?? path.dirname(filePath),
      levelLabel: 'setting avro.compatibility.level',
      baselineLabel: 'setting avro.compatibility.baseline',
    },
  };
}

/**
 * The project file wins over the settings where it sets something for the file (a matching rule,
 * then its top-level "compatibility"): the team's policy in the repository is what CI checks, and
 * the editor must not disagree with CI. The settings decide where the project file says nothing.
 */
export function effectiveCompatibility(filePath: string, folder: string | undefined, settings: CompatibilitySettings, project: LoadedProjectConfig | undefined): EffectiveCompatibility {
  return { ...compatibilityPolicy(filePath, project, editorPolicyInputs(filePath, folder, settings)), enabled: settings.enabled };
}

/** The baselines a workspace folder may use (for the baseline copies the index leaves out, as `avro-studio check` does). */
export function editorBaselinesInUse(folder: string, settings: CompatibilitySettings, project: LoadedProjectConfig | undefined): ReturnType<typeof baselinesInUse> {
  return baselinesInUse(project, editorPolicyInputs(path.join(folder, 'x.avsc'), folder, settings));
}
