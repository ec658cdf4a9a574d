// What the index keeps of a document that is not open: its named types, its references and its text as bytes, without the JSON tree or the model.
//
// A workspace holds thousands of files that nobody edits. Resolving names across them, workspace
// symbols, references and rename need only this: the trees and models of 2,000 closed files were
// 160 MB of heap, their summaries are a tenth of it (docs/performance.md, "Server memory"). The
// model of a summarized document is built again from its text when something needs it (a rule
// walking a type defined there, hover, a field rename): model/schemaIndex.ts does that and keeps a
// few of them.
//
// Memory, measured (10,000 files): every string a summary keeps is a compact copy, never a slice
// of the document's text nor a chain of concatenations (the builder's fullnames are chains of
// about eight pieces); the text is kept as UTF-8 bytes, outside the JavaScript heap, so that the
// heap the garbage collector sizes itself by holds only the summaries.
import type { JsonString, JsonValue } from '../parser/json';
import type { Alias, AvroDocument, NamedSchema, ReferenceSchema, Span, TextSource } from './types';

/** A named type as a summary keeps it: its names, where it is written, its aliases. */
export class DefinitionSummary {
  /** Makes the class nominal: a NamedSchema has every field of a summary, but is not one. */
  private declare readonly summaryBrand: never;
  readonly kind: NamedSchema['kind'];
  readonly fullname: string;
  readonly uri: string;
  readonly hasValidName: boolean;
  /** The definition's object. */
  readonly offset: number;
  readonly length: number;
  readonly aliases: readonly Alias[];
  /** Where the simple name starts in `fullname` (the namespace is what comes before its dot); -1: see `names`. */
  private readonly nameStart: number;
  /** [name, namespace] when they are not `fullname` split at its last dot (a type without a name). */
  private readonly names: readonly [string, string] | undefined;
  /** The `name` string literal: offset (-1: none), length, and whether it was written dotted (a fullname). */
  private readonly nameOffset: number;
  private readonly nameLength: number;
  private readonly nameDotted: boolean;

  constructor(s: NamedSchema, uri: string, copy: StringCopier) {
    this.kind = s.kind;
    this.fullname = copy(s.fullname);
    this.uri = uri;
    this.hasValidName = s.hasValidName;
    this.offset = s.node.offset;
    this.length = s.node.length;
    this.aliases = s.aliases.length ? s.aliases.map(a => ({ name: copy(a.name), fullname: copy(a.fullname), node: stringNode(a.node, copy) })) : NO_ALIASES;
    const splitAt = s.namespace ? s.namespace.length + 1 : 0;
    const regular = s.fullname.length === splitAt + s.name.length && s.fullname.endsWith(s.name) && (splitAt === 0 || s.fullname.startsWith(s.namespace + '.'));
    this.nameStart = regular ? splitAt : -1;
    this.names = regular ? undefined : [copy(s.name), copy(s.namespace)];
    this.nameOffset = s.nameNode ? s.nameNode.offset : -1;
    this.nameLength = s.nameNode ? s.nameNode.length : 0;
    this.nameDotted = s.nameNode ? s.nameNode.value === s.fullname && s.nameNode.value.indexOf('.') >= 0 : false;
  }

  /** The simple name (after the last dot). */
  get name(): string {
    if (this.names) return this.names[0];
    return this.nameStart === 0 ? this.fullname : this.fullname.slice(this.nameStart);
  }

  /** The effective namespace ('' is the null namespace). */
  get namespace(): string {
    if (this.names) return this.names[1];
    return this.nameStart === 0 ? '' : this.fullname.slice(0, this.nameStart - 1);
  }

  /** The definition's object (offset and length), as NamedSchema.node. */
  get node(): Span {
    return this;
  }

  /** The `name` string literal (offset and length of the model's node; its value as written). */
  get nameNode(): JsonString | undefined {
    if (this.nameOffset < 0) return undefined;
    return { kind: 'string', offset: this.nameOffset, length: this.nameLength, value: this.nameDotted ? this.fullname : this.name };
  }
}

const NO_ALIASES: readonly Alias[] = Object.freeze([]);

/** A reference as a summary keeps it: the name as written, its candidates, where it is. */
export type ReferenceSummary = Pick<ReferenceSchema, 'kind' | 'name' | 'nameNode' | 'candidates' | 'enclosingNamespace' | 'uri'>;

/**
 * A named type's definition as the index knows it: the model's object for a document kept whole
 * (open in the editor, or indexed by a caller that keeps every model), its summary otherwise.
 * Both carry what cross-file names, navigation and messages read: kind, names, uri, spans, aliases.
 */
export type TypeDefinition = NamedSchema | DefinitionSummary;

/** Whether a definition is a summary (its model is built on demand: SchemaIndex.schemaOf). */
export function isSummary(d: TypeDefinition): d is DefinitionSummary {
  return d instanceof DefinitionSummary;
}

/**
 * A document's text as kept for a summary: UTF-8 bytes (outside the JavaScript heap), or the
 * string itself when bytes cannot hold it exactly (an unpaired surrogate).
 */
export type StoredText = Uint8Array | string;

/** A document the index keeps as a summary. Immutable. */
export class DocumentSummary {
  readonly uri: string;
  readonly version: number;
  readonly source: TextSource | undefined;
  /** The text (SchemaIndex.textOf reads it back). */
  readonly storedText: StoredText;
  /** Its length in UTF-16 code units. */
  readonly textLength: number;
  /** Named types in definition order (redefinitions included, as AvroDocument.namedTypes). */
  readonly namedTypes: DefinitionSummary[];
  /** The first definition of each fullname (as AvroDocument.definitions). */
  readonly definitions: ReadonlyMap<string, DefinitionSummary>;
  /** References by name, in document order (as AvroDocument.references). */
  readonly references: ReferenceSummary[];
  /** The namespace of the root schema when it is a named type with one (new files take their neighbours'). */
  readonly rootNamespace: string | undefined;
  /**
   * Object keys and strings written inside the field defaults that can name a record's fields or an
   * enum's symbols (find references and rename of a field or symbol read only documents that have
   * the name here). Undefined when there are none.
   */
  readonly defaultWords: ReadonlySet<string> | undefined;

  constructor(doc: AvroDocument, storedText: StoredText) {
    // Strings repeat inside a document (namespaces, candidates): one copy of each.
    const copies = new Map<string, string>();
    const copy: StringCopier = s => {
      if (s.length < MIN_SHARED_LENGTH) return s;
      let c = copies.get(s);
      if (c === undefined) copies.set(s, (c = detached(s)));
      return c;
    };
    const uri = copy(doc.uri);
    this.uri = uri;
    this.version = doc.version;
    this.source = doc.source;
    this.storedText = storedText;
    this.textLength = doc.text.length;
    const named = doc.namedTypes;
    this.namedTypes = new Array<DefinitionSummary>(named.length);
    let firsts: DefinitionSummary[] | undefined; // when some named types are not their fullname's first definition
    for (let i = 0; i < named.length; i++) {
      const s = named[i];
      const d = new DefinitionSummary(s, uri, copy);
      this.namedTypes[i] = d;
      const first = doc.definitions.get(s.fullname) === s;
      if (!first && !firsts) firsts = this.namedTypes.slice(0, i);
      else if (first && firsts) firsts.push(d);
    }
    this.definitions = new DefinitionTable(firsts ?? this.namedTypes);
    const refs = doc.references;
    this.references = refs.length ? new Array<ReferenceSummary>(refs.length) : NO_REFERENCES;
    for (let i = 0; i < refs.length; i++) {
      const r = refs[i];
      const name = copy(r.name);
      this.references[i] = {
        kind: 'reference',
        name,
        nameNode: stringNode(r.nameNode, copy),
        candidates: r.candidates.map(copy),
        enclosingNamespace: copy(r.enclosingNamespace),
        uri,
      };
    }
    const root = doc.root;
    this.rootNamespace = root && (root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.namespace ? copy(root.namespace) : undefined;
    let words: Set<string> | undefined;
    for (const field of doc.fields) {
      const value = field.defaultProperty?.value;
      // The defaults navigation/occurrences.ts reads (it skips the others the same way).
      if (!value || !field.type) continue;
      if (value.kind !== 'object' && value.kind !== 'array' && value.kind !== 'string') continue;
      if (value.kind === 'string' && field.type.kind === 'primitive') continue;
      addWords(value, (words ??= new Set()), copy);
    }
    this.defaultWords = words?.size ? words : undefined;
  }
}

const NO_REFERENCES: ReferenceSummary[] = [];

/**
 * The first definitions of a summarized document by fullname, as a ReadonlyMap. Most documents
 * define a handful of types: a list is searched (a Map per document was 450 bytes of hash table);
 * a Map is built for long lists.
 */
class DefinitionTable implements ReadonlyMap<string, DefinitionSummary> {
  private byName: Map<string, DefinitionSummary> | undefined;

  constructor(private readonly list: readonly DefinitionSummary[]) {}

  get size(): number {
    return this.list.length;
  }

  get(fullname: string): DefinitionSummary | undefined {
    const list = this.list;
    if (list.length > 8) return (this.byName ??= new Map(list.map(d => [d.fullname, d]))).get(fullname);
    for (let i = 0; i < list.length; i++) if (list[i].fullname === fullname) return list[i];
    return undefined;
  }

  has(fullname: string): boolean {
    return this.get(fullname) !== undefined;
  }

  forEach(callback: (value: DefinitionSummary, key: string, map: ReadonlyMap<string, DefinitionSummary>) => void, thisArg?: unknown): void {
    for (const d of this.list) callback.call(thisArg, d, d.fullname, this);
  }

  *entries(): IterableIterator<[string, DefinitionSummary]> {
    for (const d of this.list) yield [d.fullname, d];
  }

  *keys(): IterableIterator<string> {
    for (const d of this.list) yield d.fullname;
  }

  values(): IterableIterator<DefinitionSummary> {
    return this.list.values();
  }

  [Symbol.iterator](): IterableIterator<[string, DefinitionSummary]> {
    return this.entries();
  }
}

/** Makes a string the summary can keep (see `detached`), one copy per distinct string. */
type StringCopier = (s: string) => string;

/**
 * Shorter strings are never slices of another string nor concatenations in V8 (it copies them),
 * so they hold nothing else already.
 */
const MIN_SHARED_LENGTH = 13;

/**
 * A copy of `s` that holds on to nothing else: `s` may be a slice of a document's text (keeping
 * the whole text alive) or a chain of concatenations (the builder's fullnames). Appending a
 * character and reading it makes one flat string; the copy is a view of it without that character.
 */
function detached(s: string): string {
  const flat = s + ' ';
  flat.charCodeAt(0);
  return flat.slice(0, -1);
}

function stringNode(node: JsonString, copy: StringCopier): JsonString {
  return { kind: 'string', offset: node.offset, length: node.length, value: copy(node.value) };
}

function addWords(value: JsonValue, out: Set<string>, copy: StringCopier): void {
  switch (value.kind) {
    case 'string':
      out.add(copy(value.value));
      return;
    case 'object':
      for (const p of value.properties) {
        out.add(copy(p.key.value));
        if (p.value) addWords(p.value, out, copy);
      }
      return;
    case 'array':
      for (const item of value.items) addWords(item, out, copy);
      return;
    default:
      return;
  }
}

/** A document as the index holds it: the whole model, or a summary. */
export type IndexedDocument = AvroDocument | DocumentSummary;

/** The namespace of a document's root when it is a named type with a namespace. */
export function rootNamespaceOf(doc: IndexedDocument): string | undefined {
  if (doc instanceof DocumentSummary) return doc.rootNamespace;
  const root = doc.root;
  return root && (root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.namespace ? root.namespace : undefined;
}
