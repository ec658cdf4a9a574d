// What changed between a schema's baseline version and the document: named types matched by fullname or alias, fields by name or alias, JSON compared without "doc".
import type { AvroDocument, AvroSchema, EnumSchema, Field, NamedSchema, RecordSchema } from '../model/types';
import { toPlainValue, type JsonProperty, type JsonValue } from '../parser/json';

export interface TypePair {
  before: NamedSchema;
  after: NamedSchema;
}

/** Each named type of the document paired with its baseline version: the roots together, the others by fullname, else by an alias naming the old fullname. */
export function pairNamedTypes(before: AvroDocument, after: AvroDocument): TypePair[] {
  const out: TypePair[] = [];
  const old = new Map(before.namedTypes.map(t => [t.fullname, t]));
  const used = new Set<NamedSchema>();
  const rootBefore = before.root;
  const rootAfter = after.root;
  const isNamedSchema = (s: AvroSchema | undefined): s is NamedSchema => s !== undefined && (s.kind === 'record' || s.kind === 'enum' || s.kind === 'fixed');
  if (isNamedSchema(rootBefore) && isNamedSchema(rootAfter) && rootBefore.kind === rootAfter.kind) {
    out.push({ before: rootBefore, after: rootAfter });
    used.add(rootBefore);
  }
  for (const t of after.namedTypes) {
    if (t === rootAfter) continue;
    const match = old.get(t.fullname) ?? t.aliases.map(a => old.get(a.fullname)).find(o => o !== undefined);
    if (match && !used.has(match) && match.kind === t.kind) {
      out.push({ before: match, after: t });
      used.add(match);
    }
  }
  return out;
}

export interface FieldPair {
  before: Field;
  after: Field;
  /** Matched through an alias of the new field (a rename). */
  renamed: boolean;
}

export interface RecordDiff {
  pairs: FieldPair[];
  removed: Field[];
  added: Field[];
}

export function diffFields(before: RecordSchema, after: RecordSchema): RecordDiff {
  const pairs: FieldPair[] = [];
  const matched = new Set<Field>();
  const removed: Field[] = [];
  for (const f of before.fields) {
    let g = after.fields.find(x => x.name === f.name);
    let renamed = false;
    if (!g) {
      g = after.fields.find(x => !matched.has(x) && x.aliases.some(a => a.name === f.name));
      renamed = g !== undefined;
    }
    if (g && !matched.has(g)) {
      matched.add(g);
      pairs.push({ before: f, after: g, renamed });
    } else {
      removed.push(f);
    }
  }
  return { pairs, removed, added: after.fields.filter(f => !matched.has(f)) };
}

/** A type written as a comparable string: primitives (with their logical type), named types by fullname, arrays, maps, unions. */
export function typeSignature(s: AvroSchema | undefined): string {
  if (!s) return '?';
  const lt = s.logicalType ? `(${s.logicalType.name})` : '';
  switch (s.kind) {
    case 'primitive': return s.type + lt;
    case 'record': case 'enum': case 'fixed': return s.fullname + lt;
    case 'reference': return (s.candidates[0] ?? s.name) + lt;
    case 'array': return `array<${typeSignature(s.items)}>`;
    case 'map': return `map<${typeSignature(s.values)}>`;
    case 'union': return `[${s.branches.map(typeSignature).join(',')}]`;
    case 'invalid': return '?';
  }
}

/** Whether `after` only widens `before`: a union holding every branch `before` had (T -> ["null", T]). */
export function isWidening(before: AvroSchema | undefined, after: AvroSchema | undefined): boolean {
  if (!before || after?.kind !== 'union') return false;
  const now = new Set(after.branches.map(typeSignature));
  const was = before.kind === 'union' ? before.branches.map(typeSignature) : [typeSignature(before)];
  return was.every(b => now.has(b));
}

/** The enum symbols that left, and the first symbol out of the old order (a symbol added before an old one counts). */
export function diffSymbols(before: EnumSchema, after: EnumSchema): { removed: string[]; outOfOrder: EnumSchema['symbols'][number] | undefined } {
  const now = new Set(after.symbols.map(s => s.name));
  const removed = before.symbols.map(s => s.name).filter(s => !now.has(s));
  const oldIndex = new Map(before.symbols.map((s, i) => [s.name, i]));
  // The new list must start with the old symbols (those kept) in their old order; new ones follow.
  const kept = before.symbols.filter(s => now.has(s.name)).map(s => s.name);
  let outOfOrder: EnumSchema['symbols'][number] | undefined;
  after.symbols.forEach((s, i) => {
    if (outOfOrder) return;
    if (i < kept.length ? s.name !== kept[i] : oldIndex.has(s.name)) outOfOrder = s;
  });
  return { removed, outOfOrder };
}

/** Whether a field is optional as the team means it: ["null", T] with a null default. */
export function isOptionalField(f: Field): boolean {
  return f.type?.kind === 'union' && f.type.branches[0]?.kind === 'primitive' && f.type.branches[0].type === 'null' && f.defaultProperty?.value?.kind === 'null';
}

/** Which keys a comparison leaves out: "doc" everywhere (when asked), and the version field's default. */
export interface Ignore {
  doc: boolean;
  /** The version field's name, whose default is the version itself. */
  versionField?: string;
}

function strip(value: unknown, ignore: Ignore): unknown {
  if (Array.isArray(value)) return value.map(v => strip(v, ignore));
  if (value && typeof value === 'object') {
    const o: Record<string, unknown> = {};
    const rec = value as Record<string, unknown>;
    const isVersionField = ignore.versionField !== undefined && rec.name === ignore.versionField && 'type' in rec && !('fields' in rec) && !('symbols' in rec);
    for (const [k, v] of Object.entries(rec)) {
      if (ignore.doc && k === 'doc') continue;
      if (isVersionField && k === 'default') continue;
      o[k] = strip(v, ignore);
    }
    return o;
  }
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => equal(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(b)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && equal((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return false;
}

/** The document's JSON as plain values (compute it once per comparison: sameJson takes it). */
export function plainOf(doc: AvroDocument): unknown {
  return doc.json.root ? toPlainValue(doc.json.root) : undefined;
}

/** Whether two documents' plain JSON (plainOf) is the same (whitespace and key order aside), leaving out what `ignore` says. */
export function sameJson(before: unknown, after: unknown, ignore: Ignore): boolean {
  return equal(strip(before, ignore), strip(after, ignore));
}

/** The first node of the document that differs from the baseline (outside what `ignore` leaves out): where a frozen schema changed. */
export function firstDifference(before: AvroDocument, after: AvroDocument, ignore: Ignore): JsonValue | JsonProperty | undefined {
  const old = before.json.root ? strip(toPlainValue(before.json.root), ignore) : undefined;
  return after.json.root ? walk(after.json.root, old, ignore) : undefined;
}

/** The first node under `after` (a schema object of the document) that differs from `before` (its baseline version). */
export function firstDifferenceIn(before: JsonValue, after: JsonValue, ignore: Ignore): JsonValue | JsonProperty | undefined {
  return walk(after, strip(toPlainValue(before), ignore), ignore);
}

function walk(node: JsonValue, old: unknown, ignore: Ignore): JsonValue | JsonProperty | undefined {
  const now = strip(toPlainValue(node), ignore);
  if (equal(now, old)) return undefined;
  if (node.kind === 'object' && old && typeof old === 'object' && !Array.isArray(old)) {
    const o = old as Record<string, unknown>;
    const nowObj = now as Record<string, unknown>;
    for (const p of node.properties) {
      if (!p.value || !(p.key.value in nowObj)) continue;
      if (!(p.key.value in o)) return p;
      const inner = walk(p.value, o[p.key.value], ignore);
      if (inner) return inner;
    }
    return node;
  }
  if (node.kind === 'array' && Array.isArray(old)) {
    for (let i = 0; i < node.items.length && i < old.length; i++) {
      const inner = walk(node.items[i], old[i], ignore);
      if (inner) return inner;
    }
    return node.items[old.length] ?? node;
  }
  return node;
}
