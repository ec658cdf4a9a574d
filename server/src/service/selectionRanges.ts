// Selection ranges (expand selection): name segment -> string contents -> string -> property -> property with its comma -> object contents -> object -> ...
import { pathAtOffset, type JsonParseResult } from './parser/json';
import type { Span } from './model/types';

/**
 * The spans to select at `offset`, smallest first, each containing the previous one:
 * - in a dotted name ("com.acme.Money"), the segment under the cursor;
 * - a string's contents, then the string with its quotes;
 * - a property (`"key": value`), then the property with the comma after it;
 * - an array item with the comma after it;
 * - an object's or array's contents (inside the brackets), then the whole object or array;
 * and so on up to the document's root. Empty when the offset is outside the root value.
 */
export function selectionRanges(json: JsonParseResult, text: string, offset: number): Span[] {
  const path = pathAtOffset(json.root, offset);
  const out: Span[] = [];
  const add = (start: number, end: number): void => {
    if (end < start) return;
    const last = out[out.length - 1];
    if (last && last.offset === start && last.length === end - start) return;
    if (last && (start > last.offset || end < last.offset + last.length)) return; // must contain the previous one
    out.push({ offset: start, length: end - start });
  };
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i];
    const end = node.offset + node.length;
    switch (node.kind) {
      case 'string': {
        const closed = node.length >= 2 && text.charCodeAt(end - 1) === 34;
        const cStart = node.offset + 1;
        const cEnd = closed ? end - 1 : end;
        if (offset >= cStart && offset <= cEnd) {
          // A segment of a dotted name (only when the literal has no escapes, so offsets map 1:1).
          if (cEnd - cStart === node.value.length && node.value.includes('.')) {
            const rel = offset - cStart;
            const segStart = node.value.lastIndexOf('.', rel - 1) + 1;
            const dot = node.value.indexOf('.', rel);
            const segEnd = dot < 0 ? node.value.length : dot;
            if (segEnd > segStart) add(cStart + segStart, cStart + segEnd);
          }
          if (cEnd > cStart) add(cStart, cEnd);
        }
        add(node.offset, end);
        break;
      }
      case 'object':
      case 'array': {
        const cStart = node.offset + 1;
        const cEnd = node.closed ? end - 1 : end;
        if (cEnd > cStart && offset >= cStart && offset <= cEnd) {
          // The contents without the whitespace around them, unless the cursor is in that whitespace.
          const s = trimStart(text, cStart, cEnd);
          const e = trimEnd(text, cStart, cEnd);
          if (e > s && offset >= s && offset <= e) add(s, e);
          else add(cStart, cEnd);
        }
        add(node.offset, end);
        break;
      }
      default:
        add(node.offset, end);
        break;
    }
    const parent = path[i - 1];
    if (node.kind === 'property' || parent?.kind === 'array') {
      const comma = commaAfter(text, end);
      if (comma >= 0) add(node.offset, comma + 1);
    }
  }
  return out;
}

/** The offset of a comma following `offset` after whitespace only, or -1. */
function commaAfter(text: string, offset: number): number {
  let i = offset;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 44) return i;
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return -1;
    i++;
  }
  return -1;
}

function trimStart(text: string, start: number, end: number): number {
  while (start < end && /\s/.test(text[start])) start++;
  return start;
}

function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}
