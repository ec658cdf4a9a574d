// Ranges inside JSON string literals and short renderings of JSON values, for precise diagnostics.
import type { JsonString, JsonValue } from '../parser/json';
import type { Span } from '../model/types';

/** The text between the quotes of a string literal (the whole literal when the content is empty). */
export function stringContent(node: JsonString, text: string): Span {
  if (node.length < 2) return { offset: node.offset, length: node.length };
  const closed = text.charCodeAt(node.offset + node.length - 1) === 34 /* " */;
  const length = node.length - (closed ? 2 : 1);
  if (length <= 0) return { offset: node.offset, length: node.length };
  return { offset: node.offset + 1, length };
}

/**
 * The span of characters [start, end) of a string's value in the document. Exact when the literal
 * has no escapes (the usual case for names); otherwise the whole content.
 */
export function stringPart(node: JsonString, text: string, start: number, end: number): Span {
  const content = stringContent(node, text);
  if (content.length !== node.value.length || start >= end) return content;
  return { offset: content.offset + start, length: end - start };
}

/** The literal text of a node as written in the document. */
export function rawText(node: { offset: number; length: number }, text: string): string {
  return text.substr(node.offset, node.length);
}

/** A node's text for a message: as written, on one line, clipped to `max` characters. */
export function shortText(node: JsonValue, text: string, max = 40): string {
  let s = rawText(node, text).replace(/\s*[\r\n]\s*/g, ' ');
  if (s.length > max) {
    const tail = node.kind === 'object' ? ' ...}' : node.kind === 'array' ? ' ...]' : node.kind === 'string' ? '..."' : '...';
    s = s.slice(0, max - tail.length) + tail;
  }
  return s;
}

/** "1st", "2nd", "3rd", "4th", ... for messages about union branches and array items. */
export function ordinal(n: number): string {
  const mod100 = n % 100;
  if (mod100 >= 11 && mod100 <= 13) return `${n}th`;
  switch (n % 10) {
    case 1: return `${n}st`;
    case 2: return `${n}nd`;
    case 3: return `${n}rd`;
    default: return `${n}th`;
  }
}

/** The offset and length of a node, as a plain span (for diagnostic data and related locations). */
export function spanOf(node: { offset: number; length: number }): Span {
  return { offset: node.offset, length: node.length };
}
