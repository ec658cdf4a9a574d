// Walks a default value against its schema: the record field names (object keys) and enum symbols (strings) written inside it.
import type { JsonString, JsonValue } from '../parser/json';
import type { Resolver } from '../model/schemaIndex';
import type { AvroSchema, EnumSchema, NamedSchema, RecordSchema } from '../model/types';

/** A name written inside a default value that stands for a field of a record or a symbol of an enum. */
export type DefaultOccurrence =
  /** A key of a JSON object read as a record: the name of one of its fields. */
  | { kind: 'field-key'; node: JsonString; record: RecordSchema }
  /** A string read as an enum: one of its symbols (or a wrong one, which validation reports). */
  | { kind: 'symbol'; node: JsonString; enum: EnumSchema };

/**
 * Every field key and enum symbol inside `value` read as `schema`. Union defaults are read with
 * the first branch that can hold the JSON value (Avro 1.12 and Java accept any branch; 1.11
 * requires the first, which is then also the first that fits). Never throws; the walk follows the
 * value, so recursive schemas terminate.
 */
export function defaultOccurrences(value: JsonValue, schema: AvroSchema | undefined, resolve: Resolver): DefaultOccurrence[] {
  const out: DefaultOccurrence[] = [];
  walk(value, schema, resolve, out);
  return out;
}

function named(schema: AvroSchema | undefined, resolve: Resolver): AvroSchema | undefined {
  if (schema?.kind === 'reference') return resolve(schema);
  return schema;
}

function walk(value: JsonValue, schema: AvroSchema | undefined, resolve: Resolver, out: DefaultOccurrence[]): void {
  let s = named(schema, resolve);
  if (s?.kind === 'union') s = branchFor(value, s.branches, resolve);
  if (!s) return;
  switch (s.kind) {
    case 'record':
      if (value.kind !== 'object') return;
      for (const p of value.properties) {
        out.push({ kind: 'field-key', node: p.key, record: s });
        const field = s.fields.find(f => f.name === p.key.value);
        if (field && p.value) walk(p.value, field.type, resolve, out);
      }
      return;
    case 'enum':
      if (value.kind === 'string') out.push({ kind: 'symbol', node: value, enum: s });
      return;
    case 'array':
      if (value.kind === 'array') for (const item of value.items) walk(item, s.items, resolve, out);
      return;
    case 'map':
      if (value.kind === 'object') for (const p of value.properties) if (p.value) walk(p.value, s.values, resolve, out);
      return;
    default:
      return;
  }
}

/** The branch of a union a default value is read with: the first that can hold its JSON kind. */
function branchFor(value: JsonValue, branches: readonly AvroSchema[], resolve: Resolver): AvroSchema | undefined {
  for (const b of branches) {
    const s = named(b, resolve);
    if (s && fits(value, s)) return s;
  }
  return undefined;
}

function fits(value: JsonValue, s: AvroSchema | NamedSchema): boolean {
  switch (value.kind) {
    case 'null': return s.kind === 'primitive' && s.type === 'null';
    case 'boolean': return s.kind === 'primitive' && s.type === 'boolean';
    case 'number': return s.kind === 'primitive' && (s.type === 'int' || s.type === 'long' || s.type === 'float' || s.type === 'double');
    case 'string':
      if (s.kind === 'enum') return s.symbols.some(x => x.name === value.value);
      return s.kind === 'fixed' || (s.kind === 'primitive' && (s.type === 'string' || s.type === 'bytes'));
    case 'object': return s.kind === 'record' || s.kind === 'map';
    case 'array': return s.kind === 'array';
  }
}
