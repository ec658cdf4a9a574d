// What the server gets from its host: timers, file reading and a console (node/main.ts builds it; tests can fake it).
import type { FileSystem } from '../workspace/fileSystem';

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
   * Fault injection for tests only (node/main.ts sets it from AVRO_STUDIO_TEST_FAULTS): called
   * before a document is validated, may throw to exercise the error paths.
   */
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
