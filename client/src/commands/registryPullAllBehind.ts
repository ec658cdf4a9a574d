// Command "Avro: Pull All Behind Schemas" (the Schema Registry view's toolbar): every schema the registry is ahead of gets the subject's latest version, after one confirmation listing the files.
//
// Files with unsaved changes are skipped and named. Returns { pulled, skipped }.
import * as vscode from 'vscode';
import { RegistryCommands, RegistrySchemaRequest } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';
import { writeVersion, type PullOutcome } from './registryPull';

export function registerRegistryPullAllBehind(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.pullAllBehind, async (): Promise<{ pulled: PullOutcome[]; skipped: Array<{ uri: string; reason: string }> } | typeof UNTRUSTED | undefined> => {
    if (!ensureTrusted('Pull All Behind Schemas')) return UNTRUSTED;
    try {
      if (!deps.view.hasLoaded) await deps.view.refresh();
      const behind = deps.view.entries().filter((e): e is typeof e & { subject: string } => e.state === 'behind' && !!e.subject);
      if (behind.length === 0) {
        void vscode.window.showInformationMessage('Avro: no schema is behind the registry.');
        return { pulled: [], skipped: [] };
      }
      const relative = (uri: string): string => vscode.workspace.asRelativePath(vscode.Uri.parse(uri), false);
      const skipped: Array<{ uri: string; reason: string }> = [];
      const ready = behind.filter(e => {
        const dirty = vscode.workspace.textDocuments.find(d => d.uri.toString() === vscode.Uri.parse(e.uri).toString())?.isDirty;
        if (dirty) skipped.push({ uri: e.uri, reason: 'unsaved changes' });
        return !dirty;
      });
      if (ready.length === 0) {
        void vscode.window.showWarningMessage(`Avro: every schema behind the registry has unsaved changes: ${skipped.map(s => relative(s.uri)).join(', ')}. Save or revert them first.`);
        return { pulled: [], skipped };
      }
      const detail = [
        'Each file gets its subject\'s latest version (pretty-printed); the editor can undo each.',
        ...ready.map(e => `  ${relative(e.uri)} ← ${e.subject} v${e.latestVersion ?? 'latest'}${e.localVersionMatch !== undefined ? ` (now v${e.localVersionMatch})` : ''}`),
        ...(skipped.length ? ['', 'Skipped (unsaved changes):', ...skipped.map(s => `  ${relative(s.uri)}`)] : []),
      ].join('\n');
      const choice = await vscode.window.showWarningMessage(`Replace ${ready.length} file${ready.length === 1 ? '' : 's'} with the registry's latest version?`, { modal: true, detail }, 'Pull All');
      if (!choice) return { pulled: [], skipped };
      const pulled: PullOutcome[] = [];
      for (const e of ready) {
        const schema = await requestWithProgress(deps.client, `Avro: reading ${e.subject}`, RegistrySchemaRequest, { folder: e.folder.toString(), subject: e.subject, version: 'latest' });
        const outcome = await writeVersion(deps, vscode.Uri.parse(e.uri), schema, false);
        if (outcome) pulled.push(outcome);
        else skipped.push({ uri: e.uri, reason: 'not written' });
      }
      void vscode.window.showInformationMessage(`Avro: pulled ${pulled.length} schema${pulled.length === 1 ? '' : 's'}: ${pulled.map(p => `${relative(p.target)} ← ${p.subject} v${p.version}`).join(', ')}${skipped.length ? `; skipped ${skipped.map(s => relative(s.uri)).join(', ')}` : ''}.`);
      void deps.view.refresh();
      return { pulled, skipped };
    } catch (error) {
      reportFailure(deps.output, 'pulling the schemas behind the registry', error);
      return undefined;
    }
  });
}
