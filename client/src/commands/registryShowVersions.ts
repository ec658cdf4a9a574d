// Command "Avro: Show Subject Versions": the versions of a subject (the active schema's, or one picked), newest first with ids; the chosen one opens read-only.
//
// Arguments: a schema URI (its subject) or `{ folder, subject }`. Returns { subject, version }.
import * as vscode from 'vscode';
import { RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { registryUri } from '../registry/documents';
import { chooseRegistryFolder } from '../registry/folders';
import { pickSubject, pickVersion } from '../registry/pickers';
import { reportFailure } from '../registry/requests';
import { subjectOf, targetSchema } from '../registry/targets';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

export function registerRegistryShowVersions(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.showVersions, async (arg?: unknown): Promise<{ subject: string; version: number } | typeof UNTRUSTED | undefined> => {
    if (!ensureTrusted('Show Subject Versions')) return UNTRUSTED;
    try {
      const explicit = arg && typeof arg === 'object' && 'subject' in arg ? (arg as { folder?: string; subject: string }) : undefined;
      let folder: vscode.Uri | undefined;
      let subject: string | undefined;
      if (explicit) {
        subject = explicit.subject;
        folder = explicit.folder ? vscode.Uri.parse(explicit.folder) : (await chooseRegistryFolder(undefined, 'show versions of'))?.folder.uri;
      } else {
        const schema = targetSchema(arg, deps.languageId);
        const mapping = schema ? await subjectOf(deps.client, schema) : undefined;
        if (mapping?.subject) {
          subject = mapping.subject;
          folder = mapping.folder ? vscode.Uri.parse(mapping.folder) : schema && vscode.workspace.getWorkspaceFolder(schema)?.uri;
        } else {
          folder = (await chooseRegistryFolder(arg, 'show versions of'))?.folder.uri;
          if (folder) subject = await pickSubject(deps, folder, 'Show Subject Versions: subject');
        }
      }
      if (!folder || !subject) return undefined;
      const picked = await pickVersion(deps, folder, subject, `Versions of ${subject}: pick one to open it (read-only)`);
      if (!picked) return undefined;
      await vscode.window.showTextDocument(registryUri(folder, subject, picked.version), { preview: true });
      return { subject, version: picked.version };
    } catch (error) {
      reportFailure(deps.output, 'showing subject versions', error);
      return undefined;
    }
  });
}
