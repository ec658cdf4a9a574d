// Reference text sync for tests: LSP positions clamped as the spec says, on a plain string (written independently of service/text.ts), and generators of hostile edits.
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';

/** Each line of `text`: where it starts and where its content ends (before \n, \r or \r\n). Scanned the simplest way. */
export function referenceLines(text: string): Array<{ start: number; end: number }> {
  const lines: Array<{ start: number; end: number }> = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\r' || c === '\n') {
      lines.push({ start, end: i });
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      start = i;
    } else {
      i++;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

/**
 * The LSP spec's clamping: a character past a line's end is the line's end; a line past the last is
 * the end of the document; negative numbers are 0.
 */
export function referenceOffsetAt(text: string, p: Position): number {
  const lines = referenceLines(text);
  if (p.line < 0) return 0;
  if (p.line >= lines.length) return text.length;
  const { start, end } = lines[p.line];
  return start + Math.max(0, Math.min(p.character, end - start));
}

/** Apply changes (each in the text the previous left) to a plain string with the reference clamping; a backwards range is turned around. */
export function referenceApply(text: string, changes: readonly TextDocumentContentChangeEvent[]): string {
  for (const c of changes) {
    if ('range' in c && c.range) {
      let a = referenceOffsetAt(text, c.range.start);
      let b = referenceOffsetAt(text, c.range.end);
      if (a > b) [a, b] = [b, a];
      text = text.slice(0, a) + c.text + text.slice(b);
    } else {
      text = c.text;
    }
  }
  return text;
}

/** Pieces that make line breaks and UTF-16 interesting. */
export const HOSTILE_PIECES = ['a', 'b', ' ', '\n', '\r', '\r\n', '\n\r', '\r\r\n', '😀', '\ud83d', '\ude00', '{', '}', '"', ',', 'é', '\t'];

export function randomPiece(random: () => number, pieces: readonly string[] = HOSTILE_PIECES): string {
  return pieces[Math.floor(random() * pieces.length)];
}

export function randomText(random: () => number, maxPieces = 30, pieces: readonly string[] = HOSTILE_PIECES): string {
  let s = '';
  const n = Math.floor(random() * maxPieces);
  for (let i = 0; i < n; i++) s += randomPiece(random, pieces);
  return s;
}

/** A position anywhere near the text: inside lines, past their ends, past the last line, negative now and then. */
export function randomPosition(text: string, random: () => number): Position {
  const lines = referenceLines(text);
  const r = random();
  if (r < 0.05) return { line: -1 - Math.floor(random() * 2), character: Math.floor(random() * 5) };
  if (r < 0.15) return { line: lines.length + Math.floor(random() * 3), character: Math.floor(random() * 8) };
  const line = Math.floor(random() * lines.length);
  const len = lines[line].end - lines[line].start;
  const past = random() < 0.25;
  return { line, character: past ? len + 1 + Math.floor(random() * 6) : random() < 0.03 ? -1 : Math.floor(random() * (len + 1)) };
}

/** A position inside the text (a line that exists, a character from 0 to the line's length). */
export function inRangePosition(text: string, random: () => number): Position {
  const lines = referenceLines(text);
  const line = Math.floor(random() * lines.length);
  return { line, character: Math.floor(random() * (lines[line].end - lines[line].start + 1)) };
}

/** One didChange: one to three changes, ranges anywhere (backwards now and then), or a full replacement. */
export function randomChanges(text: string, random: () => number): TextDocumentContentChangeEvent[] {
  if (random() < 0.04) return [{ text: randomText(random) }];
  const out: TextDocumentContentChangeEvent[] = [];
  const n = 1 + Math.floor(random() * 3);
  let current = text;
  for (let i = 0; i < n; i++) {
    let range: Range = { start: randomPosition(current, random), end: randomPosition(current, random) };
    if (random() < 0.5 && referenceOffsetAt(current, range.start) > referenceOffsetAt(current, range.end)) range = { start: range.end, end: range.start };
    const change = { range, text: randomText(random, 6) };
    out.push(change);
    current = referenceApply(current, [change]);
  }
  return out;
}

/** The position of an offset, by the reference lines (an offset inside a \r\n is its line's end). */
export function referencePositionAt(text: string, offset: number): Position {
  const lines = referenceLines(text);
  offset = Math.max(0, Math.min(offset, text.length));
  let line = 0;
  while (line + 1 < lines.length && lines[line + 1].start <= offset) line++;
  return { line, character: Math.min(offset, lines[line].end) - lines[line].start };
}
