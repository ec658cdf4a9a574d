// Every handler runs through here: exceptions are logged with the request and URI and answered with a safe result; cancellation honoured.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { Logger } from './runtime';

/** Requests slower than this are logged, so pathological files show up in the output channel. */
export const SLOW_REQUEST_MS = 1000;

export function formatError(message: string, err: unknown): string {
  if (err instanceof Error) {
    const stack = err.stack ?? `${err.name}: ${err.message}`;
    return `${message}: ${stack}`;
  }
  if (typeof err === 'string') return `${message}: ${err}`;
  return `${message}: ${String(err)}`;
}

function describe(what: string, uri: string | undefined): string {
  return uri ? `${what} (${uri})` : what;
}

export function cancelled<E = void>(): ResponseError<E> {
  return new ResponseError<E>(LSPErrorCodes.RequestCancelled, 'Request cancelled');
}

/** Whether an error is the rejection of an aborted operation (an AbortSignal's reason). */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || (err as NodeJS.ErrnoException).code === 'ABORT_ERR');
}

/**
 * Run a request handler: on an exception, log it and return `fallback()`; when the client cancels,
 * answer with RequestCancelled (checked before and after the work). The work gets an AbortSignal
 * that the client's cancellation aborts: it reaches the registry's HTTP requests and git processes.
 */
export async function runSafeAsync<T, E = void>(
  logger: Logger,
  now: () => number,
  what: string,
  uri: string | undefined,
  fn: (signal: AbortSignal) => Promise<T> | T,
  fallback: () => T,
  token?: CancellationToken,
): Promise<T | ResponseError<E>> {
  if (token?.isCancellationRequested) return cancelled<E>();
  const start = now();
  const controller = new AbortController();
  const cancellation = token?.onCancellationRequested(() => controller.abort());
  try {
    const result = await fn(controller.signal);
    if (token?.isCancellationRequested) return cancelled<E>();
    return result;
  } catch (err) {
    if (controller.signal.aborted && (isAbortError(err) || token?.isCancellationRequested)) return cancelled<E>();
    if (err instanceof ResponseError) return err as ResponseError<E>;
    logger.error(formatError(`Avro Studio: ${describe(what, uri)} failed`, err));
    return fallback();
  } finally {
    cancellation?.dispose();
    const ms = now() - start;
    if (ms > SLOW_REQUEST_MS) logger.warn(`Avro Studio: ${describe(what, uri)} took ${Math.round(ms)} ms`);
  }
}

/** Wrap a notification or event handler so that an exception (or a rejected promise) is logged, never thrown. */
export function guard<A extends unknown[]>(logger: Logger, what: string, fn: (...args: A) => unknown, uriOf?: (...args: A) => string | undefined): (...args: A) => void {
  return (...args: A) => {
    const fail = (err: unknown): void => {
      let uri: string | undefined;
      try {
        uri = uriOf?.(...args);
      } catch {
        uri = undefined;
      }
      logger.error(formatError(`Avro Studio: ${describe(what, uri)} failed`, err));
    };
    try {
      const r = fn(...args);
      if (r && typeof (r as Promise<unknown>).then === 'function') (r as Promise<unknown>).then(undefined, fail);
    } catch (err) {
      fail(err);
    }
  };
}
