// A protocol-faithful Confluent Schema Registry (7.x) for tests: real HTTP(S) on 127.0.0.1, auth, fault injection, a request log.
//
//   const reg = await startFakeRegistry({ auth: { basic: { username: 'u', password: 'p' } } });
//   reg.state.register('caracal.metering.events-value', { schema: text });   // seed directly
//   ... point the code under test at reg.url ...
//   reg.faults.fail({ status: 503, count: 2 });   // the next two requests get 503
//   assert.equal(reg.requests.at(-1)?.path, '/subjects/x/versions');
//   await reg.stop();
//
// Endpoints (Confluent's paths, status codes, error bodies {"error_code", "message"}, content type
// application/vnd.schemaregistry.v1+json; application/json and application/octet-stream accepted):
//   GET  /  /schemas/types
//   GET  /subjects (?subjectPrefix ?deleted ?deletedOnly)       DELETE /subjects/{s} (?permanent)
//   GET  /subjects/{s}/versions (?deleted ?deletedOnly)         POST /subjects/{s}/versions (?normalize)
//   GET  /subjects/{s}/versions/{v|latest} (?deleted)           DELETE /subjects/{s}/versions/{v} (?permanent)
//   GET  /subjects/{s}/versions/{v}/schema   /referencedby      POST /subjects/{s} (?normalize ?deleted)
//   GET  /schemas/ids/{id}  /schemas/ids/{id}/schema  /schemas/ids/{id}/versions  /schemas/ids/{id}/subjects
//   POST /compatibility/subjects/{s}/versions/{v|latest} and /versions (?verbose ?normalize)
//   GET|PUT|DELETE /config[/{s}] (?defaultToGlobal)             GET|PUT|DELETE /mode[/{s}] (?defaultToGlobal)
//   anything else: 404 {"error_code":404,"message":"HTTP 404 Not Found"}; a known path with another
//   method: 405. /mode answers 404 when options.noMode (Karapace has no /mode).
// Semantics are in fakeStore.ts (ids, versions, soft delete, references, levels) and the
// compatibility oracle (avsc, not our engine) in fakeCompatibility.ts.
// Auth: options.auth.basic and/or options.auth.bearer; when any is configured every request must
// carry one that matches, else 401 {"error_code":401,"message":"Unauthorized"} with WWW-Authenticate.
// options.auth.forbidden(method, path) -> true answers 403 {"error_code":40301,...} (Confluent
// Cloud RBAC). TLS: options.tls {cert, key, ca?, requireClientCert?} (PEM text).
// Faults (reg.faults): latencyMs, hang, fail (503...), respond (any status/body, e.g. an HTML proxy
// page), closeMidResponse, goAwayOn (at a matching request), goAwayAfter (N requests), goAway (now).
// Each fault matches an optional method and path (string prefix or RegExp) and a count;
// `afterProcessing: true` makes the fake apply the request (e.g. really register) before the fault
// hits the response, which is what a client sees when the connection dies after the server did
// the work.
// The request log (reg.requests) records method, path, query, which auth scheme was presented and
// whether it was accepted, content type, parsed JSON body, status and the fault applied; never a
// credential.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { FakeRegistryState, RestError, type SchemaBody } from './fakeStore';

export const CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';
const ACCEPTED_CONTENT_TYPES = ['application/vnd.schemaregistry.v1+json', 'application/vnd.schemaregistry+json', 'application/json', 'application/octet-stream'];

export interface FakeRegistryOptions {
  /** Default 0: a free port. */
  port?: number;
  tls?: { cert: string; key: string; ca?: string; requireClientCert?: boolean };
  auth?: {
    basic?: { username: string; password: string };
    bearer?: string;
    /** Authenticated but not allowed: answer 403 / 40301 (Confluent Cloud RBAC). */
    forbidden?: (method: string, path: string) => boolean;
  };
  /** Behave like Karapace: no /mode endpoint. */
  noMode?: boolean;
  /** Initial state (e.g. from seed files). */
  state?: FakeRegistryState;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: Record<string, string>;
  /** Which scheme the request presented (never the credential) and whether it was accepted. */
  auth: 'none' | 'basic' | 'bearer' | 'other';
  authOk: boolean;
  contentType?: string;
  body?: unknown;
  status?: number;
  fault?: string;
}

export interface FaultMatch {
  method?: string;
  /** A path prefix (decoded, without query) or a pattern. */
  path?: string | RegExp;
  /** How many matching requests it applies to (default 1; Infinity for all). */
  count?: number;
  /** Apply the request to the state first, then fault the response. */
  afterProcessing?: boolean;
}

interface ArmedFault extends FaultMatch {
  kind: 'hang' | 'respond' | 'close' | 'gone';
  status?: number;
  body?: string;
  contentType?: string;
  headers?: Record<string, string>;
  left: number;
}

export interface FakeRegistryFaults {
  /** Delay before every answer. */
  latencyMs: number;
  /** Never answer matching requests (the socket stays open until the client gives up or stop()). */
  hang(match?: FaultMatch): void;
  /** Answer matching requests with a 5xx (default 503) and Confluent's error body. */
  fail(match?: FaultMatch & { status?: number; errorCode?: number; message?: string }): void;
  /** Answer matching requests with exactly this status and body (object: JSON; string: raw, e.g. HTML). */
  respond(match: FaultMatch & { status: number; body: unknown; contentType?: string; headers?: Record<string, string> }): void;
  /** Send the status line and part of the body, then destroy the connection. */
  closeMidResponse(match?: FaultMatch): void;
  /**
   * Go away when a matching request arrives: drop its connection without an answer and stop
   * listening (later connections are refused). With afterProcessing the request is applied first
   * (e.g. the registration happened, but the client never hears of it).
   */
  goAwayOn(match: FaultMatch): void;
  /** Serve `n` more requests, then stop listening (later connections are refused). */
  goAwayAfter(n: number): void;
  /** Stop listening now and drop open connections (stop() still cleans up). */
  goAway(): Promise<void>;
  /** Remove every armed fault and the latency. */
  reset(): void;
}

export interface FakeRegistry {
  url: string;
  port: number;
  state: FakeRegistryState;
  faults: FakeRegistryFaults;
  requests: LoggedRequest[];
  stop(): Promise<void>;
}

export async function startFakeRegistry(options: FakeRegistryOptions = {}): Promise<FakeRegistry> {
  const state = options.state ?? new FakeRegistryState();
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  const armed: ArmedFault[] = [];
  let goAwayIn: number | undefined;
  let listening = true;
  let seq = 0;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void serve(req, res, Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', () => res.destroy());
  };

  const server: http.Server = options.tls
    ? https.createServer(
        {
          cert: options.tls.cert,
          key: options.tls.key,
          ca: options.tls.ca,
          requestCert: !!options.tls.requireClientCert,
          rejectUnauthorized: !!options.tls.requireClientCert,
        },
        handler,
      )
    : http.createServer(handler);
  server.keepAliveTimeout = 2000;
  // Raw TCP sockets (for TLS too, so stop() also ends connections stuck in a handshake).
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // TLS handshake failures (untrusted client certificate...) must not crash the test process.
  server.on('tlsClientError', () => undefined);
  // Like Node's default (and Jetty): a request that is not HTTP (e.g. a TLS handshake) gets a plain 400.
  server.on('clientError', (_err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  async function stopListening(): Promise<void> {
    if (!listening) return;
    listening = false;
    const closed = new Promise<void>(resolve => server.close(() => resolve()));
    for (const s of sockets) s.destroy();
    sockets.clear();
    await closed;
  }

  async function serve(req: http.IncomingMessage, res: http.ServerResponse, rawBody: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://registry');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = safeDecodePath(url.pathname);
    const query: Record<string, string> = {};
    for (const [k, v] of url.searchParams) query[k] = v;
    const authHeader = req.headers.authorization;
    const scheme = !authHeader ? 'none' : /^basic /i.test(authHeader) ? 'basic' : /^bearer /i.test(authHeader) ? 'bearer' : 'other';
    const entry: LoggedRequest = { seq: ++seq, method, path, query, auth: scheme, authOk: true, contentType: req.headers['content-type'] };
    requests.push(entry);

    if (goAwayIn !== undefined) {
      if (goAwayIn <= 0) {
        entry.fault = 'gone';
        res.socket?.destroy();
        void stopListening();
        return;
      }
      goAwayIn--;
    }
    const fault = takeFault(armed, method, path);
    if (faults.latencyMs > 0) await delay(faults.latencyMs);

    /** Answer with JSON (or, raw, a text that is already JSON: the /schema endpoints return the schema itself). */
    const send = (status: number, body: unknown, extraHeaders: Record<string, string> = {}, raw = false): void => {
      const contentType = responseType(req);
      entry.status = status;
      const text = raw ? String(body) : JSON.stringify(body);
      if (fault && fault.afterProcessing) {
        applyFault(fault, entry, res, text);
        return;
      }
      res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': Buffer.byteLength(text), ...extraHeaders });
      res.end(text);
      if (goAwayIn === 0) res.once('finish', () => void stopListening());
    };

    if (fault && !fault.afterProcessing) {
      applyFault(fault, entry, res, '');
      return;
    }

    // Authentication.
    const auth = options.auth;
    if (auth && (auth.basic || auth.bearer)) {
      entry.authOk = authorized(authHeader, auth);
      if (!entry.authOk) {
        const challenge = auth.basic ? 'Basic realm="SchemaRegistry"' : 'Bearer realm="SchemaRegistry"';
        send(401, { error_code: 401, message: 'Unauthorized' }, { 'WWW-Authenticate': challenge });
        return;
      }
    }
    if (auth?.forbidden?.(method, path)) {
      send(403, { error_code: 40301, message: `User is denied operation ${method === 'GET' ? 'Read' : 'Write'} on ${describeResource(path)}` });
      return;
    }

    // Content type of bodies.
    let body: unknown;
    if (method === 'POST' || method === 'PUT') {
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type && !ACCEPTED_CONTENT_TYPES.includes(type)) {
        send(415, { error_code: 415, message: 'HTTP 415 Unsupported Media Type' });
        return;
      }
      try {
        body = rawBody.trim() === '' ? undefined : JSON.parse(rawBody);
        entry.body = body;
      } catch (e) {
        send(400, { error_code: 400, message: `Unexpected character: ${(e as Error).message}` });
        return;
      }
      if (body === undefined || body === null || typeof body !== 'object') {
        send(422, { error_code: 422, message: 'Unrecognized request body: a JSON object is required' });
        return;
      }
    }

    try {
      const answer = route(state, method, path, query, body, !!options.noMode);
      if (answer.kind === 'text') send(200, answer.body, {}, true);
      else send(200, answer.body);
    } catch (e) {
      if (e instanceof RestError) send(e.status, { error_code: e.errorCode, message: e.message });
      else send(500, { error_code: 500, message: `Internal Server Error: ${(e as Error).message}` });
    }
  }

  const faults: FakeRegistryFaults = {
    latencyMs: 0,
    hang(match = {}) {
      armed.push({ ...match, kind: 'hang', left: match.count ?? 1 });
    },
    fail(match = {}) {
      const status = match.status ?? 503;
      const errorCode = match.errorCode ?? (status === 503 ? 503 : 50001);
      const message = match.message ?? (status === 503 ? 'HTTP 503 Service Unavailable' : 'Error while registering the schema in the backend Kafka store');
      armed.push({ ...match, kind: 'respond', status, body: JSON.stringify({ error_code: errorCode, message }), contentType: CONTENT_TYPE, left: match.count ?? 1 });
    },
    respond(match) {
      const body = typeof match.body === 'string' ? match.body : JSON.stringify(match.body);
      const contentType = match.contentType ?? (typeof match.body === 'string' ? 'text/html' : CONTENT_TYPE);
      armed.push({ ...match, kind: 'respond', body, contentType, left: match.count ?? 1 });
    },
    goAwayOn(match) {
      armed.push({ ...match, kind: 'gone', left: match.count ?? 1 });
    },
    closeMidResponse(match = {}) {
      armed.push({ ...match, kind: 'close', left: match.count ?? 1 });
    },
    goAwayAfter(n: number) {
      if (n <= 0) void stopListening();
      else goAwayIn = n;
    },
    goAway() {
      return stopListening();
    },
    reset() {
      armed.length = 0;
      faults.latencyMs = 0;
      goAwayIn = undefined;
    },
  };

  function applyFault(fault: ArmedFault, entry: LoggedRequest, res: http.ServerResponse, processedBody: string): void {
    entry.fault = fault.kind;
    if (fault.kind !== 'respond') entry.status = undefined; // nothing complete was answered
    if (fault.kind === 'hang') return; // never answer
    if (fault.kind === 'gone') {
      res.socket?.destroy();
      void stopListening();
      return;
    }
    if (fault.kind === 'close') {
      const text = processedBody || JSON.stringify({ subject: 'truncated', version: 1, id: 1, schema: '{"type":"string"}' });
      res.writeHead(200, { 'Content-Type': CONTENT_TYPE, 'Content-Length': Buffer.byteLength(text) + 100 });
      res.write(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
      setImmediate(() => res.socket?.destroy());
      return;
    }
    entry.status = fault.status;
    res.writeHead(fault.status ?? 503, { 'Content-Type': fault.contentType ?? CONTENT_TYPE, 'Content-Length': Buffer.byteLength(fault.body ?? ''), ...(fault.headers ?? {}) });
    res.end(fault.body ?? '');
    if (goAwayIn === 0) res.once('finish', () => void stopListening());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  return {
    url,
    port,
    state,
    faults,
    requests,
    async stop() {
      await stopListening();
    },
  };
}

function takeFault(armed: ArmedFault[], method: string, path: string): ArmedFault | undefined {
  for (const f of armed) {
    if (f.left <= 0) continue;
    if (f.method && f.method.toUpperCase() !== method) continue;
    if (f.path !== undefined && !(typeof f.path === 'string' ? path.startsWith(f.path) : f.path.test(path))) continue;
    f.left--;
    return f;
  }
  return undefined;
}

function authorized(header: string | undefined, auth: NonNullable<FakeRegistryOptions['auth']>): boolean {
  if (!header) return false;
  const basic = /^basic\s+(.+)$/i.exec(header);
  if (basic && auth.basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i >= 0 && decoded.slice(0, i) === auth.basic.username && decoded.slice(i + 1) === auth.basic.password;
  }
  const bearer = /^bearer\s+(.+)$/i.exec(header);
  if (bearer && auth.bearer) return bearer[1] === auth.bearer;
  return false;
}

function responseType(req: http.IncomingMessage): string {
  const accept = (req.headers.accept ?? '').toLowerCase();
  if (!accept || accept.includes('application/vnd.schemaregistry') || accept.includes('*/*')) return CONTENT_TYPE;
  return accept.includes('application/json') ? 'application/json' : CONTENT_TYPE;
}

function describeResource(path: string): string {
  const m = /^\/(?:compatibility\/)?(?:subjects|config|mode)\/([^/]+)/.exec(path);
  return m ? `Subject: ${m[1]}` : 'Cluster: schema-registry';
}

function safeDecodePath(p: string): string {
  try {
    return p
      .split('/')
      .map(s => decodeURIComponent(s))
      .join('/');
  } catch {
    return p;
  }
}

function delay(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms));
}

type Answer = { kind: 'json'; body: unknown } | { kind: 'text'; body: string };

const json = (body: unknown): Answer => ({ kind: 'json', body });
const flag = (q: Record<string, string>, name: string): boolean => q[name] === 'true';

function notFound(): RestError {
  return new RestError(404, 404, 'HTTP 404 Not Found');
}

function methodNotAllowed(): RestError {
  return new RestError(405, 405, 'HTTP 405 Method Not Allowed');
}

/** Confluent's resource tree. Path segments are already decoded (a subject may contain '/' only when encoded, like Confluent). */
function route(state: FakeRegistryState, method: string, path: string, q: Record<string, string>, body: unknown, noMode: boolean): Answer {
  const rawSegments = path.split('/').slice(1);
  const parts = rawSegments[rawSegments.length - 1] === '' ? rawSegments.slice(0, -1) : rawSegments;
  const is = (m: string): true => {
    if (method !== m) throw methodNotAllowed();
    return true;
  };
  const schemaBody = body as SchemaBody;

  if (parts.length === 0) return is('GET') && json({});
  const [head, a, b, c, d] = parts;
  switch (head) {
    case 'subjects': {
      if (parts.length === 1) return is('GET') && json(state.listSubjects(q.subjectPrefix ?? '', flag(q, 'deleted'), flag(q, 'deletedOnly')));
      if (parts.length === 2) {
        if (method === 'POST') return json(state.lookup(a, schemaBody, flag(q, 'normalize'), flag(q, 'deleted')));
        if (method === 'DELETE') return json(state.deleteSubject(a, flag(q, 'permanent')));
        throw methodNotAllowed();
      }
      if (b !== 'versions') throw notFound();
      if (parts.length === 3) {
        if (method === 'GET') return json(state.listVersions(a, flag(q, 'deleted'), flag(q, 'deletedOnly')));
        if (method === 'POST') return json({ id: state.register(a, schemaBody, flag(q, 'normalize')).id });
        throw methodNotAllowed();
      }
      if (parts.length === 4) {
        if (method === 'GET') return json(state.getVersion(a, c, flag(q, 'deleted')));
        if (method === 'DELETE') return json(state.deleteVersion(a, c, flag(q, 'permanent')));
        throw methodNotAllowed();
      }
      if (parts.length === 5 && d === 'schema') return is('GET') && { kind: 'text', body: state.getVersion(a, c, flag(q, 'deleted')).schema };
      if (parts.length === 5 && d === 'referencedby') return is('GET') && json(state.referencedBy(a, c));
      throw notFound();
    }
    case 'schemas': {
      if (parts.length === 2 && a === 'types') return is('GET') && json(['JSON', 'PROTOBUF', 'AVRO']);
      if (a !== 'ids' || parts.length < 3) throw notFound();
      if (!/^\d+$/.test(b)) throw notFound();
      const id = Number(b);
      if (parts.length === 3) return is('GET') && json(state.schemaById(id));
      if (parts.length === 4 && c === 'schema') return is('GET') && { kind: 'text', body: state.schemaById(id).schema };
      if (parts.length === 4 && c === 'versions') return is('GET') && json(state.subjectVersionsOfId(id, flag(q, 'deleted')));
      if (parts.length === 4 && c === 'subjects') return is('GET') && json([...new Set(state.subjectVersionsOfId(id, flag(q, 'deleted')).map(sv => sv.subject))]);
      throw notFound();
    }
    case 'compatibility': {
      if (a !== 'subjects' || parts.length < 4 || c !== 'versions' || parts.length > 5) throw notFound();
      is('POST');
      return json(state.checkCompatibility(b, parts.length === 5 ? d : undefined, schemaBody, flag(q, 'verbose'), flag(q, 'normalize')));
    }
    case 'config': {
      if (parts.length > 2) throw notFound();
      const subject = parts.length === 2 ? a : undefined;
      if (method === 'GET') return json(state.getConfig(subject, flag(q, 'defaultToGlobal')));
      if (method === 'PUT') return json(state.setConfig(subject, body as { compatibility?: unknown }));
      if (method === 'DELETE') return json(state.deleteConfig(subject));
      throw methodNotAllowed();
    }
    case 'mode': {
      if (noMode || parts.length > 2) throw notFound();
      const subject = parts.length === 2 ? a : undefined;
      if (method === 'GET') return json(state.getMode(subject, flag(q, 'defaultToGlobal')));
      if (method === 'PUT') return json(state.setMode(subject, body as { mode?: unknown }));
      if (method === 'DELETE') {
        const old = state.getMode(subject);
        if (subject === undefined) state.globalMode = 'READWRITE';
        else state.subjectModes.delete(subject);
        return json(old);
      }
      throw methodNotAllowed();
    }
    default:
      throw notFound();
  }
}
