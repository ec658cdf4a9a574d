// The one place request parameters are checked: the shape of every request the server answers (standard and avro/*), enforced before any handler runs; malformed ones are answered InvalidParams (-32602).
import { ErrorCodes, Message, ResponseError, type Connection, type MessageStrategy, type NotificationMessage, type RequestMessage } from 'vscode-languageserver';
import {
  BaselineContentRequest,
  CanonicalFormRequest,
  CheckCompatibilityRequest,
  RegistryCheckRequest,
  RegistryPrepareRegisterRequest,
  RegistryRegisterRequest,
  RegistrySchemaRequest,
  RegistrySetLevelRequest,
  RegistrySubjectRequest,
  RegistrySubjectsRequest,
  RegistrySyncStatusRequest,
  RegistryTestConnectionRequest,
  RegistryVersionsRequest,
  IdleRequest,
  ReindexRequest,
} from '../protocol';
import { guard } from './guard';
import type { Logger } from './runtime';

/**
 * A check of one value: undefined when it fits, else what is wrong with it. `sample` is a value
 * that fits (tests build valid and broken parameters from it); `optional` fields may be absent.
 */
export interface Check {
  (value: unknown, at: string): string | undefined;
  sample: unknown;
  optional?: boolean;
  /** The fields of an object check. */
  fields?: Readonly<Record<string, Check>>;
}

function check(sample: unknown, fn: (value: unknown, at: string) => string | undefined, extra: Partial<Check> = {}): Check {
  return Object.assign(fn, { sample }, extra);
}

const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

const str = check('x', (v, at) => (typeof v === 'string' ? undefined : `${at} must be a string, not ${describe(v)}`));
const uriString = check('file:///untitled.avsc', (v, at) => (typeof v === 'string' ? undefined : `${at} must be a URI string, not ${describe(v)}`));
const bool = check(false, (v, at) => (typeof v === 'boolean' ? undefined : `${at} must be true or false, not ${describe(v)}`));
const uinteger = check(0, (v, at) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? undefined : `${at} must be a non-negative integer, not ${typeof v === 'number' ? v : describe(v)}`));
const integer = check(1, (v, at) => (typeof v === 'number' && Number.isInteger(v) ? undefined : `${at} must be an integer, not ${typeof v === 'number' ? v : describe(v)}`));

function optional(c: Check): Check {
  return check(c.sample, (v, at) => (v === undefined ? undefined : c(v, at)), { optional: true, fields: c.fields });
}

function obj(fields: Record<string, Check>): Check {
  const sample: Record<string, unknown> = {};
  for (const [k, c] of Object.entries(fields)) if (!c.optional) sample[k] = c.sample;
  return check(sample, (v, at) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return `${at} must be an object, not ${describe(v)}`;
    for (const [k, c] of Object.entries(fields)) {
      const problem = c((v as Record<string, unknown>)[k], `${at}.${k}`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  }, { fields });
}

function array(item: Check): Check {
  return check([], (v, at) => {
    if (!Array.isArray(v)) return `${at} must be an array, not ${describe(v)}`;
    for (let i = 0; i < v.length; i++) {
      const problem = item(v[i], `${at}[${i}]`);
      if (problem !== undefined) return problem;
    }
    return undefined;
  });
}

function oneOf(...options: Check[]): Check {
  return check(options[0].sample, (v, at) => {
    const problems = options.map(o => o(v, at));
    return problems.includes(undefined) ? undefined : problems[0];
  });
}

const literal = (value: string): Check => check(value, (v, at) => (v === value ? undefined : `${at} must be ${JSON.stringify(value)}`));

/** Parameters that may be left out entirely (every field optional). */
function optionalParams(c: Check): Check {
  return check(c.sample, (v, at) => (v === undefined || v === null ? undefined : c(v, at)), { fields: c.fields });
}

const position = obj({ line: uinteger, character: uinteger });
const range = obj({ start: position, end: position });
const anyPosition = obj({ line: integer, character: integer });
const textDocument = obj({ uri: uriString });
const atPosition = { textDocument, position };

/** Every request the server answers, by method, with the shape of its parameters. */
export const REQUEST_PARAMS: Readonly<Record<string, Check>> = {
  'textDocument/diagnostic': obj({ textDocument, identifier: optional(str), previousResultId: optional(str) }),
  'textDocument/hover': obj(atPosition),
  'textDocument/completion': obj({ ...atPosition, context: optional(obj({ triggerKind: integer, triggerCharacter: optional(str) })) }),
  'completionItem/resolve': obj({ label: str }),
  'textDocument/definition': obj(atPosition),
  'textDocument/references': obj({ ...atPosition, context: obj({ includeDeclaration: bool }) }),
  'textDocument/documentHighlight': obj(atPosition),
  'textDocument/prepareRename': obj(atPosition),
  'textDocument/rename': obj({ ...atPosition, newName: str }),
  'textDocument/selectionRange': obj({ textDocument, positions: array(position) }),
  'textDocument/codeAction': obj({
    textDocument,
    range,
    context: obj({ diagnostics: array(obj({ range, message: oneOf(str, obj({ value: str })) })), only: optional(array(str)), triggerKind: optional(integer) }),
  }),
  'textDocument/codeLens': obj({ textDocument }),
  'textDocument/documentSymbol': obj({ textDocument }),
  'textDocument/foldingRange': obj({ textDocument }),
  'textDocument/formatting': obj({ textDocument, options: obj({ tabSize: uinteger, insertSpaces: bool }) }),
  'textDocument/rangeFormatting': obj({ textDocument, range, options: obj({ tabSize: uinteger, insertSpaces: bool }) }),
  'workspace/symbol': obj({ query: str }),

  [ReindexRequest.method]: optionalParams(obj({})),
  [IdleRequest.method]: optionalParams(obj({})),
  [CheckCompatibilityRequest.method]: obj({ uri: uriString, refresh: optional(bool) }),
  [BaselineContentRequest.method]: obj({ uri: uriString, version: optional(str) }),
  [CanonicalFormRequest.method]: obj({ uri: uriString, position: optional(position) }),
  [RegistryTestConnectionRequest.method]: optionalParams(obj({ folder: optional(uriString) })),
  [RegistrySubjectRequest.method]: obj({ uri: uriString }),
  [RegistryCheckRequest.method]: obj({ uri: uriString }),
  [RegistryPrepareRegisterRequest.method]: obj({ uri: uriString }),
  [RegistryRegisterRequest.method]: obj({ uri: uriString, version: integer, expectedLatest: optional(integer), contentHash: optional(str) }),
  [RegistrySyncStatusRequest.method]: optionalParams(obj({ folder: optional(uriString) })),
  [RegistrySetLevelRequest.method]: obj({ folder: optional(uriString), subject: optional(str), level: str }),
  [RegistrySubjectsRequest.method]: optionalParams(obj({ folder: optional(uriString), prefix: optional(str) })),
  [RegistryVersionsRequest.method]: obj({ folder: optional(uriString), subject: str }),
  [RegistrySchemaRequest.method]: obj({ folder: optional(uriString), subject: str, version: oneOf(integer, literal('latest')) }),
};

/** The text synchronization notifications: malformed ones are dropped (with a warning), never half applied. */
export const NOTIFICATION_PARAMS: Readonly<Record<string, Check>> = {
  'textDocument/didOpen': obj({ textDocument: obj({ uri: uriString, languageId: str, version: integer, text: str }) }),
  // A change's positions are clamped (negative numbers too): dropping the change would lose the text's sync.
  'textDocument/didChange': obj({
    textDocument: obj({ uri: uriString, version: integer }),
    contentChanges: array(obj({ text: str, range: optional(obj({ start: anyPosition, end: anyPosition })) })),
  }),
  'textDocument/didClose': obj({ textDocument }),
};

/** What is wrong with a request's parameters (undefined: they fit, or the method is not one of ours). */
export function requestParamsProblem(method: string, params: unknown): string | undefined {
  const c = REQUEST_PARAMS[method];
  return c ? c(params, 'params') : undefined;
}

/** Requests whose parameters do not fit are re-routed here (their id kept), and answered InvalidParams. */
const INVALID_REQUEST = 'avro/internal/invalidParams';
const INVALID_NOTIFICATION = 'avro/internal/invalidNotification';

interface Rejected {
  method: string;
  problem: string;
}

/**
 * The connection option that checks parameters before dispatch (node/main.ts passes it to
 * createConnection; acceptInvalidParams registers the answers). Handlers can rely on the shapes above.
 */
export function paramsValidation(): MessageStrategy {
  return {
    handleMessage(message, next) {
      if (Message.isRequest(message)) {
        // vscode-jsonrpc sends `sendRequest(method, params, undefined)` as the array [params, null]
        // (a trailing argument that is not a token); handlers would get null as their token.
        // The request means its first element: deliver that, by name.
        let request: RequestMessage = message;
        if (Array.isArray(request.params) && request.params.length > 1 && request.params.slice(1).every(p => p === null || p === undefined)) {
          request = { ...request, params: request.params[0] as object };
        }
        const problem = requestParamsProblem(request.method, request.params);
        if (problem !== undefined) {
          const rejected: RequestMessage = { jsonrpc: request.jsonrpc, id: request.id, method: INVALID_REQUEST, params: { method: request.method, problem } satisfies Rejected };
          return next(rejected);
        }
        return next(request);
      } else if (Message.isNotification(message)) {
        const c = NOTIFICATION_PARAMS[message.method];
        const problem = c?.(message.params, 'params');
        if (problem !== undefined) {
          const rejected: NotificationMessage = { jsonrpc: message.jsonrpc, method: INVALID_NOTIFICATION, params: { method: message.method, problem } satisfies Rejected };
          return next(rejected);
        }
      }
      return next(message);
    },
  };
}

/** Answer the requests paramsValidation rejected (InvalidParams, saying what is wrong); log dropped notifications. */
export function acceptInvalidParams(connection: Connection, logger: Logger): void {
  connection.onRequest(INVALID_REQUEST, (p: Rejected) => new ResponseError(ErrorCodes.InvalidParams, `Invalid parameters for ${p.method}: ${p.problem}.`));
  connection.onNotification(INVALID_NOTIFICATION, guard(logger, INVALID_NOTIFICATION, (p: Rejected) => logger.warn(`Avro Studio: ignored ${p.method} with invalid parameters: ${p.problem}.`)));
}
