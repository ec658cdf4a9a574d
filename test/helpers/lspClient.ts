// A real JSON-RPC client for tests: spawns the built server (dist/server.js --stdio), opens and edits documents, collects diagnostics.
//
// Reusable by every LSP feature test: `const c = await LspTestClient.start({ mode: 'pull' })`, then
// `c.open(uri, text)`, `c.edit(...)`, `await c.pull(uri)` or `await c.waitForDiagnostics(uri, ...)`,
// `c.request(method, params)` for completion, hover, code actions; `await c.stop()` at the end.
// The server bundle is dist/server.js (run `node esbuild.mjs` first) unless AVRO_STUDIO_SERVER names another.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationParams,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type RegistrationParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/service/text';
import { pathToUri } from '../../server/src/workspace/uris';
import type { AvroConfiguration, StatusParams } from '../../server/src/protocol';
import { DIST } from './paths';

export type DiagnosticsMode = 'pull' | 'push';

export interface StartOptions {
  /** 'pull' announces textDocument/diagnostic support; 'push' does not (default 'push'). */
  mode?: DiagnosticsMode;
  /** Absolute folder paths sent as workspace folders (none: no workspace). */
  workspaceFolders?: string[];
  /** The `avro` section answered to workspace/configuration: one object, or one per scope URI. */
  settings?: AvroConfiguration | ((scopeUri: string | undefined) => AvroConfiguration | undefined);
  /** Whether the client supports workspace/configuration (default true). */
  configuration?: boolean;
  /** Delay before answering workspace/configuration (to open race windows on purpose). */
  configurationDelayMs?: number;
  /** Sent as initializationOptions (clients without workspace/configuration pass settings there). */
  initializationOptions?: unknown;
  /** Extra client capabilities, merged over the defaults. */
  capabilities?: ClientCapabilities;
  /** Extra environment variables for the server process. */
  env?: Record<string, string>;
  /** Wait for the first `avro/status` "ready" before returning (default true). */
  waitForIndex?: boolean;
  serverPath?: string;
}

export function serverPath(): string {
  return process.env.AVRO_STUDIO_SERVER ?? path.join(DIST, 'server.js');
}

export function fileUri(p: string): string {
  return pathToUri(path.resolve(p));
}

interface Waiter<T> {
  test(value: T): boolean;
  resolve(value: T): void;
}

export class LspTestClient {
  readonly published: PublishDiagnosticsParams[] = [];
  readonly logs: LogMessageParams[] = [];
  readonly statuses: StatusParams[] = [];
  readonly configurationRequests: ConfigurationParams[] = [];
  readonly registrations: Registration[] = [];
  /** $/progress notifications (work done progress the server created), in order. */
  readonly progress: Array<{ token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }> = [];
  refreshRequests = 0;
  stderr = '';
  /** What the server answered to initialize. */
  initializeResult: InitializeResult | undefined;
  exitCode: number | null | undefined;

  private readonly texts = new Map<string, { version: number; text: string; lines?: LineIndex }>();
  private readonly diagnosticWaiters: Array<Waiter<PublishDiagnosticsParams>> = [];
  private readonly statusWaiters: Array<Waiter<StatusParams>> = [];
  private readonly exitListeners: Array<() => void> = [];

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ProtocolConnection,
    private options: StartOptions,
  ) {}

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const server = options.serverPath ?? serverPath();
    if (!fs.existsSync(server)) throw new Error(`${server} does not exist: build it first (node esbuild.mjs)`);
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspTestClient(child, connection, options);
    child.stderr!.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    child.on('exit', code => {
      client.exitCode = code;
      for (const l of client.exitListeners.splice(0)) l();
    });
    client.wire();
    connection.listen();

    const mode = options.mode ?? 'push';
    const capabilities: ClientCapabilities = {
      workspace: {
        configuration: options.configuration ?? true,
        didChangeConfiguration: { dynamicRegistration: true },
        didChangeWatchedFiles: { dynamicRegistration: true },
        workspaceFolders: true,
        diagnostics: mode === 'pull' ? { refreshSupport: true } : undefined,
      },
      textDocument: {
        synchronization: { dynamicRegistration: false },
        publishDiagnostics: { relatedInformation: true, versionSupport: true, tagSupport: { valueSet: [1, 2] }, codeDescriptionSupport: true, dataSupport: true },
        diagnostic: mode === 'pull' ? { dynamicRegistration: false, relatedDocumentSupport: false } : undefined,
        completion: { completionItem: { snippetSupport: true } },
      },
      window: { workDoneProgress: true },
      ...options.capabilities,
    };
    const folders = (options.workspaceFolders ?? []).map(p => ({ uri: fileUri(p), name: path.basename(p) }));
    client.initializeResult = await connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: folders[0]?.uri ?? null,
      workspaceFolders: folders.length ? folders : null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await connection.sendNotification('initialized', {});
    if (options.waitForIndex ?? true) await client.waitForStatus(s => s.state === 'ready' || s.state === 'error');
    return client;
  }

  private wire(): void {
    const c = this.connection;
    c.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.notify(this.diagnosticWaiters, p);
    });
    c.onNotification('window/logMessage', (p: LogMessageParams) => {
      this.logs.push(p);
    });
    c.onNotification('avro/status', (p: StatusParams) => {
      this.statuses.push(p);
      this.notify(this.statusWaiters, p);
    });
    c.onNotification('$/progress', (p: { token: string | number; value: { kind: string; title?: string; message?: string; percentage?: number } }) => {
      this.progress.push(p);
    });
    c.onNotification('telemetry/event', () => undefined);
    c.onRequest('workspace/configuration', async (p: ConfigurationParams) => {
      this.configurationRequests.push(p);
      if (this.options.configurationDelayMs) await new Promise(r => setTimeout(r, this.options.configurationDelayMs));
      return p.items.map(item => {
        if (item.section !== 'avro') return null;
        const s = this.options.settings;
        return (typeof s === 'function' ? s(item.scopeUri) : s) ?? {};
      });
    });
    c.onRequest('client/registerCapability', (p: RegistrationParams) => {
      this.registrations.push(...p.registrations);
      return null;
    });
    c.onRequest('client/unregisterCapability', () => null);
    c.onRequest('window/workDoneProgress/create', () => null);
    c.onRequest('workspace/diagnostic/refresh', () => {
      this.refreshRequests++;
      return null;
    });
    c.onRequest('window/showMessageRequest', () => null);
  }

  private notify<T>(waiters: Array<Waiter<T>>, value: T): void {
    for (let i = 0; i < waiters.length; i++) {
      if (waiters[i].test(value)) {
        waiters[i].resolve(value);
        waiters.splice(i--, 1);
      }
    }
  }

  private waitFor<T>(waiters: Array<Waiter<T>>, existing: readonly T[], test: (v: T) => boolean, timeoutMs: number, what: string, includeExisting: boolean): Promise<T> {
    if (includeExisting) {
      for (let i = existing.length - 1; i >= 0; i--) if (test(existing[i])) return Promise.resolve(existing[i]);
    }
    return new Promise<T>((resolve, reject) => {
      const onExit = (): void => reject(new Error(`server exited (code ${this.exitCode}) while waiting for ${what}\n${this.stderr}`));
      const timer = setTimeout(() => {
        const i = waiters.indexOf(waiter);
        if (i >= 0) waiters.splice(i, 1);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; logs:\n${this.logs.map(l => l.message).join('\n')}`));
      }, timeoutMs);
      const waiter: Waiter<T> = {
        test,
        resolve: v => {
          clearTimeout(timer);
          const j = this.exitListeners.indexOf(onExit);
          if (j >= 0) this.exitListeners.splice(j, 1);
          resolve(v);
        },
      };
      waiters.push(waiter);
      if (this.exitCode !== undefined) onExit();
      else this.exitListeners.push(onExit);
    });
  }

  /**
   * The next published diagnostics of `uri` that satisfy `test` (by default: for the current
   * version of an open document). With `includeExisting`, one already received also counts.
   */
  waitForDiagnostics(uri: string, test?: (p: PublishDiagnosticsParams) => boolean, options: { timeoutMs?: number; includeExisting?: boolean } = {}): Promise<PublishDiagnosticsParams> {
    const version = this.texts.get(uri)?.version;
    const t = test ?? ((p: PublishDiagnosticsParams) => version === undefined || p.version === version);
    return this.waitFor(this.diagnosticWaiters, this.published, p => p.uri === uri && t(p), options.timeoutMs ?? 10_000, `diagnostics of ${uri}`, options.includeExisting ?? true);
  }

  waitForStatus(test: (s: StatusParams) => boolean, timeoutMs = 30_000): Promise<StatusParams> {
    return this.waitFor(this.statusWaiters, this.statuses, test, timeoutMs, 'avro/status', true);
  }

  /** Diagnostics published for a URI so far, oldest first. */
  publishedFor(uri: string): PublishDiagnosticsParams[] {
    return this.published.filter(p => p.uri === uri);
  }

  text(uri: string): string {
    const t = this.texts.get(uri);
    if (!t) throw new Error(`${uri} is not open`);
    return t.text;
  }

  version(uri: string): number | undefined {
    return this.texts.get(uri)?.version;
  }

  async open(uri: string, text: string, languageId = 'avro'): Promise<void> {
    this.texts.set(uri, { version: 1, text });
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Send incremental changes (ranges in the current text); returns the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const state = this.texts.get(uri);
    if (!state) throw new Error(`${uri} is not open`);
    for (const ch of changes) {
      if ('range' in ch && ch.range) {
        const index = this.lineIndex(state);
        const start = index.offsetAt(ch.range.start);
        const end = index.offsetAt(ch.range.end);
        state.text = state.text.slice(0, start) + ch.text + state.text.slice(end);
      } else {
        state.text = ch.text;
      }
      state.lines = undefined;
    }
    return this.sendChange(uri, state, changes);
  }

  /** Replace the text between two offsets of the current text (sent as one incremental change). */
  edit(uri: string, start: number, end: number, newText: string): Promise<number> {
    const state = this.texts.get(uri);
    if (!state) throw new Error(`${uri} is not open`);
    const index = this.lineIndex(state);
    const range = { start: index.positionAt(start), end: index.positionAt(end) };
    state.text = state.text.slice(0, start) + newText + state.text.slice(end);
    state.lines = undefined;
    return this.sendChange(uri, state, [{ range, text: newText }]);
  }

  private lineIndex(state: { text: string; lines?: LineIndex }): LineIndex {
    return (state.lines ??= new LineIndex(state.text));
  }

  private async sendChange(uri: string, state: { version: number }, contentChanges: TextDocumentContentChangeEvent[]): Promise<number> {
    state.version++;
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: state.version }, contentChanges });
    return state.version;
  }

  /** Replace the whole text with one incremental change spanning the document. */
  replace(uri: string, text: string): Promise<number> {
    return this.edit(uri, 0, this.text(uri).length, text);
  }

  async close(uri: string): Promise<void> {
    this.texts.delete(uri);
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /** Change the settings the client answers with and tell the server (didChangeConfiguration). */
  async setSettings(settings: StartOptions['settings']): Promise<void> {
    this.options = { ...this.options, settings };
    const s = typeof settings === 'function' ? settings(undefined) : settings;
    await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { avro: s ?? {} } });
  }

  async watchedFilesChanged(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  /** Errors the server logged (window/logMessage type 1). */
  errorLogs(): string[] {
    return this.logs.filter(l => l.type === 1).map(l => l.message);
  }

  /** shutdown + exit, and wait for the process to end (killed after a timeout). */
  async stop(timeoutMs = 5000): Promise<number | null | undefined> {
    if (this.exitCode === undefined) {
      const exited = new Promise<void>(resolve => {
        if (this.exitCode !== undefined) resolve();
        else this.exitListeners.push(resolve);
      });
      let shutdownTimer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([this.connection.sendRequest('shutdown'), new Promise(r => (shutdownTimer = setTimeout(r, timeoutMs)))]);
        await this.connection.sendNotification('exit');
      } catch {
        // the server is gone already
      } finally {
        clearTimeout(shutdownTimer);
      }
      const timer = setTimeout(() => this.process.kill('SIGKILL'), timeoutMs);
      await exited;
      clearTimeout(timer);
    }
    this.connection.dispose();
    return this.exitCode;
  }
}

/** A temporary folder with these files (relative path -> text); removed by the returned cleanup. */
export function tempWorkspace(files: Record<string, string>, prefix = 'avro-studio-lsp-'): { root: string; path(rel: string): string; uri(rel: string): string; write(rel: string, text: string): void; remove(rel: string): void; cleanup(): void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  const api = {
    root,
    path: (rel: string) => path.join(root, rel),
    uri: (rel: string) => fileUri(path.join(root, rel)),
    write(rel: string, text: string) {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    },
    remove(rel: string) {
      fs.rmSync(path.join(root, rel), { force: true });
    },
    cleanup() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  for (const [rel, text] of Object.entries(files)) api.write(rel, text);
  return api;
}
