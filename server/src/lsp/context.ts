// The state one server instance shares between its handlers (built by startServer; no module-level globals).
import type { Connection, Diagnostic, FileEvent, TextDocuments } from 'vscode-languageserver';
import type { AvroDocument } from '../service/model/types';
import type { LanguageService } from '../service/languageService';
import type { BaselineProvider } from '../baselines/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { Activity } from './activity';
import type { PositionCache } from './conversions';
import type { ProjectConfigs } from './compat/projectConfigs';
import type { EditorCapabilities } from './clientCapabilities';
import type { DocumentModels } from './documents';
import type { OpenDocument } from './openDocument';
import type { Logger, RuntimeEnvironment } from './runtime';
import type { DocumentSettings, SettingsCache } from './settings';

/** What the client said it can do (from initialize). */
export interface ClientFeatures {
  /** textDocument/diagnostic: the client pulls diagnostics. */
  pullDiagnostics: boolean;
  /** workspace/diagnostic/refresh can be sent. */
  diagnosticRefresh: boolean;
  /** workspace/configuration can be requested. */
  configuration: boolean;
  /** didChangeConfiguration can be registered dynamically. */
  configurationRegistration: boolean;
  /** A file watcher can be registered dynamically. */
  watchedFilesRegistration: boolean;
  /** window/workDoneProgress/create can be sent. */
  workDoneProgress: boolean;
  /** workspace folders are supported (and their changes notified). */
  workspaceFolders: boolean;
  /** initializationOptions.trusted (VS Code's workspace trust); clients that do not say are trusted. */
  trusted: boolean;
  /** What navigation, symbols, folding and rename adapt to. */
  editor: EditorCapabilities;
}

/** How diagnostics reach the client: pushed after a debounce, or pulled by it. */
export interface DiagnosticsChannel {
  /** Some documents may have new diagnostics (after a dependency, a setting or the index changed). */
  invalidate(uris: readonly string[] | 'all'): void;
  dispose(): void;
}

/** Diagnostics a feature adds to every document's (compatibility findings), merged by computeDiagnostics. */
export interface DiagnosticsContributor {
  name: string;
  /** Part of pull result ids: changes whenever the contribution may change without an edit, a setting or the index changing. */
  generation(): number;
  /** Synchronous, like the rest of computeDiagnostics; never throws (a failure is logged and contributes nothing). */
  diagnostics(uri: string, doc: AvroDocument, settings: DocumentSettings): Diagnostic[];
}

/** What decides which of a document's diagnostics are shown (inline suppressions, "ignore", accepted findings), applied last by computeDiagnostics. */
export interface DiagnosticsFilter {
  name: string;
  /** Part of pull result ids: changes whenever the filter may change without an edit, a setting or the index changing. */
  generation(): number;
  /** Synchronous; never throws (a failure is logged and the diagnostics are shown unfiltered). */
  filter(uri: string, doc: AvroDocument, diagnostics: Diagnostic[], settings: DocumentSettings): Diagnostic[];
}

/** Extension points that features fill in when they register. */
export interface ServerHooks {
  diagnostics: DiagnosticsContributor[];
  /** Applied after every contributor, in order (lsp/adoption.ts). */
  filters?: DiagnosticsFilter[];
  /** Run once the client sent `initialized` (dynamic registrations). */
  initialized: Array<() => void>;
  /** Every workspace/didChangeWatchedFiles batch (the server's own watcher and any a feature registers). */
  watchedFiles: Array<(changes: readonly FileEvent[]) => void>;
  /** Run at shutdown. */
  shutdown: Array<() => void>;
  /** The user trusted the workspace after the start (the compatibility feature receives the notification). */
  trustGranted?: Array<() => void>;
  /** "Refresh baselines" was asked for: forget cached baseline data (run before the baselines reload). */
  refreshBaselines?: Array<() => void>;
  /** What a registry holds changed (it answers again, credentials changed, a schema was registered, a level set): reload registry baselines. */
  registryChanged?: Array<() => void>;
}

/** The registry side (lsp/registry) serves `"baseline": "registry"` to the compatibility checks. */
export interface RegistryBaselineSource {
  /** The baseline provider of one file (loads in the background; never throws: failures are 'unavailable' results). */
  provider(request: { filePath: string; fileUri: string }): BaselineProvider;
}

export interface ServerContext {
  connection: Connection;
  /** The pure service's features (service/languageService.ts): every handler asks it, over a snapshot. */
  service: LanguageService;
  runtime: RuntimeEnvironment;
  logger: Logger;
  /** The open documents (each open has its own epoch: see OpenDocument). */
  documents: TextDocuments<OpenDocument>;
  index: WorkspaceIndex;
  models: DocumentModels;
  settings: SettingsCache;
  positions: PositionCache;
  client: ClientFeatures;
  /** Resolves when the workspace index is complete, or after `timeoutMs` (whichever comes first). */
  whenIndexed(timeoutMs: number): Promise<void>;
  /** Some documents may have new diagnostics (pull: a refresh; push: a new run). */
  invalidate(uris: readonly string[] | 'all'): void;
  /** The workspace folder (file system path) holding a document, if any. */
  workspaceFolderOf(uri: string): string | undefined;
  /** The workspace folders (file system paths): those of initialize, then as didChangeWorkspaceFolders says. */
  workspaceFolders(): string[];
  hooks: ServerHooks;
  /** Set by the registry feature when it registers. */
  registryBaselines?: RegistryBaselineSource;
  /** avro-studio.json of each workspace folder, read once for every feature (server.ts invalidates it when the file changes). */
  projectConfigs: ProjectConfigs;
  /** Work under way (debounced validations, index, loads): what `avro/idle` waits for. */
  activity: Activity;
}
