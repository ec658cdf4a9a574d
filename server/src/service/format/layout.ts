// The formatter's layout: the whitespace wanted between every two tokens, from the structure of the JSON and the user's line breaks.
//
// Only whitespace between tokens ever changes, so the tokens (and comments) of a formatted text are
// exactly those of the original. The rules:
// - An object or array is either expanded (one member per line, indented) or collapsed on one line
//   (`{"name": "id", "type": "string"}`, `["null", "string"]`: no spaces inside the brackets, as the
//   Avro specification writes them). It is expanded when the source has a line break right after
//   its opening bracket, when it holds a line comment or a multi-line block comment, or when one
//   of its members is expanded. One that holds a record (a record, its fields, a field whose type
//   is a record...) is also expanded when it does not fit in the print width on one line: a
//   minified schema is opened up, while a long one-line field, a common house style, is kept.
//   So the author's choice is kept, and formatting twice changes nothing.
// - One blank line between members is kept (authors group fields); more are reduced to one.
// - Comments stay where they are: a comment after a value stays on that line, a comment on its own
//   line stays on its own line, re-indented (with the " * " lines of a doc-style block comment).
// - Documents that cannot be re-spaced safely (an unterminated string or comment) are left alone.
import {
  BLOCK_COMMENT,
  CLOSE_BRACE,
  CLOSE_BRACKET,
  COLON,
  COMMA,
  LINE_COMMENT,
  OPEN_BRACE,
  OPEN_BRACKET,
  type TokenList,
} from './tokens';

export interface LayoutOptions {
  /** One level of indentation ('  ', '    ' or '\t'). */
  indentUnit: string;
  /** Columns a tab stands for (to measure lines indented with tabs). */
  tabSize: number;
  eol: string;
  /** A collapsed object or array holding a record and longer than this (from its line's start) is expanded. */
  printWidth: number;
  /** Offsets of the objects and arrays that may be expanded for width: records and their `fields` arrays. */
  breakable?: ReadonlySet<number>;
  /** End the document with exactly one line break (true), none (false), or keep whether it had one (undefined). */
  finalNewline?: boolean;
}

/** A range of tokens [first, last] whose inner gaps are formatted (range formatting). */
interface TokenRange {
  first: number;
  last: number;
}

/** A replacement of the whitespace between two tokens. */
export interface GapEdit {
  offset: number;
  length: number;
  newText: string;
}

const enum Flag {
  Forced = 1,
  Unclosed = 2,
  NewlineAfterOpen = 4,
  Breakable = 8,
}

function isOpen(k: number): boolean {
  return k === OPEN_BRACE || k === OPEN_BRACKET;
}

function isClose(k: number): boolean {
  return k === CLOSE_BRACE || k === CLOSE_BRACKET;
}

function newlines(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) n++;
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) n++;
  }
  return n;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return true;
  }
  return false;
}

/** The structure the layout needs, from one pass over the tokens. */
interface Structure {
  /** Per token: the number of containers around it (a bracket counts for its contents, not for itself). */
  depth: Int32Array;
  /** Per token: the container an opening or closing bracket belongs to, -1 otherwise. */
  container: Int32Array;
  /** Per token: the innermost container the token is in (-1: top level). */
  enclosing: Int32Array;
  /** Per container: index of its opening and closing token (-1 when unclosed), flags, width when collapsed. */
  open: Int32Array;
  close: Int32Array;
  flags: Uint8Array;
  flatWidth: Float64Array;
}

/** The width a gap has when its container is collapsed. */
function flatGap(prevKind: number, kind: number): number {
  if (isOpen(prevKind) || isClose(kind) || kind === COMMA || kind === COLON) return 0;
  return 1;
}

function analyse(text: string, tokens: TokenList, breakable?: ReadonlySet<number>): Structure {
  const n = tokens.count;
  const { kind, start, end } = tokens;
  const depth = new Int32Array(n);
  const container = new Int32Array(n).fill(-1);
  const enclosing = new Int32Array(n).fill(-1);
  let openers = 0;
  for (let i = 0; i < n; i++) if (isOpen(kind[i])) openers++;
  const open = new Int32Array(openers);
  const close = new Int32Array(openers).fill(-1);
  const flags = new Uint8Array(openers);
  const flatWidth = new Float64Array(openers);
  const flatStart = new Float64Array(openers);
  const stack: number[] = [];
  let next = 0;
  let running = 0;
  for (let i = 0; i < n; i++) {
    const k = kind[i];
    const top = stack.length ? stack[stack.length - 1] : -1;
    if (i > 0) running += flatGap(kind[i - 1], k);
    if (isClose(k)) {
      // Match the nearest opener of the same kind; containers left open in between are unclosed.
      const want = k === CLOSE_BRACE ? OPEN_BRACE : OPEN_BRACKET;
      let j = stack.length - 1;
      while (j >= 0 && kind[open[stack[j]]] !== want) j--;
      if (j >= 0) {
        while (stack.length - 1 > j) {
          const c = stack.pop()!;
          flags[c] |= Flag.Unclosed | Flag.Forced;
          flags[stack[stack.length - 1]] |= Flag.Forced;
        }
        const c = stack.pop()!;
        depth[i] = stack.length;
        container[i] = c;
        enclosing[i] = c;
        close[c] = i;
        running += end[i] - start[i];
        flatWidth[c] = running - flatStart[c];
        if (stack.length) flags[stack[stack.length - 1]] |= flags[c] & (Flag.Forced | Flag.Breakable);
        continue;
      }
      // A stray closer: laid out like a value.
    }
    depth[i] = stack.length;
    enclosing[i] = top;
    if (top >= 0) {
      // What forces the enclosing container to be expanded.
      if (k === LINE_COMMENT) flags[top] |= Flag.Forced;
      else if (k === BLOCK_COMMENT && (hasNewline(text, start[i], end[i]) || hasNewline(text, end[i - 1], start[i]) || (i + 1 < n && hasNewline(text, end[i], start[i + 1])))) flags[top] |= Flag.Forced;
      else if (i > 0 && !isStandardGap(kind[i - 1], k) && hasNewline(text, end[i - 1], start[i])) flags[top] |= Flag.Forced;
    }
    if (isOpen(k)) {
      const c = next++;
      open[c] = i;
      container[i] = c;
      flatStart[c] = running;
      if (breakable?.has(start[i])) flags[c] |= Flag.Breakable;
      if (i + 1 < n && !isClose(kind[i + 1]) && hasNewline(text, end[i], start[i + 1])) flags[c] |= Flag.NewlineAfterOpen | Flag.Forced;
      stack.push(c);
    }
    running += end[i] - start[i];
  }
  while (stack.length) {
    const c = stack.pop()!;
    flags[c] |= Flag.Unclosed | Flag.Forced;
    if (stack.length) flags[stack[stack.length - 1]] |= Flag.Forced;
  }
  return { depth, container, enclosing, open, close, flags, flatWidth };
}

/** Gaps whose layout the rules define (between well-formed JSON tokens); others keep a line break they have. */
function isStandardGap(prevKind: number, kind: number): boolean {
  return isOpen(prevKind) || isClose(kind) || prevKind === COMMA || kind === COMMA || prevKind === COLON || kind === COLON
    || prevKind === LINE_COMMENT || prevKind === BLOCK_COMMENT || kind === LINE_COMMENT || kind === BLOCK_COMMENT;
}

/**
 * A block comment whose every line after the first starts with '*' (a doc comment), with those
 * lines indented by `prefix`; undefined for other comments, which are left as written.
 */
function reindentComment(comment: string, prefix: string): string | undefined {
  const lines = comment.split(/(\r\n|\r|\n)/);
  if (lines.length === 1) return undefined;
  for (let j = 2; j < lines.length; j += 2) if (!/^[ \t]*\*/.test(lines[j])) return undefined;
  for (let j = 2; j < lines.length; j += 2) lines[j] = prefix + lines[j].replace(/^[ \t]*/, '');
  return lines.join('');
}

/** Visible width of a run of text (tabs count tabSize columns). */
function widthOf(text: string, from: number, to: number, tabSize: number): number {
  let w = 0;
  for (let i = from; i < to; i++) w += text.charCodeAt(i) === 9 ? tabSize : 1;
  return w;
}

/**
 * The smallest run of complete JSON values around a selection (offsets): the members of the
 * innermost object or array that the selection touches, from the first one's first token to the
 * last one's last token. Undefined when the selection touches no token.
 */
export function expandSelection(text: string, tokens: TokenList, selection: { start: number; end: number }): { start: number; end: number } | undefined {
  const r = tokenRange(analyse(text, tokens), tokens, selection);
  return r && { start: tokens.start[r.first], end: tokens.end[r.last] };
}

function tokenRange(s: Structure, tokens: TokenList, selection: { start: number; end: number }): TokenRange | undefined {
  const n = tokens.count;
  const { kind, start, end } = tokens;
  const empty = selection.end <= selection.start;
  let a = 0;
  while (a < n && (empty ? end[a] < selection.start : end[a] <= selection.start)) a++;
  let b = n - 1;
  while (b >= 0 && (empty ? start[b] > selection.end : start[b] >= selection.end)) b--;
  if (a >= n || b < 0 || a > b) return undefined;
  const parentOf = (c: number): number => s.enclosing[s.open[c]];
  // The container a token is a member of (a closing bracket belongs to its container's parent).
  const memberOf = (t: number): number => (isClose(kind[t]) && s.container[t] >= 0 ? parentOf(s.container[t]) : s.enclosing[t]);
  const chain = new Set<number>();
  for (let c = memberOf(a); c >= 0; c = parentOf(c)) chain.add(c);
  let common = memberOf(b);
  while (common >= 0 && !chain.has(common)) common = parentOf(common);
  if (common < 0) return { first: 0, last: n - 1 };
  // Out to the separators of `common` on both sides.
  const openTok = s.open[common];
  const closeTok = s.close[common] >= 0 ? s.close[common] : n;
  let first = a;
  while (first - 1 > openTok && !(kind[first - 1] === COMMA && s.enclosing[first - 1] === common)) first--;
  // A token of `common` itself (its bracket) was selected: the member is the container's parent's.
  while (first <= openTok) first = openTok + 1;
  let last = b;
  while (last + 1 < closeTok && !(kind[last + 1] === COMMA && s.enclosing[last + 1] === common)) last++;
  if (last >= closeTok) last = closeTok - 1;
  if (first > last) return undefined;
  return { first, last };
}

/**
 * The whitespace edits that lay out `text` (whose tokens are `tokens`). With a `selection`, only the
 * gaps inside the complete values around it change (see expandSelection), indented relative to
 * the line they start on.
 */
export function layout(text: string, tokens: TokenList, options: LayoutOptions, selection?: { start: number; end: number }): GapEdit[] {
  const n = tokens.count;
  const { kind, start, end } = tokens;
  const s = analyse(text, tokens, options.breakable);
  const { indentUnit, eol, tabSize } = options;
  const edits: GapEdit[] = [];
  let range: TokenRange | undefined;
  if (selection) {
    range = tokenRange(s, tokens, selection);
    if (!range) return [];
  }

  // Indentation: by depth for the whole document; for a range, relative to the line it starts on.
  let baseIndent = '';
  let baseDepth = 0;
  if (range) {
    let lineStart = start[range.first];
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
    let firstOnLine = range.first;
    while (firstOnLine > 0 && start[firstOnLine - 1] >= lineStart) firstOnLine--;
    let indentEnd = lineStart;
    while (indentEnd < text.length && (text.charCodeAt(indentEnd) === 32 || text.charCodeAt(indentEnd) === 9)) indentEnd++;
    baseIndent = text.slice(lineStart, indentEnd);
    baseDepth = s.depth[firstOnLine];
  }
  const indentCache: string[] = [];
  const indent = (d: number): string => {
    let r = indentCache[d];
    if (r === undefined) {
      r = d >= baseDepth ? baseIndent + indentUnit.repeat(d - baseDepth) : indentUnit.repeat(d);
      indentCache[d] = r;
    }
    return r;
  };

  const expanded = new Uint8Array(s.open.length);
  const inRange = (c: number): boolean => !range || (s.open[c] >= range.first && s.close[c] >= 0 && s.close[c] <= range.last);

  // The column the output is at: after each token, measured on the new text where gaps are
  // re-spaced, on the original text elsewhere.
  let column = 0;
  const advance = (gap: string | undefined, gapStart: number, gapEnd: number): void => {
    if (gap === undefined) {
      let lastBreak = -1;
      for (let i = gapEnd - 1; i >= gapStart; i--) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) {
          lastBreak = i;
          break;
        }
      }
      column = lastBreak >= 0 ? widthOf(text, lastBreak + 1, gapEnd, tabSize) : column + widthOf(text, gapStart, gapEnd, tabSize);
    } else {
      const lastBreak = gap.lastIndexOf('\n');
      column = lastBreak >= 0 ? widthOf(gap, lastBreak + 1, gap.length, tabSize) : column + widthOf(gap, 0, gap.length, tabSize);
    }
  };
  const advanceToken = (i: number): void => {
    const k = kind[i];
    if (k === BLOCK_COMMENT) {
      advance(undefined, start[i], end[i]);
    } else {
      column += end[i] - start[i];
    }
  };

  const lineBreaks = (count: number, blank: boolean): string => (blank && count >= 2 ? eol + eol : eol);

  /** The whitespace wanted before token i (i === n: the end of the document). */
  const gapBefore = (i: number): string => {
    const gapStart = i === 0 ? 0 : end[i - 1];
    const gapEnd = i === n ? text.length : start[i];
    const breaks = newlines(text, gapStart, gapEnd);
    if (i === 0) return '';
    if (i === n) {
      if (options.finalNewline === true) return eol;
      if (options.finalNewline === false) return '';
      return breaks > 0 ? eol : '';
    }
    const prev = kind[i - 1];
    const k = kind[i];
    const d = s.depth[i];
    const c = s.enclosing[i];
    const cExpanded = c < 0 ? true : expanded[c] === 1;
    // Members of an expanded container may be separated by one blank line; not at its start or end.
    const blankAllowed = !isOpen(prev) && !(isClose(k) && s.container[i] >= 0);
    if (prev === LINE_COMMENT) return lineBreaks(breaks, blankAllowed) + indent(d);
    if (k === LINE_COMMENT) return breaks === 0 ? ' ' : lineBreaks(breaks, blankAllowed) + indent(d);
    if (k === BLOCK_COMMENT) {
      if (breaks > 0) return lineBreaks(breaks, blankAllowed) + indent(d);
      return isOpen(prev) && !cExpanded ? '' : ' ';
    }
    if (prev === BLOCK_COMMENT) {
      if (breaks > 0) return lineBreaks(breaks, blankAllowed) + indent(d);
      if (k === COMMA || k === COLON) return '';
      if (isClose(k) && s.container[i] >= 0 && !cExpanded) return '';
      return ' ';
    }
    if (k === COMMA || k === COLON) return '';
    if (isClose(k) && s.container[i] >= 0) {
      if (isOpen(prev) && s.container[i - 1] === s.container[i]) return '';
      return cExpanded ? eol + indent(d) : '';
    }
    if (isOpen(prev) && s.container[i - 1] === c) return cExpanded ? eol + indent(d) : '';
    if (prev === COMMA) {
      if (c < 0) return breaks > 0 ? lineBreaks(breaks, true) + indent(d) : ' ';
      return cExpanded ? lineBreaks(breaks, true) + indent(d) : ' ';
    }
    if (prev === COLON) return ' ';
    // Between two values without a separator (a half-typed document) or at the top level: keep a line break.
    return breaks > 0 ? lineBreaks(breaks, true) + indent(d) : ' ';
  };

  const firstGap = range ? range.first + 1 : 0;
  const lastGap = range ? range.last : n;
  if (range) {
    // The column of the range's first token, on the original text.
    let lineStart = start[range.first];
    while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10 && text.charCodeAt(lineStart - 1) !== 13) lineStart--;
    column = widthOf(text, lineStart, start[range.first], tabSize);
    // Containers around the range keep the layout they have.
    for (let c = 0; c < s.open.length; c++) {
      if (!inRange(c)) expanded[c] = s.flags[c] & (Flag.NewlineAfterOpen | Flag.Forced) ? 1 : 0;
    }
  }
  for (let i = range ? range.first : 0; i <= lastGap; i++) {
    let startsLine = false;
    if (i >= firstGap) {
      const gapStart = i === 0 ? 0 : end[i - 1];
      const gapEnd = i === n ? text.length : start[i];
      const wanted = gapBefore(i);
      if (wanted.length !== gapEnd - gapStart || text.slice(gapStart, gapEnd) !== wanted) {
        edits.push({ offset: gapStart, length: gapEnd - gapStart, newText: wanted });
      }
      advance(wanted, 0, 0);
      startsLine = wanted.indexOf('\n') >= 0;
    }
    if (i === n) break;
    const k = kind[i];
    if (k === BLOCK_COMMENT && startsLine) {
      // A /** ... */ comment moved to another indentation takes its " * " lines along.
      const comment = text.slice(start[i], end[i]);
      const reindented = reindentComment(comment, indent(s.depth[i]) + ' ');
      if (reindented !== undefined) {
        if (reindented !== comment) edits.push({ offset: start[i], length: end[i] - start[i], newText: reindented });
        advance(reindented, 0, 0);
        continue;
      }
    }
    if (isOpen(k)) {
      const c = s.container[i];
      if (inRange(c)) {
        const parent = s.enclosing[i];
        if (s.flags[c] & Flag.Forced) {
          expanded[c] = 1;
        } else if ((parent >= 0 && !expanded[parent]) || !(s.flags[c] & Flag.Breakable)) {
          expanded[c] = 0;
        } else {
          const trailing = s.close[c] + 1 < n && kind[s.close[c] + 1] === COMMA ? 1 : 0;
          expanded[c] = column + s.flatWidth[c] + trailing > options.printWidth ? 1 : 0;
        }
      }
    }
    advanceToken(i);
  }
  return edits;
}
