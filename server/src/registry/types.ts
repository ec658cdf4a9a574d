// The Confluent Schema Registry REST API as Avro Studio uses it: types, errors and the client interface.
//
// Implemented by registry/client.ts over Node's fetch; the language server and the CLI use only
// this interface, so tests can also hand in the protocol-faithful registry of test/registry/.

import type { CompatibilityLevel } from '../domain/compatibility';

/** A schema as the registry returns it (GET /subjects/{s}/versions/{v}, GET /schemas/ids/{id}). */
export interface RegisteredSchema {
  subject: string;
  id: number;
  version: number;
  /** The schema text as registered (the registry may have normalized whitespace). */
  schema: string;
  /** "AVRO" when absent (the registry omits it for Avro). */
  schemaType: string;
  references: SchemaReference[];
}

/** A reference from one registered schema to another (`name` is the fullname of the referenced type). */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

export interface CompatibilityVerdict {
  isCompatible: boolean;
  /** With verbose=true: the registry's own explanations (Java's messages). */
  messages: string[];
}

export type RegistryAuth =
  | { kind: 'none' }
  | { kind: 'basic'; username: string; password: string }
  | { kind: 'bearer'; token: string };

export interface RegistryConnection {
  /** Base URL without a trailing slash and without credentials. */
  url: string;
  auth: RegistryAuth;
  /** PEM contents (not paths) of extra CA certificates, and of the client certificate and key for mTLS. */
  ca?: string;
  cert?: string;
  key?: string;
  /** Per-request time limit (default 10 s). */
  timeoutMs?: number;
  /** Retries on 5xx and network errors only, with exponential backoff (default 2). */
  retries?: number;
}

/** What went wrong, in categories a caller can act on; `message` is for people and never contains a secret. */
export type RegistryErrorKind =
  | 'not-found' // 40401 subject, 40402 version, 40403 schema
  | 'incompatible' // 409 / 40901
  | 'invalid-schema' // 42201
  | 'invalid-version' // 42202
  | 'invalid-level' // 42203
  | 'unauthorized' // 401
  | 'forbidden' // 403, 40301
  | 'server' // 5xx, 50001-50004
  | 'timeout'
  | 'network' // connection refused, DNS, reset
  | 'tls' // certificate not trusted, hostname mismatch, client certificate refused
  | 'protocol'; // an answer that is not the registry's JSON

export class RegistryError extends Error {
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    /** HTTP status, when there was a response. */
    readonly status?: number,
    /** The registry's error_code, when it sent one. */
    readonly errorCode?: number,
    /** kind 'incompatible': the registry's own entries (Java's messages, Confluent's "{errorType:...}" strings). */
    readonly details?: string[],
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

/** A level as the registry names it (the same vocabulary as everywhere else). */
export type CompatibilityLevelName = CompatibilityLevel;

export interface RegistryClient {
  readonly url: string;
  /** GET /subjects (?subjectPrefix, ?deleted). */
  subjects(options?: { prefix?: string; deleted?: boolean; signal?: AbortSignal }): Promise<string[]>;
  /** GET /subjects/{s}/versions (?deleted): ascending version numbers. */
  versions(subject: string, options?: { deleted?: boolean; signal?: AbortSignal }): Promise<number[]>;
  /** GET /subjects/{s}/versions/{v|latest}. */
  schema(subject: string, version: number | 'latest', options?: { deleted?: boolean; signal?: AbortSignal }): Promise<RegisteredSchema>;
  /** GET /schemas/ids/{id}. */
  schemaById(id: number, signal?: AbortSignal): Promise<{ schema: string; schemaType: string; references: SchemaReference[] }>;
  /** POST /subjects/{s}: is this exact schema registered under the subject? undefined when not. */
  lookup(subject: string, schema: string, options?: { references?: SchemaReference[]; normalize?: boolean; signal?: AbortSignal }): Promise<RegisteredSchema | undefined>;
  /** POST /subjects/{s}/versions: register (or get the existing id of) a schema. */
  register(subject: string, schema: string, options?: { references?: SchemaReference[]; normalize?: boolean; signal?: AbortSignal }): Promise<{ id: number }>;
  /** POST /compatibility/subjects/{s}/versions/{latest|v} (or /versions for all) ?verbose=true. */
  checkCompatibility(subject: string, schema: string, options?: { version?: number | 'latest' | 'all'; references?: SchemaReference[]; signal?: AbortSignal }): Promise<CompatibilityVerdict>;
  /** GET /config/{s}?defaultToGlobal=true, or GET /config without a subject. */
  level(subject?: string, signal?: AbortSignal): Promise<CompatibilityLevelName>;
  /** PUT /config/{s} (or /config): returns the level now in force. */
  setLevel(level: CompatibilityLevelName, subject?: string, signal?: AbortSignal): Promise<CompatibilityLevelName>;
  /** GET /mode (or /mode/{s}); undefined when the server has no /mode (Karapace). */
  mode(subject?: string, signal?: AbortSignal): Promise<string | undefined>;
  /** DELETE /subjects/{s}[/versions/{v}] (?permanent): the versions deleted. */
  deleteSubject(subject: string, options?: { version?: number; permanent?: boolean; signal?: AbortSignal }): Promise<number[]>;
}
