// The Confluent Schema Registry REST client (AVRO-NOTES.md section 3): createRegistryClient(connection) -> RegistryClient.
//
// Transport, timeouts, retries and TLS are in http.ts / tls.ts; error messages in errors.ts. Here:
// one method per endpoint, the right paths (subjects percent-encoded), bodies and the shapes of the
// answers (schemaType "AVRO" and references [] when the registry omits them).
// - lookup: 40401 (no subject) and 40403 (not under it) mean "not registered": undefined.
// - level: GET /config/{s}?defaultToGlobal=true; registries without defaultToGlobal (40408, or an
//   unknown-path 404) fall back to the global GET /config.
// - mode: undefined when the server has no /mode (Karapace); a subject without its own mode falls
//   back to the global one.
// - checkCompatibility: verbose=true; a subject that does not exist yet is compatible (Confluent
//   7.x answers that itself; older servers answer 40401, which means the same thing).
// A caller's AbortSignal cancels the request and any backoff wait (rejecting with an AbortError).
import { parseCompatibilityLevel } from '../domain/compatibility';
import { registryTransport, type Answer, type RequestOptions, type Transport } from './http';
import {
  RegistryError,
  type CompatibilityLevelName,
  type CompatibilityVerdict,
  type RegisteredSchema,
  type RegistryClient,
  type RegistryConnection,
  type SchemaReference,
} from './types';


/** A client for one registry; cheap to create (connections are opened on first use and kept alive). */
export function createRegistryClient(connection: RegistryConnection): RegistryClient & { dispose(): void } {
  return new ConfluentRegistryClient(connection);
}

const seg = (s: string): string => encodeURIComponent(s);

function query(params: Record<string, string | boolean | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== false)
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

class ConfluentRegistryClient implements RegistryClient {
  readonly url: string;
  private readonly transport: Transport;

  constructor(connection: RegistryConnection) {
    // HTTP(S), decorated with the retry policy (http.ts).
    this.transport = registryTransport(connection);
    this.url = this.transport.display;
  }

  dispose(): void {
    this.transport.dispose();
  }

  private call(options: RequestOptions): Promise<Answer> {
    return this.transport.request(options);
  }

  private protocolError(what: string, json: unknown): RegistryError {
    const text = JSON.stringify(json) ?? 'nothing';
    return new RegistryError('protocol', `The registry at ${this.url} answered ${what} with an unexpected shape: ${text.length > 200 ? `${text.slice(0, 199)}…` : text}.`);
  }

  async subjects(options: { prefix?: string; deleted?: boolean; signal?: AbortSignal } = {}): Promise<string[]> {
    const { json } = await this.call({
      method: 'GET',
      path: `/subjects${query({ subjectPrefix: options.prefix || undefined, deleted: options.deleted })}`,
      action: 'list the subjects',
      idempotent: true,
      signal: options.signal,
    });
    if (!Array.isArray(json) || !json.every(s => typeof s === 'string')) throw this.protocolError('GET /subjects', json);
    return json;
  }

  async versions(subject: string, options: { deleted?: boolean; signal?: AbortSignal } = {}): Promise<number[]> {
    const { json } = await this.call({
      method: 'GET',
      path: `/subjects/${seg(subject)}/versions${query({ deleted: options.deleted })}`,
      action: `list the versions of subject ${subject}`,
      subject,
      idempotent: true,
      signal: options.signal,
    });
    if (!Array.isArray(json) || !json.every(v => typeof v === 'number')) throw this.protocolError(`GET /subjects/${subject}/versions`, json);
    return [...json].sort((a, b) => a - b);
  }

  async schema(subject: string, version: number | 'latest', options: { deleted?: boolean; signal?: AbortSignal } = {}): Promise<RegisteredSchema> {
    const { json } = await this.call({
      method: 'GET',
      path: `/subjects/${seg(subject)}/versions/${seg(String(version))}${query({ deleted: options.deleted })}`,
      action: `read version ${version} of subject ${subject}`,
      subject,
      version,
      idempotent: true,
      signal: options.signal,
    });
    return this.registered(json, subject, `GET /subjects/${subject}/versions/${version}`);
  }

  async schemaById(id: number, signal?: AbortSignal): Promise<{ schema: string; schemaType: string; references: SchemaReference[] }> {
    const { json } = await this.call({ method: 'GET', path: `/schemas/ids/${seg(String(id))}`, action: `read the schema with id ${id}`, id, idempotent: true, signal });
    const o = json as { schema?: unknown; schemaType?: unknown; references?: unknown };
    if (!o || typeof o.schema !== 'string') throw this.protocolError(`GET /schemas/ids/${id}`, json);
    return { schema: o.schema, schemaType: typeof o.schemaType === 'string' ? o.schemaType : 'AVRO', references: references(o.references) };
  }

  async lookup(
    subject: string,
    schema: string,
    options: { references?: SchemaReference[]; normalize?: boolean; signal?: AbortSignal } = {},
  ): Promise<RegisteredSchema | undefined> {
    const answer = await this.call({
      method: 'POST',
      path: `/subjects/${seg(subject)}${query({ normalize: options.normalize })}`,
      body: schemaBody(schema, options.references),
      action: `look up the schema under subject ${subject}`,
      subject,
      idempotent: true,
      signal: options.signal,
      passStatus: (status, code) => status === 404 && (code === 40401 || code === 40403),
    });
    if (answer.status === 404) return undefined;
    return this.registered(answer.json, subject, `POST /subjects/${subject}`);
  }

  async register(subject: string, schema: string, options: { references?: SchemaReference[]; normalize?: boolean; signal?: AbortSignal } = {}): Promise<{ id: number }> {
    const { json } = await this.call({
      method: 'POST',
      path: `/subjects/${seg(subject)}/versions${query({ normalize: options.normalize })}`,
      body: schemaBody(schema, options.references),
      action: `register a schema under subject ${subject}`,
      subject,
      // Confluent registration is idempotent: the same schema again returns the same id, no new version.
      idempotent: true,
      signal: options.signal,
      unknownOutcome: `The registry may have registered the schema before the connection was lost: registering again is safe (the same schema gets the same id and no new version), or look it up.`,
    });
    const id = (json as { id?: unknown })?.id;
    if (typeof id !== 'number') throw this.protocolError(`POST /subjects/${subject}/versions`, json);
    return { id };
  }

  async checkCompatibility(
    subject: string,
    schema: string,
    options: { version?: number | 'latest' | 'all'; references?: SchemaReference[]; signal?: AbortSignal } = {},
  ): Promise<CompatibilityVerdict> {
    const version = options.version ?? 'latest';
    const target = version === 'all' ? '/versions' : `/versions/${seg(String(version))}`;
    const answer = await this.call({
      method: 'POST',
      path: `/compatibility/subjects/${seg(subject)}${target}?verbose=true`,
      body: schemaBody(schema, options.references),
      action: `check compatibility for subject ${subject}`,
      subject,
      version: version === 'all' ? undefined : version,
      idempotent: true,
      signal: options.signal,
      passStatus: (status, code) => status === 404 && code === 40401 && (version === 'latest' || version === 'all'),
    });
    if (answer.status === 404) return { isCompatible: true, messages: [] };
    const o = answer.json as { is_compatible?: unknown; messages?: unknown };
    if (!o || typeof o.is_compatible !== 'boolean') throw this.protocolError(`POST /compatibility/subjects/${subject}${target}`, answer.json);
    const messages = Array.isArray(o.messages) ? o.messages.map(m => (typeof m === 'string' ? m : JSON.stringify(m))) : [];
    return { isCompatible: o.is_compatible, messages };
  }

  async level(subject?: string, signal?: AbortSignal): Promise<CompatibilityLevelName> {
    if (subject !== undefined) {
      const answer = await this.call({
        method: 'GET',
        path: `/config/${seg(subject)}?defaultToGlobal=true`,
        action: `read the compatibility level of subject ${subject}`,
        subject,
        idempotent: true,
        signal,
        passStatus: (status, code) => status === 404 && (code === 40408 || code === 40401 || code === 404),
      });
      if (answer.status !== 404) return this.levelOf(answer.json, `GET /config/${subject}`);
    }
    const { json } = await this.call({ method: 'GET', path: '/config', action: 'read the global compatibility level', idempotent: true, signal });
    return this.levelOf(json, 'GET /config');
  }

  async setLevel(level: CompatibilityLevelName, subject?: string, signal?: AbortSignal): Promise<CompatibilityLevelName> {
    const { json } = await this.call({
      method: 'PUT',
      path: subject === undefined ? '/config' : `/config/${seg(subject)}`,
      body: { compatibility: level },
      action: subject === undefined ? 'set the global compatibility level' : `set the compatibility level of subject ${subject}`,
      subject,
      level,
      idempotent: true,
      signal,
    });
    return this.levelOf(json, subject === undefined ? 'PUT /config' : `PUT /config/${subject}`);
  }

  async mode(subject?: string, signal?: AbortSignal): Promise<string | undefined> {
    const get = (path: string, action: string): Promise<Answer> =>
      this.call({
        method: 'GET',
        path,
        action,
        subject,
        idempotent: true,
        signal,
        // 404 without a registry code (or Karapace's own): no /mode at all; 40409: no subject-level mode.
        passStatus: status => status === 404 || status === 405,
      });
    if (subject !== undefined) {
      const answer = await get(`/mode/${seg(subject)}?defaultToGlobal=true`, `read the mode of subject ${subject}`);
      if (answer.status === 200) return this.modeOf(answer.json, `GET /mode/${subject}`);
      if (answer.errorCode !== 40409 && answer.errorCode !== 40401) return undefined;
    }
    const answer = await get('/mode', 'read the global mode');
    if (answer.status !== 200) return undefined;
    return this.modeOf(answer.json, 'GET /mode');
  }

  async deleteSubject(subject: string, options: { version?: number; permanent?: boolean; signal?: AbortSignal } = {}): Promise<number[]> {
    const path =
      options.version === undefined ? `/subjects/${seg(subject)}${query({ permanent: options.permanent })}` : `/subjects/${seg(subject)}/versions/${seg(String(options.version))}${query({ permanent: options.permanent })}`;
    const { json } = await this.call({
      method: 'DELETE',
      path,
      action: options.version === undefined ? `delete subject ${subject}` : `delete version ${options.version} of subject ${subject}`,
      subject,
      version: options.version,
      idempotent: false,
      signal: options.signal,
    });
    if (typeof json === 'number') return [json];
    if (Array.isArray(json) && json.every(v => typeof v === 'number')) return json;
    throw this.protocolError(`DELETE ${path}`, json);
  }

  private registered(json: unknown, subject: string, what: string): RegisteredSchema {
    const o = json as { subject?: unknown; id?: unknown; version?: unknown; schema?: unknown; schemaType?: unknown; references?: unknown };
    if (!o || typeof o.id !== 'number' || typeof o.version !== 'number' || typeof o.schema !== 'string') throw this.protocolError(what, json);
    return {
      subject: typeof o.subject === 'string' ? o.subject : subject,
      id: o.id,
      version: o.version,
      schema: o.schema,
      schemaType: typeof o.schemaType === 'string' ? o.schemaType : 'AVRO',
      references: references(o.references),
    };
  }

  private levelOf(json: unknown, what: string): CompatibilityLevelName {
    const o = json as { compatibilityLevel?: unknown; compatibility?: unknown };
    const raw = o?.compatibilityLevel ?? o?.compatibility;
    const level = typeof raw === 'string' ? parseCompatibilityLevel(raw) : undefined;
    if (!level) throw this.protocolError(what, json);
    return level;
  }

  private modeOf(json: unknown, what: string): string {
    const mode = (json as { mode?: unknown })?.mode;
    if (typeof mode !== 'string') throw this.protocolError(what, json);
    return mode;
  }
}

function schemaBody(schema: string, refs: SchemaReference[] | undefined): { schema: string; references?: SchemaReference[] } {
  return refs && refs.length > 0 ? { schema, references: refs.map(r => ({ name: r.name, subject: r.subject, version: r.version })) } : { schema };
}

function references(raw: unknown): SchemaReference[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((r): r is { name: string; subject: string; version: number } => !!r && typeof r.name === 'string' && typeof r.subject === 'string' && typeof r.version === 'number')
    .map(r => ({ name: r.name, subject: r.subject, version: r.version }));
}
