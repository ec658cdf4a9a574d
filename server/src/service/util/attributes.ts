// Which Avro attributes belong to which kind of JSON object, and the properties of a document that do not belong.
import { isPrimitiveName, type AvroDocument, type ForeignProperty, type ObjectKind } from '../model/types';

export type { ForeignProperty, ObjectKind };

/** The attributes the specification gives a meaning to, per kind of object. */
export const ATTRIBUTES: Readonly<Record<ObjectKind, readonly string[]>> = {
  record: ['type', 'name', 'namespace', 'doc', 'aliases', 'fields'],
  enum: ['type', 'name', 'namespace', 'doc', 'aliases', 'symbols', 'default'],
  fixed: ['type', 'name', 'namespace', 'doc', 'aliases', 'size', 'logicalType', 'precision', 'scale'],
  array: ['type', 'items', 'logicalType'],
  map: ['type', 'values', 'logicalType'],
  primitive: ['type', 'logicalType', 'precision', 'scale'],
  field: ['name', 'type', 'doc', 'default', 'order', 'aliases'],
};

/**
 * Attributes that have a meaning on *some* kind of object: elsewhere they are a mistake rather
 * than custom metadata. (`doc` is left out: documentation on an array is harmless; `type` is
 * everywhere; `logicalType` and `default` have their own rules.)
 */
export const STRUCTURAL_ATTRIBUTES: ReadonlySet<string> = new Set([
  'name', 'namespace', 'aliases', 'fields', 'symbols', 'size', 'items', 'values', 'order',
]);

/** The object kind for a value of "type" ("error" is a record); undefined for names of named types. */
export function objectKindOfType(type: string | undefined): ObjectKind | undefined {
  switch (type) {
    case 'record': case 'error': return 'record';
    case 'enum': case 'fixed': case 'array': case 'map': return type;
    default: return type !== undefined && isPrimitiveName(type) ? 'primitive' : undefined;
  }
}

/**
 * Whether `key` is an attribute of `kind` (`doc` is accepted everywhere here: documentation on an
 * array or a primitive is harmless and common). A switch, not a Set: on a freshly parsed document
 * every key is a new string, and a Set lookup would hash each of them first.
 */
export function isAttributeOf(kind: ObjectKind, key: string): boolean {
  switch (key) {
    case 'type': return true;
    case 'doc': return true;
    case 'name': return kind === 'field' || kind === 'record' || kind === 'enum' || kind === 'fixed';
    case 'namespace': return kind === 'record' || kind === 'enum' || kind === 'fixed';
    case 'aliases': return kind === 'field' || kind === 'record' || kind === 'enum' || kind === 'fixed';
    case 'fields': return kind === 'record';
    case 'symbols': return kind === 'enum';
    case 'size': return kind === 'fixed';
    case 'items': return kind === 'array';
    case 'values': return kind === 'map';
    case 'default': return kind === 'field' || kind === 'enum';
    case 'order': return kind === 'field';
    case 'logicalType': return kind !== 'field' && kind !== 'record' && kind !== 'enum';
    case 'precision': case 'scale': return kind === 'fixed' || kind === 'primitive';
    default: return false;
  }
}

/**
 * Every property of the document's schema and field objects that is not an attribute of that kind
 * of object (collected by the model builder with isAttributeOf).
 */
export function foreignProperties(doc: AvroDocument): readonly ForeignProperty[] {
  return doc.foreignProperties;
}
