// Read-only virtual documents of earlier versions of a schema (avro-baseline:), served by the server through BaselineContentRequest.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { BASELINE_URI_SCHEME, BaselineContentRequest, type BaselineUriQuery } from '../../server/src/protocol';

/** The avro-baseline: URI of a version of a file (the form protocol.ts documents; the server uses it too). */
export function baselineUri(file: vscode.Uri, version: string): vscode.Uri {
  const query: BaselineUriQuery = { uri: file.toString(), version };
  return vscode.Uri.from({ scheme: BASELINE_URI_SCHEME, path: file.path, query: JSON.stringify(query) });
}

export function parseBaselineUri(uri: vscode.Uri): BaselineUriQuery | undefined {
  try {
    const q = JSON.parse(uri.query) as Partial<BaselineUriQuery>;
    return typeof q.uri === 'string' && typeof q.version === 'string' ? { uri: q.uri, version: q.version } : undefined;
  } catch {
    return undefined;
  }
}

/** Serves avro-baseline: documents through BaselineContentRequest, so no git extension is needed. */
export class BaselineContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = parseBaselineUri(uri);
    if (!q) return `// Not an Avro baseline URI: ${uri.toString()}\n`;
    const result = await this.client.sendRequest(BaselineContentRequest, { uri: q.uri, version: q.version }, token);
    return result.text ?? `// ${result.message ?? `No ${q.version} version of this file.`}\n`;
  }

  /** Baselines were reloaded: open baseline documents read their text again. */
  refresh(): void {
    for (const doc of vscode.workspace.textDocuments) if (doc.uri.scheme === BASELINE_URI_SCHEME) this.changed.fire(doc.uri);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
