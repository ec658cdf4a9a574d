// One workspace folder's link to its Schema Registry: URL from the project file, credentials from the editor (memory only), one client, its status, offline/stale handling and caches.
//
// The session composes decorators around the host's REST client (RuntimeEnvironment.registry,
// itself retrying failed idempotent requests: http.ts RetryingTransport): the connection monitor
// (`run`: trust, credentials, state, redaction) as a forwarding client, and the caches
// (caching.ts CachingRegistryClient) as the `cached` and `live` views.
// Every request the language server makes to a registry goes through a session's clients, which
// - send nothing at all in an untrusted workspace (status 'untrusted');
// - ask the editor for the credentials at first use (and again after they change), keep them in
//   memory only, fall back to the CLI's environment variables for editors that cannot answer, and
//   redact them from every message;
// - cache what a registry never changes (a version's schema, a schema by id) and, for a few
//   minutes, what it rarely changes (a subject's versions and level);
// - track the connection: the first network failure turns the status 'offline' (one status
//   change, one notification); `cached` then answers reads from the last values it saw (the data is
//   stale, `staleSince` says since when) while a probe retries with backoff in the background;
//   when the registry answers again the status turns 'connected' and `onChanged` re-checks;
// - 401/403 turn the status 'unauthorized' until the credentials change.
import type { RegistryConfig } from '../config/projectConfig';
import type { RegistryConnectionState, RegistryCredentials, RegistryFolderStatus } from '../domain/registry';
import { CachingRegistryClient, emptyCaches, forwardingClient, type RegistryCaches } from './caching';
import { redact, secretsOf } from './credentials';
import { RegistryError, type RegistryAuth, type RegistryClient, type RegistryConnection } from './types';

/** What the editor answered to RegistryCredentialsRequest; 'unsupported' when it does not implement the request. */
export type CredentialsAnswer = RegistryCredentials | 'unsupported';

export interface SessionTimer {
  setTimeout(callback: () => void, ms: number): { dispose(): void };
}

export interface RegistrySessionOptions {
  /** The workspace folder (file: URI), for status notifications. */
  folder: string;
  /** The `registry` section of avro-studio.json. */
  config: RegistryConfig;
  trusted(): boolean;
  /** Ask the editor for the credentials of a URL (it reads its secret storage). */
  askCredentials(url: string, auth: 'basic' | 'bearer'): Promise<CredentialsAnswer>;
  /** Credentials from the environment (AVRO_REGISTRY_USERNAME/PASSWORD or AVRO_REGISTRY_TOKEN), for editors that cannot answer. */
  environmentAuth(auth: 'basic' | 'bearer'): RegistryAuth | undefined;
  /** PEM contents of the CA, client certificate and key files the project file names (throws with a message when one cannot be read). */
  tls(): Promise<{ ca?: string; cert?: string; key?: string }>;
  createClient(connection: RegistryConnection): RegistryClient;
  /** Wall-clock milliseconds (Date.now), for "unreachable since 10:42". */
  clock(): number;
  timer: SessionTimer;
  /** The status changed (state, not just wording): one call per change. */
  onStatus(status: RegistryFolderStatus): void;
  /** The registry came back, or the credentials changed: what was checked against it should be checked again. */
  onChanged(): void;
  log(message: string): void;
  /** First retry delay when offline (doubles up to retryMaxMs). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** How long a subject's versions and level are served from memory (default 3 minutes). */
  refreshMs?: number;
}

export const DEFAULT_RETRY_BASE_MS = 5_000;
export const DEFAULT_RETRY_MAX_MS = 5 * 60_000;
export const DEFAULT_REFRESH_MS = 3 * 60_000;
const CREDENTIALS_TIMEOUT_MS = 30_000;

export type SessionState = RegistryConnectionState;

/** Why the session sent no request: untrusted workspace, missing credentials, unreadable certificate files. */
export class RegistryUnavailableError extends RegistryError {
  constructor(readonly state: 'untrusted' | 'unauthorized' | 'error', message: string) {
    super(state === 'unauthorized' ? 'unauthorized' : 'forbidden', message);
    this.name = 'RegistryUnavailableError';
  }
}

/** Kinds of failure that mean "the registry cannot be reached (or is failing)", not "it said no". */
export function isOfflineKind(kind: RegistryError['kind']): boolean {
  return kind === 'network' || kind === 'timeout' || kind === 'server';
}

/** "10:42" (local time), for status lines. */
export function clockTime(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

function authLabel(auth: RegistryConfig['auth']): string {
  return auth === 'none' ? 'no authentication' : auth === 'basic' ? 'basic authentication' : 'bearer token';
}

export class RegistrySession {
  private stateValue: SessionState = 'connected';
  private messageValue = '';
  /** A state was announced (the first request decides the first one). */
  private announced = false;
  private offlineSinceValue: number | undefined;
  private inner: Promise<RegistryClient> | undefined;
  private secrets: string[] = [];
  private probeTimer: { dispose(): void } | undefined;
  private retryDelay: number;
  private disposed = false;
  /** Counts changes of what the registry holds as far as this session knows (registrations, level changes, reconnections). */
  private generationValue = 0;

  /** What the registry never changes, and what it rarely does (refreshed after refreshMs, the last known values while offline). */
  private readonly caches: RegistryCaches = emptyCaches();

  /** Reads served from memory for a few minutes, and from the last known values while the registry is unreachable: for live checks and lenses. */
  readonly cached: RegistryClient;
  /** Every read goes to the registry (the caches are updated): for commands, which must act on what the registry holds now. */
  readonly live: RegistryClient;

  constructor(private readonly options: RegistrySessionOptions) {
    this.retryDelay = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    // The connection monitor around every call, then the caches around the monitored client.
    const monitored = forwardingClient(options.config.url, work => this.run(work));
    const policy = (allowCached: boolean) => ({
      allowCached,
      now: () => this.options.clock(),
      refreshMs: this.options.refreshMs ?? DEFAULT_REFRESH_MS,
      offline: () => this.state === 'offline',
      isOffline: (err: RegistryError) => isOfflineKind(err.kind),
      written: (subject: string | undefined) => this.noteWrite(subject),
    });
    this.cached = new CachingRegistryClient(monitored, this.caches, policy(true));
    this.live = new CachingRegistryClient(monitored, this.caches, policy(false));
  }

  get url(): string {
    return this.options.config.url;
  }

  get config(): RegistryConfig {
    return this.options.config;
  }

  get state(): SessionState {
    if (!this.options.trusted()) return 'untrusted';
    return this.stateValue;
  }

  /** The status as the client shows it. */
  get status(): RegistryFolderStatus {
    const state = this.state;
    const message = state === 'untrusted' ? this.untrustedMessage() : this.announced ? this.messageValue : `Schema Registry ${this.url} (${authLabel(this.config.auth)}): not contacted yet.`;
    return { folder: this.options.folder, url: this.url, state, message };
  }

  /** Changes whenever what the registry holds may have changed (for memo keys). */
  get generation(): number {
    return this.generationValue;
  }

  /** When the registry became unreachable (wall clock), while it is. */
  get offlineSince(): number | undefined {
    return this.state === 'offline' ? this.offlineSinceValue : undefined;
  }

  /** "registry unreachable since 10:42" while reads are served from the last known values; undefined when they are current. */
  staleReason(): string | undefined {
    const since = this.offlineSince;
    return since === undefined ? undefined : `registry unreachable since ${clockTime(since)}`;
  }

  /** Replace every secret in a message (passwords, tokens, the basic Authorization value) by "***". */
  redact(message: string): string {
    return redact(message, this.secrets);
  }

  /** The credentials changed in the editor: forget the client and ask again at the next request. */
  credentialsChanged(): void {
    this.dropClient();
    this.secrets = [];
    const was = this.stateValue;
    if (was === 'unauthorized' || was === 'error') {
      this.stateValue = 'connected';
      this.announced = false;
    }
    this.generationValue++;
    this.options.onChanged();
  }

  /** Forget the rarely-changing values (versions, levels): "refresh on demand". Immutable ones stay. */
  refresh(): void {
    // Expired, not forgotten: while the registry is unreachable they are still the last known values.
    for (const t of this.caches.versionLists.values()) t.at = Number.NEGATIVE_INFINITY;
    for (const t of this.caches.levels.values()) t.at = Number.NEGATIVE_INFINITY;
    this.generationValue++;
  }

  /** The workspace became trusted: the next request goes out. */
  trustChanged(): void {
    this.generationValue++;
  }

  dispose(): void {
    this.disposed = true;
    this.probeTimer?.dispose();
    this.probeTimer = undefined;
    this.secrets = [];
    this.dropClient();
  }

  /** Forget the client (closing its connections when it can). */
  private dropClient(): void {
    const inner = this.inner;
    this.inner = undefined;
    inner?.then(c => (c as RegistryClient & { dispose?(): void }).dispose?.(), () => undefined);
  }

  /** Something was registered or a level set through this session: what depended on the old state is out of date. */
  noteWrite(subject: string | undefined): void {
    if (subject === undefined) {
      this.caches.levels.clear();
    } else {
      this.caches.versionLists.delete(subject);
      this.caches.levels.delete(subject);
    }
    this.generationValue++;
  }

  // -------------------------------------------------------------------------------------------
  // Requests
  // -------------------------------------------------------------------------------------------

  /** Run one request through the real client, tracking the connection state. Errors come back redacted. */
  async run<T>(work: (client: RegistryClient) => Promise<T>): Promise<T> {
    if (this.disposed) throw new RegistryUnavailableError('error', 'The registry connection was closed (the project file or the workspace changed).');
    if (!this.options.trusted()) {
      this.announce('untrusted', this.untrustedMessage());
      throw new RegistryUnavailableError('untrusted', this.untrustedMessage());
    }
    const client = await this.client();
    try {
      const result = await work(client);
      this.succeeded();
      return result;
    } catch (err) {
      throw this.failed(err);
    }
  }

  private untrustedMessage(): string {
    return `Schema Registry ${this.url} is not contacted: the workspace is in Restricted Mode. Trust the workspace to check schemas against the registry.`;
  }

  private client(): Promise<RegistryClient> {
    if (!this.inner) {
      const building = this.build();
      this.inner = building;
      // Missing credentials or certificate files: asked again at the next request (the status changed once).
      building.catch(() => {
        if (this.inner === building) this.inner = undefined;
      });
    }
    return this.inner;
  }

  /** Credentials and certificates, then the client. */
  private async build(): Promise<RegistryClient> {
    const { config } = this.options;
    let auth: RegistryAuth = { kind: 'none' };
    if (config.auth !== 'none') {
      const found = await this.credentials(config.auth);
      if (!found) {
        const message = `Schema Registry ${this.url} needs ${authLabel(config.auth)} and no credentials are stored for it: run "Avro: Set Registry Credentials" (other editors: set ${config.auth === 'basic' ? 'AVRO_REGISTRY_USERNAME and AVRO_REGISTRY_PASSWORD' : 'AVRO_REGISTRY_TOKEN'} in the language server's environment).`;
        this.announce('unauthorized', message);
        throw new RegistryUnavailableError('unauthorized', message);
      }
      auth = found;
    }
    this.secrets = secretsOf(auth);
    let tls: { ca?: string; cert?: string; key?: string };
    try {
      tls = await this.options.tls();
    } catch (err) {
      const message = this.redact(`Schema Registry ${this.url}: ${err instanceof Error ? err.message : String(err)}`);
      this.announce('error', message);
      throw new RegistryUnavailableError('error', message);
    }
    try {
      return this.options.createClient({ url: config.url, auth, ...tls, timeoutMs: config.timeoutMs });
    } catch (err) {
      const message = this.redact(err instanceof Error ? err.message : String(err));
      this.announce('error', message);
      throw err instanceof RegistryError ? err : new RegistryUnavailableError('error', message);
    }
  }

  private async credentials(kind: 'basic' | 'bearer'): Promise<RegistryAuth | undefined> {
    let answer: CredentialsAnswer;
    try {
      answer = await withTimeout(this.options.askCredentials(this.url, kind), CREDENTIALS_TIMEOUT_MS, this.options.timer);
    } catch {
      answer = 'unsupported';
    }
    if (answer === 'unsupported') return this.options.environmentAuth(kind);
    if (!answer) return undefined;
    if (answer.auth === 'basic' && typeof answer.username === 'string' && typeof answer.password === 'string') {
      return { kind: 'basic', username: answer.username, password: answer.password };
    }
    if (answer.auth === 'bearer' && typeof answer.token === 'string' && answer.token) return { kind: 'bearer', token: answer.token };
    return undefined;
  }

  private succeeded(): void {
    if (this.stateValue === 'connected' && this.announced) return;
    const wasDown = this.announced && this.stateValue !== 'connected';
    this.offlineSinceValue = undefined;
    this.retryDelay = this.options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.probeTimer?.dispose();
    this.probeTimer = undefined;
    this.announce('connected', `Schema Registry ${this.url}: connected (${authLabel(this.config.auth)}).`);
    if (wasDown) {
      this.generationValue++;
      this.options.log(`Avro Studio: Schema Registry ${this.url} answers again.`);
      this.options.onChanged();
    }
  }

  /** Classify a failure, update the state, and return the error to throw (redacted). */
  private failed(err: unknown): Error {
    if (!(err instanceof RegistryError)) {
      const message = this.redact(err instanceof Error ? err.message : String(err));
      return new RegistryError('protocol', `Schema Registry ${this.url}: ${message}`);
    }
    const redacted = new RegistryError(err.kind, this.redact(err.message), err.status, err.errorCode);
    if (isOfflineKind(err.kind)) {
      this.goOffline(redacted.message);
    } else if (err.kind === 'unauthorized' || err.kind === 'forbidden') {
      this.announce('unauthorized', `${redacted.message} Run "Avro: Set Registry Credentials" to change them.`);
    } else if (err.kind === 'tls' || err.kind === 'protocol') {
      this.announce('error', redacted.message);
    } else {
      // The registry answered (not found, incompatible, invalid...): the connection is fine.
      this.succeeded();
    }
    return redacted;
  }

  private goOffline(reason: string): void {
    if (this.stateValue === 'offline') return;
    this.offlineSinceValue = this.options.clock();
    this.announce('offline', `Schema Registry ${this.url} is unreachable since ${clockTime(this.offlineSinceValue)}: ${reason} Using the last versions read; retrying in the background.`);
    this.scheduleProbe();
  }

  private scheduleProbe(): void {
    if (this.probeTimer || this.disposed) return;
    const delay = this.retryDelay;
    this.retryDelay = Math.min(delay * 2, this.options.retryMaxMs ?? DEFAULT_RETRY_MAX_MS);
    this.probeTimer = this.options.timer.setTimeout(() => {
      this.probeTimer = undefined;
      if (this.disposed || this.stateValue !== 'offline') return;
      // GET /config: the cheapest request every registry answers.
      this.run(c => c.level()).catch(() => {
        if (this.stateValue === 'offline') this.scheduleProbe();
      });
    }, delay);
  }

  private announce(state: SessionState, message: string): void {
    const changed = !this.announced || state !== this.stateValue;
    this.stateValue = state;
    this.messageValue = this.redact(message);
    this.announced = true;
    if (!changed) return;
    if (state === 'offline' || state === 'unauthorized' || state === 'error') this.options.log(`Avro Studio: ${this.messageValue}`);
    this.options.onStatus(this.status);
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, timer: SessionTimer): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = timer.setTimeout(() => reject(new Error('timed out')), ms);
    p.then(v => {
      t.dispose();
      resolve(v);
    }, e => {
      t.dispose();
      reject(e);
    });
  });
}
