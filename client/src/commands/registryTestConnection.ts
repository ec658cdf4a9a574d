// Command "Avro: Test Connection": asks the server to reach the registry of avro-studio.json and shows the server, the authentication and the global compatibility level.
//
// Returns the server's RegistryTestConnectionResult ({ refused: 'untrusted' } in Restricted Mode).
import * as vscode from 'vscode';
import { RegistryCommands, RegistryTestConnectionRequest, type RegistryTestConnectionResult } from '../../../server/src/protocol';
import type { RegistryDeps } from '../registry/deps';
import { chooseRegistryFolder } from '../registry/folders';
import { reportFailure, requestWithProgress } from '../registry/requests';
import { ensureTrusted, UNTRUSTED } from '../registry/trust';

/** "connected to http://… · auth basic · level BACKWARD · mode READWRITE · 3 subjects · 41 ms" */
export function describeConnection(r: RegistryTestConnectionResult): string {
  const parts = [`connected to ${r.url ?? 'the registry'}`, `auth ${r.auth ?? 'none'}`];
  if (r.level) parts.push(`global compatibility level ${r.level}`);
  if (r.mode) parts.push(`mode ${r.mode}`);
  if (r.subjects !== undefined) parts.push(`${r.subjects} subject${r.subjects === 1 ? '' : 's'}`);
  if (r.durationMs !== undefined) parts.push(`${Math.round(r.durationMs)} ms`);
  return parts.join(' · ');
}

export function registerRegistryTestConnection(deps: RegistryDeps): vscode.Disposable {
  return vscode.commands.registerCommand(RegistryCommands.testConnection, async (arg?: unknown): Promise<RegistryTestConnectionResult | typeof UNTRUSTED | undefined> => {
    if (!ensureTrusted('Test Connection')) return UNTRUSTED;
    const target = await chooseRegistryFolder(arg, 'test');
    if (!target?.registry) return undefined;
    try {
      const result = await requestWithProgress(deps.client, `Avro: connecting to ${target.registry.url}`, RegistryTestConnectionRequest, { folder: target.folder.uri.toString() });
      if (result.ok) {
        deps.output.info(`Test connection: ${describeConnection(result)}`);
        void vscode.window.showInformationMessage(`Avro: ${describeConnection(result)}.`);
      } else {
        deps.output.warn(`Test connection to ${result.url ?? target.registry.url} failed: ${result.message}`);
        const unauthorized = /\b(401|403|unauthori[sz]ed|forbidden|credentials)\b/i.test(result.message);
        const buttons = unauthorized ? ['Set Credentials', 'Configure Registry'] : ['Configure Registry', 'Show Output'];
        void vscode.window.showErrorMessage(`Avro: ${result.url ?? target.registry.url}: ${result.message}`, ...buttons).then(choice => {
          if (choice === 'Set Credentials') void vscode.commands.executeCommand(RegistryCommands.setCredentials, { folder: target.folder.uri.toString() });
          if (choice === 'Configure Registry') void vscode.commands.executeCommand(RegistryCommands.configure, target.folder.uri);
          if (choice === 'Show Output') deps.output.show(true);
        });
      }
      return result;
    } catch (error) {
      reportFailure(deps.output, 'testing the registry connection', error);
      return undefined;
    }
  });
}
