// Schemas in words ("union of null and string", "array of com.acme.Money") and in Avro IDL notation, for hovers and completion details.
import type { JsonValue } from '../parser/json';
import type { AvroSchema, EnumSchema, Field, FixedSchema, NamedSchema, RecordSchema } from '../model/types';

/** Fields listed in a record's IDL block before "... N more fields". */
export const MAX_LISTED_FIELDS = 20;
/** Symbols listed in an enum's IDL block before "...". */
export const MAX_LISTED_SYMBOLS = 30;
/** Nesting beyond which a type is abbreviated ("..."). */
const MAX_DEPTH = 6;

/** The name of a named type as seen from `namespace`: the simple name in the same namespace, else the fullname. */
export function nameFrom(fullname: string, namespace: string | undefined): string {
  if (namespace === undefined) return fullname;
  const dot = fullname.lastIndexOf('.');
  const space = dot < 0 ? '' : fullname.slice(0, dot);
  return space === namespace ? fullname.slice(dot + 1) : fullname;
}

function integerAttribute(schema: AvroSchema, key: 'precision' | 'scale'): number | undefined {
  const p = schema.logicalType?.[key];
  const v = p?.value;
  return v && v.kind === 'number' && v.isIntegerLiteral ? v.value : undefined;
}

/** "decimal(10, 2)", "timestamp-millis", or undefined without a logical type. */
export function logicalTypeLabel(schema: AvroSchema): string | undefined {
  const lt = schema.logicalType;
  if (!lt) return undefined;
  if (lt.name === 'decimal') {
    const precision = integerAttribute(schema, 'precision');
    const scale = integerAttribute(schema, 'scale');
    if (precision !== undefined) return `decimal(${precision}, ${scale ?? 0})`;
  }
  return lt.name;
}

/**
 * A schema in words: "string", "union of null and string", "array of com.acme.Money",
 * "map of long", "timestamp-millis (long)", "record com.acme.Address". Names are fullnames unless a
 * namespace is given (then relative to it).
 */
export function readableType(schema: AvroSchema | undefined, namespace?: string, depth = 0): string {
  if (!schema) return 'unknown type';
  if (depth > MAX_DEPTH) return '...';
  const logical = logicalTypeLabel(schema);
  const base = readableBase(schema, namespace, depth);
  return logical ? `${logical} (${base})` : base;
}

function readableBase(schema: AvroSchema, namespace: string | undefined, depth: number): string {
  switch (schema.kind) {
    case 'primitive': return schema.type;
    case 'record': return `${schema.isError ? 'error' : 'record'} ${nameFrom(schema.fullname, namespace)}`;
    case 'enum': return `enum ${nameFrom(schema.fullname, namespace)}`;
    case 'fixed': return `fixed ${nameFrom(schema.fullname, namespace)}${schema.size !== undefined ? ` (${schema.size} bytes)` : ''}`;
    case 'reference': return schema.name;
    case 'array': return `array of ${inner(schema.items, namespace, depth)}`;
    case 'map': return `map of ${inner(schema.values, namespace, depth)}`;
    case 'union': {
      const parts = schema.branches.map(b => inner(b, namespace, depth));
      if (parts.length === 0) return 'empty union';
      if (parts.length === 1) return `union of ${parts[0]}`;
      return `union of ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
    }
    case 'invalid': return 'invalid schema';
  }
}

/** A nested type in words: named types by name only, unions in parentheses. */
function inner(schema: AvroSchema | undefined, namespace: string | undefined, depth: number): string {
  if (!schema) return 'unknown type';
  if (schema.kind === 'record' || schema.kind === 'enum' || schema.kind === 'fixed') {
    const logical = logicalTypeLabel(schema);
    const name = nameFrom(schema.fullname, namespace);
    return logical ? `${logical} (${name})` : name;
  }
  const s = readableType(schema, namespace, depth + 1);
  return schema.kind === 'union' ? `(${s})` : s;
}

// ----- Avro IDL notation -----

/** IDL keywords for the logical types IDL has a keyword for. */
const IDL_LOGICAL: Readonly<Record<string, string>> = {
  date: 'date',
  'time-millis': 'time_ms',
  'timestamp-millis': 'timestamp_ms',
  'local-timestamp-millis': 'local_timestamp_ms',
  uuid: 'uuid',
};

/** A type in Avro IDL notation: `union { null, string }`, `array<Money>`, `timestamp_ms`, `decimal(10,2)`. */
export function idlType(schema: AvroSchema | undefined, namespace: string | undefined, depth = 0): string {
  if (!schema) return '?';
  if (depth > MAX_DEPTH) return '...';
  const lt = schema.logicalType;
  let base: string;
  switch (schema.kind) {
    case 'primitive': base = schema.type; break;
    case 'record': case 'enum': case 'fixed': base = nameFrom(schema.fullname, namespace); break;
    case 'reference': base = schema.name; break;
    case 'array': base = `array<${idlType(schema.items, namespace, depth + 1)}>`; break;
    case 'map': base = `map<${idlType(schema.values, namespace, depth + 1)}>`; break;
    case 'union': base = `union { ${schema.branches.map(b => idlType(b, namespace, depth + 1)).join(', ')} }`; break;
    case 'invalid': base = '?'; break;
  }
  if (!lt) return base;
  if (lt.name === 'decimal' && schema.kind === 'primitive' && schema.type === 'bytes') {
    const precision = integerAttribute(schema, 'precision');
    if (precision !== undefined) return `decimal(${precision},${integerAttribute(schema, 'scale') ?? 0})`;
  }
  const keyword = IDL_LOGICAL[lt.name];
  if (keyword && schema.kind === 'primitive') return keyword;
  return `@logicalType(${JSON.stringify(lt.name)}) ${base}`;
}

/** A default value as written, on one line, clipped. */
export function defaultText(value: JsonValue, text: string, max = 60): string {
  let s = text.substr(value.offset, value.length).replace(/\s*[\r\n]\s*/g, ' ');
  if (s.length > max) s = s.slice(0, max - 3) + '...';
  return s;
}

/** A field as an IDL declaration: `union { null, string } postcode = null;`. */
export function idlField(field: Field, text: string, namespace: string | undefined): string {
  const def = field.defaultProperty?.value;
  const order = field.order && field.order !== 'ascending' ? `@order(${JSON.stringify(field.order)}) ` : '';
  const aliases = field.aliases.length ? `@aliases([${field.aliases.map(a => JSON.stringify(a.name)).join(', ')}]) ` : '';
  return `${idlType(field.type, namespace)} ${order}${aliases}${field.name || '?'}${def ? ` = ${defaultText(def, text)}` : ''};`;
}

/** A named type as an IDL block (fields and symbols abbreviated past a limit). */
export function idlDeclaration(schema: NamedSchema, text: string): string {
  switch (schema.kind) {
    case 'record': return idlRecord(schema, text);
    case 'enum': return idlEnum(schema);
    case 'fixed': return idlFixed(schema);
  }
}

function idlRecord(record: RecordSchema, text: string): string {
  const lines = [`${record.isError ? 'error' : 'record'} ${record.fullname || '?'} {`];
  const shown = record.fields.slice(0, MAX_LISTED_FIELDS);
  for (const f of shown) lines.push(`  ${idlField(f, text, record.namespace)}`);
  const more = record.fields.length - shown.length;
  if (more > 0) lines.push(`  // ... ${more.toLocaleString('en-US')} more field${more === 1 ? '' : 's'}`);
  lines.push('}');
  return lines.join('\n');
}

function idlEnum(e: EnumSchema): string {
  const symbols = e.symbols.slice(0, MAX_LISTED_SYMBOLS).map(s => s.name);
  if (e.symbols.length > symbols.length) symbols.push('...');
  const def = e.defaultProperty?.value;
  return `enum ${e.fullname || '?'} { ${symbols.join(', ')} }${def && def.kind === 'string' ? ` = ${def.value};` : ''}`;
}

function idlFixed(f: FixedSchema): string {
  const lt = f.logicalType;
  let prefix = '';
  if (lt) {
    prefix = `@logicalType(${JSON.stringify(lt.name)}) `;
    if (lt.name === 'decimal') {
      const precision = integerAttribute(f, 'precision');
      if (precision !== undefined) prefix += `@precision(${precision}) @scale(${integerAttribute(f, 'scale') ?? 0}) `;
    }
  }
  return `${prefix}fixed ${f.fullname || '?'}(${f.size ?? '?'});`;
}
