// Builds the Avro document model from the JSON tree: names, namespaces, fields, references; never throws.
import { getProperty, parseJson, type JsonArray, type JsonObject, type JsonParseResult, type JsonProperty, type JsonString, type JsonValue } from '../parser/json';
import { Codes } from '../codes';
import { isAttributeOf, objectKindOfType } from '../util/attributes';
import { cacheSlot, DocumentCache } from './documentCache';
import {
  isPrimitiveName,
  type Alias,
  type AvroDocument,
  type AvroSchema,
  type EnumSchema,
  type EnumSymbol,
  type Field,
  type FieldOrder,
  type FixedSchema,
  type ForeignProperty,
  type LogicalTypeAnnotation,
  type ModelDiagnostic,
  type NamedSchema,
  type ObjectKind,
  type RecordSchema,
  type ReferenceSchema,
  type TextSource,
  type Envelope,
} from './types';

/** Parse the text of an .avsc file into the model (`source`: the file's encoding, when read from bytes). Never throws. */
export function parseAvroDocument(uri: string, text: string, version = 0, source?: TextSource): AvroDocument {
  const doc = buildAvroDocument(uri, text, version, parseJson(text), undefined) as AvroDocument;
  if (source) doc.source = source;
  return doc;
}

/**
 * Build the model of a parsed text. With `reuse` (an incremental re-parse, model/incremental.ts),
 * the top-level fields of the root record other than the edited one take the previous document's
 * model objects; undefined when that is not possible (the caller then builds the whole model).
 * @internal
 */
export function buildAvroDocument(uri: string, text: string, version: number, json: JsonParseResult, reuse: ReuseRoot | undefined): AvroDocument | undefined {
  const builder = new ModelBuilder(uri, reuse);
  const envelope = json.root ? envelopeOf(json.root) : undefined;
  const root = json.root && !envelope ? builder.schema(json.root, '', 0) : undefined;
  if (builder.aborted) return undefined;
  const doc: AvroDocument = {
    uri,
    text,
    version,
    json,
    root,
    namedTypes: builder.namedTypes,
    definitions: builder.definitions,
    references: builder.references,
    fields: builder.fields,
    schemas: builder.schemas,
    foreignProperties: builder.foreignProperties,
    diagnostics: builder.diagnostics,
    cache: new DocumentCache(reuse?.previous.cache),
  };
  if (envelope) doc.envelope = envelope;
  if (builder.layout) doc.cache.set(ROOT_LAYOUT, builder.layout);
  return doc;
}

/**
 * A protocol ("protocol": a name, no "type") or a registry payload ("schema": a string, no
 * "type"): a schema object always has a "type", these never do. Read on a broken tree too: a
 * payload whose escaped schema was pasted with raw line breaks is not valid JSON.
 */
function envelopeOf(root: JsonValue): Envelope | undefined {
  if (root.kind !== 'object' || getProperty(root, 'type')) return undefined;
  const protocolProperty = getProperty(root, 'protocol');
  if (protocolProperty?.value?.kind === 'string') return { kind: 'protocol', node: root, protocolProperty };
  const schemaProperty = getProperty(root, 'schema');
  if (schemaProperty?.value?.kind === 'string') {
    const schemaType = getProperty(root, 'schemaType')?.value;
    return { kind: 'registry-payload', node: root, schemaProperty, schemaType: schemaType?.kind === 'string' ? schemaType.value : undefined };
  }
  return undefined;
}

/** Split a possibly dotted name into [namespace, simple name] given the namespace in effect. */
export function splitFullname(name: string, namespace: string): { namespace: string; name: string; fullname: string } {
  const dot = name.lastIndexOf('.');
  if (dot >= 0) return { namespace: name.slice(0, dot), name: name.slice(dot + 1), fullname: name };
  return { namespace, name, fullname: namespace ? namespace + '.' + name : name };
}

/** The candidate fullnames a reference may resolve to, in Java's lookup order. */
export function referenceCandidates(name: string, namespace: string): string[] {
  if (name.indexOf('.') >= 0 || namespace === '') return [name];
  return [namespace + '.' + name, name];
}

// ---------------------------------------------------------------------------------------------
// Where the model objects of each top-level field of the root record are, for incremental re-parses
// ---------------------------------------------------------------------------------------------

/** The lists of the model that fields add to, in the order of `RootLayout.marks`. */
const LISTS = 6;

/**
 * The root record's fields array as built, and for each of its items the positions in the six
 * lists (schemas, references, fields, namedTypes, foreignProperties, diagnostics) where the item's
 * model objects start: item k's objects are [marks[k * 6 + j], marks[(k + 1) * 6 + j]).
 * @internal
 */
export interface RootLayout {
  fieldsNode: JsonArray;
  record: RecordSchema;
  marks: Int32Array;
  /** Whether any item's diagnostics hold a redefinition (its `data` points elsewhere): no reuse then. */
  hasRedefinition: boolean;
}

const ROOT_LAYOUT = cacheSlot<RootLayout>('root layout');

/** @internal */
export function rootLayoutOf(doc: AvroDocument): RootLayout | undefined {
  return doc.cache.peek(ROOT_LAYOUT);
}

/**
 * What an incremental re-parse hands the builder: the previous document and its layout, and the
 * item of the root's fields array that was re-read. The new fields array holds the previous
 * array's item nodes before it (shared: their offsets did not move) and, when the edit kept the
 * length, after it too; the model objects of shared items are shared with the previous document,
 * except each top-level Field (its `record` is the new root record), which is a copy. Items
 * whose nodes are new (the re-read one, and the moved copies after it) are built.
 * @internal
 */
export interface ReuseRoot {
  previous: AvroDocument;
  layout: RootLayout;
  /** Items [0, sharedBefore) of the fields array are the previous nodes. */
  sharedBefore: number;
  /** Items [sharedAfter, n) are the previous nodes too (n when they moved); the items between are built. */
  sharedAfter: number;
}

// ---------------------------------------------------------------------------------------------
// Attributes: one pass over an object's properties
// ---------------------------------------------------------------------------------------------

const enum Attr {
  Type = 1 << 0,
  Name = 1 << 1,
  Namespace = 1 << 2,
  Doc = 1 << 3,
  Aliases = 1 << 4,
  Fields = 1 << 5,
  Symbols = 1 << 6,
  Default = 1 << 7,
  Size = 1 << 8,
  Items = 1 << 9,
  Values = 1 << 10,
  LogicalType = 1 << 11,
  Precision = 1 << 12,
  Scale = 1 << 13,
  Order = 1 << 14,
  /** A key that is an attribute of no kind of object. */
  Other = 1 << 15,
}

const ATTR_NAMES: ReadonlyArray<[Attr, string]> = [
  [Attr.Type, 'type'], [Attr.Name, 'name'], [Attr.Namespace, 'namespace'], [Attr.Doc, 'doc'], [Attr.Aliases, 'aliases'],
  [Attr.Fields, 'fields'], [Attr.Symbols, 'symbols'], [Attr.Default, 'default'], [Attr.Size, 'size'], [Attr.Items, 'items'],
  [Attr.Values, 'values'], [Attr.LogicalType, 'logicalType'], [Attr.Precision, 'precision'], [Attr.Scale, 'scale'], [Attr.Order, 'order'],
];

/** The attributes of each kind of object, as a mask (from isAttributeOf, so both always agree). */
const ALLOWED: Readonly<Record<ObjectKind, number>> = (() => {
  const kinds: ObjectKind[] = ['record', 'enum', 'fixed', 'array', 'map', 'primitive', 'field'];
  const out = {} as Record<ObjectKind, number>;
  for (const kind of kinds) {
    let mask = 0;
    for (const [bit, name] of ATTR_NAMES) if (isAttributeOf(kind, name)) mask |= bit;
    out[kind] = mask;
  }
  return out;
})();

/** The properties of one schema object that the model reads (the last of duplicate keys wins, as in Jackson). */
interface SchemaProps {
  mask: number;
  type: JsonProperty | undefined;
  name: JsonProperty | undefined;
  namespace: JsonProperty | undefined;
  doc: JsonProperty | undefined;
  aliases: JsonProperty | undefined;
  fields: JsonProperty | undefined;
  symbols: JsonProperty | undefined;
  default: JsonProperty | undefined;
  size: JsonProperty | undefined;
  items: JsonProperty | undefined;
  values: JsonProperty | undefined;
  logicalType: JsonProperty | undefined;
  precision: JsonProperty | undefined;
  scale: JsonProperty | undefined;
}

function readSchemaProps(node: JsonObject): SchemaProps {
  const r: SchemaProps = {
    mask: 0, type: undefined, name: undefined, namespace: undefined, doc: undefined, aliases: undefined, fields: undefined, symbols: undefined,
    default: undefined, size: undefined, items: undefined, values: undefined, logicalType: undefined, precision: undefined, scale: undefined,
  };
  const props = node.properties;
  let mask = 0;
  for (let i = 0; i < props.length; i++) {
    const p = props[i];
    switch (p.key.value) {
      case 'type': r.type = p; mask |= Attr.Type; break;
      case 'name': r.name = p; mask |= Attr.Name; break;
      case 'namespace': r.namespace = p; mask |= Attr.Namespace; break;
      case 'doc': r.doc = p; mask |= Attr.Doc; break;
      case 'aliases': r.aliases = p; mask |= Attr.Aliases; break;
      case 'fields': r.fields = p; mask |= Attr.Fields; break;
      case 'symbols': r.symbols = p; mask |= Attr.Symbols; break;
      case 'default': r.default = p; mask |= Attr.Default; break;
      case 'size': r.size = p; mask |= Attr.Size; break;
      case 'items': r.items = p; mask |= Attr.Items; break;
      case 'values': r.values = p; mask |= Attr.Values; break;
      case 'logicalType': r.logicalType = p; mask |= Attr.LogicalType; break;
      case 'precision': r.precision = p; mask |= Attr.Precision; break;
      case 'scale': r.scale = p; mask |= Attr.Scale; break;
      case 'order': mask |= Attr.Order; break;
      default: mask |= Attr.Other;
    }
  }
  r.mask = mask;
  return r;
}

/** One empty list shared by every field and type without aliases (most of them). */
const NO_ALIASES: Alias[] = Object.freeze([]) as unknown as Alias[];

interface NameInfo {
  name: string;
  namespace: string;
  fullname: string;
  nameNode: JsonString | undefined;
  namespaceNode: JsonString | undefined;
  aliases: Alias[];
  doc: string | undefined;
  hasValidName: boolean;
}

class ModelBuilder {
  readonly namedTypes: NamedSchema[] = [];
  readonly definitions = new Map<string, NamedSchema>();
  readonly references: ReferenceSchema[] = [];
  readonly fields: Field[] = [];
  readonly schemas: AvroSchema[] = [];
  readonly foreignProperties: ForeignProperty[] = [];
  readonly diagnostics: ModelDiagnostic[] = [];
  /** The root record's layout, when the root is a record with a fields array. */
  layout: RootLayout | undefined;
  /** Set when reusing the previous document's objects turned out to be impossible. */
  aborted = false;
  /** The fields of the records being built, innermost last: each record takes an exact-size copy of its part. */
  private readonly fieldStack: Field[] = [];

  constructor(private readonly uri: string, private readonly reuse: ReuseRoot | undefined) {}

  private report(code: string, node: { offset: number; length: number }, message: string, data?: unknown, severity?: 'warning'): void {
    const d: ModelDiagnostic = { code, offset: node.offset, length: node.length, message, data };
    if (severity) d.severity = severity;
    this.diagnostics.push(d);
  }

  /**
   * A "doc" (of a named type or a field): a string, or null ("no doc": Java, Python, avsc and
   * avro-util read it so). Any other JSON value parses everywhere, but Java drops it (its
   * getOptionalText reads only strings) while Python and avsc keep it: a warning.
   */
  private docOf(docProp: JsonProperty | undefined): string | undefined {
    const value = docProp?.value;
    if (!value || value.kind === 'null') return undefined;
    if (value.kind === 'string') return value.value;
    this.report(Codes.AttributeType, value, `"doc" must be a string, not ${describeJson(value)}: Java ignores it (the schema has no doc there), Python and avsc keep it as it is. Write the text as a string.`, undefined, 'warning');
    return undefined;
  }

  /** Build the schema written at `node`; `namespace` is the namespace in effect there. */
  schema(node: JsonValue, namespace: string, depth: number): AvroSchema {
    // The slot is taken before the children are built, so `schemas` lists parents first.
    const slot = this.schemas.length;
    this.schemas.push(undefined as unknown as AvroSchema);
    const result = this.build(node, namespace, depth);
    this.schemas[slot] = result;
    return result;
  }

  private build(node: JsonValue, namespace: string, depth: number): AvroSchema {
    switch (node.kind) {
      case 'string':
        return this.named(node, node, namespace, depth);
      case 'array':
        return this.union(node, namespace, depth);
      case 'object':
        return this.object(node, namespace, depth);
      default:
        this.report(Codes.NotASchema, node, `${describeJson(node)} is not a schema: write a type name such as "string", a type object such as {"type": "record", ...}, or a union such as ["null", "string"].`);
        return { kind: 'invalid', node, depth };
    }
  }

  /** A type written by name: a primitive or a reference to a named type. */
  private named(nameNode: JsonString, node: JsonValue, namespace: string, depth: number): AvroSchema {
    const name = nameNode.value;
    if (isPrimitiveName(name)) return { kind: 'primitive', type: name, node, depth };
    const ref: ReferenceSchema = {
      kind: 'reference',
      node,
      depth,
      nameNode,
      name,
      candidates: referenceCandidates(name, namespace),
      enclosingNamespace: namespace,
      uri: this.uri,
    };
    this.references.push(ref);
    return ref;
  }

  private union(node: JsonArray, namespace: string, depth: number): AvroSchema {
    const items = node.items;
    const branches: AvroSchema[] = new Array(items.length);
    for (let i = 0; i < items.length; i++) branches[i] = this.schema(items[i], namespace, depth + 1);
    return { kind: 'union', node, depth, branches };
  }

  private object(node: JsonObject, namespace: string, depth: number): AvroSchema {
    // One pass over the properties picks up every attribute the model needs.
    const props = readSchemaProps(node);
    const logicalTypeProp = props.logicalType;
    let logicalType: LogicalTypeAnnotation | undefined;
    if (logicalTypeProp && logicalTypeProp.value) {
      if (logicalTypeProp.value.kind === 'string') {
        logicalType = { name: logicalTypeProp.value.value, property: logicalTypeProp, precision: props.precision, scale: props.scale };
      } else if (logicalTypeProp.value.kind !== 'null') {
        // Java, Python and avsc all parse the schema and ignore the logical type (null: "none").
        this.report(Codes.AttributeType, logicalTypeProp.value, `"logicalType" must be a string such as "timestamp-millis", not ${describeJson(logicalTypeProp.value)}: Java, Python and avsc ignore it, so the values are read as plain "${typeNameOf(props)}".`, undefined, 'warning');
      }
    }

    const typeProp = props.type;
    const typeValue = typeProp?.value;
    let kind: string | undefined;
    if (typeValue === undefined) {
      // Half-typed or forgotten "type": infer the intent from the other attributes so the rest still works.
      kind = inferKind(node);
      this.report(
        Codes.MissingAttribute,
        typeProp ? typeProp.key : node.properties.length ? node.properties[0].key : { offset: node.offset, length: 1 },
        kind
          ? `This schema object has no "type": add "type": "${kind}".`
          : 'This schema object has no "type": add "type" with a type name such as "record", "enum", "array", "map", "fixed" or a primitive.',
        { attribute: 'type', kind },
      );
      if (!kind) return { kind: 'invalid', node, depth, logicalType };
    } else if (typeValue.kind === 'string') {
      kind = typeValue.value;
    } else {
      // {"type": {...}} or {"type": [...]}: Java needs a type name here. Read the nested schema anyway.
      this.report(
        Codes.AttributeType,
        typeValue,
        `The "type" of a schema object must be a type name; ${typeValue.kind === 'array' ? 'a union' : 'a nested schema object'} is only allowed as the "type" of a field. Write the nested schema directly instead.`,
      );
      // build(), not schema(): the inner schema takes this object's slot in `schemas`.
      return this.build(typeValue, namespace, depth + 1);
    }

    // Checked now, before the children are read (a second pass only when something does not belong).
    const objectKind = objectKindOfType(kind);
    if (objectKind && (props.mask & ~ALLOWED[objectKind]) !== 0) this.collectForeign(node, objectKind);

    switch (kind) {
      case 'record':
      case 'error':
        return this.record(node, props, namespace, depth, kind === 'error', logicalType);
      case 'enum':
        return this.enumSchema(node, props, namespace, depth, logicalType);
      case 'fixed':
        return this.fixed(node, props, namespace, depth, logicalType);
      case 'array': {
        const itemsProperty = props.items;
        const items = this.child(node, itemsProperty, 'items', 'array', namespace, depth);
        return { kind: 'array', node, depth, items, itemsProperty, logicalType };
      }
      case 'map': {
        const valuesProperty = props.values;
        const values = this.child(node, valuesProperty, 'values', 'map', namespace, depth);
        return { kind: 'map', node, depth, values, valuesProperty, logicalType };
      }
      default:
        if (isPrimitiveName(kind)) return { kind: 'primitive', type: kind, node, depth, logicalType };
        // {"type": "Money"}: a named type wrapped in an object (only Java 1.9 to 1.12 resolve it: AVRO-223).
        return this.named(typeValue as JsonString, node, namespace, depth);
    }
  }

  private collectForeign(node: JsonObject, kind: ObjectKind): void {
    const props = node.properties;
    for (let i = 0; i < props.length; i++) {
      if (!isAttributeOf(kind, props[i].key.value)) this.foreignProperties.push({ property: props[i], kind, owner: node });
    }
  }

  private child(node: JsonObject, prop: JsonProperty | undefined, key: string, kind: string, namespace: string, depth: number): AvroSchema | undefined {
    if (!prop) {
      this.report(Codes.MissingAttribute, { offset: node.offset, length: 1 }, `An ${kind} needs "${key}": add "${key}" with the type of its ${key === 'items' ? 'items' : 'values'}, e.g. "${key}": "string".`, { attribute: key, kind });
      return undefined;
    }
    if (!prop.value) return undefined; // syntax error already reported
    return this.schema(prop.value, namespace, depth + 1);
  }

  /** Read name, namespace, aliases and doc of a named type. */
  private nameOf(node: JsonObject, props: SchemaProps, namespace: string, kind: string): NameInfo {
    const nameProp = props.name;
    const namespaceProp = props.namespace;
    let ns = namespace;
    let namespaceNode: JsonString | undefined;
    if (namespaceProp?.value) {
      if (namespaceProp.value.kind === 'string') {
        namespaceNode = namespaceProp.value;
        ns = namespaceNode.value;
      } else if (namespaceProp.value.kind === 'null') {
        // Java treats a JSON null like an absent attribute.
      } else {
        this.report(Codes.AttributeType, namespaceProp.value, `"namespace" must be a string such as "com.example.events", not ${describeJson(namespaceProp.value)}.`);
      }
    }
    let nameNode: JsonString | undefined;
    let result = { namespace: ns, name: '', fullname: '' };
    if (nameProp?.value?.kind === 'string') {
      nameNode = nameProp.value;
      result = splitFullname(nameNode.value, ns);
    } else if (nameProp?.value) {
      this.report(Codes.AttributeType, nameProp.value, `The ${kind} "name" must be a string, not ${describeJson(nameProp.value)}.`);
    } else if (!nameProp) {
      this.report(Codes.MissingAttribute, { offset: node.offset, length: 1 }, `A${kind === 'enum' ? 'n' : ''} ${kind} needs a "name": add "name": "${kind === 'enum' ? 'Status' : kind === 'fixed' ? 'Hash' : 'MyRecord'}".`, { attribute: 'name', kind });
    }
    const aliases = props.aliases?.value ? this.aliases(props.aliases.value, result.namespace, true) : NO_ALIASES;
    const doc = this.docOf(props.doc);
    return {
      name: result.name, namespace: result.namespace, fullname: result.fullname, nameNode, namespaceNode, aliases, doc,
      hasValidName: nameNode !== undefined && nameNode.value !== '',
    };
  }

  private aliases(value: JsonValue, namespace: string, qualify: boolean): Alias[] {
    if (value.kind !== 'array') {
      this.report(Codes.AttributeType, value, `"aliases" must be an array of names, e.g. ["OldName"], not ${describeJson(value)}.`);
      return NO_ALIASES;
    }
    const items = value.items;
    let strings = 0;
    for (let i = 0; i < items.length; i++) if (items[i].kind === 'string') strings++;
    const out: Alias[] = strings ? new Array(strings) : NO_ALIASES;
    let n = 0;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind !== 'string') {
        this.report(Codes.AttributeType, item, `An alias must be a string, not ${describeJson(item)}.`);
        continue;
      }
      const fullname = qualify ? splitFullname(item.value, namespace).fullname : item.value;
      out[n++] = { name: item.value, fullname, node: item };
    }
    return out;
  }

  private register(schema: NamedSchema): void {
    this.namedTypes.push(schema);
    if (!schema.hasValidName) return;
    const previous = this.definitions.get(schema.fullname);
    if (previous) {
      this.report(Codes.Redefinition, schema.nameNode!, `"${schema.fullname}" is already defined in this schema (line of its first definition is linked); a fullname can be defined once: rename one of them or reference the first by name.`, {
        fullname: schema.fullname,
        first: { offset: previous.nameNode!.offset, length: previous.nameNode!.length },
      });
      return;
    }
    this.definitions.set(schema.fullname, schema);
  }

  private record(node: JsonObject, props: SchemaProps, namespace: string, depth: number, isError: boolean, logicalType: LogicalTypeAnnotation | undefined): RecordSchema {
    const n = this.nameOf(node, props, namespace, isError ? 'error' : 'record');
    const fieldsProperty = props.fields;
    const record: RecordSchema = {
      kind: 'record', node, depth, logicalType, name: n.name, namespace: n.namespace, fullname: n.fullname, nameNode: n.nameNode,
      namespaceNode: n.namespaceNode, aliases: n.aliases, doc: n.doc, uri: this.uri, hasValidName: n.hasValidName,
      isError, fields: NO_FIELDS, fieldsNode: undefined,
    };
    // Registered before the fields are read, so a record can refer to itself (as Java does).
    this.register(record);
    if (!fieldsProperty) {
      this.report(Codes.MissingAttribute, n.nameNode ?? { offset: node.offset, length: 1 }, `The ${isError ? 'error' : 'record'} ${n.fullname ? `"${n.fullname}" ` : ''}needs "fields": add "fields": [] with one object per field.`, { attribute: 'fields', kind: 'record' });
      record.fields = [];
      return record;
    }
    const fieldsValue = fieldsProperty.value;
    if (!fieldsValue) {
      record.fields = [];
      return record;
    }
    if (fieldsValue.kind !== 'array') {
      this.report(Codes.AttributeType, fieldsValue, `"fields" must be an array of field objects like {"name": "id", "type": "string"}, not ${describeJson(fieldsValue)}.`);
      record.fields = [];
      return record;
    }
    record.fieldsNode = fieldsValue;
    const items = fieldsValue.items;
    const stack = this.fieldStack;
    const base = stack.length;
    // The root record notes where each field's model objects go (an incremental re-parse reuses them).
    const isRoot = depth === 0 && this.schemas.length === 1;
    const reuse = isRoot ? this.reuse : undefined;
    if (reuse && reuse.layout.marks.length !== (items.length + 1) * LISTS) this.aborted = true;
    const marks = isRoot && !this.aborted ? new Int32Array((items.length + 1) * LISTS) : undefined;
    let hasRedefinition = false;
    // Reusing: the items before the re-read one (and after it when they did not move) are taken
    // from the previous document in one run each (their objects are contiguous in every list).
    const reusing = reuse !== undefined && marks !== undefined && !this.aborted;
    if (reusing) this.reuseItems(reuse, 0, reuse.sharedBefore, record, marks, base, items);
    const buildEnd = reusing ? reuse.sharedAfter : items.length;
    for (let i = reusing ? reuse.sharedBefore : 0; i < buildEnd; i++) {
      if (marks) this.mark(marks, i);
      const item = items[i];
      const diagnosticsBefore = this.diagnostics.length;
      if (item.kind !== 'object') {
        this.report(Codes.AttributeType, item, `Each field must be an object like {"name": "id", "type": "string"}, not ${describeJson(item)}.`);
        continue;
      }
      const field = this.field(item, record, stack.length - base, n.namespace, depth);
      stack.push(field);
      this.fields.push(field);
      if (marks) for (let d = diagnosticsBefore; d < this.diagnostics.length; d++) if (this.diagnostics[d].code === Codes.Redefinition) hasRedefinition = true;
    }
    if (reusing && buildEnd < items.length) this.reuseItems(reuse, buildEnd, items.length, record, marks, base, items);
    record.fields = stack.slice(base);
    stack.length = base;
    if (marks) {
      this.mark(marks, items.length);
      if (reuse && reuse.layout.hasRedefinition) hasRedefinition = true;
      this.layout = { fieldsNode: fieldsValue, record, marks, hasRedefinition };
    }
    return record;
  }

  private mark(marks: Int32Array, item: number): void {
    const at = item * LISTS;
    marks[at] = this.schemas.length;
    marks[at + 1] = this.references.length;
    marks[at + 2] = this.fields.length;
    marks[at + 3] = this.namedTypes.length;
    marks[at + 4] = this.foreignProperties.length;
    marks[at + 5] = this.diagnostics.length;
  }

  /**
   * Take the model objects of items [from, to) from the previous document (their nodes are the
   * previous ones, at the same offsets), and note where they are in `marks`. Nothing of the
   * previous document is changed: each top-level Field is copied (its record is the new one), and
   * so is a foreign property that points to it; everything else is shared.
   */
  private reuseItems(reuse: ReuseRoot, from: number, to: number, record: RecordSchema, marks: Int32Array, base: number, items: readonly JsonValue[]): void {
    if (from >= to) return;
    const prev = reuse.previous;
    const old = reuse.layout.marks;
    const previousItems = reuse.layout.fieldsNode.items;
    for (let i = from; i < to; i++) {
      if (items[i] !== previousItems[i]) {
        this.aborted = true;
        return;
      }
    }
    const lists = [this.schemas, this.references, this.fields, this.namedTypes, this.foreignProperties, this.diagnostics] as unknown[][];
    for (let j = 0; j < LISTS; j++) {
      const moved = lists[j].length - old[from * LISTS + j];
      for (let i = from; i < to; i++) marks[i * LISTS + j] = old[i * LISTS + j] + moved;
    }
    pushRange(this.schemas, prev.schemas, old[from * LISTS], old[to * LISTS]);
    pushRange(this.references, prev.references, old[from * LISTS + 1], old[to * LISTS + 1]);
    pushRange(this.namedTypes, prev.namedTypes, old[from * LISTS + 3], old[to * LISTS + 3]);
    pushRange(this.diagnostics, prev.diagnostics, old[from * LISTS + 5], old[to * LISTS + 5]);
    // Each item's top-level field is the last of its fields (nested records' fields come first).
    const stack = this.fieldStack;
    for (let i = from; i < to; i++) {
      const fieldsFrom = old[i * LISTS + 2];
      const fieldsTo = old[(i + 1) * LISTS + 2];
      const foreignFrom = old[i * LISTS + 4];
      const foreignTo = old[(i + 1) * LISTS + 4];
      if (fieldsTo === fieldsFrom) {
        pushRange(this.foreignProperties, prev.foreignProperties, foreignFrom, foreignTo);
        continue;
      }
      pushRange(this.fields, prev.fields, fieldsFrom, fieldsTo - 1);
      const top = prev.fields[fieldsTo - 1];
      if (top.record !== reuse.layout.record || top.index !== stack.length - base || top.node !== items[i]) {
        this.aborted = true;
        return;
      }
      const field: Field = {
        node: top.node, record, index: top.index, name: top.name, nameNode: top.nameNode, type: top.type, typeProperty: top.typeProperty,
        defaultProperty: top.defaultProperty, order: top.order, orderProperty: top.orderProperty, aliases: top.aliases, doc: top.doc,
      };
      stack.push(field);
      this.fields.push(field);
      for (let f = foreignFrom; f < foreignTo; f++) {
        const p = prev.foreignProperties[f];
        this.foreignProperties.push(p.field === top ? { property: p.property, kind: p.kind, owner: p.owner, field } : p);
      }
    }
    for (let t = old[from * LISTS + 3]; t < old[to * LISTS + 3]; t++) {
      const type = prev.namedTypes[t];
      if (!type.hasValidName) continue;
      // A fullname defined twice: the full build decides which definition is reported where.
      if (this.definitions.has(type.fullname)) this.aborted = true;
      else this.definitions.set(type.fullname, type);
    }
  }

  private field(node: JsonObject, record: RecordSchema, index: number, namespace: string, depth: number): Field {
    let nameProp: JsonProperty | undefined;
    let typeProperty: JsonProperty | undefined;
    let defaultProperty: JsonProperty | undefined;
    let orderProperty: JsonProperty | undefined;
    let aliasesProp: JsonProperty | undefined;
    let docProp: JsonProperty | undefined;
    let mask = 0;
    const props = node.properties;
    for (let i = 0; i < props.length; i++) {
      const p = props[i];
      switch (p.key.value) {
        case 'name': nameProp = p; mask |= Attr.Name; break;
        case 'type': typeProperty = p; mask |= Attr.Type; break;
        case 'default': defaultProperty = p; mask |= Attr.Default; break;
        case 'order': orderProperty = p; mask |= Attr.Order; break;
        case 'aliases': aliasesProp = p; mask |= Attr.Aliases; break;
        case 'doc': docProp = p; mask |= Attr.Doc; break;
        default: mask |= Attr.Other;
      }
    }
    const foreignStart = this.foreignProperties.length;
    if ((mask & Attr.Other) !== 0) this.collectForeign(node, 'field');
    let name = '';
    let nameNode: JsonString | undefined;
    if (nameProp?.value?.kind === 'string') {
      nameNode = nameProp.value;
      name = nameNode.value;
    } else if (nameProp?.value) {
      this.report(Codes.AttributeType, nameProp.value, `A field "name" must be a string, not ${describeJson(nameProp.value)}.`);
    } else if (!nameProp) {
      this.report(Codes.MissingAttribute, { offset: node.offset, length: 1 }, 'This field has no "name": add "name": "..." (letters, digits and _; not starting with a digit).', { attribute: 'name', kind: 'field' });
    }
    let type: AvroSchema | undefined;
    if (typeProperty?.value) {
      type = this.schema(typeProperty.value, namespace, depth + 1);
    } else if (!typeProperty) {
      this.report(Codes.MissingAttribute, nameNode ?? { offset: node.offset, length: 1 }, `The field ${name ? `"${name}" ` : ''}has no "type": add "type", e.g. "type": "string" or "type": ["null", "string"] with "default": null.`, { attribute: 'type', kind: 'field' });
    }
    let order: FieldOrder | undefined;
    if (orderProperty?.value) {
      const v = orderProperty.value;
      if (v.kind === 'string' && (v.value === 'ascending' || v.value === 'descending' || v.value === 'ignore')) order = v.value;
      // Anything else is reported by the order rule.
    }
    const aliases = aliasesProp?.value ? this.aliases(aliasesProp.value, '', false) : NO_ALIASES;
    const doc = this.docOf(docProp);
    const field: Field = { node, record, index, name, nameNode, type, typeProperty, defaultProperty, order, orderProperty, aliases, doc };
    for (let i = foreignStart; i < this.foreignProperties.length; i++) if (this.foreignProperties[i].owner === node) this.foreignProperties[i].field = field;
    return field;
  }

  private enumSchema(node: JsonObject, props: SchemaProps, namespace: string, depth: number, logicalType: LogicalTypeAnnotation | undefined): EnumSchema {
    const n = this.nameOf(node, props, namespace, 'enum');
    const symbolsProp = props.symbols;
    const defaultProperty = props.default;
    let symbols: EnumSymbol[] = [];
    let symbolsNode: JsonArray | undefined;
    if (!symbolsProp) {
      this.report(Codes.MissingAttribute, n.nameNode ?? { offset: node.offset, length: 1 }, `The enum ${n.fullname ? `"${n.fullname}" ` : ''}needs "symbols": add "symbols": ["A", "B"].`, { attribute: 'symbols', kind: 'enum' });
    } else if (symbolsProp.value) {
      if (symbolsProp.value.kind !== 'array') {
        this.report(Codes.AttributeType, symbolsProp.value, `"symbols" must be an array of names like ["ACTIVE", "INACTIVE"], not ${describeJson(symbolsProp.value)}.`);
      } else {
        symbolsNode = symbolsProp.value;
        const items = symbolsNode.items;
        let strings = 0;
        for (let i = 0; i < items.length; i++) if (items[i].kind === 'string') strings++;
        if (strings) symbols = new Array(strings);
        let k = 0;
        for (let i = 0; i < items.length; i++) {
          const item = items[i];
          if (item.kind === 'string') symbols[k++] = { name: item.value, node: item };
          else this.report(Codes.AttributeType, item, `An enum symbol must be a string, not ${describeJson(item)}.`);
        }
      }
    }
    const schema: EnumSchema = {
      kind: 'enum', node, depth, logicalType, name: n.name, namespace: n.namespace, fullname: n.fullname, nameNode: n.nameNode,
      namespaceNode: n.namespaceNode, aliases: n.aliases, doc: n.doc, uri: this.uri, hasValidName: n.hasValidName,
      symbols, symbolsNode, defaultProperty,
    };
    this.register(schema);
    return schema;
  }

  private fixed(node: JsonObject, props: SchemaProps, namespace: string, depth: number, logicalType: LogicalTypeAnnotation | undefined): FixedSchema {
    const n = this.nameOf(node, props, namespace, 'fixed');
    const sizeProperty = props.size;
    let size: number | undefined;
    if (!sizeProperty) {
      this.report(Codes.MissingAttribute, n.nameNode ?? { offset: node.offset, length: 1 }, `The fixed ${n.fullname ? `"${n.fullname}" ` : ''}needs "size": add "size" with the number of bytes, e.g. "size": 16.`, { attribute: 'size', kind: 'fixed' });
    } else if (sizeProperty.value) {
      const v = sizeProperty.value;
      if (v.kind === 'number' && v.isIntegerLiteral && v.value >= 0 && v.value <= 0x7fffffff) size = v.value;
      // Anything else is reported by the fixed-size rule.
    }
    const schema: FixedSchema = {
      kind: 'fixed', node, depth, logicalType, name: n.name, namespace: n.namespace, fullname: n.fullname, nameNode: n.nameNode,
      namespaceNode: n.namespaceNode, aliases: n.aliases, doc: n.doc, uri: this.uri, hasValidName: n.hasValidName,
      size, sizeProperty,
    };
    this.register(schema);
    return schema;
  }
}

/** Placeholder while a record's fields are read (replaced by the exact-size list). */
const NO_FIELDS: Field[] = Object.freeze([]) as unknown as Field[];

function pushRange<T>(to: T[], from: readonly T[], start: number, end: number): void {
  for (let i = start; i < end; i++) to.push(from[i]);
}

function inferKind(node: JsonObject): string | undefined {
  for (const p of node.properties) {
    switch (p.key.value) {
      case 'fields': return 'record';
      case 'symbols': return 'enum';
      case 'size': return 'fixed';
      case 'items': return 'array';
      case 'values': return 'map';
    }
  }
  return undefined;
}

/** The "type" of a schema object as written, for messages ("long"), or "values" when it is not a name. */
function typeNameOf(props: SchemaProps): string {
  const v = props.type?.value;
  return v?.kind === 'string' ? v.value : 'values';
}

/** A short description of a JSON value for messages: its kind and a clipped rendering. */
export function describeJson(node: JsonValue): string {
  switch (node.kind) {
    case 'object': return 'an object';
    case 'array': return 'an array';
    case 'string': return `the string "${clip(node.value)}"`;
    case 'number': return `the number ${node.value}`;
    case 'boolean': return node.value ? 'true' : 'false';
    case 'null': return 'null';
  }
}

function clip(s: string): string {
  return s.length > 40 ? s.slice(0, 37) + '...' : s;
}
