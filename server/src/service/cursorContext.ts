// Where the cursor is in the Avro grammar: a key, a value or an array item of which Avro object, read from the JSON tree and the model.
//
// Used by completion and hover (and by any feature that asks "what is this position"). Works on
// broken documents: an unclosed object, a key without a colon (`"ty`), a colon without a value
// (`"type": `), a trailing comma, a bare word typed without quotes (`"type": str`), and a value the
// parser took from the next line because the comma is missing.
//
// Vocabulary: a *slot* is what a JSON value at some position means in Avro (a schema, the value of
// "type" in a schema object, the fields array, a field, an attribute value, a field default or a
// part of one). The *owner* of a key position is the object whose keys are being written.
import type { JsonArray, JsonComment, JsonObject, JsonProperty, JsonString, JsonValue } from './parser/json';
import type { Resolver } from './model/schemaIndex';
import {
  isNamed,
  isPrimitiveName,
  type AvroDocument,
  type AvroSchema,
  type Field,
  type RecordSchema,
  type UnionSchema,
} from './model/types';

/** The kind of a schema object as far as it can be told: its model kind, its "type", or what its attributes imply. */
export type SchemaObjectKind = 'record' | 'enum' | 'fixed' | 'array' | 'map' | 'primitive' | 'reference' | 'unknown';

/** Attributes whose value is plain data rather than a schema. */
export type AttributeName =
  | 'name' | 'namespace' | 'doc' | 'aliases' | 'alias' | 'symbols' | 'symbol' | 'size' | 'logicalType' | 'precision' | 'scale'
  | 'order' | 'enumDefault';

export type Slot =
  /** A schema: a type name, a schema object or a union. */
  | {
      kind: 'schema';
      /** The namespace in effect here (for references and the names of nested named types). */
      namespace: string;
      /** The model built from the value at this slot, when there is one. */
      schema: AvroSchema | undefined;
      /** The union this schema is a branch of. */
      union?: UnionSchema;
      /** The field whose "type" this is (directly, not as a union branch). */
      field?: Field;
      /** The top-level schema of the document. */
      root?: boolean;
    }
  /** The value of "type" inside a schema object: a type keyword (record, enum, ...), a primitive or a named type. */
  | { kind: 'typeName'; owner: SchemaOwner }
  /** The "fields" array of a record. */
  | { kind: 'fields'; record: RecordSchema | undefined; namespace: string }
  /** One field object. */
  | { kind: 'field'; field: Field | undefined; record: RecordSchema | undefined; namespace: string }
  /** The value of a data attribute (or one item of "symbols" / "aliases"). */
  | { kind: 'attribute'; attribute: AttributeName; owner: Owner }
  /** A field default, or a part of one: `type` is what that part must match (undefined when unknown). */
  | { kind: 'default'; field: Field | undefined; type: AvroSchema | undefined; nested: boolean }
  /** Anything else (custom metadata, the inside of a doc string...). */
  | { kind: 'other' };

export interface SchemaOwner {
  kind: 'schema';
  object: JsonObject;
  /** The model of the object, when the builder made one for this very object. */
  schema: AvroSchema | undefined;
  objectKind: SchemaObjectKind;
  /** The namespace in effect inside the object (its own, for a named type). */
  namespace: string;
  /** The namespace in effect around the object (what a nested name inherits). */
  outerNamespace: string;
  /** The field whose type this object is, if any. */
  field?: Field;
  /** The union this object is a branch of, if any. */
  union?: UnionSchema;
}

export interface FieldOwner {
  kind: 'field';
  object: JsonObject;
  field: Field | undefined;
  record: RecordSchema | undefined;
  namespace: string;
}

/** An object inside a default value whose type is a record: its keys are the record's field names. */
export interface DefaultRecordOwner {
  kind: 'defaultRecord';
  object: JsonObject;
  record: RecordSchema;
  field: Field | undefined;
}

export type Owner = SchemaOwner | FieldOwner | DefaultRecordOwner;

/** The literal at the cursor that a completion replaces, or an empty span at the cursor. */
export interface CursorToken {
  offset: number;
  length: number;
  /**
   * 'string': a string literal (quotes included; `closed` says whether it has its closing quote);
   * 'literal': a number, true, false or null; 'word': letters typed without quotes (`str`, `nu`);
   * 'none': nothing (an empty span at the cursor).
   */
  kind: 'string' | 'literal' | 'word' | 'none';
  closed: boolean;
  /** What is typed before the cursor, without the opening quote. */
  prefix: string;
}

export type CursorPosition =
  /** A property key belongs here. `property`: the property whose key the cursor is in (typed or being edited). */
  | { kind: 'key'; owner: Owner; present: ReadonlySet<string>; property?: JsonProperty }
  /** A value belongs here (a property value or an array item). `property`: the property it is the value of. */
  | { kind: 'value'; slot: Slot; property?: JsonProperty; array?: JsonArray; node?: JsonValue }
  | { kind: 'none' };

/** What an inserted property or value needs around it to keep the JSON well-formed. */
export interface Separators {
  /** Offset right after the previous value, where a comma must be inserted; undefined when none is needed. */
  commaBefore: number | undefined;
  /** A comma is needed after the inserted text (something else follows). */
  commaAfter: boolean;
  /** The token directly follows a colon: an inserted value reads better after a space. */
  spaceBefore: boolean;
}

export interface CursorContext {
  /** What every completion item of this request shares (completion/items.ts computes it on first use). */
  itemParts?: unknown;
  offset: number;
  position: CursorPosition;
  token: CursorToken;
  separators: Separators;
  /** The document holds nothing but whitespace and comments. */
  emptyDocument: boolean;
}

const NO_SEPARATORS: Separators = { commaBefore: undefined, commaAfter: false, spaceBefore: false };

/**
 * Analyse the cursor position. `resolve` lets default values follow references (a default of a
 * record type defined elsewhere); without it references are looked up in the document only.
 */
export function cursorContextAt(doc: AvroDocument, offset: number, resolve?: Resolver): CursorContext {
  const a = new Analysis(doc, Math.max(0, Math.min(offset, doc.text.length)), resolve);
  return a.run();
}

/** True when the string literal has its closing quote. */
export function isClosedString(node: JsonString, text: string): boolean {
  return node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 34 && !endsWithEscape(text, node.offset + node.length - 1, node.offset);
}

function endsWithEscape(text: string, quote: number, start: number): boolean {
  let backslashes = 0;
  for (let i = quote - 1; i > start && text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** The kind a schema object has or is meant to have. */
export function schemaObjectKind(object: JsonObject, schema: AvroSchema | undefined): SchemaObjectKind {
  if (schema && schema.node === object) {
    switch (schema.kind) {
      case 'record': case 'enum': case 'fixed': case 'array': case 'map': case 'primitive': case 'reference':
        return schema.kind;
    }
  }
  const type = stringProperty(object, 'type');
  if (type !== undefined) {
    switch (type) {
      case 'record': case 'error': return 'record';
      case 'enum': case 'fixed': case 'array': case 'map': return type;
      default: return isPrimitiveName(type) ? 'primitive' : type === '' ? 'unknown' : 'reference';
    }
  }
  for (const p of object.properties) {
    switch (p.key.value) {
      case 'fields': return 'record';
      case 'symbols': return 'enum';
      case 'size': return 'fixed';
      case 'items': return 'array';
      case 'values': return 'map';
    }
  }
  return 'unknown';
}

function stringProperty(object: JsonObject, key: string): string | undefined {
  for (let i = object.properties.length - 1; i >= 0; i--) {
    const p = object.properties[i];
    if (p.key.value === key) return p.value?.kind === 'string' ? p.value.value : undefined;
  }
  return undefined;
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45 || c === 43;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

class Analysis {
  private readonly text: string;
  private readonly comments: readonly JsonComment[];

  constructor(private readonly doc: AvroDocument, private readonly offset: number, private readonly resolver: Resolver | undefined) {
    this.text = doc.text;
    this.comments = doc.json.comments;
  }

  run(): CursorContext {
    const root = this.doc.json.root;
    if (this.insideComment(this.offset)) return this.none();
    if (!root) {
      const empty = this.nextSignificant(0) >= this.text.length;
      const slot: Slot = { kind: 'schema', namespace: '', schema: undefined, root: true };
      return this.valueAt(slot, undefined, undefined, undefined, empty);
    }
    const rootSlot: Slot = { kind: 'schema', namespace: '', schema: this.doc.root, root: true };
    if (this.offset < root.offset) return this.none();
    if (!this.contains(root)) return this.none();
    return this.inValue(root, rootSlot, undefined, undefined);
  }

  // ----- positions -----

  private none(): CursorContext {
    return { offset: this.offset, position: { kind: 'none' }, token: this.emptyToken(), separators: NO_SEPARATORS, emptyDocument: false };
  }

  /** Whether the cursor is on or inside a value (for hover and completion: a literal's end counts, a closed container's does not). */
  private contains(node: JsonValue): boolean {
    const o = this.offset;
    const end = node.offset + node.length;
    switch (node.kind) {
      case 'object':
      case 'array':
        return o > node.offset && (o < end || !node.closed);
      case 'string':
        return o >= node.offset && (o < end || (o === end && !isClosedString(node, this.text)));
      default:
        return o >= node.offset && o <= end;
    }
  }

  /** The cursor is inside `node` (contains() holds), which sits at `slot`. */
  private inValue(node: JsonValue, slot: Slot, property: JsonProperty | undefined, array: JsonArray | undefined): CursorContext {
    switch (node.kind) {
      case 'object':
        return this.inObject(node, slot);
      case 'array':
        return this.inArray(node, slot);
      default:
        return this.valueAt(slot, property, array, node, false);
    }
  }

  private inObject(object: JsonObject, slot: Slot): CursorContext {
    const owner = this.ownerOf(object, slot);
    const props = object.properties;
    const o = this.offset;
    // The last property whose key starts before the cursor.
    let p: JsonProperty | undefined;
    for (let lo = 0, hi = props.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (props[mid].offset < o) {
        p = props[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (!owner) return this.none();
    if (!p) return this.keyAt(owner, object, undefined);
    const key = p.key;
    const keyEnd = key.offset + key.length;
    if (o < keyEnd || (o === keyEnd && !isClosedString(key, this.text))) return this.keyAt(owner, object, p);
    const v = p.value;
    if (p.colonOffset < 0) {
      // A key without a colon: the parser may have taken the next key as its value ("name" "value").
      if (v && o >= v.offset + v.length && !this.contains(v)) return this.keyAt(owner, object, undefined);
      return this.none();
    }
    if (o <= p.colonOffset) return this.none();
    const childSlot = this.childSlot(owner, p.key.value, v);
    if (!v) return this.valueAt(childSlot, p, undefined, undefined, false);
    if (o < v.offset) {
      // Between the colon and the value. A value position when that "value" is really something
      // else the parser took for it: the next key (a string followed by a colon), or anything on a
      // later line (the next field of an array, when this object is not closed); or a word is typed.
      if (v.kind === 'string' && this.followedByColon(v)) return this.valueAt(childSlot, p, undefined, undefined, false);
      if (/[\r\n]/.test(this.text.slice(o, v.offset)) || this.wordAt().length > 0) return this.valueAt(childSlot, p, undefined, undefined, false);
      return this.none();
    }
    if (this.contains(v)) return this.inValue(v, childSlot, p, undefined);
    // After the value.
    if (v.kind === 'string' && o === v.offset + v.length) return this.none();
    return this.keyAt(owner, object, undefined);
  }

  private inArray(array: JsonArray, slot: Slot): CursorContext {
    const items = array.items;
    const o = this.offset;
    let item: JsonValue | undefined;
    for (let lo = 0, hi = items.length - 1; lo <= hi;) {
      const mid = (lo + hi) >> 1;
      if (items[mid].offset <= o) {
        item = items[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    const itemSlot = this.itemSlot(array, slot, item);
    if (item && this.contains(item)) return this.inValue(item, itemSlot, undefined, array);
    if (item && item.kind === 'string' && o === item.offset + item.length) return this.none();
    return this.valueAt(this.itemSlot(array, slot, undefined), undefined, array, undefined, false);
  }

  private keyAt(owner: Owner, object: JsonObject, property: JsonProperty | undefined): CursorContext {
    const present = new Set<string>();
    for (const p of object.properties) if (p !== property) present.add(p.key.value);
    let token: CursorToken;
    if (property) {
      token = this.stringToken(property.key);
    } else {
      token = this.wordToken();
    }
    // A key being replaced in a complete property keeps its colon and value: no separators then.
    const replacing = property !== undefined && property.colonOffset >= 0;
    const separators = replacing ? NO_SEPARATORS : this.separators(token, '{');
    return { offset: this.offset, position: { kind: 'key', owner, present, property }, token, separators, emptyDocument: false };
  }

  private valueAt(slot: Slot, property: JsonProperty | undefined, array: JsonArray | undefined, node: JsonValue | undefined, emptyDocument: boolean): CursorContext {
    let token: CursorToken;
    if (node && node.kind === 'string') {
      token = this.stringToken(node);
    } else if (node && (node.kind === 'number' || node.kind === 'boolean' || node.kind === 'null')) {
      token = { offset: node.offset, length: node.length, kind: 'literal', closed: true, prefix: this.text.slice(node.offset, this.offset) };
    } else {
      token = this.wordToken();
    }
    // A literal already in place is replaced: separators only when inserting a new value.
    const separators = node ? NO_SEPARATORS : this.separators(token, property ? ':' : array ? '[' : '');
    return { offset: this.offset, position: { kind: 'value', slot, property, array, node }, token, separators, emptyDocument };
  }

  // ----- Avro roles -----

  private ownerOf(object: JsonObject, slot: Slot): Owner | undefined {
    switch (slot.kind) {
      case 'schema': {
        const schema = slot.schema && slot.schema.node === object ? slot.schema : undefined;
        const objectKind = schemaObjectKind(object, schema);
        let namespace = slot.namespace;
        if (schema && isNamed(schema)) {
          namespace = schema.namespace;
        } else if (objectKind === 'record' || objectKind === 'enum' || objectKind === 'fixed') {
          const name = stringProperty(object, 'name');
          const ns = stringProperty(object, 'namespace');
          if (name !== undefined && name.lastIndexOf('.') > 0) namespace = name.slice(0, name.lastIndexOf('.'));
          else if (ns !== undefined) namespace = ns;
        }
        return { kind: 'schema', object, schema, objectKind, namespace, outerNamespace: slot.namespace, field: slot.field, union: slot.union };
      }
      case 'field':
        return { kind: 'field', object, field: slot.field && slot.field.node === object ? slot.field : undefined, record: slot.record, namespace: slot.namespace };
      case 'default': {
        const type = this.concrete(slot.type, 'object');
        if (type && type.kind === 'record') return { kind: 'defaultRecord', object, record: type, field: slot.field };
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** The slot of the value of `key` in an object owned by `owner`. */
  private childSlot(owner: Owner, key: string, value: JsonValue | undefined): Slot {
    switch (owner.kind) {
      case 'schema': {
        const s = owner.schema;
        switch (key) {
          case 'type':
            return { kind: 'typeName', owner };
          case 'items':
            return { kind: 'schema', namespace: owner.namespace, schema: s && s.kind === 'array' && s.items && s.items.node === value ? s.items : undefined };
          case 'values':
            return { kind: 'schema', namespace: owner.namespace, schema: s && s.kind === 'map' && s.values && s.values.node === value ? s.values : undefined };
          case 'fields':
            return { kind: 'fields', record: s && s.kind === 'record' ? s : undefined, namespace: owner.namespace };
          case 'default':
            return owner.objectKind === 'enum' ? { kind: 'attribute', attribute: 'enumDefault', owner } : { kind: 'other' };
          case 'name': case 'namespace': case 'doc': case 'aliases': case 'symbols': case 'size': case 'logicalType': case 'precision': case 'scale':
            return { kind: 'attribute', attribute: key, owner };
          default:
            return { kind: 'other' };
        }
      }
      case 'field': {
        const f = owner.field;
        switch (key) {
          case 'type':
            return { kind: 'schema', namespace: owner.namespace, schema: f && f.type && f.type.node === value ? f.type : undefined, field: f };
          case 'default':
            return { kind: 'default', field: f, type: f?.type, nested: false };
          case 'name': case 'doc': case 'aliases': case 'order':
            return { kind: 'attribute', attribute: key, owner };
          default:
            return { kind: 'other' };
        }
      }
      case 'defaultRecord': {
        const f = owner.record.fields.find(x => x.name === key);
        return f ? { kind: 'default', field: owner.field, type: f.type, nested: true } : { kind: 'other' };
      }
    }
  }

  /** The slot of an item of `array` (which sits at `slot`); `item` is the existing item, if any. */
  private itemSlot(array: JsonArray, slot: Slot, item: JsonValue | undefined): Slot {
    switch (slot.kind) {
      case 'schema': {
        const union = slot.schema && slot.schema.kind === 'union' && slot.schema.node === array ? slot.schema : undefined;
        const branch = union && item ? union.branches.find(b => b.node === item) : undefined;
        return { kind: 'schema', namespace: slot.namespace, schema: branch, union };
      }
      case 'fields': {
        const field = slot.record && item ? fieldOfNode(slot.record, item) : undefined;
        return { kind: 'field', field, record: slot.record, namespace: slot.namespace };
      }
      case 'attribute':
        if (slot.attribute === 'symbols') return { kind: 'attribute', attribute: 'symbol', owner: slot.owner };
        if (slot.attribute === 'aliases') return { kind: 'attribute', attribute: 'alias', owner: slot.owner };
        return { kind: 'other' };
      case 'default': {
        const type = this.concrete(slot.type, 'array');
        return type && type.kind === 'array' ? { kind: 'default', field: slot.field, type: type.items, nested: true } : { kind: 'other' };
      }
      default:
        return { kind: 'other' };
    }
  }

  /**
   * The schema a default value of this JSON kind is checked against: references resolved; for a
   * union, the first branch of that JSON kind (records and maps for objects, arrays for arrays).
   */
  private concrete(type: AvroSchema | undefined, json: 'object' | 'array'): AvroSchema | undefined {
    for (let guard = 0; type && guard < 16; guard++) {
      if (type.kind === 'reference') {
        type = this.resolve(type);
        continue;
      }
      if (type.kind === 'union') {
        let found: AvroSchema | undefined;
        for (const b of type.branches) {
          const c = b.kind === 'reference' ? this.resolve(b) : b;
          if (c && (json === 'object' ? c.kind === 'record' || c.kind === 'map' : c.kind === 'array')) {
            found = c;
            break;
          }
        }
        return found;
      }
      return type;
    }
    return undefined;
  }

  private resolve(ref: AvroSchema & { kind: 'reference' }): AvroSchema | undefined {
    if (this.resolver) return this.resolver(ref);
    for (const c of ref.candidates) {
      const s = this.doc.definitions.get(c);
      if (s) return s;
    }
    return undefined;
  }

  // ----- text around the cursor -----

  /**
   * A string literal as the token. Without its closing quote the literal runs to the end of the
   * line, over text that is not part of it (`"lo }`): the token then ends with the word at the cursor.
   */
  private stringToken(node: JsonString): CursorToken {
    const closed = isClosedString(node, this.text);
    const prefix = this.text.slice(node.offset + 1, Math.max(node.offset + 1, this.offset));
    if (closed) return { offset: node.offset, length: node.length, kind: 'string', closed, prefix };
    let end = Math.max(this.offset, node.offset + 1);
    const limit = node.offset + node.length;
    while (end < limit && isWordChar(this.text.charCodeAt(end))) end++;
    return { offset: node.offset, length: end - node.offset, kind: 'string', closed, prefix };
  }

  private emptyToken(): CursorToken {
    return { offset: this.offset, length: 0, kind: 'none', closed: true, prefix: '' };
  }

  /** Letters, digits and `_ . - +` around the cursor. */
  private wordAt(): { start: number; end: number; length: number } {
    const t = this.text;
    let start = this.offset;
    while (start > 0 && isWordChar(t.charCodeAt(start - 1))) start--;
    let end = this.offset;
    while (end < t.length && isWordChar(t.charCodeAt(end))) end++;
    return { start, end, length: end - start };
  }

  private wordToken(): CursorToken {
    const w = this.wordAt();
    if (w.length === 0) return this.emptyToken();
    return { offset: w.start, length: w.length, kind: 'word', closed: true, prefix: this.text.slice(w.start, this.offset) };
  }

  private insideComment(offset: number): boolean {
    const c = this.commentAt(offset);
    // Inside a comment, not at its very start (typing right before "//" is outside it).
    return c !== undefined && offset > c.offset && (offset < c.offset + c.length || !c.block);
  }

  /** The comment whose span [offset, end] holds `offset`, if any. */
  private commentAt(offset: number): JsonComment | undefined {
    const cs = this.comments;
    let lo = 0;
    let hi = cs.length - 1;
    let found: JsonComment | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (cs[mid].offset <= offset) {
        found = cs[mid];
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found && offset <= found.offset + found.length ? found : undefined;
  }

  /** The offset of the first character at or after `from` that is not whitespace or a comment. */
  private nextSignificant(from: number): number {
    const t = this.text;
    let i = from;
    for (;;) {
      while (i < t.length && isSpace(t.charCodeAt(i))) i++;
      const c = this.commentAt(i);
      if (c && i === c.offset && i < t.length) {
        i = c.offset + c.length;
        continue;
      }
      return i;
    }
  }

  /** The offset just after the last character before `from` that is not whitespace or a comment (0 at the start). */
  private previousSignificantEnd(from: number): number {
    const t = this.text;
    let i = from;
    for (;;) {
      while (i > 0 && isSpace(t.charCodeAt(i - 1))) i--;
      if (i === 0) return 0;
      const c = this.commentAt(i - 1);
      if (c && i - 1 >= c.offset && i - 1 < c.offset + c.length) {
        i = c.offset;
        continue;
      }
      return i;
    }
  }

  private followedByColon(node: JsonValue): boolean {
    const i = this.nextSignificant(node.offset + node.length);
    return this.text.charCodeAt(i) === 58 /* : */;
  }

  /**
   * Commas an insertion at the token needs: before it unless the previous significant character is
   * `opener` (`{` for keys, `[` for items, `:` for property values) or a comma; after it when another
   * key (in an object) or value (in an array) follows.
   */
  private separators(token: CursorToken, opener: string): Separators {
    const t = this.text;
    const before = this.previousSignificantEnd(token.offset);
    const prevChar = before > 0 ? t[before - 1] : '';
    let commaBefore: number | undefined;
    if (opener !== ':' && opener !== '' && prevChar !== '' && prevChar !== ',' && prevChar !== '{' && prevChar !== '[' && prevChar !== ':') commaBefore = before;
    const after = this.nextSignificant(token.offset + token.length);
    const c = t.charCodeAt(after);
    // After a key or a property value, only a key (a string) continues the object; after an array
    // item, any value continues the array.
    const commaAfter = after < t.length && (opener === '[' ? c === 34 || c === 123 || c === 91 || isWordChar(c) : opener !== '' && c === 34);
    const spaceBefore = token.offset > 0 && t.charCodeAt(token.offset - 1) === 58 /* : */;
    return { commaBefore, commaAfter, spaceBefore };
  }
}

/** The field of `record` written as `node` (fields are in document order: a binary search). */
function fieldOfNode(record: RecordSchema, node: JsonValue): Field | undefined {
  const fields = record.fields;
  let lo = 0;
  let hi = fields.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const f = fields[mid];
    if (f.node.offset === node.offset) return f.node === node ? f : undefined;
    if (f.node.offset < node.offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}
