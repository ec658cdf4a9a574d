// Read-only virtual documents of registered schema versions (avro-registry:), served by the server through RegistrySchemaRequest.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { REGISTRY_URI_SCHEME, RegistrySchemaRequest, type RegistryUriQuery } from '../../../server/src/protocol';

/** The avro-registry: URI of a registered version (the form protocol.ts documents; the server builds the same). */
export function registryUri(folder: vscode.Uri, subject: string, version: number): vscode.Uri {
  const query: RegistryUriQuery = { folder: folder.toString(), subject, version };
  return vscode.Uri.from({ scheme: REGISTRY_URI_SCHEME, path: `/${subject}/v${version}.avsc`, query: JSON.stringify(query) });
}

export function parseRegistryUri(uri: vscode.Uri): RegistryUriQuery | undefined {
  try {
    const q = JSON.parse(uri.query) as Partial<RegistryUriQuery>;
    return typeof q.folder === 'string' && typeof q.subject === 'string' && typeof q.version === 'number'
      ? { folder: q.folder, subject: q.subject, version: q.version }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Serves avro-registry: documents. Registered versions never change, so a text once read is kept
 * (bounded); Restricted Mode gets a comment saying why there is no text, never a request.
 */
export class RegistryContentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly cache = new Map<string, string>();

  constructor(private readonly client: LanguageClient) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const q = parseRegistryUri(uri);
    if (!q) return `// Not an Avro registry URI: ${uri.toString()}\n`;
    const key = `${q.folder}\n${q.subject}\n${q.version}`;
    const cached = this.cache.get(key);
    if (cached !== undefined) return cached;
    if (!vscode.workspace.isTrusted) return `// ${q.subject} version ${q.version}: not read in Restricted Mode (trust the workspace to contact its registry).\n`;
    try {
      const result = await this.client.sendRequest(RegistrySchemaRequest, { folder: q.folder, subject: q.subject, version: q.version }, token);
      const text = result.pretty.endsWith('\n') ? result.pretty : `${result.pretty}\n`;
      if (this.cache.size >= 100) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, text);
      return text;
    } catch (error) {
      return `// ${q.subject} version ${q.version} could not be read from the registry: ${error instanceof Error ? error.message : String(error)}\n`;
    }
  }

  /** Keep a text the client already has (a pulled or compared version), so opening it costs no request. */
  remember(folder: vscode.Uri, subject: string, version: number, pretty: string): void {
    this.cache.set(`${folder.toString()}\n${subject}\n${version}`, pretty.endsWith('\n') ? pretty : `${pretty}\n`);
  }

  /** Forget every text (the project file changed: another registry may stand behind a folder). */
  clear(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.cache.clear();
  }
}
