// The registry of each workspace folder: avro-studio.json read and watched, one RegistrySession per configured registry, credentials asked of the client, status sent to it.
import { ErrorCodes, ResponseError } from 'vscode-languageserver';
import type { LoadedProjectConfig } from '../../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE, type RegistryConfig } from '../../config/projectConfig';
import {
  RegistryCredentialsRequest,
  RegistryStatusNotification,
  type RegistryCredentialsParams,
  type RegistryCredentialsResult,
  type RegistryStatusParams,
} from '../../protocol';
import { credentialsFromEnvironment, readTlsFiles } from '../../registry/credentials';
import { RegistrySession, RegistryUnavailableError, type CredentialsAnswer } from '../../registry/session';
import type { RegistryClient, RegistryConnection } from '../../registry/types';
import { pathToUri, uriToPath } from '../../workspace/uris';
import { ProjectConfigs } from '../compat/projectConfigs';
import type { ServerContext } from '../context';
import { formatError } from '../guard';
import { sendNotification, sendRequest } from '../messages';

/** A folder whose avro-studio.json names a registry, with its session. */
export interface RegistryFolder {
  /** Workspace folder path. */
  folder: string;
  /** Its file: URI (as status notifications and avro-registry: URIs name it). */
  folderUri: string;
  project: LoadedProjectConfig;
  registry: RegistryConfig;
  session: RegistrySession;
}

export type FolderLookup = { ok: true; value: RegistryFolder } | { ok: false; folder: string | undefined; state: 'unconfigured' | 'untrusted'; message: string };

export interface RegistryFoldersOptions {
  trusted(): boolean;
  /** What the registry of a folder holds may have changed (reconnected, credentials, a registration). */
  onChanged(folder: string): void;
  /** Build the REST client of a connection (the host's, RuntimeEnvironment.registry); without one no registry is contacted. */
  createClient?(connection: RegistryConnection): RegistryClient;
  /** Environment for the credentials fallback (RuntimeEnvironment.env; none: no fallback). */
  env?: Readonly<Record<string, string | undefined>>;
  retryBaseMs?: number;
  refreshMs?: number;
}

export class RegistryFolders {
  private readonly configs: ProjectConfigs;
  private readonly sessions = new Map<string, { key: string; session: RegistrySession }>();
  /** Folders named at initialize (documents of others are found through the index). */
  private initial: string[] = [];

  constructor(private readonly ctx: ServerContext, private readonly options: RegistryFoldersOptions) {
    this.configs = ctx.projectConfigs;
    this.configs.onLoaded(folder => this.configLoaded(folder));
  }

  setInitialFolders(paths: readonly string[]): void {
    this.initial = [...paths];
  }

  /** Every workspace folder known: those of the workspace (from initialize on) and those of indexed documents. */
  folders(): string[] {
    const out = new Set([...this.ctx.workspaceFolders(), ...this.initial]);
    for (const uri of this.ctx.index.uris()) {
      const f = this.ctx.workspaceFolderOf(uri);
      if (f !== undefined) out.add(f);
    }
    return [...out];
  }

  folderOfDocument(uri: string): string | undefined {
    return this.ctx.workspaceFolderOf(uri);
  }

  /** The project file of a folder now ('loading' starts reading it). */
  peekProject(folder: string): { state: 'loading' } | { state: 'ready'; config: LoadedProjectConfig | undefined } {
    return this.configs.peek(folder);
  }

  project(folder: string): Promise<LoadedProjectConfig | undefined> {
    return this.configs.ensure(folder);
  }

  /** The registry of a folder, or why there is none (no registry configured, untrusted workspace). */
  async lookup(folder: string | undefined): Promise<FolderLookup> {
    if (folder === undefined) return { ok: false, folder, state: 'unconfigured', message: `The file is not in a workspace folder, so no ${PROJECT_CONFIG_FILE} names a registry for it.` };
    const project = await this.project(folder);
    return this.lookupWith(folder, project);
  }

  /** The same, synchronously, when the project file is read already (undefined while it loads). */
  peek(folder: string | undefined): FolderLookup | undefined {
    if (folder === undefined) return { ok: false, folder, state: 'unconfigured', message: `The file is not in a workspace folder, so no ${PROJECT_CONFIG_FILE} names a registry for it.` };
    const state = this.configs.peek(folder);
    if (state.state === 'loading') return undefined;
    return this.lookupWith(folder, state.config);
  }

  /** A folder given by URI in a request, else the first folder whose project file names a registry. */
  async resolve(folderUri: string | undefined): Promise<FolderLookup> {
    if (folderUri) {
      const p = uriToPath(folderUri);
      return this.lookup(p === undefined ? undefined : this.folders().find(f => sameFolder(f, p)) ?? p);
    }
    let first: FolderLookup | undefined;
    for (const folder of this.folders()) {
      const found = await this.lookup(folder);
      if (found.ok || found.state === 'untrusted') return found;
      first ??= found;
    }
    return first ?? { ok: false, folder: undefined, state: 'unconfigured', message: `No ${PROJECT_CONFIG_FILE} in the workspace names a registry: add "registry": {"url": "https://..."} to it (command "Avro: Configure Registry").` };
  }

  /** Every folder with a registry (for the sync status of the whole workspace). */
  async configured(): Promise<RegistryFolder[]> {
    const out: RegistryFolder[] = [];
    for (const folder of this.folders()) {
      const found = await this.lookup(folder);
      if (found.ok) out.push(found.value);
    }
    return out;
  }

  /** Sessions alive now. */
  activeSessions(): RegistrySession[] {
    return [...this.sessions.values()].map(s => s.session);
  }

  /** Whether a changed file is a project file (server.ts has already made ctx.projectConfigs forget it). */
  onWatchedFile(filePath: string): boolean {
    return filePath.endsWith(PROJECT_CONFIG_FILE);
  }

  /** Read the project files again (refresh on demand). */
  invalidateConfigs(): void {
    this.configs.invalidate();
  }

  credentialsChanged(): void {
    for (const { session } of this.sessions.values()) session.credentialsChanged();
  }

  refresh(): void {
    for (const { session } of this.sessions.values()) session.refresh();
  }

  trustChanged(): void {
    for (const [folder, { session }] of this.sessions) {
      session.trustChanged();
      this.options.onChanged(folder);
    }
  }

  dispose(): void {
    for (const { session } of this.sessions.values()) session.dispose();
    this.sessions.clear();
  }

  private lookupWith(folder: string, project: LoadedProjectConfig | undefined): FolderLookup {
    const registry = project?.config.registry;
    if (!project || !registry) {
      this.dropSession(folder);
      const where = project ? project.file : `${PROJECT_CONFIG_FILE} (there is none in ${folder})`;
      return { ok: false, folder, state: 'unconfigured', message: `No Schema Registry is configured: add "registry": {"url": "https://..."} to ${where} (command "Avro: Configure Registry").` };
    }
    const session = this.sessionFor(folder, project, registry);
    if (!this.options.trusted()) return { ok: false, folder, state: 'untrusted', message: session.status.message };
    return { ok: true, value: { folder, folderUri: pathToUri(folder), project, registry, session } };
  }

  private sessionFor(folder: string, project: LoadedProjectConfig, registry: RegistryConfig): RegistrySession {
    const key = JSON.stringify([registry, project.config.root]);
    const existing = this.sessions.get(folder);
    if (existing && existing.key === key) return existing.session;
    existing?.session.dispose();
    const { ctx } = this;
    const session = new RegistrySession({
      folder: pathToUri(folder),
      config: registry,
      trusted: () => this.options.trusted(),
      askCredentials: (url, auth) => this.askCredentials(url, auth),
      environmentAuth: auth => {
        const found = credentialsFromEnvironment(this.options.env ?? {}, auth);
        return found.ok && found.auth.kind !== 'none' ? found.auth : undefined;
      },
      tls: async () => {
        // Restricted Mode: no file that the project file names is read (the session sends nothing either).
        if (!this.options.trusted()) throw new Error('This workspace is not trusted: the certificate files avro-studio.json names are not read.');
        const read = await readTlsFiles(registry, project.config.root);
        if (!read.ok) throw new Error(read.message);
        return read.tls;
      },
      createClient: connection => {
        if (!this.options.createClient) throw new RegistryUnavailableError('error', `Schema Registry ${connection.url} cannot be contacted: this editor host provides no registry client.`);
        return this.options.createClient(connection);
      },
      clock: () => Date.now(),
      timer: ctx.runtime.timer,
      onStatus: status => this.sendStatus(status),
      onChanged: () => this.options.onChanged(folder),
      log: message => ctx.logger.warn(message),
      retryBaseMs: this.options.retryBaseMs,
      refreshMs: this.options.refreshMs,
    });
    this.sessions.set(folder, { key, session });
    return session;
  }

  private dropSession(folder: string): void {
    const existing = this.sessions.get(folder);
    if (!existing) return;
    existing.session.dispose();
    this.sessions.delete(folder);
  }

  private configLoaded(folder: string): void {
    // A changed project file may name another registry or mapping: everything of the folder is re-checked.
    const state = this.configs.peek(folder);
    if (state.state === 'ready' && !state.config?.config.registry) this.dropSession(folder);
    this.options.onChanged(folder);
  }

  private async askCredentials(url: string, auth: 'basic' | 'bearer'): Promise<CredentialsAnswer> {
    const params: RegistryCredentialsParams = { url, auth };
    try {
      const answer: RegistryCredentialsResult | undefined = await sendRequest(this.ctx.connection, RegistryCredentialsRequest, params);
      // None stored in the editor: the environment may still have some (as the CLI reads them).
      return answer ?? 'unsupported';
    } catch (err) {
      if (err instanceof ResponseError && err.code === ErrorCodes.MethodNotFound) return 'unsupported';
      // Never log the answer; the error of a failed request holds none.
      this.ctx.logger.warn(formatError('Avro Studio: asking the editor for registry credentials failed', err));
      return 'unsupported';
    }
  }

  private sendStatus(status: RegistryStatusParams): void {
    sendNotification(this.ctx.connection, RegistryStatusNotification, status).catch(() => undefined);
  }
}

function sameFolder(a: string, b: string): boolean {
  const norm = (p: string): string => p.replace(/[\\/]+$/, '');
  return norm(a) === norm(b);
}
