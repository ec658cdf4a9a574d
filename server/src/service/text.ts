// Offsets <-> line/character positions. The one place positions are computed (UTF-16 code units, as LSP's default).

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

  constructor(private readonly text: string, lineStarts?: number[]) {
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

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
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

  offsetAt(position: Position): number {
    if (position.line >= this.lineStarts.length) return this.text.length;
    if (position.line < 0) return 0;
    const start = this.lineStarts[position.line];
    const next = position.line + 1 < this.lineStarts.length ? this.lineStarts[position.line + 1] : this.text.length;
    return Math.max(start, Math.min(start + position.character, next));
  }

  rangeOf(offset: number, length: number): Range {
    return { start: this.positionAt(offset), end: this.positionAt(offset + length) };
  }

  /** The text of a line without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line] ?? this.text.length;
    let end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === 10 || this.text.charCodeAt(end - 1) === 13)) end--;
    return this.text.slice(start, end);
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
