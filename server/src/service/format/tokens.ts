// The tokens of a JSON-with-comments text for the formatter: kinds and offsets in flat arrays, whitespace left in the gaps.
import { createScanner, ScanError, SyntaxKind } from 'jsonc-parser';

export const OPEN_BRACE = 1;
export const CLOSE_BRACE = 2;
export const OPEN_BRACKET = 3;
export const CLOSE_BRACKET = 4;
export const COMMA = 5;
export const COLON = 6;
/** A string, number, true, false or null. */
export const VALUE = 7;
export const LINE_COMMENT = 8;
export const BLOCK_COMMENT = 9;

export interface TokenList {
  count: number;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
  /**
   * Why the text cannot be re-spaced safely, if it cannot: an unterminated string or comment, or
   * a character JSON does not allow. Changing the whitespace next to such a token could change
   * what the tokens are (a string that runs to the end of its line would swallow the next one).
   */
  problem?: string;
}

/**
 * Every token of `text` except whitespace. Never throws; a text the formatter must not touch comes
 * back with `problem` set.
 */
export function tokenize(text: string): TokenList {
  let capacity = Math.max(16, text.length >> 2);
  let kind = new Uint8Array(capacity);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let count = 0;
  let problem: string | undefined;
  const scanner = createScanner(text, false);
  const length = text.length;
  const push = (k: number, s: number, e: number): void => {
    if (count === capacity) {
      capacity *= 2;
      const k2 = new Uint8Array(capacity);
      k2.set(kind);
      kind = k2;
      const s2 = new Int32Array(capacity);
      s2.set(start);
      start = s2;
      const e2 = new Int32Array(capacity);
      e2.set(end);
      end = e2;
    }
    kind[count] = k;
    start[count] = s;
    end[count] = e;
    count++;
  };
  let p = 0;
  while (p < length) {
    const c = text.charCodeAt(p);
    switch (c) {
      case 32: case 9: case 10: case 13:
        p++;
        continue;
      case 123: push(OPEN_BRACE, p, ++p); continue;
      case 125: push(CLOSE_BRACE, p, ++p); continue;
      case 91: push(OPEN_BRACKET, p, ++p); continue;
      case 93: push(CLOSE_BRACKET, p, ++p); continue;
      case 44: push(COMMA, p, ++p); continue;
      case 58: push(COLON, p, ++p); continue;
    }
    scanner.setPosition(p);
    const t = scanner.scan();
    const len = Math.max(1, scanner.getTokenLength());
    const error = scanner.getTokenError();
    switch (t) {
      case SyntaxKind.StringLiteral:
      case SyntaxKind.NumericLiteral:
      case SyntaxKind.TrueKeyword:
      case SyntaxKind.FalseKeyword:
      case SyntaxKind.NullKeyword:
        push(VALUE, p, p + len);
        if (error !== ScanError.None && problem === undefined) {
          problem = error === ScanError.UnexpectedEndOfString ? 'an unterminated string' : 'an invalid string or number';
        }
        break;
      case SyntaxKind.LineCommentTrivia:
        push(LINE_COMMENT, p, p + len);
        break;
      case SyntaxKind.BlockCommentTrivia:
        push(BLOCK_COMMENT, p, p + len);
        if (error !== ScanError.None && problem === undefined) problem = 'an unterminated block comment';
        break;
      default:
        // Unknown characters (a stray word, a single quote): kept as a value, but never re-spaced.
        push(VALUE, p, p + len);
        if (problem === undefined) problem = `the unexpected text '${text.substr(p, Math.min(len, 20))}'`;
    }
    p += len;
  }
  return { count, kind, start, end, problem };
}
