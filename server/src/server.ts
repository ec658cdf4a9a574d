// startServer(connection, runtime): registers the LSP handlers of Avro Studio; transports are built elsewhere (node/main.ts).
//
// Diagnostics: pulled (textDocument/diagnostic) when the client supports it, pushed otherwise. In
// pull mode any indexed document can be asked for, closed ones included (validated on demand from
// disk); in push mode only open documents are validated (closed files: use the CLI).
import { createLanguageService } from './service/languageService';
import * as path from 'node:path';
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver';
import { CONFIGURATION_SECTION, IdleRequest, ReindexRequest, type AvroInitializationOptions, type ReindexResult } from './protocol';
import { DEFAULT_MAX_FILE_SIZE, WorkspaceIndex } from './workspace/workspaceIndex';
import type { DecodedText } from './workspace/decode';
import { turnOffPretenuring } from './workspace/pretenuring';
import { Activity } from './lsp/activity';
import { PositionCache } from './lsp/conversions';
import type { ClientFeatures, DiagnosticsChannel, ServerContext } from './lsp/context';
import { DocumentModels } from './lsp/documents';
import { EditTracker } from './lsp/editTracker';
import type { OpenDocument } from './lsp/openDocument';
import { editorCapabilitiesOf } from './lsp/clientCapabilities';
import { formatError, guard, runSafeAsync } from './lsp/guard';
import { onRequest0 } from './lsp/messages';
import { PullDiagnostics } from './lsp/pullDiagnostics';
import { acceptInvalidParams } from './lsp/requestParams';
import { PushDiagnostics } from './lsp/pushDiagnostics';
import type { RuntimeEnvironment } from './lsp/runtime';
import { SettingsCache } from './lsp/settings';
import { WorkspaceSync } from './lsp/workspaceSync';
import { FEATURES } from './lsp/features';
import { pathToUri, uriToPath } from './workspace/uris';
import { ProjectConfigs } from './lsp/compat/projectConfigs';
import { PROJECT_CONFIG_FILE } from './config/projectConfig';
import { ProjectFileProblems } from './lsp/projectFileProblems';
import { compilationUnitsOf } from './config/units';

export const SERVER_NAME = 'avro-studio-language-server';

function clientFeatures(params: InitializeParams): ClientFeatures {
  const c = params.capabilities;
  return {
    pullDiagnostics: c.textDocument?.diagnostic !== undefined,
    diagnosticRefresh: c.workspace?.diagnostics?.refreshSupport === true,
    configuration: c.workspace?.configuration === true,
    configurationRegistration: c.workspace?.didChangeConfiguration?.dynamicRegistration === true,
    watchedFilesRegistration: c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true,
    workDoneProgress: c.window?.workDoneProgress === true,
    workspaceFolders: c.workspace?.workspaceFolders === true,
    trusted: (params.initializationOptions as AvroInitializationOptions | null | undefined)?.trusted !== false,
    editor: editorCapabilitiesOf(c),
  };
}

function initialFolders(params: InitializeParams): WorkspaceFolder[] {
  if (params.workspaceFolders) return params.workspaceFolders;
  const root = params.rootUri ?? (params.rootPath ? pathToUri(params.rootPath) : undefined);
  return root ? [{ uri: root, name: root }] : [];
}

export function startServer(connection: Connection, runtime: RuntimeEnvironment, version = '0.0.0'): void {
  const logger = runtime.console ?? connection.console;
  const activity = new Activity(runtime.timer);
  /** A notification handler: guarded, and its asynchronous part counted as work under way. */
  const handler = <A extends unknown[]>(what: string, fn: (...args: A) => unknown, uriOf?: (...args: A) => string | undefined): ((...args: A) => void) =>
    guard(logger, what, (...args: A) => activity.track(fn(...args)), uriOf);
  // The edits of open documents are noted, so that large ones are re-parsed incrementally.
  const edits = new EditTracker();
  const documents = new TextDocuments<OpenDocument>(edits.configuration);
  // Files not open are kept as summaries (docs/performance.md, "Server memory"); their parse
  // trees are garbage at once, which V8's pretenuring would put in the old generation.
  turnOffPretenuring();
  const index = new WorkspaceIndex(DEFAULT_MAX_FILE_SIZE, { summarizeDiskFiles: true });
  const positions = new PositionCache();
  let client: ClientFeatures | undefined;
  let channel: DiagnosticsChannel | undefined;
  let push: PushDiagnostics | undefined;
  let pull: PullDiagnostics | undefined;
  let workspace: WorkspaceSync | undefined;

  const invalidate = (uris: readonly string[] | 'all'): void => channel?.invalidate(uris);
  // avro-studio.json's rule settings, specVersion and compilation units apply to validation (read once per folder, again when the file changes).
  const projectFiles = new ProjectConfigs(message => logger.warn(message), load => activity.track(load));
  const projectFileProblems = new ProjectFileProblems(connection);
  projectFiles.onLoaded(folder => {
    index.schemas.setCompilationUnits(compilationUnitsOf(projectFiles.loadedConfigs()));
    const state = projectFiles.peek(folder);
    if (state.state === 'ready') projectFileProblems.update(folder, state.config);
    invalidate('all');
  });
  const settings = new SettingsCache(connection, () => client?.configuration === true, logger, async scopeUri => {
    const folder = workspace?.folderOf(scopeUri);
    return folder === undefined ? undefined : (await projectFiles.ensure(folder))?.config;
  });
  const ctx: ServerContext = {
    service: createLanguageService(),
    connection,
    runtime,
    logger,
    documents,
    index,
    models: new DocumentModels(documents, index, invalidate, edits, positions),
    settings,
    positions,
    get client(): ClientFeatures {
      return client ?? clientFeatures({ capabilities: {}, processId: null, rootUri: null, workspaceFolders: null });
    },
    whenIndexed: timeoutMs => workspace?.whenIndexed(timeoutMs) ?? Promise.resolve(),
    invalidate,
    workspaceFolderOf: uri => workspace?.folderOf(uri),
    workspaceFolders: () => workspace?.folderPaths() ?? [],
    hooks: { diagnostics: [], initialized: [], watchedFiles: [], shutdown: [] },
    projectConfigs: projectFiles,
    activity,
  };

  connection.onInitialize((params): InitializeResult => {
    client = clientFeatures(params);
    // Clients without workspace/configuration (some Neovim, Helix, Emacs setups) may pass settings here.
    const init = params.initializationOptions as { avro?: unknown; settings?: { avro?: unknown } } | undefined;
    const initialSettings = init?.avro ?? init?.settings?.avro;
    if (initialSettings !== undefined) settings.reset(initialSettings);
    workspace = new WorkspaceSync(ctx, invalidate);
    workspace.setFolders(initialFolders(params));
    if (client.pullDiagnostics) {
      pull = new PullDiagnostics(ctx);
      channel = pull;
    } else {
      push = new PushDiagnostics(ctx);
      channel = push;
    }
    const result: InitializeResult = {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SERVER_NAME, version },
    };
    if (client.pullDiagnostics) {
      result.capabilities.diagnosticProvider = { identifier: 'avro', interFileDependencies: true, workspaceDiagnostics: false };
    }
    for (const feature of FEATURES) Object.assign(result.capabilities, feature.capabilities?.(params));
    return result;
  });

  connection.onInitialized(handler('initialized', async () => {
    const c = ctx.client;
    // Registrations are not awaited: indexing must not depend on how fast the client answers them.
    const registered = (what: string, p: Promise<unknown>): void => void p.catch(err => logger.warn(formatError(`Avro Studio: registering ${what} failed`, err)));
    if (c.configurationRegistration) {
      registered('workspace/didChangeConfiguration', connection.client.register(DidChangeConfigurationNotification.type, { section: CONFIGURATION_SECTION }));
    }
    if (c.watchedFilesRegistration) {
      registered('the **/*.avsc file watcher', connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*.avsc' }] }));
    }
    if (c.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders(handler('workspace/didChangeWorkspaceFolders', e => workspace?.onFoldersChanged(e)));
    }
    logger.info(`Avro Studio language server ${version}: ${c.pullDiagnostics ? 'pull' : 'push'} diagnostics, ${c.configuration ? 'settings pulled per document' : 'settings pushed by the client'}.`);
    for (const hook of ctx.hooks.initialized) guard(logger, 'initialized hook', hook)();
    await workspace?.reindex();
  }));

  /** Documents opened and not yet validated: their first validation is not debounced. */
  const justOpened = new Set<string>();

  documents.onDidOpen(handler('textDocument/didOpen', e => {
    justOpened.add(e.document.uri);
    const p = workspace?.workspacePathOf(e.document.uri);
    if (p !== undefined) index.markWorkspaceFile(e.document.uri, p);
  }, e => e.document.uri));

  // Fires on open too (the first change of a document): that one is validated at once.
  documents.onDidChangeContent(handler('textDocument/didChange', e => {
    push?.onChanged(e.document.uri, justOpened.delete(e.document.uri));
  }, e => e.document.uri));

  documents.onDidClose(handler('textDocument/didClose', async e => {
    const { uri, epoch } = e.document;
    justOpened.delete(uri);
    push?.onClosed(uri);
    settings.forget(uri);
    edits.forget(uri);
    ctx.models.closed(uri);
    // A workspace file goes back to its text on disk (read first, then swapped in, so dependents
    // never see it missing); anything else leaves the index.
    const p = index.pathOf(uri) ?? workspace?.workspacePathOf(uri);
    let text: DecodedText | undefined;
    let readError: unknown;
    if (p !== undefined && runtime.fs) {
      try {
        text = await runtime.fs.readText(p);
      } catch (err) {
        readError = err;
      }
    }
    // Opened again meanwhile (even closed again since): that open owns the entry now, and a newer
    // close completes it. The stale entry of this open is dropped by the next sync (DocumentModels).
    if (!edits.settleClose(uri, epoch)) return;
    invalidate(index.close(uri).update.affected);
    if (p === undefined) return;
    if (text !== undefined) {
      invalidate(index.setDiskFile(p, text).affected);
      workspace?.readable(p);
    } else if (readError !== undefined) {
      workspace?.unreadable(p, readError);
    }
  }, e => e.document.uri));

  connection.onDidChangeConfiguration(handler('workspace/didChangeConfiguration', async params => {
    // Clients that cannot be asked push the settings here; without an `avro` section the last ones stay.
    const pushed = (params?.settings as Record<string, unknown> | null | undefined)?.[CONFIGURATION_SECTION];
    settings.reset(ctx.client.configuration ? undefined : pushed);
    await workspace?.onConfigurationChanged();
    invalidate('all');
  }));

  connection.onDidChangeWatchedFiles(handler('workspace/didChangeWatchedFiles', params => {
    // A changed avro-studio.json is forgotten (ctx.projectConfigs) before the features hear of the change, so they read it again.
    const projectFileChanges = params.changes.map(c => uriToPath(c.uri)).filter((p): p is string => p !== undefined && path.basename(p) === PROJECT_CONFIG_FILE);
    if (projectFileChanges.length) {
      for (const p of projectFileChanges) projectFiles.invalidate(p);
      settings.reset();
      invalidate('all');
      // Its "exclude" may have changed which files are schemas of the workspace.
      void workspace?.onConfigurationChanged();
    }
    for (const hook of ctx.hooks.watchedFiles) guard(logger, 'watched files hook', hook)(params.changes);
    return workspace?.onWatchedFilesChanged(params.changes);
  }));

  connection.languages.diagnostics.on((params, token) => {
    if (!pull) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    return pull.provide(params, token);
  });

  onRequest0(connection, ReindexRequest, token =>
    runSafeAsync<ReindexResult>(logger, () => runtime.now(), ReindexRequest.method, undefined, async () => {
      const result = await (workspace?.reindex() ?? Promise.resolve({ indexedFiles: 0, durationMs: 0 }));
      return result;
    }, () => ({ indexedFiles: index.size, durationMs: 0 }), token),
  );

  onRequest0(connection, IdleRequest, () => activity.whenIdle().then(() => null));

  let stopped = false;
  const stop = (): void => {
    if (stopped) return;
    stopped = true;
    for (const hook of ctx.hooks.shutdown) guard(logger, 'shutdown hook', hook)();
    channel?.dispose();
    workspace?.dispose();
  };
  connection.onShutdown(guard(logger, 'shutdown', stop));
  // `exit` without `shutdown` (a client that went away): stop the timers all the same (a host that
  // runs the server in its own process may live on; node/main.ts's process ends anyway).
  connection.onExit(guard(logger, 'exit', stop));

  // Requests that node/main.ts's paramsValidation rejected are answered here (InvalidParams).
  acceptInvalidParams(connection, logger);
  for (const feature of FEATURES) feature.register(ctx);

  documents.listen(connection);
  connection.listen();
}
