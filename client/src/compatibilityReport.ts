// The compatibility report as a Markdown file in the extension's storage, so the Markdown preview renders it and its links open the schema at the line.
//
// The server writes links to the lines as absolute file: URIs; the Markdown preview only follows
// relative links (it refuses file: links), so they are made relative to where the report is written.
import * as path from 'node:path';
import * as vscode from 'vscode';

export class ReportFiles {
  constructor(private readonly folder: vscode.Uri) {}

  /** Write the report of a schema and return its URI (the same file for the same schema: the preview updates). */
  async write(schema: vscode.Uri, markdown: string): Promise<vscode.Uri> {
    const name = schema.path.replace(/^.*\//, '');
    const file = vscode.Uri.joinPath(this.folder, `Compatibility of ${name}.md`);
    await vscode.workspace.fs.createDirectory(this.folder);
    await vscode.workspace.fs.writeFile(file, Buffer.from(relativeLinks(markdown, file), 'utf8'));
    return file;
  }
}

/** `](file:///abs/x.avsc#L3,5)` -> `](../../abs/x.avsc#L3,5)`, relative to the report file (file: URIs of the same scheme only). */
export function relativeLinks(markdown: string, report: vscode.Uri): string {
  return markdown.replace(/\]\((file:\/\/[^)\s#]+)(#[^)\s]*)?\)/g, (whole, target: string, fragment: string | undefined) => {
    const uri = vscode.Uri.parse(target);
    if (report.scheme !== 'file') return whole;
    const relative = path.posix.relative(path.posix.dirname(report.path), uri.path);
    return `](${relative.split('/').map(encodeURIComponent).join('/')}${fragment ?? ''})`;
  });
}
