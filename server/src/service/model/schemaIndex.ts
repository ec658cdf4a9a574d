// The named types of every indexed document, for resolving references across files.
import type { AvroDocument, NamedSchema, ReferenceSchema } from './types';
import { identicalDefinitions } from '../util/definitionSignature';

export interface Resolution {
  /** The definition the reference resolves to. */
  target: NamedSchema;
  /** True when the definition is in the same document but after the reference. */
  forward: boolean;
  /**
   * Other files hold equally near definitions of the fullname that differ from `target`: a build
   * could pick either (AVRO-311). Sorted by URI; `target` is the first of them.
   */
  ambiguous?: NamedSchema[];
  /**
   * The reference resolved only through Java's fallback to the null namespace (`"Foo"` inside the
   * namespace `com.acme` names the null namespace's `Foo`): avsc and Python do not fall back (AVRO-313).
   */
  nullNamespaceFallback?: boolean;
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

/**
 * All documents of a workspace and their named types. Pure: documents are handed in by the caller
 * (the server's workspace crawler, the CLI, a test), never read here.
 *
 * Where a name is visible (docs/rules.md, "Compilation units"): a file's own definitions first;
 * then, for a file in declared compilation units, the definitions of the files compiled with it
 * (imports first); for any other file, the nearest definition in the folder tree (same folder,
 * then the closest folders up and down), identical copies counting as one.
 */
export class SchemaIndex {
  private readonly documents = new Map<string, AvroDocument>();
  /** fullname -> definitions in every document (several when teams inline a shared type, or keep versions side by side). */
  private readonly byFullname = new Map<string, NamedSchema[]>();
  private units: CompilationUnits | undefined;
  /** Folder segments of document URIs, for distances in the folder tree. */
  private readonly folders = new Map<string, string[]>();
  /** Fullnames whose equally near definitions are being compared (a comparison resolves names too: no re-entry). */
  private readonly comparing = new Set<string>();

  get size(): number {
    return this.documents.size;
  }

  get(uri: string): AvroDocument | undefined {
    return this.documents.get(uri);
  }

  allDocuments(): IterableIterator<AvroDocument> {
    return this.documents.values();
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
  /** Add or replace a document. */
  set(doc: AvroDocument): void {
    const old = this.documents.get(doc.uri);
    // A definition the new version shares with the old one (an incremental re-parse reuses the
    // objects it did not re-read) and that nobody else defines stays where it is; the others are
    // removed and added again, as for a new document.
    const kept = old ? this.keptDefinitions(old, doc) : undefined;
    this.delete(doc.uri, kept);
    this.documents.set(doc.uri, doc);
    for (const schema of doc.definitions.values()) {
      if (kept?.has(schema)) continue;
      let list = this.byFullname.get(schema.fullname);
      if (!list) this.byFullname.set(schema.fullname, (list = []));
      list.push(schema);
    }
  }

  private keptDefinitions(old: AvroDocument, doc: AvroDocument): Set<NamedSchema> | undefined {
    let kept: Set<NamedSchema> | undefined;
    for (const [fullname, schema] of old.definitions) {
      if (doc.definitions.get(fullname) !== schema) continue;
      const list = this.byFullname.get(fullname);
      if (list && list.length === 1 && list[0] === schema) (kept ??= new Set()).add(schema);
    }
    return kept;
  }

  delete(uri: string, kept?: ReadonlySet<NamedSchema>): void {
    const old = this.documents.get(uri);
    if (!old) return;
    this.documents.delete(uri);
    this.folders.delete(uri);
    for (const schema of old.definitions.values()) {
      if (kept?.has(schema)) continue;
      const list = this.byFullname.get(schema.fullname);
      if (!list) continue;
      const rest = list.filter(s => s !== schema);
      if (rest.length) this.byFullname.set(schema.fullname, rest);
      else this.byFullname.delete(schema.fullname);
    }
  }

  /** Every definition of a fullname across the indexed documents. */
  definitionsOf(fullname: string): readonly NamedSchema[] {
    return this.byFullname.get(fullname) ?? [];
  }

  /** Every fullname defined anywhere in the index. */
  fullnames(): IterableIterator<string> {
    return this.byFullname.keys();
  }

  /**
   * Resolve a reference made in `doc`, trying the candidates in Java's order (the enclosing
   * namespace, then the null namespace): the document's own definition first (as Java's parser
   * sees it), else the definition visible from the document in another file.
   */
  resolve(ref: ReferenceSchema, doc: AvroDocument): Resolution | undefined {
    const candidates = ref.candidates;
    for (let i = 0; i < candidates.length; i++) {
      const candidate = candidates[i];
      const local = doc.definitions.get(candidate);
      let resolution: Resolution | undefined;
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
  visibleElsewhere(fullname: string, doc: Pick<AvroDocument, 'uri'>): { target: NamedSchema; ambiguous?: NamedSchema[] } | undefined {
    const list = this.byFullname.get(fullname);
    if (!list) return undefined;
    const mine = this.unitsOf(doc.uri);
    if (mine.length) {
      let best: NamedSchema | undefined;
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
    let nearest: NamedSchema[] = [];
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
  identical(a: NamedSchema, b: NamedSchema): boolean {
    if (a === b) return true;
    const docA = this.documents.get(a.uri);
    const docB = this.documents.get(b.uri);
    if (!docA || !docB) return false;
    return identicalDefinitions(a, resolverFor(this, docA), b, resolverFor(this, docB));
  }

  /**
   * The definitions that are one type with `schema` for navigation and rename: `schema` and its
   * identical copies in other files. Different definitions of the same fullname (versions kept
   * side by side, fixtures, other modules) are other types.
   */
  copiesOf(schema: NamedSchema): NamedSchema[] {
    if (!schema.hasValidName) return [schema];
    const list = this.byFullname.get(schema.fullname);
    if (!list || list.length < 2) return [schema];
    return list.filter(s => this.identical(schema, s));
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
