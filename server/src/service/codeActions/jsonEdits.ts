// Edits that add, remove and rewrite JSON properties and array items the way the author laid them out (one per line or inline).
import type { JsonArray, JsonObject, JsonProperty, JsonValue } from '../parser/json';
import type { AvroDocument, Field, Span } from '../model/types';
import type { CodeActionRequest, TextEdit } from './types';

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Offset of the start of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

/** Whether only spaces and tabs precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (isLineBreak(c)) return true;
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** The spaces and tabs that start the line holding `offset`. */
export function indentationAt(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  return text.slice(start, end);
}

/** A multi-line text moved from a line indented by `from` to one indented by `to`: its later lines follow. */
export function reindent(text: string, from: string, to: string): string {
  if (from === to) return text;
  return text.replace(/(\r\n|\r|\n)([ \t]*)/g, (_m, eol: string, indent: string) => eol + (indent.startsWith(from) ? to + indent.slice(from.length) : indent));
}

/** Past spaces and tabs from `offset`. */
function skipSpaces(text: string, offset: number): number {
  while (offset < text.length && (text.charCodeAt(offset) === 32 || text.charCodeAt(offset) === 9)) offset++;
  return offset;
}

/** Past whitespace (line breaks included) from `offset`. */
function skipWhitespace(text: string, offset: number): number {
  while (offset < text.length) {
    const c = text.charCodeAt(offset);
    if (c !== 32 && c !== 9 && !isLineBreak(c)) break;
    offset++;
  }
  return offset;
}

/** Past a line break at `offset` (CRLF, LF or CR), if there is one. */
function skipLineBreak(text: string, offset: number): number {
  if (text.charCodeAt(offset) === 13 && text.charCodeAt(offset + 1) === 10) return offset + 2;
  if (isLineBreak(text.charCodeAt(offset))) return offset + 1;
  return offset;
}

/** Past a comment on the rest of the line (after spaces), if there is one. */
function skipTrailingComment(text: string, offset: number): number {
  const at = skipSpaces(text, offset);
  if (text.startsWith('//', at)) {
    let i = at;
    while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
    return i;
  }
  if (text.startsWith('/*', at)) {
    const close = text.indexOf('*/', at + 2);
    if (close >= 0 && !/[\r\n]/.test(text.slice(at, close))) return close + 2;
  }
  return offset;
}

export function end(node: Span): number {
  return node.offset + node.length;
}

/**
 * Remove some properties of an object with their commas, whole lines when they stand on lines of
 * their own. `remove` holds indices into `obj.properties`.
 */
export function removeProperties(text: string, obj: JsonObject, remove: ReadonlySet<number>): TextEdit[] {
  return removeMembers(text, obj.properties, remove);
}

/** Remove some items of an array with their commas (as removeProperties). */
export function removeItems(text: string, array: JsonArray, remove: ReadonlySet<number>): TextEdit[] {
  return removeMembers(text, array.items, remove);
}

/** Remove some members (properties or items, in order) of an object or array, with their commas. */
function removeMembers(text: string, members: ReadonlyArray<Span>, remove: ReadonlySet<number>): TextEdit[] {
  const edits: TextEdit[] = [];
  let i = 0;
  while (i < members.length) {
    if (!remove.has(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < members.length && remove.has(j + 1)) j++;
    let from: number;
    let to: number;
    if (j + 1 < members.length) {
      // A member follows: take the run and the comma after it, up to the next member (or its line).
      const next = members[j + 1];
      from = startsLine(text, members[i].offset) ? lineStart(text, members[i].offset) : members[i].offset;
      if (startsLine(text, next.offset) && startsLine(text, members[i].offset)) {
        let k = skipWhitespace(text, end(members[j]));
        if (text.charCodeAt(k) === 44 /* , */) k++;
        k = skipTrailingComment(text, k);
        k = skipSpaces(text, k);
        to = skipLineBreak(text, k);
      } else {
        to = next.offset;
      }
    } else if (i > 0) {
      // The last ones: from the end of the member before, so its comma goes too.
      from = end(members[i - 1]);
      to = skipTrailingComment(text, end(members[j]));
    } else {
      from = members[i].offset;
      to = end(members[j]);
    }
    edits.push({ offset: from, length: to - from, newText: '' });
    i = j + 1;
  }
  return edits;
}

/** Insert `"key": value` text after the property `after` (or as the first property), matching the object's layout. */
export function insertPropertyAfter(text: string, obj: JsonObject, after: JsonProperty | undefined, propertyText: string, request: CodeActionRequest): TextEdit {
  const eol = request.formatting.eol;
  if (!after) {
    const first = obj.properties[0];
    if (!first) return { offset: obj.offset + 1, length: 0, newText: propertyText };
    if (startsLine(text, first.offset)) return { offset: lineStart(text, first.offset), length: 0, newText: indentationAt(text, first.offset) + propertyText + ',' + eol };
    return { offset: first.offset, length: 0, newText: propertyText + ', ' };
  }
  const ownLine = startsLine(text, after.offset);
  const separator = ownLine ? ',' + eol + indentationAt(text, after.offset) : ', ';
  return { offset: end(after), length: 0, newText: separator + propertyText };
}

/** Append an item to an array, matching its layout. */
export function appendArrayItem(text: string, array: JsonArray, itemText: string, request: CodeActionRequest): TextEdit {
  const items = array.items;
  if (items.length === 0) return { offset: array.offset + 1, length: 0, newText: itemText };
  const last = items[items.length - 1];
  const ownLine = startsLine(text, last.offset);
  return { offset: end(last), length: 0, newText: ownLine ? ',' + request.formatting.eol + indentationAt(text, last.offset) + itemText : ', ' + itemText };
}

/** Insert an item before the first one of a non-empty array, matching its layout. */
export function prependArrayItem(text: string, array: JsonArray, itemText: string, request: CodeActionRequest): TextEdit {
  const first = array.items[0];
  if (!first) return { offset: array.offset + 1, length: 0, newText: itemText };
  if (startsLine(text, first.offset)) return { offset: first.offset, length: 0, newText: itemText + ',' + request.formatting.eol + indentationAt(text, first.offset) };
  return { offset: first.offset, length: 0, newText: itemText + ', ' };
}

/** Replace a node's text. */
export function replaceNode(node: Span, newText: string): TextEdit {
  return { offset: node.offset, length: node.length, newText };
}

/** The text of a node as written. */
export function textOf(text: string, node: Span): string {
  return text.slice(node.offset, node.offset + node.length);
}

/** The field whose object is this node. */
export function fieldOfNode(doc: AvroDocument, node: Span): Field | undefined {
  for (const f of doc.fields) if (f.node.offset === node.offset && f.node.length === node.length) return f;
  return undefined;
}

/** The innermost field whose object contains the span [offset, offset + length]. */
export function fieldAt(doc: AvroDocument, offset: number, length = 0): Field | undefined {
  let best: Field | undefined;
  for (const f of doc.fields) {
    if (f.node.offset <= offset && offset + length <= end(f.node) && (!best || f.node.offset >= best.node.offset)) best = f;
  }
  return best;
}

/** The innermost JSON value containing [offset, offset + length) whose kind is `kind` (walks the tree from the root). */
export function nodeAt<K extends JsonValue['kind']>(root: JsonValue | undefined, offset: number, length: number, kind: K): Extract<JsonValue, { kind: K }> | undefined {
  let found: JsonValue | undefined;
  let node: JsonValue | undefined = root;
  while (node) {
    if (node.offset > offset || end(node) < offset + length) break;
    if (node.kind === kind) found = node;
    let child: JsonValue | undefined;
    if (node.kind === 'object') {
      for (const p of node.properties) if (p.value && p.value.offset <= offset && end(p.value) >= offset + length) child = p.value;
    } else if (node.kind === 'array') {
      for (const item of node.items) if (item.offset <= offset && end(item) >= offset + length) child = item;
    }
    node = child;
  }
  return found as Extract<JsonValue, { kind: K }> | undefined;
}

/** The node exactly at a span (same offset and length), of any kind. */
export function nodeExactly(root: JsonValue | undefined, span: Span): JsonValue | undefined {
  let node: JsonValue | undefined = root;
  while (node) {
    if (node.offset === span.offset && node.length === span.length) return node;
    if (node.offset > span.offset || end(node) < end(span)) return undefined;
    let child: JsonValue | undefined;
    if (node.kind === 'object') {
      for (const p of node.properties) if (p.value && p.value.offset <= span.offset && end(p.value) >= end(span)) child = p.value;
    } else if (node.kind === 'array') {
      for (const item of node.items) if (item.offset <= span.offset && end(item) >= end(span)) child = item;
    }
    node = child;
  }
  return undefined;
}

/** The property of an object that contains an offset. */
export function propertyContaining(obj: JsonObject, offset: number): JsonProperty | undefined {
  for (const p of obj.properties) if (p.offset <= offset && offset <= end(p)) return p;
  return undefined;
}

/** A new one-line JSON object text of these properties (values already JSON text). */
export function inlineObject(entries: ReadonlyArray<[string, string]>): string {
  return '{' + entries.map(([k, v]) => `${JSON.stringify(k)}: ${v}`).join(', ') + '}';
}
