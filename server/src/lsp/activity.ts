// The work the server has started and not finished, so that `avro/idle` can answer once everything it was told has been acted on.
//
// Counted: debounced validations (from the edit to the publication), refresh requests waiting to be
// sent, the workspace index and file events, avro-studio.json reads, baseline loads, registry lens
// computations, and the asynchronous part of notification handlers. Not counted: timers that only
// poll (git refs, the registry's periodic refresh and its reconnection attempts), since they never
// end; the work a poll starts is counted once it starts.
import type { Disposable, RuntimeEnvironment } from './runtime';

export class Activity {
  private pending = 0;
  private waiters: Array<() => void> = [];
  private checkScheduled = false;

  constructor(private readonly timer: RuntimeEnvironment['timer']) {}

  /** Count one piece of work until the returned function is called (once; later calls do nothing). */
  begin(): () => void {
    this.pending++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.pending--;
      if (this.pending === 0) this.check();
    };
  }

  /** Count `work` until it settles; returns it unchanged. Anything that is not a promise is returned as it is. */
  track<T>(work: T): T {
    if (work && typeof (work as { then?: unknown }).then === 'function') {
      const end = this.begin();
      (work as unknown as Promise<unknown>).then(end, end);
    }
    return work;
  }

  /** A timer whose callback is work: pending from now until the callback (and the promise it returns) is done, or the timer is disposed. */
  setTimeout(callback: () => unknown, ms: number): Disposable {
    const end = this.begin();
    const handle = this.timer.setTimeout(() => {
      let result: unknown;
      try {
        result = callback();
      } finally {
        if (result && typeof (result as { then?: unknown }).then === 'function') (result as Promise<unknown>).then(end, end);
        else end();
      }
    }, ms);
    return {
      dispose: () => {
        handle.dispose();
        end();
      },
    };
  }

  /** Resolves once nothing is pending, and nothing started in the turn of the event loop after that. */
  whenIdle(): Promise<void> {
    return new Promise(resolve => {
      this.waiters.push(resolve);
      this.check();
    });
  }

  /** Work that ends often starts the next piece in a promise continuation: look again after the current turn before calling it idle. */
  private check(): void {
    if (this.checkScheduled || this.pending > 0 || this.waiters.length === 0) return;
    this.checkScheduled = true;
    this.timer.setImmediate(() => {
      this.checkScheduled = false;
      if (this.pending > 0) return;
      const waiters = this.waiters;
      this.waiters = [];
      for (const resolve of waiters) resolve();
    });
  }
}
