// Offsets <-> line/character positions. The one place positions are computed (UTF-16 code units, as LSP's default), for the service, the CLI and the server's documents.

export interface Position {
  /** Zero-based line. */
  line: number;
  /** Zero-based UTF-16 code unit offset within the line. */
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/** Line starts of a text, computed once; positionAt is a binary search. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(readonly text: string, lineStarts?: number[]) {
    this.lineStarts = lineStarts ?? lineStartsIn(text, 0, text.length, [0]);
  }

  /**
   * The index of `text`, which is the text of `previous` with [start, oldEnd) replaced by
   * [start, newEnd): the lines before the edit are kept, those after it moved, only the edited
   * region is scanned (a keystroke in a 4 MB schema does not scan 4 MB).
   */
  static edited(previous: LineIndex, text: string, change: { start: number; oldEnd: number; newEnd: number }): LineIndex {
    const old = previous.lineStarts;
    const delta = change.newEnd - change.oldEnd;
    // A line start depends on the two characters before it (a \r\n pair is one break): starts up
    // to start - 1 and from oldEnd + 2 are unchanged (the latter moved); the ones between are found again.
    const starts: number[] = [];
    let i = 0;
    for (; i < old.length && old[i] <= change.start - 1; i++) starts.push(old[i]);
    if (starts.length === 0) starts.push(0);
    lineStartsIn(text, Math.max(0, change.start - 1), Math.min(text.length, change.newEnd + 1), starts);
    // A \r\n pair at the end of the region starts a line that is already among the moved ones.
    if (starts[starts.length - 1] > change.newEnd + 1) starts.pop();
    while (i < old.length && old[i] < change.oldEnd + 2) i++;
    for (; i < old.length; i++) starts.push(old[i] + delta);
    return new LineIndex(text, starts);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /**
   * The position of an offset (clamped to the text). An offset between the \r and the \n of a line
   * break is not a position of its own: it is the end of its line (as the LSP spec and
   * vscode-languageserver-textdocument have it).
   */
  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    if (offset > 0 && this.text.charCodeAt(offset - 1) === 13 && this.text.charCodeAt(offset) === 10) offset--;
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (starts[mid] > offset) high = mid;
      else low = mid + 1;
    }
    const line = low - 1;
    return { line, character: offset - starts[line] };
  }

  /**
   * The offset of a position, clamped as the LSP spec says: a character past the end of its line is
   * the line's end (before its line break, never on the next line); a line past the last is the end
   * of the text; negative values are 0.
   */
  offsetAt(position: Position): number {
    const line = position.line;
    if (!(line >= 0)) return 0; // negative (or NaN)
    if (line >= this.lineStarts.length) return this.text.length;
    const start = this.lineStarts[Math.floor(line)];
    const character = position.character;
    if (!(character > 0)) return start;
    return Math.min(start + Math.floor(character), this.lineEnd(Math.floor(line)));
  }

  /** The offset where a line's text ends (before its line break). */
  lineEnd(line: number): number {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    // A line's break is \n, \r or \r\n: at most two characters, and the text of a line holds none.
    if (end > start && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, this.lineEnd(line));
  }
}

/** Push the start of every line that begins after a line break found in text[from, to) (a \r\n pair is one break). */
function lineStartsIn(text: string, from: number, to: number, starts: number[]): number[] {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 /* \r */) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    } else if (c === 10 /* \n */) {
      starts.push(i + 1);
    }
  }
  return starts;
}
