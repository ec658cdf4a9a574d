// A RegistryClient decorator that answers reads from memory: what a registry never changes (a version's schema, a schema by id) once read, what it rarely changes (a subject's versions and level) for a few minutes, and the last values seen while the registry is unreachable.
//
// Two views share one set of caches (RegistrySession): `cached` for live checks and lenses, which
// may answer from memory, and `live` for commands, which always ask and refresh the caches. Writes
// (register, setLevel, deleteSubject) go through and tell the policy, which forgets what they change.
import {
  RegistryError,
  type CompatibilityLevelName,
  type CompatibilityVerdict,
  type RegisteredSchema,
  type RegistryClient,
  type SchemaReference,
} from './types';

/** A value and when it was read (for the values a registry rarely changes). */
export interface Timed<T> {
  value: T;
  at: number;
}

/** What the caching views of one registry share. */
export interface RegistryCaches {
  /** Immutable: a registered version never changes. Key: subject NUL version. */
  schemas: Map<string, RegisteredSchema>;
  /** Immutable: an id always names the same schema. */
  byId: Map<number, { schema: string; schemaType: string; references: SchemaReference[] }>;
  /** Rarely changing: a subject's versions and level (key: subject; '' for the global level). */
  versionLists: Map<string, Timed<number[]>>;
  levels: Map<string, Timed<CompatibilityLevelName>>;
}

export function emptyCaches(): RegistryCaches {
  return { schemas: new Map(), byId: new Map(), versionLists: new Map(), levels: new Map() };
}

export interface CachePolicy {
  /** true: reads may come from memory; false: every read goes to the registry (the caches are updated). */
  allowCached: boolean;
  /** Milliseconds, for the age of rarely changing values. */
  now(): number;
  /** How long rarely changing values are served from memory. */
  refreshMs: number;
  /** The registry is unreachable now: reads answer from the last known values without asking. */
  offline(): boolean;
  /** Whether a failure means "unreachable" (the last known value is served then). */
  isOffline(err: RegistryError): boolean;
  /** A write went through (or may have): what depended on the old state must be forgotten. */
  written(subject: string | undefined): void;
}

const MAX_IMMUTABLE_ENTRIES = 2_000;

/** Keep an immutable cache bounded (oldest entries out). */
function bound<K, V>(map: Map<K, V>): void {
  while (map.size > MAX_IMMUTABLE_ENTRIES) {
    const first = map.keys().next();
    if (first.done) break;
    map.delete(first.value);
  }
}

export class CachingRegistryClient implements RegistryClient {
  constructor(private readonly inner: RegistryClient, private readonly caches: RegistryCaches, private readonly policy: CachePolicy) {}

  get url(): string {
    return this.inner.url;
  }

  subjects(options?: { prefix?: string; deleted?: boolean; signal?: AbortSignal }): Promise<string[]> {
    return this.inner.subjects(options);
  }

  versions(subject: string, options?: { deleted?: boolean; signal?: AbortSignal }): Promise<number[]> {
    if (options?.deleted) return this.inner.versions(subject, options);
    return this.timed(this.caches.versionLists, subject, () => this.inner.versions(subject, options));
  }

  async schema(subject: string, version: number | 'latest', options?: { deleted?: boolean; signal?: AbortSignal }): Promise<RegisteredSchema> {
    if (options?.deleted) return this.inner.schema(subject, version, options);
    let n: number;
    if (version === 'latest') {
      if (!this.policy.allowCached) {
        const latest = await this.inner.schema(subject, 'latest', options);
        this.remember(latest);
        return latest;
      }
      const list = await this.versions(subject, options);
      if (list.length === 0) return this.inner.schema(subject, 'latest', options);
      n = list[list.length - 1];
    } else {
      n = version;
    }
    const known = this.caches.schemas.get(`${subject}\u0000${n}`);
    if (known) return known;
    const found = await this.inner.schema(subject, n, options);
    this.remember(found);
    return found;
  }

  async schemaById(id: number, signal?: AbortSignal): Promise<{ schema: string; schemaType: string; references: SchemaReference[] }> {
    const known = this.caches.byId.get(id);
    if (known) return known;
    const found = await this.inner.schemaById(id, signal);
    this.caches.byId.set(id, found);
    bound(this.caches.byId);
    return found;
  }

  lookup(subject: string, schema: string, options?: { references?: SchemaReference[]; normalize?: boolean; signal?: AbortSignal }): Promise<RegisteredSchema | undefined> {
    return this.inner.lookup(subject, schema, options);
  }

  async register(subject: string, schema: string, options?: { references?: SchemaReference[]; normalize?: boolean; signal?: AbortSignal }): Promise<{ id: number }> {
    try {
      return await this.inner.register(subject, schema, options);
    } finally {
      // Also after a failure: a request that timed out may still have registered.
      this.policy.written(subject);
    }
  }

  checkCompatibility(subject: string, schema: string, options?: { version?: number | 'latest' | 'all'; references?: SchemaReference[]; signal?: AbortSignal }): Promise<CompatibilityVerdict> {
    return this.inner.checkCompatibility(subject, schema, options);
  }

  level(subject?: string, signal?: AbortSignal): Promise<CompatibilityLevelName> {
    return this.timed(this.caches.levels, subject ?? '', () => this.inner.level(subject, signal));
  }

  async setLevel(level: CompatibilityLevelName, subject?: string, signal?: AbortSignal): Promise<CompatibilityLevelName> {
    try {
      return await this.inner.setLevel(level, subject, signal);
    } finally {
      this.policy.written(subject);
    }
  }

  mode(subject?: string, signal?: AbortSignal): Promise<string | undefined> {
    return this.inner.mode(subject, signal);
  }

  async deleteSubject(subject: string, options?: { version?: number; permanent?: boolean; signal?: AbortSignal }): Promise<number[]> {
    try {
      return await this.inner.deleteSubject(subject, options);
    } finally {
      this.policy.written(subject);
    }
  }

  private remember(s: RegisteredSchema): void {
    this.caches.schemas.set(`${s.subject}\u0000${s.version}`, s);
    bound(this.caches.schemas);
  }

  /** A value refreshed after refreshMs; while the registry is unreachable, the last known one. */
  private async timed<T>(cache: Map<string, Timed<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const known = cache.get(key);
    const { allowCached } = this.policy;
    // While the registry is unreachable the probe finds out when it is back; reads do not wait for timeouts meanwhile.
    if (allowCached && known && (this.policy.now() - known.at < this.policy.refreshMs || this.policy.offline())) return known.value;
    try {
      const value = await load();
      cache.set(key, { value, at: this.policy.now() });
      return value;
    } catch (err) {
      if (allowCached && known && err instanceof RegistryError && this.policy.isOffline(err)) return known.value;
      if (err instanceof RegistryError && err.kind === 'not-found') cache.delete(key);
      throw err;
    }
  }
}

/**
 * A RegistryClient whose every call goes through `around` (the connection monitor of a session:
 * trust, credentials, state, redaction), with the client `around` hands it.
 */
export function forwardingClient(url: string, around: <T>(call: (client: RegistryClient) => Promise<T>) => Promise<T>): RegistryClient {
  return {
    url,
    subjects: options => around(c => c.subjects(options)),
    versions: (subject, options) => around(c => c.versions(subject, options)),
    schema: (subject, version, options) => around(c => c.schema(subject, version, options)),
    schemaById: (id, signal) => around(c => c.schemaById(id, signal)),
    lookup: (subject, schema, options) => around(c => c.lookup(subject, schema, options)),
    register: (subject, schema, options) => around(c => c.register(subject, schema, options)),
    checkCompatibility: (subject, schema, options) => around(c => c.checkCompatibility(subject, schema, options)),
    level: (subject, signal) => around(c => c.level(subject, signal)),
    setLevel: (level, subject, signal) => around(c => c.setLevel(level, subject, signal)),
    mode: (subject, signal) => around(c => c.mode(subject, signal)),
    deleteSubject: (subject, options) => around(c => c.deleteSubject(subject, options)),
  };
}
