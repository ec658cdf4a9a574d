// Policy "versionField": the root record carries a version field (schema_version) of the team's kind, and its default grows when the schema changes (semver: by the kind of change).
import { Codes } from '../codes';
import type { AvroDocument, Field, RecordSchema } from '../model/types';
import type { JsonValue } from '../parser/json';
import { policyMessage, type PolicyFinding } from './report';
import type { VersionFieldPolicy } from './types';

/** How much a change needs the version to grow: semver's parts, by the kind of change. */
export type ChangeKind = 'none' | 'patch' | 'minor' | 'major';

export interface Semver {
  major: number;
  minor: number;
  patch: number;
}

export function parseSemver(s: string): Semver | undefined {
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(s);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

export function formatSemver(v: Semver): string {
  return `${v.major}.${v.minor}.${v.patch}`;
}

function compareSemver(a: Semver, b: Semver): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

/** The smallest version after `v` for a change of this kind. */
export function nextSemver(v: Semver, change: Exclude<ChangeKind, 'none'>): Semver {
  switch (change) {
    case 'major': return { major: v.major + 1, minor: 0, patch: 0 };
    case 'minor': return { major: v.major, minor: v.minor + 1, patch: 0 };
    case 'patch': return { major: v.major, minor: v.minor, patch: v.patch + 1 };
  }
}

/** The change kind a bump from `from` to `to` covers ('none' when it does not grow). */
function bumpOf(from: Semver, to: Semver): ChangeKind {
  if (compareSemver(to, from) <= 0) return 'none';
  if (to.major > from.major) return 'major';
  if (to.minor > from.minor) return 'minor';
  return 'patch';
}

const RANK: Record<ChangeKind, number> = { none: 0, patch: 1, minor: 2, major: 3 };

function rootRecord(doc: AvroDocument): RecordSchema | undefined {
  return doc.root?.kind === 'record' ? doc.root : undefined;
}

export function versionFieldOf(doc: AvroDocument, policy: VersionFieldPolicy): Field | undefined {
  return rootRecord(doc)?.fields.find(f => f.name === policy.name);
}

/** The version in the field's default, when it is of the policy's kind. */
export function versionValue(field: Field | undefined, policy: VersionFieldPolicy): { text: string; node: JsonValue; semver?: Semver; integer?: number } | undefined {
  const node = field?.defaultProperty?.value;
  if (!node) return undefined;
  if (policy.kind === 'semver' && node.kind === 'string') {
    const semver = parseSemver(node.value);
    return semver ? { text: node.value, node, semver } : undefined;
  }
  if (policy.kind === 'integer' && node.kind === 'number' && node.isIntegerLiteral) return { text: String(node.value), node, integer: node.value };
  return undefined;
}

const KIND_TEXT = { semver: 'a semver string ("1.2.0") in a "string" field', integer: 'an integer in an "int" or "long" field' };

/** Presence and kind (no baseline needed): AVRO-600, AVRO-601. */
export function versionFieldFindings(doc: AvroDocument, policy: VersionFieldPolicy): PolicyFinding[] {
  const record = rootRecord(doc);
  if (!record || !record.hasValidName) return [];
  const data = (extra: object = {}): PolicyFinding['data'] => ({ policy: { rule: 'versionField', origin: policy.origin, ...extra } });
  const field = record.fields.find(f => f.name === policy.name);
  const example = policy.kind === 'semver' ? `{"name": "${policy.name}", "type": "string", "default": "1.0.0", "doc": "Schema version"}` : `{"name": "${policy.name}", "type": "int", "default": 1, "doc": "Schema version"}`;
  if (!field) {
    if (!policy.required || !record.nameNode) return [];
    return [{
      code: Codes.PolicyVersionMissing,
      offset: record.nameNode.offset,
      length: record.nameNode.length,
      message: policyMessage(`Policy "versionField": the record "${record.name}" has no "${policy.name}" field; the team versions every schema in it (${KIND_TEXT[policy.kind]}). Add ${example}.`, policy.reason, policy.origin),
      data: data({ insertField: example }),
    }];
  }
  const type = field.type;
  const typeOk = policy.kind === 'semver' ? type?.kind === 'primitive' && type.type === 'string' : type?.kind === 'primitive' && (type.type === 'int' || type.type === 'long');
  const at = field.nameNode ?? field.node;
  if (!typeOk) {
    const node = field.typeProperty?.value ?? at;
    return [{
      code: Codes.PolicyVersionKind,
      offset: node.offset,
      length: node.length,
      message: policyMessage(`Policy "versionField": "${policy.name}" must be ${KIND_TEXT[policy.kind]} (kind "${policy.kind}"), but its type is not ${policy.kind === 'semver' ? '"string"' : '"int" or "long"'}.`, policy.reason, policy.origin),
      data: data(),
    }];
  }
  const defaultNode = field.defaultProperty?.value;
  if (!defaultNode) {
    return [{
      code: Codes.PolicyVersionKind,
      offset: at.offset,
      length: at.length,
      message: policyMessage(`Policy "versionField": "${policy.name}" has no "default": the version of the schema is its default (${policy.kind === 'semver' ? '"1.0.0"' : '1'}).`, policy.reason, policy.origin),
      data: data(),
    }];
  }
  if (!versionValue(field, policy)) {
    return [{
      code: Codes.PolicyVersionKind,
      offset: defaultNode.offset,
      length: defaultNode.length,
      message: policyMessage(`Policy "versionField": the default of "${policy.name}" must be ${policy.kind === 'semver' ? 'a semver version MAJOR.MINOR.PATCH like "1.2.0"' : 'an integer like 3'}.`, policy.reason, policy.origin),
      data: data(),
    }];
  }
  return [];
}

/**
 * The bump against the baseline's version (AVRO-602, AVRO-603): `change` is what changed between
 * the baseline and the document ('none': unchanged, no bump needed).
 */
export function versionBumpFindings(doc: AvroDocument, baseline: AvroDocument, policy: VersionFieldPolicy, change: ChangeKind, why: string): PolicyFinding[] {
  if (!policy.bump || change === 'none') return [];
  const now = versionValue(versionFieldOf(doc, policy), policy);
  const before = versionValue(versionFieldOf(baseline, policy), policy);
  if (!now || !before) return [];
  const data = (replaceWith: string): PolicyFinding['data'] => ({ policy: { rule: 'versionField.bump', origin: policy.origin, replaceWith } });
  if (policy.kind === 'integer') {
    if (now.integer! > before.integer!) return [];
    const next = String(before.integer! + 1);
    return [{
      code: Codes.PolicyVersionNotBumped,
      offset: now.node.offset,
      length: now.node.length,
      message: policyMessage(`Policy "versionField": the schema changed since the baseline (${why}) but "${policy.name}" did not grow (${now.text}, baseline ${before.text}); set it to ${next}.`, policy.reason, policy.origin),
      data: data(next),
    }];
  }
  const bump = bumpOf(before.semver!, now.semver!);
  const next = JSON.stringify(formatSemver(nextSemver(before.semver!, change)));
  const needs = change.toUpperCase();
  if (bump === 'none') {
    return [{
      code: Codes.PolicyVersionNotBumped,
      offset: now.node.offset,
      length: now.node.length,
      message: policyMessage(`Policy "versionField": the schema changed since the baseline (${why}: a ${needs} change) but "${policy.name}" did not grow ("${now.text}", baseline "${before.text}"); set it to ${next}.`, policy.reason, policy.origin),
      data: data(next),
    }];
  }
  if (RANK[bump] < RANK[change]) {
    return [{
      code: Codes.PolicyVersionBumpTooSmall,
      offset: now.node.offset,
      length: now.node.length,
      message: policyMessage(`Policy "versionField": "${before.text}" -> "${now.text}" is a ${bump.toUpperCase()} bump, but the change is ${needs} (${why}); set it to ${next}.`, policy.reason, policy.origin),
      data: data(next),
    }];
  }
  return [];
}

