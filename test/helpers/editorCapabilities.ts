// Client capabilities as VS Code announces them for navigation, symbols, folding and rename, for LSP tests of those features.
import type { ClientCapabilities } from 'vscode-languageserver-protocol';

/** The capabilities VS Code announces for these features (deep-merged over the test client's defaults). */
export function editorCapabilities(overrides: { linkSupport?: boolean; hierarchical?: boolean; rangeLimit?: number } = {}): ClientCapabilities {
  return {
    workspace: {
      configuration: true,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: true },
      workspaceFolders: true,
      diagnostics: { refreshSupport: true },
      workspaceEdit: { documentChanges: true, changeAnnotationSupport: { groupsOnLabel: true } },
    },
    textDocument: {
      synchronization: { dynamicRegistration: false },
      publishDiagnostics: { relatedInformation: true, versionSupport: true, codeDescriptionSupport: true, dataSupport: true },
      diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false },
      definition: { linkSupport: overrides.linkSupport ?? true },
      documentSymbol: { hierarchicalDocumentSymbolSupport: overrides.hierarchical ?? true },
      foldingRange: overrides.rangeLimit !== undefined ? { rangeLimit: overrides.rangeLimit } : {},
      rename: { prepareSupport: true },
    },
    window: { workDoneProgress: true },
  };
}

