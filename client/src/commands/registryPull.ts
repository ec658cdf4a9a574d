// Command "Avro: Pull Schema": pick a subject and a version (newest first, with ids), then open it read-only or write it to the file mapped to the subject (after a confirmation naming the file; never over unsaved changes).
//
// With a schema URI as argument (the sync view's "Pull", a CodeLens) the subject is the file's and
// the version the latest, written to that file after confirmation. Returns what was pulled:
// { subject, version, id, action: 'open' | 'write', target }, or undefined.
import * as vscode from 'vscode';
import {
  RegistryCommands,
  RegistrySchemaRequest,
  type RegistrySchemaResult,
} from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { registryUri } from '../registry/documents';
import { chooseRegistryFolder } from '../registry/folders';
import { pickSubject, pickVersion } from '../registry/pickers';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { fileName, reportUnmapped, subjectOf, uriOfArgument } from '../registry/targets';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';
import { writeWorkspaceFile } from '../registry/workspaceFiles';

export interface PullOutcome {
  subject: string;
  version: number;
  id: number;
  action: 'open' | 'write';
  target: string;
}

export function registerRegistryPull(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.pull, async (arg?: unknown): Promise<PullOutcome | typeof UNTRUSTED | undefined> => {
    if (!ensureTrusted('Pull Schema')) return UNTRUSTED;
    try {
      const file = uriOfArgument(arg);
      if (file) return await pullIntoFile(deps, file);

      const target = await chooseRegistryFolder(arg, 'pull from');
      if (!target) return undefined;
      const folder = target.folder.uri;
      const subject = await pickSubject(deps, folder, 'Pull Schema: 1/3 subject');
      if (!subject) return undefined;
      const version = await pickVersion(deps, folder, subject, 'Pull Schema: 2/3 version');
      if (!version) return undefined;
      const schema = await requestWithProgress(deps.client, `Avro: reading ${subject} version ${version.version}`, RegistrySchemaRequest, { folder: folder.toString(), subject, version: version.version });
      deps.documents.remember(folder, subject, schema.version, schema.pretty);

      const mapped = await mappedFiles(deps, folder, subject);
      type Action = vscode.QuickPickItem & { run: () => Promise<PullOutcome | undefined> };
      const actions: Action[] = [
        { label: '$(eye) Open read-only', detail: `Shows ${subject} version ${schema.version} (id ${schema.id}) in an editor`, run: () => openVersion(folder, schema) },
        ...mapped.map(uri => ({
          label: `$(arrow-down) Write to ${vscode.workspace.asRelativePath(uri, false)}`,
          detail: 'The file mapped to this subject in avro-studio.json (after a confirmation)',
          run: () => writeVersion(deps, uri, schema),
        })),
        {
          label: '$(new-file) Write to a file…',
          detail: 'Choose where to save it',
          run: async () => {
            const uri = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.joinPath(folder, `${subject}.avsc`), filters: { 'Avro schema': ['avsc'] }, title: `Save ${subject} version ${schema.version}` });
            return uri ? writeVersion(deps, uri, schema) : undefined;
          },
        },
      ];
      const action = await vscode.window.showQuickPick(actions, { title: `Pull Schema: 3/3 ${subject} version ${schema.version}`, placeHolder: 'Open it, or write it to a file' });
      return action ? await action.run() : undefined;
    } catch (error) {
      reportFailure(deps.output, 'pulling a schema', error);
      return undefined;
    }
  });
}

/** The sync view's files mapped to `subject` (the view is loaded first when it has not been). */
async function mappedFiles(deps: RegistryDeps, folder: vscode.Uri, subject: string): Promise<vscode.Uri[]> {
  if (!deps.view.hasLoaded) await deps.view.refresh();
  return deps.view.entries()
    .filter(e => e.subject === subject && e.folder.toString() === folder.toString())
    .map(e => vscode.Uri.parse(e.uri));
}

async function pullIntoFile(deps: RegistryDeps, file: vscode.Uri): Promise<PullOutcome | undefined> {
  const mapping = await subjectOf(deps.client, file);
  if (!mapping.subject) {
    reportUnmapped(file, mapping);
    return undefined;
  }
  const folder = mapping.folder ? vscode.Uri.parse(mapping.folder) : vscode.workspace.getWorkspaceFolder(file)?.uri;
  if (!folder) return undefined;
  const schema = await requestWithProgress(deps.client, `Avro: reading the latest version of ${mapping.subject}`, RegistrySchemaRequest, { folder: folder.toString(), subject: mapping.subject, version: 'latest' });
  deps.documents.remember(folder, mapping.subject, schema.version, schema.pretty);
  return writeVersion(deps, file, schema);
}

async function openVersion(folder: vscode.Uri, schema: RegistrySchemaResult): Promise<PullOutcome> {
  const uri = registryUri(folder, schema.subject, schema.version);
  await vscode.window.showTextDocument(uri, { preview: true });
  return { subject: schema.subject, version: schema.version, id: schema.id, action: 'open', target: uri.toString() };
}

/** Write a registered version into a file, after a confirmation naming the file. */
export async function writeVersion(deps: RegistryDeps, file: vscode.Uri, schema: RegistrySchemaResult, confirm = true): Promise<PullOutcome | undefined> {
  const relative = vscode.workspace.asRelativePath(file, false);
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === file.toString());
  if (open?.isDirty) {
    void vscode.window.showWarningMessage(`Avro: ${relative} has unsaved changes, so ${schema.subject} version ${schema.version} was not written over them. Save or revert the file first.`);
    return undefined;
  }
  if (confirm) {
    const exists = await vscode.workspace.fs.stat(file).then(() => true, () => false);
    const choice = await vscode.window.showWarningMessage(
      `Write ${schema.subject} version ${schema.version} to ${relative}?`,
      { modal: true, detail: exists ? `This replaces the content of ${relative} with the registered schema (id ${schema.id}), pretty-printed. The editor can undo it.` : `This creates ${relative} with the registered schema (id ${schema.id}).` },
      exists ? 'Replace' : 'Create',
    );
    if (!choice) return undefined;
  }
  const text = schema.pretty.endsWith('\n') ? schema.pretty : `${schema.pretty}\n`;
  if (!(await writeWorkspaceFile(file, text, deps.output))) return undefined;
  deps.output.info(`Pulled ${schema.subject} version ${schema.version} (id ${schema.id}) into ${file.fsPath}.`);
  if (confirm) {
    await vscode.window.showTextDocument(file, { preview: false });
    void vscode.window.showInformationMessage(`Avro: ${fileName(file)} now holds ${schema.subject} version ${schema.version} (id ${schema.id}).`);
    void deps.view.refresh();
  }
  return { subject: schema.subject, version: schema.version, id: schema.id, action: 'write', target: file.toString() };
}
