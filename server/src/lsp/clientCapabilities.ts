// The client capabilities the navigation, symbol, folding and rename features adapt to (ctx.client.editor, read at initialize).
import type { ClientCapabilities } from 'vscode-languageserver';

export interface EditorCapabilities {
  /** textDocument/definition may answer LocationLink[]. */
  definitionLinks: boolean;
  /** textDocument/documentSymbol may answer DocumentSymbol[] (else SymbolInformation[]). */
  hierarchicalSymbols: boolean;
  /** WorkspaceEdit.documentChanges with document versions. */
  documentChanges: boolean;
  /** WorkspaceEdit.changeAnnotations (needsConfirmation: VS Code shows a preview). */
  changeAnnotations: boolean;
  /** The most folding ranges the client shows per document. */
  foldingRangeLimit: number | undefined;
  /** The client sends textDocument/prepareRename. */
  prepareRename: boolean;
  /** Workspace edits may create files (documentChanges with a CreateFile operation): quick fixes that move a type to a new file. */
  createFiles: boolean;
  /** Completion items may be snippets (placeholders, tab stops); otherwise they are sent as the plain text they expand to. */
  snippets: boolean;
}

export function editorCapabilitiesOf(c: ClientCapabilities): EditorCapabilities {
  return {
    definitionLinks: c.textDocument?.definition?.linkSupport === true,
    hierarchicalSymbols: c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    changeAnnotations: c.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
    foldingRangeLimit: typeof c.textDocument?.foldingRange?.rangeLimit === 'number' ? c.textDocument.foldingRange.rangeLimit : undefined,
    prepareRename: c.textDocument?.rename?.prepareSupport === true,
    snippets: c.textDocument?.completion?.completionItem?.snippetSupport === true,
    createFiles: c.workspace?.workspaceEdit?.documentChanges === true && (c.workspace.workspaceEdit.resourceOperations ?? []).includes('create'),
  };
}
