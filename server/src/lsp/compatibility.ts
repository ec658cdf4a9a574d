// Compatibility in the editor: findings as diagnostics while typing, the status per document, the report, baseline contents, trust and refresh.
//
// The check itself is synchronous and runs inside computeDiagnostics (pull and push alike), on the
// model that validation just built; everything slow (reading avro-studio.json, running git,
// parsing the baseline) happens in the background, after which the document is checked again.
// So the first diagnostics of a document come without compatibility (status 'checking'), and the
// findings follow as soon as the baseline is there. Untrusted workspaces start no git process.
import { DidChangeWatchedFilesNotification, type Diagnostic, type FileEvent } from 'vscode-languageserver';
import { BaselineManager, type BaselineRequest, type LoadedBaseline } from './compat/baselineManager';
import {
  BaselineContentRequest,
  CheckCompatibilityRequest,
  CompatibilityStatusNotification,
  RefreshBaselinesNotification,
  WorkspaceTrustedNotification,
  type BaselineContentParams,
  type BaselineContentResult,
  type CheckCompatibilityParams,
  type CompatibilityReport,
  type CompatibilityStatusParams,
} from '../protocol';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { formatBaselineSpec } from '../baselines/types';
import type { AvroDocument } from '../service/model/types';
import { uriToPath } from '../workspace/uris';
import { checkAgainstBaseline, statusOf, statusPrefix, type CheckOutcome } from './compat/check';
import { effectiveCompatibility, withRegistryLevel, type EffectiveCompatibility } from './compat/policy';
import { ProjectConfigs } from './compat/projectConfigs';
import { buildReport } from './compat/report';
import type { DiagnosticsContributor, ServerContext } from './context';
import { INDEX_WAIT_MS, lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { onNotification0, onRequest, sendNotification } from './messages';
import { formatError, guard, runSafeAsync } from './guard';
import type { Disposable } from './runtime';
import type { DocumentSettings } from './settings';

/** How often the refs of git baselines in use are read (files only, no git process). */
export const REF_POLL_MS = 2000;

export const compatibilityFeature: Feature = {
  name: 'compatibility',
  register(ctx: ServerContext): void {
    new CompatibilityChecks(ctx).register();
  },
};

interface Evaluation extends CheckOutcome {
  /** What the memo is valid for. */
  key: string;
  doc: AvroDocument;
  policy: EffectiveCompatibility | undefined;
  baseline: LoadedBaseline | undefined;
}

class CompatibilityChecks implements DiagnosticsContributor {
  readonly name = 'compatibility';
  private generationCounter = 0;
  /** The user trusted the workspace after the start (initialize said it was not). */
  private trustGranted = false;
  private readonly manager: BaselineManager;
  private readonly configs: ProjectConfigs;
  private readonly lastStatus = new Map<string, string>();
  private readonly evaluations = new Map<string, Evaluation>();
  private readonly logged = new Set<string>();
  private pollTimer: Disposable | undefined;
  private polling = false;
  private disposed = false;

  constructor(private readonly ctx: ServerContext) {
    this.manager = new BaselineManager({
      trusted: () => this.trusted,
      workingTree: () => ctx.index.schemas,
      pathOf: uri => ctx.index.pathOf(uri) ?? uriToPath(uri),
      now: () => ctx.runtime.now(),
      onLoaded: users => this.baselineLoaded(users),
      log: message => ctx.logger.info(message),
      registry: request => ctx.registryBaselines?.provider({ filePath: request.filePath, fileUri: request.fileUri }),
      loadStarted: load => ctx.activity.track(load),
    });
    this.configs = ctx.projectConfigs;
    this.configs.onLoaded(() => this.changed('all'));
  }

  private get trusted(): boolean {
    return this.trustGranted || this.ctx.client.trusted;
  }

  register(): void {
    const { ctx } = this;
    ctx.hooks.diagnostics.push(this);
    ctx.hooks.initialized.push(() => {
      if (!ctx.client.watchedFilesRegistration) return;
      ctx.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${PROJECT_CONFIG_FILE}` }] })
        .catch(err => ctx.logger.warn(formatError(`Avro Studio: registering the **/${PROJECT_CONFIG_FILE} watcher failed`, err)));
    });
    ctx.hooks.watchedFiles.push(changes => this.onWatchedFiles(changes));
    ctx.hooks.shutdown.push(() => {
      this.disposed = true;
      this.pollTimer?.dispose();
    });
    // The registry's data changed: reload registry baselines in place (findings stay until the new ones are there).
    (ctx.hooks.registryChanged ??= []).push(() => void this.manager.reload(r => r.spec.kind === 'registry'));
    ctx.documents.onDidClose(guard(ctx.logger, 'textDocument/didClose (compatibility)', e => {
      this.manager.release(e.document.uri);
      this.lastStatus.delete(e.document.uri);
      this.evaluations.delete(e.document.uri);
    }, e => e.document.uri));
    onNotification0(ctx.connection, WorkspaceTrustedNotification, guard(ctx.logger, WorkspaceTrustedNotification.method, () => {
      if (this.trusted) return;
      this.trustGranted = true;
      ctx.logger.info('Avro Studio: the workspace is trusted now: git baselines are enabled.');
      for (const hook of ctx.hooks.trustGranted ?? []) guard(ctx.logger, 'trust granted hook', hook)();
      this.manager.invalidate();
      this.changed('all');
    }));
    onNotification0(ctx.connection, RefreshBaselinesNotification, guard(ctx.logger, RefreshBaselinesNotification.method, () => {
      for (const hook of ctx.hooks.refreshBaselines ?? []) guard(ctx.logger, 'refresh baselines hook', hook)();
      this.configs.invalidate();
      this.manager.invalidate();
      this.logged.clear();
      this.changed('all');
    }));
    onRequest(ctx.connection, CheckCompatibilityRequest, (params, token) =>
      runSafeAsync<CompatibilityReport>(ctx.logger, () => ctx.runtime.now(), CheckCompatibilityRequest.method, params?.uri, signal => this.report(params, signal), () => this.failedReport(params), token));
    onRequest(ctx.connection, BaselineContentRequest, (params, token) =>
      runSafeAsync<BaselineContentResult>(ctx.logger, () => ctx.runtime.now(), BaselineContentRequest.method, params?.uri, signal => this.baselineContent(params, signal), () => ({ baseline: '', message: 'The baseline could not be read (see the Avro Studio output).' }), token));
  }

  generation(): number {
    return this.generationCounter;
  }

  /** Something the checks depend on changed: new results for these documents (open ones only). */
  private changed(users: readonly string[] | 'all'): void {
    this.generationCounter++;
    this.evaluations.clear();
    if (users === 'all') this.ctx.invalidate('all');
    else {
      const open = users.filter(u => this.ctx.documents.get(u) !== undefined);
      if (open.length) this.ctx.invalidate(open);
    }
  }

  /**
   * A baseline finished loading: check its documents again now; only those whose diagnostics change
   * get new ones (a 'new file' or a compatible result changes the status only, not the diagnostics).
   */
  private baselineLoaded(users: readonly string[]): void {
    const stale: string[] = [];
    for (const uri of users) {
      if (!this.ctx.documents.get(uri)) continue;
      const previous = this.evaluations.get(uri);
      const settings = this.ctx.settings.peek(uri);
      const doc = this.ctx.models.get(uri);
      if (!previous || !settings || !doc || previous.doc !== doc) {
        stale.push(uri);
        continue;
      }
      this.evaluations.delete(uri);
      const next = this.evaluate(uri, doc, settings);
      this.sendStatus(next.status);
      if (JSON.stringify(next.diagnostics) !== JSON.stringify(previous.diagnostics)) stale.push(uri);
    }
    // Pull result ids change only when some diagnostics did (a baseline that changes nothing costs the client no new pull).
    if (stale.length) {
      this.generationCounter++;
      this.ctx.invalidate(stale);
    }
  }

  private onWatchedFiles(changes: readonly FileEvent[]): void {
    let configChanged = false;
    for (const c of changes) {
      const p = uriToPath(c.uri);
      // server.ts has already forgotten the file (ctx.projectConfigs): evaluating again reads it.
      if (p !== undefined && p.endsWith(PROJECT_CONFIG_FILE)) configChanged = true;
    }
    if (configChanged) this.changed('all');
  }

  // -------------------------------------------------------------------------------------------
  // Diagnostics
  // -------------------------------------------------------------------------------------------

  diagnostics(uri: string, doc: AvroDocument, settings: DocumentSettings): Diagnostic[] {
    // Open documents only: closed files are the CLI's business (and would start git for nothing).
    if (!this.ctx.documents.get(uri)) return [];
    const evaluation = this.evaluate(uri, doc, settings);
    this.sendStatus(evaluation.status);
    return evaluation.diagnostics;
  }

  /** The check of a document now (memoized per document version, settings, index and baseline state). */
  private evaluate(uri: string, doc: AvroDocument, settings: DocumentSettings): Evaluation {
    const key = `${doc.version}:${this.ctx.settings.generation}:${this.ctx.index.generation}:${this.generationCounter}`;
    const memo = this.evaluations.get(uri);
    if (memo && memo.key === key && memo.doc === doc) return memo;
    const evaluation = this.compute(uri, doc, settings, key);
    this.evaluations.set(uri, evaluation);
    return evaluation;
  }

  private compute(uri: string, doc: AvroDocument, settings: DocumentSettings, key: string): Evaluation {
    const none = (policy: EffectiveCompatibility | undefined, state: CompatibilityStatusParams['state'], message: string, baseline?: LoadedBaseline): Evaluation => ({
      key, doc, policy, baseline, diagnostics: [], level: undefined, notes: [],
      status: policy ? statusOf(uri, policy, state, 0, message) : { uri, level: settings.compatibility.level, baseline: formatBaselineSpec(settings.compatibility.baseline), state, count: 0, message },
    });
    for (const problem of settings.compatibility.problems) this.logOnce(problem, problem);
    const filePath = uriToPath(uri);
    if (filePath === undefined) return none(undefined, 'unavailable', 'Compatibility is checked for files on disk: save the schema first.');
    if (!settings.compatibility.enabled) return none(undefined, 'off', 'Compatibility checks are off (setting avro.compatibility.enabled).');

    const folder = this.ctx.workspaceFolderOf(uri);
    let project;
    if (folder !== undefined) {
      const state = this.configs.peek(folder);
      if (state.state === 'loading') return none(undefined, 'checking', `Reading ${PROJECT_CONFIG_FILE}…`);
      project = state.config;
    }
    let policy = effectiveCompatibility(filePath, folder, settings.compatibility, project);
    const prefix = statusPrefix(policy);
    if (policy.level === 'NONE') return none(policy, 'off', `Compatibility level NONE (${policy.levelFrom.label}): no check.`);
    const request = this.requestOf(filePath, uri, folder, policy);
    // A file with syntax errors is not checked; a loaded baseline still says whether its versions are valid (AVRO-411), as in CI.
    const broken = doc.json.errors.length > 0 || !doc.root || doc.root.kind === 'invalid';
    const state = this.manager.get(request, uri);
    this.watchRefs();
    if (state.state === 'loading') {
      if (doc.json.errors.length > 0) return none(policy, 'unavailable', `${prefix}: not checked while the schema has syntax errors.`);
      if (broken) return none(policy, 'unavailable', `${prefix}: not checked: the file holds no readable schema.`);
      return none(policy, 'checking', `${prefix}: reading the baseline…`);
    }
    const baseline = state.baseline;
    // A registry baseline brings the subject's level with it (unless the project file gives one).
    policy = withRegistryLevel(policy, baseline.result);
    if (baseline.result.kind === 'unavailable') this.logOnce(`${filePath}\u0000${baseline.result.reason}`, `Avro Studio: ${prefix} for ${filePath}: ${baseline.result.message}`);
    const outcome = checkAgainstBaseline({
      uri,
      doc,
      workingTree: this.ctx.index.schemas,
      policy,
      baseline,
      settings: settings.avro,
      lineIndexOf: d => lineIndexOf(this.ctx, d),
      workspaceDoc: u => this.ctx.index.get(u),
    });
    if (outcome.internalError) this.ctx.logger.error(`Avro Studio: ${outcome.internalError.rule} failed on ${uri} (version ${doc.version}); their findings are missing, the others are shown: ${outcome.internalError.stack ?? outcome.internalError.message}`);
    return { ...outcome, key, doc, policy, baseline };
  }

  /** The baseline a document needs: relative paths from the policy's folder; a baseline folder mirrors the workspace folder. */
  private requestOf(filePath: string, uri: string, folder: string | undefined, policy: EffectiveCompatibility): BaselineRequest {
    return { filePath, fileUri: uri, spec: policy.baseline, root: policy.base, workspaceRoot: folder ?? policy.base };
  }

  private sendStatus(status: CompatibilityStatusParams): void {
    const text = JSON.stringify(status);
    if (this.lastStatus.get(status.uri) === text) return;
    this.lastStatus.set(status.uri, text);
    sendNotification(this.ctx.connection, CompatibilityStatusNotification, status).catch(() => undefined);
  }

  private logOnce(key: string, message: string): void {
    if (this.logged.has(key)) return;
    this.logged.add(key);
    this.ctx.logger.info(message);
  }

  /** Poll the refs of git baselines while open documents use them (reads files, runs no git). */
  private watchRefs(): void {
    if (this.pollTimer || this.polling || this.disposed || !this.trusted) return;
    const open = (u: string): boolean => this.ctx.documents.get(u) !== undefined;
    this.pollTimer = this.ctx.runtime.timer.setTimeout(() => {
      this.pollTimer = undefined;
      this.polling = true;
      this.manager.pollRefs(open)
        .catch(err => this.ctx.logger.warn(formatError('Avro Studio: reading git refs failed', err)))
        .finally(() => {
          this.polling = false;
          if (this.manager.watchesGit(open)) this.watchRefs();
        });
    }, REF_POLL_MS);
  }

  // -------------------------------------------------------------------------------------------
  // Requests
  // -------------------------------------------------------------------------------------------

  /** Wait for what a check needs (index, settings, project file, baseline), then check. */
  private async settled(uri: string, refresh: boolean, signal?: AbortSignal): Promise<{ evaluation: Evaluation | undefined; message?: string }> {
    await this.ctx.whenIndexed(INDEX_WAIT_MS);
    const settings = await this.ctx.settings.get(uri);
    const doc = this.ctx.models.get(uri);
    if (!doc) return { evaluation: undefined, message: `${uri} is not a schema Avro Studio knows (open it, or check that it is not excluded or too large).` };
    const folder = this.ctx.workspaceFolderOf(uri);
    const project = folder !== undefined ? await this.configs.ensure(folder) : undefined;
    const filePath = uriToPath(uri);
    if (filePath !== undefined && settings.compatibility.enabled) {
      const policy = effectiveCompatibility(filePath, folder, settings.compatibility, project);
      if (policy.level !== 'NONE') await this.manager.ensure(this.requestOf(filePath, uri, folder, policy), uri, refresh, signal);
    }
    this.ctx.models.syncAll();
    const current = this.ctx.models.get(uri) ?? doc;
    const evaluation = this.evaluate(uri, current, settings);
    if (this.ctx.documents.get(uri)) this.sendStatus(evaluation.status);
    return { evaluation };
  }

  private async report(params: CheckCompatibilityParams, signal?: AbortSignal): Promise<CompatibilityReport> {
    const { evaluation, message } = await this.settled(params.uri, params.refresh === true, signal);
    if (!evaluation) return this.failedReport(params, message);
    return buildReport({
      uri: params.uri,
      status: evaluation.status,
      policy: evaluation.policy,
      baseline: evaluation.baseline,
      level: evaluation.level,
      diagnostics: evaluation.diagnostics,
      notes: evaluation.notes,
    });
  }

  private failedReport(params: CheckCompatibilityParams, message = 'The compatibility check failed (see the Avro Studio output).'): CompatibilityReport {
    const status: CompatibilityStatusParams = { uri: params?.uri ?? '', level: '', baseline: '', state: 'unavailable', count: 0, message };
    return buildReport({ uri: params?.uri ?? '', status, policy: undefined, baseline: undefined, level: undefined, diagnostics: [], notes: [] });
  }

  private async baselineContent(params: BaselineContentParams, signal?: AbortSignal): Promise<BaselineContentResult> {
    // A document the editor already knows (a version, or another file read at that version).
    const known = this.manager.document(params.uri, params.version);
    if (known) return { text: known.doc.text, label: known.label, baseline: known.baseline };
    const { evaluation, message } = await this.settled(params.uri, false, signal);
    const policy = evaluation?.policy;
    if (!evaluation || !policy) return { baseline: '', message: message ?? evaluation?.status.message ?? 'No baseline applies to this file.' };
    const baseline = formatBaselineSpec(policy.baseline);
    const result = evaluation.baseline?.result;
    if (!result) return { baseline, message: evaluation.status.message };
    if (result.kind !== 'ok') return { baseline, message: result.message };
    const version = params.version === undefined ? result.versions[0] : result.versions.find(v => v.label === params.version);
    if (!version) return { baseline, message: `${baseline} has no version "${params.version}" of this file (versions: ${result.versions.map(v => v.label).join(', ') || 'none'}).` };
    return { text: version.text, label: version.label, baseline };
  }
}
