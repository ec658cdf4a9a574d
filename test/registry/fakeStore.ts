// The fake registry's state and the semantics of every REST operation, as in Confluent Schema Registry 7.x.
//
// Pure in-memory logic, no HTTP: each method either returns the JSON body Confluent answers with or
// throws RestError(status, error_code, message) with Confluent's code and wording (rest/exceptions/
// Errors.java). Tests may also call these methods directly (seeding, assertions).
// Behaviour followed from Confluent's sources (KafkaSchemaRegistry, SubjectVersionsResource,
// SubjectsResource, CompatibilityResource, ConfigResource, ModeResource):
// - ids are global and stable: an identical schema (fakeSchemas.identityKey) under another subject
//   gets the existing id; registering it again under the same subject returns the id, no new version.
// - a new version is max(every version, soft-deleted ones included) + 1.
// - soft delete hides versions (?deleted=true shows them); permanent delete needs a soft delete
//   first; versions that other schemas reference cannot be deleted (42206).
// - references: each {name, subject, version} must exist (version -1 means latest, stored resolved).
// - compatibility: the subject's level, else the global one (default BACKWARD); registration refuses
//   an incompatible schema with 409; state.forceCompatibility[subject] overrides the oracle.
import {
  avscType,
  definedFullnames,
  identityKey,
  InvalidSchema,
  normalizedText,
  parseJsonSchema,
  storedText,
  type FakeReference,
} from './fakeSchemas';
import { compatibilityMessages, LEVELS, type CheckedSchema, type FakeLevel } from './fakeCompatibility';

export class RestError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }
}

export interface FakeVersion {
  version: number;
  id: number;
  deleted: boolean;
}

export interface FakeSchemaRecord {
  id: number;
  /** The stored text (what GET returns). */
  text: string;
  json: unknown;
  schemaType: string;
  references: FakeReference[];
}

/** POST body of register, lookup and compatibility. */
export interface SchemaBody {
  schema?: string;
  schemaType?: string;
  references?: Array<{ name?: unknown; subject?: unknown; version?: unknown }>;
}

/** What GET /subjects/{s}/versions/{v} and POST /subjects/{s} answer (Confluent omits schemaType for AVRO, references when empty). */
export interface SchemaEntity {
  subject: string;
  version: number;
  id: number;
  schemaType?: string;
  references?: FakeReference[];
  schema: string;
}

export interface ForcedVerdict {
  is_compatible: boolean;
  messages: string[];
}

export const MODES = ['READWRITE', 'READONLY', 'READONLY_OVERRIDE', 'IMPORT', 'FORWARD'];

const MAX_VERSION = 2 ** 31 - 1;

interface Prepared {
  json: unknown;
  text: string;
  key: string;
  references: FakeReference[];
  checked: CheckedSchema;
}

export class FakeRegistryState {
  globalLevel: FakeLevel = 'BACKWARD';
  readonly subjectLevels = new Map<string, FakeLevel>();
  globalMode = 'READWRITE';
  readonly subjectModes = new Map<string, string>();
  /** Force the registry's compatibility verdict for a subject (simulates a registry that disagrees with us). */
  forceCompatibility: Record<string, ForcedVerdict> = {};
  readonly schemas = new Map<number, FakeSchemaRecord>();
  readonly subjects = new Map<string, FakeVersion[]>();
  private readonly idsByKey = new Map<string, number>();
  private nextId = 1;

  // --- subjects and versions ------------------------------------------------------------------

  listSubjects(prefix = '', deleted = false, deletedOnly = false): string[] {
    const out: string[] = [];
    for (const [subject, versions] of this.subjects) {
      if (!subject.startsWith(prefix)) continue;
      const live = versions.some(v => !v.deleted);
      const dead = versions.some(v => v.deleted);
      if (deletedOnly ? dead : live || (deleted && dead)) out.push(subject);
    }
    return out.sort();
  }

  listVersions(subject: string, deleted = false, deletedOnly = false): number[] {
    if (!this.hasSubject(subject, deleted || deletedOnly)) throw subjectNotFound(subject);
    return this.versionsOf(subject)
      .filter(v => (deletedOnly ? v.deleted : deleted || !v.deleted))
      .map(v => v.version);
  }

  getVersion(subject: string, versionText: string, deleted = false): SchemaEntity {
    const version = parseVersion(versionText);
    const found = this.findVersion(subject, version, deleted);
    if (!found) {
      if (!this.hasSubject(subject, deleted)) throw subjectNotFound(subject);
      throw versionNotFound(version);
    }
    return this.entity(subject, found);
  }

  /** GET /subjects/{s}/versions/{v}/referencedby: ids of schemas that reference this version. */
  referencedBy(subject: string, versionText: string): number[] {
    const version = parseVersion(versionText);
    const found = this.findVersion(subject, version, false);
    if (!found) {
      if (!this.hasSubject(subject, false)) throw subjectNotFound(subject);
      throw versionNotFound(version);
    }
    return this.referrers(subject, found.version);
  }

  /** POST /subjects/{s}: is this schema registered under the subject? */
  lookup(subject: string, body: SchemaBody, normalize = false, deleted = false): SchemaEntity {
    const prepared = this.prepare(subject, body, normalize, false);
    const id = this.idsByKey.get(prepared.key);
    const match = id === undefined ? undefined : this.versionsOf(subject).find(v => v.id === id && (deleted || !v.deleted));
    if (!match) {
      if (!this.hasSubject(subject, deleted)) throw subjectNotFound(subject);
      throw new RestError(404, 40403, 'Schema not found');
    }
    return this.entity(subject, match);
  }

  /** POST /subjects/{s}/versions. `skipCompatibility` is for seeding history (like IMPORT mode). */
  register(subject: string, body: SchemaBody, normalize = false, skipCompatibility = false): { id: number; version: number } {
    const mode = this.effectiveMode(subject);
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') {
      throw new RestError(422, 42205, `Subject ${subject} in context . is in read-only mode`);
    }
    if (mode !== 'READWRITE' && !skipCompatibility) {
      throw new RestError(422, 42205, `Subject ${subject} in context . is not in read-write mode`);
    }
    const prepared = this.prepare(subject, body, normalize, true);
    const versions = this.versionsOf(subject);
    const existingId = this.idsByKey.get(prepared.key);
    if (existingId !== undefined) {
      const live = versions.find(v => v.id === existingId && !v.deleted);
      if (live) return { id: existingId, version: live.version };
    }
    if (!skipCompatibility) {
      const messages = this.verdictMessages(subject, prepared, versions.filter(v => !v.deleted));
      if (messages.length > 0) {
        throw new RestError(
          409,
          409,
          `Schema being registered is incompatible with an earlier schema for subject "${subject}", details: [${messages.join(', ')}]`,
        );
      }
    }
    let id = existingId;
    if (id === undefined) {
      id = this.nextId++;
      this.idsByKey.set(prepared.key, id);
    }
    if (!this.schemas.has(id)) {
      this.schemas.set(id, { id, text: prepared.text, json: prepared.json, schemaType: 'AVRO', references: prepared.references });
    }
    const version = versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
    // Confluent tombstones older soft-deleted versions that carry the same id.
    const kept = versions.filter(v => !(v.deleted && v.id === id));
    kept.push({ version, id, deleted: false });
    this.subjects.set(subject, kept);
    return { id, version };
  }

  /** POST /compatibility/subjects/{s}/versions/{v} (versionText) or /versions (undefined: every live version). */
  checkCompatibility(subject: string, versionText: string | undefined, body: SchemaBody, verbose: boolean, normalize = false): { is_compatible: boolean; messages?: string[] } {
    let against: FakeVersion[];
    if (versionText === undefined) {
      against = this.versionsOf(subject).filter(v => !v.deleted);
    } else {
      const version = parseVersion(versionText);
      const found = this.findVersion(subject, version, false);
      if (!found && version !== -1) throw versionNotFound(version);
      against = found ? [found] : [];
    }
    const forced = this.forceCompatibility[subject];
    if (forced) return verbose ? { is_compatible: forced.is_compatible, messages: [...forced.messages] } : { is_compatible: forced.is_compatible };
    let messages: string[];
    try {
      const prepared = this.prepare(subject, body, normalize, true);
      messages = compatibilityMessages(this.effectiveLevel(subject), prepared.checked, against.map(v => this.checked(v)));
    } catch (e) {
      if (!(e instanceof RestError) || e.errorCode !== 42201 || !verbose) throw e;
      messages = [e.message];
    }
    return verbose ? { is_compatible: messages.length === 0, messages } : { is_compatible: messages.length === 0 };
  }

  // --- schemas by id ----------------------------------------------------------------------------

  schemaById(id: number): { schema: string; schemaType?: string; references?: FakeReference[] } {
    const record = this.schemas.get(id);
    if (!record || !this.isIdInUse(id)) throw new RestError(404, 40403, `Schema ${id} not found`);
    const out: { schema: string; schemaType?: string; references?: FakeReference[] } = { schema: record.text };
    if (record.schemaType !== 'AVRO') out.schemaType = record.schemaType;
    if (record.references.length > 0) out.references = record.references.map(r => ({ ...r }));
    return out;
  }

  subjectVersionsOfId(id: number, deleted = false): Array<{ subject: string; version: number }> {
    if (!this.schemas.has(id) || !this.isIdInUse(id)) throw new RestError(404, 40403, 'Schema not found');
    const out: Array<{ subject: string; version: number }> = [];
    for (const subject of [...this.subjects.keys()].sort()) {
      for (const v of this.versionsOf(subject)) if (v.id === id && (deleted || !v.deleted)) out.push({ subject, version: v.version });
    }
    return out;
  }

  // --- deletes ------------------------------------------------------------------------------------

  deleteVersion(subject: string, versionText: string, permanent = false): number {
    const version = parseVersion(versionText);
    this.refuseReadOnly(subject);
    const all = this.versionsOf(subject);
    const target = version === -1 ? [...all].reverse().find(v => !v.deleted) : all.find(v => v.version === version);
    if (target && target.deleted && !permanent) {
      throw new RestError(404, 40406, `Subject '${subject}' Version ${versionText} was soft deleted.Set permanent=true to delete permanently`);
    }
    if (!target) {
      if (!this.hasSubject(subject, true)) throw subjectNotFound(subject);
      throw versionNotFound(version);
    }
    if (this.referrers(subject, target.version).length > 0) throw referenceExists(subject, target.version);
    if (permanent && !target.deleted) {
      throw new RestError(404, 40407, `Subject '${subject}' Version ${target.version} was not deleted first before being permanently deleted`);
    }
    if (!permanent) {
      target.deleted = true;
    } else {
      const left = all.filter(v => v !== target);
      if (left.length === 0) {
        this.subjects.delete(subject);
        this.subjectLevels.delete(subject);
        this.subjectModes.delete(subject);
      } else this.subjects.set(subject, left);
    }
    return target.version;
  }

  deleteSubject(subject: string, permanent = false): number[] {
    if (!this.hasSubject(subject, true)) throw subjectNotFound(subject);
    if (!permanent && !this.hasSubject(subject, false)) {
      throw new RestError(404, 40404, `Subject '${subject}' was soft deleted.Set permanent=true to delete permanently`);
    }
    this.refuseReadOnly(subject);
    const targets = this.versionsOf(subject).filter(v => permanent || !v.deleted);
    for (const v of targets) {
      if (this.referrers(subject, v.version).length > 0) throw referenceExists(subject, v.version);
      if (permanent && !v.deleted) throw new RestError(404, 40405, `Subject '${subject}' was not deleted first before being permanently deleted`);
    }
    if (permanent) {
      this.subjects.delete(subject);
      this.subjectLevels.delete(subject);
      this.subjectModes.delete(subject);
    } else {
      for (const v of targets) v.deleted = true;
    }
    return targets.map(v => v.version);
  }

  // --- config and mode ------------------------------------------------------------------------------

  effectiveLevel(subject: string): FakeLevel {
    return this.subjectLevels.get(subject) ?? this.globalLevel;
  }

  getConfig(subject: string | undefined, defaultToGlobal = false): { compatibilityLevel: FakeLevel } {
    if (subject === undefined) return { compatibilityLevel: this.globalLevel };
    const level = this.subjectLevels.get(subject) ?? (defaultToGlobal ? this.globalLevel : undefined);
    if (!level) throw new RestError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);
    return { compatibilityLevel: level };
  }

  setConfig(subject: string | undefined, body: { compatibility?: unknown }): { compatibility: FakeLevel } {
    const level = typeof body?.compatibility === 'string' ? (body.compatibility.toUpperCase() as FakeLevel) : undefined;
    if (!level || !LEVELS.includes(level)) {
      throw new RestError(
        422,
        42203,
        'Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, forward_transitive, and full_transitive',
      );
    }
    if (subject === undefined) this.globalLevel = level;
    else this.subjectLevels.set(subject, level);
    return { compatibility: level };
  }

  deleteConfig(subject: string | undefined): { compatibilityLevel: FakeLevel } {
    if (subject === undefined) {
      const old = this.globalLevel;
      this.globalLevel = 'BACKWARD';
      return { compatibilityLevel: old };
    }
    const old = this.subjectLevels.get(subject);
    if (!old) throw new RestError(404, 40408, `Subject '${subject}' does not have subject-level compatibility configured`);
    this.subjectLevels.delete(subject);
    return { compatibilityLevel: old };
  }

  effectiveMode(subject: string): string {
    return this.subjectModes.get(subject) ?? this.globalMode;
  }

  getMode(subject: string | undefined, defaultToGlobal = false): { mode: string } {
    if (subject === undefined) return { mode: this.globalMode };
    const mode = this.subjectModes.get(subject) ?? (defaultToGlobal ? this.globalMode : undefined);
    if (!mode) throw new RestError(404, 40409, `Subject '${subject}' does not have subject-level mode configured`);
    return { mode };
  }

  setMode(subject: string | undefined, body: { mode?: unknown }): { mode: string } {
    const mode = typeof body?.mode === 'string' ? body.mode.toUpperCase() : undefined;
    if (!mode || !MODES.includes(mode)) throw new RestError(422, 42204, 'Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD.');
    if (subject === undefined) this.globalMode = mode;
    else this.subjectModes.set(subject, mode);
    return { mode };
  }

  // --- internals ----------------------------------------------------------------------------------------

  private versionsOf(subject: string): FakeVersion[] {
    return this.subjects.get(subject) ?? [];
  }

  private hasSubject(subject: string, includeDeleted: boolean): boolean {
    return this.versionsOf(subject).some(v => includeDeleted || !v.deleted);
  }

  private findVersion(subject: string, version: number, deleted: boolean): FakeVersion | undefined {
    const versions = this.versionsOf(subject);
    if (version === -1) return [...versions].reverse().find(v => !v.deleted);
    return versions.find(v => v.version === version && (deleted || !v.deleted));
  }

  private isIdInUse(id: number): boolean {
    for (const versions of this.subjects.values()) if (versions.some(v => v.id === id)) return true;
    return false;
  }

  private entity(subject: string, v: FakeVersion): SchemaEntity {
    const record = this.schemas.get(v.id)!;
    const out: SchemaEntity = { subject, version: v.version, id: v.id, schema: record.text };
    if (record.schemaType !== 'AVRO') out.schemaType = record.schemaType;
    if (record.references.length > 0) out.references = record.references.map(r => ({ ...r }));
    // Confluent's JSON order: subject, version, id, schemaType, references, schema.
    const ordered: SchemaEntity = { subject: out.subject, version: out.version, id: out.id } as SchemaEntity;
    if (out.schemaType) ordered.schemaType = out.schemaType;
    if (out.references) ordered.references = out.references;
    ordered.schema = out.schema;
    return ordered;
  }

  private referrers(subject: string, version: number): number[] {
    const ids = new Set<number>();
    for (const versions of this.subjects.values()) {
      for (const v of versions) {
        const record = this.schemas.get(v.id);
        if (record?.references.some(r => r.subject === subject && r.version === version)) ids.add(v.id);
      }
    }
    return [...ids].sort((a, b) => a - b);
  }

  private refuseReadOnly(subject: string): void {
    const mode = this.effectiveMode(subject);
    if (mode === 'READONLY' || mode === 'READONLY_OVERRIDE') throw new RestError(422, 42205, `Subject ${subject} in context . is in read-only mode`);
  }

  /** Resolve references (in dependency order), parse with avsc, compute the identity key. Throws 42201. */
  private prepare(subject: string, body: SchemaBody, normalize: boolean, isNew: boolean): Prepared {
    const schemaType = body?.schemaType ?? 'AVRO';
    const rawRefs = Array.isArray(body?.references) ? body.references : [];
    const invalid = (details: string): RestError => {
      const refsText = `[${rawRefs.map(r => `{name='${String(r?.name)}', subject='${String(r?.subject)}', version=${String(r?.version)}}`).join(', ')}]`;
      return new RestError(
        422,
        42201,
        `Invalid schema {subject=${subject},version=0,id=-1,schemaType=${schemaType},references=${refsText},metadata=null,ruleSet=null,schema=${body?.schema ?? null},schemaTags=null} with refs ${refsText} of type ${schemaType}, details: ${details}`,
      );
    };
    if (schemaType !== 'AVRO') throw new RestError(422, 42201, `Invalid schema type ${schemaType}`);
    if (typeof body?.schema !== 'string' || body.schema.trim() === '') throw new RestError(422, 42201, 'Empty schema');
    const references: FakeReference[] = [];
    const referencedJson: unknown[] = [];
    const known = new Set<string>();
    const visited = new Set<string>();
    const resolve = (refs: SchemaBody['references'], depth: number): void => {
      for (const r of refs ?? []) {
        if (typeof r?.name !== 'string' || typeof r.subject !== 'string' || typeof r.version !== 'number') {
          throw invalid(`Invalid reference: {name='${String(r?.name)}', subject='${String(r?.subject)}', version=${String(r?.version)}}`);
        }
        const found = this.findVersion(r.subject, r.version, !isNew);
        if (!found) throw invalid(`No schema reference found for subject "${r.subject}" and version ${r.version}`);
        if (depth === 0) references.push({ name: r.name, subject: r.subject, version: found.version });
        if (visited.has(r.name)) continue;
        visited.add(r.name);
        const record = this.schemas.get(found.id)!;
        resolve(record.references, depth + 1);
        referencedJson.push(record.json);
        definedFullnames(record.json, known);
      }
    };
    resolve(rawRefs, 0);
    let json: unknown;
    let type;
    try {
      json = parseJsonSchema(body.schema);
      type = avscType(json, referencedJson);
    } catch (e) {
      if (e instanceof InvalidSchema) throw invalid(e.message);
      throw e;
    }
    definedFullnames(json, known);
    const key = identityKey(json, references, known);
    const text = normalize ? normalizedText(json, known) : storedText(json);
    return { json, text, key, references, checked: { type, json } };
  }

  private checked(v: FakeVersion): CheckedSchema {
    const record = this.schemas.get(v.id)!;
    const referenced: unknown[] = [];
    const seen = new Set<string>();
    const collect = (refs: FakeReference[]): void => {
      for (const r of refs) {
        if (seen.has(r.name)) continue;
        seen.add(r.name);
        const found = this.findVersion(r.subject, r.version, true);
        if (!found) continue;
        const rec = this.schemas.get(found.id)!;
        collect(rec.references);
        referenced.push(rec.json);
      }
    };
    collect(record.references);
    return { type: avscType(record.json, referenced), json: record.json, version: v.version, text: record.text };
  }

  private verdictMessages(subject: string, prepared: Prepared, live: FakeVersion[]): string[] {
    const forced = this.forceCompatibility[subject];
    if (forced) return forced.is_compatible ? [] : forced.messages.length > 0 ? [...forced.messages] : ['{forced: incompatible}'];
    return compatibilityMessages(this.effectiveLevel(subject), prepared.checked, live.map(v => this.checked(v)));
  }
}

/** Confluent's VersionId: "latest", -1, or 1..2^31-1; anything else is 42202. */
export function parseVersion(text: string): number {
  if (text === 'latest') return -1;
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (n === -1 || (n >= 1 && n <= MAX_VERSION)) return n;
  }
  throw new RestError(422, 42202, `The specified version '${text}' is not a valid version id. Allowed values are between [1, 2^31-1] and the string "latest"`);
}

function subjectNotFound(subject: string): RestError {
  return new RestError(404, 40401, `Subject '${subject}' not found.`);
}

function versionNotFound(version: number): RestError {
  return new RestError(404, 40402, `Version ${version} not found.`);
}

function referenceExists(subject: string, version: number): RestError {
  return new RestError(422, 42206, `One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=${subject},version=${version}}.`);
}
