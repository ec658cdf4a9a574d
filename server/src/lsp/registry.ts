// The Schema Registry in the language server: sessions per folder, the registry baseline for live checks, the CodeLens, and every registry request the client's commands use.
//
// Nothing here runs on the diagnostics path: the compatibility feature asks `ctx.registryBaselines`
// for a provider and loads it in the background; lenses answer from memory and compute behind.
// Untrusted workspaces send no request at all (status 'untrusted'); secrets stay in the sessions.
import { LSPErrorCodes, ResponseError, type CancellationToken, type CodeLens, type CodeLensParams } from 'vscode-languageserver';
import type { RequestType } from 'vscode-languageserver-protocol';
import type { RegistryBaseline } from '../baselines/registry';
import {
  RegistryCheckRequest,
  RegistryCredentialsChangedNotification,
  RegistryPrepareRegisterRequest,
  RegistryRegisterRequest,
  RegistrySchemaRequest,
  RegistrySetLevelRequest,
  RegistrySubjectRequest,
  RegistrySubjectsRequest,
  RegistrySyncStatusRequest,
  RegistryTestConnectionRequest,
  RegistryVersionsRequest,
  type RegistryCheckParams,
  type RegistryCheckResult,
  type RegistryPrepareRegisterParams,
  type RegistryPrepareRegisterResult,
  type RegistryRegisterParams,
  type RegistryRegisterResult,
  type RegistrySetLevelParams,
  type RegistrySetLevelResult,
  type RegistrySubjectParams,
  type RegistrySubjectResult,
  type RegistrySyncStatusParams,
  type RegistrySyncStatusResult,
  type RegistryTestConnectionParams,
  type RegistryTestConnectionResult,
} from '../protocol';
import { DEFAULT_REFRESH_MS } from '../registry/session';
import { uriToPath } from '../workspace/uris';
import type { ServerContext } from './context';
import type { Feature } from './features';
import { guard, runSafeAsync } from './guard';
import { withDocument } from './requestContext';
import { onNotification0, onRequest } from './messages';
import type { Disposable } from './runtime';
import { listSubjects, listVersions, schemaVersion, setLevel, subjectOfDocument, testConnection } from './registry/browse';
import { registryCheck } from './registry/check';
import { RegistryLenses } from './registry/codeLens';
import { RegistryFolders, type RegistryFolder } from './registry/folders';
import { LiveRegistryBaselines } from './registry/liveBaselines';
import { Registrations } from './registry/register';
import { SyncStates } from './registry/sync';

export const registryFeature: Feature = {
  name: 'registry',
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register(ctx: ServerContext): void {
    new RegistryFeature(ctx).register();
  },
};

class RegistryFeature {
  private trustGranted = false;
  private readonly folders: RegistryFolders;
  private readonly live: LiveRegistryBaselines;
  private readonly sync: SyncStates;
  private readonly lenses: RegistryLenses;
  private readonly registrations: Registrations;
  private readonly refreshMs: number;
  private refreshTimer: Disposable | undefined;
  private disposed = false;

  constructor(private readonly ctx: ServerContext) {
    // The host's registry: its client, and how soon an unreachable registry is tried again (node/main.ts, or a test's host).
    const host = ctx.runtime.registry;
    this.refreshMs = host?.refreshMs ?? DEFAULT_REFRESH_MS;
    this.folders = new RegistryFolders(ctx, {
      trusted: () => this.trusted,
      onChanged: () => this.registryChanged(),
      createClient: host?.createClient,
      env: ctx.runtime.env,
      retryBaseMs: host?.retryBaseMs,
      refreshMs: this.refreshMs,
    });
    this.live = new LiveRegistryBaselines(ctx, this.folders);
    this.sync = new SyncStates(ctx, this.folders, { baseline: (folder, fresh) => (fresh ? this.liveBaseline(folder) : this.live.baselineOf(folder)) });
    this.lenses = new RegistryLenses(ctx, this.folders, this.sync);
    this.registrations = new Registrations(ctx, this.folders, {
      liveBaseline: folder => this.liveBaseline(folder),
      written: () => this.registryChanged(),
    });
  }

  private get trusted(): boolean {
    return this.trustGranted || this.ctx.client.trusted;
  }

  register(): void {
    const { ctx } = this;
    ctx.registryBaselines = this.live;
    (ctx.hooks.trustGranted ??= []).push(() => {
      this.trustGranted = true;
      this.folders.trustChanged();
    });
    (ctx.hooks.refreshBaselines ??= []).push(() => {
      this.folders.refresh();
      this.folders.invalidateConfigs();
      this.lenses.invalidate();
    });
    ctx.hooks.watchedFiles.push(changes => {
      let changed = false;
      for (const c of changes) {
        const p = uriToPath(c.uri);
        if (p !== undefined && this.folders.onWatchedFile(p)) changed = true;
      }
      if (changed) this.lenses.invalidate();
    });
    ctx.hooks.initialized.push(() => this.scheduleRefresh());
    ctx.hooks.shutdown.push(() => {
      this.disposed = true;
      this.refreshTimer?.dispose();
      this.lenses.dispose();
      this.folders.dispose();
    });
    ctx.documents.onDidClose(guard(ctx.logger, 'textDocument/didClose (registry lenses)', e => this.lenses.forget(e.document.uri), e => e.document.uri));

    onNotification0(ctx.connection, RegistryCredentialsChangedNotification, guard(ctx.logger, RegistryCredentialsChangedNotification.method, () => {
      // Never log what changed: only that something did.
      ctx.logger.info('Avro Studio: registry credentials changed: connecting again.');
      this.folders.credentialsChanged();
    }));

    ctx.connection.onCodeLens((params: CodeLensParams, token: CancellationToken) =>
      withDocument<CodeLens[]>(ctx, 'textDocument/codeLens', params, token, { fallback: () => [] }, () => this.lenses.provide(params)));

    // The client's cancellation aborts the work's signal: it reaches every HTTP request to the registry (writes excepted: a registration is never cut off half-way).
    const request = <P, R>(type: RequestType<P, R, void>, uriOf: (p: P) => string | undefined, work: (p: P, signal: AbortSignal) => Promise<R>, fallback: (p: P) => R): void => {
      onRequest(ctx.connection, type, (params, token) =>
        runSafeAsync<R>(ctx.logger, () => ctx.runtime.now(), type.method, uriOf(params), signal => work(params, signal), () => fallback(params), token));
    };
    const failedMessage = 'The request failed (see the Avro Studio output).';
    request<RegistryTestConnectionParams, RegistryTestConnectionResult>(RegistryTestConnectionRequest, p => p?.folder, (p, signal) => testConnection(ctx, this.folders, p, signal), () => ({ ok: false, message: failedMessage }));
    request<RegistrySubjectParams, RegistrySubjectResult>(RegistrySubjectRequest, p => p?.uri, p => subjectOfDocument(ctx, this.folders, p), () => ({ unmappedReason: failedMessage }));
    request<RegistryCheckParams, RegistryCheckResult>(RegistryCheckRequest, p => p?.uri, (p, signal) => registryCheck(ctx, this.folders, f => this.liveBaseline(f), p, signal), () => ({ versions: [], findings: [], disagreement: false, markdown: failedMessage, error: failedMessage }));
    request<RegistryPrepareRegisterParams, RegistryPrepareRegisterResult>(RegistryPrepareRegisterRequest, p => p?.uri, (p, signal) => this.registrations.prepare(p, signal), () => ({ plan: [], findings: [], blocked: failedMessage, message: failedMessage }));
    request<RegistryRegisterParams, RegistryRegisterResult>(RegistryRegisterRequest, p => p?.uri, p => this.registrations.register(p), () => ({ results: [], ok: false, message: `${failedMessage} Run "Avro: Sync Workspace with Registry" to see what the registry holds.` }));
    request<RegistrySyncStatusParams, RegistrySyncStatusResult>(RegistrySyncStatusRequest, p => p?.folder, async (p, signal) => {
      const result = await this.sync.status(p, signal);
      this.lenses.remember(result.entries);
      return result;
    }, () => ({ entries: [], message: failedMessage }));
    request<RegistrySetLevelParams, RegistrySetLevelResult>(RegistrySetLevelRequest, p => p?.folder, p => setLevel(this.folders, p, () => this.registryChanged()), () => ({ ok: false, message: failedMessage }));
    // Browsing: what the registry says is a ResponseError with a message for people (runSafeAsync passes it
    // through); any other failure is logged with the request and answered with a plain "failed".
    const browse = <P, R>(type: RequestType<P, R, void>, work: (p: P, signal: AbortSignal) => Promise<R>): void => {
      onRequest(ctx.connection, type, (params, token) =>
        runSafeAsync<R>(ctx.logger, () => ctx.runtime.now(), type.method, undefined, signal => work(params, signal), () => {
          throw new ResponseError(LSPErrorCodes.RequestFailed, failedMessage);
        }, token));
    };
    browse(RegistrySubjectsRequest, (p, signal) => listSubjects(this.folders, p, signal));
    browse(RegistryVersionsRequest, (p, signal) => listVersions(this.folders, p, signal));
    browse(RegistrySchemaRequest, (p, signal) => schemaVersion(this.folders, p, signal));
  }

  /** A RegistryBaseline reading the registry now (for commands). */
  private liveBaseline(folder: RegistryFolder): RegistryBaseline {
    return this.live.baselineOf(folder, true);
  }

  /** What a registry holds may have changed: live checks reload, lenses recompute. */
  private registryChanged(): void {
    for (const hook of this.ctx.hooks.registryChanged ?? []) guard(this.ctx.logger, 'registry changed hook', hook)();
    this.lenses.invalidate();
  }

  /** Every few minutes, while sessions are connected: versions and levels are read again (they may change outside the editor). */
  private scheduleRefresh(): void {
    if (this.disposed) return;
    this.refreshTimer = this.ctx.runtime.timer.setTimeout(() => {
      this.refreshTimer = undefined;
      if (this.folders.activeSessions().some(s => s.state === 'connected')) this.registryChanged();
      this.scheduleRefresh();
    }, this.refreshMs);
  }
}
