// The reader/writer walk with Java's SchemaCompatibility semantics; yields raw findings with relative paths.
//
// Semantics (Apache Avro Java >= 1.11, what Confluent Schema Registry runs):
// - Same type: primitives match; arrays compare items, maps values; fixed, enum and record compare
//   names first (unqualified names equal, or the writer's fullname among the reader's aliases,
//   which are qualified with the reader's namespace), then size / symbols / fields.
// - Union vs union: every writer branch must be readable by the reader union (MISSING_UNION_BRANCH
//   at the writer branch's index otherwise; the reason inside the branch is not reported there).
// - Writer union, reader not: the reader must read every branch; findings are reported inside the
//   branch, whose index is part of the location (Java >= 1.12; 1.11 restarted the pointer).
// - Reader union, writer not: some branch must read the writer (MISSING_UNION_BRANCH otherwise).
// - Otherwise the promotions int->long/float/double, long->float/double, float->double,
//   string<->bytes; anything else is TYPE_MISMATCH. Logical types are ignored.
// - Records: every reader field is looked up in the writer by name and by each of its aliases;
//   several matches is an error (Java throws); none needs a default (an enum default does not
//   count: Java then compares the enum with the writer record, a TYPE_MISMATCH).
// - A reader/writer pair already being checked counts as compatible (recursive types terminate),
//   and a pair's result is computed once. Pairs of unnamed types cannot recur except through named
//   types, so only pairs with a named type are memoized.
//
// Findings are built bottom-up: a pair's findings carry a path relative to the pair, and a parent
// prefixes its step when it merges them. Nothing is allocated for compatible subtrees.
//
// Where Java's output is an artefact of its memo, we report what it means instead (the report
// step): a pair reached again (a named type used twice) is reported once, with the other places in
// `alsoAt` (Java repeats it with the first location); and a pair first checked while probing a
// union (where Java starts a fresh location stack) is located where it is actually reached.
import type { AvroSchema, EnumSchema, Field, FixedSchema, NamedSchema, RecordSchema, ReferenceSchema, Span, UnionSchema } from '../model/types';
import type { JsonValue } from '../parser/json';
import type { AvroTypeName, DocSpan, IncompatibilityType, SchemaSide, UnresolvedReference } from './types';

/** One step from a pair to a child pair: the pointer tokens it adds and what it went through. */
export interface Step {
  /** Pointer tokens joined with '/': "fields/3/type", "items", "values", or a writer branch index. */
  tokens: string;
  /** A writer union branch read by a non-union reader (Java 1.11 restarted the pointer here). */
  writerBranch: boolean;
  /** The reader field this step enters, for field steps. */
  readerField: Field | undefined;
  /** The reader schema as written at this step (a reference for a named type used by name); undefined when the reader does not move. */
  readerWritten: AvroSchema | undefined;
  writerWritten: AvroSchema;
  /** Documents the written nodes are in. */
  readerUri: string;
  writerUri: string;
}

export interface Cell {
  step: Step;
  next: Cell | null;
}

/** What each kind of finding needs to be described. */
export type RawDetail =
  | { kind: 'name'; reader: NamedSchema; writer: NamedSchema }
  | { kind: 'size'; reader: FixedSchema; writer: FixedSchema }
  | { kind: 'symbols'; reader: EnumSchema; writer: EnumSchema; missing: string[]; missingSpans: Span[] }
  | { kind: 'missing-field'; field: Field; reader: RecordSchema; writer: RecordSchema; enumDefaultOnly: boolean; restoreOffset: number }
  | { kind: 'type'; reader: AvroSchema; writer: AvroSchema }
  | { kind: 'branch'; reader: UnionSchema; writer: AvroSchema; writerBranchIndex: number | undefined; closest: ClosestBranch | undefined }
  | { kind: 'ambiguous'; field: Field; reader: RecordSchema; writer: RecordSchema; matches: Array<{ field: Field; alias: string | undefined }> };

/** A finding as found inside one reader/writer pair. */
export interface Raw {
  type: IncompatibilityType;
  /** Pointer tokens below the pair ('' when the finding is about the pair itself). */
  tail: string;
  javaMessage: string;
  readerSpan: DocSpan;
  writerSpan: DocSpan;
  /** The spans are the pair's own schemas: a reference to them, where one was written, is more specific. */
  readerAtPair: boolean;
  writerAtPair: boolean;
  detail: RawDetail;
}

/** The reader union branch most like the writer type, and why it does not read it. */
export interface ClosestBranch {
  index: number;
  /**
   * The same named type (by name) or the same array/map kind: a union cannot hold a second one,
   * so the fix is inside this branch.
   */
  sameType: boolean;
  findings: readonly Found[];
}

export interface Found {
  raw: Raw;
  /** Steps from the pair where the finding was merged down to the pair where it was found. */
  path: Cell | null;
}

type Findings = readonly Found[];
const NONE: Findings = [];
const IN_PROGRESS: Findings = [];

/** Java's Schema.Type of a resolved schema, lower-cased. */
export function avroTypeOf(s: AvroSchema): AvroTypeName | undefined {
  switch (s.kind) {
    case 'primitive': return s.type;
    case 'record': case 'enum': case 'fixed': case 'array': case 'map': case 'union': return s.kind;
    default: return undefined;
  }
}

/** Java's Schema.getFullName(): an empty namespace is no namespace (a leading dot is dropped). */
export function javaFullname(s: NamedSchema): string {
  return s.namespace ? s.namespace + '.' + s.name : s.name;
}

/** Java's Schema.getAliases() of a named type: each alias qualified with the type's namespace unless dotted. */
export function javaAliases(s: NamedSchema): string[] {
  const out: string[] = [];
  for (const a of s.aliases) {
    const dot = a.name.lastIndexOf('.');
    const space = dot >= 0 ? a.name.slice(0, dot) : s.namespace;
    const name = dot >= 0 ? a.name.slice(dot + 1) : a.name;
    // Java prints an alias without namespace of a type with one as ".Name" (and so never matches it).
    if (!space) out.push(s.namespace ? '.' + name : name);
    else out.push(space + '.' + name);
  }
  return out;
}

/** Java's schemaNameEquals: unqualified names equal, or the writer's fullname is a reader alias. */
export function namesMatch(reader: NamedSchema, writer: NamedSchema): boolean {
  if (reader.name === writer.name) return true;
  if (reader.aliases.length === 0) return false;
  return javaAliases(reader).includes(javaFullname(writer));
}

/** The span of the most specific node describing a schema (its name, its type keyword, the union). */
export function schemaSpan(s: AvroSchema): Span {
  switch (s.kind) {
    case 'reference': return spanOf(s.nameNode);
    case 'record': case 'enum': case 'fixed': return spanOf(s.nameNode ?? typeValueOf(s.node) ?? s.node);
    case 'union': case 'invalid': return spanOf(s.node);
    default: return spanOf(s.node.kind === 'object' ? typeValueOf(s.node) ?? s.node : s.node);
  }
}

function typeValueOf(node: JsonValue): JsonValue | undefined {
  if (node.kind !== 'object') return undefined;
  for (const p of node.properties) if (p.key.value === 'type' && p.value) return p.value;
  return undefined;
}

export function spanOf(n: { offset: number; length: number }): Span {
  return { offset: n.offset, length: n.length };
}

function docSpan(uri: string, n: { offset: number; length: number }): DocSpan {
  return { uri, offset: n.offset, length: n.length };
}

/** Writer fields by name (the first of a name), per record: kept by the walk (one check), never by the module. */
function fieldsByName(r: RecordSchema, maps: Map<RecordSchema, Map<string, Field>>): Map<string, Field> {
  let m = maps.get(r);
  if (!m) {
    m = new Map();
    for (const f of r.fields) if (!m.has(f.name)) m.set(f.name, f);
    maps.set(r, m);
  }
  return m;
}

function hasDefault(f: Field): boolean {
  return f.defaultProperty !== undefined && f.defaultProperty.value !== undefined;
}

function enumDefault(e: EnumSchema): string | undefined {
  const v = e.defaultProperty?.value;
  return v?.kind === 'string' ? v.value : undefined;
}

/** Java's Schema.Type names, as they appear in Java's messages. */
function javaType(s: AvroSchema): string {
  return (avroTypeOf(s) ?? 'null').toUpperCase();
}

/** Memoized results of the pairs with one reader: usually a single writer, so a short list first, a map when it grows. */
interface MemoEntry {
  writer: AvroSchema;
  result: Findings;
  next: MemoEntry | undefined;
}
const MEMO_LIST_MAX = 8;

export class Walk {
  private readonly memo = new Map<AvroSchema, MemoEntry | Map<AvroSchema, MemoEntry>>();
  private readonly fieldMaps = new Map<RecordSchema, Map<string, Field>>();
  private readonly seenUnresolved = new Set<ReferenceSchema>();
  readonly unresolved: UnresolvedReference[] = [];
  /** Named types matched by unqualified name whose namespaces differ (once per pair: pairs are memoized). */
  readonly namespaceChanges: Array<{ reader: NamedSchema; writer: NamedSchema; readerUri: string; writerUri: string }> = [];
  complete = true;

  constructor(private readonly reader: SchemaSide, private readonly writer: SchemaSide) {}

  /** Check the two root schemas; findings carry paths from the roots. */
  run(): Findings {
    return this.check(this.reader.schema, this.writer.schema, this.reader.doc.uri, this.writer.doc.uri);
  }

  /** Resolve a reference quietly (for choosing a union branch to explain). */
  peekReader(s: AvroSchema): AvroSchema | undefined {
    return s.kind === 'reference' ? this.reader.resolve(s) : s;
  }

  /** Compare two schemas as written (references resolved here), memoized by resolved pair. */
  private check(rWritten: AvroSchema, wWritten: AvroSchema, rUri: string, wUri: string): Findings {
    let r = rWritten;
    let w = wWritten;
    if (r.kind === 'reference') {
      const t = this.reader.resolve(r);
      if (!t) return this.missing('reader', r, rUri);
      r = t;
      rUri = t.uri;
    }
    if (w.kind === 'reference') {
      const t = this.writer.resolve(w);
      if (!t) return this.missing('writer', w, wUri);
      w = t;
      wUri = t.uri;
    }
    if (r.kind === 'invalid' || w.kind === 'invalid') {
      this.complete = false;
      return NONE;
    }
    const named = r.kind === 'record' || r.kind === 'enum' || r.kind === 'fixed' || w.kind === 'record' || w.kind === 'enum' || w.kind === 'fixed';
    if (!named) return this.compute(r, w, rUri, wUri);
    // A pair being checked is IN_PROGRESS (empty): it counts as compatible, which ends recursion.
    const known = this.memo.get(r);
    let entry: MemoEntry | undefined;
    if (known instanceof Map) {
      entry = known.get(w);
      if (entry) return entry.result;
      entry = { writer: w, result: IN_PROGRESS, next: undefined };
      known.set(w, entry);
    } else {
      let length = 0;
      for (let e = known; e; e = e.next, length++) if (e.writer === w) return e.result;
      entry = { writer: w, result: IN_PROGRESS, next: known };
      if (length < MEMO_LIST_MAX) {
        this.memo.set(r, entry);
      } else {
        // The entries (some possibly in progress) move to a map; results are written into the entries.
        const map = new Map<AvroSchema, MemoEntry>();
        for (let e: MemoEntry | undefined = entry; e; e = e.next) map.set(e.writer, e);
        this.memo.set(r, map);
      }
    }
    entry.result = this.compute(r, w, rUri, wUri);
    return entry.result;
  }

  private missing(side: 'reader' | 'writer', ref: ReferenceSchema, uri: string): Findings {
    this.complete = false;
    if (!this.seenUnresolved.has(ref)) {
      this.seenUnresolved.add(ref);
      this.unresolved.push({ side, name: ref.name, span: docSpan(uri, ref.nameNode) });
    }
    return NONE;
  }

  /** The compatibility of a resolved pair (Java's calculateCompatibility). */
  private compute(r: AvroSchema, w: AvroSchema, rUri: string, wUri: string): Findings {
    if (r.kind === 'union' && w.kind === 'union') return this.unionUnion(r, w, rUri, wUri);
    if (w.kind === 'union') return this.writerUnion(r, w, rUri, wUri);
    if (r.kind === 'union') return this.readerUnion(r, w, rUri, wUri);
    switch (r.kind) {
      case 'primitive':
        if (w.kind === 'primitive' && (w.type === r.type || promotes(w.type, r.type))) return NONE;
        return this.typeMismatch(r, w, rUri, wUri);
      case 'array':
        if (w.kind !== 'array') return this.typeMismatch(r, w, rUri, wUri);
        if (!r.items || !w.items) return this.incomplete();
        return this.child(r.items, w.items, rUri, wUri, 'items', undefined, NONE);
      case 'map':
        if (w.kind !== 'map') return this.typeMismatch(r, w, rUri, wUri);
        if (!r.values || !w.values) return this.incomplete();
        return this.child(r.values, w.values, rUri, wUri, 'values', undefined, NONE);
      case 'fixed': {
        if (w.kind !== 'fixed') return this.typeMismatch(r, w, rUri, wUri);
        const out = this.names(r, w, rUri, wUri, NONE);
        if (r.size === undefined || w.size === undefined) return this.incomplete(out);
        if (r.size === w.size) return out;
        return add(out, {
          type: 'FIXED_SIZE_MISMATCH', tail: 'size', javaMessage: `expected: ${w.size}, found: ${r.size}`,
          readerSpan: docSpan(rUri, r.sizeProperty?.value ?? schemaSpan(r)), writerSpan: docSpan(wUri, w.sizeProperty?.value ?? schemaSpan(w)),
          readerAtPair: false, writerAtPair: false, detail: { kind: 'size', reader: r, writer: w },
        });
      }
      case 'enum': {
        if (w.kind !== 'enum') return this.typeMismatch(r, w, rUri, wUri);
        return this.symbols(r, w, rUri, wUri, this.names(r, w, rUri, wUri, NONE));
      }
      case 'record': {
        if (w.kind !== 'record') return this.typeMismatch(r, w, rUri, wUri);
        return this.fields(r, w, rUri, wUri, this.names(r, w, rUri, wUri, NONE));
      }
      default:
        return NONE;
    }
  }

  private incomplete(out: Findings = NONE): Findings {
    this.complete = false;
    return out;
  }

  /**
   * Check a child pair and merge its findings under one step: a field's type (`field`), a writer
   * union branch (`branch` >= 0) or `tokens` ("items", "values"). The step, and its pointer
   * tokens, are only built when there are findings.
   */
  private child(rWritten: AvroSchema, wWritten: AvroSchema, rUri: string, wUri: string, tokens: string | undefined, field: Field | undefined, out: Findings, branch = -1): Findings {
    const found = this.check(rWritten, wWritten, rUri, wUri);
    if (found.length === 0) return out;
    const writerBranch = branch >= 0;
    const step: Step = {
      tokens: field ? `fields/${field.index}/type` : writerBranch ? String(branch) : tokens!,
      writerBranch, readerField: field, readerWritten: writerBranch ? undefined : rWritten, writerWritten: wWritten, readerUri: rUri, writerUri: wUri,
    };
    const merged = owned(out);
    for (const f of found) merged.push({ raw: f.raw, path: { step, next: f.path } });
    return merged;
  }

  private typeMismatch(r: AvroSchema, w: AvroSchema, rUri: string, wUri: string): Findings {
    return [{
      raw: {
        type: 'TYPE_MISMATCH', tail: '', javaMessage: `reader type: ${javaType(r)} not compatible with writer type: ${javaType(w)}`,
        readerSpan: docSpan(rUri, schemaSpan(r)), writerSpan: docSpan(wUri, schemaSpan(w)),
        readerAtPair: true, writerAtPair: true, detail: { kind: 'type', reader: r, writer: w },
      },
      path: null,
    }];
  }

  private names(r: NamedSchema, w: NamedSchema, rUri: string, wUri: string, out: Findings): Findings {
    if (namesMatch(r, w)) {
      // Java 1.8 and avsc compare full names (or a reader alias with the writer's fullname).
      const writerFullname = javaFullname(w);
      if (javaFullname(r) !== writerFullname && !javaAliases(r).includes(writerFullname)) this.namespaceChanges.push({ reader: r, writer: w, readerUri: rUri, writerUri: wUri });
      return out;
    }
    return add(out, {
      type: 'NAME_MISMATCH', tail: 'name', javaMessage: `expected: ${javaFullname(w)}`,
      readerSpan: docSpan(rUri, schemaSpan(r)), writerSpan: docSpan(wUri, schemaSpan(w)),
      readerAtPair: false, writerAtPair: false, detail: { kind: 'name', reader: r, writer: w },
    });
  }

  private symbols(r: EnumSchema, w: EnumSchema, rUri: string, wUri: string, out: Findings): Findings {
    if (w.symbols.length === 0) return out;
    // Fast path: the writer's symbols start the reader's, in order.
    if (w.symbols.length <= r.symbols.length) {
      let i = 0;
      while (i < w.symbols.length && w.symbols[i].name === r.symbols[i].name) i++;
      if (i === w.symbols.length) return out;
    }
    const readerSymbols = new Set<string>();
    for (const s of r.symbols) readerSymbols.add(s.name);
    let missing: Map<string, Span> | undefined;
    for (const s of w.symbols) {
      if (readerSymbols.has(s.name) || missing?.has(s.name)) continue;
      (missing ??= new Map()).set(s.name, spanOf(s.node));
    }
    if (!missing) return out;
    const def = enumDefault(r);
    if (def !== undefined && readerSymbols.has(def)) return out;
    // Java collects the missing symbols in a TreeSet: sorted by UTF-16 code units, as JavaScript sorts.
    const names = [...missing.keys()].sort();
    const missingSpans = names.map(n => missing!.get(n)!);
    const writerNode = names.length === 1 ? missingSpans[0] : w.symbolsNode ?? schemaSpan(w);
    return add(out, {
      type: 'MISSING_ENUM_SYMBOLS', tail: 'symbols', javaMessage: `[${names.join(', ')}]`,
      readerSpan: docSpan(rUri, r.symbolsNode ?? schemaSpan(r)), writerSpan: docSpan(wUri, writerNode),
      readerAtPair: false, writerAtPair: false, detail: { kind: 'symbols', reader: r, writer: w, missing: names, missingSpans },
    });
  }

  private fields(r: RecordSchema, w: RecordSchema, rUri: string, wUri: string, out: Findings): Findings {
    const readerFields = r.fields;
    const inOrder = w.fields;
    // Most evolutions keep the field order: look at the same position first, build the name map only when needed.
    let writerFields: Map<string, Field> | undefined;
    for (let i = 0; i < readerFields.length; i++) {
      const rf = readerFields[i];
      let wf: Field | undefined;
      if (i < inOrder.length && inOrder[i].name === rf.name) wf = inOrder[i];
      else wf = (writerFields ??= fieldsByName(w, this.fieldMaps)).get(rf.name);
      if (rf.aliases.length) {
        writerFields ??= fieldsByName(w, this.fieldMaps);
        // Java collects the direct match and one match per (distinct) alias; more than one is an error.
        const matches: Array<{ field: Field; alias: string | undefined }> = wf ? [{ field: wf, alias: undefined }] : [];
        const seen = new Set<string>();
        for (const a of rf.aliases) {
          if (seen.has(a.name)) continue;
          seen.add(a.name);
          const m = writerFields.get(a.name);
          if (m) matches.push({ field: m, alias: a.name });
        }
        if (matches.length > 1) {
          out = add(out, {
            type: 'AMBIGUOUS_FIELD_MATCH', tail: `fields/${rf.index}`,
            javaMessage: `Reader record field ${rf.name} matches multiple fields in writer record schema ${javaFullname(w)}`,
            readerSpan: docSpan(rUri, rf.nameNode ?? rf.node), writerSpan: docSpan(wUri, matches[1].field.nameNode ?? matches[1].field.node),
            readerAtPair: false, writerAtPair: false, detail: { kind: 'ambiguous', field: rf, reader: r, writer: w, matches },
          });
          continue;
        }
        wf = matches[0]?.field;
      }
      if (wf) {
        if (!rf.type || !wf.type) {
          this.complete = false;
          continue;
        }
        out = this.child(rf.type, wf.type, rUri, wUri, undefined, rf, out);
        continue;
      }
      if (hasDefault(rf)) continue;
      const fieldType = rf.type && this.peekReader(rf.type);
      const enumDefaultOnly = fieldType?.kind === 'enum' && enumDefault(fieldType) !== undefined;
      const restoreOffset = this.restoreOffset(r, w, i, (writerFields ??= fieldsByName(w, this.fieldMaps)));
      if (enumDefaultOnly) {
        // Java compares the field's enum with the writer *record* here: always a TYPE_MISMATCH.
        out = add(out, {
          type: 'TYPE_MISMATCH', tail: `fields/${rf.index}/type`, javaMessage: 'reader type: ENUM not compatible with writer type: RECORD',
          readerSpan: docSpan(rUri, rf.nameNode ?? rf.node), writerSpan: docSpan(wUri, fieldsKeySpan(w)),
          readerAtPair: false, writerAtPair: false, detail: { kind: 'missing-field', field: rf, reader: r, writer: w, enumDefaultOnly: true, restoreOffset },
        });
        continue;
      }
      out = add(out, {
        type: 'READER_FIELD_MISSING_DEFAULT_VALUE', tail: `fields/${rf.index}`, javaMessage: rf.name,
        readerSpan: docSpan(rUri, rf.nameNode ?? rf.node), writerSpan: docSpan(wUri, fieldsKeySpan(w)),
        readerAtPair: false, writerAtPair: false, detail: { kind: 'missing-field', field: rf, reader: r, writer: w, enumDefaultOnly: false, restoreOffset },
      });
    }
    return out;
  }

  /** Where reader field i would go back into the writer: after the writer field matching the nearest earlier reader field. */
  private restoreOffset(r: RecordSchema, w: RecordSchema, i: number, writerFields: Map<string, Field>): number {
    for (let j = i - 1; j >= 0; j--) {
      const prev = r.fields[j];
      let wf = writerFields.get(prev.name);
      if (!wf) for (const a of prev.aliases) if ((wf = writerFields.get(a.name))) break;
      if (wf) return wf.node.offset + wf.node.length;
    }
    return w.fieldsNode ? w.fieldsNode.offset + 1 : w.node.offset + 1;
  }

  /** Every writer branch must be readable by the reader union. */
  private unionUnion(r: UnionSchema, w: UnionSchema, rUri: string, wUri: string): Findings {
    let out: Findings = NONE;
    for (let j = 0; j < w.branches.length; j++) {
      const wb = w.branches[j];
      const found = this.check(r, wb, rUri, wUri);
      if (found.length === 0) continue;
      // The reader union cannot read this branch: reported at the branch's index, with the reason
      // found by the reader-union check (whose own location Java discards).
      const inner = found.find(f => f.raw.detail.kind === 'branch' && f.path === null);
      const closest = inner && inner.raw.detail.kind === 'branch' ? inner.raw.detail.closest : undefined;
      const wResolved = wb.kind === 'reference' ? this.writer.resolve(wb) ?? wb : wb;
      out = add(out, {
        type: 'MISSING_UNION_BRANCH', tail: String(j), javaMessage: `reader union lacking writer type: ${javaType(wResolved)}`,
        readerSpan: docSpan(rUri, r.node), writerSpan: docSpan(wUri, schemaSpan(wb)),
        readerAtPair: false, writerAtPair: false, detail: { kind: 'branch', reader: r, writer: wResolved, writerBranchIndex: j, closest },
      });
    }
    return out;
  }

  /** A non-union reader must read every writer branch; findings are reported inside each branch. */
  private writerUnion(r: AvroSchema, w: UnionSchema, rUri: string, wUri: string): Findings {
    let out: Findings = NONE;
    for (let j = 0; j < w.branches.length; j++) out = this.child(r, w.branches[j], rUri, wUri, undefined, undefined, out, j);
    return out;
  }

  /** Some reader branch must read the (non-union) writer. */
  private readerUnion(r: UnionSchema, w: AvroSchema, rUri: string, wUri: string): Findings {
    let closest: ClosestBranch | undefined;
    let closestRank = 0;
    for (let i = 0; i < r.branches.length; i++) {
      const branch = this.peekReader(r.branches[i]);
      // A branch of another type (and no promotion) cannot read the writer: no need to build its findings.
      if (branch && !mayRead(branch, w)) continue;
      const found = this.check(r.branches[i], w, rUri, wUri);
      if (found.length === 0) return NONE;
      const rank = closeness(branch, w);
      if (rank > closestRank) {
        closest = { index: i, sameType: rank >= 2, findings: found };
        closestRank = rank;
      }
    }
    return [{
      raw: {
        type: 'MISSING_UNION_BRANCH', tail: '', javaMessage: `reader union lacking writer type: ${javaType(w)}`,
        readerSpan: docSpan(rUri, r.node), writerSpan: docSpan(wUri, schemaSpan(w)),
        readerAtPair: false, writerAtPair: true, detail: { kind: 'branch', reader: r, writer: w, writerBranchIndex: undefined, closest },
      },
      path: null,
    }];
  }
}

/** False when a reader schema certainly cannot read a (non-union) writer schema: different types, no promotion. */
function mayRead(r: AvroSchema, w: AvroSchema): boolean {
  if (r.kind === 'union' || r.kind === 'invalid') return true;
  const rt = avroTypeOf(r);
  const wt = avroTypeOf(w);
  if (rt === wt || rt === undefined || wt === undefined) return true;
  return r.kind === 'primitive' && w.kind === 'primitive' && promotes(w.type, r.type);
}

/**
 * How close a reader branch is to a writer type, to explain why it does not read it: 3 the same
 * named type, 2 the same unnamed kind (array, map), 1 a named type of the same kind, 0 unrelated.
 */
function closeness(r: AvroSchema | undefined, w: AvroSchema): number {
  if (!r || avroTypeOf(r) !== avroTypeOf(w)) return 0;
  if ((r.kind === 'record' || r.kind === 'enum' || r.kind === 'fixed') && (w.kind === 'record' || w.kind === 'enum' || w.kind === 'fixed')) {
    return namesMatch(r, w) ? 3 : 1;
  }
  return 2;
}

/**
 * The findings list a compute step may append to. Within one compute call, a non-empty list is
 * always one this call created (shared results, memoized or empty, are never appended to).
 */
function owned(out: Findings): Found[] {
  return out.length ? (out as Found[]) : [];
}

function add(out: Findings, raw: Raw): Findings {
  const merged = owned(out);
  merged.push({ raw, path: null });
  return merged;
}

/** The writer record's "fields" key: where a field the writer lacks would be. */
function fieldsKeySpan(w: RecordSchema): Span {
  for (const p of w.node.properties) if (p.key.value === 'fields') return spanOf(p.key);
  return schemaSpan(w);
}

/** Java's promotions: can a reader of type `reader` read a writer's `writer` value? */
export function promotes(writer: string, reader: string): boolean {
  switch (writer) {
    case 'int': return reader === 'long' || reader === 'float' || reader === 'double';
    case 'long': return reader === 'float' || reader === 'double';
    case 'float': return reader === 'double';
    case 'string': return reader === 'bytes';
    case 'bytes': return reader === 'string';
    default: return false;
  }
}
