// Command "Avro: Check Compatibility with Registry": our findings against the subject's versions (each version for transitive levels) beside the registry's own verdict, as a Markdown report.
//
// Returns the server's RegistryCheckResult ({ refused: 'untrusted' } in Restricted Mode). With
// `{ show: false }` as second argument the report is not opened (tests, scripts).
import * as vscode from 'vscode';
import { RegistryCheckRequest, RegistryCommands, type RegistryCheckResult } from '../../../server/src/protocol';
import { relativeLinks } from '../compatibilityReport';
import type { RegistryDeps } from '../registry/deps';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { fileName, needSchema, targetSchema } from '../registry/targets';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

/** One line for the notification: the verdicts side by side. */
export function checkSummary(name: string, r: RegistryCheckResult): string {
  const where = `${name} vs ${r.subject}${r.level ? ` (${r.level}${r.versions.length ? `, v${r.versions.join(', v')}` : ''})` : ''}`;
  const ours = r.versions.length === 0 ? 'nothing registered yet' : r.findings.length === 0 ? 'compatible' : `${r.findings.length} breaking change${r.findings.length === 1 ? '' : 's'}`;
  const theirs = r.registry ? (r.registry.isCompatible ? 'the registry says compatible' : 'the registry says incompatible') : 'no verdict from the registry';
  return `${where}: ${ours}; ${theirs}${r.disagreement ? ' (the two verdicts differ: see the report)' : ''}.`;
}

export function registerRegistryCheckCompatibility(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.checkCompatibility, async (arg?: unknown, options?: { show?: boolean }): Promise<RegistryCheckResult | typeof UNTRUSTED | undefined> => {
    const uri = targetSchema(arg, deps.languageId);
    if (!uri) return needSchema('check its compatibility with the registry');
    if (!ensureTrusted('Check Compatibility with Registry')) return UNTRUSTED;
    try {
      const result = await requestWithProgress(deps.client, `Avro: checking ${fileName(uri)} against the registry`, RegistryCheckRequest, { uri: uri.toString() });
      if (result.error && !result.subject) {
        void vscode.window.showWarningMessage(`Avro: ${fileName(uri)}: ${result.error}`);
        return result;
      }
      if (options?.show !== false) {
        const report = await writeReport(deps, uri, result.markdown);
        const previewed = await vscode.commands.executeCommand('markdown.showPreview', report).then(() => true, () => false);
        if (!previewed) await vscode.window.showTextDocument(report, { preview: true });
        const summary = checkSummary(fileName(uri), result);
        if (result.disagreement || result.findings.length > 0 || result.registry?.isCompatible === false) void vscode.window.showWarningMessage(`Avro: ${summary}`);
        else void vscode.window.showInformationMessage(`Avro: ${summary}`);
      }
      return result;
    } catch (error) {
      reportFailure(deps.output, `checking ${fileName(uri)} against the registry`, error);
      return undefined;
    }
  });
}

/** The report as a Markdown file in the extension's storage (links to lines made relative, as the compatibility report does). */
async function writeReport(deps: RegistryDeps, schema: vscode.Uri, markdown: string): Promise<vscode.Uri> {
  const folder = deps.reportFolder;
  const file = vscode.Uri.joinPath(folder, `Registry compatibility of ${fileName(schema)}.md`);
  await vscode.workspace.fs.createDirectory(folder);
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(relativeLinks(markdown, file)));
  return file;
}
