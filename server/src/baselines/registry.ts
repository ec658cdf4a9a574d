// Registry baselines: the registered versions of a file's subject (latest, or every version for *_TRANSITIVE levels), with their referenced schemas.
//
// A file maps to a subject (registry/mapping.ts); the level is the one the project file or --level
// gives, else the subject's own (GET /config/{subject}?defaultToGlobal=true). Versions come newest
// first, labelled "v7" with "id 42" as description, under avro-registry: URIs (protocol.ts). A
// version that uses types from other subjects (schema references) brings those schemas along
// (`referencedSchemas`, dependencies first) so its names resolve as the registry resolves them.
// Registered versions never change: each (subject, version) is fetched once per provider.
import { isCompatibilityLevel, needsEveryVersion, type CompatibilityLevel } from '../domain/compatibility';
import { REGISTRY_URI_SCHEME, type RegistryUriQuery } from '../domain/registry';
import type { SubjectResolution } from '../config/projectConfig';
import { RegistryError, type RegisteredSchema, type RegistryClient } from '../registry/types';
import type { BaselineProvider, BaselineResult, BaselineVersion, RegistryBaselineInfo } from './types';

/** What a file is checked against in the registry: its subject and the level in force. */
export interface RegistryTarget {
  subject: string;
  /** How the subject was found: 'explicit subject', 'TopicNameStrategy', 'given subject', ... */
  how: string;
  level: CompatibilityLevel;
  /** 'override': --level or avro-studio.json; 'registry': the subject's level (or the global one). */
  levelSource: 'override' | 'registry';
  /** Registered versions, ascending ([] when the subject does not exist yet). */
  versions: number[];
}

export interface RegistryBaselineOptions {
  client: RegistryClient;
  /** The folder of avro-studio.json as a file: URI (avro-registry: URIs name it, so the editor can serve them). */
  folder: string;
  /** The subject of a schema file (registry/mapping.ts mapFile). */
  subjectOf(filePath: string): SubjectResolution | Promise<SubjectResolution>;
  /** A level that wins over the subject's (the CLI's --level, a rule of avro-studio.json); undefined: the registry's. */
  levelOverride?(filePath: string): CompatibilityLevel | undefined;
  /** Untrusted workspaces never contact a registry (default: trusted). */
  trusted?(): boolean;
  /** Strings to remove from messages (the secrets in use): messages never hold them anyway. */
  secrets?: readonly string[];
  /** At most this many referenced schemas per version (default 200). */
  maxReferences?: number;
}

/** `avro-registry:/<subject>/v<version>.avsc?<query>`: a registered version, as the editor opens it (protocol.ts). */
export function registryUri(folder: string, subject: string, version: number): string {
  const query: RegistryUriQuery = { folder, subject, version };
  return `${REGISTRY_URI_SCHEME}:/${encodeURIComponent(subject)}/v${version}.avsc?${encodeURIComponent(JSON.stringify(query))}`;
}

/** The subject and version of an avro-registry: URI; undefined for other URIs. */
export function parseRegistryUri(uri: string): RegistryUriQuery | undefined {
  if (!uri.startsWith(`${REGISTRY_URI_SCHEME}:`)) return undefined;
  const q = uri.indexOf('?');
  if (q < 0) return undefined;
  try {
    const parsed = JSON.parse(decodeURIComponent(uri.slice(q + 1))) as Partial<RegistryUriQuery>;
    if (typeof parsed.folder === 'string' && typeof parsed.subject === 'string' && typeof parsed.version === 'number') return { folder: parsed.folder, subject: parsed.subject, version: parsed.version };
  } catch {
    // not one of ours
  }
  return undefined;
}

export { needsEveryVersion };

export class RegistryBaseline implements BaselineProvider {
  private readonly schemas = new Map<string, Promise<RegisteredSchema>>();
  private readonly targets = new Map<string, RegistryTarget>();
  private readonly failures = new Map<string, unknown>();

  constructor(private readonly options: RegistryBaselineOptions) {}

  get client(): RegistryClient {
    return this.options.client;
  }

  /** The subject and level of the last load of `filePath` (undefined before, or when it maps nowhere or failed). */
  target(filePath: string): RegistryTarget | undefined {
    return this.targets.get(filePath);
  }

  /** The error behind the last 'unavailable' load of `filePath` (a RegistryError, for callers that act on its kind). */
  failure(filePath: string): unknown {
    return this.failures.get(filePath);
  }

  async load(filePath: string, signal?: AbortSignal): Promise<BaselineResult> {
    this.targets.delete(filePath);
    this.failures.delete(filePath);
    if (this.options.trusted && !this.options.trusted()) {
      return { kind: 'unavailable', reason: 'untrusted', message: 'This workspace is not trusted: Avro Studio does not contact the Schema Registry here. Trust the workspace to check compatibility against the registry.' };
    }
    let mapped: SubjectResolution;
    try {
      mapped = await this.options.subjectOf(filePath);
    } catch (e) {
      return { kind: 'unavailable', reason: 'error', message: `The subject of ${filePath} could not be found: ${this.clean(e)}` };
    }
    if (mapped.kind === 'unmapped') return { kind: 'none', message: mapped.reason };
    const subject = mapped.subject;
    try {
      const target = await this.resolveTarget(filePath, subject, mapped.how, signal);
      this.targets.set(filePath, target);
      // The level in force comes with the versions: the front-ends check at it (project/policy.ts withRegistryLevel).
      const registry: RegistryBaselineInfo = { subject, level: target.level };
      if (target.levelSource === 'registry') registry.levelFrom = `registry's level of subject ${subject}`;
      if (target.versions.length) registry.latest = target.versions[target.versions.length - 1];
      if (target.versions.length === 0) {
        return { kind: 'none', message: `Subject "${subject}" is not yet registered: the first registration creates it.`, registry };
      }
      const newestFirst = [...target.versions].reverse();
      const wanted = needsEveryVersion(target.level) ? newestFirst : newestFirst.slice(0, 1);
      const versions: BaselineVersion[] = [];
      for (const v of wanted) versions.push(await this.baselineVersion(subject, v, signal));
      const notes = [`subject ${subject} (${mapped.how}); level ${target.level} ${target.levelSource === 'registry' ? 'from the registry' : 'from the project file or --level'}`];
      return { kind: 'ok', versions, notes, registry };
    } catch (e) {
      this.failures.set(filePath, e);
      return this.unavailable(subject, e);
    }
  }

  /** One registered version (cached: registered versions never change). */
  version(subject: string, version: number, signal?: AbortSignal): Promise<RegisteredSchema> {
    const key = `${subject}\u0000${version}`;
    let found = this.schemas.get(key);
    if (!found) {
      found = this.options.client.schema(subject, version, { signal });
      // A failure is not cached: the next load asks again.
      const pending = found;
      pending.catch(() => {
        if (this.schemas.get(key) === pending) this.schemas.delete(key);
      });
      this.schemas.set(key, pending);
    }
    return found;
  }

  /**
   * The schemas a registered version references, transitively, dependencies first (as the registry
   * resolves them), each under its avro-registry: URI. Cycles and repeats are read once.
   */
  async referencedSchemas(schema: RegisteredSchema, signal?: AbortSignal): Promise<Array<{ uri: string; text: string; subject: string; version: number; name: string }>> {
    const out: Array<{ uri: string; text: string; subject: string; version: number; name: string }> = [];
    const seen = new Set<string>([`${schema.subject}\u0000${schema.version}`]);
    const max = this.options.maxReferences ?? 200;
    const visit = async (refs: RegisteredSchema['references']): Promise<void> => {
      for (const ref of refs) {
        const key = `${ref.subject}\u0000${ref.version}`;
        if (seen.has(key) || seen.size > max) continue;
        seen.add(key);
        const target = await this.version(ref.subject, ref.version, signal);
        await visit(target.references);
        out.push({ uri: registryUri(this.options.folder, ref.subject, ref.version), text: target.schema, subject: ref.subject, version: ref.version, name: ref.name });
      }
    };
    await visit(schema.references);
    return out;
  }

  private async resolveTarget(filePath: string, subject: string, how: string, signal?: AbortSignal): Promise<RegistryTarget> {
    const override = this.options.levelOverride?.(filePath);
    const [versions, registryLevel] = await Promise.all([
      this.options.client.versions(subject, { signal }).catch(e => {
        if (e instanceof RegistryError && e.kind === 'not-found') return [] as number[];
        throw e;
      }),
      override ? Promise.resolve(undefined) : this.options.client.level(subject, signal),
    ]);
    const level = override ?? (registryLevel && isCompatibilityLevel(registryLevel) ? registryLevel : 'BACKWARD');
    return { subject, how, level, levelSource: override ? 'override' : 'registry', versions: [...versions].sort((a, b) => a - b) };
  }

  private async baselineVersion(subject: string, version: number, signal?: AbortSignal): Promise<BaselineVersion> {
    const schema = await this.version(subject, version, signal);
    const references = await this.referencedSchemas(schema, signal);
    const v: BaselineVersion = {
      label: `v${schema.version}`,
      description: `id ${schema.id}`,
      text: schema.schema,
      uri: registryUri(this.options.folder, subject, schema.version),
    };
    if (references.length) v.referencedSchemas = references.map(r => ({ uri: r.uri, text: r.text }));
    return v;
  }

  private unavailable(subject: string, e: unknown): BaselineResult {
    const url = this.options.client.url;
    const why = this.clean(e);
    const reason = e instanceof RegistryError && e.kind === 'timeout' ? 'timeout' : 'error';
    return { kind: 'unavailable', reason, message: `subject "${subject}" could not be read: ${why.includes(url) ? why : `${url}: ${why}`}` };
  }

  private clean(e: unknown): string {
    let message = e instanceof Error ? e.message : String(e);
    for (const s of this.options.secrets ?? []) if (s) message = message.split(s).join('***');
    return message;
  }
}
