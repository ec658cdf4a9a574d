// Command "Avro: Set Registry Credentials": a username and password (or API key and secret) or a bearer token for the registry URL of avro-studio.json, stored in VS Code's SecretStorage; also clears them.
//
// The server is told (RegistryCredentialsChangedNotification, sent when the secret changes) and asks
// for them again. Scripted use (tests, other extensions): pass `{ folder?, url?, credentials }` where
// credentials is `{auth:'basic', username, password}`, `{auth:'bearer', token}` or null (clear).
// Returns { url, stored: 'basic' | 'bearer' | 'cleared' }, or undefined when nothing changed.
import * as vscode from 'vscode';
import { RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { chooseRegistryFolder } from '../registry/folders';
import { normalizeRegistryUrl, PROJECT_FILE } from '../registry/projectFile';
import type { StoredCredentials } from '../registry/secrets';

interface Arguments {
  folder?: string;
  url?: string;
  credentials?: StoredCredentials | null;
}

type Outcome = { url: string; stored: 'basic' | 'bearer' | 'cleared' };

export function registerRegistrySetCredentials(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.setCredentials, async (arg?: Arguments): Promise<Outcome | undefined> => {
    const args: Arguments = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {};
    if ('credentials' in args) return setScripted(deps, args);

    const target = await chooseRegistryFolder(args.folder ?? arg, 'set credentials for');
    if (!target?.registry) return undefined;
    const { url, auth } = target.registry;
    if (auth === 'none') {
      const choice = await vscode.window.showInformationMessage(
        `Avro: ${PROJECT_FILE} says the registry ${url} needs no authentication ("auth": "none"). To use credentials, choose basic or bearer authentication first.`,
        'Configure Registry',
      );
      if (choice) void vscode.commands.executeCommand(RegistryCommands.configure, target.folder.uri);
      return undefined;
    }
    const stored = await deps.secrets.get(url);
    const title = `Credentials for ${url}`;
    if (stored) {
      const action = await vscode.window.showQuickPick(
        [
          { label: auth === 'basic' ? 'Replace the username and password' : 'Replace the token', value: 'replace' as const },
          { label: 'Clear the stored credentials', detail: 'Requests to this registry then go without authentication until new ones are set', value: 'clear' as const },
        ],
        { title, placeHolder: `Credentials (${stored.auth}) are stored in VS Code's Secret Storage for this registry`, ignoreFocusOut: true },
      );
      if (!action) return undefined;
      if (action.value === 'clear') {
        await deps.secrets.clear(url);
        void vscode.window.showInformationMessage(`Avro: the credentials for ${url} were removed from VS Code's Secret Storage.`);
        return { url, stored: 'cleared' };
      }
    }

    let credentials: StoredCredentials;
    if (auth === 'basic') {
      const username = await vscode.window.showInputBox({
        title: `${title} (1/2)`,
        prompt: 'Username (for Confluent Cloud: the Schema Registry API key)',
        value: stored?.auth === 'basic' ? stored.username : '',
        ignoreFocusOut: true,
        validateInput: v => (v.trim() ? undefined : 'Enter the username or API key.'),
      });
      if (username === undefined) return undefined;
      const password = await vscode.window.showInputBox({
        title: `${title} (2/2)`,
        prompt: 'Password (for Confluent Cloud: the API secret). Stored in VS Code\'s Secret Storage only.',
        password: true,
        ignoreFocusOut: true,
        validateInput: v => (v ? undefined : 'Enter the password or API secret.'),
      });
      if (password === undefined) return undefined;
      credentials = { auth: 'basic', username: username.trim(), password };
    } else {
      const token = await vscode.window.showInputBox({
        title,
        prompt: 'Bearer token (sent as "Authorization: Bearer …"). Stored in VS Code\'s Secret Storage only.',
        password: true,
        ignoreFocusOut: true,
        validateInput: v => (v.trim() ? undefined : 'Enter the token.'),
      });
      if (token === undefined) return undefined;
      credentials = { auth: 'bearer', token: token.trim() };
    }
    await deps.secrets.set(url, credentials);
    void vscode.window.showInformationMessage(`Avro: the credentials for ${url} are stored in VS Code's Secret Storage.`, 'Test Connection').then(choice => {
      if (choice) void vscode.commands.executeCommand(RegistryCommands.testConnection, target.folder.uri.toString());
    });
    return { url, stored: credentials.auth };
  });
}

async function setScripted(deps: RegistryDeps, args: Arguments): Promise<Outcome | undefined> {
  const url = args.url ? normalizeRegistryUrl(args.url) : (await chooseRegistryFolder(args.folder, 'set credentials for'))?.registry?.url;
  if (!url) return undefined;
  const c = args.credentials;
  if (c === null || c === undefined) {
    await deps.secrets.clear(url);
    return { url, stored: 'cleared' };
  }
  if (c.auth === 'basic' && typeof c.username === 'string' && typeof c.password === 'string') {
    await deps.secrets.set(url, { auth: 'basic', username: c.username, password: c.password });
    return { url, stored: 'basic' };
  }
  if (c.auth === 'bearer' && typeof c.token === 'string') {
    await deps.secrets.set(url, { auth: 'bearer', token: c.token });
    return { url, stored: 'bearer' };
  }
  void vscode.window.showErrorMessage('Avro: credentials must be {auth: "basic", username, password} or {auth: "bearer", token}.');
  return undefined;
}
