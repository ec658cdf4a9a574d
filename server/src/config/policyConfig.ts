// avro-studio.json "policy" (top level and per glob in "schemas") and "preset": read with a problem at the right place for every mistake, and resolved for one schema file.
//
// The shape, agreed with the "ignore"/baseline and "init" work:
//   "policy": { "versionField": {...}, "frozen": [{...}], "breaking": {...}, "placement": {...},
//               "naming": {...}, "doc": {...}, "newFieldsOptional": true },
//   "preset": "recommended" | "strict-contract"
// A glob rule's "policy" overrides the top level's section by section, key by key (later rules win).
import type { JSONPath } from 'jsonc-parser';
import { BREAKING_RULES, NAME_STYLES, NAMESPACE_STYLES, type BreakingRule, type NameStyle, type NamespaceStyle, type NamingPolicy, type PolicyOrigin, type PolicySettings, type VersionKind } from '../service/languageService';

/** A section as written, with where it is written. */
interface Section<T> {
  value: T;
  origin: PolicyOrigin;
}

export interface VersionFieldConfig { name?: string; kind?: VersionKind; required?: boolean; bump?: boolean; reason?: string }
export interface FrozenConfig { schemas: string[]; migrationPlan?: string; reason?: string }
export interface BreakingConfig { rules: BreakingRule[]; reason?: string }
export interface PlacementConfig { allowed: string[]; reason?: string }
export interface NamingConfig {
  records?: NameStyle;
  fields?: NameStyle;
  enumSymbols?: NameStyle;
  namespaces?: { style?: NamespaceStyle; prefix?: string };
  reason?: string;
}
export interface DocConfig { types?: boolean; fields?: boolean; reason?: string }
export interface NewFieldsOptionalConfig { enabled: boolean; reason?: string }

/** The "policy" object of avro-studio.json (or of one rule in "schemas"), as read. */
export interface PolicyConfig {
  versionField?: Section<VersionFieldConfig>;
  frozen?: Array<Section<FrozenConfig>>;
  breaking?: Section<BreakingConfig>;
  placement?: Section<PlacementConfig>;
  naming?: Section<NamingConfig> & { origins: NonNullable<NamingPolicy['origins']> };
  doc?: Section<DocConfig>;
  newFieldsOptional?: Section<NewFieldsOptionalConfig>;
}

export const POLICY_KEYS = ['versionField', 'frozen', 'breaking', 'placement', 'naming', 'doc', 'newFieldsOptional'] as const;
export const PRESETS = ['recommended', 'strict-contract'] as const;
export type PresetName = (typeof PRESETS)[number];

/** How the project file's reader reports a problem and locates a setting. */
export interface PolicyReadContext {
  problem(message: string, path: JSONPath): void;
  /** Where the setting at `path` is written. */
  origin(path: JSONPath): PolicyOrigin;
  /** Reads globs with the project file's checks (relative, inside its folder); undefined after reporting a problem. */
  globs(value: unknown, path: JSONPath): string[] | undefined;
}

function label(path: JSONPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function readReason(v: Record<string, unknown>, path: JSONPath, ctx: PolicyReadContext): string | undefined {
  if (v.reason === undefined) return undefined;
  if (typeof v.reason === 'string' && v.reason.trim()) return v.reason.trim();
  ctx.problem(`"${label([...path, 'reason'])}" must be a non-empty string: the team's reason, quoted in the rule's messages.`, [...path, 'reason']);
  return undefined;
}

function unknownKeys(v: Record<string, unknown>, path: JSONPath, allowed: readonly string[], ctx: PolicyReadContext): void {
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) ctx.problem(`"${label(path)}": unknown key "${key}" (expected ${allowed.join(', ')}).`, [...path, key]);
  }
}

function readBoolean(v: Record<string, unknown>, key: string, path: JSONPath, ctx: PolicyReadContext): boolean | undefined {
  if (v[key] === undefined) return undefined;
  if (typeof v[key] === 'boolean') return v[key] as boolean;
  ctx.problem(`"${label([...path, key])}" must be true or false, not ${JSON.stringify(v[key])}.`, [...path, key]);
  return undefined;
}

function readStyle(v: Record<string, unknown>, key: string, path: JSONPath, ctx: PolicyReadContext): NameStyle | undefined {
  if (v[key] === undefined) return undefined;
  if ((NAME_STYLES as readonly unknown[]).includes(v[key])) return v[key] as NameStyle;
  ctx.problem(`"${label([...path, key])}" must be one of ${NAME_STYLES.join(', ')}, not ${JSON.stringify(v[key])}.`, [...path, key]);
  return undefined;
}

/** Whether a frozen entry's string is a glob (a path) rather than a fullname. */
export function isPathPattern(s: string): boolean {
  return /[/*?{[]/.test(s) || /\.avsc$/i.test(s);
}

const FULLNAME = /^([A-Za-z_][A-Za-z0-9_]*\.)*[A-Za-z_][A-Za-z0-9_]*$/;

/** Read a "policy" object; undefined (after the problems) when it is not an object. */
export function readPolicy(value: unknown, path: JSONPath, ctx: PolicyReadContext): PolicyConfig | undefined {
  if (value === undefined) return undefined;
  if (!isObject(value)) {
    ctx.problem(`"${label(path)}" must be an object with ${POLICY_KEYS.join(', ')} (see the README, "Team policy").`, path);
    return undefined;
  }
  const out: PolicyConfig = {};
  unknownKeys(value, path, POLICY_KEYS, ctx);

  if (value.versionField !== undefined) {
    const p = [...path, 'versionField'];
    const v = value.versionField;
    if (!isObject(v)) ctx.problem(`"${label(p)}" must be an object like {"name": "schema_version", "kind": "semver", "required": true, "bump": true}.`, p);
    else {
      unknownKeys(v, p, ['name', 'kind', 'required', 'bump', 'reason'], ctx);
      const c: VersionFieldConfig = { reason: readReason(v, p, ctx), required: readBoolean(v, 'required', p, ctx), bump: readBoolean(v, 'bump', p, ctx) };
      if (v.name !== undefined) {
        if (typeof v.name === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(v.name)) c.name = v.name;
        else ctx.problem(`"${label([...p, 'name'])}" must be an Avro field name like "schema_version", not ${JSON.stringify(v.name)}.`, [...p, 'name']);
      }
      if (v.kind !== undefined) {
        if (v.kind === 'semver' || v.kind === 'integer') c.kind = v.kind;
        else ctx.problem(`"${label([...p, 'kind'])}" must be "semver" (a "string" field with a default like "1.2.0") or "integer" (an "int" or "long" field), not ${JSON.stringify(v.kind)}.`, [...p, 'kind']);
      }
      out.versionField = { value: c, origin: ctx.origin(p) };
    }
  }

  if (value.frozen !== undefined) {
    const p = [...path, 'frozen'];
    if (!Array.isArray(value.frozen)) ctx.problem(`"${label(p)}" must be an array of {"schemas": [globs or fullnames], "migrationPlan": "...", "reason": "..."}.`, p);
    else {
      out.frozen = [];
      value.frozen.forEach((entry, i) => {
        const q = [...p, i];
        if (!isObject(entry)) {
          ctx.problem(`"${label(q)}" must be an object like {"schemas": ["schemas/RimFastEvent.avsc"], "migrationPlan": "docs/contracts/migrations/"}.`, q);
          return;
        }
        unknownKeys(entry, q, ['schemas', 'migrationPlan', 'reason'], ctx);
        const s = entry.schemas;
        const list = typeof s === 'string' ? [s] : Array.isArray(s) && s.every(x => typeof x === 'string') ? (s as string[]) : undefined;
        if (!list || list.length === 0 || list.some(x => !x.trim())) {
          ctx.problem(`"${label(q)}" names no schema: "schemas" must list globs ("schemas/RimFastEvent.avsc") or fullnames ("com.acme.RimFastEvent") of the frozen schemas.`, s === undefined ? q : [...q, 'schemas']);
          return;
        }
        const globs = list.filter(isPathPattern);
        if (globs.length && !ctx.globs(globs, [...q, 'schemas'])) return;
        const bad = list.filter(x => !isPathPattern(x) && !FULLNAME.test(x));
        if (bad.length) {
          ctx.problem(`"${label([...q, 'schemas'])}": ${bad.map(b => JSON.stringify(b)).join(', ')} is neither a glob of .avsc files nor an Avro fullname.`, [...q, 'schemas']);
          return;
        }
        const c: FrozenConfig = { schemas: list, reason: readReason(entry, q, ctx) };
        if (entry.migrationPlan !== undefined) {
          if (typeof entry.migrationPlan === 'string' && entry.migrationPlan.trim()) c.migrationPlan = entry.migrationPlan.trim();
          else ctx.problem(`"${label([...q, 'migrationPlan'])}" must be where the team writes migration plans (a path or a URL).`, [...q, 'migrationPlan']);
        }
        out.frozen!.push({ value: c, origin: ctx.origin(q) });
      });
    }
  }

  if (value.breaking !== undefined) {
    const p = [...path, 'breaking'];
    const v = value.breaking;
    if (!isObject(v)) ctx.problem(`"${label(p)}" must be an object like {"rules": ["field-removed", "field-renamed"], "reason": "..."}.`, p);
    else {
      unknownKeys(v, p, ['rules', 'reason'], ctx);
      const rules: BreakingRule[] = [];
      if (!Array.isArray(v.rules)) ctx.problem(`"${label([...p, 'rules'])}" must be an array of ${BREAKING_RULES.join(', ')}.`, v.rules === undefined ? p : [...p, 'rules']);
      else {
        v.rules.forEach((r, i) => {
          if ((BREAKING_RULES as readonly unknown[]).includes(r)) rules.push(r as BreakingRule);
          else ctx.problem(`"${label([...p, 'rules', i])}": unknown breaking rule ${JSON.stringify(r)} (expected ${BREAKING_RULES.join(', ')}).`, [...p, 'rules', i]);
        });
      }
      out.breaking = { value: { rules, reason: readReason(v, p, ctx) }, origin: ctx.origin(p) };
    }
  }

  if (value.placement !== undefined) {
    const p = [...path, 'placement'];
    const v = value.placement;
    if (!isObject(v)) ctx.problem(`"${label(p)}" must be an object like {"allowed": ["schemas/**"], "reason": "..."}.`, p);
    else {
      unknownKeys(v, p, ['allowed', 'reason'], ctx);
      if (v.allowed === undefined) ctx.problem(`"${label(p)}" needs "allowed": the globs where schema files may live.`, p);
      const allowed = v.allowed === undefined ? undefined : ctx.globs(v.allowed, [...p, 'allowed']);
      if (allowed) out.placement = { value: { allowed, reason: readReason(v, p, ctx) }, origin: ctx.origin(p) };
    }
  }

  if (value.naming !== undefined) {
    const p = [...path, 'naming'];
    const v = value.naming;
    if (!isObject(v)) ctx.problem(`"${label(p)}" must be an object like {"records": "PascalCase", "fields": "snake_case", "enumSymbols": "UPPER_SNAKE_CASE", "namespaces": {"style": "lowercase-dotted", "prefix": "com.acme"}}.`, p);
    else {
      unknownKeys(v, p, ['records', 'fields', 'enumSymbols', 'namespaces', 'reason'], ctx);
      const c: NamingConfig = { records: readStyle(v, 'records', p, ctx), fields: readStyle(v, 'fields', p, ctx), enumSymbols: readStyle(v, 'enumSymbols', p, ctx), reason: readReason(v, p, ctx) };
      const origins: NonNullable<PolicyConfig['naming']>['origins'] = {};
      for (const key of ['records', 'fields', 'enumSymbols'] as const) if (c[key]) origins[key] = ctx.origin([...p, key]);
      if (v.namespaces !== undefined) {
        const q = [...p, 'namespaces'];
        const n = v.namespaces;
        if (!isObject(n)) ctx.problem(`"${label(q)}" must be an object like {"style": "lowercase-dotted", "prefix": "com.acme"}.`, q);
        else {
          unknownKeys(n, q, ['style', 'prefix'], ctx);
          const ns: NonNullable<NamingConfig['namespaces']> = {};
          if (n.style !== undefined) {
            if ((NAMESPACE_STYLES as readonly unknown[]).includes(n.style)) ns.style = n.style as NamespaceStyle;
            else ctx.problem(`"${label([...q, 'style'])}" must be ${NAMESPACE_STYLES.map(s => `"${s}"`).join(' or ')}, not ${JSON.stringify(n.style)}.`, [...q, 'style']);
          }
          if (n.prefix !== undefined) {
            if (typeof n.prefix === 'string' && FULLNAME.test(n.prefix)) ns.prefix = n.prefix;
            else ctx.problem(`"${label([...q, 'prefix'])}" must be a namespace like "com.acme", not ${JSON.stringify(n.prefix)}.`, [...q, 'prefix']);
          }
          c.namespaces = ns;
          origins.namespaces = ctx.origin(q);
        }
      }
      out.naming = { value: c, origin: ctx.origin(p), origins };
    }
  }

  if (value.doc !== undefined) {
    const p = [...path, 'doc'];
    const v = value.doc;
    if (typeof v === 'boolean') out.doc = { value: { types: v, fields: v }, origin: ctx.origin(p) };
    else if (!isObject(v)) ctx.problem(`"${label(p)}" must be true or an object like {"types": true, "fields": true, "reason": "..."}.`, p);
    else {
      unknownKeys(v, p, ['types', 'fields', 'reason'], ctx);
      out.doc = { value: { types: readBoolean(v, 'types', p, ctx), fields: readBoolean(v, 'fields', p, ctx), reason: readReason(v, p, ctx) }, origin: ctx.origin(p) };
    }
  }

  if (value.newFieldsOptional !== undefined) {
    const p = [...path, 'newFieldsOptional'];
    const v = value.newFieldsOptional;
    if (typeof v === 'boolean') out.newFieldsOptional = { value: { enabled: v }, origin: ctx.origin(p) };
    else if (isObject(v)) {
      unknownKeys(v, p, ['enabled', 'reason'], ctx);
      out.newFieldsOptional = { value: { enabled: readBoolean(v, 'enabled', p, ctx) ?? true, reason: readReason(v, p, ctx) }, origin: ctx.origin(p) };
    } else ctx.problem(`"${label(p)}" must be true, false or {"reason": "..."}.`, p);
  }
  return out;
}

/** Read "preset"; undefined (after a problem) when it is not one of PRESETS. */
export function readPreset(value: unknown, ctx: PolicyReadContext): PresetName | undefined {
  if (value === undefined) return undefined;
  if ((PRESETS as readonly unknown[]).includes(value)) return value as PresetName;
  ctx.problem(`"preset" must be ${PRESETS.map(p => `"${p}"`).join(' or ')}, not ${JSON.stringify(value)}.`, ['preset']);
  return undefined;
}

/** Merge `over` onto `base`: section by section, key by key (frozen: the later list replaces the earlier). */
export function mergePolicy(base: PolicyConfig, over: PolicyConfig | undefined): PolicyConfig {
  if (!over) return base;
  const out: PolicyConfig = { ...base };
  if (over.versionField) out.versionField = { value: { ...base.versionField?.value, ...defined(over.versionField.value) }, origin: over.versionField.origin };
  if (over.frozen) out.frozen = over.frozen;
  if (over.breaking) out.breaking = over.breaking;
  if (over.placement) out.placement = over.placement;
  if (over.naming) {
    out.naming = {
      value: { ...base.naming?.value, ...defined(over.naming.value), namespaces: over.naming.value.namespaces ? { ...base.naming?.value.namespaces, ...defined(over.naming.value.namespaces) } : base.naming?.value.namespaces },
      origin: over.naming.origin,
      origins: { ...base.naming?.origins, ...over.naming.origins },
    };
  }
  if (over.doc) out.doc = { value: { ...base.doc?.value, ...defined(over.doc.value) }, origin: over.doc.origin };
  if (over.newFieldsOptional) out.newFieldsOptional = over.newFieldsOptional;
  return out;
}

function defined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether the policy sets anything. */
export function isEmptyPolicy(p: PolicyConfig): boolean {
  return POLICY_KEYS.every(k => p[k] === undefined);
}

/** The policy of one file, for the service: globs matched against `relativePath` (with `matches`), defaults filled in. */
export function resolvePolicy(p: PolicyConfig, relativePath: string, matches: (relativePath: string, globs: readonly string[]) => boolean): PolicySettings | undefined {
  if (isEmptyPolicy(p)) return undefined;
  const out: PolicySettings = { frozen: [] };
  if (p.versionField) {
    const v = p.versionField.value;
    out.versionField = { name: v.name ?? 'schema_version', kind: v.kind ?? 'semver', required: v.required ?? true, bump: v.bump ?? true, reason: v.reason, origin: p.versionField.origin };
  }
  for (const f of p.frozen ?? []) {
    const globs = f.value.schemas.filter(isPathPattern);
    const fullnames = f.value.schemas.filter(s => !isPathPattern(s));
    out.frozen.push({ fileMatched: globs.length > 0 && matches(relativePath, globs), fullnames, migrationPlan: f.value.migrationPlan, reason: f.value.reason, origin: f.origin });
  }
  if (p.breaking) out.breaking = { rules: p.breaking.value.rules, reason: p.breaking.value.reason, origin: p.breaking.origin };
  if (p.placement) out.placement = { allowed: p.placement.value.allowed, inside: matches(relativePath, p.placement.value.allowed), reason: p.placement.value.reason, origin: p.placement.origin };
  if (p.naming) out.naming = { ...p.naming.value, origin: p.naming.origin, origins: p.naming.origins };
  if (p.doc) out.doc = { types: p.doc.value.types ?? true, fields: p.doc.value.fields ?? true, reason: p.doc.value.reason, origin: p.doc.origin };
  if (p.newFieldsOptional) out.newFieldsOptional = { ...p.newFieldsOptional.value, origin: p.newFieldsOptional.origin };
  return out;
}
