// Command "Avro: Set Compatibility Level": a subject's (or the registry's global) compatibility level, chosen from Confluent's levels and set after a confirmation.
//
// Arguments: a schema URI (its subject) or `{ folder, subject? }` (no subject: the global level).
// Returns the server's answer, or undefined when nothing was set.
import * as vscode from 'vscode';
import { COMPATIBILITY_LEVELS, RegistryCommands, RegistrySetLevelRequest, type CompatibilityLevel } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { chooseRegistryFolder } from '../registry/folders';
import { pickSubject } from '../registry/pickers';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { subjectOf, targetSchema } from '../registry/targets';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

const GLOBAL = '\u0000global';

/** What each level means for the people picking it (every level of the shared vocabulary has one). */
const DETAILS: Readonly<Record<CompatibilityLevel, string>> = {
  BACKWARD: 'New schemas read data written with the latest version (Confluent\'s default: consumers upgrade first)',
  BACKWARD_TRANSITIVE: 'New schemas read data written with every earlier version',
  FORWARD: 'The latest version reads data written with new schemas (producers upgrade first)',
  FORWARD_TRANSITIVE: 'Every earlier version reads data written with new schemas',
  FULL: 'Both BACKWARD and FORWARD against the latest version',
  FULL_TRANSITIVE: 'Both BACKWARD and FORWARD against every earlier version',
  NONE: 'No check: any schema can be registered (consumers may break)',
};

/** The picker's entries: Confluent's default first, NONE last. */
export const LEVELS: ReadonlyArray<{ level: CompatibilityLevel; detail: string }> = [
  ...COMPATIBILITY_LEVELS.filter(level => level !== 'NONE'),
  'NONE' as const,
].map(level => ({ level, detail: DETAILS[level] }));

export function registerRegistrySetLevel(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.setLevel, async (arg?: unknown): Promise<unknown> => {
    if (!ensureTrusted('Set Compatibility Level')) return UNTRUSTED;
    try {
      const explicit = arg && typeof arg === 'object' && 'folder' in arg && !(arg instanceof vscode.Uri) ? (arg as { folder: string; subject?: string }) : undefined;
      let folder: vscode.Uri | undefined;
      let subject: string | undefined;
      if (explicit) {
        folder = vscode.Uri.parse(explicit.folder);
        subject = explicit.subject;
      } else {
        const schema = targetSchema(arg, deps.languageId);
        const mapping = schema ? await subjectOf(deps.client, schema) : undefined;
        folder = mapping?.folder ? vscode.Uri.parse(mapping.folder) : (await chooseRegistryFolder(arg, 'set a compatibility level in'))?.folder.uri;
        if (!folder) return undefined;
        const chosen = await pickSubject(deps, folder, 'Set Compatibility Level: of which subject?', [
          ...(mapping?.subject ? [{ label: mapping.subject, description: 'the active schema\'s subject', subject: mapping.subject }] : []),
          { label: 'Global default', description: 'every subject without a level of its own', subject: GLOBAL },
        ]);
        if (!chosen) return undefined;
        subject = chosen === GLOBAL ? undefined : chosen;
      }
      if (!folder) return undefined;
      const what = subject ? `subject ${subject}` : 'the registry\'s global default';
      const level = await vscode.window.showQuickPick(LEVELS.map(l => ({ label: l.level, detail: l.detail })), { title: `Compatibility level of ${what}`, placeHolder: 'Every later registration is checked at this level' });
      if (!level) return undefined;
      const confirm = await vscode.window.showWarningMessage(
        `Set the compatibility level of ${what} to ${level.label}?`,
        { modal: true, detail: `${level.detail}.\n\nThis changes the registry for everyone who registers ${subject ? 'under this subject' : 'schemas without a subject level'}.` },
        'Set Level',
      );
      if (!confirm) return undefined;
      const result = await requestWithProgress(deps.client, `Avro: setting the level of ${what}`, RegistrySetLevelRequest, { folder: folder.toString(), subject, level: level.label });
      if (!result.ok) {
        void vscode.window.showErrorMessage(`Avro: the compatibility level of ${what} was not changed: ${result.message}`);
        return result;
      }
      void vscode.window.showInformationMessage(`Avro: the compatibility level of ${what} is now ${result.level ?? level.label}.`);
      void deps.view.refresh();
      return result;
    } catch (error) {
      reportFailure(deps.output, 'setting the compatibility level', error);
      return undefined;
    }
  });
}
