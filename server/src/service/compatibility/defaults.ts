// A valid default value for a schema, as JSON text, for "add a default" fixes (first union branch, as Avro 1.11 requires).
import type { AvroSchema } from '../model/types';
import type { Resolver } from '../model/schemaIndex';

const MAX_DEPTH = 4;
const MAX_FIXED = 64;

/** JSON text of a default value valid for `schema`, or undefined when there is no obvious one. */
export function suggestDefault(schema: AvroSchema | undefined, resolve: Resolver, depth = 0): string | undefined {
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
      return schema.size !== undefined && schema.size <= MAX_FIXED ? JSON.stringify('\u0000'.repeat(schema.size)) : undefined;
    case 'array': return '[]';
    case 'map': return '{}';
    case 'union':
      // Avro 1.11 (and avsc, python, fastavro) require the default to match the first branch.
      return schema.branches.length ? suggestDefault(schema.branches[0], resolve, depth + 1) : undefined;
    case 'reference':
      return suggestDefault(resolve(schema), resolve, depth + 1);
    case 'record': {
      const parts: string[] = [];
      for (const f of schema.fields) {
        if (f.defaultProperty?.value) continue; // readers fill it in from the field's own default
        const v = suggestDefault(f.type, resolve, depth + 1);
        if (v === undefined) return undefined;
        parts.push(`${JSON.stringify(f.name)}: ${v}`);
      }
      return parts.length ? `{${parts.join(', ')}}` : '{}';
    }
    default:
      return undefined;
  }
}
