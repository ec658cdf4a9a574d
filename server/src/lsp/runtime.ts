// What the server gets from its host: timers, file reading, the environment, a console, the Schema Registry client (node/runtime.ts builds it; tests hand in their own).
import type { FileSystem } from '../workspace/fileSystem';
import type { Rule } from '../service/languageService';
import type { RegistryClient, RegistryConnection } from '../registry/types';

export interface Disposable {
  dispose(): void;
}

export interface Logger {
  error(message: string): void;
  warn(message: string): void;
  info(message: string): void;
  log(message: string): void;
}

export interface RuntimeEnvironment {
  timer: {
    setTimeout(callback: () => void, ms: number): Disposable;
    /** Run after pending I/O (used to yield to the event loop while indexing). */
    setImmediate(callback: () => void): Disposable;
  };
  /** Reads workspace files from disk; without it only the documents the client opens are known. */
  fs?: FileSystem;
  /** Milliseconds from an arbitrary origin, for durations. */
  now(): number;
  /** Where logs go; defaults to the connection's console (the client's output channel). */
  console?: Logger;
  /** Bytes of JavaScript heap in use, for the status line (optional). */
  memoryUsage?(): number;
  /**
   * The validation rules to run (default: every rule of the service). Hosts that embed the
   * server, and tests that exercise a failing rule, hand in their own list.
   */
  rules?: readonly Rule[];
  /** Called before a document is validated; a host (or a test) may throw to exercise the error paths. Never set by node/main.ts. */
  beforeValidate?(uri: string): void;
  /** Schema Registry access; without it the registry features say that this host has no registry client. */
  registry?: RegistryRuntime;
  /** Environment variables the server may read: the registry credentials other editors pass as AVRO_REGISTRY_* (never logged). */
  env?: Readonly<Record<string, string | undefined>>;
}

/**
 * How the server reaches Schema Registry. The host hands in the REST client (node/main.ts: the
 * Confluent client over node:http, which retries failed idempotent requests); the server decorates
 * it per workspace folder with credentials, caching and connection monitoring (registry/session.ts).
 */
export interface RegistryRuntime {
  createClient(connection: RegistryConnection): RegistryClient;
  /** First delay before the connection is tried again while a registry is unreachable (default 5 s, doubling). */
  retryBaseMs?: number;
  /** How long a subject's versions and level are served from memory (default 3 minutes). */
  refreshMs?: number;
}

/** A promise that resolves on the next turn of the event loop. */
export function yieldToEventLoop(runtime: RuntimeEnvironment): Promise<void> {
  return new Promise(resolve => runtime.timer.setImmediate(resolve));
}

/** A promise that resolves after `ms`. */
export function delay(runtime: RuntimeEnvironment, ms: number): Promise<void> {
  return new Promise(resolve => runtime.timer.setTimeout(resolve, ms));
}

/**
 * `work`'s value, or `fallback` after `ms` if it takes longer; the timer is dropped as soon as
 * `work` settles (no timer left behind to keep a process or a test alive). `work` must not reject.
 */
export function orAfter<T>(runtime: RuntimeEnvironment, work: Promise<T>, ms: number, fallback: T): Promise<T> {
  return new Promise(resolve => {
    const timer = runtime.timer.setTimeout(() => resolve(fallback), ms);
    void work.then(value => {
      timer.dispose();
      resolve(value);
    });
  });
}
