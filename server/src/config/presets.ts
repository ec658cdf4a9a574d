// The presets of avro-studio.json "preset": a starting policy and rule severities a team's own "policy" and "rules" refine (documented in the README, "Presets").
import type { RuleSeverities } from './projectConfig';
import type { PolicyConfig, PresetName } from './policyConfig';
import { BREAKING_RULES, type PolicyOrigin } from '../service/languageService';

export interface Preset {
  /** What the preset turns on, for the README and the JSON Schema. */
  description: string;
  policy(origin: PolicyOrigin): PolicyConfig;
  rules: RuleSeverities;
}

const recommended = (origin: PolicyOrigin): PolicyConfig => ({
  naming: { value: { records: 'PascalCase', enumSymbols: 'UPPER_SNAKE_CASE' }, origin, origins: { records: origin, enumSymbols: origin } },
  newFieldsOptional: { value: { enabled: true }, origin },
});

export const PRESETS_DATA: Record<PresetName, Preset> = {
  recommended: {
    description: 'Record, enum and fixed names in PascalCase, enum symbols in UPPER_SNAKE_CASE (warnings); fields added since the baseline are ["null", T] with a null default (warning).',
    policy: recommended,
    rules: {},
  },
  'strict-contract': {
    description: 'recommended, plus: a semver "schema_version" field in every record, bumped by the kind of change (MAJOR for breaking changes, MINOR for additions, PATCH for doc); every breaking-change rule (a field removed, renamed or retyped, enum symbols removed or reordered, aliases removed, a name or namespace changed, a required field added); "doc" on every type and field; lowercase dotted namespaces; the missing version field, missing docs and non-optional new fields are errors.',
    policy: origin => ({
      ...recommended(origin),
      versionField: { value: { name: 'schema_version', kind: 'semver', required: true, bump: true }, origin },
      breaking: { value: { rules: [...BREAKING_RULES] }, origin },
      naming: { value: { records: 'PascalCase', enumSymbols: 'UPPER_SNAKE_CASE', namespaces: { style: 'lowercase-dotted' } }, origin, origins: { records: origin, enumSymbols: origin, namespaces: origin } },
      doc: { value: { types: true, fields: true }, origin },
    }),
    rules: { 'AVRO-600': 'error', 'AVRO-650': 'error', 'AVRO-651': 'error', 'AVRO-660': 'error' },
  },
};
