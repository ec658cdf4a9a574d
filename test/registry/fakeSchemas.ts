// Schema handling of the fake registry: parse with avsc (with references), the identity key that decides "same schema, same id", the stored text.
//
// Confluent (7.x, KafkaSchemaRegistry.register/lookUpSchemaUnderSubject) gives two registrations the
// same id when the MD5 of their canonical string and references are equal. For Avro that string is
// Java's Schema.toString(): compact JSON in which name/namespace spelling, whitespace and the order of
// the standard attributes no longer matter, but doc, defaults, aliases, order, logical types and
// custom attributes all still count (it is NOT the Parsing Canonical Form, which strips them). With
// ?normalize=true Confluent uses AvroSchemaUtils.toNormalizedString (fullnames, fixed attribute order,
// the same attributes kept). The fake's identity key is one form for both: names replaced by
// fullnames, "namespace" dropped, {"type":"int"} without other attributes collapsed to "int", object
// keys sorted, no whitespace, plus the sorted references.
// Known divergence: without normalize, Java keeps custom attributes in the order written, so two
// schemas that differ only in the order of custom attributes get two ids there and one id here.
import * as avro from 'avsc';

export interface FakeReference {
  name: string;
  subject: string;
  version: number;
}

/** Thrown for a schema the registry refuses (Confluent: 42201). */
export class InvalidSchema extends Error {}

const PRIMITIVES = new Set(['null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string']);
const NAMED = new Set(['record', 'error', 'enum', 'fixed']);

/** The schema text as the registry stores and returns it: compact JSON, attribute order as written. */
export function storedText(json: unknown): string {
  return JSON.stringify(json);
}

/** Parse JSON text; InvalidSchema with Jackson-like wording when it is not JSON. */
export function parseJsonSchema(text: string): unknown {
  if (typeof text !== 'string' || text.trim() === '') throw new InvalidSchema('Empty schema');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InvalidSchema(`Unexpected character in schema: ${(e as Error).message}`);
  }
}

/**
 * An avsc type for `json`, after loading the referenced schemas (already resolved to their JSON,
 * in dependency order) into the same registry, as Confluent's AvroSchemaProvider does with the
 * Java parser. Throws InvalidSchema with avsc's explanation.
 */
export function avscType(json: unknown, referenced: unknown[]): avro.Type {
  const registry: Record<string, avro.Type> = {};
  try {
    for (const r of referenced) avro.Type.forSchema(r as avro.Schema, { registry });
    return avro.Type.forSchema(json as avro.Schema, { registry });
  } catch (e) {
    throw new InvalidSchema((e as Error).message);
  }
}

/** Fullnames defined by a schema (named types at any depth), for resolving bare references. */
export function definedFullnames(json: unknown, out = new Set<string>(), namespace = ''): Set<string> {
  if (Array.isArray(json)) {
    for (const b of json) definedFullnames(b, out, namespace);
  } else if (json && typeof json === 'object') {
    const o = json as Record<string, unknown>;
    let ns = namespace;
    if (typeof o.type === 'string' && NAMED.has(o.type) && typeof o.name === 'string') {
      const full = fullname(o.name, typeof o.namespace === 'string' ? o.namespace : namespace);
      out.add(full);
      ns = namespaceOf(full);
    }
    if (o.type && typeof o.type === 'object') definedFullnames(o.type, out, ns);
    if (Array.isArray(o.fields)) for (const f of o.fields) if (f && typeof f === 'object') definedFullnames((f as Record<string, unknown>).type, out, ns);
    if (o.items !== undefined) definedFullnames(o.items, out, ns);
    if (o.values !== undefined) definedFullnames(o.values, out, ns);
  }
  return out;
}

export function fullname(name: string, namespace: string): string {
  return name.includes('.') || !namespace ? name : `${namespace}.${name}`;
}

function namespaceOf(full: string): string {
  const i = full.lastIndexOf('.');
  return i < 0 ? '' : full.slice(0, i);
}

/** The identity key (see the file comment): equal keys mean "the same schema" to the fake. */
export function identityKey(json: unknown, references: FakeReference[], knownFullnames: Set<string>): string {
  const refs = [...references]
    .map(r => `${r.name}|${r.subject}|${r.version}`)
    .sort();
  return stableStringify(normalizeNames(json, '', knownFullnames)) + '\u0000' + refs.join('\u0000');
}

/** The schema with fullnames everywhere and no "namespace" attributes (?normalize=true's stored text, keys sorted). */
export function normalizedText(json: unknown, knownFullnames: Set<string>): string {
  return stableStringify(normalizeNames(json, '', knownFullnames));
}

function normalizeNames(json: unknown, namespace: string, known: Set<string>): unknown {
  if (typeof json === 'string') {
    if (PRIMITIVES.has(json) || json.includes('.')) return json;
    if (namespace && known.has(`${namespace}.${json}`)) return `${namespace}.${json}`;
    return json;
  }
  if (Array.isArray(json)) return json.map(b => normalizeNames(b, namespace, known));
  if (!json || typeof json !== 'object') return json;
  const o = json as Record<string, unknown>;
  const keys = Object.keys(o);
  if (typeof o.type === 'string' && PRIMITIVES.has(o.type) && keys.length === 1) return o.type;
  const out: Record<string, unknown> = {};
  let ns = namespace;
  const named = typeof o.type === 'string' && NAMED.has(o.type) && typeof o.name === 'string';
  if (named) {
    const full = fullname(o.name as string, typeof o.namespace === 'string' ? o.namespace : namespace);
    ns = namespaceOf(full);
    out.name = full;
  }
  for (const k of keys) {
    if (named && (k === 'name' || k === 'namespace')) continue;
    const v = o[k];
    if (k === 'type' && typeof v !== 'string') out.type = normalizeNames(v, ns, known);
    else if (k === 'items' || k === 'values') out[k] = normalizeNames(v, ns, known);
    else if (k === 'fields' && Array.isArray(v)) {
      out.fields = v.map(f => {
        if (!f || typeof f !== 'object') return f;
        const field = { ...(f as Record<string, unknown>) };
        field.type = normalizeNames(field.type, ns, known);
        return field;
      });
    } else out[k] = v;
  }
  return out;
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter(k => o[k] !== undefined)
      .map(k => `${JSON.stringify(k)}:${stableStringify(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** JSON pointer (Java SchemaCompatibility's location style) of the named type `full` inside `json`, or undefined. */
export function pointerOfNamed(json: unknown, full: string, namespace = '', at = ''): string | undefined {
  if (Array.isArray(json)) {
    for (let i = 0; i < json.length; i++) {
      const p = pointerOfNamed(json[i], full, namespace, `${at}/${i}`);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  if (!json || typeof json !== 'object') return undefined;
  const o = json as Record<string, unknown>;
  let ns = namespace;
  if (typeof o.type === 'string' && NAMED.has(o.type) && typeof o.name === 'string') {
    const f = fullname(o.name, typeof o.namespace === 'string' ? o.namespace : namespace);
    if (f === full || (!full.includes('.') && f.endsWith(`.${full}`))) return at;
    ns = namespaceOf(f);
  }
  if (o.type && typeof o.type === 'object') {
    const p = pointerOfNamed(o.type, full, ns, at);
    if (p !== undefined) return p;
  }
  if (Array.isArray(o.fields)) {
    for (let i = 0; i < o.fields.length; i++) {
      const f = o.fields[i] as Record<string, unknown> | undefined;
      if (!f || typeof f !== 'object') continue;
      const p = pointerOfNamed(f.type, full, ns, `${at}/fields/${i}/type`);
      if (p !== undefined) return p;
    }
  }
  for (const k of ['items', 'values'] as const) {
    if (o[k] !== undefined) {
      const p = pointerOfNamed(o[k], full, ns, `${at}/${k}`);
      if (p !== undefined) return p;
    }
  }
  return undefined;
}

/** The JSON object of the named type `full` inside `json`, or undefined. */
export function namedDefinition(json: unknown, full: string): Record<string, unknown> | undefined {
  const p = pointerOfNamed(json, full);
  if (p === undefined) return undefined;
  let node: unknown = json;
  for (const part of p.split('/').slice(1)) {
    if (node && typeof node === 'object') node = (node as Record<string, unknown>)[part];
  }
  // A field's "type" may itself be the named object; pointers end at it.
  return node && typeof node === 'object' && !Array.isArray(node) ? (node as Record<string, unknown>) : undefined;
}
