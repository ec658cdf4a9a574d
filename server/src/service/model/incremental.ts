// Incremental re-parse of an edited document: only the top-level field of the root record that holds the edit is read again.
//
// A 10,000-field schema is 4 MB: parsing it again on every keystroke costs more than a completion
// or a hover may take. Most edits of such a file are inside one field of the root record, so:
//   1. the edited field object is read again from the new text, in place (parseArrayItemAt), and
//      accepted only if it is again one closed object that ends exactly where the old one ended
//      (moved by the edit): then nothing before or after it can be read differently;
//   2. every node after it is moved by the edit's length (in place: the previous version's tree is
//      reused and must not be used any more), the syntax errors, comments and duplicate keys
//      inside it are replaced, those after it moved;
//   3. the model is built again for the root record, taking every other field's model objects
//      from the previous version (model/builder.ts, ReuseRoot).
// Anything else (an edit between fields or outside the fields array, a field that is not closed
// before or after the edit, a redefined fullname, a nesting-depth error) falls back to a full
// parse. The result is the same as parseAvroDocument's (test/unit/incremental-parse.test.ts
// compares them after thousands of random edits).
import { parseArrayItemAt, type JsonParseResult, type JsonProperty, type JsonValue } from '../parser/json';
import { buildAvroDocument, parseAvroDocument, rootLayoutOf } from './builder';
import type { AvroDocument } from './types';

/** One edit: [start, oldEnd) of the previous text became [start, newEnd) of the new text. */
export interface TextChange {
  start: number;
  oldEnd: number;
  newEnd: number;
}

/** How a document was produced from its previous version (for tests and measurements). */
export type ReparseKind = 'incremental' | 'full';

/**
 * The model of `text` (version `version`), the previous version's text edited by `change`. The
 * previous document must not be used afterwards: its nodes may now belong to the new document.
 */
export function reparseAvroDocument(previous: AvroDocument, text: string, version: number, change: TextChange): { doc: AvroDocument; kind: ReparseKind } {
  const doc = reparseInPlace(previous, text, version, change);
  if (doc) return { doc, kind: 'incremental' };
  return { doc: parseAvroDocument(previous.uri, text, version, previous.source), kind: 'full' };
}

/** Containers around a top-level field object: the root object and the fields array. */
const FIELD_DEPTH = 2;

function reparseInPlace(previous: AvroDocument, text: string, version: number, change: TextChange): AvroDocument | undefined {
  const layout = rootLayoutOf(previous);
  if (!layout || layout.hasRedefinition) return undefined;
  const json = previous.json;
  const root = json.root;
  const fieldsNode = layout.fieldsNode;
  if (!root || root.kind !== 'object' || !root.closed || layout.record.node !== root || !fieldsNode.closed) return undefined;
  const delta = change.newEnd - change.oldEnd;
  if (change.start > change.oldEnd || change.start > change.newEnd || text.length !== previous.text.length + delta) return undefined;
  let fieldsProperty: JsonProperty | undefined;
  for (const p of root.properties) if (p.value === fieldsNode) fieldsProperty = p;
  if (!fieldsProperty) return undefined;
  for (const e of json.errors) if (e.kind === 'too-deep') return undefined;

  // The field object holding the edit, strictly inside its braces.
  const items = fieldsNode.items;
  const k = lastStartingBefore(items, change.start);
  const item = k >= 0 ? items[k] : undefined;
  if (!item || item.kind !== 'object' || !item.closed) return undefined;
  const itemStart = item.offset;
  const itemEnd = item.offset + item.length;
  if (change.start <= itemStart || change.oldEnd >= itemEnd) return undefined;
  const newItemEnd = itemEnd + delta;
  // A syntax error in the root object or the fields array itself silences later errors in them,
  // those inside this item included (parser/json.ts): only a full parse knows what stays silent.
  if (json.silenced.includes(root.offset) || json.silenced.includes(fieldsNode.offset)) return undefined;
  // Text after the root is silenced when any error comes before it: the item may add or remove one.
  for (const e of json.errors) if (e.kind === 'end-of-file-expected') return undefined;

  const read = parseArrayItemAt(text, itemStart, newItemEnd, FIELD_DEPTH);
  const value = read.value;
  if (!read.endsAtRangeEnd || !value || value.kind !== 'object' || !value.closed || value.offset !== itemStart) return undefined;
  for (const e of read.errors) if (e.kind === 'too-deep' || e.offset <= itemStart || e.offset >= newItemEnd) return undefined;

  // What was found before, inside and after the field, in the order the parser reported it.
  const errors = splice(json.errors, e => e.offset <= itemStart, e => e.offset < itemEnd, read.errors, e => ({ ...e, offset: e.offset + delta }));
  const comments = splice(json.comments, c => c.offset < itemStart, c => c.offset < itemEnd, read.comments, c => ({ ...c, offset: c.offset + delta }));
  const duplicateKeys = splice(
    json.duplicateKeys,
    d => d.property.offset + d.property.length <= itemStart,
    d => d.property.offset > itemStart && d.property.offset < itemEnd,
    read.duplicateKeys,
    d => d,
  );
  const silenced = splice(json.silenced, o => o < itemStart, o => o < itemEnd, read.silenced, o => o + delta);
  if (!errors || !comments || !duplicateKeys || !silenced) return undefined;

  // From here on the previous tree is changed: no way back to it.
  if (delta !== 0) {
    for (let i = k + 1; i < items.length; i++) shiftValue(items[i], delta);
    const props = root.properties;
    for (let i = props.indexOf(fieldsProperty) + 1; i < props.length; i++) shiftProperty(props[i], delta);
    root.length += delta;
    fieldsProperty.length += delta;
    fieldsNode.length += delta;
  }
  items[k] = value;
  const nextJson: JsonParseResult = { root, errors, comments, duplicateKeys, silenced };
  const doc = buildAvroDocument(previous.uri, text, version, nextJson, { previous, layout, item: k, delta });
  if (doc && previous.source) doc.source = previous.source;
  return doc;
}

/** Index of the last item starting before `offset` (items are in text order), or -1. */
function lastStartingBefore(items: readonly JsonValue[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (items[mid].offset < offset) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * `list` is [before..., inside..., after...] (checked: undefined when it is not); the result is
 * before + `inside` + after moved. `isBefore` and `isInside` are tried in that order.
 */
function splice<T>(list: readonly T[], isBefore: (x: T) => boolean, isInside: (x: T) => boolean, inside: readonly T[], moved: (x: T) => T): T[] | undefined {
  const out: T[] = [];
  let group = 0;
  let insideAdded = false;
  for (const x of list) {
    const g = isBefore(x) ? 0 : isInside(x) ? 1 : 2;
    if (g < group) return undefined;
    group = g;
    if (g >= 1 && !insideAdded) {
      for (const y of inside) out.push(y);
      insideAdded = true;
    }
    if (g === 0) out.push(x);
    else if (g === 2) out.push(moved(x));
  }
  if (!insideAdded) for (const y of inside) out.push(y);
  return out;
}

function shiftValue(node: JsonValue, delta: number): void {
  node.offset += delta;
  if (node.kind === 'object') {
    const props = node.properties;
    for (let i = 0; i < props.length; i++) shiftProperty(props[i], delta);
  } else if (node.kind === 'array') {
    const items = node.items;
    for (let i = 0; i < items.length; i++) shiftValue(items[i], delta);
  }
}

function shiftProperty(p: JsonProperty, delta: number): void {
  p.offset += delta;
  p.key.offset += delta;
  if (p.colonOffset >= 0) p.colonOffset += delta;
  if (p.value) shiftValue(p.value, delta);
}
