// What makes two definitions of one fullname "the same" for readers: canonical form plus what it strips but readers use.
//
// Decision (AVRO-306 and 1.12's identical-redefinition rule): two definitions are identical when
// they agree on everything the Parsing Canonical Form keeps (kind, fields in order with their types,
// symbols, size) and on what canonical form strips but schema resolution or the data's meaning
// depends on: field defaults, field and type aliases, non-default field order, the enum default,
// and logical types with their precision/scale. Documentation and custom attributes may differ.
// The comparison is shallow: a nested named type counts by its fullname (its own definitions are
// compared on their own), so a difference is reported once, where it is.
import { toPlainValue } from '../parser/json';
import type { AvroSchema, NamedSchema, ReferenceSchema } from '../model/types';

/**
 * The fullname a reference resolves to, as the definition's document sees it. A signature reads
 * nothing else of the target: an index can answer from summaries (SchemaIndex.resolveDefinition),
 * a rule from its resolver.
 */
export type NameResolver = (ref: ReferenceSchema) => { fullname: string } | undefined;

/** One aspect of a definition: a label for messages and a comparable value. */
export interface SignatureEntry {
  key: string;
  label: string;
  value: string;
}

export interface ComputedSignature {
  entries: SignatureEntry[];
  /** The entries as one string: equal keys, identical definitions. */
  key: string;
  /** The references the signature names, and the fullname each resolved to then. */
  resolved: Array<[ReferenceSchema, string | undefined]>;
}

/**
 * Signatures by definition, kept by the SchemaIndex of a snapshot (SchemaIndex.signatures): documents
 * are immutable, so only the resolution of references can change (another file defines or drops a
 * type); a cached signature is reused while it holds. Teams that inline one type in hundreds of files
 * compare it hundreds of times per re-validation.
 */
export type SignatureCache = WeakMap<NamedSchema, ComputedSignature>;

/** The aspects of a definition, in a stable order. */
export function definitionSignature(cache: SignatureCache, schema: NamedSchema, resolve: NameResolver): SignatureEntry[] {
  return signature(cache, schema, resolve).entries;
}

/** The signature as one comparable string: equal keys, identical definitions. */
export function definitionKey(cache: SignatureCache, schema: NamedSchema, resolve: NameResolver): string {
  return signature(cache, schema, resolve).key;
}

/** Whether two definitions are identical in the sense above. */
export function identicalDefinitions(cache: SignatureCache, a: NamedSchema, resolveA: NameResolver, b: NamedSchema, resolveB: NameResolver): boolean {
  return signature(cache, a, resolveA).key === signature(cache, b, resolveB).key;
}

function signature(cache: SignatureCache, schema: NamedSchema, resolve: NameResolver): ComputedSignature {
  const cached = cache.get(schema);
  if (cached && cached.resolved.every(([ref, fullname]) => resolve(ref)?.fullname === fullname)) return cached;
  const result = computeSignature(schema, resolve);
  cache.set(schema, result);
  return result;
}

/**
 * The signature of a definition, not cached: for an owner that keeps its own cache (the index
 * keeps the keys of summarized definitions, whose models are rebuilt and dropped). `resolved`
 * says what to check before reusing it.
 */
export function computeSignature(schema: NamedSchema, resolve: NameResolver): ComputedSignature {
  const resolved: Array<[ReferenceSchema, string | undefined]> = [];
  const recordingResolve: NameResolver = ref => {
    const target = resolve(ref);
    resolved.push([ref, target?.fullname]);
    return target;
  };
  const entries = signatureEntries(schema, recordingResolve);
  return { entries, key: entries.map(e => e.key + '\u0000' + e.value).join('\u0001'), resolved };
}

function signatureEntries(schema: NamedSchema, resolve: NameResolver): SignatureEntry[] {
  const out: SignatureEntry[] = [];
  const add = (key: string, label: string, value: string): void => {
    out.push({ key, label, value });
  };
  add('kind', 'the kind', schema.kind);
  if (schema.logicalType) add('logicalType', 'the logical type', logicalTypeText(schema));
  if (schema.aliases.length) add('aliases', 'the aliases', JSON.stringify(schema.aliases.map(a => a.fullname).sort()));
  switch (schema.kind) {
    case 'record':
      add('fields', 'the fields (in order)', JSON.stringify(schema.fields.map(f => f.name)));
      for (const f of schema.fields) {
        const label = `field "${f.name}"`;
        add(`field:${f.name}:type`, `the type of ${label}`, typeText(f.type, resolve));
        if (f.defaultProperty?.value) add(`field:${f.name}:default`, `the default of ${label}`, JSON.stringify(toPlainValue(f.defaultProperty.value)));
        if (f.aliases.length) add(`field:${f.name}:aliases`, `the aliases of ${label}`, JSON.stringify(f.aliases.map(a => a.name).sort()));
        if (f.order && f.order !== 'ascending') add(`field:${f.name}:order`, `the order of ${label}`, f.order);
      }
      break;
    case 'enum': {
      add('symbols', 'the symbols', JSON.stringify(schema.symbols.map(s => s.name)));
      const d = schema.defaultProperty?.value;
      if (d) add('default', 'the enum default', JSON.stringify(toPlainValue(d)));
      break;
    }
    case 'fixed':
      add('size', 'the size', String(schema.size));
      break;
  }
  return out;
}

/** The first aspect in which two signatures differ, with both values (undefined: absent). */
export function firstDifference(a: SignatureEntry[], b: SignatureEntry[]): { label: string; a: string | undefined; b: string | undefined } | undefined {
  const bByKey = new Map(b.map(e => [e.key, e]));
  for (const e of a) {
    const other = bByKey.get(e.key);
    if (!other) return { label: e.label, a: e.value, b: undefined };
    if (other.value !== e.value) return { label: e.label, a: e.value, b: other.value };
  }
  const aKeys = new Set(a.map(e => e.key));
  for (const e of b) if (!aKeys.has(e.key)) return { label: e.label, a: undefined, b: e.value };
  return undefined;
}

function logicalTypeText(schema: AvroSchema): string {
  const lt = schema.logicalType!;
  const parts = [lt.name];
  if (lt.precision?.value) parts.push(`precision ${JSON.stringify(toPlainValue(lt.precision.value))}`);
  if (lt.scale?.value) parts.push(`scale ${JSON.stringify(toPlainValue(lt.scale.value))}`);
  return parts.join(', ');
}

/** A type as canonical-form-like text, with logical types kept and named types as their fullnames. */
function typeText(schema: AvroSchema | undefined, resolve: NameResolver): string {
  if (!schema) return '?';
  let base: string;
  switch (schema.kind) {
    case 'primitive': base = schema.type; break;
    case 'record': case 'enum': case 'fixed': return schema.fullname;
    case 'reference': return resolve(schema)?.fullname ?? schema.candidates[0];
    case 'array': base = `array<${typeText(schema.items, resolve)}>`; break;
    case 'map': base = `map<${typeText(schema.values, resolve)}>`; break;
    case 'union': return `[${schema.branches.map(b => typeText(b, resolve)).join(', ')}]`;
    case 'invalid': return '?';
  }
  return schema.logicalType ? `${base} (${logicalTypeText(schema)})` : base;
}
