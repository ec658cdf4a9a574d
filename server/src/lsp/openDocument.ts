// The server's copy of an open document: its text kept in step with didChange, positions converted by the service's LineIndex (clamped as the LSP spec says).
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex } from '../service/text';

/** One change as it was applied: [start, oldEnd) of the text before it became [start, newEnd). */
export interface AppliedChange {
  start: number;
  oldEnd: number;
  newEnd: number;
  /** Length of the text before this change. */
  before: number;
}

/**
 * An open document. Implements vscode-languageserver-textdocument's TextDocument interface, but
 * every position goes through one converter (service/text.ts): a position past a line's end is
 * the line's end, a line past the last is the end of the text, a range given backwards is turned
 * around. (vscode-languageserver-textdocument 1.0.16 corrupts its line index on a change whose
 * range lies past the end and inserts a line break.)
 *
 * `epoch` numbers the opens: a document closed and opened again is another epoch, even with the
 * same version, so nothing computed for the earlier one is taken for the later one.
 */
export class OpenDocument implements TextDocument {
  private lines: LineIndex | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private _version: number,
    private text: string,
    readonly epoch: number,
  ) {}

  get version(): number {
    return this._version;
  }

  get lineCount(): number {
    return this.lineIndex().lineCount;
  }

  /** The line index of the current text (computed on first use, then carried through edits). */
  lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  getText(range?: Range): string {
    if (!range) return this.text;
    const [start, end] = this.offsetsOf(range);
    return this.text.slice(start, end);
  }

  positionAt(offset: number): Position {
    return this.lineIndex().positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.lineIndex().offsetAt(position);
  }

  getLineRange(line: number): Range {
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const index = this.lineIndex();
    const l = Math.min(line, index.lineCount - 1);
    const start = index.offsetAt({ line: l, character: 0 });
    return { start: { line: l, character: 0 }, end: { line: l, character: index.lineEnd(l) - start } };
  }

  getEOLCharacters(line: number): string {
    const index = this.lineIndex();
    if (line < 0 || line >= index.lineCount) return '';
    const next = line + 1 < index.lineCount ? index.offsetAt({ line: line + 1, character: 0 }) : this.text.length;
    return this.text.slice(index.lineEnd(line), next);
  }

  /**
   * Apply the changes of one didChange, in order (each range is in the text the previous ones
   * left), and take the new version. Returns what each change replaced, in offsets.
   */
  apply(changes: readonly TextDocumentContentChangeEvent[], version: number): AppliedChange[] {
    const applied: AppliedChange[] = [];
    for (const change of changes) {
      const before = this.text.length;
      if ('range' in change && change.range) {
        const [start, end] = this.offsetsOf(change.range);
        const next = this.text.slice(0, start) + change.text + this.text.slice(end);
        const edit = { start, oldEnd: end, newEnd: start + change.text.length };
        if (this.lines) this.lines = LineIndex.edited(this.lines, next, edit);
        this.text = next;
        applied.push({ ...edit, before });
      } else {
        this.text = change.text;
        this.lines = undefined;
        applied.push({ start: 0, oldEnd: before, newEnd: change.text.length, before });
      }
    }
    this._version = version;
    return applied;
  }

  /** The offsets of a range, clamped, start first. */
  private offsetsOf(range: Range): [number, number] {
    const index = this.lineIndex();
    const a = index.offsetAt(range.start);
    const b = index.offsetAt(range.end);
    return a <= b ? [a, b] : [b, a];
  }
}
