// Push diagnostics (clients without textDocument/diagnostic): debounced per document, never a stale version published.
import type { Diagnostic } from 'vscode-languageserver';
import type { ServerContext, DiagnosticsChannel } from './context';
import { computeDiagnostics, INDEX_WAIT_MS } from './diagnostics';
import { formatError, SLOW_REQUEST_MS } from './guard';
import type { Disposable } from './runtime';
import { DEFAULT_DEBOUNCE_MS } from './settings';

/** Validations slower than this widen the document's debounce to their own duration. */
const SLOW_VALIDATION_MS = 100;

/**
 * Open documents only: closed files are not validated in push mode (the Problems panel shows open
 * files; the CLI checks the rest). Each document has at most one pending timer; a run that finds
 * its document changed, or a newer run scheduled, drops its result.
 */
export class PushDiagnostics implements DiagnosticsChannel {
  private readonly timers = new Map<string, Disposable>();
  /** The latest run of each document (ids from one counter, so a run never matches a later one's id). */
  private readonly runs = new Map<string, number>();
  private nextRun = 1;
  /** How long the last validation of a document took: long ones widen its debounce. */
  private readonly lastDuration = new Map<string, number>();
  private disposed = false;

  constructor(private readonly ctx: ServerContext) {}

  /** A document changed (or opened: `immediate`). */
  onChanged(uri: string, immediate: boolean): void {
    this.schedule(uri, immediate ? 0 : this.debounceOf(uri));
  }

  onClosed(uri: string): void {
    this.cancel(uri);
    this.runs.delete(uri);
    this.lastDuration.delete(uri);
    this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
  }

  invalidate(uris: readonly string[] | 'all'): void {
    const list = uris === 'all' ? this.ctx.documents.keys() : uris.filter(u => this.ctx.documents.get(u) !== undefined);
    for (const uri of list) this.schedule(uri, uris === 'all' ? 0 : this.debounceOf(uri));
  }

  dispose(): void {
    this.disposed = true;
    for (const t of this.timers.values()) t.dispose();
    this.timers.clear();
  }

  private debounceOf(uri: string): number {
    const configured = this.ctx.settings.peek(uri)?.debounceMs ?? DEFAULT_DEBOUNCE_MS;
    // A document that takes long to validate (a huge schema) is not re-validated faster than it can be.
    const last = this.lastDuration.get(uri) ?? 0;
    return last > SLOW_VALIDATION_MS ? Math.max(configured, Math.min(last, 2000)) : configured;
  }

  private cancel(uri: string): void {
    const t = this.timers.get(uri);
    if (t) {
      t.dispose();
      this.timers.delete(uri);
    }
  }

  private schedule(uri: string, delayMs: number): void {
    if (this.disposed) return;
    this.cancel(uri);
    // Counted as work under way from now until the run has published (or the timer is replaced).
    const timer = this.ctx.activity.setTimeout(() => {
      if (this.timers.get(uri) !== timer) return;
      this.timers.delete(uri);
      return this.run(uri).catch(err => this.ctx.logger.error(formatError(`Avro Studio: validating ${uri} failed`, err)));
    }, delayMs);
    this.timers.set(uri, timer);
  }

  private async run(uri: string): Promise<void> {
    const seq = this.nextRun++;
    this.runs.set(uri, seq);
    const textDocument = this.ctx.documents.get(uri);
    if (!textDocument) return;
    const { version, epoch } = textDocument;
    await this.ctx.whenIndexed(INDEX_WAIT_MS);
    const settings = await this.ctx.settings.get(uri);
    // Superseded while waiting: a newer run is scheduled or running, or the document changed, or
    // closed (and perhaps opened again: another epoch, even at the same version).
    if (this.disposed || this.runs.get(uri) !== seq || this.timers.has(uri)) return;
    const current = this.ctx.documents.get(uri);
    if (!current || current.epoch !== epoch || current.version !== version) return;
    const start = this.ctx.runtime.now();
    let diagnostics: Diagnostic[];
    try {
      diagnostics = computeDiagnostics(this.ctx, uri, settings);
    } catch (err) {
      this.ctx.logger.error(formatError(`Avro Studio: validating ${uri} (version ${version}) failed`, err));
      diagnostics = [];
    }
    const ms = this.ctx.runtime.now() - start;
    this.lastDuration.set(uri, ms);
    if (ms > SLOW_REQUEST_MS) this.ctx.logger.warn(`Avro Studio: validating ${uri} (version ${version}) took ${Math.round(ms)} ms`);
    // computeDiagnostics is synchronous: the version checked above is still the current one.
    await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics });
  }
}
