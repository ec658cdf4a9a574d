// One registry request over node:http(s): headers, auth, per-attempt timeout, the caller's AbortSignal, errors in words; retries with backoff as a decorator of that transport.
//
// HttpTransport makes one attempt; RetryingTransport decorates any Transport with the retry policy
// (registryTransport composes the two). Retries: on 5xx answers except 501 (Not Implemented never heals; a proxy's HTML 502/503 counts) and on network errors (refused,
// reset, DNS), with exponential backoff and jitter (about 0.25 s, 0.5 s, 1 s..., each at most 4 s;
// a 503's Retry-After is honoured up to 4 s). Never on 4xx: 409 (incompatible) and 422 (invalid)
// are verdicts, 401/403 need other credentials. Never on a timeout: the caller already waited the
// whole limit for a server that hangs; retrying would multiply the wait. Never on TLS failures.
// Which requests may be retried is the caller's choice (`idempotent`): reads, lookups, compatibility
// checks, config changes, and registration, which Confluent makes idempotent (registering the same
// schema again returns the same id and creates no version), so a retry after a lost answer is safe
// and answers what the first attempt did. DELETE is not retried: a second soft delete answers 40406.
// A caller's abort rejects with the signal's reason (an AbortError), never a RegistryError.
import * as http from 'node:http';
import * as https from 'node:https';
import { errorFromAnswer, networkError, redact, secretsOfAuth, type RegistryAnswer, type RequestContext } from './errors';
import { closedAfterHandshake, createHttpsAgent, isTlsError, tlsError } from './tls';
import { RegistryError, type RegistryAuth, type RegistryConnection } from './types';

export const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const ACCEPT = 'application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; q=0.9, application/json; q=0.5';
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRIES = 2;
const BASE_DELAY_MS = 250;
const MAX_DELAY_MS = 4_000;
/** Answers larger than this are refused (a 10,000-field schema is about 4 MB). */
const MAX_BODY_BYTES = 64 * 1024 * 1024;

export interface RequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the registry URL, segments already encoded, with its query. */
  path: string;
  body?: unknown;
  /** What the caller is doing, for messages: "register a schema", "read subject x". */
  action: string;
  subject?: string;
  version?: number | string;
  id?: number;
  level?: string;
  /** May this request be sent again after a 5xx or a network error? */
  idempotent: boolean;
  signal?: AbortSignal;
  /** Statuses to hand back to the caller instead of throwing (e.g. 404 for "absent"). */
  passStatus?: (status: number, errorCode: number | undefined) => boolean;
  /**
   * For writes: appended to a network or timeout failure when a request had been sent completely,
   * so the registry may have applied it (e.g. "registering again is safe").
   */
  unknownOutcome?: string;
}

export interface Answer {
  status: number;
  errorCode?: number;
  /** Parsed JSON (undefined for an empty body). */
  json: unknown;
}

interface Endpoint {
  protocol: 'http:' | 'https:';
  hostname: string;
  port: number;
  basePath: string;
  /** The URL as shown in messages: no credentials, no query. */
  display: string;
  auth: RegistryAuth;
}

/** Parse the registry URL. Credentials in it (user:pass@) become basic auth when none is configured, and never appear in messages. */
export function parseEndpoint(connection: RegistryConnection): Endpoint | RegistryError {
  let url: URL;
  try {
    url = new URL(connection.url);
  } catch {
    return new RegistryError('protocol', `"${redact(connection.url)}" is not a valid registry URL: use http://host:port or https://host[:port][/path].`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return new RegistryError('protocol', `The registry URL must start with http:// or https:// (got ${url.protocol}//${url.host}).`);
  }
  let auth = connection.auth ?? { kind: 'none' };
  if ((url.username || url.password) && auth.kind === 'none') {
    auth = { kind: 'basic', username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  }
  const basePath = url.pathname.replace(/\/+$/, '');
  const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
  return {
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    basePath,
    display: `${url.protocol}//${url.host}${basePath}`,
    auth,
  };
}

/** Sends registry requests: one attempt (HttpTransport) or several (RetryingTransport around it). */
export interface Transport {
  /** The registry URL as messages show it (no credentials). */
  readonly display: string;
  /** Resolves with the answer, or rejects with a RegistryError (or the caller's AbortError). */
  request(options: RequestOptions): Promise<Answer>;
  /** Drop idle keep-alive connections. */
  dispose(): void;
}

/** A failed attempt, with what the retry policy needs: the server's Retry-After, and whether the whole request had been sent. */
export class AttemptError extends RegistryError {
  constructor(error: RegistryError, readonly retryAfterMs: number | undefined, readonly sent: boolean) {
    super(error.kind, error.message, error.status, error.errorCode, error.details);
  }
}

/** The transport of a registry connection: HTTP(S), retried as the connection allows (default twice). */
export function registryTransport(connection: RegistryConnection): Transport {
  const retries = connection.retries !== undefined && connection.retries >= 0 ? Math.floor(connection.retries) : DEFAULT_RETRIES;
  return new RetryingTransport(new HttpTransport(connection), retries);
}

/** Retries what may be retried (see the top of this file), with exponential backoff and jitter, honouring Retry-After; the caller's abort stops the wait. */
export class RetryingTransport implements Transport {
  constructor(private readonly inner: Transport, private readonly retries: number) {}

  get display(): string {
    return this.inner.display;
  }

  dispose(): void {
    this.inner.dispose();
  }

  async request(options: RequestOptions): Promise<Answer> {
    // Did any attempt send the whole request and then lose the answer (the registry may have applied it)?
    let maybeApplied = false;
    for (let attempt = 0; ; attempt++) {
      throwIfAborted(options.signal);
      let failure: RegistryError;
      let retryAfterMs: number | undefined;
      try {
        return await this.inner.request(options);
      } catch (e) {
        if (options.signal?.aborted) throw abortReason(options.signal);
        if (!(e instanceof RegistryError)) throw e;
        failure = e;
        if (e instanceof AttemptError) {
          retryAfterMs = e.retryAfterMs;
          if (e.sent && (e.kind === 'network' || e.kind === 'timeout')) maybeApplied = true;
        }
      }
      const retryable = options.idempotent && attempt < this.retries && isRetryable(failure);
      if (!retryable) {
        const message = maybeApplied && options.unknownOutcome && (failure.kind === 'network' || failure.kind === 'timeout') ? `${failure.message} ${options.unknownOutcome}` : failure.message;
        throw new RegistryError(failure.kind, message, failure.status, failure.errorCode, failure.details);
      }
      const backoff = BASE_DELAY_MS * 2 ** attempt;
      const jittered = backoff / 2 + Math.random() * (backoff / 2);
      await sleep(Math.min(MAX_DELAY_MS, Math.max(jittered, retryAfterMs ?? 0)), options.signal);
    }
  }
}

/** One attempt per request over node:http(s); failures are AttemptErrors, redacted. */
export class HttpTransport implements Transport {
  readonly display: string;
  private readonly endpoint: Endpoint | undefined;
  private readonly setupError: RegistryError | undefined;
  private readonly agent: http.Agent | undefined;
  private readonly secrets: string[];
  private readonly timeoutMs: number;

  constructor(private readonly connection: RegistryConnection) {
    const endpoint = parseEndpoint(connection);
    this.timeoutMs = connection.timeoutMs && connection.timeoutMs > 0 ? connection.timeoutMs : DEFAULT_TIMEOUT_MS;
    if (endpoint instanceof RegistryError) {
      this.setupError = endpoint;
      this.display = redact(connection.url);
      this.secrets = secretsOfAuth(connection.auth ?? { kind: 'none' });
      return;
    }
    this.endpoint = endpoint;
    this.display = endpoint.display;
    this.secrets = secretsOfAuth(endpoint.auth);
    try {
      this.agent = endpoint.protocol === 'https:' ? createHttpsAgent(connection, endpoint.display) : new http.Agent({ keepAlive: true, maxSockets: 8 });
    } catch (e) {
      this.setupError = e instanceof RegistryError ? e : new RegistryError('tls', String((e as Error).message));
    }
  }

  /** Send the request once; resolves with the answer or rejects with an AttemptError (or the caller's AbortError). */
  async request(options: RequestOptions): Promise<Answer> {
    if (this.setupError) throw this.clean(this.setupError);
    const endpoint = this.endpoint!;
    const ctx: RequestContext = {
      url: this.display,
      method: options.method,
      path: options.path,
      action: options.action,
      subject: options.subject,
      version: options.version,
      id: options.id,
      level: options.level,
      auth: endpoint.auth.kind,
    };
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    const progress = { sent: false };
    throwIfAborted(options.signal);
    try {
      const answer = await this.once(endpoint, options, body, ctx, progress);
      if (answer.status >= 200 && answer.status < 300) return { status: answer.status, json: parseJson(answer, ctx) };
      const err = errorFromAnswer(answer, ctx);
      if (options.passStatus?.(answer.status, err.errorCode)) return { status: answer.status, errorCode: err.errorCode, json: safeJson(answer.body) };
      throw new AttemptError(this.clean(err), retryAfter(answer), progress.sent);
    } catch (e) {
      if (options.signal?.aborted) throw abortReason(options.signal);
      if (e instanceof AttemptError || !(e instanceof RegistryError)) throw e;
      throw new AttemptError(this.clean(e), undefined, progress.sent);
    }
  }

  /** Drop idle keep-alive connections. */
  dispose(): void {
    this.agent?.destroy();
  }

  private clean(err: RegistryError): RegistryError {
    const message = redact(err.message, this.secrets);
    const details = err.details?.map(d => redact(d, this.secrets));
    if (message === err.message && details === err.details) return err;
    return new RegistryError(err.kind, message, err.status, err.errorCode, details);
  }

  private once(endpoint: Endpoint, options: RequestOptions, body: string | undefined, ctx: RequestContext, progress: { sent: boolean }): Promise<RegistryAnswer> {
    const headers: Record<string, string> = { Accept: ACCEPT, 'User-Agent': 'avro-studio' };
    if (body !== undefined) {
      headers['Content-Type'] = CONTENT_TYPE;
      headers['Content-Length'] = String(Buffer.byteLength(body));
    }
    const auth = endpoint.auth;
    if (auth.kind === 'basic') headers.Authorization = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
    else if (auth.kind === 'bearer') headers.Authorization = `Bearer ${auth.token}`;
    const transport = endpoint.protocol === 'https:' ? https : http;
    return new Promise<RegistryAnswer>((resolve, reject) => {
      let settled = false;
      const finish = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const req = transport.request(
        {
          protocol: endpoint.protocol,
          hostname: endpoint.hostname,
          port: endpoint.port,
          path: endpoint.basePath + options.path,
          method: options.method,
          headers,
          agent: this.agent,
        },
        res => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > MAX_BODY_BYTES) {
              req.destroy();
              finish(() => reject(new RegistryError('protocol', `The answer of ${ctx.url} to ${ctx.method} ${ctx.path} is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB: refused.`)));
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => {
            if (!res.complete) {
              finish(() => reject(networkError(Object.assign(new Error('truncated'), { code: 'ECONNRESET' }), ctx)));
              return;
            }
            finish(() =>
              resolve({
                status: res.statusCode ?? 0,
                contentType: String(res.headers['content-type'] ?? ''),
                body: Buffer.concat(chunks).toString('utf8'),
                headers: res.headers,
              }),
            );
          });
          res.on('error', (e: NodeJS.ErrnoException) => finish(() => reject(this.classify(e, ctx))));
          res.on('aborted', () => finish(() => reject(networkError(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }), ctx))));
        },
      );
      const timer = setTimeout(() => {
        finish(() => reject(new RegistryError('timeout', `${ctx.url} did not answer within ${formatSeconds(this.timeoutMs)} (trying to ${ctx.action}): the registry or the network is too slow or stuck. Try again, or raise the time limit.`)));
        req.destroy();
      }, this.timeoutMs);
      const onAbort = (): void => {
        finish(() => reject(abortReason(options.signal!)));
        req.destroy();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      // A TLS server that rejects a client certificate after the handshake (TLS 1.3; Node-based
      // servers send no alert) just closes the connection: tell that apart from a network failure.
      let freshHandshake = false;
      let answered = false;
      req.on('socket', socket => {
        // Only a new connection handshakes; a reused keep-alive socket must not collect listeners.
        if (socket.connecting) socket.once('secureConnect', () => (freshHandshake = true));
      });
      req.on('response', () => (answered = true));
      req.on('error', (e: NodeJS.ErrnoException) =>
        finish(() => reject(freshHandshake && !answered && e.code === 'ECONNRESET' ? closedAfterHandshake(ctx, !!this.connection.cert) : this.classify(e, ctx))),
      );
      req.on('finish', () => (progress.sent = true));
      req.end(body);
    });
  }

  private classify(e: NodeJS.ErrnoException, ctx: RequestContext): RegistryError {
    if (isTlsError(e)) return tlsError(e, ctx, !!this.connection.ca, !!this.connection.cert);
    return networkError(e, ctx);
  }
}

function isRetryable(err: RegistryError): boolean {
  if (err.kind === 'network') return true;
  // 5xx from the registry ('server') or from a proxy in front of it ('protocol': not the registry's JSON).
  const status = err.status ?? 0;
  return (err.kind === 'server' || err.kind === 'protocol') && status >= 500 && status !== 501;
}

function parseJson(answer: RegistryAnswer, ctx: RequestContext): unknown {
  if (answer.body.trim() === '') return undefined;
  try {
    return JSON.parse(answer.body);
  } catch {
    const snippet = answer.body.replace(/\s+/g, ' ').trim().slice(0, 200);
    throw new RegistryError(
      'protocol',
      `The server at ${ctx.url} answered ${answer.status} (${answer.contentType || 'no content type'}) to ${ctx.method} ${ctx.path.split('?')[0]} with something that is not JSON: "${snippet}". Check the URL and any proxy in between.`,
      answer.status,
    );
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function retryAfter(answer: RegistryAnswer): number | undefined {
  const raw = answer.headers['retry-after'];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error) return reason;
  const err = new Error('The operation was aborted');
  err.name = 'AbortError';
  return err;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw abortReason(signal);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortReason(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
