// Command "Avro: Compare Two Registry Versions": pick a subject and two of its versions; VS Code's diff editor shows them side by side (both read-only).
//
// Scripted use: `{ folder?, subject, from, to }`. Returns { left, right, title } of the diff it opened.
import * as vscode from 'vscode';
import { RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { registryUri } from '../registry/documents';
import { chooseRegistryFolder } from '../registry/folders';
import { pickSubject, pickVersion } from '../registry/pickers';
import { reportFailure } from '../registry/requests';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';
import type { RegistryDiff } from './registryCompare';

interface Arguments {
  folder?: string;
  subject?: string;
  from?: number;
  to?: number;
}

export function registerRegistryCompareVersions(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.compareVersions, async (arg?: Arguments): Promise<RegistryDiff | typeof UNTRUSTED | undefined> => {
    if (!ensureTrusted('Compare Two Registry Versions')) return UNTRUSTED;
    const args: Arguments = arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {};
    try {
      const target = await chooseRegistryFolder(args.folder ?? arg, 'compare versions of');
      if (!target) return undefined;
      const folder = target.folder.uri;
      const subject = args.subject ?? await pickSubject(deps, folder, 'Compare Two Registry Versions: subject');
      if (!subject) return undefined;
      const from = args.from ?? (await pickVersion(deps, folder, subject, `Compare Two Registry Versions: the older version of ${subject}`))?.version;
      if (from === undefined) return undefined;
      const to = args.to ?? (await pickVersion(deps, folder, subject, `Compare ${subject} v${from} with`, from))?.version;
      if (to === undefined) return undefined;
      const [older, newer] = from <= to ? [from, to] : [to, from];
      const left = registryUri(folder, subject, older);
      const right = registryUri(folder, subject, newer);
      const title = `${subject} v${older} ↔ v${newer}`;
      await vscode.commands.executeCommand('vscode.diff', left, right, title, { preview: true });
      return { left: left.toString(), right: right.toString(), title };
    } catch (error) {
      reportFailure(deps.output, 'comparing two registry versions', error);
      return undefined;
    }
  });
}
