// Incremental re-parse of an edited document: only the top-level field of the root record that holds the edit is read again.
//
// A 10,000-field schema is 4 MB: parsing it again on every keystroke costs more than a completion
// or a hover may take. Most edits of such a file are inside one field of the root record, so:
//   1. the edited field object is read again from the new text (parseArrayItemAt), and accepted
//      only if it is again one closed object that ends exactly where the old one ended (moved by
//      the edit): then nothing before or after it can be read differently;
//   2. the new tree SHARES every node before the edited field with the previous version (same
//      offsets), and holds moved copies of the nodes after it (new objects: the previous version's
//      nodes are never changed); the root object, its "fields" property and array are new shells;
//      the syntax errors, comments and duplicate keys inside the field are replaced, those after
//      it moved (copies);
//   3. the model is built again for the root record: the fields before the edited one share the
//      previous version's model objects (each top-level Field is copied: its record is the new
//      root), the edited field and the moved ones after it are built (model/builder.ts, ReuseRoot).
// The previous document stays valid and unchanged: a caller holding it across an await (a registry
// request, a compatibility check) still reads the offsets of its own text. Anything else (an edit
// between fields or outside the fields array, a field that is not closed before or after the edit,
// a redefined fullname, a nesting-depth error) falls back to a full parse. The result is the same
// as parseAvroDocument's (test/unit/incremental-parse.test.ts compares them after thousands of
// random edits, and checks that the previous versions still equal a fresh parse of their text).
import { parseArrayItemAt, type JsonArray, type JsonObject, type JsonParseResult, type JsonProperty, type JsonValue } from '../parser/json';
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
 * previous document is not changed (the new one shares its unchanged parts) and stays usable.
 */
export function reparseAvroDocument(previous: AvroDocument, text: string, version: number, change: TextChange): { doc: AvroDocument; kind: ReparseKind } {
  const doc = reparseShared(previous, text, version, change);
  if (doc) return { doc, kind: 'incremental' };
  return { doc: parseAvroDocument(previous.uri, text, version, previous.source), kind: 'full' };
}

/** Containers around a top-level field object: the root object and the fields array. */
const FIELD_DEPTH = 2;

function reparseShared(previous: AvroDocument, text: string, version: number, change: TextChange): AvroDocument | undefined {
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

  // A syntax error in the root object or the fields array itself silences later errors in them,
  // those inside an item included (parser/json.ts): only a full parse knows what stays silent.
  if (json.silenced.includes(root.offset) || json.silenced.includes(fieldsNode.offset)) return undefined;
  // Text after the root is silenced when any error comes before it: an item may add or remove one.
  for (const e of json.errors) if (e.kind === 'end-of-file-expected') return undefined;

  const items = fieldsNode.items;
  const k = lastStartingBefore(items, change.start);
  const item = k >= 0 ? items[k] : undefined;
  // Either the edit is strictly inside the braces of field object k (it is read again), or it only
  // changes the white space between two items (Enter at the end of a field's line): nothing is read.
  let regionStart: number;
  let regionEnd: number;
  let value: JsonValue | undefined;
  let read: ReturnType<typeof parseArrayItemAt> | undefined;
  if (item && item.kind === 'object' && item.closed && change.start > item.offset && change.oldEnd < item.offset + item.length) {
    regionStart = item.offset;
    regionEnd = item.offset + item.length;
    read = parseArrayItemAt(text, regionStart, regionEnd + delta, FIELD_DEPTH);
    value = read.value;
    if (!read.endsAtRangeEnd || !value || value.kind !== 'object' || !value.closed || value.offset !== regionStart) return undefined;
    for (const e of read.errors) if (e.kind === 'too-deep' || e.offset <= regionStart || e.offset >= regionEnd + delta) return undefined;
  } else {
    regionStart = item ? item.offset + item.length : fieldsNode.offset + 1;
    regionEnd = k + 1 < items.length ? items[k + 1].offset : fieldsNode.offset + fieldsNode.length - 1;
    if (change.start < regionStart || change.oldEnd > regionEnd) return undefined;
    // One comma between two items, none before the first or after the last: the same tokens.
    const gap = item && k + 1 < items.length ? GAP_BETWEEN : GAP_AT_END;
    if (!gap.test(previous.text.slice(regionStart, regionEnd)) || !gap.test(text.slice(regionStart, regionEnd + delta))) return undefined;
    for (const e of json.errors) if (e.offset >= regionStart && e.offset < regionEnd) return undefined;
  }
  const itemStart = regionStart;
  const itemEnd = regionEnd;
  const inside = read ?? { errors: [], comments: [], duplicateKeys: [], silenced: [] };
  const firstMoved = k + 1;

  // Properties that appear in duplicate-key pairs after the field: their moved copies replace them.
  let moved: Map<JsonProperty, JsonProperty> | undefined;
  if (delta !== 0) {
    for (const d of json.duplicateKeys) {
      if (d.property.offset >= itemEnd) (moved ??= new Map()).set(d.property, d.property);
      if (d.first.offset >= itemEnd) (moved ??= new Map()).set(d.first, d.first);
    }
  }

  // What was found before, inside and after the field, in the order the parser reported it.
  const errors = splice(json.errors, e => (value ? e.offset <= itemStart : e.offset < itemStart), e => e.offset < itemEnd, inside.errors, e => (delta === 0 ? e : { ...e, offset: e.offset + delta }));
  const comments = splice(json.comments, c => c.offset < itemStart, c => c.offset < itemEnd, inside.comments, c => (delta === 0 ? c : { ...c, offset: c.offset + delta }));
  const silenced = splice(json.silenced, o => o < itemStart, o => o < itemEnd, inside.silenced, o => o + delta);
  if (!errors || !comments || !silenced) return undefined;

  // The new tree: shells for the root object, its "fields" property and array; the items before
  // the field shared, the field read again, the items and root properties after it moved copies.
  const nextItems = items.slice();
  if (value) nextItems[k] = value;
  if (delta !== 0) for (let i = firstMoved; i < items.length; i++) nextItems[i] = movedValue(items[i], delta, moved);
  const nextFieldsNode: JsonArray = { kind: 'array', offset: fieldsNode.offset, length: fieldsNode.length + delta, items: nextItems, closed: fieldsNode.closed };
  const props = root.properties;
  const nextProps = props.slice();
  const at = props.indexOf(fieldsProperty);
  nextProps[at] = { kind: 'property', offset: fieldsProperty.offset, length: fieldsProperty.length + delta, key: fieldsProperty.key, colonOffset: fieldsProperty.colonOffset, value: nextFieldsNode };
  if (delta !== 0) for (let i = at + 1; i < props.length; i++) nextProps[i] = movedProperty(props[i], delta, moved);
  const nextRoot: JsonObject = { kind: 'object', offset: root.offset, length: root.length + delta, properties: nextProps, closed: root.closed };
  // A duplicate key of the root object pairs with "fields" itself: the pair gets the new property.
  (moved ??= new Map()).set(fieldsProperty, nextProps[at]);

  const duplicateKeys = splice(
    json.duplicateKeys,
    d => d.property.offset + d.property.length <= itemStart,
    d => d.property.offset > itemStart && d.property.offset < itemEnd,
    inside.duplicateKeys,
    d => d,
  )?.map(d => (moved!.has(d.property) || moved!.has(d.first) ? { property: moved!.get(d.property) ?? d.property, first: moved!.get(d.first) ?? d.first } : d));
  if (!duplicateKeys) return undefined;

  const nextJson: JsonParseResult = { root: nextRoot, errors, comments, duplicateKeys, silenced };
  const doc = buildAvroDocument(previous.uri, text, version, nextJson, { previous, layout, sharedBefore: value ? k : k + 1, sharedAfter: delta === 0 ? firstMoved : items.length });
  if (doc && previous.source) doc.source = previous.source;
  return doc;
}

/** White space and one comma: what may stand between two items for an edit there to change nothing else. */
const GAP_BETWEEN = /^[ \t\r\n]*,[ \t\r\n]*$/;
/** White space only: before the first item, after the last. */
const GAP_AT_END = /^[ \t\r\n]*$/;

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

/**
 * A copy of `node` moved by `delta` (new objects all the way down); `moved` maps the properties it
 * asks for to their copies. (Written as the parser builds nodes: same shapes, arrays grown by
 * push: a switch with preallocated arrays measured 40x slower on V8 11.)
 */
function movedValue(node: JsonValue, delta: number, moved: Map<JsonProperty, JsonProperty> | undefined): JsonValue {
  const kind = node.kind;
  if (kind === 'string') return { kind: 'string', offset: node.offset + delta, length: node.length, value: node.value };
  if (kind === 'object') {
    const props = node.properties;
    const properties: JsonProperty[] = [];
    for (let i = 0; i < props.length; i++) properties.push(movedProperty(props[i], delta, moved));
    return { kind: 'object', offset: node.offset + delta, length: node.length, properties, closed: node.closed };
  }
  if (kind === 'array') {
    const old = node.items;
    const items: JsonValue[] = [];
    for (let i = 0; i < old.length; i++) items.push(movedValue(old[i], delta, moved));
    return { kind: 'array', offset: node.offset + delta, length: node.length, items, closed: node.closed };
  }
  if (kind === 'number') return { kind: 'number', offset: node.offset + delta, length: node.length, value: node.value, isIntegerLiteral: node.isIntegerLiteral };
  if (kind === 'boolean') return { kind: 'boolean', offset: node.offset + delta, length: node.length, value: node.value };
  return { kind: 'null', offset: node.offset + delta, length: node.length, value: null };
}

function movedProperty(p: JsonProperty, delta: number, moved: Map<JsonProperty, JsonProperty> | undefined): JsonProperty {
  const key = p.key;
  const copy: JsonProperty = {
    kind: 'property',
    offset: p.offset + delta,
    length: p.length,
    key: { kind: 'string', offset: key.offset + delta, length: key.length, value: key.value },
    colonOffset: p.colonOffset >= 0 ? p.colonOffset + delta : p.colonOffset,
    value: p.value ? movedValue(p.value, delta, moved) : undefined,
  };
  if (moved !== undefined && moved.has(p)) moved.set(p, copy);
  return copy;
}
