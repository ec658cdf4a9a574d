// A type-correct default value (JSON text) for a field's type: the one the compatibility report suggests and the "Add default" quick fix inserts (valid in Avro 1.11 and 1.12).
import type { Resolver } from '../model/schemaIndex';
import type { AvroSchema, NamedSchema } from '../model/types';
import { inlineJson } from '../util/inlineJson';

export interface DefaultContext {
  resolve: Resolver;
  /** The text of a document (a record field's own default is copied from where the record is defined). */
  textOf(uri: string): string | undefined;
}

/** Fixed types larger than this get no generated default (a string of that many "\u0000" helps nobody). */
const MAX_FIXED_SIZE = 4096;
const MAX_DEPTH = 32;

/**
 * JSON text of a default valid for `schema`: null, false, 0, 0.0, "", [], {}, the enum's default or
 * first symbol, `size` code points U+0000 for a fixed, and for a record an object with every field
 * (its own default when it has one, else one made the same way). A union's default matches its
 * first branch (what Avro 1.11 and most libraries require). Undefined when no value exists (a record
 * that contains itself without a null branch first) or the schema is unreadable.
 */
export function defaultValueFor(schema: AvroSchema | undefined, ctx: DefaultContext, depth = 0, open: Set<NamedSchema> = new Set()): string | undefined {
  if (!schema || depth > MAX_DEPTH) return undefined;
  switch (schema.kind) {
    case 'primitive':
      switch (schema.type) {
        case 'null': return 'null';
        case 'boolean': return 'false';
        case 'int': case 'long': return '0';
        case 'float': case 'double': return '0.0';
        case 'bytes': case 'string': return '""';
      }
      return undefined;
    case 'enum': {
      const d = schema.defaultProperty?.value;
      if (d?.kind === 'string' && schema.symbols.some(s => s.name === d.value)) return JSON.stringify(d.value);
      return schema.symbols.length ? JSON.stringify(schema.symbols[0].name) : undefined;
    }
    case 'fixed':
      return schema.size !== undefined && schema.size <= MAX_FIXED_SIZE ? `"${'\\u0000'.repeat(schema.size)}"` : undefined;
    case 'array': return '[]';
    case 'map': return '{}';
    case 'union':
      return schema.branches.length ? defaultValueFor(schema.branches[0], ctx, depth + 1, open) : undefined;
    case 'reference':
      return defaultValueFor(ctx.resolve(schema), ctx, depth + 1, open);
    case 'record': {
      if (open.has(schema)) return undefined; // a record inside itself: no finite value without a null branch first
      open.add(schema);
      try {
        const parts: string[] = [];
        for (const f of schema.fields) {
          const own = f.defaultProperty?.value;
          const text = own ? ctx.textOf(schema.uri) : undefined;
          const v = own && text !== undefined ? inlineJson(text, own) : defaultValueFor(f.type, ctx, depth + 1, open);
          if (v === undefined) return undefined;
          parts.push(`${JSON.stringify(f.name)}: ${v}`);
        }
        return `{${parts.join(', ')}}`;
      } finally {
        open.delete(schema);
      }
    }
    default:
      return undefined;
  }
}

/** The branch index of "null" in a union (resolved), or -1. */
export function nullBranchIndex(branches: readonly AvroSchema[]): number {
  return branches.findIndex(b => b.kind === 'primitive' && b.type === 'null');
}
