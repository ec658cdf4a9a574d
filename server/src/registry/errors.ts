// Every way a Schema Registry request can fail, turned into a RegistryError whose message a person understands (and which never holds a secret).
//
// Confluent's answers are {"error_code": N, "message": "..."} (rest/exceptions/Errors.java): 40401
// subject, 40402 version, 40403 schema not found, 40404-40407 soft-delete states, 40408/40409 no
// subject-level config/mode, 409 incompatible, 42201 invalid schema, 42202 invalid version, 42203
// invalid level, 42204 invalid mode, 42205 operation not permitted (read-only mode), 42206 reference
// exists, 42207-42210 others, 50001-50004 store/timeout/forwarding/leader. Auth layers answer 401 and
// 403 (Confluent Cloud RBAC: 40301). Messages name the subject, version, id and the registry URL.
import { levelList } from '../domain/compatibility';
import { RegistryError, type RegistryAuth, type RegistryErrorKind } from './types';
import { withoutUserinfo } from './userinfo';

/** What a request was for: the context the messages need. */
export interface RequestContext {
  /** The registry URL as shown to people (no credentials). */
  url: string;
  method: string;
  /** Path and query as sent (subjects encoded). */
  path: string;
  /** What the caller was doing, e.g. "register a schema" (for network/server messages). */
  action: string;
  subject?: string;
  version?: number | string;
  id?: number;
  level?: string;
  auth: RegistryAuth['kind'];
}

export interface RegistryAnswer {
  status: number;
  contentType: string;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** The longest snippet of a foreign (non-registry) body quoted in a message. */
const SNIPPET = 200;
/** The longest server detail (e.g. a 42201's parser message) quoted in a message. */
const DETAIL = 400;

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

/** The registry's JSON error body, when the answer is one. */
export function registryErrorBody(answer: RegistryAnswer): { errorCode: number; message: string } | undefined {
  try {
    const json = JSON.parse(answer.body) as { error_code?: unknown; message?: unknown };
    if (json && typeof json === 'object' && typeof json.error_code === 'number') {
      return { errorCode: json.error_code, message: typeof json.message === 'string' ? json.message : '' };
    }
  } catch {
    // not JSON: handled by the caller
  }
  return undefined;
}

/** The descriptions inside a Confluent incompatibility message ("... details: [{errorType:'X', description:'...', ...}, {oldSchemaVersion: 1}, ...]"). */
export function incompatibilityDetails(messages: string[]): string[] {
  const out: string[] = [];
  for (const m of messages) {
    const re = /\{errorType:'([A-Z_]+)', description:'(.*?)', additionalInfo:'(.*?)'\}/g;
    let hit: RegExpExecArray | null;
    let any = false;
    while ((hit = re.exec(m))) {
      any = true;
      out.push(hit[2] ? `${hit[1]}: ${hit[2]}` : `${hit[1]}: ${hit[3]}`);
    }
    // Plain explanations (other registries, forced verdicts, "Incompatible because of different schema type").
    if (!any && !/^\{(oldSchemaVersion|oldSchema|validateFields|compatibility)\b/.test(m)) out.push(m);
  }
  return out;
}

/** A Confluent 409 message split into its list entries (the part after "details: "). */
export function splitConfluentDetails(message: string): string[] {
  const at = message.indexOf('details: [');
  if (at < 0) return [message];
  const inner = message.slice(at + 'details: ['.length).replace(/\]\s*$/, '');
  // Entries are "{...}" groups separated by ", "; braces do not nest in Confluent's format except inside oldSchema's JSON.
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote = false;
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch === "'" && (i === 0 || inner[i - 1] !== '\\')) quote = !quote;
    if (quote) continue;
    if (ch === '{') depth++;
    else if (ch === '}') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(inner.slice(start).trim());
  return parts.filter(p => p.length > 0);
}

function subjectName(ctx: RequestContext): string {
  return ctx.subject ?? '(no subject)';
}

function authHint(ctx: RequestContext): string {
  switch (ctx.auth) {
    case 'none':
      return 'it requires authentication: set credentials (basic: a username and password, or an API key and secret on Confluent Cloud; or a bearer token)';
    case 'basic':
      return 'check the username and password (on Confluent Cloud: a Schema Registry API key and secret, not a Kafka cluster key)';
    case 'bearer':
      return 'the bearer token is invalid or has expired: get a new one';
  }
}

/** A RegistryError for an HTTP answer that is not a success. */
export function errorFromAnswer(answer: RegistryAnswer, ctx: RequestContext): RegistryError {
  const body = registryErrorBody(answer);
  const status = answer.status;
  const code = body?.errorCode;
  const server = body ? clip(body.message, DETAIL) : '';
  const where = `the registry at ${ctx.url}`;
  const make = (kind: RegistryErrorKind, message: string, details?: string[]): RegistryError => new RegistryError(kind, message, status, code, details);

  if (status === 401) return make('unauthorized', `${capital(where)} refused the request (401 Unauthorized): ${authHint(ctx)}.`);
  if (status === 403) {
    return make(
      'forbidden',
      `${capital(where)} does not allow this request (${ctx.method} ${pathOnly(ctx.path)}: 403${code && code !== 403 ? `, error ${code}` : ''}${server ? `, "${server}"` : ''}). The credentials are valid but lack permission: on Confluent Cloud the API key needs a role binding (RBAC) such as DeveloperRead on the subject to read, DeveloperWrite to register.`,
    );
  }
  if (!body) {
    // Not the registry's JSON: a proxy, a load balancer, another service at that URL.
    const hint =
      status >= 500
        ? 'Something between here and the registry (a proxy or load balancer) answered instead of it; this is often temporary: try again later.'
        : 'Check the URL (a missing path prefix?) and any proxy in between.';
    return make(
      'protocol',
      `The server at ${ctx.url} answered ${status} (${answer.contentType || 'no content type'}) to ${ctx.method} ${pathOnly(ctx.path)} with something that is not a Schema Registry answer${answer.body ? `: "${clip(answer.body, SNIPPET)}"` : ''}. ${hint}`,
    );
  }

  switch (code) {
    case 40401:
      return make(
        'not-found',
        ctx.method === 'DELETE'
          ? `Subject ${subjectName(ctx)} does not exist on ${ctx.url}: nothing was deleted.`
          : `Subject ${subjectName(ctx)} does not exist yet on ${ctx.url}: the first registration will create it.`,
      );
    case 40402:
      return make('not-found', `Subject ${subjectName(ctx)} has no version ${String(ctx.version ?? '?')} on ${ctx.url} (it may have been deleted): use one of its versions or "latest".`);
    case 40403:
      return make(
        'not-found',
        ctx.id !== undefined
          ? `No schema with id ${ctx.id} on ${ctx.url}: the id may come from another registry (check the URL) or the schema was deleted permanently.`
          : `This schema is not registered under subject ${subjectName(ctx)} on ${ctx.url}.`,
      );
    case 40404:
      return make('not-found', `Subject ${subjectName(ctx)} is already deleted (soft delete) on ${ctx.url}: delete it permanently to remove it for good.`);
    case 40405:
      return make('not-found', `Subject ${subjectName(ctx)} must be deleted (soft delete) before it can be deleted permanently.`);
    case 40406:
      return make('not-found', `Version ${String(ctx.version ?? '?')} of subject ${subjectName(ctx)} is already deleted (soft delete): delete it permanently to remove it for good.`);
    case 40407:
      return make('not-found', `Version ${String(ctx.version ?? '?')} of subject ${subjectName(ctx)} must be deleted (soft delete) before it can be deleted permanently.`);
    case 40408:
      return make('not-found', `Subject ${subjectName(ctx)} has no compatibility level of its own on ${ctx.url}: the global level applies.`);
    case 40409:
      return make('not-found', `Subject ${subjectName(ctx)} has no mode of its own on ${ctx.url}: the global mode applies.`);
    case 42201:
      return make('invalid-schema', `The registry at ${ctx.url} rejects the schema${ctx.subject ? ` for subject ${ctx.subject}` : ''} as invalid: ${invalidDetail(body.message)}.`);
    case 42202:
      return make('invalid-version', `"${String(ctx.version ?? '?')}" is not a valid version${ctx.subject ? ` for subject ${ctx.subject}` : ''}: use a number from 1 to 2147483647, or "latest".`);
    case 42203:
      return make(
        'invalid-level',
        `The registry does not accept the compatibility level ${ctx.level ?? '?'}: use ${levelList('or')}.`,
      );
    case 42204:
      return make('invalid-level', `The registry does not accept this mode: use READWRITE, READONLY or IMPORT (${server}).`);
    case 42205:
      return make('forbidden', `The registry at ${ctx.url} does not permit this change${ctx.subject ? ` to subject ${ctx.subject}` : ''}: ${server}${/read-only|read-write/i.test(server) ? ' (its mode must be READWRITE to register; ask the registry\'s administrators)' : ''}.`);
    case 42206:
      return make('forbidden', `Other schemas reference ${ctx.subject ? `subject ${ctx.subject}` : 'this schema'}${ctx.version !== undefined ? ` version ${ctx.version}` : ''}: delete or re-register those first.`);
    case 42208:
      return make('invalid-schema', `The registry does not accept the subject name ${subjectName(ctx)}: ${server}.`);
    case 42209:
      return make('invalid-schema', `The schema${ctx.subject ? ` for subject ${ctx.subject}` : ''} is too large for the registry at ${ctx.url}.`);
  }
  if (status === 409 || (code !== undefined && code >= 40900 && code < 41000)) {
    const entries = splitConfluentDetails(body.message);
    const details = incompatibilityDetails(entries);
    const level = /compatibility: '([A-Z_]+)'/.exec(body.message)?.[1];
    const summary = details.length ? details.map(d => clip(d, DETAIL)).join('; ') : server;
    return make(
      'incompatible',
      `The registry refuses the schema for subject ${subjectName(ctx)}: it is not compatible with the registered versions${level ? ` (level ${level})` : ''}. ${summary}`,
      entries,
    );
  }
  if (status === 404) {
    return make('protocol', `The server at ${ctx.url} has no ${ctx.method} ${pathOnly(ctx.path)} (404${server ? `: ${server}` : ''}): is the URL a Schema Registry, with its path prefix if it has one?`);
  }
  if (status === 422) return make('invalid-schema', `The registry at ${ctx.url} rejects the request${ctx.subject ? ` for subject ${ctx.subject}` : ''}: ${server} (error ${code}).`);
  if (status >= 500 || (code !== undefined && code >= 50000 && code < 60000)) {
    const why =
      code === 50001
        ? 'its backing store (the _schemas Kafka topic) failed'
        : code === 50002
          ? 'it timed out writing to its backing store'
          : code === 50003
            ? 'it could not forward the request to its leader'
            : code === 50004
              ? 'it has no leader right now'
              : server || `status ${status}`;
    return make('server', `The registry at ${ctx.url} could not ${ctx.action}: ${why}${code ? ` (error ${code})` : ''}. This is usually temporary: try again later.`);
  }
  return make('protocol', `The registry at ${ctx.url} answered ${status}${code ? ` (error ${code})` : ''} to ${ctx.method} ${pathOnly(ctx.path)}: ${server}`);
}

function invalidDetail(message: string): string {
  // Confluent quotes the whole request before ", details: <parser message>": keep the parser's words.
  const at = message.lastIndexOf('details: ');
  return clip(at >= 0 ? message.slice(at + 'details: '.length) : message, DETAIL).replace(/\.$/, '');
}

function pathOnly(p: string): string {
  const q = p.indexOf('?');
  return q < 0 ? p : p.slice(0, q);
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Node's network error codes, in words. */
const NETWORK: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused (is the registry running, and is the port right?)',
  ECONNRESET: 'the connection was closed before the registry answered',
  EPIPE: 'the connection was closed while the request was being sent',
  ENOTFOUND: 'the host name does not resolve (check the URL)',
  EAI_AGAIN: 'the host name could not be resolved right now (DNS)',
  EHOSTUNREACH: 'the host is unreachable (network or firewall)',
  ENETUNREACH: 'the network is unreachable',
  ETIMEDOUT: 'the connection timed out',
  ECONNABORTED: 'the connection was aborted',
};

/** A RegistryError for a failure without an answer: network, TLS (see tls.ts for the TLS words), truncated answers. */
export function networkError(err: NodeJS.ErrnoException, ctx: RequestContext): RegistryError {
  const code = err.code ?? '';
  if (code.startsWith('HPE_')) {
    // llhttp could not parse the answer: not HTTP at all (often a TLS server spoken to in plain HTTP).
    return new RegistryError(
      'protocol',
      `The server at ${ctx.url} did not answer in HTTP (${code})${ctx.url.startsWith('http:') ? ': if the registry uses TLS, use https://' : ''}.`,
    );
  }
  const reset = code === 'ECONNRESET' || /socket hang up/i.test(err.message);
  let words = NETWORK[code] ?? (reset ? NETWORK.ECONNRESET : err.message);
  if (reset && ctx.url.startsWith('http:')) words += ' (if the registry uses TLS, the URL must start with https://)';
  return new RegistryError('network', `Cannot ${ctx.action}: ${ctx.url} is not reachable: ${words}.`);
}

/**
 * Remove secrets from a text: userinfo in URLs, Authorization header values, and each secret
 * given (passwords, tokens, and their base64 "user:pass" form).
 */
export function redact(text: string, secrets: string[] = []): string {
  let out = withoutUserinfo(text);
  out = out.replace(/\b(authorization\s*[:=]\s*)(basic|bearer)?\s*[^\s,;"']+/gi, '$1$2 ***');
  out = out.replace(/\b(Basic|Bearer)\s+[A-Za-z0-9+/=._~-]{8,}/g, '$1 ***');
  for (const s of secrets) {
    if (s.length < 3) continue;
    out = out.split(s).join('***');
  }
  return out;
}

/** The secrets of an auth, for redact(). */
export function secretsOfAuth(auth: RegistryAuth): string[] {
  switch (auth.kind) {
    case 'basic':
      return [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64'), encodeURIComponent(auth.password)].filter(s => s.length > 0);
    case 'bearer':
      return [auth.token];
    case 'none':
      return [];
  }
}
