// The Avro document model: every schema, field, name and reference of one .avsc file, with offsets.
import type { JsonArray, JsonObject, JsonProperty, JsonString, JsonValue, JsonParseResult } from '../parser/json';
import type { DocumentCache } from './documentCache';

export const PRIMITIVE_TYPES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
export type PrimitiveName = (typeof PRIMITIVE_TYPES)[number];
export const NAMED_KINDS = ['record', 'error', 'enum', 'fixed'] as const;
export const COMPLEX_KINDS = ['record', 'error', 'enum', 'fixed', 'array', 'map'] as const;

export function isPrimitiveName(s: string): s is PrimitiveName {
  switch (s) {
    case 'null': case 'boolean': case 'int': case 'long': case 'float': case 'double': case 'bytes': case 'string':
      return true;
    default:
      return false;
  }
}

/** A span of document text: offsets are UTF-16 code units, as in the editor. */
export interface Span {
  offset: number;
  length: number;
}

export type AvroSchema =
  | PrimitiveSchema
  | RecordSchema
  | EnumSchema
  | FixedSchema
  | ArraySchema
  | MapSchema
  | UnionSchema
  | ReferenceSchema
  | InvalidSchema;

export type NamedSchema = RecordSchema | EnumSchema | FixedSchema;
export type SchemaKind = AvroSchema['kind'];

interface SchemaBase {
  /** The JSON node this schema was read from: a string (primitive or reference), an object or an array (union). */
  node: JsonValue;
  /** The `logicalType` attribute and its parameters, when the schema is written as an object. */
  logicalType?: LogicalTypeAnnotation;
  /** Depth of type nesting from the document root (0 for the root schema). */
  depth: number;
}

export interface LogicalTypeAnnotation {
  name: string;
  /** The `logicalType` property (key and value). */
  property: JsonProperty;
  /** `precision` of a decimal, when present. */
  precision?: JsonProperty;
  /** `scale` of a decimal, when present. */
  scale?: JsonProperty;
}

export interface PrimitiveSchema extends SchemaBase {
  kind: 'primitive';
  type: PrimitiveName;
}

export interface Alias {
  /** As written. */
  name: string;
  /** Qualified with the type's namespace unless dotted (aliases of named types only). */
  fullname: string;
  node: JsonString;
}

interface NamedSchemaBase extends SchemaBase {
  node: JsonObject;
  /** The simple name (after the last dot of `name`). */
  name: string;
  /** The effective namespace ('' is the null namespace). */
  namespace: string;
  /** namespace + '.' + name, or name in the null namespace. */
  fullname: string;
  /** The `name` value node; undefined when missing or not a string (a diagnostic was reported). */
  nameNode: JsonString | undefined;
  /** The `namespace` value node, if the attribute is present as a string. */
  namespaceNode: JsonString | undefined;
  aliases: Alias[];
  doc: string | undefined;
  /** URI of the document that defines it. */
  uri: string;
  /** Whether the model could read a name at all (false: a placeholder name was used). */
  hasValidName: boolean;
}

export interface RecordSchema extends NamedSchemaBase {
  kind: 'record';
  /** True for `"type": "error"`. */
  isError: boolean;
  fields: Field[];
  /** The `fields` array node, when present. */
  fieldsNode: JsonArray | undefined;
}

export type FieldOrder = 'ascending' | 'descending' | 'ignore';

export interface Field {
  node: JsonObject;
  /** The record the field belongs to. */
  record: RecordSchema;
  index: number;
  name: string;
  nameNode: JsonString | undefined;
  /** The field's type; undefined when `type` is missing. */
  type: AvroSchema | undefined;
  typeProperty: JsonProperty | undefined;
  /** The `default` property, when present. */
  defaultProperty: JsonProperty | undefined;
  order: FieldOrder | undefined;
  orderProperty: JsonProperty | undefined;
  aliases: Alias[];
  doc: string | undefined;
}

export interface EnumSymbol {
  name: string;
  node: JsonString;
}

export interface EnumSchema extends NamedSchemaBase {
  kind: 'enum';
  symbols: EnumSymbol[];
  symbolsNode: JsonArray | undefined;
  /** The enum's own `default` (a symbol), when present. */
  defaultProperty: JsonProperty | undefined;
}

export interface FixedSchema extends NamedSchemaBase {
  kind: 'fixed';
  /** The size when it is a valid non-negative integer. */
  size: number | undefined;
  sizeProperty: JsonProperty | undefined;
}

export interface ArraySchema extends SchemaBase {
  kind: 'array';
  node: JsonObject;
  items: AvroSchema | undefined;
  itemsProperty: JsonProperty | undefined;
}

export interface MapSchema extends SchemaBase {
  kind: 'map';
  node: JsonObject;
  values: AvroSchema | undefined;
  valuesProperty: JsonProperty | undefined;
}

export interface UnionSchema extends SchemaBase {
  kind: 'union';
  node: JsonArray;
  branches: AvroSchema[];
}

/** A use of a named type by name ("com.acme.Money" or "Money"). */
export interface ReferenceSchema extends SchemaBase {
  kind: 'reference';
  /** The string node of the name as written (for `{"type": "Money"}`, the value of `type`). */
  nameNode: JsonString;
  /** The name as written. */
  name: string;
  /**
   * The fullnames to try, in order (Java's rule): the name itself when dotted; otherwise the
   * enclosing namespace + name, then the name in the null namespace.
   */
  candidates: string[];
  /** The namespace in effect where the reference appears. */
  enclosingNamespace: string;
  /** URI of the document the reference is written in. */
  uri: string;
}

/** Something that could not be read as a schema (a diagnostic says why). */
export interface InvalidSchema extends SchemaBase {
  kind: 'invalid';
}

/** A diagnostic found while building the model, before the rule pass. */
export interface ModelDiagnostic {
  code: string;
  offset: number;
  length: number;
  message: string;
  data?: unknown;
  /** Overrides the code's default severity (a value every implementation accepts but one ignores). */
  severity?: 'warning';
}

/** The character encodings a schema file is read in (workspace/decode.ts detects them). */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

/** What a document's text was decoded from, when it was read from bytes (files on disk). */
export interface TextSource {
  encoding: TextEncodingName;
  /** The bytes started with a byte order mark (removed from the text). */
  bom: boolean;
}

/**
 * A JSON document that wraps schemas instead of being one: an Avro protocol (.avpr content) or a
 * Schema Registry request or response body ({"schema": "<escaped JSON>", ...}). Its root is not
 * read as a schema.
 */
export type Envelope =
  | { kind: 'protocol'; node: JsonObject; protocolProperty: JsonProperty }
  | { kind: 'registry-payload'; node: JsonObject; schemaProperty: JsonProperty; schemaType: string | undefined };

/** One parsed .avsc document. Immutable once built; cache it by (uri, version). */
export interface AvroDocument {
  uri: string;
  text: string;
  version: number;
  /**
   * The encoding of the file the text was decoded from; undefined for text handed over as text
   * (an editor's document), whose only trace of an encoding is a U+FEFF at offset 0.
   */
  source?: TextSource;
  json: JsonParseResult;
  /** The top-level schema, or undefined when the document holds nothing readable (or an envelope). */
  root: AvroSchema | undefined;
  /** Set when the document is a protocol or a registry payload rather than a schema. */
  envelope?: Envelope;
  /** Named types defined in this document, in definition order. */
  namedTypes: NamedSchema[];
  /** Named-type definitions by fullname (first definition wins; redefinitions are diagnostics). */
  definitions: Map<string, NamedSchema>;
  /** Every reference by name, in document order. */
  references: ReferenceSchema[];
  /** Every field of every record, in document order. */
  fields: Field[];
  /**
   * Every schema of the document (named, unnamed, unions, references, invalid), in document order
   * (a parent before its children), so rules can make one pass without walking the tree.
   */
  schemas: AvroSchema[];
  /**
   * Properties of schema and field objects that are not attributes of that kind of object (custom
   * metadata, typos, misplaced attributes), collected while the properties are read anyway.
   */
  foreignProperties: ForeignProperty[];
  /** Diagnostics from reading the structure (the rule pass adds the rest). */
  diagnostics: ModelDiagnostic[];
  /** What the service derived from this document (model/documentCache.ts): owned by it, never shared with another text. */
  cache: DocumentCache;
}

/** The kinds of JSON object an .avsc file holds. */
export type ObjectKind = 'record' | 'enum' | 'fixed' | 'array' | 'map' | 'primitive' | 'field';

/** A property whose key has no meaning on the object it is written on (see util/attributes). */
export interface ForeignProperty {
  property: JsonProperty;
  kind: ObjectKind;
  /** The schema or field object the property is written on. */
  owner: JsonObject;
  /** The field, when the owner is a field object. */
  field?: Field;
}

export function isNamed(s: AvroSchema | undefined): s is NamedSchema {
  return s !== undefined && (s.kind === 'record' || s.kind === 'enum' || s.kind === 'fixed');
}
