// Command "Avro: Add Subject Mapping": a schema that maps to no subject gets a rule in avro-studio.json (TopicNameStrategy, RecordNameStrategy or a subject name), shown first and written only after confirmation.
//
// Works in Restricted Mode (it only edits a local file). Returns { file, rule, subject } when written.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { CanonicalFormRequest, RefreshBaselinesNotification, RegistryCommands } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { projectFileOf, readProjectText } from '../registry/folders';
import { mappingChoices, mappingRuleValue, PROJECT_FILE, withMappingRule, type MappingRule } from '../registry/projectFile';
import { reportFailure } from '../registry/requests';
import { fileName, needSchema, subjectOf, targetSchema } from '../registry/targets';
import { dialogJson } from '../registry/syncModel';
import { writeWorkspaceFile } from '../registry/workspaceFiles';
import { unreadableProjectFile } from './registryConfigure';

export function registerRegistryAddMapping(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.addMapping, async (arg?: unknown): Promise<{ file: string; rule: MappingRule; subject: string } | undefined> => {
    const uri = targetSchema(arg, deps.languageId);
    if (!uri) return needSchema('map it to a registry subject');
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) {
      void vscode.window.showInformationMessage(`Avro: ${fileName(uri)} is outside the workspace folders, so no ${PROJECT_FILE} can map it.`);
      return undefined;
    }
    try {
      const mapping = await subjectOf(deps.client, uri).catch(() => undefined);
      if (mapping?.subject) {
        void vscode.window.showInformationMessage(`Avro: ${fileName(uri)} already maps to subject ${mapping.subject}${mapping.how ? ` (${mapping.how})` : ''}.`);
        return undefined;
      }
      const canonical = await deps.client.sendRequest(CanonicalFormRequest, { uri: uri.toString() }).catch(() => undefined);
      // Globs in avro-studio.json are relative to its folder (which may be above the workspace folder).
      const file = await projectFileOf(folder);
      const relative = path.posix.relative(path.posix.dirname(file.path), uri.path);
      type Item = vscode.QuickPickItem & { rule?: MappingRule; subject?: string };
      const items: Item[] = [
        ...mappingChoices(relative, canonical?.fullname).map(c => ({ label: c.label, detail: c.detail, rule: c.rule, subject: c.subject })),
        { label: 'Another subject name…', detail: 'Type the subject yourself' },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: `Map ${fileName(uri)} to a registry subject`, placeHolder: `The rule is added to "schemas" in ${PROJECT_FILE}` });
      if (!picked) return undefined;
      let rule = picked.rule;
      let subject = picked.subject;
      if (!rule) {
        const typed = await vscode.window.showInputBox({
          title: `Subject of ${fileName(uri)}`,
          prompt: 'The registry subject, e.g. orders-value',
          validateInput: v => (v.trim() ? undefined : 'Enter a subject name.'),
        });
        if (!typed) return undefined;
        subject = typed.trim();
        rule = { files: relative, subject };
      }
      const before = await readProjectText(file);
      const after = withMappingRule(before, rule);
      if (after === undefined) return unreadableProjectFile(file);
      const confirm = await vscode.window.showInformationMessage(
        `${before === undefined ? 'Create' : 'Add to'} ${vscode.workspace.asRelativePath(file)}: map ${fileName(uri)} to ${subject}?`,
        { modal: true, detail: `Added to "schemas":\n${dialogJson(JSON.stringify(mappingRuleValue(rule), null, 2))}` },
        'Add Mapping',
      );
      if (!confirm) return undefined;
      if (!(await writeWorkspaceFile(file, after, deps.output))) return undefined;
      deps.output.info(`Mapping ${JSON.stringify(mappingRuleValue(rule))} added to ${file.fsPath}.`);
      // The server re-reads avro-studio.json now, not when its file watcher reports the change.
      await deps.client.sendNotification(RefreshBaselinesNotification).catch(() => undefined);
      void vscode.window.showInformationMessage(`Avro: ${fileName(uri)} now maps to ${subject}.`);
      void deps.view.refresh();
      return { file: file.toString(), rule, subject: subject! };
    } catch (error) {
      reportFailure(deps.output, `mapping ${fileName(uri)} to a subject`, error);
      return undefined;
    }
  });
}
