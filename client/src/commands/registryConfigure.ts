// Command "Avro: Configure Registry": asks for the URL, the kind of authentication and an optional CA file, shows the exact `registry` section, and writes it to avro-studio.json after confirmation.
//
// Never writes a secret: credentials are asked for by "Avro: Set Registry Credentials" afterwards.
// Returns { file, registry } when it wrote the file, undefined otherwise.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RefreshBaselinesNotification, RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { folderOfArgument, projectFileOf, readProjectText } from '../registry/folders';
import { PROJECT_FILE, readProjectRegistry, registrySectionText, registryUrlProblem, registryUrlWarning, normalizeRegistryUrl, withRegistrySection, type RegistryAuthKind, type RegistrySection } from '../registry/projectFile';
import { dialogJson } from '../registry/syncModel';
import { writeWorkspaceFile } from '../registry/workspaceFiles';

interface AuthChoice extends vscode.QuickPickItem {
  auth: RegistryAuthKind;
}

const AUTH_CHOICES: AuthChoice[] = [
  { label: 'No authentication', detail: 'A registry inside a trusted network, or behind a proxy that authenticates', auth: 'none' },
  { label: 'Username and password (HTTP Basic)', detail: 'Confluent Platform with basic auth, Karapace, Redpanda, Apicurio', auth: 'basic' },
  { label: 'Confluent Cloud API key and secret', detail: 'HTTP Basic with the Schema Registry API key as the username and its secret as the password', auth: 'basic' },
  { label: 'Bearer token', detail: 'OAuth / OIDC access token sent as "Authorization: Bearer …"', auth: 'bearer' },
];

export function registerRegistryConfigure(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.configure, async (arg?: unknown): Promise<{ file: string; registry: RegistrySection } | undefined> => {
    const folder = folderOfArgument(arg) ?? await pickFolder();
    if (!folder) return undefined;
    const file = await projectFileOf(folder);
    const before = await readProjectText(file);
    const current = before === undefined ? undefined : readProjectRegistry(before);
    const title = `Configure the Schema Registry (${PROJECT_FILE} in ${folder.name})`;

    const url = await vscode.window.showInputBox({
      title: `${title}: 1/3 URL`,
      prompt: 'The base URL of a Confluent-compatible Schema Registry (Confluent Platform or Cloud, Redpanda, Karapace, Apicurio ccompat). No credentials here.',
      placeHolder: 'https://schema-registry.example.com:8081',
      value: current?.url ?? '',
      ignoreFocusOut: true,
      validateInput: value => {
        const problem = registryUrlProblem(value);
        if (problem) return { message: problem, severity: vscode.InputBoxValidationSeverity.Error };
        const warning = registryUrlWarning(value);
        return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
      },
    });
    if (url === undefined) return undefined;
    const normalized = normalizeRegistryUrl(url);
    if (!normalized) return undefined;

    const authPick = vscode.window.createQuickPick<AuthChoice>();
    const auth = await new Promise<AuthChoice | undefined>(resolve => {
      authPick.title = `${title}: 2/3 authentication`;
      authPick.placeholder = 'How Avro Studio authenticates (the secret itself goes to VS Code\'s Secret Storage, never to the file)';
      authPick.items = AUTH_CHOICES;
      const preselected = AUTH_CHOICES.find(c => c.auth === (current?.auth ?? 'none'));
      if (preselected) authPick.activeItems = [preselected];
      authPick.ignoreFocusOut = true;
      authPick.onDidAccept(() => resolve(authPick.selectedItems[0]));
      authPick.onDidHide(() => resolve(undefined));
      authPick.show();
    });
    authPick.dispose();
    if (!auth) return undefined;

    const caFile = await pickCaFile(folder, file, title, current?.caFile);
    if (caFile === null) return undefined;

    const section: RegistrySection = { url: normalized, auth: auth.auth, caFile };
    const after = withRegistrySection(before, section);
    if (after === undefined) return unreadableProjectFile(file);
    const shown = registrySectionText(before, section);
    const relative = vscode.workspace.asRelativePath(file);
    const confirm = await vscode.window.showInformationMessage(
      before === undefined ? `Create ${relative} with this registry?` : `Write this registry section to ${relative}?`,
      {
        modal: true,
        detail: `${dialogJson(shown)}\n\nNo secret is written: ${auth.auth === 'none' ? 'this registry needs none.' : 'credentials go to VS Code\'s Secret Storage in the next step.'}${before === undefined ? '' : ' The rest of the file stays as it is.'}`,
      },
      before === undefined ? 'Create File' : 'Write',
    );
    if (!confirm) return undefined;
    const written = await writeWorkspaceFile(file, after, deps.output);
    if (!written) return undefined;
    deps.output.info(`Registry ${normalized} (auth ${auth.auth}) written to ${file.fsPath}.`);
    // The server re-reads avro-studio.json now, not when its file watcher reports the change.
    await deps.client.sendNotification(RefreshBaselinesNotification).catch(() => undefined);
    void deps.view.refresh();

    const next = auth.auth === 'none' ? ['Test Connection'] : ['Set Credentials', 'Test Connection'];
    void vscode.window.showInformationMessage(
      `Avro: ${relative} now names the registry ${normalized}.${auth.auth === 'none' ? '' : ' Set its credentials next.'}`,
      ...next,
    ).then(choice => {
      if (choice === 'Set Credentials') void vscode.commands.executeCommand(RegistryCommands.setCredentials, { folder: folder.uri.toString() });
      if (choice === 'Test Connection') void vscode.commands.executeCommand(RegistryCommands.testConnection, folder.uri.toString());
    });
    return { file: file.toString(), registry: section };
  });
}

/** The project file is not a JSON object (a syntax error): nothing is written; offer to open it. */
export function unreadableProjectFile(file: vscode.Uri): undefined {
  void vscode.window.showErrorMessage(`Avro: ${vscode.workspace.asRelativePath(file)} is not a JSON object (a syntax error?), so it was not changed. Fix it, then run the command again.`, 'Open File').then(choice => {
    if (choice) void vscode.window.showTextDocument(file);
  });
  return undefined;
}

async function pickFolder(): Promise<vscode.WorkspaceFolder | undefined> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) {
    void vscode.window.showInformationMessage(`Avro: open a folder first: the registry is configured in its ${PROJECT_FILE}.`);
    return undefined;
  }
  const active = vscode.window.activeTextEditor && vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri);
  if (active) return active;
  if (folders.length === 1) return folders[0];
  return vscode.window.showWorkspaceFolderPick({ placeHolder: `Workspace folder whose ${PROJECT_FILE} names the registry` });
}

/** The CA file (relative to the project file's folder when inside it); undefined for the system trust store; null when cancelled. */
async function pickCaFile(folder: vscode.WorkspaceFolder, projectFile: vscode.Uri, title: string, current: string | undefined): Promise<string | undefined | null> {
  const items: Array<vscode.QuickPickItem & { value: 'system' | 'keep' | 'pick' }> = [
    { label: 'System certificates', detail: 'The registry\'s certificate is signed by a public or system-trusted CA (or the URL is http)', value: 'system' },
    ...(current ? [{ label: `Keep ${current}`, detail: 'The CA file already configured', value: 'keep' as const }] : []),
    { label: 'A CA certificate file (PEM)…', detail: 'A private CA: pick its PEM file. TLS verification stays on.', value: 'pick' },
  ];
  const choice = await vscode.window.showQuickPick(items, { title: `${title}: 3/3 certificate authority`, placeHolder: 'Which CA signs the registry\'s TLS certificate?', ignoreFocusOut: true });
  if (!choice) return null;
  if (choice.value === 'system') return undefined;
  if (choice.value === 'keep') return current;
  const picked = await vscode.window.showOpenDialog({
    title: 'CA certificate (PEM) of the Schema Registry',
    defaultUri: folder.uri,
    canSelectMany: false,
    filters: { 'PEM certificates': ['pem', 'crt', 'cer'], 'All files': ['*'] },
  });
  if (!picked?.[0]) return null;
  const relative = path.posix.relative(path.posix.dirname(projectFile.path), picked[0].path);
  return relative.startsWith('..') || path.posix.isAbsolute(relative) ? picked[0].fsPath : relative;
}
