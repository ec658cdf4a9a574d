// The named types of every indexed document, for resolving references across files.
import type { AvroDocument, NamedSchema, ReferenceSchema } from './types';

export interface Resolution {
  /** The definition the reference resolves to. */
  target: NamedSchema;
  /** True when the definition is in the same document but after the reference. */
  forward: boolean;
}

/**
 * All documents of a workspace and their named types. Pure: documents are handed in by the caller
 * (the server's workspace crawler, the CLI, a test), never read here.
 */
export class SchemaIndex {
  private readonly documents = new Map<string, AvroDocument>();
  /** fullname -> definitions in every document (several when teams inline a shared type). */
  private readonly byFullname = new Map<string, NamedSchema[]>();

  get size(): number {
    return this.documents.size;
  }

  get(uri: string): AvroDocument | undefined {
    return this.documents.get(uri);
  }

  allDocuments(): IterableIterator<AvroDocument> {
    return this.documents.values();
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
   * Resolve a reference made in `doc`: its own definitions first (as Java's parser sees them),
   * then definitions in other documents, trying the candidates in Java's order.
   */
  resolve(ref: ReferenceSchema, doc: AvroDocument): Resolution | undefined {
    for (const candidate of ref.candidates) {
      const local = doc.definitions.get(candidate);
      if (local) return { target: local, forward: local.node.offset > ref.nameNode.offset };
      const list = this.byFullname.get(candidate);
      if (list) {
        for (const s of list) if (s.uri !== doc.uri) return { target: s, forward: false };
      }
    }
    return undefined;
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
