// Document and range formatting of .avsc files: the editor's indentation, the author's line structure, optionally the conventional key order.
//
// Stable and idempotent (formatting a formatted document changes nothing). Without key sorting only
// whitespace between tokens changes, so comments and every character of every token stay; with it
// the keys of schema and field objects move (format/sortKeys.ts), never array items. The layout
// rules are in format/layout.ts.
import type { TextEdit } from './codeActions/types';
import { parseAvroDocument } from './model/builder';
import type { AvroDocument, Span } from './model/types';
import { applyEdits, replacementEdit } from './format/edits';
import { detectEol, indentUnit } from './format/indentation';
import { expandSelection, layout, type LayoutOptions } from './format/layout';
import { sortSchemaKeys } from './format/sortKeys';
import { tokenize } from './format/tokens';

export interface FormatOptions {
  /** The editor's indentation (LSP FormattingOptions). */
  tabSize: number;
  insertSpaces: boolean;
  /** Line break for the lines the formatter creates; default: the document's own. */
  eol?: '\n' | '\r\n';
  /** End the document with a line break (VS Code's files.insertFinalNewline). */
  insertFinalNewline?: boolean;
  /** Put the keys of schema and field objects in the conventional order (setting avro.format.sortKeys). */
  sortKeys?: boolean;
  /** Records (and what holds them) written on one line are expanded when longer than this (default 100). */
  printWidth?: number;
}

export const DEFAULT_PRINT_WIDTH = 100;

export interface FormatResult {
  edits: TextEdit[];
  /** Why the document was left alone, when it was (a syntax problem that makes re-spacing unsafe). */
  skipped?: string;
}

/** Beyond this many whitespace edits, one replacement is cheaper to send and to apply. */
const MAX_GAP_EDITS = 5000;

/**
 * Format a whole document, or with `selection` the smallest complete JSON values around it (the
 * members of the innermost object or array it touches).
 */
export function formatDocument(doc: AvroDocument | string, options: FormatOptions, selection?: Span): FormatResult {
  const text = typeof doc === 'string' ? doc : doc.text;
  const tokens = tokenize(text);
  if (tokens.problem) return { edits: [], skipped: `the document has ${tokens.problem}; fix it first` };
  const model = typeof doc === 'string' ? parseAvroDocument('untitled:format', text) : doc;
  const layoutOptions: LayoutOptions = {
    indentUnit: indentUnit(options),
    tabSize: Math.max(1, options.tabSize),
    eol: options.eol ?? detectEol(text),
    printWidth: options.printWidth ?? DEFAULT_PRINT_WIDTH,
    finalNewline: options.insertFinalNewline ? true : undefined,
    breakable: recordOffsets(model),
  };
  let sel = selection ? { start: selection.offset, end: selection.offset + selection.length } : undefined;
  if (options.sortKeys) {
    const within = sel ? expandSelection(text, tokens, sel) : undefined;
    if (sel && !within) return { edits: [] };
    const sorted = sortSchemaKeys(model, within);
    if (sorted !== undefined) {
      // The reordered keys lie inside `within`, so only its end moves.
      if (within) sel = { start: within.start, end: within.end + sorted.length - text.length };
      const options2 = { ...layoutOptions, breakable: recordOffsets(parseAvroDocument(model.uri, sorted)) };
      const formatted = applyEdits(sorted, layout(sorted, tokenize(sorted), options2, sel));
      const edit = replacementEdit(text, formatted);
      return { edits: edit ? [edit] : [] };
    }
  }
  const edits = layout(text, tokens, layoutOptions, sel);
  if (edits.length > MAX_GAP_EDITS) {
    const edit = replacementEdit(text, applyEdits(text, edits));
    return { edits: edit ? [edit] : [] };
  }
  return { edits };
}

/** Where the records and their `fields` arrays start: what the layout may expand to fit the print width. */
function recordOffsets(doc: AvroDocument): Set<number> {
  const offsets = new Set<number>();
  for (const schema of doc.schemas) {
    if (schema.kind !== 'record') continue;
    offsets.add(schema.node.offset);
    if (schema.fieldsNode) offsets.add(schema.fieldsNode.offset);
  }
  return offsets;
}

/** The formatted text (a convenience over formatDocument). */
export function formatText(text: string, options: FormatOptions, selection?: Span): string {
  return applyEdits(text, formatDocument(text, options, selection).edits);
}
