// Parsing Canonical Form of a schema (Avro specification) and its CRC-64-AVRO fingerprint.
//
// The transformations of the specification: PRIMITIVES ({"type":"int"} -> "int"), FULLNAMES
// (names replaced by fullnames, "namespace" dropped), STRIP (only type, name, fields, symbols,
// items, values, size are kept: doc, aliases, defaults, order, logical types and custom attributes
// go), ORDER (name, type, fields, symbols, items, values, size), STRINGS (no escapes beyond what
// JSON needs), INTEGERS (no leading zeros), WHITESPACE (none). A named type is written in full at
// its first occurrence and as its fullname afterwards, as Java's SchemaNormalization does.
import type { AvroSchema, Field, NamedSchema, ReferenceSchema } from './types';
import type { Resolver } from './schemaIndex';
import type { JsonObject } from '../parser/json';
import { cacheSlot, type DocumentCache } from './documentCache';

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
export function canonicalForm(schema: AvroSchema, resolve: Resolver, cache?: DocumentCache): CanonicalForm {
  const pieces = cache?.sharedByNode(CANONICAL_PIECES);
  const state: EmitState = { out: [], emitted: new Set(), complete: true, unresolved: [], resolve, recording: [], pieces };
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
  /** The fields being written, innermost last: what each depends on is noted for the cache. */
  recording: FieldsPiece[];
  /** Runs written before, by their first field's node (the document's cache); none: nothing is kept. */
  pieces: WeakMap<JsonObject, FieldsPiece> | undefined;
}

/**
 * The canonical text of a run of consecutive fields of a record (`{"name":...,"type":...}` each,
 * comma-separated) and what it depends on. Documents are immutable (an incremental re-parse shares
 * the nodes and model objects of the fields before the edit, model/documentCache.ts hands the runs
 * on), so after a keystroke in a 10,000-field schema only the runs from the edited field on are
 * written again: a run is reused when it holds the same field nodes, the named types it writes by name are already written before it, those it writes in
 * full are not, and its references resolve to the same definitions.
 */
interface FieldsPiece {
  /** The fields' object nodes (shared by the versions that share the fields). */
  fields: JsonObject[];
  text: string;
  /** Fullnames the piece writes in full, and those it writes by name (written in full before it). */
  defines: string[];
  definesSet: Set<string>;
  names: string[];
  references: Array<[ReferenceSchema, NamedSchema | undefined]>;
  complete: boolean;
  unresolved: string[];
}

/** Fields per cached run: small enough that an edit rewrites little, large enough that a 10,000-field record is a few hundred runs. */
const RUN = 32;

/** Runs by their first field's node, in the document's cache. */
const CANONICAL_PIECES = cacheSlot<WeakMap<JsonObject, FieldsPiece>>('canonical form runs');

function incomplete(s: EmitState): void {
  s.complete = false;
  const r = s.recording;
  if (r.length) r[r.length - 1].complete = false;
}

/** Fields [from, to) of a record, with a comma before each but the record's first. */
function emitFields(fields: readonly Field[], from: number, to: number, s: EmitState): void {
  const pieces = s.pieces;
  const cached = pieces?.get(fields[from].node);
  if (cached && sameFields(cached.fields, fields, from, to) && reusable(cached, s)) {
    s.out.push(cached.text);
    replay(cached, s);
    return;
  }
  const nodes: JsonObject[] = [];
  for (let i = from; i < to; i++) nodes.push(fields[i].node);
  const piece: FieldsPiece = { fields: nodes, text: '', defines: [], definesSet: new Set(), names: [], references: [], complete: true, unresolved: [] };
  s.recording.push(piece);
  const start = s.out.length;
  for (let i = from; i < to; i++) {
    const f = fields[i];
    if (!f.nameNode) incomplete(s);
    s.out.push(i > 0 ? ',{"name":' : '{"name":', JSON.stringify(f.name), ',"type":');
    emit(f.type, s);
    s.out.push('}');
  }
  s.recording.pop();
  piece.text = s.out.slice(start).join('');
  s.out.length = start;
  s.out.push(piece.text);
  pieces?.set(fields[from].node, piece);
  // The enclosing run depends on what this one depends on.
  const outer = s.recording[s.recording.length - 1];
  if (outer) merge(outer, piece);
}

function sameFields(cached: readonly JsonObject[], fields: readonly Field[], from: number, to: number): boolean {
  if (cached.length !== to - from) return false;
  for (let i = from; i < to; i++) if (cached[i - from] !== fields[i].node) return false;
  return true;
}

function reusable(piece: FieldsPiece, s: EmitState): boolean {
  for (const name of piece.names) if (!s.emitted.has(name)) return false;
  for (const name of piece.defines) if (s.emitted.has(name)) return false;
  for (const [ref, target] of piece.references) if (s.resolve(ref) !== target) return false;
  return true;
}

function replay(piece: FieldsPiece, s: EmitState): void {
  for (const name of piece.defines) s.emitted.add(name);
  if (!piece.complete) s.complete = false;
  for (const u of piece.unresolved) s.unresolved.push(u);
  const outer = s.recording[s.recording.length - 1];
  if (outer) merge(outer, piece);
}

function merge(outer: FieldsPiece, inner: FieldsPiece): void {
  for (const name of inner.names) if (!outer.definesSet.has(name)) outer.names.push(name);
  for (const name of inner.defines) {
    outer.defines.push(name);
    outer.definesSet.add(name);
  }
  for (const r of inner.references) outer.references.push(r);
  if (!inner.complete) outer.complete = false;
  for (const u of inner.unresolved) outer.unresolved.push(u);
}

function emit(schema: AvroSchema | undefined, s: EmitState): void {
  if (!schema) {
    incomplete(s);
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
      const r = s.recording;
      if (r.length) r[r.length - 1].references.push([schema, target]);
      if (target) {
        emitNamed(target, s);
      } else {
        incomplete(s);
        s.unresolved.push(schema.name);
        if (r.length) r[r.length - 1].unresolved.push(schema.name);
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
      incomplete(s);
      s.out.push('"null"');
      return;
  }
}

function emitNamed(schema: NamedSchema, s: EmitState): void {
  const name = JSON.stringify(schema.fullname);
  if (!schema.hasValidName) incomplete(s);
  const r = s.recording;
  const piece = r.length ? r[r.length - 1] : undefined;
  if (s.emitted.has(schema.fullname)) {
    if (piece && !piece.definesSet.has(schema.fullname)) piece.names.push(schema.fullname);
    s.out.push(name);
    return;
  }
  s.emitted.add(schema.fullname);
  if (piece) {
    piece.defines.push(schema.fullname);
    piece.definesSet.add(schema.fullname);
  }
  // An "error" is a record in canonical form (Java's Schema.Type.RECORD).
  s.out.push('{"name":', name, ',"type":"', schema.kind, '"');
  switch (schema.kind) {
    case 'record':
      if (!schema.fieldsNode) incomplete(s);
      s.out.push(',"fields":[');
      for (let i = 0; i < schema.fields.length; i += RUN) emitFields(schema.fields, i, Math.min(schema.fields.length, i + RUN), s);
      s.out.push(']');
      break;
    case 'enum':
      if (!schema.symbolsNode) incomplete(s);
      s.out.push(',"symbols":[');
      for (let i = 0; i < schema.symbols.length; i++) {
        if (i > 0) s.out.push(',');
        s.out.push(JSON.stringify(schema.symbols[i].name));
      }
      s.out.push(']');
      break;
    case 'fixed':
      if (schema.size === undefined) incomplete(s);
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
  const n = text.length;
  for (let k = 0; k < n; k++) {
    let c = text.charCodeAt(k);
    if (c < 0x80) {
      // ASCII (canonical forms are almost all of it): the step inline, on local variables.
      const i = (lo ^ c) & 0xff;
      lo = (((lo >>> 8) | (hi << 24)) ^ loT[i]) >>> 0;
      hi = ((hi >>> 8) ^ hiT[i]) >>> 0;
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
