// The problems of each workspace folder's avro-studio.json (an unknown code or category, a bad glob, an invalid policy ...) as diagnostics on their lines of that file, besides the log line.
import type { Connection, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { LineIndex } from '../service/text';
import { pathToUri } from '../workspace/uris';

/** Publishes the problems of the project file of `folder` (and clears those of a file that is gone or fixed). */
export class ProjectFileProblems {
  private readonly published = new Map<string, string>();

  constructor(private readonly connection: Connection) {}

  update(folder: string, loaded: LoadedProjectConfig | undefined): void {
    const before = this.published.get(folder);
    const uri = loaded ? pathToUri(loaded.file) : undefined;
    if (before !== undefined && before !== uri) void this.connection.sendDiagnostics({ uri: before, diagnostics: [] }).catch(() => undefined);
    if (!loaded || !uri) {
      this.published.delete(folder);
      return;
    }
    const lines = new LineIndex(loaded.text ?? '');
    const diagnostics: Diagnostic[] = loaded.problems.map(p => ({
      range: lines.rangeOf(p.offset, p.length),
      severity: DiagnosticSeverity.Error,
      source: 'avro-studio',
      message: p.message,
    }));
    if (diagnostics.length === 0 && before === undefined) return;
    this.published.set(folder, uri);
    void this.connection.sendDiagnostics({ uri, diagnostics }).catch(() => undefined);
  }
}
