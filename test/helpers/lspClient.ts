// A real JSON-RPC client for tests: runs the server (in this process by default, or dist/server.js in a child process), opens and edits documents, collects diagnostics.
//
// Reusable by every LSP feature test: `const c = await LspTestClient.start({ mode: 'pull' })`, then
// `c.open(uri, text)`, `c.edit(...)`, `await c.pull(uri)` or `await c.waitForDiagnostics(uri, ...)`,
// `c.request(method, params)` for completion, hover, code actions; `await c.idle()` before asserting
// that something did not happen; `await c.stop()` at the end.
//
// By default the server runs in this process over a pair of in-memory streams (inProcessServer.ts):
// no process start, no bundle, parts of the runtime replaceable (`runtime`). `process: true` (or a
// transport name) spawns the bundle, dist/server.js (run `node esbuild.mjs` first) unless
// AVRO_STUDIO_SERVER names another: what editors run, for the suites that cover the entry points.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  createProtocolConnection,
  IPCMessageReader,
  IPCMessageWriter,
  SocketMessageReader,
  SocketMessageWriter,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type ConfigurationParams,
  type DocumentDiagnosticReport,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type MessageReader,
  type MessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type Registration,
  type RegistrationParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { LineIndex } from '../../server/src/service/text';
import { pathToUri } from '../../server/src/workspace/uris';
import { IdleRequest, type AvroConfiguration, type StatusParams } from '../../server/src/protocol';
import { startInProcessServer, type RuntimeOverrides } from './inProcessServer';
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
  /** Sent as initializationOptions (clients without workspace/configuration pass settings there). */
  initializationOptions?: unknown;
  /** Extra client capabilities, merged over the defaults. */
  capabilities?: ClientCapabilities;
  /**
   * Spawn the server bundle instead of running the server in this process: `true` or 'stdio'
   * (--stdio), 'node-ipc' (--node-ipc), 'socket' (--socket=<port>, the client listening).
   */
  process?: boolean | Transport;
  /** Extra environment variables for the server process (a spawned server only). */
  env?: Record<string, string>;
  /** In this process: parts of the server's runtime (registry timings, `env` for credentials, a fault hook, the rules). */
  runtime?: RuntimeOverrides;
  /** Wait for the first `avro/status` "ready" before returning (default true). */
  waitForIndex?: boolean;
  /** The bundle to spawn (implies `process`). */
  serverPath?: string;
}

export type Transport = 'stdio' | 'node-ipc' | 'socket';

interface ServerEnds {
  reader: MessageReader;
  writer: MessageWriter;
  process?: ChildProcess;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  /** End an in-process server's streams, or kill the process. */
  kill(): void;
}

/** Spawn the bundle with one transport; for a socket, the client listens and the server connects. */
async function spawnServer(server: string, transport: Transport, env: Record<string, string> | undefined): Promise<ServerEnds> {
  const childEnv = { ...process.env, ...env };
  const exitedOf = (child: ChildProcess): Promise<number | null> => new Promise(resolve => child.on('exit', code => resolve(code)));
  if (transport === 'stdio') {
    const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: childEnv });
    return { reader: new StreamMessageReader(child.stdout!), writer: new StreamMessageWriter(child.stdin!), process: child, exited: exitedOf(child), kill: () => child.kill('SIGKILL') };
  }
  if (transport === 'node-ipc') {
    const child = spawn(process.execPath, [server, '--node-ipc'], { stdio: ['pipe', 'pipe', 'pipe', 'ipc'], env: childEnv });
    return { reader: new IPCMessageReader(child), writer: new IPCMessageWriter(child), process: child, exited: exitedOf(child), kill: () => child.kill('SIGKILL') };
  }
  const listener = net.createServer();
  await new Promise<void>((resolve, reject) => listener.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (listener.address() as net.AddressInfo).port;
  const connected = new Promise<net.Socket>(resolve => listener.once('connection', resolve));
  const child = spawn(process.execPath, [server, `--socket=${port}`], { stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  const exited = exitedOf(child);
  const socket = await Promise.race([connected, exited.then(code => Promise.reject(new Error(`the server exited (code ${code}) before connecting to port ${port}`)))]);
  listener.close();
  return { reader: new SocketMessageReader(socket), writer: new SocketMessageWriter(socket), process: child, exited, kill: () => child.kill('SIGKILL') };
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
  private configurationHold: { asked(): void; released: Promise<void> } | undefined;

  private constructor(
    private readonly ends: ServerEnds,
    readonly connection: ProtocolConnection,
    private options: StartOptions,
  ) {}

  /** The server's process (a spawned server only). */
  get process(): ChildProcess | undefined {
    return this.ends.process;
  }

  /** Whether the server runs in this process. */
  get inProcess(): boolean {
    return this.ends.process === undefined;
  }

  static async start(options: StartOptions = {}): Promise<LspTestClient> {
    const transport: Transport | undefined = options.process === true ? 'stdio' : options.process || (options.serverPath ? 'stdio' : undefined);
    let ends: ServerEnds;
    if (transport) {
      if (options.runtime) throw new Error('runtime replaces parts of a server in this process: a spawned server has its own');
      const server = options.serverPath ?? serverPath();
      if (!fs.existsSync(server)) throw new Error(`${server} does not exist: build it first (node esbuild.mjs)`);
      ends = await spawnServer(server, transport, options.env);
    } else {
      if (options.env) throw new Error('env is for a spawned server (process: true); in this process, pass runtime: { env }');
      const server = startInProcessServer(options.runtime);
      ends = { reader: server.reader, writer: server.writer, exited: server.exited, kill: () => server.dispose() };
    }
    const connection = createProtocolConnection(ends.reader, ends.writer);
    const client = new LspTestClient(ends, connection, options);
    ends.process?.stderr?.on('data', (chunk: Buffer) => (client.stderr += chunk.toString()));
    void ends.exited.then(code => {
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
      const hold = this.configurationHold;
      if (hold) {
        hold.asked();
        await hold.released;
      }
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
    return this.waitFor(this.diagnosticWaiters, this.published, p => p.uri === uri && t(p), options.timeoutMs ?? 30_000, `diagnostics of ${uri}`, options.includeExisting ?? true);
  }

  waitForStatus(test: (s: StatusParams) => boolean, timeoutMs = 60_000): Promise<StatusParams> {
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

  /**
   * Resolves once the server has acted on everything sent before (avro/idle): debounced
   * validations published, file events and loads done, refreshes sent. Assert that something did
   * not happen after this, never after a sleep.
   */
  async idle(): Promise<void> {
    await this.connection.sendRequest(IdleRequest);
  }

  pull(uri: string, previousResultId?: string): Promise<DocumentDiagnosticReport> {
    return this.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri }, previousResultId });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
  }

  /**
   * Hold the answers to workspace/configuration (to open a race window on purpose, without timing):
   * `asked` resolves when the server is waiting for one; `release()` answers every held request.
   */
  holdConfiguration(): { asked: Promise<void>; release(): void } {
    let asked!: () => void;
    let release!: () => void;
    const askedPromise = new Promise<void>(resolve => (asked = resolve));
    const released = new Promise<void>(resolve => (release = resolve));
    this.configurationHold = { asked, released };
    return {
      asked: askedPromise,
      release: () => {
        this.configurationHold = undefined;
        release();
      },
    };
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

  /** The exit code, once the server has ended (after `exit`, or a crash). */
  exited(): Promise<number | null> {
    return this.ends.exited;
  }

  /** shutdown + exit, and wait for the server to end (a process is killed after a timeout); its exit code. */
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
      const timer = setTimeout(() => this.ends.kill(), timeoutMs);
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
