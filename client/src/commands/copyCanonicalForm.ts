// Command "Avro: Copy Parsing Canonical Form": the canonical form of the schema at the cursor (or the whole file's) to the clipboard.
//
// Returns the copied text (undefined when nothing was copied), so tests and keybindings can use it.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { CanonicalFormRequest, type CanonicalFormParams, type CanonicalFormResult } from '../../../server/src/protocol';
import { CommandIds } from '../commandIds';
import { LANGUAGE_ID } from '../languageClient';

/**
 * Ask the server for the canonical form of the schema at the active editor's cursor, or of the
 * file `uri` (a schema picked in the explorer). Says why, and returns undefined, when there is none.
 */
export async function requestCanonicalForm(client: LanguageClient, output: vscode.LogOutputChannel, uri?: vscode.Uri): Promise<CanonicalFormResult | undefined> {
  const editor = vscode.window.activeTextEditor;
  let document = editor?.document;
  let position: vscode.Position | undefined = editor?.selection.active;
  if (uri && document?.uri.toString() !== uri.toString()) {
    document = await vscode.workspace.openTextDocument(uri);
    position = undefined;
  }
  if (!document || document.languageId !== LANGUAGE_ID) {
    void vscode.window.showWarningMessage('Avro: open an Avro schema (.avsc) first.');
    return undefined;
  }
  const params: CanonicalFormParams = {
    uri: client.code2ProtocolConverter.asUri(document.uri),
    position: position ? { line: position.line, character: position.character } : undefined,
  };
  try {
    const result = await client.sendRequest(CanonicalFormRequest, params);
    if (result.error || result.canonicalForm === undefined) {
      void vscode.window.showErrorMessage(`Avro: no Parsing Canonical Form for ${result.subject}: ${result.error ?? 'unknown reason'}.`);
      return undefined;
    }
    return result;
  } catch (error) {
    output.error(`Computing the Parsing Canonical Form failed: ${String(error)}`);
    void vscode.window.showErrorMessage('Avro: computing the Parsing Canonical Form failed. See the Avro Studio output for details.');
    return undefined;
  }
}

export function registerCopyCanonicalForm(client: LanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.copyCanonicalForm, async (uri?: vscode.Uri): Promise<string | undefined> => {
    const result = await requestCanonicalForm(client, output, uri instanceof vscode.Uri ? uri : undefined);
    if (!result?.canonicalForm) return undefined;
    await vscode.env.clipboard.writeText(result.canonicalForm);
    void vscode.window.showInformationMessage(`Avro: copied the Parsing Canonical Form of ${result.subject} (${result.canonicalForm.length} characters).`);
    return result.canonicalForm;
  });
}
