// Which workspace folders name a Schema Registry in their avro-studio.json, and picking one when a command needs it.
import * as vscode from 'vscode';
import { nearestProjectFolder, RegistryCommands } from '../../../server/src/protocol';
import { PROJECT_FILE, readProjectRegistry, type ProjectRegistry } from './projectFile';

export interface RegistryFolder {
  folder: vscode.WorkspaceFolder;
  /** undefined: the folder's avro-studio.json names no registry (or there is no such file). */
  registry?: ProjectRegistry;
  projectFile: vscode.Uri;
}

/**
 * The avro-studio.json that applies to a workspace folder, as the language server and `avro-studio
 * check` find it: the nearest at or above the folder's root, within its git repository
 * (domain/projectFile.ts). When there is none: the folder's root, where a new one goes.
 */
export async function projectFileOf(folder: vscode.WorkspaceFolder): Promise<vscode.Uri> {
  const found = await nearestProjectFolder(folder.uri, {
    has: (dir, name) => Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, name))).then(() => true, () => false),
    // Only on the local disk does the search go above the folder (a remote or virtual folder's parent may not be readable).
    parent: dir => (dir.scheme === 'file' ? vscode.Uri.joinPath(dir, '..') : dir),
    same: (a, b) => a.toString() === b.toString(),
  });
  return vscode.Uri.joinPath(found ?? folder.uri, PROJECT_FILE);
}

/** The project file's text as saved on disk (what the language server reads); undefined when there is none. */
export async function readProjectText(file: vscode.Uri): Promise<string | undefined> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  } catch {
    return undefined;
  }
}

export async function registryFolder(folder: vscode.WorkspaceFolder): Promise<RegistryFolder> {
  const projectFile = await projectFileOf(folder);
  const text = await readProjectText(projectFile);
  return { folder, projectFile, registry: text === undefined ? undefined : readProjectRegistry(text) };
}

/** Every workspace folder with a registry in its avro-studio.json. */
export async function foldersWithRegistry(): Promise<RegistryFolder[]> {
  const all = await Promise.all((vscode.workspace.workspaceFolders ?? []).map(registryFolder));
  return all.filter(f => f.registry);
}

/** The folder a command argument points at: a folder URI (string or Uri), a file inside one, or undefined. */
export function folderOfArgument(arg: unknown): vscode.WorkspaceFolder | undefined {
  const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg) : undefined;
  return uri ? vscode.workspace.getWorkspaceFolder(uri) : undefined;
}

/**
 * The registry a command works with: the folder of `hint` (a file or folder), else the active
 * editor's folder, else the only folder with a registry, else one the user picks. When no folder has
 * one, says so and offers "Configure Registry"; returns undefined then.
 */
export async function chooseRegistryFolder(hint: unknown, purpose: string): Promise<RegistryFolder | undefined> {
  const candidates = await foldersWithRegistry();
  const preferred = folderOfArgument(hint) ?? (vscode.window.activeTextEditor ? vscode.workspace.getWorkspaceFolder(vscode.window.activeTextEditor.document.uri) : undefined);
  const match = preferred && candidates.find(c => c.folder.uri.toString() === preferred.uri.toString());
  if (match) return match;
  if (candidates.length === 1) return candidates[0];
  if (candidates.length === 0) {
    const choice = await vscode.window.showInformationMessage(
      `Avro: no Schema Registry is configured, so there is nothing to ${purpose}. "Avro: Configure Registry" adds one to ${PROJECT_FILE}.`,
      'Configure Registry',
    );
    if (choice) void vscode.commands.executeCommand(RegistryCommands.configure, preferred?.uri);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map(c => ({ label: c.folder.name, description: c.registry!.url, candidate: c })),
    { title: `Which registry? (${purpose})`, placeHolder: 'Workspace folder whose avro-studio.json names the registry' },
  );
  return picked?.candidate;
}
