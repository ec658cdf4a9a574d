// The named types of every indexed document, for resolving references across files; documents not open are kept as summaries.
import type { AvroDocument, NamedSchema, ReferenceSchema } from './types';
import { parseAvroDocument } from './builder';
import { DocumentSummary, isSummary, type DefinitionSummary, type IndexedDocument, type StoredText, type TypeDefinition } from './summary';
import { computeSignature, definitionKey, type NameResolver, type SignatureCache } from '../util/definitionSignature';

export interface Resolution {
  /** The definition the reference resolves to. */
  target: NamedSchema;
  /** True when the definition is in the same document but after the reference. */
  forward: boolean;
  /**
   * Other files hold equally near definitions of the fullname that differ from `target`: a build
   * could pick either (AVRO-311). Sorted by URI; `target` is the first of them.
   */
  ambiguous?: TypeDefinition[];
  /**
   * The reference resolved only through Java's fallback to the null namespace (`"Foo"` inside the
   * namespace `com.acme` names the null namespace's `Foo`): avsc and Python do not fall back (AVRO-313).
   */
  nullNamespaceFallback?: boolean;
}

/** A resolution as the index knows it: the target may be a summary (no model is built for it). */
export interface DefinitionResolution extends Omit<Resolution, 'target'> {
  target: TypeDefinition;
}

/** What resolution reads of a reference. */
export type ReferenceLike = Pick<ReferenceSchema, 'candidates' | 'nameNode'>;

/** The document a reference is written in: its own definitions are tried first. */
export interface ResolutionScope {
  uri: string;
  definitions: ReadonlyMap<string, TypeDefinition>;
}

/** A compilation unit a file belongs to (declared in avro-studio.json "units"). */
export interface UnitMembership {
  /** Identifies the unit (stable while the layout holds). */
  unit: string;
  /** For messages: the unit's name or its place in the project file. */
  label: string;
  /** Parse order inside the unit: imports first, in the order given, then the unit's own files. */
  rank: number;
}

/** Where names are visible: the declared compilation units of each file (none: nearest-definition resolution). */
export interface CompilationUnits {
  of(uri: string): readonly UnitMembership[];
}

export interface SchemaIndexOptions {
  /** Models of summarized documents kept after they were rebuilt (default 64)... */
  rebuiltDocuments?: number;
  /** ... and at most this many characters of their texts (default 8M; the last one rebuilt is always kept). */
  rebuiltLength?: number;
}

/** A summarized definition's signature key, and the resolutions it was computed with. */
interface SummaryKey {
  key: string;
  resolved: Array<[ReferenceSchema, string | undefined]>;
}

/**
 * All documents of a workspace and their named types. Pure: documents are handed in by the caller
 * (the server's workspace crawler, the CLI, a test), never read here.
 *
 * Where a name is visible (docs/rules.md, "Compilation units"): a file's own definitions first;
 * then, for a file in declared compilation units, the definitions of the files compiled with it
 * (imports first); for any other file, the nearest definition in the folder tree (same folder,
 * then the closest folders up and down), identical copies counting as one.
 *
 * A document is kept whole (`set`: its model) or as a summary (`setSummary`: names, references,
 * text; model/summary.ts). Name resolution, workspace symbols, references and rename work on both
 * without building a model (`resolveDefinition`, `definitionsOf`, `indexedDocuments`, ...: their
 * definitions are `TypeDefinition`s). What needs a summarized document's model (`get`, `resolve`,
 * `schemaOf`: a rule walking a type defined there, hover) has it rebuilt from the text; the
 * index keeps the last few rebuilt, and keeps any rebuilt model alive while one of its named types
 * is reachable, so one document never has two models at a time: objects compared by identity
 * (a Set of definitions, a walk that stops at a type it has seen) stay comparable.
 */
export class SchemaIndex {
  private readonly documents = new Map<string, IndexedDocument>();
  /** fullname -> definitions in every document (several when teams inline a shared type, or keep versions side by side). */
  private readonly byFullname = new Map<string, TypeDefinition[]>();
  private units: CompilationUnits | undefined;
  /** Folder segments of document URIs, for distances in the folder tree. */
  private readonly folders = new Map<string, string[]>();
  /** Fullnames whose equally near definitions are being compared (a comparison resolves names too: no re-entry). */
  private readonly comparing = new Set<string>();
  /** Models rebuilt from summaries, least recently used first. */
  private readonly rebuilt = new Map<string, AvroDocument>();
  private rebuiltChars = 0;
  /** Models no longer among `rebuilt`: reused while something still holds them. */
  private readonly released = new Map<string, WeakRef<AvroDocument>>();
  /** Each named type of a rebuilt model -> its model: a held named type keeps its document (and `released` finds it). */
  private readonly holders = new WeakMap<NamedSchema, AvroDocument>();
  /** Signatures of the definitions of this index's documents (util/definitionSignature.ts): the snapshot's, not a module's. */
  readonly signatures: SignatureCache = new WeakMap();
  /** Signature keys of summarized definitions (their models come and go). */
  private readonly summaryKeys = new WeakMap<DefinitionSummary, SummaryKey>();
  private readonly maxRebuilt: number;
  private readonly maxRebuiltChars: number;
  private encoder: InstanceType<typeof TextEncoder> | undefined;
  private decoder: InstanceType<typeof TextDecoder> | undefined;

  constructor(options: SchemaIndexOptions = {}) {
    this.maxRebuilt = Math.max(1, options.rebuiltDocuments ?? 64);
    this.maxRebuiltChars = options.rebuiltLength ?? 8 * 1024 * 1024;
  }

  get size(): number {
    return this.documents.size;
  }

  /** The model of a document; a summarized one is rebuilt from its text (and kept a while). */
  get(uri: string): AvroDocument | undefined {
    const d = this.documents.get(uri);
    return d instanceof DocumentSummary ? this.rebuild(d) : d;
  }

  has(uri: string): boolean {
    return this.documents.has(uri);
  }

  /** The document as indexed: its model, or its summary (nothing is built). */
  indexed(uri: string): IndexedDocument | undefined {
    return this.documents.get(uri);
  }

  /** The text of an indexed document (a summarized one's is decoded from its bytes: read it once per use). */
  textOf(uri: string): string | undefined {
    const d = this.documents.get(uri);
    if (!(d instanceof DocumentSummary)) return d?.text;
    return this.rebuilt.get(uri)?.text ?? this.readText(d);
  }

  /** Whether a document is kept as a summary. */
  isSummarized(uri: string): boolean {
    return this.documents.get(uri) instanceof DocumentSummary;
  }

  /** Every document as indexed (models and summaries), in index order. */
  indexedDocuments(): IterableIterator<IndexedDocument> {
    return this.documents.values();
  }

  /**
   * Every document's model, in index order. Summarized documents are rebuilt one by one: code
   * that reads every document of a large workspace reads `indexedDocuments()` instead.
   */
  *allDocuments(): IterableIterator<AvroDocument> {
    for (const d of [...this.documents.values()]) {
      const doc = d instanceof DocumentSummary ? this.rebuild(d) : d;
      if (doc) yield doc;
    }
  }

  /** The declared compilation units (undefined: none, every file resolves to the nearest definition). */
  setCompilationUnits(units: CompilationUnits | undefined): void {
    this.units = units;
  }

  /** The declared units of a document ([] when it is in none). */
  unitsOf(uri: string): readonly UnitMembership[] {
    return this.units?.of(uri) ?? [];
  }

  /** A declared unit both documents are compiled in, if any. */
  sharedUnit(a: string, b: string): UnitMembership | undefined {
    const mine = this.unitsOf(a);
    if (mine.length === 0) return undefined;
    const theirs = this.unitsOf(b);
    return mine.find(m => theirs.some(t => t.unit === m.unit));
  }

  /** Add or replace a document, kept whole (its model is what `get` returns). */
  set(doc: AvroDocument): void {
    this.put(doc);
  }

  /**
   * Add or replace a document, kept as a summary: its model is dropped (rebuilt from the text
   * when needed). For documents nobody edits: the files of a workspace that are not open.
   */
  setSummary(doc: AvroDocument): void {
    this.put(new DocumentSummary(doc, this.storeText(doc.text)));
  }

  /** UTF-8 bytes, unless the text has an unpaired surrogate (which UTF-8 cannot hold): then the string. */
  private storeText(text: string): StoredText {
    if (UNPAIRED_SURROGATE.test(text)) return text;
    return (this.encoder ??= new TextEncoder()).encode(text);
  }

  private readText(summary: DocumentSummary): string {
    const stored = summary.storedText;
    if (typeof stored === 'string') return stored;
    // ignoreBOM: a U+FEFF at the start is part of the text (offsets count it).
    return (this.decoder ??= new TextDecoder('utf-8', { ignoreBOM: true })).decode(stored);
  }

  private put(entry: IndexedDocument): void {
    const old = this.documents.get(entry.uri);
    // A definition the new version shares with the old one (an incremental re-parse reuses the
    // objects it did not re-read) and that nobody else defines stays where it is; the others are
    // removed and added again, as for a new document.
    const kept = old ? this.keptDefinitions(old, entry) : undefined;
    this.delete(entry.uri, kept);
    this.documents.set(entry.uri, entry);
    for (const schema of entry.definitions.values()) {
      if (kept?.has(schema)) continue;
      const list = this.byFullname.get(schema.fullname);
      // Most fullnames have one definition: a one-element array (a `[]` grown by push reserves 17).
      if (list) list.push(schema);
      else this.byFullname.set(schema.fullname, [schema]);
    }
  }

  private keptDefinitions(old: IndexedDocument, doc: IndexedDocument): Set<TypeDefinition> | undefined {
    let kept: Set<TypeDefinition> | undefined;
    for (const [fullname, schema] of old.definitions) {
      if (doc.definitions.get(fullname) !== schema) continue;
      const list = this.byFullname.get(fullname);
      if (list && list.length === 1 && list[0] === schema) (kept ??= new Set()).add(schema);
    }
    return kept;
  }

  delete(uri: string, kept?: ReadonlySet<TypeDefinition>): void {
    const old = this.documents.get(uri);
    if (!old) return;
    this.documents.delete(uri);
    this.folders.delete(uri);
    this.forgetRebuilt(uri);
    for (const schema of old.definitions.values()) {
      if (kept?.has(schema)) continue;
      const list = this.byFullname.get(schema.fullname);
      if (!list) continue;
      const rest = list.filter(s => s !== schema);
      if (rest.length) this.byFullname.set(schema.fullname, rest);
      else this.byFullname.delete(schema.fullname);
    }
  }

  // -------------------------------------------------------------------------------------------
  // Models of summarized documents
  // -------------------------------------------------------------------------------------------

  private rebuild(summary: DocumentSummary): AvroDocument {
    const uri = summary.uri;
    let doc = this.rebuilt.get(uri);
    if (doc) {
      this.rebuilt.delete(uri);
      this.rebuilt.set(uri, doc);
      return doc;
    }
    doc = this.released.get(uri)?.deref();
    this.released.delete(uri);
    if (!doc) {
      doc = parseAvroDocument(uri, this.readText(summary), summary.version, summary.source);
      this.hold(doc);
    }
    this.rebuilt.set(uri, doc);
    this.rebuiltChars += doc.text.length;
    while (this.rebuilt.size > 1 && (this.rebuilt.size > this.maxRebuilt || this.rebuiltChars > this.maxRebuiltChars)) {
      const [oldest, model] = this.rebuilt.entries().next().value as [string, AvroDocument];
      this.rebuilt.delete(oldest);
      this.rebuiltChars -= model.text.length;
      this.released.set(oldest, new WeakRef(model));
    }
    return doc;
  }

  private hold(doc: AvroDocument): void {
    for (const t of doc.namedTypes) this.holders.set(t, doc);
  }

  private forgetRebuilt(uri: string): void {
    const model = this.rebuilt.get(uri);
    if (model) {
      this.rebuilt.delete(uri);
      this.rebuiltChars -= model.text.length;
    }
    this.released.delete(uri);
  }

  /** The model of a definition: itself for a document kept whole, rebuilt for a summary. */
  schemaOf(def: TypeDefinition): NamedSchema | undefined {
    if (!isSummary(def)) return def;
    const home = this.documents.get(def.uri);
    if (home instanceof DocumentSummary) {
      const i = home.definitions.get(def.fullname) === def ? -1 : home.namedTypes.indexOf(def);
      const doc = this.rebuild(home);
      if (i < 0) return doc.definitions.get(def.fullname);
      return doc.namedTypes[i];
    }
    // An older version's summary: the definition of the fullname now.
    return this.get(def.uri)?.definitions.get(def.fullname);
  }

  /**
   * The index's own object for a definition: a named type of a rebuilt model maps to its summary
   * (what `definitionsOf`, `resolveDefinition` and `copiesOf` return); anything else is itself.
   */
  canonical(def: TypeDefinition): TypeDefinition {
    if (isSummary(def)) return def;
    const home = this.documents.get(def.uri);
    if (!(home instanceof DocumentSummary)) return def;
    const d = home.definitions.get(def.fullname);
    return d && d.node.offset === def.node.offset ? d : def;
  }

  // -------------------------------------------------------------------------------------------
  // Names
  // -------------------------------------------------------------------------------------------

  /** Every definition of a fullname across the indexed documents. */
  definitionsOf(fullname: string): readonly TypeDefinition[] {
    return this.byFullname.get(fullname) ?? [];
  }

  /** Every fullname defined anywhere in the index. */
  fullnames(): IterableIterator<string> {
    return this.byFullname.keys();
  }

  /**
   * Resolve a reference made in `doc`, trying the candidates in Java's order (the enclosing
   * namespace, then the null namespace): the document's own definition first (as Java's parser
   * sees it), else the definition visible from the document in another file. The target is a
   * model (rebuilt when its document is summarized): for rules and features that walk it.
   */
  resolve(ref: ReferenceLike, doc: AvroDocument): Resolution | undefined {
    const r = this.resolveDefinition(ref, doc);
    if (!r || !isSummary(r.target)) return r as Resolution | undefined;
    const target = this.schemaOf(r.target);
    return target ? { ...r, target } : undefined;
  }

  /** `resolve` without building any model: the target may be a summary (names, uri, spans). */
  resolveDefinition(ref: ReferenceLike, doc: ResolutionScope): DefinitionResolution | undefined {
    const candidates = ref.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      const local = doc.definitions.get(candidate);
      let resolution: DefinitionResolution | undefined;
      if (local) resolution = { target: local, forward: local.node.offset > ref.nameNode.offset };
      else {
        const found = this.visibleElsewhere(candidate, doc);
        if (found) resolution = found.ambiguous ? { target: found.target, forward: false, ambiguous: found.ambiguous } : { target: found.target, forward: false };
      }
      if (!resolution) continue;
      if (i > 0) resolution.nullNamespaceFallback = true;
      return resolution;
    }
    return undefined;
  }

  /**
   * The definition of `fullname` that `doc` sees in another file: in its declared units, the first
   * in parse order; otherwise the nearest in the folder tree. Undefined when none is visible.
   */
  visibleElsewhere(fullname: string, doc: { uri: string }): { target: TypeDefinition; ambiguous?: TypeDefinition[] } | undefined {
    const list = this.byFullname.get(fullname);
    if (!list) return undefined;
    const mine = this.unitsOf(doc.uri);
    if (mine.length) {
      let best: TypeDefinition | undefined;
      let bestRank = Infinity;
      for (const s of list) {
        if (s.uri === doc.uri) continue;
        for (const m of this.unitsOf(s.uri)) {
          if (!mine.some(u => u.unit === m.unit)) continue;
          if (m.rank < bestRank || (m.rank === bestRank && best && s.uri < best.uri)) {
            best = s;
            bestRank = m.rank;
          }
        }
      }
      return best ? { target: best } : undefined;
    }
    if (list.length === 1) return list[0].uri === doc.uri ? undefined : { target: list[0] };
    let nearest: TypeDefinition[] = [];
    let distance = Infinity;
    const from = this.folderOf(doc.uri);
    for (const s of list) {
      if (s.uri === doc.uri) continue;
      const d = treeDistance(from, this.folderOf(s.uri));
      if (d < distance) {
        distance = d;
        nearest = [s];
      } else if (d === distance) nearest.push(s);
    }
    if (nearest.length === 0) return undefined;
    if (nearest.length > 1) nearest.sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
    const target = nearest[0];
    if (nearest.length === 1 || this.comparing.has(fullname)) return { target };
    this.comparing.add(fullname);
    try {
      const differing = nearest.filter(s => s === target || !this.identical(target, s));
      return differing.length > 1 ? { target, ambiguous: differing } : { target };
    } finally {
      this.comparing.delete(fullname);
    }
  }

  /** Whether two definitions are the same type for readers (identical copies count as one). */
  identical(a: TypeDefinition, b: TypeDefinition): boolean {
    if (a === b) return true;
    const ca = this.canonical(a);
    const cb = this.canonical(b);
    if (ca === cb) return true;
    const ka = this.signatureKey(ca);
    return ka !== undefined && ka === this.signatureKey(cb);
  }

  /**
   * The signature key of a definition (util/definitionSignature: equal keys, identical types),
   * with its references resolved from its own document; undefined when that document is not indexed.
   */
  signatureKey(def: TypeDefinition): string | undefined {
    const home = this.documents.get(def.uri);
    if (!home) return undefined;
    const resolve = this.nameResolver(home);
    if (!isSummary(def)) return definitionKey(this.signatures, def, resolve);
    const cached = this.summaryKeys.get(def);
    if (cached && cached.resolved.every(([ref, fullname]) => resolve(ref)?.fullname === fullname)) return cached.key;
    const schema = this.schemaOf(def);
    if (!schema) return undefined;
    const { key, resolved } = computeSignature(schema, resolve);
    this.summaryKeys.set(def, { key, resolved });
    return key;
  }

  /** Resolves references written in `home` (or in the document they are written in) to fullnames, building no model. */
  nameResolver(home: ResolutionScope): NameResolver {
    return ref => this.resolveDefinition(ref, ref.uri === home.uri ? home : this.documents.get(ref.uri) ?? home)?.target;
  }

  /**
   * The definitions that are one type with `schema` for navigation and rename: `schema` and its
   * identical copies in other files. Different definitions of the same fullname (versions kept
   * side by side, fixtures, other modules) are other types. The result holds the index's own
   * objects (`canonical`).
   */
  copiesOf(schema: TypeDefinition): TypeDefinition[] {
    const own = this.canonical(schema);
    if (!own.hasValidName) return [own];
    const list = this.byFullname.get(own.fullname);
    if (!list || list.length < 2) return [own];
    return list.filter(s => this.identical(own, s));
  }

  private folderOf(uri: string): string[] {
    let f = this.folders.get(uri);
    if (!f) {
      const slash = uri.lastIndexOf('/');
      f = (slash < 0 ? '' : uri.slice(0, slash)).split('/');
      this.folders.set(uri, f);
    }
    return f;
  }

  /** URIs of the documents that reference a fullname defined in `uri` (to re-validate after an edit). */
  dependentsOf(fullnames: Iterable<string>): string[] {
    const wanted = new Set(fullnames);
    if (wanted.size === 0) return [];
    const result: string[] = [];
    for (const doc of this.documents.values()) {
      if (doc.references.some(r => r.candidates.some(c => wanted.has(c)))) result.push(doc.uri);
    }
    return result;
  }
}

/** A lone high or low surrogate (a well-formed pair is two code units in a row). */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A resolver bound to one document, for code that walks schemas (rules, compatibility, hover). */
export type Resolver = (ref: ReferenceSchema) => NamedSchema | undefined;

export function resolverFor(index: SchemaIndex | undefined, doc: AvroDocument): Resolver {
  if (!index) {
    return ref => {
      for (const c of ref.candidates) {
        const s = doc.definitions.get(c);
        if (s) return s;
      }
      return undefined;
    };
  }
  // A reference inside a type defined in another document resolves from that document.
  return ref => index.resolve(ref, ref.uri === doc.uri ? doc : index.get(ref.uri) ?? doc)?.target;
}

/** Steps between two folders in the tree: up to their common ancestor, then down. */
function treeDistance(a: readonly string[], b: readonly string[]): number {
  let common = 0;
  const n = Math.min(a.length, b.length);
  while (common < n && a[common] === b[common]) common++;
  return a.length + b.length - 2 * common;
}
