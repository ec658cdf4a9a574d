// Builds the Avro document model from the JSON tree: names, namespaces, fields, references; never throws.
import { getProperty, parseJson, type JsonArray, type JsonObject, type JsonProperty, type JsonString, type JsonValue } from '../parser/json';
import { Codes } from '../codes';
import { isAttributeOf, objectKindOfType } from '../util/attributes';
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
} from './types';

/** Parse the text of an .avsc file into the model. Never throws. */
export function parseAvroDocument(uri: string, text: string, version = 0): AvroDocument {
  const json = parseJson(text);
  const builder = new ModelBuilder(uri);
  const root = json.root ? builder.schema(json.root, '', 0) : undefined;
  return {
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
  };
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

  constructor(private readonly uri: string) {}

  private report(code: string, node: { offset: number; length: number }, message: string, data?: unknown): void {
    this.diagnostics.push({ code, offset: node.offset, length: node.length, message, data });
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
    const branches: AvroSchema[] = [];
    for (const item of node.items) branches.push(this.schema(item, namespace, depth + 1));
    return { kind: 'union', node, depth, branches };
  }

  private object(node: JsonObject, namespace: string, depth: number): AvroSchema {
    // One pass over the properties picks up every attribute the model needs.
    let typeProp: JsonProperty | undefined;
    let logicalTypeProp: JsonProperty | undefined;
    let precisionProp: JsonProperty | undefined;
    let scaleProp: JsonProperty | undefined;
    const props = node.properties;
    for (let i = 0; i < props.length; i++) {
      const p = props[i];
      switch (p.key.value) {
        case 'type': typeProp = p; break;
        case 'logicalType': logicalTypeProp = p; break;
        case 'precision': precisionProp = p; break;
        case 'scale': scaleProp = p; break;
      }
    }
    let logicalType: LogicalTypeAnnotation | undefined;
    if (logicalTypeProp && logicalTypeProp.value) {
      if (logicalTypeProp.value.kind === 'string') {
        logicalType = { name: logicalTypeProp.value.value, property: logicalTypeProp, precision: precisionProp, scale: scaleProp };
      } else {
        this.report(Codes.AttributeType, logicalTypeProp.value, `"logicalType" must be a string such as "timestamp-millis", not ${describeJson(logicalTypeProp.value)}.`);
      }
    }

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

    // Checked now, while the properties are in cache (a second pass over a large document is not free).
    const objectKind = objectKindOfType(kind);
    if (objectKind) this.collectForeign(node, objectKind);

    switch (kind) {
      case 'record':
      case 'error':
        return this.record(node, namespace, depth, kind === 'error', logicalType);
      case 'enum':
        return this.enumSchema(node, namespace, depth, logicalType);
      case 'fixed':
        return this.fixed(node, namespace, depth, logicalType);
      case 'array': {
        const itemsProperty = getProperty(node, 'items');
        const items = this.child(node, itemsProperty, 'items', 'array', namespace, depth);
        return { kind: 'array', node, depth, items, itemsProperty, logicalType };
      }
      case 'map': {
        const valuesProperty = getProperty(node, 'values');
        const values = this.child(node, valuesProperty, 'values', 'map', namespace, depth);
        return { kind: 'map', node, depth, values, valuesProperty, logicalType };
      }
      default:
        if (isPrimitiveName(kind)) return { kind: 'primitive', type: kind, node, depth, logicalType };
        // {"type": "Money"}: a named type wrapped in an object (Java 1.11 and 1.12 resolve it).
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

  /** Read name, namespace, aliases and doc of a named type and register its fullname. */
  private nameOf(node: JsonObject, namespace: string, kind: string): NameInfo {
    let nameProp: JsonProperty | undefined;
    let namespaceProp: JsonProperty | undefined;
    let aliasesProp: JsonProperty | undefined;
    let docProp: JsonProperty | undefined;
    for (const p of node.properties) {
      switch (p.key.value) {
        case 'name': nameProp = p; break;
        case 'namespace': namespaceProp = p; break;
        case 'aliases': aliasesProp = p; break;
        case 'doc': docProp = p; break;
      }
    }
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
    const aliases: Alias[] = [];
    if (aliasesProp?.value) this.aliases(aliasesProp.value, result.namespace, aliases, true);
    let doc: string | undefined;
    if (docProp?.value) {
      if (docProp.value.kind === 'string') doc = docProp.value.value;
      else this.report(Codes.AttributeType, docProp.value, `"doc" must be a string, not ${describeJson(docProp.value)}.`);
    }
    return {
      name: result.name, namespace: result.namespace, fullname: result.fullname, nameNode, namespaceNode, aliases, doc,
      hasValidName: nameNode !== undefined && nameNode.value !== '',
    };
  }

  private aliases(value: JsonValue, namespace: string, out: Alias[], qualify: boolean): void {
    if (value.kind !== 'array') {
      this.report(Codes.AttributeType, value, `"aliases" must be an array of names, e.g. ["OldName"], not ${describeJson(value)}.`);
      return;
    }
    for (const item of value.items) {
      if (item.kind !== 'string') {
        this.report(Codes.AttributeType, item, `An alias must be a string, not ${describeJson(item)}.`);
        continue;
      }
      const fullname = qualify ? splitFullname(item.value, namespace).fullname : item.value;
      out.push({ name: item.value, fullname, node: item });
    }
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

  private record(node: JsonObject, namespace: string, depth: number, isError: boolean, logicalType: LogicalTypeAnnotation | undefined): RecordSchema {
    const n = this.nameOf(node, namespace, isError ? 'error' : 'record');
    const fieldsProperty = getProperty(node, 'fields');
    const record: RecordSchema = {
      kind: 'record', node, depth, logicalType, name: n.name, namespace: n.namespace, fullname: n.fullname, nameNode: n.nameNode,
      namespaceNode: n.namespaceNode, aliases: n.aliases, doc: n.doc, uri: this.uri, hasValidName: n.hasValidName,
      isError, fields: [], fieldsNode: undefined,
    };
    // Registered before the fields are read, so a record can refer to itself (as Java does).
    this.register(record);
    if (!fieldsProperty) {
      this.report(Codes.MissingAttribute, n.nameNode ?? { offset: node.offset, length: 1 }, `The ${isError ? 'error' : 'record'} ${n.fullname ? `"${n.fullname}" ` : ''}needs "fields": add "fields": [] with one object per field.`, { attribute: 'fields', kind: 'record' });
      return record;
    }
    const fieldsValue = fieldsProperty.value;
    if (!fieldsValue) return record;
    if (fieldsValue.kind !== 'array') {
      this.report(Codes.AttributeType, fieldsValue, `"fields" must be an array of field objects like {"name": "id", "type": "string"}, not ${describeJson(fieldsValue)}.`);
      return record;
    }
    record.fieldsNode = fieldsValue;
    const items = fieldsValue.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.kind !== 'object') {
        this.report(Codes.AttributeType, item, `Each field must be an object like {"name": "id", "type": "string"}, not ${describeJson(item)}.`);
        continue;
      }
      const field = this.field(item, record, record.fields.length, n.namespace, depth);
      record.fields.push(field);
      this.fields.push(field);
    }
    return record;
  }

  private field(node: JsonObject, record: RecordSchema, index: number, namespace: string, depth: number): Field {
    let nameProp: JsonProperty | undefined;
    let typeProperty: JsonProperty | undefined;
    let defaultProperty: JsonProperty | undefined;
    let orderProperty: JsonProperty | undefined;
    let aliasesProp: JsonProperty | undefined;
    let docProp: JsonProperty | undefined;
    for (const p of node.properties) {
      switch (p.key.value) {
        case 'name': nameProp = p; break;
        case 'type': typeProperty = p; break;
        case 'default': defaultProperty = p; break;
        case 'order': orderProperty = p; break;
        case 'aliases': aliasesProp = p; break;
        case 'doc': docProp = p; break;
      }
    }
    const foreignStart = this.foreignProperties.length;
    this.collectForeign(node, 'field');
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
    const aliases: Alias[] = [];
    if (aliasesProp?.value) this.aliases(aliasesProp.value, '', aliases, false);
    let doc: string | undefined;
    if (docProp?.value) {
      if (docProp.value.kind === 'string') doc = docProp.value.value;
      else this.report(Codes.AttributeType, docProp.value, `"doc" must be a string, not ${describeJson(docProp.value)}.`);
    }
    const field: Field = { node, record, index, name, nameNode, type, typeProperty, defaultProperty, order, orderProperty, aliases, doc };
    for (let i = foreignStart; i < this.foreignProperties.length; i++) if (this.foreignProperties[i].owner === node) this.foreignProperties[i].field = field;
    return field;
  }

  private enumSchema(node: JsonObject, namespace: string, depth: number, logicalType: LogicalTypeAnnotation | undefined): EnumSchema {
    const n = this.nameOf(node, namespace, 'enum');
    const symbolsProp = getProperty(node, 'symbols');
    const defaultProperty = getProperty(node, 'default');
    const symbols: EnumSymbol[] = [];
    let symbolsNode: JsonArray | undefined;
    if (!symbolsProp) {
      this.report(Codes.MissingAttribute, n.nameNode ?? { offset: node.offset, length: 1 }, `The enum ${n.fullname ? `"${n.fullname}" ` : ''}needs "symbols": add "symbols": ["A", "B"].`, { attribute: 'symbols', kind: 'enum' });
    } else if (symbolsProp.value) {
      if (symbolsProp.value.kind !== 'array') {
        this.report(Codes.AttributeType, symbolsProp.value, `"symbols" must be an array of names like ["ACTIVE", "INACTIVE"], not ${describeJson(symbolsProp.value)}.`);
      } else {
        symbolsNode = symbolsProp.value;
        for (const item of symbolsNode.items) {
          if (item.kind === 'string') symbols.push({ name: item.value, node: item });
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

  private fixed(node: JsonObject, namespace: string, depth: number, logicalType: LogicalTypeAnnotation | undefined): FixedSchema {
    const n = this.nameOf(node, namespace, 'fixed');
    const sizeProperty = getProperty(node, 'size');
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
