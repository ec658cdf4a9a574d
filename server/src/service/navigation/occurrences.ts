// Every place a named type, a field or an enum symbol is written, in one document or across the workspace.
import { resolverFor, type SchemaIndex } from '../model/schemaIndex';
import { DocumentSummary, type IndexedDocument, type ReferenceSummary, type TypeDefinition } from '../model/summary';
import type { AvroDocument, EnumSchema, Field, ReferenceSchema } from '../model/types';
import type { JsonString } from '../parser/json';
import { defaultOccurrences } from './defaultValues';
import type { NavSymbol } from './target';

/** One written occurrence of a symbol. */
export type Occurrence =
  /** The `name` of a definition of the type (one per file that defines the fullname). */
  | { kind: 'type-definition'; uri: string; node: JsonString; schema: TypeDefinition }
  | { kind: 'type-reference'; uri: string; node: JsonString; reference: ReferenceSchema | ReferenceSummary; target: TypeDefinition }
  /** The `name` of the field, in each definition of its record. */
  | { kind: 'field-definition'; uri: string; node: JsonString; field: Field }
  /** A key naming the field in a default value of its record. */
  | { kind: 'field-key'; uri: string; node: JsonString }
  /** The symbol in each definition of its enum. */
  | { kind: 'symbol-definition'; uri: string; node: JsonString; enum: EnumSchema }
  /** The symbol as the enum's own default or inside a field default. */
  | { kind: 'symbol-use'; uri: string; node: JsonString };

export function isDefinition(o: Occurrence): boolean {
  return o.kind === 'type-definition' || o.kind === 'field-definition' || o.kind === 'symbol-definition';
}

/** The copies of one type: the index's objects (SchemaIndex.canonical), so a rebuilt model's named type is found too. */
class Family {
  private readonly members: ReadonlySet<TypeDefinition>;
  readonly first: TypeDefinition;

  constructor(private readonly index: SchemaIndex, owner: TypeDefinition) {
    const copies = index.copiesOf(owner);
    this.members = new Set(copies);
    this.first = copies[0];
  }

  has(d: TypeDefinition): boolean {
    return this.members.has(d) || this.members.has(this.index.canonical(d));
  }

  /** Whether one of the copies is defined in `uri`. */
  definedIn(uri: string): boolean {
    for (const m of this.members) if (m.uri === uri) return true;
    return false;
  }
}

/**
 * Every occurrence of `symbol` in `scope` (one document) or in every document of the index, in
 * document order per file. The documents are scanned, not looked up in an index of references:
 * measured through the server, references on 2,001 files take about 15 ms and a rename touching
 * 501 files about 25 ms (test/lsp/rename.test.ts prints both), far below what an index kept in
 * step with every keystroke would be worth. Summarized documents are read from their summaries
 * (names and references); for a field or an enum symbol, the model of a summarized document is
 * rebuilt only when it defines a copy of the type or has the name in a default value.
 */
export function occurrencesOf(symbol: NavSymbol, index: SchemaIndex, scope?: AvroDocument): Occurrence[] {
  const docs: Iterable<IndexedDocument> = scope ? [scope] : [...index.indexedDocuments()];
  const owner = symbol.kind === 'type' ? symbol.schema : symbol.kind === 'field' ? symbol.record : symbol.enum;
  // One type: the definition and its identical copies in other files. A different definition of
  // the fullname (a version kept beside it, a fixture, another module) is another type.
  const family = new Family(index, owner);
  const out: Occurrence[] = [];
  for (const indexed of docs) {
    if (symbol.kind === 'type') {
      typeOccurrences(symbol.schema, family, indexed, index, out);
      continue;
    }
    let doc: AvroDocument | undefined;
    if (indexed instanceof DocumentSummary) {
      if (!family.definedIn(indexed.uri) && !indexed.defaultWords?.has(symbol.name)) continue;
      doc = index.get(indexed.uri);
      if (!doc) continue;
    } else doc = indexed;
    if (symbol.kind === 'field') fieldOccurrences(family, symbol.name, doc, index, out);
    else symbolOccurrences(family, symbol.name, doc, index, out);
  }
  return out;
}

/** The definition of a type in one document, when it is one of the type's copies (or the schema itself when it has no valid name). */
function definitionsIn<D extends TypeDefinition>(family: Family, doc: { uri: string; definitions: ReadonlyMap<string, D> }): D[] {
  const first = family.first;
  // (A type without a valid name is the cursor's, in a document kept whole.)
  if (!first.hasValidName) return first.uri === doc.uri ? [first as D] : [];
  const d = doc.definitions.get(first.fullname);
  return d && family.has(d) ? [d] : [];
}

function typeOccurrences(schema: TypeDefinition, family: Family, doc: IndexedDocument, index: SchemaIndex, out: Occurrence[]): void {
  const defs = definitionsIn<TypeDefinition>(family, doc);
  const found: Occurrence[] = [];
  for (const d of defs) if (d.nameNode) found.push({ kind: 'type-definition', uri: doc.uri, node: d.nameNode, schema: d });
  if (schema.hasValidName) {
    const fullname = schema.fullname;
    for (const ref of doc.references) {
      // Cheap filter first: a reference can only resolve to one of its candidate fullnames.
      if (ref.candidates.indexOf(fullname) < 0) continue;
      const target = index.resolveDefinition(ref, doc)?.target;
      if (target && family.has(target)) found.push({ kind: 'type-reference', uri: doc.uri, node: ref.nameNode, reference: ref, target });
    }
  }
  found.sort((a, b) => a.node.offset - b.node.offset);
  out.push(...found);
}

function fieldOccurrences(family: Family, name: string, doc: AvroDocument, index: SchemaIndex, out: Occurrence[]): void {
  const found: Occurrence[] = [];
  for (const r of definitionsIn(family, doc)) {
    if (r.kind !== 'record') continue;
    for (const f of r.fields) if (f.name === name && f.nameNode) found.push({ kind: 'field-definition', uri: doc.uri, node: f.nameNode, field: f });
  }
  forEachDefaultOccurrence(doc, index, o => {
    if (o.kind === 'field-key' && o.node.value === name && family.has(o.record)) found.push({ kind: 'field-key', uri: doc.uri, node: o.node });
  });
  found.sort((a, b) => a.node.offset - b.node.offset);
  out.push(...found);
}

function symbolOccurrences(family: Family, name: string, doc: AvroDocument, index: SchemaIndex, out: Occurrence[]): void {
  const found: Occurrence[] = [];
  for (const e of definitionsIn(family, doc)) {
    if (e.kind !== 'enum') continue;
    for (const s of e.symbols) if (s.name === name) found.push({ kind: 'symbol-definition', uri: doc.uri, node: s.node, enum: e });
    const d = e.defaultProperty?.value;
    if (d?.kind === 'string' && d.value === name) found.push({ kind: 'symbol-use', uri: doc.uri, node: d });
  }
  forEachDefaultOccurrence(doc, index, o => {
    if (o.kind === 'symbol' && o.node.value === name && family.has(o.enum)) found.push({ kind: 'symbol-use', uri: doc.uri, node: o.node });
  });
  found.sort((a, b) => a.node.offset - b.node.offset);
  out.push(...found);
}
/** Field keys and enum symbols inside every field default of a document (only defaults that can hold them). */
function forEachDefaultOccurrence(doc: AvroDocument, index: SchemaIndex, visit: (o: ReturnType<typeof defaultOccurrences>[number]) => void): void {
  let resolve: ReturnType<typeof resolverFor> | undefined;
  for (const field of doc.fields) {
    const value = field.defaultProperty?.value;
    if (!value || !field.type) continue;
    if (value.kind !== 'object' && value.kind !== 'array' && value.kind !== 'string') continue;
    // A string default can only be an enum symbol when the type can be an enum (not a plain string field).
    if (value.kind === 'string' && field.type.kind === 'primitive') continue;
    resolve ??= resolverFor(index, doc);
    for (const o of defaultOccurrences(value, field.type, resolve)) visit(o);
  }
}
