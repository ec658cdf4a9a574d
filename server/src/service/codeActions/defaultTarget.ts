// What an AVRO-220 diagnostic (data: field, pointer) points at: the field, the offending JSON value, and the schema that value is for.
import type { JsonValue } from '../parser/json';
import type { Resolver } from '../model/schemaIndex';
import type { AvroSchema, Field } from '../model/types';
import type { InvalidDefaultData } from '../validation/rules/defaults';
import { end, nodeExactly } from './jsonEdits';
import type { CodeActionRequest, DiagnosticRef } from './types';

export interface DefaultTarget {
  field: Field;
  /** The JSON value the diagnostic is about (the whole default, or a value inside it). */
  value: JsonValue;
  /** The schema that value must match (after references and the union branch the rule explained against), when it can be told. */
  schema: AvroSchema | undefined;
  data: InvalidDefaultData;
}

export function isInvalidDefaultData(data: unknown): data is InvalidDefaultData {
  const d = data as InvalidDefaultData | undefined;
  return !!d && typeof d.field === 'string' && typeof d.pointer === 'string';
}

export function defaultTarget(request: CodeActionRequest, diagnostic: DiagnosticRef): DefaultTarget | undefined {
  const data = diagnostic.data;
  if (!isInvalidDefaultData(data)) return undefined;
  const field = request.doc.fields.find(f => {
    const v = f.defaultProperty?.value;
    return v !== undefined && v.offset <= diagnostic.offset && diagnostic.offset + diagnostic.length <= end(v);
  });
  if (!field || field.name !== data.field || !field.defaultProperty?.value) return undefined;
  const value = nodeExactly(field.defaultProperty.value, { offset: diagnostic.offset, length: diagnostic.length });
  if (!value) return undefined;
  return { field, value, schema: schemaAtPointer(field.type, data.pointer, value, request.resolve), data };
}

function deref(schema: AvroSchema | undefined, resolve: Resolver): AvroSchema | undefined {
  return schema?.kind === 'reference' ? resolve(schema) : schema;
}

/** The JSON kinds a schema's values are written as. */
function holds(schema: AvroSchema | undefined, kind: JsonValue['kind']): boolean {
  if (!schema) return false;
  switch (schema.kind) {
    case 'primitive':
      switch (schema.type) {
        case 'null': return kind === 'null';
        case 'boolean': return kind === 'boolean';
        case 'int': case 'long': case 'float': case 'double': return kind === 'number';
        default: return kind === 'string';
      }
    case 'enum': case 'fixed': return kind === 'string';
    case 'array': return kind === 'array';
    case 'map': case 'record': return kind === 'object';
    default: return false;
  }
}

/** Walk a JSON pointer of a default through the field's type. */
export function schemaAtPointer(type: AvroSchema | undefined, pointer: string, value: JsonValue, resolve: Resolver): AvroSchema | undefined {
  const segments = pointer === '' ? [] : pointer.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let schema = deref(type, resolve);
  for (const segment of segments) {
    if (schema?.kind === 'union') {
      const wanted = /^\d+$/.test(segment) ? 'array' : 'object';
      schema = schema.branches.map(b => deref(b, resolve)).find(b => holds(b, wanted));
    }
    if (!schema) return undefined;
    if (schema.kind === 'array') schema = deref(schema.items, resolve);
    else if (schema.kind === 'map') schema = deref(schema.values, resolve);
    else if (schema.kind === 'record') schema = deref(schema.fields.find(f => f.name === segment)?.type, resolve);
    else return undefined;
  }
  if (schema?.kind === 'union') {
    const fitting = schema.branches.map(b => deref(b, resolve)).filter(b => holds(b, value.kind));
    schema = fitting.length === 1 ? fitting[0] : undefined;
  }
  return schema;
}
