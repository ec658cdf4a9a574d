// Text edits for the compatibility quick fixes that keep the document's layout: add a property, append to an array, reorder a union.
import type { JsonArray, JsonObject, JsonProperty } from '../parser/json';
import type { TextEdit } from './types';

/** The whitespace that starts the line holding `offset`. */
export function indentOfLine(text: string, offset: number): string {
  const start = lineStart(text, offset);
  let end = start;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  return text.slice(start, end);
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** True when only spaces and tabs precede `offset` on its line. */
export function startsLine(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text[i];
    if (c === '\n' || c === '\r') return true;
    if (c !== ' ' && c !== '\t') return false;
  }
  return true;
}

export function propertyOf(node: JsonObject, key: string): JsonProperty | undefined {
  // The last one counts (as Jackson keeps it) when a key is written twice.
  for (let i = node.properties.length - 1; i >= 0; i--) if (node.properties[i].key.value === key) return node.properties[i];
  return undefined;
}

/** End offset of a property (its value when it has one). */
function propertyEnd(p: JsonProperty): number {
  return p.value ? p.value.offset + p.value.length : p.offset + p.length;
}

/**
 * The text that adds `"key": value` right after the property `after`: on a new line with the same
 * indentation when `after` starts its own line, else inline (`, "key": value`).
 */
export function propertyText(text: string, after: JsonProperty, key: string, valueText: string, eol: string): string {
  const sep = startsLine(text, after.offset) ? `,${eol}${indentOfLine(text, after.offset)}` : ', ';
  return `${sep}${JSON.stringify(key)}: ${valueText}`;
}

/** An edit adding `"key": value` after the property `after` (see propertyText). */
export function insertPropertyAfter(text: string, after: JsonProperty, key: string, valueText: string, eol: string): TextEdit {
  return { offset: propertyEnd(after), length: 0, newText: propertyText(text, after, key, valueText, eol) };
}

/**
 * An edit adding `"key": value` to an object: after `preferred` (a property of the object) when
 * given, else as its last property. Undefined when the object is not closed (half-typed).
 */
export function addProperty(text: string, node: JsonObject, key: string, valueText: string, eol: string, preferred?: JsonProperty): TextEdit | undefined {
  const after = preferred ?? node.properties[node.properties.length - 1];
  if (after) return insertPropertyAfter(text, after, key, valueText, eol);
  if (!node.closed) return undefined;
  return { offset: node.offset + 1, length: 0, newText: `${JSON.stringify(key)}: ${valueText}` };
}

/**
 * An edit appending items (JSON texts) to an array before its closing bracket: one per line when
 * the last item starts its own line, else inline. Undefined when the array is not closed.
 */
export function appendToArray(text: string, array: JsonArray, items: readonly string[], eol: string): TextEdit | undefined {
  if (!array.closed || items.length === 0) return undefined;
  const last = array.items[array.items.length - 1];
  if (!last) return { offset: array.offset + 1, length: 0, newText: items.join(', ') };
  const sep = startsLine(text, last.offset) && lineStart(text, last.offset) !== lineStart(text, array.offset) ? `,${eol}${indentOfLine(text, last.offset)}` : ', ';
  return { offset: last.offset + last.length, length: 0, newText: items.map(i => sep + i).join('') };
}

/**
 * The text of an array with its items in a new order (`order[i]` is the old index of the new i-th
 * item); the separators and the text before the first and after the last item stay where they are.
 */
export function reorderedArrayText(text: string, array: JsonArray, order: readonly number[]): string {
  const items = array.items;
  if (items.length === 0) return text.slice(array.offset, array.offset + array.length);
  const end = array.offset + array.length;
  const head = text.slice(array.offset, items[0].offset);
  const tail = text.slice(items[items.length - 1].offset + items[items.length - 1].length, end);
  const seps: string[] = [];
  for (let i = 0; i + 1 < items.length; i++) seps.push(text.slice(items[i].offset + items[i].length, items[i + 1].offset));
  let out = head;
  order.forEach((old, i) => {
    if (i > 0) out += seps[i - 1];
    out += textOf(text, items[old]);
  });
  return out + tail;
}

export function textOf(text: string, node: { offset: number; length: number }): string {
  return text.slice(node.offset, node.offset + node.length);
}
