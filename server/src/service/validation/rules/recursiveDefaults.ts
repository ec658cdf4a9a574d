// A default that holds a value of a record still being defined: Java 1.9-1.11 fail ("Schema fields not set yet").
//
// Java 1.9-1.11 validate each field's default when the field is created (Schema.Parser validates
// defaults by default since 1.9), while the records around the field are still being parsed: their
// fields are set only after the last one. isValidDefault walks the default along the field's type
// (a union: its first branch only) and, on a JSON object where the type is a record, asks for the
// record's fields: for a record still being defined (the field's own record or one enclosing it,
// reached by name) that throws AvroRuntimeException "Schema fields not set yet". The walk stops at
// the first value that does not match (Java returns false: an "Invalid default", reported by the
// defaults rule), and an empty array or map holds nothing to walk. avsc fails on the same defaults
// (it reads them before the recursive type is complete); Python and Java 1.12 (which parses
// self-references as placeholders with no fields) accept them.
import { Codes } from '../../codes';
import { getProperty, type JsonObject, type JsonValue } from '../../parser/json';
import type { AvroSchema, RecordSchema } from '../../model/types';
import type { RuleContext } from '../validate';

/** `data` of AVRO-224: the field, where in its default (a JSON pointer) and the record reached. */
export interface RecursiveDefaultData {
  field: string;
  pointer: string;
  record: string;
}

/** A default nested deeper than this is not followed further (no real default comes close). */
const MAX_DEPTH = 256;

type Outcome = 'valid' | 'invalid' | { node: JsonObject; pointer: string; record: RecordSchema };

export function checkRecursiveDefaults(ctx: RuleContext): void {
  const records = new Set(ctx.doc.namedTypes.filter((t): t is RecordSchema => t.kind === 'record'));
  if (records.size === 0) return;
  for (const field of ctx.doc.fields) {
    const value = field.defaultProperty?.value;
    if (!value || !field.type || (value.kind !== 'object' && value.kind !== 'array')) continue;
    // The records being parsed when Java creates this field: its own and every one of this document
    // enclosing it (asked of the records reached, not listed for every field: that was quadratic).
    const at = field.node.offset;
    const open: OpenRecords = { has: r => records.has(r) && r.node.offset <= at && at < r.node.offset + r.node.length };
    const outcome = walk(ctx, open, field.type, value, '', 0);
    if (typeof outcome === 'string') continue;
    const data: RecursiveDefaultData = { field: field.name, pointer: outcome.pointer, record: outcome.record.fullname };
    const where = outcome.pointer === '' ? `The default of "${field.name}"` : `The default of "${field.name}" (at ${outcome.pointer})`;
    const own = outcome.record === field.record;
    ctx.report({
      code: Codes.RecursiveDefault,
      offset: outcome.node.offset,
      length: outcome.node.length,
      message: `${where} is a value of the record "${outcome.record.fullname}", which is still being defined${own ? ' (the field is one of its own)' : ' (the field is inside it)'}: Java 1.9 to 1.11, and so Schema Registry and avro-maven-plugin, fail with "Schema fields not set yet" while parsing this default, and avsc fails too; only Python and Java 1.12 read it. Use a default without a nested "${outcome.record.name}" value, e.g. null first in a nullable union, or [] / {}.`,
      data,
    });
  }
}

type OpenRecords = { has(record: RecordSchema): boolean };

/** Java 1.11's isValidDefault, far enough to know whether it throws. */
function walk(ctx: RuleContext, open: OpenRecords, schema: AvroSchema | undefined, value: JsonValue, pointer: string, depth: number): Outcome {
  if (!schema || depth > MAX_DEPTH) return 'valid';
  switch (schema.kind) {
    case 'reference': {
      const target = ctx.resolve(schema);
      if (target && target.kind === 'record' && open.has(target) && value.kind === 'object') return { node: value, pointer, record: target };
      return walk(ctx, open, target, value, pointer, depth + 1);
    }
    case 'union':
      return schema.branches.length ? walk(ctx, open, schema.branches[0], value, pointer, depth + 1) : 'invalid';
    case 'record': {
      if (value.kind !== 'object') return 'invalid';
      for (const f of schema.fields) {
        const given = getProperty(value, f.name)?.value;
        const v: JsonValue | undefined = given ?? f.defaultProperty?.value;
        if (!v) return 'invalid';
        // A field's own default was checked where it is written: only what the object holds is followed here.
        if (!given) continue;
        const r = walk(ctx, open, f.type, v, pointer + '/' + escape(f.name), depth + 1);
        if (r !== 'valid') return r;
      }
      return 'valid';
    }
    case 'array': {
      if (value.kind !== 'array') return 'invalid';
      for (let i = 0; i < value.items.length; i++) {
        const r = walk(ctx, open, schema.items, value.items[i], pointer + '/' + i, depth + 1);
        if (r !== 'valid') return r;
      }
      return 'valid';
    }
    case 'map': {
      if (value.kind !== 'object') return 'invalid';
      for (const p of value.properties) {
        if (!p.value) continue;
        const r = walk(ctx, open, schema.values, p.value, pointer + '/' + escape(p.key.value), depth + 1);
        if (r !== 'valid') return r;
      }
      return 'valid';
    }
    case 'enum':
    case 'fixed':
      return value.kind === 'string' ? 'valid' : 'invalid';
    case 'primitive':
      switch (schema.type) {
        case 'null': return value.kind === 'null' ? 'valid' : 'invalid';
        case 'boolean': return value.kind === 'boolean' ? 'valid' : 'invalid';
        case 'int': case 'long': return value.kind === 'number' && value.isIntegerLiteral ? 'valid' : 'invalid';
        case 'float': case 'double': return value.kind === 'number' ? 'valid' : 'invalid';
        default: return value.kind === 'string' ? 'valid' : 'invalid';
      }
    case 'invalid':
      return 'valid';
  }
}

function escape(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

