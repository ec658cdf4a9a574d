// What the server gets from its host: timers, file reading, the environment and a console (node/runtime.ts builds it; tests hand in their own).
import type { FileSystem } from '../workspace/fileSystem';
import type { Rule } from '../service/validation/validate';
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
   * The environment variables the server may read (registry credentials for editors that cannot
   * store them: AVRO_REGISTRY_USERNAME ...). The node entry hands in process.env; none: no variable.
   */
  env?: Readonly<Record<string, string | undefined>>;
  /** The Schema Registry side: timings of the sessions (defaults: registry/session.ts) and the REST client. */
  registry?: {
    /** First delay before an unreachable registry is tried again (doubles up to a limit). */
    retryBaseMs?: number;
    /** How often versions and levels of a connected registry are read again. */
    refreshMs?: number;
    /** Builds the REST client of a registry (default: registry/client.ts over HTTP). */
    createClient?(connection: RegistryConnection): RegistryClient;
  };
  /**
   * The validation rules to run (default: every rule of the service). Hosts that embed the
   * server, and tests that exercise a failing rule, hand in their own list.
   */
  rules?: readonly Rule[];
  /** Called before a document is validated; a host (or a test) may throw to exercise the error paths. Never set by node/main.ts. */
  beforeValidate?(uri: string): void;
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
