// Command "Avro: Compare with Registry": VS Code's diff editor between a registered version of the schema's subject (read-only) and the working copy.
//
// Arguments: the schema (URI string, vscode.Uri or sync-view item; else the active editor) and
// optionally a version number. From the command palette a version is picked ("latest" first, so
// Enter compares with the latest). Returns { left, right, title } of the diff it opened.
import * as vscode from 'vscode';
import { RegistryCommands, RegistrySchemaRequest } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { registryUri } from '../registry/documents';
import { pickVersion } from '../registry/pickers';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { fileName, needSchema, reportUnmapped, subjectOf, targetSchema, uriOfArgument } from '../registry/targets';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

export interface RegistryDiff {
  left: string;
  right: string;
  title: string;
}

export function registerRegistryCompare(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.compare, async (arg?: unknown, version?: number | 'latest'): Promise<RegistryDiff | typeof UNTRUSTED | undefined> => {
    const uri = targetSchema(arg, deps.languageId);
    if (!uri) return needSchema('compare it with the registry');
    if (!ensureTrusted('Compare with Registry')) return UNTRUSTED;
    try {
      const mapping = await subjectOf(deps.client, uri);
      if (!mapping.subject) {
        reportUnmapped(uri, mapping);
        return undefined;
      }
      const folder = mapping.folder ? vscode.Uri.parse(mapping.folder) : vscode.workspace.getWorkspaceFolder(uri)?.uri;
      if (!folder) return undefined;
      let wanted: number | 'latest' = typeof version === 'number' ? version : 'latest';
      // Invoked from the palette (no argument): let the user pick; Enter takes the latest.
      if (version === undefined && !uriOfArgument(arg)) {
        const picked = await pickVersion(deps, folder, mapping.subject, `Compare ${fileName(uri)} with a version of ${mapping.subject}`);
        if (!picked) return undefined;
        wanted = picked.version;
      }
      const schema = await requestWithProgress(deps.client, `Avro: reading ${mapping.subject} ${wanted === 'latest' ? 'latest version' : `version ${wanted}`}`, RegistrySchemaRequest, { folder: folder.toString(), subject: mapping.subject, version: wanted });
      deps.documents.remember(folder, mapping.subject, schema.version, schema.pretty);
      const left = registryUri(folder, mapping.subject, schema.version);
      const title = `${fileName(uri)} (registry v${schema.version}) ↔ working copy`;
      await vscode.commands.executeCommand('vscode.diff', left, uri, title, { preview: true });
      return { left: left.toString(), right: uri.toString(), title };
    } catch (error) {
      reportFailure(deps.output, `comparing ${fileName(uri)} with the registry`, error);
      return undefined;
    }
  });
}
