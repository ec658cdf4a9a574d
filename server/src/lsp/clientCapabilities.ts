// The client capabilities the navigation, symbol, folding and rename features adapt to, recorded when the client initializes.
//
// ServerContext exposes only the ClientFeatures that server.ts derives; these features need a few
// more (LocationLink, hierarchical symbols, documentChanges, change annotations, folding limits).
// One server instance runs per process, so the record is per process; it is written by the
// features' capabilities() during initialize, before any request can arrive.
import type { ClientCapabilities, InitializeParams } from 'vscode-languageserver';

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
}

let recorded: EditorCapabilities = read({});

function read(c: ClientCapabilities): EditorCapabilities {
  return {
    definitionLinks: c.textDocument?.definition?.linkSupport === true,
    hierarchicalSymbols: c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true,
    documentChanges: c.workspace?.workspaceEdit?.documentChanges === true,
    changeAnnotations: c.workspace?.workspaceEdit?.changeAnnotationSupport !== undefined,
    foldingRangeLimit: typeof c.textDocument?.foldingRange?.rangeLimit === 'number' ? c.textDocument.foldingRange.rangeLimit : undefined,
    prepareRename: c.textDocument?.rename?.prepareSupport === true,
  };
}

/** Called from a feature's capabilities(params) at initialize. */
export function recordCapabilities(params: InitializeParams): EditorCapabilities {
  recorded = read(params.capabilities ?? {});
  return recorded;
}

export function editorCapabilities(): EditorCapabilities {
  return recorded;
}
