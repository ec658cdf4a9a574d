// Seeded generator of reader/writer schema pairs for differential testing: a random schema and a mutated copy.
//
// The pairs exercise what schema resolution depends on: records (nested, recursive), enums with and
// without defaults, unions on either side, arrays, maps, fixed sizes, promotions, logical types,
// field and type aliases, namespaces and dotted names. Every schema is valid Avro (unique
// fullnames, valid names, defaults of the right shape), so both implementations parse it.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** mulberry32: small, fast, the same sequence on every machine. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

export interface SchemaPair {
  reader: Json;
  writer: Json;
  /** What was done to derive one side from the other (for failure reports). */
  mutations: string[];
}

const PRIMITIVES = ['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string'] as const;
const NAMESPACES = ['', 'com.acme', 'com.acme.orders', 'org.other'];
const SYMBOLS = ['A', 'B', 'C', 'D', 'E', 'F'];
const FIELD_NAMES = ['id', 'name', 'amount', 'status', 'created', 'tags', 'meta', 'next', 'kind', 'hash', 'note', 'count'];
const LOGICAL: Array<[string, string]> = [['long', 'timestamp-millis'], ['int', 'date'], ['string', 'uuid'], ['long', 'timestamp-micros']];

interface GenContext {
  rng: Rng;
  counter: number;
  /** Fullnames defined so far, with their kind, for references. */
  defined: Array<{ fullname: string; kind: 'record' | 'enum' | 'fixed' }>;
}

function defaultFor(schema: Json, ctx: GenContext): Json | undefined {
  if (typeof schema === 'string') {
    switch (schema) {
      case 'null': return null;
      case 'boolean': return false;
      case 'int': case 'long': return ctx.rng.int(0, 9);
      case 'float': case 'double': return 1.5;
      case 'bytes': case 'string': return '';
      default: return undefined; // a named type used by name: skip a default
    }
  }
  if (Array.isArray(schema)) return schema.length ? defaultFor(schema[0], ctx) : undefined;
  if (schema && typeof schema === 'object') {
    const t = schema.type;
    if (t === 'array') return [];
    if (t === 'map') return {};
    if (t === 'enum') return (schema.symbols as string[])[0];
    if (t === 'fixed') return '\u0000'.repeat(schema.size as number);
    if (typeof t === 'string' && (PRIMITIVES as readonly string[]).includes(t)) return defaultFor(t, ctx);
  }
  return undefined;
}

function freshName(ctx: GenContext, base: string): string {
  return `${base}${ctx.counter++}`;
}

/** A random schema; `ns` is the namespace in effect, `depth` limits nesting. */
function genSchema(ctx: GenContext, ns: string, depth: number, allowUnion = true): Json {
  const r = ctx.rng;
  const roll = r.next();
  if (depth > 2 || roll < 0.3) {
    if (r.chance(0.15)) {
      const [type, logicalType] = r.pick(LOGICAL);
      return { type, logicalType };
    }
    return r.pick(PRIMITIVES.filter(p => p !== 'null'));
  }
  if (roll < 0.42 && r.chance(0.7)) {
    // A reference by name: bare when the type is in the namespace in effect, else by fullname.
    const usable = ctx.defined.filter(d => d.fullname.includes('.') || !ns);
    if (usable.length) {
      const d = r.pick(usable);
      return ns && d.fullname.startsWith(ns + '.') && !d.fullname.slice(ns.length + 1).includes('.') && r.chance(0.5) ? d.fullname.slice(ns.length + 1) : d.fullname;
    }
  }
  if (roll < 0.55) return genEnum(ctx, ns);
  if (roll < 0.62) return genFixed(ctx, ns);
  if (roll < 0.70) return { type: 'array', items: genSchema(ctx, ns, depth + 1) };
  if (roll < 0.76) return { type: 'map', values: genSchema(ctx, ns, depth + 1) };
  if (roll < 0.88 && allowUnion) return genUnion(ctx, ns, depth);
  return genRecord(ctx, ns, depth + 1);
}

function genUnion(ctx: GenContext, ns: string, depth: number): Json {
  const r = ctx.rng;
  const branches: Json[] = [];
  const seen = new Set<string>();
  const n = r.int(1, 4);
  if (r.chance(0.6)) {
    branches.push('null');
    seen.add('null');
  }
  for (let i = 0; i < n; i++) {
    const definedBefore = ctx.defined.length;
    const b = genSchema(ctx, ns, depth + 1, false);
    const key = unionKey(b, ns);
    if (seen.has(key)) {
      ctx.defined.length = definedBefore; // the branch is dropped with the types it defined
      continue;
    }
    seen.add(key);
    branches.push(b);
  }
  return branches;
}

/** What makes two union branches "the same" (one per unnamed type, one per fullname); `ns` is the namespace in effect. */
function unionKey(b: Json, ns: string): string {
  if (typeof b === 'string') {
    if ((PRIMITIVES as readonly string[]).includes(b)) return b;
    return `named:${b.includes('.') || !ns ? b : `${ns}.${b}`}`;
  }
  if (Array.isArray(b)) return 'union';
  if (b && typeof b === 'object') {
    const t = b.type as string;
    if (t === 'record' || t === 'enum' || t === 'fixed') {
      const name = b.name as string;
      const space = name.includes('.') ? '' : typeof b.namespace === 'string' ? b.namespace : ns;
      return `named:${space ? `${space}.` : ''}${name}`;
    }
    return t;
  }
  return String(b);
}

function nameAttrs(ctx: GenContext, base: string, ns: string): { attrs: JsonObject; fullname: string; ns: string } {
  const r = ctx.rng;
  const name = freshName(ctx, base);
  const roll = r.next();
  if (roll < 0.2) {
    // A new namespace for this type (and its children). Never "namespace": "" (python3-avro reads it
    // as absent: a divergence with its own test), so the null namespace is only inherited.
    const own = r.pick(NAMESPACES.filter(n => n));
    return { attrs: { name, namespace: own }, fullname: `${own}.${name}`, ns: own };
  }
  if (roll < 0.3) {
    // A dotted name: the namespace is in the name.
    const own = r.pick(NAMESPACES.filter(n => n));
    return { attrs: { name: `${own}.${name}` }, fullname: `${own}.${name}`, ns: own };
  }
  return { attrs: { name }, fullname: ns ? `${ns}.${name}` : name, ns };
}

function genEnum(ctx: GenContext, ns: string): Json {
  const r = ctx.rng;
  const { attrs, fullname } = nameAttrs(ctx, 'E', ns);
  const symbols = SYMBOLS.slice(0, r.int(1, 5));
  const schema: JsonObject = { type: 'enum', ...attrs, symbols };
  if (r.chance(0.3)) schema.default = r.pick(symbols);
  ctx.defined.push({ fullname, kind: 'enum' });
  return schema;
}

function genFixed(ctx: GenContext, ns: string): Json {
  const r = ctx.rng;
  const { attrs, fullname } = nameAttrs(ctx, 'F', ns);
  const schema: JsonObject = { type: 'fixed', ...attrs, size: r.pick([4, 8, 16]) };
  if (r.chance(0.2)) Object.assign(schema, { logicalType: 'decimal', precision: 6, scale: 2 });
  ctx.defined.push({ fullname, kind: 'fixed' });
  return schema;
}

function genRecord(ctx: GenContext, ns: string, depth: number): Json {
  const r = ctx.rng;
  const { attrs, fullname, ns: inner } = nameAttrs(ctx, 'R', ns);
  // The root has no enclosing namespace: the one in effect must be written on it.
  if (depth === 0 && ns && attrs.namespace === undefined && !(attrs.name as string).includes('.')) attrs.namespace = ns;
  const fields: JsonObject[] = [];
  const schema: JsonObject = { type: 'record', ...attrs, fields };
  ctx.defined.push({ fullname, kind: 'record' });
  const n = r.int(0, depth > 2 ? 2 : 5);
  const names = FIELD_NAMES.slice();
  for (let i = 0; i < n && names.length; i++) {
    const name = names.splice(r.int(0, names.length - 1), 1)[0];
    const type = r.chance(0.08) ? ['null', fullname] : genSchema(ctx, inner, depth);
    const field: JsonObject = { name, type };
    if (r.chance(0.35)) {
      const d = defaultFor(type, ctx);
      if (d !== undefined) field.default = d;
    }
    fields.push(field);
  }
  return schema;
}

// ---- mutations -------------------------------------------------------------------------------

interface Site {
  get(): Json;
  set(v: Json): void;
  ns: string;
  /** A branch of a union (cannot become a union itself). */
  inUnion: boolean;
}

/** Every schema position in a tree (root, field types, items, values, union branches). */
function sites(root: { value: Json }): Site[] {
  const out: Site[] = [];
  const visit = (get: () => Json, set: (v: Json) => void, ns: string, inUnion = false): void => {
    out.push({ get, set, ns, inUnion });
    const s = get();
    if (Array.isArray(s)) {
      s.forEach((_, i) => visit(() => s[i], v => (s[i] = v), ns, true));
    } else if (s && typeof s === 'object') {
      const t = s.type;
      let inner = ns;
      if (t === 'record' || t === 'enum' || t === 'fixed') {
        const name = s.name as string;
        inner = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : typeof s.namespace === 'string' ? s.namespace : ns;
      }
      if (t === 'record') for (const f of s.fields as JsonObject[]) visit(() => f.type, v => (f.type = v), inner);
      if (t === 'array') visit(() => s.items, v => (s.items = v), ns);
      if (t === 'map') visit(() => s.values, v => (s.values = v), ns);
    }
  };
  visit(() => root.value, v => (root.value = v), '');
  return out;
}

const PROMOTIONS: Record<string, string[]> = {
  int: ['long', 'float', 'double'], long: ['float', 'double', 'int'], float: ['double', 'long'], double: ['float'],
  string: ['bytes'], bytes: ['string'], boolean: ['int', 'string'], null: ['string'],
};

/** Apply one random mutation; returns its description, or undefined when the site does not fit. */
function mutate(site: Site, ctx: GenContext, all: Site[]): string | undefined {
  const r = ctx.rng;
  const s = site.get();
  if (typeof s === 'string') {
    if ((PRIMITIVES as readonly string[]).includes(s)) {
      if (r.chance(0.7)) {
        const to = r.pick(PROMOTIONS[s]);
        site.set(to);
        return `primitive ${s} -> ${to}`;
      }
      if (site.inUnion || s === 'null') return undefined;
      site.set(['null', s]);
      return `wrap ${s} in a union`;
    }
    return undefined; // a reference: leave it (its definition is mutated elsewhere)
  }
  if (Array.isArray(s)) {
    const roll = r.next();
    if (roll < 0.35 && s.length > 1) {
      const i = r.int(0, s.length - 1);
      s.splice(i, 1);
      return `remove union branch ${i}`;
    }
    if (roll < 0.7) {
      const keys = new Set(s.map(b => unionKey(b, site.ns)));
      const candidates = PRIMITIVES.filter(p => !keys.has(p));
      if (!candidates.length) return undefined;
      const p = r.pick(candidates);
      s.splice(r.int(0, s.length), 0, p);
      return `add union branch ${p}`;
    }
    if (roll < 0.85 && s.length === 2 && s.includes('null') && !site.inUnion) {
      const other = s.find(b => b !== 'null')!;
      site.set(other);
      return 'unwrap a nullable union';
    }
    if (s.length > 1) {
      s.reverse();
      return 'reverse union branches';
    }
    return undefined;
  }
  if (!s || typeof s !== 'object') return undefined;
  const t = s.type;
  switch (t) {
    case 'record': return mutateRecord(s, site.ns, ctx, all);
    case 'enum': {
      const symbols = s.symbols as string[];
      const roll = r.next();
      if (roll < 0.3) {
        const extra = SYMBOLS.find(x => !symbols.includes(x));
        if (!extra) return undefined;
        symbols.push(extra);
        return `add symbol ${extra}`;
      }
      if (roll < 0.55 && symbols.length > 1) {
        const [gone] = symbols.splice(r.int(0, symbols.length - 1), 1);
        if (s.default === gone) s.default = symbols[0];
        return `remove symbol ${gone}`;
      }
      if (roll < 0.8) {
        if (s.default === undefined) {
          s.default = r.pick(symbols);
          return 'add enum default';
        }
        delete s.default;
        return 'remove enum default';
      }
      return renameType(s, site.ns, ctx);
    }
    case 'fixed': {
      if (r.chance(0.5)) {
        s.size = (s.size as number) === 8 ? 16 : 8;
        return `fixed size -> ${s.size}`;
      }
      return renameType(s, site.ns, ctx);
    }
    case 'array':
    case 'map':
      if (r.chance(0.2)) {
        const inner = t === 'array' ? s.items : s.values;
        site.set(t === 'array' ? { type: 'map', values: inner } : { type: 'array', items: inner });
        return `${t} -> ${t === 'array' ? 'map' : 'array'}`;
      }
      return undefined; // the items/values site is mutated on its own
    default:
      if (typeof s.logicalType === 'string') {
        site.set(s.type as string);
        return 'drop logical type';
      }
      return undefined;
  }
}

/** Rename a named type, sometimes keeping the old name as an alias (which only matters on the reader side). */
function renameType(s: JsonObject, ns: string, ctx: GenContext): string {
  const r = ctx.rng;
  const old = s.name as string;
  const oldSimple = old.slice(old.lastIndexOf('.') + 1);
  const oldNs = old.includes('.') ? old.slice(0, old.lastIndexOf('.')) : typeof s.namespace === 'string' ? s.namespace : ns;
  const oldFull = oldNs ? `${oldNs}.${oldSimple}` : oldSimple;
  const roll = r.next();
  if (roll < 0.25) {
    // Same simple name, another namespace (Java compares unqualified names).
    const other = r.pick(NAMESPACES.filter(n => n && n !== oldNs));
    delete s.namespace;
    s.name = `${other}.${oldSimple}`;
    return `move ${oldFull} to namespace "${other}"`;
  }
  if (roll < 0.4) {
    // The same fullname written the other way (dotted name vs name + namespace).
    if (old.includes('.')) {
      s.name = oldSimple;
      s.namespace = oldNs;
    } else if (oldNs) {
      s.name = oldFull;
      delete s.namespace;
    }
    return `rewrite the name of ${oldFull}`;
  }
  const fresh = `${oldSimple}x${ctx.counter++}`;
  s.name = old.includes('.') ? `${oldNs}.${fresh}` : fresh;
  const aliasRoll = r.next();
  if (aliasRoll < 0.3) s.aliases = [oldSimple];
  else if (aliasRoll < 0.55) s.aliases = [oldFull];
  else if (aliasRoll < 0.65) s.aliases = [`other.${oldSimple}`];
  return `rename ${oldFull} -> ${fresh}${s.aliases ? ` with alias ${JSON.stringify(s.aliases)}` : ''}`;
}

function mutateRecord(s: JsonObject, ns: string, ctx: GenContext, all: Site[]): string | undefined {
  const r = ctx.rng;
  const fields = s.fields as JsonObject[];
  const roll = r.next();
  if (roll < 0.22) {
    const used = new Set(fields.map(f => f.name as string));
    const name = FIELD_NAMES.find(n => !used.has(n)) ?? `extra${ctx.counter++}`;
    const type = r.pick(PRIMITIVES.filter(p => p !== 'null'));
    const field: JsonObject = { name, type };
    const withDefault = r.chance(0.5);
    if (withDefault) field.default = defaultFor(type, ctx) ?? null;
    fields.splice(r.int(0, fields.length), 0, field);
    return `add field ${name}${withDefault ? ' with default' : ''}`;
  }
  if (roll < 0.4 && fields.length) {
    const [gone] = fields.splice(r.int(0, fields.length - 1), 1);
    return `remove field ${gone.name}`;
  }
  if (roll < 0.55 && fields.length) {
    // Rename a field, keeping the old name as an alias.
    const f = r.pick(fields);
    const old = f.name as string;
    f.name = `${old}2`;
    if (r.chance(0.8)) f.aliases = [old];
    return `rename field ${old} -> ${f.name}${f.aliases ? ' with alias' : ''}`;
  }
  if (roll < 0.62 && fields.length > 1) {
    // An alias that names another field: ambiguous when both exist in the writer.
    const [a, b] = [r.pick(fields), r.pick(fields)];
    if (a === b) return undefined;
    a.aliases = [...((a.aliases as string[] | undefined) ?? []), b.name as string];
    return `alias ${a.name} also as ${b.name}`;
  }
  if (roll < 0.75 && fields.length) {
    const f = r.pick(fields);
    if (f.default !== undefined) {
      delete f.default;
      return `remove default of ${f.name}`;
    }
    const d = defaultFor(f.type, ctx);
    if (d === undefined) return undefined;
    f.default = d;
    return `add default to ${f.name}`;
  }
  if (roll < 0.85 && fields.length > 1) {
    fields.reverse();
    return 'reorder fields';
  }
  void all;
  return renameType(s, ns, ctx);
}

function clone(v: Json): Json {
  return JSON.parse(JSON.stringify(v)) as Json;
}

/** Fullnames defined in a schema, to check that a mutation kept them unique. */
export function definedFullnames(schema: Json, ns = '', out: string[] = []): string[] {
  if (Array.isArray(schema)) {
    for (const b of schema) definedFullnames(b, ns, out);
  } else if (schema && typeof schema === 'object') {
    const t = schema.type;
    let inner = ns;
    if (t === 'record' || t === 'enum' || t === 'fixed') {
      const name = schema.name as string;
      inner = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : typeof schema.namespace === 'string' ? schema.namespace : ns;
      const simple = name.slice(name.lastIndexOf('.') + 1);
      out.push(inner ? `${inner}.${simple}` : simple);
    }
    if (t === 'record') for (const f of schema.fields as JsonObject[]) definedFullnames(f.type, inner, out);
    if (t === 'array') definedFullnames(schema.items, ns, out);
    if (t === 'map') definedFullnames(schema.values, ns, out);
  }
  return out;
}

/**
 * `count` pairs from `seed`. Each pair is a random root record and a copy with 1-4 mutations, in a
 * random role order. Mutations that would break references (renaming or moving a type that is
 * referenced by name) are dropped, so every schema stays valid.
 */
export function generatePairs(count: number, seed: number): SchemaPair[] {
  const rng = new Rng(seed);
  const pairs: SchemaPair[] = [];
  while (pairs.length < count) {
    const ctx: GenContext = { rng, counter: 0, defined: [] };
    const base = genRecord(ctx, rng.pick(NAMESPACES), 0) as JsonObject;
    if (!stillValid(base)) continue;
    const original = clone(base);
    const holder = { value: clone(base) };
    const mutations: string[] = [];
    const n = rng.int(1, 4);
    for (let i = 0; i < n * 3 && mutations.length < n; i++) {
      const all = sites(holder);
      const site = rng.pick(all);
      const before = clone(holder.value);
      const m = mutate(site, ctx, all);
      if (!m) continue;
      if (!stillValid(holder.value)) {
        holder.value = before;
        continue;
      }
      mutations.push(m);
    }
    const swap = rng.chance(0.5);
    pairs.push({ reader: swap ? holder.value : original, writer: swap ? original : holder.value, mutations: swap ? mutations.map(m => `reader: ${m}`) : mutations.map(m => `writer: ${m}`) });
  }
  return pairs;
}

/** Every reference names a type defined before it, no fullname is defined twice, unions are valid. */
function stillValid(schema: Json): boolean {
  const defined = new Set<string>();
  let ok = true;
  const visit = (s: Json, ns: string): void => {
    if (!ok) return;
    if (typeof s === 'string') {
      if ((PRIMITIVES as readonly string[]).includes(s)) return;
      if (!defined.has(s.includes('.') || !ns ? s : `${ns}.${s}`)) ok = false;
      return;
    }
    if (Array.isArray(s)) {
      const keys = new Set<string>();
      for (const b of s) {
        if (Array.isArray(b)) ok = false;
        const key = unionKey(b, ns);
        if (keys.has(key)) ok = false;
        keys.add(key);
        visit(b, ns);
      }
      return;
    }
    if (!s || typeof s !== 'object') return;
    const t = s.type;
    let inner = ns;
    if (t === 'record' || t === 'enum' || t === 'fixed') {
      const name = s.name as string;
      inner = name.includes('.') ? name.slice(0, name.lastIndexOf('.')) : typeof s.namespace === 'string' ? s.namespace : ns;
      const simple = name.slice(name.lastIndexOf('.') + 1);
      const full = inner ? `${inner}.${simple}` : simple;
      if (defined.has(full)) ok = false;
      defined.add(full);
    }
    if (t === 'record') for (const f of s.fields as JsonObject[]) visit(f.type, inner);
    if (t === 'array') visit(s.items, ns);
    if (t === 'map') visit(s.values, ns);
  };
  visit(schema, '');
  return ok;
}
