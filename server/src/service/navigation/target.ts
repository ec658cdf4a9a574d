// What the string under the cursor is (a type name, a reference, a field, an enum symbol...) and the named thing it stands for.
import { pathAtOffset, type JsonObject, type JsonProperty, type JsonString, type JsonValue } from '../parser/json';
import type { Resolver, SchemaIndex } from '../model/schemaIndex';
import type { Alias, AvroDocument, EnumSchema, EnumSymbol, Field, NamedSchema, RecordSchema, ReferenceSchema } from '../model/types';
import type { TypeDefinition } from '../model/summary';
import { defaultOccurrences } from './defaultValues';
import { cacheSlot } from '../model/documentCache';


/** The string under the cursor and its role in the schema. */
export type CursorTarget =
  /** The `name` of a record, enum or fixed. */
  | { kind: 'type-definition'; node: JsonString; schema: NamedSchema }
  /** A named type used by name: `"Money"`, `{"type": "Money"}`, a union member. */
  | { kind: 'type-reference'; node: JsonString; reference: ReferenceSchema }
  /** An alias of a named type (an earlier fullname). */
  | { kind: 'type-alias'; node: JsonString; alias: Alias; owner: NamedSchema }
  /** The value of `namespace`. */
  | { kind: 'namespace'; node: JsonString; owner: NamedSchema }
  /** The `name` of a field. */
  | { kind: 'field-definition'; node: JsonString; field: Field }
  /** An alias of a field (an earlier name). */
  | { kind: 'field-alias'; node: JsonString; alias: Alias; field: Field }
  /** A key of a default value read as a record: the name of one of its fields. */
  | { kind: 'field-key'; node: JsonString; record: RecordSchema }
  /** A symbol in an enum's `symbols`. */
  | { kind: 'symbol-definition'; node: JsonString; enum: EnumSchema; symbol: EnumSymbol }
  /** A string read as an enum symbol: the enum's own default or a field default. */
  | { kind: 'symbol-use'; node: JsonString; enum: EnumSchema }
  /** A primitive type name used as a type. */
  | { kind: 'primitive'; node: JsonString; name: string }
  /** Any other string: an attribute name (a key), a kind keyword ("record"), a doc, a value. */
  | { kind: 'other'; node: JsonString; isKey: boolean };

/** A named thing of the workspace that navigation, highlights and rename work on. */
export type NavSymbol =
  /** A named type; every definition of the fullname in the workspace is the same type (teams inline copies). */
  | { kind: 'type'; fullname: string; schema: TypeDefinition }
  | { kind: 'field'; record: RecordSchema; name: string }
  | { kind: 'symbol'; enum: EnumSchema; name: string };

type Role =
  | { kind: 'type-definition'; schema: NamedSchema }
  | { kind: 'type-reference'; reference: ReferenceSchema }
  | { kind: 'type-alias'; alias: Alias; owner: NamedSchema }
  | { kind: 'namespace'; owner: NamedSchema }
  | { kind: 'field-definition'; field: Field }
  | { kind: 'field-alias'; alias: Alias; field: Field }
  | { kind: 'symbol-definition'; enum: EnumSchema; symbol: EnumSymbol }
  | { kind: 'enum-default'; enum: EnumSchema }
  | { kind: 'primitive' };

interface Roles {
  strings: Map<JsonString, Role>;
  /** Field objects by node, to find the field whose default holds the cursor. */
  fieldObjects: Map<JsonObject, Field>;
}

/** Built once per document (a document is immutable): the role of every string the model knows. */
const ROLES = cacheSlot<Roles>('navigation roles');

function rolesOf(doc: AvroDocument): Roles {
  return doc.cache.memo(ROLES, () => buildRoles(doc));
}

function buildRoles(doc: AvroDocument): Roles {
  const strings = new Map<JsonString, Role>();
  const fieldObjects = new Map<JsonObject, Field>();
  for (const s of doc.schemas) {
    if (!s) continue;
    switch (s.kind) {
      case 'record': case 'enum': case 'fixed':
        if (s.nameNode) strings.set(s.nameNode, { kind: 'type-definition', schema: s });
        if (s.namespaceNode) strings.set(s.namespaceNode, { kind: 'namespace', owner: s });
        for (const alias of s.aliases) strings.set(alias.node, { kind: 'type-alias', alias, owner: s });
        if (s.kind === 'enum') {
          for (const symbol of s.symbols) strings.set(symbol.node, { kind: 'symbol-definition', enum: s, symbol });
          const d = s.defaultProperty?.value;
          if (d?.kind === 'string') strings.set(d, { kind: 'enum-default', enum: s });
        }
        break;
      case 'reference':
        strings.set(s.nameNode, { kind: 'type-reference', reference: s });
        break;
      case 'primitive':
        if (s.node.kind === 'string') strings.set(s.node, { kind: 'primitive' });
        else if (s.node.kind === 'object') {
          const type = s.node.properties.find(p => p.key.value === 'type')?.value;
          if (type?.kind === 'string') strings.set(type, { kind: 'primitive' });
        }
        break;
    }
  }
  for (const field of doc.fields) {
    fieldObjects.set(field.node, field);
    if (field.nameNode) strings.set(field.nameNode, { kind: 'field-definition', field });
    for (const alias of field.aliases) strings.set(alias.node, { kind: 'field-alias', alias, field });
  }
  return { strings, fieldObjects };
}

/**
 * The string at `offset` (inside it or touching either quote) and its role, or undefined when the
 * cursor is not on a string. `resolve` reads field defaults whose types are defined elsewhere.
 */
export function targetAt(doc: AvroDocument, offset: number, resolve: Resolver): CursorTarget | undefined {
  const path = pathAtOffset(doc.json.root, offset);
  const last = path[path.length - 1];
  if (!last || last.kind !== 'string') return undefined;
  const node = last;
  const parent = path[path.length - 2];
  const isKey = parent?.kind === 'property' && parent.key === node;
  const roles = rolesOf(doc);
  const role = isKey ? undefined : roles.strings.get(node);
  if (role) {
    switch (role.kind) {
      case 'type-definition': return { kind: 'type-definition', node, schema: role.schema };
      case 'type-reference': return { kind: 'type-reference', node, reference: role.reference };
      case 'type-alias': return { kind: 'type-alias', node, alias: role.alias, owner: role.owner };
      case 'namespace': return { kind: 'namespace', node, owner: role.owner };
      case 'field-definition': return { kind: 'field-definition', node, field: role.field };
      case 'field-alias': return { kind: 'field-alias', node, alias: role.alias, field: role.field };
      case 'symbol-definition': return { kind: 'symbol-definition', node, enum: role.enum, symbol: role.symbol };
      case 'enum-default': return { kind: 'symbol-use', node, enum: role.enum };
      case 'primitive': return { kind: 'primitive', node, name: node.value };
    }
  }
  // Inside a field's default value: a record field key or an enum symbol.
  const inDefault = fieldDefaultOnPath(path, roles);
  if (inDefault) {
    const { field, value } = inDefault;
    for (const o of defaultOccurrences(value, field.type, resolve)) {
      if (o.node !== node) continue;
      return o.kind === 'field-key' ? { kind: 'field-key', node, record: o.record } : { kind: 'symbol-use', node, enum: o.enum };
    }
  }
  return { kind: 'other', node, isKey };
}

function fieldDefaultOnPath(path: Array<JsonValue | JsonProperty>, roles: Roles): { field: Field; value: JsonValue } | undefined {
  for (let i = path.length - 1; i >= 1; i--) {
    const p = path[i];
    if (p.kind !== 'property' || p.key.value !== 'default' || !p.value) continue;
    const owner = path[i - 1];
    if (owner.kind !== 'object') continue;
    const field = roles.fieldObjects.get(owner);
    if (field && field.defaultProperty === p) return { field, value: p.value };
  }
  return undefined;
}

/**
 * The named thing a cursor target stands for, or undefined (an unresolved reference, an alias of
 * a type no longer defined, a primitive, any other string).
 */
export function symbolOf(target: CursorTarget, doc: AvroDocument, index: SchemaIndex, resolve: Resolver): NavSymbol | undefined {
  switch (target.kind) {
    case 'type-definition':
      return { kind: 'type', fullname: target.schema.fullname, schema: target.schema };
    case 'type-reference': {
      const schema = resolve(target.reference);
      return schema ? { kind: 'type', fullname: schema.fullname, schema } : undefined;
    }
    case 'type-alias': {
      // An alias names an earlier fullname: it has a target only while some type still has that name.
      const local = doc.definitions.get(target.alias.fullname);
      const schema = local ?? index.definitionsOf(target.alias.fullname)[0];
      return schema ? { kind: 'type', fullname: schema.fullname, schema } : undefined;
    }
    case 'field-definition':
      return target.field.nameNode ? { kind: 'field', record: target.field.record, name: target.field.name } : undefined;
    case 'field-key':
      return target.record.fields.some(f => f.name === target.node.value) ? { kind: 'field', record: target.record, name: target.node.value } : undefined;
    case 'symbol-definition':
      return { kind: 'symbol', enum: target.enum, name: target.symbol.name };
    case 'symbol-use':
      return target.enum.symbols.some(s => s.name === target.node.value) ? { kind: 'symbol', enum: target.enum, name: target.node.value } : undefined;
    default:
      return undefined;
  }
}

/** Two definitions of the same named type: the same object, or two definitions of one valid fullname. */
export function sameType(a: NamedSchema, b: NamedSchema): boolean {
  return a === b || (a.hasValidName && b.hasValidName && a.fullname === b.fullname);
}
