// Writing a workspace file for a registry command: through the editor when the file is open (undoable, then saved), never over unsaved changes.
import * as vscode from 'vscode';

/**
 * Replace the whole text of `uri` with `text` and save it. A file open with unsaved changes is not
 * touched: the user is told to save or revert first, and false is returned.
 */
export async function writeWorkspaceFile(uri: vscode.Uri, text: string, output: vscode.LogOutputChannel): Promise<boolean> {
  const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
  const name = vscode.workspace.asRelativePath(uri);
  if (open?.isDirty) {
    void vscode.window.showWarningMessage(`Avro: ${name} has unsaved changes, so it was not overwritten. Save or revert it, then run the command again.`);
    return false;
  }
  try {
    const exists = open !== undefined || await vscode.workspace.fs.stat(uri).then(() => true, () => false);
    if (!exists) {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      return true;
    }
    // Through a document, even when it was not open: the language server then sees the new text at
    // once (didOpen/didChange), before any request that follows, instead of when the file watcher fires.
    const doc = open ?? await vscode.workspace.openTextDocument(uri);
    if (doc.getText() === text) return true;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error('the editor refused the edit');
    if (!(await doc.save())) throw new Error('saving failed');
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.error(`Writing ${uri.fsPath} failed: ${message}`);
    void vscode.window.showErrorMessage(`Avro: ${name} could not be written: ${message}`);
    return false;
  }
}
