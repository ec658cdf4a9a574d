// Parsing Canonical Form of a schema (Avro specification) and its CRC-64-AVRO fingerprint.
//
// The transformations of the specification: PRIMITIVES ({"type":"int"} -> "int"), FULLNAMES
// (names replaced by fullnames, "namespace" dropped), STRIP (only type, name, fields, symbols,
// items, values, size are kept: doc, aliases, defaults, order, logical types and custom attributes
// go), ORDER (name, type, fields, symbols, items, values, size), STRINGS (no escapes beyond what
// JSON needs), INTEGERS (no leading zeros), WHITESPACE (none). A named type is written in full at
// its first occurrence and as its fullname afterwards, as Java's SchemaNormalization does.
import type { AvroSchema, NamedSchema } from './types';
import type { Resolver } from './schemaIndex';

export interface CanonicalForm {
  /** The Parsing Canonical Form. */
  text: string;
  /**
   * False when the schema is incomplete (a missing type, an unreadable schema, a reference that
   * does not resolve): the text is then a best effort (placeholders "null" / the written name).
   */
  complete: boolean;
  /** References that did not resolve, as written. */
  unresolved: string[];
}

/** The Parsing Canonical Form of `schema`; references are resolved with `resolve`. */
export function parsingCanonicalForm(schema: AvroSchema, resolve: Resolver): string {
  return canonicalForm(schema, resolve).text;
}

/** The Parsing Canonical Form with a note of whether the schema was complete enough to give an exact one. */
export function canonicalForm(schema: AvroSchema, resolve: Resolver): CanonicalForm {
  const state: EmitState = { out: [], emitted: new Set(), complete: true, unresolved: [], resolve };
  emit(schema, state);
  return { text: state.out.join(''), complete: state.complete, unresolved: state.unresolved };
}

interface EmitState {
  out: string[];
  /** Fullnames already written in full. */
  emitted: Set<string>;
  complete: boolean;
  unresolved: string[];
  resolve: Resolver;
}

function emit(schema: AvroSchema | undefined, s: EmitState): void {
  if (!schema) {
    s.complete = false;
    s.out.push('"null"');
    return;
  }
  switch (schema.kind) {
    case 'primitive':
      s.out.push('"', schema.type, '"');
      return;
    case 'array':
      s.out.push('{"type":"array","items":');
      emit(schema.items, s);
      s.out.push('}');
      return;
    case 'map':
      s.out.push('{"type":"map","values":');
      emit(schema.values, s);
      s.out.push('}');
      return;
    case 'union':
      s.out.push('[');
      for (let i = 0; i < schema.branches.length; i++) {
        if (i > 0) s.out.push(',');
        emit(schema.branches[i], s);
      }
      s.out.push(']');
      return;
    case 'reference': {
      const target = s.resolve(schema);
      if (target) {
        emitNamed(target, s);
      } else {
        s.complete = false;
        s.unresolved.push(schema.name);
        s.out.push(JSON.stringify(schema.candidates[0]));
      }
      return;
    }
    case 'record':
    case 'enum':
    case 'fixed':
      emitNamed(schema, s);
      return;
    case 'invalid':
      s.complete = false;
      s.out.push('"null"');
      return;
  }
}

function emitNamed(schema: NamedSchema, s: EmitState): void {
  const name = JSON.stringify(schema.fullname);
  if (!schema.hasValidName) s.complete = false;
  if (s.emitted.has(schema.fullname)) {
    s.out.push(name);
    return;
  }
  s.emitted.add(schema.fullname);
  // An "error" is a record in canonical form (Java's Schema.Type.RECORD).
  s.out.push('{"name":', name, ',"type":"', schema.kind, '"');
  switch (schema.kind) {
    case 'record':
      if (!schema.fieldsNode) s.complete = false;
      s.out.push(',"fields":[');
      for (let i = 0; i < schema.fields.length; i++) {
        const f = schema.fields[i];
        if (!f.nameNode) s.complete = false;
        s.out.push(i > 0 ? ',{"name":' : '{"name":', JSON.stringify(f.name), ',"type":');
        emit(f.type, s);
        s.out.push('}');
      }
      s.out.push(']');
      break;
    case 'enum':
      if (!schema.symbolsNode) s.complete = false;
      s.out.push(',"symbols":[');
      for (let i = 0; i < schema.symbols.length; i++) {
        if (i > 0) s.out.push(',');
        s.out.push(JSON.stringify(schema.symbols[i].name));
      }
      s.out.push(']');
      break;
    case 'fixed':
      if (schema.size === undefined) s.complete = false;
      s.out.push(',"size":', String(schema.size ?? 0));
      break;
  }
  s.out.push('}');
}

// ----- CRC-64-AVRO (the Rabin fingerprint of the specification), on two 32-bit halves -----

const EMPTY_HI = 0xc15d213a;
const EMPTY_LO = 0xa4d7a795;
let TABLE_HI: Uint32Array | undefined;
let TABLE_LO: Uint32Array | undefined;

function tables(): [Uint32Array, Uint32Array] {
  if (!TABLE_HI || !TABLE_LO) {
    const hiT = new Uint32Array(256);
    const loT = new Uint32Array(256);
    for (let i = 0; i < 256; i++) {
      let hi = 0;
      let lo = i;
      for (let j = 0; j < 8; j++) {
        const odd = lo & 1;
        lo = ((lo >>> 1) | ((hi & 1) << 31)) >>> 0;
        hi = hi >>> 1;
        if (odd) {
          hi = (hi ^ EMPTY_HI) >>> 0;
          lo = (lo ^ EMPTY_LO) >>> 0;
        }
      }
      hiT[i] = hi;
      loT[i] = lo;
    }
    TABLE_HI = hiT;
    TABLE_LO = loT;
  }
  return [TABLE_HI, TABLE_LO];
}

/**
 * CRC-64-AVRO of the UTF-8 bytes of `text`, as an unsigned 64-bit integer. (Java's
 * SchemaNormalization.fingerprint64 returns the same bits as a signed long: BigInt.asIntN(64, x).)
 */
export function crc64Avro(text: string): bigint {
  const [hiT, loT] = tables();
  let hi = EMPTY_HI;
  let lo = EMPTY_LO;
  const step = (b: number): void => {
    const i = (lo ^ b) & 0xff;
    lo = (((lo >>> 8) | (hi << 24)) ^ loT[i]) >>> 0;
    hi = ((hi >>> 8) ^ hiT[i]) >>> 0;
  };
  // UTF-8 encoding on the fly; a lone surrogate becomes '?', as Java's String.getBytes(UTF_8) does.
  for (let k = 0; k < text.length; k++) {
    let c = text.charCodeAt(k);
    if (c < 0x80) {
      step(c);
    } else if (c < 0x800) {
      step(0xc0 | (c >> 6));
      step(0x80 | (c & 0x3f));
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const next = text.charCodeAt(k + 1);
      if (c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (next - 0xdc00);
        k++;
        step(0xf0 | (c >> 18));
        step(0x80 | ((c >> 12) & 0x3f));
        step(0x80 | ((c >> 6) & 0x3f));
        step(0x80 | (c & 0x3f));
      } else {
        step(0x3f);
      }
    } else {
      step(0xe0 | (c >> 12));
      step(0x80 | ((c >> 6) & 0x3f));
      step(0x80 | (c & 0x3f));
    }
  }
  return (BigInt(hi) << 32n) | BigInt(lo);
}

/**
 * The CRC-64-AVRO fingerprint of a canonical form as avro-tools `fingerprint` prints it: 16 hex
 * digits of the 8 bytes in little-endian order (SchemaNormalization.fingerprint("CRC-64-AVRO")),
 * which is also the byte order of the single-object encoding header.
 */
export function fingerprintCrc64(text: string): string {
  let v = crc64Avro(text);
  let hex = '';
  for (let i = 0; i < 8; i++) {
    hex += Number(v & 0xffn).toString(16).padStart(2, '0');
    v >>= 8n;
  }
  return hex;
}
