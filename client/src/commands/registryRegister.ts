// Command "Avro: Register Schema": the local check, then the registry's verdict, then a confirmation (subject, level, both verdicts, Show Diff); registers referenced schemas first and reports id and version per subject.
//
// A refused plan says why, with the findings' lines, and puts the cursor on the first one (the
// findings are diagnostics already). Returns { prepared, result? } ({ refused: 'untrusted' } in
// Restricted Mode; undefined when the user stopped or a request failed).
import * as vscode from 'vscode';
import {
  RegistryCommands,
  RegistryPrepareRegisterRequest,
  RegistryRegisterRequest,
  type RegistryPrepareRegisterResult,
  type RegistryRegisterResult,
} from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { registryUri } from '../registry/documents';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { alreadyRegistered, readableRegistryMessages, refusalHeadline, registerConfirmationDetail, registerSummary } from '../registry/syncModel';
import { fileName, needSchema, targetSchema } from '../registry/targets';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

export interface RegisterOutcome {
  prepared: RegistryPrepareRegisterResult;
  result?: RegistryRegisterResult;
}

export function registerRegistryRegister(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.register, async (arg?: unknown): Promise<RegisterOutcome | typeof UNTRUSTED | undefined> => {
    const uri = targetSchema(arg, deps.languageId);
    if (!uri) return needSchema('register it');
    if (!ensureTrusted('Register Schema')) return UNTRUSTED;
    const name = fileName(uri);
    try {
      const doc = await vscode.workspace.openTextDocument(uri);
      if (doc.isDirty) {
        // What is registered should be what is in the repository: save first.
        const save = await vscode.window.showWarningMessage(`${name} has unsaved changes. Save it and register the saved schema?`, { modal: true }, 'Save and Continue');
        if (!save || !(await doc.save())) return undefined;
      }
      const prepared = await requestWithProgress(deps.client, `Avro: checking ${name} locally and with the registry`, RegistryPrepareRegisterRequest, { uri: uri.toString() });

      if (prepared.blocked) {
        await showRefusal(deps, doc, prepared);
        return { prepared };
      }
      const existing = alreadyRegistered(prepared);
      if (existing) {
        void vscode.window.showInformationMessage(`Avro: ${name} is already registered under ${prepared.subject}: id ${existing.id}, version ${existing.version}. Nothing to do.`);
        return { prepared };
      }

      const question = prepared.latest
        ? `Register ${name} as a new version of ${prepared.subject}?`
        : `Register ${name} as the first version of ${prepared.subject}?`;
      for (;;) {
        const buttons = prepared.latest ? ['Register', 'Show Diff'] : ['Register'];
        const choice = await vscode.window.showInformationMessage(question, { modal: true, detail: registerConfirmationDetail(prepared) }, ...buttons);
        if (choice === 'Show Diff') {
          await showDiff(deps, uri, prepared);
          continue;
        }
        if (choice !== 'Register') return { prepared };
        break;
      }

      const result = await requestWithProgress(deps.client, `Avro: registering ${name} under ${prepared.subject}`, RegistryRegisterRequest, {
        uri: uri.toString(),
        // The version and content the user confirmed: the server refuses if either changed since.
        version: prepared.documentVersion ?? doc.version,
        contentHash: prepared.contentHash,
        expectedLatest: prepared.latest?.version,
      });
      deps.output.info(`Register ${name}: ${result.ok ? 'done' : 'not done'}: ${registerSummary(result)}`);
      if (result.ok) void vscode.window.showInformationMessage(`Avro: ${registerSummary(result)}.`);
      else void vscode.window.showErrorMessage(`Avro: ${name} was not registered: ${result.message} (${registerSummary(result)})`, 'Show Output').then(c => { if (c) deps.output.show(true); });
      void deps.view.refresh();
      return { prepared, result };
    } catch (error) {
      reportFailure(deps.output, `registering ${name}`, error);
      return undefined;
    }
  });
}

/** The diff between the latest registered version (read-only) and the working copy. */
async function showDiff(deps: RegistryDeps, uri: vscode.Uri, prepared: RegistryPrepareRegisterResult): Promise<void> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!prepared.latest || !prepared.subject || !folder) return;
  deps.documents.remember(folder.uri, prepared.subject, prepared.latest.version, pretty(prepared.latest.schema));
  const left = registryUri(folder.uri, prepared.subject, prepared.latest.version);
  await vscode.commands.executeCommand('vscode.diff', left, uri, `${fileName(uri)} (registry v${prepared.latest.version}) ↔ working copy`, { preview: true });
}

/** Why registering is refused, the findings with their lines, and the cursor on the first one. */
async function showRefusal(deps: RegistryDeps, doc: vscode.TextDocument, prepared: RegistryPrepareRegisterResult): Promise<void> {
  const name = fileName(doc.uri);
  const lines: string[] = [];
  if (prepared.subject) lines.push(`Subject: ${prepared.subject}${prepared.level ? `, level ${prepared.level}` : ''}${prepared.latest ? `, latest version ${prepared.latest.version}` : ''}`);
  if (prepared.findings.length) {
    lines.push('', `Avro Studio's findings (also in Problems):`);
    for (const f of prepared.findings.slice(0, 5)) lines.push(`  line ${f.range.start.line + 1}: ${f.code} ${f.message}`);
    if (prepared.findings.length > 5) lines.push(`  … and ${prepared.findings.length - 5} more`);
  }
  if (prepared.registry && !prepared.registry.isCompatible) {
    lines.push('', 'The registry\'s verdict: incompatible');
    for (const m of readableRegistryMessages(prepared.registry.messages).slice(0, 3)) lines.push(`  ${m}`);
  }
  deps.output.warn(`Register ${name} refused: ${prepared.blocked}`);
  const first = prepared.findings[0];
  if (first) {
    const range = new vscode.Range(first.range.start.line, first.range.start.character, first.range.end.line, first.range.end.character);
    await vscode.window.showTextDocument(doc, { selection: range, preview: false });
  }
  const buttons = [...(prepared.findings.length ? ['Show Problems'] : []), ...(prepared.latest ? ['Show Diff'] : [])];
  const choice = await vscode.window.showErrorMessage(`${name} can't be registered under ${prepared.subject ?? 'a subject'}: ${refusalHeadline(prepared.blocked ?? '')}`, { modal: true, detail: lines.join('\n') }, ...buttons);
  if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  if (choice === 'Show Diff') await showDiff(deps, doc.uri, prepared);
}

function pretty(schema: string): string {
  try {
    return `${JSON.stringify(JSON.parse(schema), null, 2)}\n`;
  } catch {
    return schema;
  }
}
