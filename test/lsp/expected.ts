// What the service says about a text, in LSP terms: the reference the server's published diagnostics are compared with.
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { validateDocument } from '../../server/src/service/validation/validate';

export interface Brief {
  code: string;
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  message: string;
}

/** The parts of a diagnostic a user sees, in a form that compares well in assertions. */
export function brief(d: Pick<Diagnostic, 'code' | 'range' | 'message'>): Brief {
  return { code: String(d.code), line: d.range.start.line, character: d.range.start.character, endLine: d.range.end.line, endCharacter: d.range.end.character, message: String(d.message) };
}

/** The diagnostics of `text` validated alone (or with `others`: uri -> text), as the server should publish them. */
export function expectedBriefs(uri: string, text: string, settings: unknown = {}, others: Record<string, string> = {}): Brief[] {
  const index = new SchemaIndex();
  for (const [u, t] of Object.entries(others)) index.set(parseAvroDocument(u, t, 0));
  const doc = parseAvroDocument(uri, text, 1);
  index.set(doc);
  const lines = new LineIndex(text);
  return validateDocument(doc, normalizeSettings(settings), index).map(d => {
    const r = lines.rangeOf(d.offset, d.length);
    return { code: d.code, line: r.start.line, character: r.start.character, endLine: r.end.line, endCharacter: r.end.character, message: d.message };
  });
}
