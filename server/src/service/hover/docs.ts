// What Avro's names mean, in Markdown: primitives (range, encoding, promotions), logical types, attributes, sort orders; shared by hover and completion.
import type { PrimitiveName } from '../model/types';
import { logicalTypeSpec } from '../util/logicalTypeSpecs';

export interface PrimitiveDoc {
  /** One line: what a value is. */
  summary: string;
  /** Range or content, and how it is encoded. */
  range: string;
  /** Types a reader of this type also reads (schema resolution: the writer's type is promoted). */
  readsFrom: PrimitiveName[];
  /** Reader types that can read data written with this type. */
  promotesTo: PrimitiveName[];
  /** The JSON value a field default of this type takes. */
  defaultValue: string;
}

/** The primitives of the specification, with the promotions of schema resolution. */
export const PRIMITIVE_DOCS: Readonly<Record<PrimitiveName, PrimitiveDoc>> = {
  null: {
    summary: 'No value.',
    range: 'The only value is null; encoded as zero bytes.',
    readsFrom: [],
    promotesTo: [],
    defaultValue: '`null`',
  },
  boolean: {
    summary: 'A binary value.',
    range: 'true or false; encoded as one byte (0 or 1).',
    readsFrom: [],
    promotesTo: [],
    defaultValue: '`true` or `false`',
  },
  int: {
    summary: '32-bit signed integer.',
    range: '-2,147,483,648 to 2,147,483,647; encoded as a zig-zag variable-length integer (1 to 5 bytes).',
    readsFrom: [],
    promotesTo: ['long', 'float', 'double'],
    defaultValue: 'a JSON integer in the int range, e.g. `0`',
  },
  long: {
    summary: '64-bit signed integer.',
    range: '-9,223,372,036,854,775,808 to 9,223,372,036,854,775,807; encoded as a zig-zag variable-length integer (1 to 10 bytes).',
    readsFrom: ['int'],
    promotesTo: ['float', 'double'],
    defaultValue: 'a JSON integer in the long range, e.g. `0`',
  },
  float: {
    summary: 'Single-precision (32-bit) IEEE 754 floating-point number.',
    range: 'About ±3.4e38 with 7 significant digits; encoded as 4 bytes, little-endian.',
    readsFrom: ['int', 'long'],
    promotesTo: ['double'],
    defaultValue: 'a JSON number, e.g. `0.0`',
  },
  double: {
    summary: 'Double-precision (64-bit) IEEE 754 floating-point number.',
    range: 'About ±1.8e308 with 15 to 17 significant digits; encoded as 8 bytes, little-endian.',
    readsFrom: ['int', 'long', 'float'],
    promotesTo: [],
    defaultValue: 'a JSON number, e.g. `0.0`',
  },
  bytes: {
    summary: 'A sequence of 8-bit unsigned bytes.',
    range: 'Any length; encoded as a long length followed by the bytes.',
    readsFrom: ['string'],
    promotesTo: ['string'],
    defaultValue: 'a JSON string whose characters U+0000 to U+00FF are the bytes, e.g. `""`',
  },
  string: {
    summary: 'A sequence of Unicode characters.',
    range: 'Any length; encoded as a long byte count followed by the UTF-8 bytes.',
    readsFrom: ['bytes'],
    promotesTo: ['bytes'],
    defaultValue: 'a JSON string, e.g. `""`',
  },
};

function codeList(names: readonly string[]): string {
  const quoted = names.map(n => `\`${n}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** Markdown about a primitive type: what it holds, its range and encoding, and its promotions. */
export function primitiveMarkdown(name: PrimitiveName): string {
  const d = PRIMITIVE_DOCS[name];
  const lines = [`**${name}**: Avro primitive type. ${d.summary}`, '', d.range];
  const resolution: string[] = [];
  if (d.promotesTo.length) resolution.push(`data written as \`${name}\` can be read as ${codeList(d.promotesTo)}`);
  if (d.readsFrom.length) resolution.push(`a \`${name}\` reader also reads data written as ${codeList(d.readsFrom)}`);
  if (resolution.length) {
    const text = resolution.join('; ');
    lines.push('', `Schema resolution: ${text}.`);
  } else {
    lines.push('', `Schema resolution: no promotion; only \`${name}\` data reads as \`${name}\`.`);
  }
  lines.push('', `Default value: ${d.defaultValue}.`);
  return lines.join('\n');
}

export interface LogicalTypeDoc {
  meaning: string;
  /** The underlying types as written in the specification. */
  underlying: string;
}

const LOGICAL_TYPE_DOCS: Readonly<Record<string, LogicalTypeDoc>> = {
  decimal: {
    meaning: 'An arbitrary-precision signed decimal number: unscaled × 10^-scale, the unscaled integer stored as big-endian two\'s-complement bytes. `precision` (required) is the total number of digits, `scale` (default 0) the digits after the point.',
    underlying: '`bytes` or `fixed`',
  },
  'big-decimal': {
    meaning: 'A decimal number whose scale is stored with each value (precision and scale are not fixed in the schema). Only Java and Rust implement it.',
    underlying: '`bytes`',
  },
  uuid: {
    meaning: 'A universally unique identifier (RFC 4122): the text form in a `string`, or the 16 bytes in a `fixed` of size 16 (Avro 1.12).',
    underlying: '`string` or `fixed` of size 16',
  },
  date: {
    meaning: 'A calendar date with no time of day and no time zone: the number of days since the Unix epoch, 1970-01-01.',
    underlying: '`int`',
  },
  'time-millis': {
    meaning: 'A time of day with no date and no time zone: milliseconds after midnight, 00:00:00.000.',
    underlying: '`int`',
  },
  'time-micros': {
    meaning: 'A time of day with no date and no time zone: microseconds after midnight, 00:00:00.000000.',
    underlying: '`long`',
  },
  'timestamp-millis': {
    meaning: 'An instant on the global timeline: milliseconds since the Unix epoch, 1970-01-01T00:00:00.000 UTC.',
    underlying: '`long`',
  },
  'timestamp-micros': {
    meaning: 'An instant on the global timeline: microseconds since the Unix epoch, 1970-01-01T00:00:00.000000 UTC.',
    underlying: '`long`',
  },
  'timestamp-nanos': {
    meaning: 'An instant on the global timeline: nanoseconds since the Unix epoch, 1970-01-01T00:00:00.000000000 UTC.',
    underlying: '`long`',
  },
  'local-timestamp-millis': {
    meaning: 'A date and time in a local time zone, whichever zone is local (no zone stored): milliseconds from 1970-01-01T00:00:00.000 local time.',
    underlying: '`long`',
  },
  'local-timestamp-micros': {
    meaning: 'A date and time in a local time zone, whichever zone is local (no zone stored): microseconds from 1970-01-01T00:00:00.000000 local time.',
    underlying: '`long`',
  },
  'local-timestamp-nanos': {
    meaning: 'A date and time in a local time zone, whichever zone is local (no zone stored): nanoseconds from 1970-01-01T00:00:00.000000000 local time.',
    underlying: '`long`',
  },
  duration: {
    meaning: 'An amount of time in months, days and milliseconds: three little-endian unsigned 32-bit integers (not a number of milliseconds: months and days vary in length).',
    underlying: '`fixed` of size 12',
  },
};

export function logicalTypeDoc(name: string): LogicalTypeDoc | undefined {
  return Object.prototype.hasOwnProperty.call(LOGICAL_TYPE_DOCS, name) ? LOGICAL_TYPE_DOCS[name] : undefined;
}

/** "Avro 1.12 specification" or "every Avro specification since 1.8"-style note on where a logical type comes from. */
export function logicalTypeVersionNote(name: string): string {
  const spec = logicalTypeSpec(name);
  if (!spec) return 'Not a logical type of the Avro specification: readers without a custom logical type of this name ignore it.';
  if (spec.since === '1.12') return 'Added in the Avro 1.12 specification: readers on Avro 1.11 or older ignore it and read the underlying type.';
  if (name === 'uuid') return 'In the Avro 1.11 specification on `string`; on `fixed` of size 16 since Avro 1.12.';
  return 'In the Avro 1.11 and 1.12 specifications.';
}

/** Markdown about a logical type (completion documentation; hover adds the schema it is on). */
export function logicalTypeMarkdown(name: string): string {
  const d = logicalTypeDoc(name);
  if (!d) return `**${name}**: ${logicalTypeVersionNote(name)}`;
  return [`**${name}**: logical type on ${d.underlying}.`, '', d.meaning, '', logicalTypeVersionNote(name)].join('\n');
}

export interface AttributeDoc {
  /** Markdown. */
  text: string;
}

/** The attributes of .avsc objects, by the kind of object they are written on. */
const ATTRIBUTE_DOCS: Readonly<Record<string, string>> = {
  type: 'The kind of schema: `record`, `enum`, `array`, `map`, `fixed`, a primitive, or the name of a defined type. On a field: the field\'s schema (a type name, a schema object or a union).',
  name: 'The name: letters, digits and `_`, not starting with a digit. A dotted name of a named type is its fullname (its `namespace` is then ignored).',
  namespace: 'The namespace of a named type and of the named types nested in it (dot-separated names). Without it, the namespace of the nearest enclosing named type applies.',
  doc: 'Documentation for readers of the schema. Not part of the Parsing Canonical Form: changing it changes no fingerprint.',
  aliases: 'Former names. A reader uses them to read data written with an old name (named types: relative to the namespace unless dotted; fields: plain names).',
  fields: 'The fields of the record, in order: objects with `name` and `type`, and optionally `default`, `doc`, `order`, `aliases`.',
  symbols: 'The symbols of the enum, unique names; their order is the order of the values.',
  default: 'On a field: the value a reader uses when the data has no such field (JSON matching the field type; for a union, its first branch). On an enum: the symbol a reader uses for a symbol it does not know.',
  order: 'How the field sorts records: `ascending` (the default), `descending`, or `ignore`.',
  size: 'The number of bytes of each value of the fixed.',
  items: 'The schema of the array\'s items.',
  values: 'The schema of the map\'s values (keys are always strings).',
  logicalType: 'A logical type annotating this schema (`timestamp-millis`, `decimal`, `uuid`, ...). An invalid one is ignored by readers, which then read the underlying type.',
  precision: 'Decimal: the total number of digits (required, greater than 0).',
  scale: 'Decimal: the number of digits after the point (0 to the precision; default 0).',
};

export function attributeMarkdown(key: string): string | undefined {
  const d = Object.prototype.hasOwnProperty.call(ATTRIBUTE_DOCS, key) ? ATTRIBUTE_DOCS[key] : undefined;
  return d === undefined ? undefined : `**${key}**: ${d}`;
}

export const ORDER_DOCS: Readonly<Record<'ascending' | 'descending' | 'ignore', string>> = {
  ascending: 'Records sort by this field in increasing order (the default).',
  descending: 'Records sort by this field in decreasing order.',
  ignore: 'This field is ignored when records are sorted or compared.',
};
