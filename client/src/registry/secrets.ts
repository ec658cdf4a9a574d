// Registry credentials in VS Code's SecretStorage, one entry per registry URL, and the answer to the server's RegistryCredentialsRequest.
//
// Secrets never go to settings, files, the output channel or messages: this file is the only one
// that reads or writes them, and it logs only the URL and the kind of credentials.
import * as vscode from 'vscode';
import type { RegistryCredentialsParams, RegistryCredentialsResult } from '../../../server/src/protocol';
import { normalizeRegistryUrl, SECRET_KEY_PREFIX, secretKeyFor } from './projectFile';

export type StoredCredentials = NonNullable<RegistryCredentialsResult>;

export class RegistrySecrets {
  /** Keys this window just wrote: SecretStorage reports them again, and they must not count twice. */
  private readonly ownWrites = new Set<string>();
  private readonly subscription: vscode.Disposable;

  /**
   * `changed` is called with the canonical URL whose credentials were set or cleared, here (awaited
   * before set/clear resolve, so a request right after uses the new ones) or in another window.
   */
  constructor(private readonly storage: vscode.SecretStorage, private readonly changed: (url: string) => Promise<void>) {
    this.subscription = storage.onDidChange(e => {
      if (!e.key.startsWith(SECRET_KEY_PREFIX)) return;
      if (this.ownWrites.delete(e.key)) return;
      void this.changed(e.key.slice(SECRET_KEY_PREFIX.length));
    });
  }

  async get(url: string): Promise<StoredCredentials | undefined> {
    const raw = await this.storage.get(secretKeyFor(url));
    return raw === undefined ? undefined : parseStored(raw);
  }

  /** Store credentials; resolves once listeners (the server notification) have been told. */
  async set(url: string, credentials: StoredCredentials): Promise<void> {
    const key = secretKeyFor(url);
    const value = JSON.stringify(credentials);
    // SecretStorage reports only real changes: mark the write as ours only when it is one.
    if ((await this.storage.get(key)) !== value) {
      this.ownWrites.add(key);
      await this.storage.store(key, value);
    }
    await this.changed(normalizeRegistryUrl(url) ?? url);
  }

  async clear(url: string): Promise<void> {
    const existed = (await this.storage.get(secretKeyFor(url))) !== undefined;
    if (existed) this.ownWrites.add(secretKeyFor(url));
    await this.storage.delete(secretKeyFor(url));
    await this.changed(normalizeRegistryUrl(url) ?? url);
  }

  /**
   * The server's RegistryCredentialsRequest: the stored credentials for exactly that URL, when they
   * are of the kind avro-studio.json asks for. In Restricted Mode nothing is handed out (the server
   * sends no request there either; this is the second lock).
   */
  async answer(params: RegistryCredentialsParams, output: vscode.LogOutputChannel): Promise<RegistryCredentialsResult> {
    if (!vscode.workspace.isTrusted) {
      output.warn(`Registry credentials for ${params.url} were asked for in Restricted Mode: none given.`);
      return null;
    }
    const stored = typeof params?.url === 'string' ? await this.get(params.url) : undefined;
    if (!stored) {
      output.info(`No registry credentials are stored for ${params.url} (run "Avro: Set Registry Credentials").`);
      return null;
    }
    if (stored.auth !== params.auth) {
      output.warn(`The credentials stored for ${params.url} are ${stored.auth === 'basic' ? 'a username and password' : 'a bearer token'}, but avro-studio.json asks for ${params.auth}: none given. Run "Avro: Set Registry Credentials".`);
      return null;
    }
    output.info(`Registry credentials (${stored.auth}) for ${params.url} handed to the language server.`);
    return stored;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

function parseStored(raw: string): StoredCredentials | undefined {
  try {
    const v = JSON.parse(raw) as Record<string, unknown>;
    if (v.auth === 'basic' && typeof v.username === 'string' && typeof v.password === 'string') return { auth: 'basic', username: v.username, password: v.password };
    if (v.auth === 'bearer' && typeof v.token === 'string') return { auth: 'bearer', token: v.token };
  } catch {
    // A damaged entry counts as none; setting credentials again replaces it.
  }
  return undefined;
}
