// The schema a registry command acts on (a URI string from a CodeLens, a vscode.Uri, a sync-view item, or the active editor) and the subject it maps to.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { RegistryCommands, RegistrySubjectRequest, type RegistrySubjectResult } from '../../../server/src/protocol';
import { request } from './requests';

/** A file URI from a command argument: a vscode.Uri, a URI string, or an object with `uri` (a sync-view item). */
export function uriOfArgument(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  if (typeof arg === 'string' && arg) {
    try {
      return vscode.Uri.parse(arg, true);
    } catch {
      return undefined;
    }
  }
  if (arg && typeof arg === 'object' && 'uri' in arg) return uriOfArgument((arg as { uri: unknown }).uri);
  return undefined;
}

/** The schema to act on: the argument's, else the active editor's when it is an Avro schema. */
export function targetSchema(arg: unknown, languageId: string): vscode.Uri | undefined {
  const fromArg = uriOfArgument(arg);
  if (fromArg) return fromArg;
  const doc = vscode.window.activeTextEditor?.document;
  return doc && doc.languageId === languageId && doc.uri.scheme === 'file' ? doc.uri : undefined;
}

export function fileName(uri: vscode.Uri): string {
  return uri.path.replace(/^.*\//, '');
}

/** Says that the command needs a schema (none given and no Avro editor active). */
export function needSchema(action: string): undefined {
  void vscode.window.showInformationMessage(`Avro: open an Avro schema (.avsc) to ${action}.`);
  return undefined;
}

/** The subject a schema maps to, asked of the server (which applies avro-studio.json's rules). */
export function subjectOf(client: LanguageClient, uri: vscode.Uri, token?: vscode.CancellationToken): Promise<RegistrySubjectResult> {
  return request(client, RegistrySubjectRequest, { uri: uri.toString() }, token);
}

/** A file that maps nowhere: say so politely and offer to add a mapping. */
export function reportUnmapped(uri: vscode.Uri, result: RegistrySubjectResult): void {
  const why = result.unmappedReason ? ` ${result.unmappedReason}` : '';
  void vscode.window.showInformationMessage(
    `Avro: ${fileName(uri)} is not mapped to a registry subject yet.${why}`,
    'Add Mapping…',
  ).then(choice => {
    if (choice) void vscode.commands.executeCommand(RegistryCommands.addMapping, uri);
  });
}
