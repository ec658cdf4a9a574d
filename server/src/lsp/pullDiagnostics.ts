// Pull diagnostics (textDocument/diagnostic): computed on request, `unchanged` when nothing it depends on changed; refresh after outside changes.
import { DocumentDiagnosticReportKind, type DiagnosticServerCancellationData, type DocumentDiagnosticParams, type DocumentDiagnosticReport, type CancellationToken, type ResponseError } from 'vscode-languageserver';
import type { ServerContext, DiagnosticsChannel } from './context';
import { computeDiagnostics, INDEX_WAIT_MS } from './diagnostics';
import { cancelled, formatError, runSafeAsync } from './guard';
import type { Disposable } from './runtime';

/** Delay that coalesces bursts of workspace/diagnostic/refresh. */
const REFRESH_DELAY_MS = 50;

/**
 * Any document the server knows can be pulled, open or not (closed workspace files are validated on
 * demand from their text on disk). Result ids combine the document's open epoch and version, the settings generation,
 * the index generation and the contributors' generations (a baseline loaded): any change recomputes.
 */
export class PullDiagnostics implements DiagnosticsChannel {
  private refreshTimer: Disposable | undefined;

  constructor(private readonly ctx: ServerContext) {}

  async provide(params: DocumentDiagnosticParams, token: CancellationToken): Promise<DocumentDiagnosticReport | ResponseError<DiagnosticServerCancellationData>> {
    const uri = params.textDocument.uri;
    return runSafeAsync<DocumentDiagnosticReport, DiagnosticServerCancellationData>(
      this.ctx.logger,
      () => this.ctx.runtime.now(),
      'textDocument/diagnostic',
      uri,
      async () => {
        await this.ctx.whenIndexed(INDEX_WAIT_MS);
        const settings = await this.ctx.settings.get(uri);
        if (token.isCancellationRequested) throw cancelled<DiagnosticServerCancellationData>();
        this.ctx.models.syncAll();
        // The open's epoch too: a document closed and opened again at the same version is another text.
        const open = this.ctx.documents.get(uri);
        const version = open ? `${open.epoch}.${open.version}` : 'disk';
        const contributed = [...this.ctx.hooks.diagnostics, ...(this.ctx.hooks.filters ?? [])].map(c => c.generation()).join('.');
        const resultId = `${version}:${this.ctx.settings.generation}:${this.ctx.index.generation}:${contributed}`;
        if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
        const items = computeDiagnostics(this.ctx, uri, settings);
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items };
      },
      () => ({ kind: DocumentDiagnosticReportKind.Full, items: [] }),
      token,
    );
  }

  invalidate(uris: readonly string[] | 'all'): void {
    if (uris !== 'all' && !uris.some(u => this.ctx.documents.get(u) !== undefined)) return;
    if (!this.ctx.client.diagnosticRefresh || this.refreshTimer) return;
    this.refreshTimer = this.ctx.activity.setTimeout(() => {
      this.refreshTimer = undefined;
      return this.ctx.connection.languages.diagnostics.refresh().catch(err => this.ctx.logger.warn(formatError('Avro Studio: workspace/diagnostic/refresh failed', err)));
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    this.refreshTimer?.dispose();
    this.refreshTimer = undefined;
  }
}
