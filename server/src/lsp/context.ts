// The state one server instance shares between its handlers (built by startServer; no module-level globals).
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { PositionCache } from './conversions';
import type { DocumentModels } from './documents';
import type { Logger, RuntimeEnvironment } from './runtime';
import type { SettingsCache } from './settings';

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
}

/** How diagnostics reach the client: pushed after a debounce, or pulled by it. */
export interface DiagnosticsChannel {
  /** Some documents may have new diagnostics (after a dependency, a setting or the index changed). */
  invalidate(uris: readonly string[] | 'all'): void;
  dispose(): void;
}

export interface ServerContext {
  connection: Connection;
  runtime: RuntimeEnvironment;
  logger: Logger;
  documents: TextDocuments<TextDocument>;
  index: WorkspaceIndex;
  models: DocumentModels;
  settings: SettingsCache;
  positions: PositionCache;
  client: ClientFeatures;
  /** Resolves when the workspace index is complete, or after `timeoutMs` (whichever comes first). */
  whenIndexed(timeoutMs: number): Promise<void>;
}
