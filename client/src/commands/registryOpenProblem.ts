// Command "Avro: Open Registry Problem" (the Schema Registry view's items): opens the schema at its first error, or explains an unmapped or unreachable one.
import * as vscode from 'vscode';
import { RegistryCommands, type RegistrySyncEntry } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { uriOfArgument } from '../registry/targets';

/** The first error of `uri` once the language server has published diagnostics (waits for the event, at most `timeoutMs`). */
function firstError(uri: vscode.Uri, timeoutMs: number): Promise<vscode.Diagnostic | undefined> {
  const pick = (): vscode.Diagnostic | undefined => vscode.languages.getDiagnostics(uri)
    .filter(d => d.severity === vscode.DiagnosticSeverity.Error)
    .sort((a, b) => a.range.start.compareTo(b.range.start))[0];
  const now = pick();
  if (now) return Promise.resolve(now);
  return new Promise(resolve => {
    const timer = setTimeout(() => { subscription.dispose(); resolve(undefined); }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics(e => {
      if (!e.uris.some(u => u.toString() === uri.toString())) return;
      const found = pick();
      if (found) { clearTimeout(timer); subscription.dispose(); resolve(found); }
    });
  });
}

export function registerRegistryOpenProblem(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.openProblem, async (arg?: unknown): Promise<vscode.Diagnostic | undefined> => {
    const uri = uriOfArgument(arg);
    if (!uri) return undefined;
    const entry = arg && typeof arg === 'object' && 'entry' in arg ? (arg as { entry: RegistrySyncEntry }).entry : undefined;
    if (entry?.state === 'unmapped') {
      await vscode.commands.executeCommand(RegistryCommands.addMapping, uri);
      return undefined;
    }
    if (entry?.state === 'error') {
      void vscode.window.showWarningMessage(`Avro: ${vscode.workspace.asRelativePath(uri, false)}: ${entry.message}`, 'Test Connection').then(c => {
        if (c) void vscode.commands.executeCommand(RegistryCommands.testConnection, uri.toString());
      });
      return undefined;
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(doc, { preview: false });
    const error = await firstError(uri, 5000);
    if (error) {
      editor.selection = new vscode.Selection(error.range.start, error.range.end);
      editor.revealRange(error.range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
      await vscode.commands.executeCommand('workbench.actions.view.problems');
    } else if (entry) {
      void vscode.window.showInformationMessage(`Avro: ${vscode.workspace.asRelativePath(uri, false)}: ${entry.message}`);
    }
    deps.output.debug(`Open problem of ${uri.toString()}: ${error ? error.message : 'no error diagnostic'}`);
    return error;
  });
}
