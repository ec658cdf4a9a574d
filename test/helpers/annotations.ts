// Inline expectations under fixture text: "  ^^^ CODE severity: message" lines, and $0 cursors.
//
// An annotation line starts with optional spaces then '^' (a range starting at that column) or
// '|' (an empty range there). It describes the closest source line above it. A range that runs past
// its line ends with '>L:C' (1-based end line and column of the range in the stripped text).
// Annotation lines are removed before the text is analysed.

import { LineIndex } from '../../server/src/service/text';

export interface Annotated {
  /** Start offset in the stripped text. */
  offset: number;
  length: number;
  /** Everything after the carets: "AVRO-220 error: message". */
  label: string;
}

const ANNOTATION = /^(\s*)(\^+|\|)(>(\d+):(\d+))?\s+(.*)$/;

export function isAnnotationLine(line: string): boolean {
  return ANNOTATION.test(line);
}

/** Remove annotation lines; return the clean text and the annotations with offsets into it. */
export function stripAnnotations(fixtureText: string): { text: string; annotations: Annotated[] } {
  const lines = fixtureText.split('\n');
  const kept: string[] = [];
  const pending: Array<{ line: number; col: number; len: number; end?: { line: number; col: number }; label: string }> = [];
  for (const line of lines) {
    const m = ANNOTATION.exec(line);
    if (m && kept.length > 0) {
      const col = m[1].length;
      const len = m[2] === '|' ? 0 : m[2].length;
      pending.push({ line: kept.length - 1, col, len, end: m[3] ? { line: Number(m[4]) - 1, col: Number(m[5]) - 1 } : undefined, label: m[6] });
    } else {
      kept.push(line);
    }
  }
  const text = kept.join('\n');
  const index = new LineIndex(text);
  const annotations = pending.map(p => {
    const offset = index.offsetAt({ line: p.line, character: p.col });
    const endOffset = p.end ? index.offsetAt({ line: p.end.line, character: p.end.col }) : offset + p.len;
    return { offset, length: endOffset - offset, label: p.label };
  });
  return { text, annotations };
}

/** Render annotations under the lines of a clean text (the inverse of stripAnnotations). */
export function renderAnnotations(text: string, annotations: Annotated[]): string {
  const index = new LineIndex(text);
  const byLine = new Map<number, string[]>();
  const sorted = [...annotations].sort((a, b) => a.offset - b.offset || b.length - a.length || a.label.localeCompare(b.label));
  for (const a of sorted) {
    const start = index.positionAt(a.offset);
    const end = index.positionAt(a.offset + a.length);
    let marker: string;
    if (a.length === 0) {
      marker = '|';
    } else if (end.line === start.line) {
      marker = '^'.repeat(end.character - start.character);
    } else {
      const lineLength = index.lineText(start.line).length;
      marker = '^'.repeat(Math.max(1, lineLength - start.character)) + `>${end.line + 1}:${end.character + 1}`;
    }
    const rendered = ' '.repeat(start.character) + marker + ' ' + a.label.replace(/\r?\n/g, '⏎');
    let list = byLine.get(start.line);
    if (!list) byLine.set(start.line, (list = []));
    list.push(rendered);
  }
  const out: string[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    out.push(lines[i]);
    for (const r of byLine.get(i) ?? []) out.push(r);
  }
  return out.join('\n');
}

/** Remove a $0 cursor marker; return the text and the cursor offset. */
export function extractCursor(textWithCursor: string): { text: string; offset: number } {
  const offset = textWithCursor.indexOf('$0');
  if (offset < 0) throw new Error('fixture has no $0 cursor marker');
  return { text: textWithCursor.slice(0, offset) + textWithCursor.slice(offset + 2), offset };
}
