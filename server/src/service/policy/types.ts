// The team's policy for one schema file, resolved by the project layer from avro-studio.json "policy" (preset, top level, per glob): plain data the policy rules read.
//
// Globs are already matched by the caller (config/policyConfig.ts): the service sees whether this
// file is inside the allowed folders and whether a frozen entry names it by path; fullnames are
// matched here, against the document's named types.

/** Where a setting is written in avro-studio.json: the hover links to it, messages name it. */
export interface PolicyOrigin {
  /** URI of the project file. */
  uri: string;
  /** Zero-based line of the setting's key. */
  line: number;
  /** The setting's path as people read it: 'policy.naming.fields', 'schemas[1].policy.frozen[0]'. */
  key: string;
}

interface PolicyPart {
  /** The team's reason, quoted in every message of the rule. */
  reason?: string;
  origin?: PolicyOrigin;
}

export type VersionKind = 'semver' | 'integer';

export interface VersionFieldPolicy extends PolicyPart {
  /** The field holding the version in its default ("schema_version"). */
  name: string;
  kind: VersionKind;
  /** Every record schema file must have the field (AVRO-600). */
  required: boolean;
  /** A schema that differs from its baseline must have a greater version (AVRO-602, AVRO-603). */
  bump: boolean;
}

export interface FrozenPolicy extends PolicyPart {
  /** A glob of the entry matched this file's path. */
  fileMatched: boolean;
  /** Fullnames the entry names (matched against the document's named types). */
  fullnames: string[];
  /** Where the team documents migration plans ("docs/contracts/migrations/"). */
  migrationPlan?: string;
}

export const BREAKING_RULES = [
  'field-removed',
  'field-renamed',
  'field-type-changed',
  'enum-symbol-removed',
  'enum-symbols-reordered',
  'aliases-removed',
  'name-changed',
  'namespace-changed',
  'required-field-added',
] as const;
export type BreakingRule = (typeof BREAKING_RULES)[number];

export interface BreakingPolicy extends PolicyPart {
  rules: BreakingRule[];
}

export interface PlacementPolicy extends PolicyPart {
  /** Globs (relative to avro-studio.json) where schema files may live. */
  allowed: string[];
  /** Whether this file matches one of them. */
  inside: boolean;
}

export const NAME_STYLES = ['PascalCase', 'camelCase', 'snake_case', 'UPPER_SNAKE_CASE'] as const;
export type NameStyle = (typeof NAME_STYLES)[number];
export const NAMESPACE_STYLES = ['lowercase-dotted'] as const;
export type NamespaceStyle = (typeof NAMESPACE_STYLES)[number];

export interface NamingPolicy extends PolicyPart {
  /** Names of records, enums and fixed types. */
  records?: NameStyle;
  fields?: NameStyle;
  enumSymbols?: NameStyle;
  namespaces?: { style?: NamespaceStyle; prefix?: string };
  /** Origins of each key, for messages and hovers. */
  origins?: Partial<Record<'records' | 'fields' | 'enumSymbols' | 'namespaces', PolicyOrigin>>;
}

export interface DocPolicy extends PolicyPart {
  types: boolean;
  fields: boolean;
}

export interface NewFieldsOptionalPolicy extends PolicyPart {
  enabled: boolean;
}

export interface PolicySettings {
  versionField?: VersionFieldPolicy;
  frozen: FrozenPolicy[];
  breaking?: BreakingPolicy;
  placement?: PlacementPolicy;
  naming?: NamingPolicy;
  doc?: DocPolicy;
  newFieldsOptional?: NewFieldsOptionalPolicy;
}

/** What a policy diagnostic carries for fixes and the hover (never parsed out of the message). */
export interface PolicyDiagnosticData {
  policy: {
    /** The setting that asked for it ('versionField', 'naming.fields', 'breaking', ...). */
    rule: string;
    origin?: PolicyOrigin;
    /** Replace the span with this JSON text (the right next version). */
    replaceWith?: string;
    /** Rename the name at the span to this (with an alias). */
    renameTo?: string;
    /** Add a "doc" stub to the object at this offset. */
    docFor?: number;
    /** Insert the version field (its JSON text) first in the root record's fields. */
    insertField?: string;
    /** Make the field at the span optional (["null", T] with a null default). */
    makeOptional?: true;
  };
}
