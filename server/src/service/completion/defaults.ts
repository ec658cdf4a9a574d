// Default values that type-check against a schema: null first for ["null", T], the symbols of an enum, 0, "", false, [], {}, records built from their fields.
//
// Unions take a value of their first branch: Avro 1.11, avsc, Python and fastavro require it, and
// Java accepts it, so the proposal is portable whatever specVersion says.
import type { Resolver } from '../model/schemaIndex';
import type { AvroSchema, NamedSchema } from '../model/types';

export interface DefaultProposal {
  /** The JSON text. */
  json: string;
  /** A short explanation ("first symbol", "empty array"). */
  detail: string;
}

/** Fixed sizes up to this get a proposal of zero bytes ("\u0000" repeated). */
const MAX_FIXED_PROPOSAL = 32;
const MAX_DEPTH = 8;

/** Proposals for a default of `schema`, the most likely first; none when the type is unknown or cannot be given a value. */
export function defaultProposals(schema: AvroSchema | undefined, resolve: Resolver): DefaultProposal[] {
  const target = deref(schema, resolve);
  if (!target) return [];
  switch (target.kind) {
    case 'primitive':
      switch (target.type) {
        case 'null': return [{ json: 'null', detail: 'null' }];
        case 'boolean': return [{ json: 'false', detail: 'boolean' }, { json: 'true', detail: 'boolean' }];
        case 'int': case 'long': return [{ json: '0', detail: target.type }];
        case 'float': case 'double': return [{ json: '0.0', detail: target.type }];
        case 'string': return [{ json: '""', detail: 'empty string' }];
        case 'bytes': return [{ json: '""', detail: 'no bytes' }];
      }
      return [];
    case 'enum': {
      const own = target.defaultProperty?.value;
      const symbols = target.symbols.map(s => s.name);
      const first = own && own.kind === 'string' && symbols.includes(own.value) ? own.value : symbols[0];
      const ordered = first === undefined ? symbols : [first, ...symbols.filter(s => s !== first)];
      return ordered.map((s, i) => ({ json: JSON.stringify(s), detail: i === 0 ? (s === symbols[0] ? `first symbol of ${target.name}` : `default symbol of ${target.name}`) : `symbol of ${target.name}` }));
    }
    case 'union': {
      // The first branch (portable); one with a null first branch proposes only null.
      const first = target.branches[0];
      return first ? defaultProposals(first, resolve).map(p => ({ ...p, detail: `${p.detail} (first branch of the union)` })) : [];
    }
    default: {
      const json = defaultValue(target, resolve, 0, new Set());
      return json === undefined ? [] : [{ json, detail: describe(target) }];
    }
  }
}

/** One valid default value as JSON text, or undefined. */
export function defaultValue(schema: AvroSchema | undefined, resolve: Resolver, depth: number, inProgress: Set<NamedSchema>): string | undefined {
  const target = deref(schema, resolve);
  if (!target || depth > MAX_DEPTH) return undefined;
  switch (target.kind) {
    case 'primitive':
    case 'enum':
      return defaultProposals(target, resolve)[0]?.json;
    case 'union':
      return target.branches[0] ? defaultValue(target.branches[0], resolve, depth + 1, inProgress) : undefined;
    case 'fixed':
      if (target.size === undefined || target.size > MAX_FIXED_PROPOSAL) return undefined;
      return JSON.stringify('\u0000'.repeat(target.size));
    case 'array':
      return '[]';
    case 'map':
      return '{}';
    case 'record': {
      if (inProgress.has(target)) return undefined; // a record that must contain itself has no finite default
      inProgress.add(target);
      const parts: string[] = [];
      let ok = true;
      for (const f of target.fields) {
        if (f.defaultProperty?.value) continue; // readers fill it from the field's own default
        const v = defaultValue(f.type, resolve, depth + 1, inProgress);
        if (v === undefined) {
          ok = false;
          break;
        }
        parts.push(`${JSON.stringify(f.name)}: ${v}`);
      }
      inProgress.delete(target);
      if (!ok) return undefined;
      return parts.length ? `{${parts.join(', ')}}` : '{}';
    }
    default:
      return undefined;
  }
}

function deref(schema: AvroSchema | undefined, resolve: Resolver): AvroSchema | undefined {
  for (let i = 0; schema && schema.kind === 'reference' && i < 16; i++) schema = resolve(schema);
  return schema && schema.kind !== 'reference' && schema.kind !== 'invalid' ? schema : undefined;
}

function describe(schema: AvroSchema): string {
  switch (schema.kind) {
    case 'array': return 'empty array';
    case 'map': return 'empty map';
    case 'fixed': return `${schema.size} zero bytes`;
    case 'record': return `record ${schema.name} with a value for each field without a default`;
    default: return schema.kind;
  }
}
