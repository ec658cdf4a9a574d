// Seeded generator of realistic .avsc files (nested records, enums, unions, logical types, docs) for the benchmarks.
//
// Usage as a script: node out/test/bench/generate.js <fields> [seed] > schema.avsc
// Every generated schema is valid Avro (checked against avsc by the benchmark before timing).

/** A small, fast, seeded PRNG (mulberry32): the same seed gives the same files on every machine. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Pick a key of a weight table. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K {
    const entries = Object.entries(weights) as Array<[K, number]>;
    let total = 0;
    for (const [, w] of entries) total += w;
    let r = this.next() * total;
    for (const [k, w] of entries) {
      r -= w;
      if (r < 0) return k;
    }
    return entries[entries.length - 1][0];
  }
}

const NOUNS = [
  'account', 'address', 'agent', 'amount', 'balance', 'batch', 'budget', 'carrier', 'channel', 'charge', 'city',
  'claim', 'contract', 'country', 'coupon', 'customer', 'delivery', 'device', 'discount', 'invoice', 'item',
  'ledger', 'limit', 'merchant', 'order', 'owner', 'package', 'partner', 'payment', 'policy', 'price', 'product',
  'quota', 'region', 'refund', 'request', 'reservation', 'route', 'session', 'shipment', 'sku', 'store',
  'subscription', 'supplier', 'tax', 'tenant', 'ticket', 'transfer', 'user', 'vendor', 'warehouse', 'window',
] as const;
const QUALIFIERS = [
  'billing', 'current', 'default', 'effective', 'external', 'final', 'gross', 'initial', 'internal', 'last',
  'local', 'max', 'min', 'net', 'next', 'origin', 'parent', 'pending', 'previous', 'primary', 'reported',
  'requested', 'source', 'target', 'total', 'upstream',
] as const;
const SUFFIXES = ['id', 'code', 'count', 'name', 'status', 'ref', 'key', 'label', 'version', 'value', 'at', 'ms'] as const;
const DOC_SUBJECTS = [
  'Identifier of the', 'Name of the', 'Reference to the', 'Timestamp at which the', 'Number of items in the',
  'Current state of the', 'Version of the', 'Opaque token issued for the', 'Amount charged for the',
  'Human-readable label of the', 'Region that owns the', 'Upstream system that produced the',
] as const;
const DOC_TAILS = [
  'as reported by the upstream service', 'in UTC', 'after validation', 'at the time the event was emitted',
  'as stored in the ledger', 'used for reconciliation', 'shown to operators in the console',
  'copied from the originating request', 'rounded to the currency precision', 'set once and never updated',
  'empty when not applicable', 'see the data contract for allowed values', 'used by downstream consumers for joins',
] as const;
const SYMBOL_WORDS = [
  'ACTIVE', 'INACTIVE', 'PENDING', 'APPROVED', 'REJECTED', 'CANCELLED', 'EXPIRED', 'SUSPENDED', 'DRAFT',
  'PUBLISHED', 'ARCHIVED', 'FAILED', 'SUCCEEDED', 'RETRYING', 'UNKNOWN', 'CREATED', 'UPDATED', 'DELETED',
  'OPEN', 'CLOSED', 'ON_HOLD', 'IN_TRANSIT', 'DELIVERED', 'RETURNED',
] as const;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A named type another file defines, which generated fields may reference by fullname. */
export interface ExternalType {
  fullname: string;
  kind: 'record' | 'enum' | 'fixed';
  /** A valid default value for a field of this type, when one is cheap to write. */
  defaultValue?: Json;
}

export interface GenerateOptions {
  /** Number of top-level fields of the root record. */
  fields: number;
  seed?: number;
  namespace?: string;
  /** Simple name of the root record. */
  name?: string;
  /** Named types of other files that fields may reference (cross-file references). */
  external?: readonly ExternalType[];
  /** Probability that a field references one of `external` (default 0.15 when some are given). */
  externalReferenceRate?: number;
  /** Appended to the names of nested named types, to keep them unique across the files of a workspace. */
  typeTag?: string;
}

export interface GeneratedSchema {
  text: string;
  /** Fullname of the root record. */
  fullname: string;
  /** Every named type the file defines, with a valid default value where one is cheap. */
  defines: ExternalType[];
}

type FieldKind = 'primitive' | 'nullable' | 'logical' | 'enum' | 'record' | 'array' | 'map' | 'fixed' | 'reference';

const TOP_LEVEL_WEIGHTS: Record<FieldKind, number> = {
  primitive: 24, nullable: 19, logical: 12, enum: 10, record: 12, array: 8, map: 6, fixed: 4, reference: 5,
};
const NESTED_WEIGHTS: Record<FieldKind, number> = {
  primitive: 34, nullable: 22, logical: 16, enum: 8, record: 6, array: 6, map: 4, fixed: 2, reference: 2,
};
const PRIMITIVES = ['string', 'string', 'string', 'int', 'long', 'long', 'boolean', 'double', 'float', 'bytes'] as const;

/** Builds one schema; a class so that naming state (unique names, defined types) is per file. */
class SchemaGenerator {
  private readonly rnd: Random;
  private readonly namespace: string;
  private readonly defined: ExternalType[] = [];
  /** Named types defined so far in this file that a later field may reference. */
  private readonly referable: ExternalType[] = [];
  private typeCounter = 0;

  constructor(private readonly opts: GenerateOptions) {
    this.rnd = new Random(opts.seed ?? 1);
    this.namespace = opts.namespace ?? 'com.acme.bench';
  }

  generate(): GeneratedSchema {
    const name = this.opts.name ?? 'BenchEvent';
    const fields: Json[] = [];
    const used = new Set<string>();
    for (let i = 0; i < this.opts.fields; i++) fields.push(this.field(used, TOP_LEVEL_WEIGHTS, 0, this.namespace));
    const root: Json = {
      type: 'record',
      name,
      namespace: this.namespace,
      doc: `${this.sentence()} Generated for benchmarks (${this.opts.fields} top-level fields).`,
      fields,
    };
    const fullname = `${this.namespace}.${name}`;
    this.defined.unshift({ fullname, kind: 'record' });
    return { text: prettyPrint(root) + '\n', fullname, defines: this.defined };
  }

  private fieldName(used: Set<string>): string {
    const r = this.rnd;
    let base = r.chance(0.6) ? `${r.pick(QUALIFIERS)}_${r.pick(NOUNS)}_${r.pick(SUFFIXES)}` : `${r.pick(NOUNS)}_${r.pick(SUFFIXES)}`;
    if (used.has(base)) {
      let n = 2;
      while (used.has(`${base}_${n}`)) n++;
      base = `${base}_${n}`;
    }
    used.add(base);
    return base;
  }

  private typeName(prefix: string): string {
    const noun = this.rnd.pick(NOUNS);
    return `${noun[0].toUpperCase()}${noun.slice(1)}${prefix}${++this.typeCounter}${this.opts.typeTag ?? ''}`;
  }

  private sentence(): string {
    const r = this.rnd;
    const s = `${r.pick(DOC_SUBJECTS)} ${r.pick(NOUNS)}, ${r.pick(DOC_TAILS)}.`;
    return r.chance(0.25) ? `${s} ${r.pick(DOC_SUBJECTS)} ${r.pick(NOUNS)} ${r.pick(DOC_TAILS)}.` : s;
  }

  private field(used: Set<string>, weights: Record<FieldKind, number>, depth: number, namespace: string): Json {
    const r = this.rnd;
    const name = this.fieldName(used);
    const external = this.opts.external ?? [];
    const rate = this.opts.externalReferenceRate ?? 0.15;
    let kind: FieldKind = external.length > 0 && r.chance(rate) ? 'reference' : r.weighted(weights);
    if (kind === 'record' && depth >= 2) kind = 'nullable';
    if (kind === 'reference' && this.referable.length === 0 && external.length === 0) kind = 'primitive';
    const field: { [key: string]: Json } = { name };
    switch (kind) {
      case 'primitive': {
        const p = r.pick(PRIMITIVES);
        field.type = p;
        if (r.chance(0.4)) field.default = defaultOf(p, r);
        break;
      }
      case 'nullable': {
        const inner = r.chance(0.25) ? this.logicalType(namespace) : r.pick(PRIMITIVES);
        field.type = ['null', inner];
        field.default = null;
        break;
      }
      case 'logical':
        field.type = this.logicalType(namespace);
        break;
      case 'enum': {
        const e = this.enumType(namespace);
        field.type = e.schema;
        if (r.chance(0.3)) field.default = e.default;
        break;
      }
      case 'record': {
        const rec = this.recordType(depth + 1, namespace);
        // Optional nested records are the common shape: ["null", {record}] with a null default.
        if (r.chance(0.4)) {
          field.type = ['null', rec];
          field.default = null;
        } else {
          field.type = rec;
        }
        break;
      }
      case 'array': {
        const items: Json = depth < 2 && r.chance(0.3) ? this.recordType(depth + 1, namespace) : r.pick(PRIMITIVES);
        field.type = { type: 'array', items };
        if (r.chance(0.5)) field.default = [];
        break;
      }
      case 'map': {
        const values: Json = r.chance(0.3) ? ['null', r.pick(PRIMITIVES)] : r.pick(PRIMITIVES);
        field.type = { type: 'map', values };
        if (r.chance(0.5)) field.default = {};
        break;
      }
      case 'fixed': {
        const size = r.pick([4, 8, 12, 16, 32]);
        const fname = this.typeName('Hash');
        const fixed: { [key: string]: Json } = { type: 'fixed', name: fname, size };
        if (r.chance(0.5)) fixed.doc = this.sentence();
        this.define({ fullname: `${namespace}.${fname}`, kind: 'fixed' });
        field.type = fixed;
        break;
      }
      case 'reference': {
        const useExternal = external.length > 0 && (this.referable.length === 0 || r.chance(0.7));
        const target = useExternal ? r.pick(external) : r.pick(this.referable);
        // Same-namespace types by simple name (the common style), others by fullname.
        const dot = target.fullname.lastIndexOf('.');
        const ref = target.fullname.slice(0, dot) === namespace ? target.fullname.slice(dot + 1) : target.fullname;
        if (target.defaultValue !== undefined && r.chance(0.3)) {
          field.type = ref;
          field.default = target.defaultValue;
        } else if (r.chance(0.5)) {
          field.type = ['null', ref];
          field.default = null;
        } else {
          field.type = ref;
        }
        break;
      }
    }
    if (r.chance(0.8)) field.doc = this.sentence();
    if (r.chance(0.03)) field.aliases = [`${name}_old`];
    return field;
  }

  private define(t: ExternalType): void {
    this.defined.push(t);
    this.referable.push(t);
  }

  /** A logical type; `namespace` is the one in effect (for the fixed of a fixed-based decimal). */
  private logicalType(namespace: string): Json {
    const r = this.rnd;
    switch (r.int(0, 8)) {
      case 0: return { type: 'long', logicalType: 'timestamp-millis' };
      case 1: return { type: 'long', logicalType: 'timestamp-micros' };
      case 2: return { type: 'int', logicalType: 'date' };
      case 3: return { type: 'int', logicalType: 'time-millis' };
      case 4: return { type: 'string', logicalType: 'uuid' };
      case 5: return { type: 'long', logicalType: 'local-timestamp-millis' };
      case 6: {
        const precision = r.int(4, 20);
        return { type: 'bytes', logicalType: 'decimal', precision, scale: r.int(0, Math.min(precision, 6)) };
      }
      case 7: {
        // fixed(8) holds at most 18 decimal digits.
        const name = this.typeName('Decimal');
        this.define({ fullname: `${namespace}.${name}`, kind: 'fixed' });
        return { type: 'fixed', name, size: 8, logicalType: 'decimal', precision: r.int(6, 18), scale: 2 };
      }
      default: return { type: 'long', logicalType: 'timestamp-millis' };
    }
  }

  private enumType(namespace: string): { schema: Json; default: string } {
    const r = this.rnd;
    const name = this.typeName('Status');
    const count = r.int(3, 10);
    const start = r.int(0, SYMBOL_WORDS.length - 1);
    const symbols: string[] = [];
    for (let i = 0; i < count; i++) symbols.push(SYMBOL_WORDS[(start + i) % SYMBOL_WORDS.length]);
    const schema: { [key: string]: Json } = { type: 'enum', name };
    if (r.chance(0.7)) schema.doc = this.sentence();
    schema.symbols = symbols;
    if (r.chance(0.6)) schema.default = symbols[0];
    this.define({ fullname: `${namespace}.${name}`, kind: 'enum', defaultValue: symbols[0] });
    return { schema, default: symbols[count - 1] };
  }

  private recordType(depth: number, namespace: string): Json {
    const r = this.rnd;
    const name = this.typeName('Details');
    // A few nested records move to a sub-namespace, as shared "common" types do.
    const ownNamespace = r.chance(0.1) ? `${namespace}.common` : undefined;
    const effective = ownNamespace ?? namespace;
    const schema: { [key: string]: Json } = { type: 'record', name };
    if (ownNamespace) schema.namespace = ownNamespace;
    schema.doc = this.sentence();
    const used = new Set<string>();
    const fields: Json[] = [];
    const count = r.int(2, 5);
    for (let i = 0; i < count; i++) fields.push(this.field(used, NESTED_WEIGHTS, depth, effective));
    schema.fields = fields;
    this.define({ fullname: `${effective}.${name}`, kind: 'record' });
    return schema;
  }
}

function defaultOf(primitive: string, r: Random): Json {
  switch (primitive) {
    case 'string': return r.pick(['', 'unknown', 'n/a', 'USD']);
    case 'int': return r.int(0, 100);
    case 'long': return r.int(0, 1_000_000);
    case 'boolean': return r.chance(0.5);
    case 'double':
    case 'float': return r.pick([0.0, 1.5, -1]);
    case 'bytes': return '';
    default: return null;
  }
}

/** Generate one schema with `fields` top-level fields. */
export function generateSchema(opts: GenerateOptions): GeneratedSchema {
  return new SchemaGenerator(opts).generate();
}

/**
 * Pretty-print like hand-maintained .avsc files: two-space indentation, one attribute per line,
 * short arrays of scalars (unions, symbols, aliases) on one line.
 */
export function prettyPrint(value: Json, indent = ''): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    if (value.every(v => v === null || typeof v !== 'object')) return `[${value.map(v => JSON.stringify(v)).join(', ')}]`;
    return `[\n${value.map(v => inner + prettyPrint(v, inner)).join(',\n')}\n${indent}]`;
  }
  const keys = Object.keys(value);
  if (keys.length === 0) return '{}';
  return `{\n${keys.map(k => `${inner}${JSON.stringify(k)}: ${prettyPrint(value[k], inner)}`).join(',\n')}\n${indent}}`;
}

export interface WorkspaceFile {
  /** Path relative to the workspace root, with '/' separators. */
  path: string;
  text: string;
}

/**
 * How many top-level fields the files of a generated workspace have: 'default' 60% 3-20, 30%
 * 20-60, 8% 60-150, 2% 150-400 (about 11 KB a file); 'compact' 60% 2-7, 30% 7-17, 8% 17-40, 2%
 * 40-120 (about 4 KB a file: 10,000 files are 40 MB, the workspace of the memory target).
 */
export type WorkspaceProfile = 'default' | 'compact';

const FIELD_BUCKETS: Record<WorkspaceProfile, Array<[share: number, min: number, max: number]>> = {
  default: [[0.6, 3, 20], [0.3, 20, 60], [0.08, 60, 150], [0.02, 150, 400]],
  compact: [[0.6, 2, 7], [0.3, 7, 17], [0.08, 17, 40], [0.02, 40, 120]],
};

/**
 * A workspace of `files` schemas of realistic sizes (see WorkspaceProfile) in eight namespaces;
 * one file in twenty defines shared types (in a `.common` namespace) that later files reference
 * by fullname.
 */
export function generateWorkspace(files: number, seed = 7, profile: WorkspaceProfile = 'default'): WorkspaceFile[] {
  const buckets = FIELD_BUCKETS[profile];
  const r = new Random(seed);
  const domains = ['orders', 'payments', 'shipping', 'catalog', 'customers', 'billing', 'inventory', 'identity'];
  const out: WorkspaceFile[] = [];
  const shared: ExternalType[] = [];
  for (let i = 0; i < files; i++) {
    const domain = domains[i % domains.length];
    const namespace = `com.acme.${domain}${i % 20 === 0 ? '.common' : ''}`;
    const isShared = i % 20 === 0;
    const bucket = r.next();
    let size: number;
    if (isShared) size = r.int(3, 12);
    else {
      let i = 0;
      for (let below = buckets[0][0]; i < buckets.length - 1 && bucket >= below; below += buckets[++i][0]);
      size = r.int(buckets[i][1], buckets[i][2]);
    }
    const name = isShared ? `Common${i}` : `Event${i}`;
    const schema = generateSchema({
      fields: size,
      seed: seed * 100_003 + i,
      namespace,
      name,
      external: shared.slice(-60),
      externalReferenceRate: 0.06,
      typeTag: `E${i}`,
    });
    if (isShared) for (const t of schema.defines) if (t.kind !== 'record' || t.fullname === schema.fullname) shared.push(t);
    out.push({ path: `${domain}/${name}.avsc`, text: schema.text });
  }
  return out;
}

if (require.main === module) {
  const fields = Number(process.argv[2] ?? 1000);
  const seed = Number(process.argv[3] ?? 1);
  process.stdout.write(generateSchema({ fields, seed }).text);
}
