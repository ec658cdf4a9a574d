// The optional conventional key order of schema and field objects (setting avro.format.sortKeys), keeping comments with their keys.
//
// Schema objects: type, name, namespace, doc, aliases, then every other key in its original order.
// Field objects: name, type, doc, aliases, then the rest (the Avro specification writes fields
// name first, and so does everyone). Only the keys of schema and field objects move: default
// values and custom metadata are data, and arrays (fields, symbols, union branches) keep their
// order, which is part of the binary encoding.
import type { JsonComment, JsonObject, JsonProperty, JsonValue } from '../parser/json';
import type { AvroDocument } from '../model/types';

const SCHEMA_ORDER: Readonly<Record<string, number>> = { type: 0, name: 1, namespace: 2, doc: 3, aliases: 4 };
const FIELD_ORDER: Readonly<Record<string, number>> = { name: 0, type: 1, doc: 2, aliases: 3 };
const REST = 10;

type Order = Readonly<Record<string, number>>;

/**
 * The document text with the keys of its schema and field objects in the conventional order, or
 * undefined when nothing moves (or the JSON has syntax errors: then nothing is reordered). With
 * `within`, only objects whose keys all lie inside that span are reordered.
 */
export function sortSchemaKeys(doc: AvroDocument, within?: { start: number; end: number }): string | undefined {
  if (!doc.json.root || doc.json.errors.length > 0) return undefined;
  const orders = new Map<JsonObject, Order>();
  const consider = (node: JsonValue, order: Order): void => {
    if (node.kind !== 'object' || node.properties.length < 2) return;
    // With a range: objects whose keys all lie inside it.
    const first = node.properties[0];
    const last = node.properties[node.properties.length - 1];
    if (within && (first.offset < within.start || last.offset + last.length > within.end)) return;
    if (!isSorted(node.properties, order)) orders.set(node, order);
  };
  for (const schema of doc.schemas) consider(schema.node, SCHEMA_ORDER);
  for (const field of doc.fields) consider(field.node, FIELD_ORDER);
  if (orders.size === 0) return undefined;
  const root = doc.json.root;
  const rendered = new Sorter(doc.text, doc.json.comments, orders).render(root);
  if (rendered === undefined) return undefined;
  return doc.text.slice(0, root.offset) + rendered + doc.text.slice(root.offset + root.length);
}

function rank(key: string, order: Order): number {
  return Object.prototype.hasOwnProperty.call(order, key) ? order[key] : REST;
}

function isSorted(props: readonly JsonProperty[], order: Order): boolean {
  for (let i = 1; i < props.length; i++) if (rank(props[i - 1].key.value, order) > rank(props[i].key.value, order)) return false;
  return true;
}

class Sorter {
  private readonly cache = new Map<JsonValue, string | undefined>();

  constructor(
    private readonly text: string,
    private readonly comments: readonly JsonComment[],
    private readonly orders: ReadonlyMap<JsonObject, Order>,
  ) {}

  /** The new text of a value, or undefined when neither it nor anything inside it moves. */
  render(node: JsonValue): string | undefined {
    if (this.cache.has(node)) return this.cache.get(node);
    let result: string | undefined;
    if (node.kind === 'object') result = this.orders.has(node) ? this.reorder(node, this.orders.get(node)!) : this.splice(node, node.properties.map(p => p.value));
    else if (node.kind === 'array') result = this.splice(node, node.items);
    this.cache.set(node, result);
    return result;
  }

  /** The container's text with changed children replaced in place. */
  private splice(node: JsonValue, children: ReadonlyArray<JsonValue | undefined>): string | undefined {
    let out: string[] | undefined;
    let at = node.offset;
    for (const child of children) {
      if (!child) continue;
      const r = this.render(child);
      if (r === undefined) continue;
      (out ??= []).push(this.text.slice(at, child.offset), r);
      at = child.offset + child.length;
    }
    if (!out) return undefined;
    out.push(this.text.slice(at, node.offset + node.length));
    return out.join('');
  }

  private propertyText(p: JsonProperty): string {
    const value = p.value;
    const r = value ? this.render(value) : undefined;
    if (r === undefined) return this.text.slice(p.offset, p.offset + p.length);
    return this.text.slice(p.offset, value!.offset) + r;
  }

  /** Comments strictly inside [from, to). */
  private commentsIn(from: number, to: number): JsonComment[] {
    const list = this.comments;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid].offset < from) lo = mid + 1;
      else hi = mid;
    }
    const out: JsonComment[] = [];
    for (let i = lo; i < list.length && list[i].offset < to; i++) out.push(list[i]);
    return out;
  }

  private sameLine(from: number, to: number): boolean {
    for (let i = from; i < to; i++) {
      const c = this.text.charCodeAt(i);
      if (c === 10 || c === 13) return false;
    }
    return true;
  }

  private reorder(node: JsonObject, order: Order): string {
    const text = this.text;
    const props = node.properties;
    const n = props.length;
    // Each property with the comments on the lines above it (leading) and after it on its line (trailing).
    const leadingStart: number[] = props.map(p => p.offset);
    const trailing: JsonComment[][] = props.map(() => []);
    let tailStart = props[n - 1].offset + props[n - 1].length;
    const objectEnd = node.offset + node.length - 1; // the '}'
    for (let i = 0; i <= n; i++) {
      const from = i === 0 ? node.offset + 1 : props[i - 1].offset + props[i - 1].length;
      const to = i === n ? objectEnd : props[i].offset;
      let leading = -1;
      for (const c of this.commentsIn(from, to)) {
        if (i > 0 && this.sameLine(from, c.offset)) {
          trailing[i - 1].push(c);
          if (i === n) tailStart = c.offset + c.length;
        } else if (i === 0 && this.sameLine(from, c.offset)) {
          // On the line of '{': about the object, it stays first.
        } else if (i < n && leading < 0) {
          leading = c.offset;
        }
      }
      if (i < n && leading >= 0) leadingStart[i] = leading;
    }
    const indices = props.map((_, i) => i);
    indices.sort((a, b) => rank(props[a].key.value, order) - rank(props[b].key.value, order) || a - b);
    const expanded = !this.sameLine(node.offset + 1, leadingStart[0]);
    const out: string[] = [text.slice(node.offset, leadingStart[0])];
    for (let k = 0; k < n; k++) {
      const i = indices[k];
      out.push(text.slice(leadingStart[i], props[i].offset), this.propertyText(props[i]));
      if (k < n - 1) out.push(',');
      let endsWithLineComment = false;
      for (const c of trailing[i]) {
        out.push(' ', text.slice(c.offset, c.offset + c.length));
        endsWithLineComment = !c.block;
      }
      if (k < n - 1) out.push(expanded || endsWithLineComment ? '\n' : ' ');
      else if (endsWithLineComment && !/^[ \t]*[\r\n]/.test(text.slice(tailStart, objectEnd + 1))) out.push('\n');
    }
    out.push(text.slice(tailStart, objectEnd + 1));
    return out.join('');
  }
}
