// Rename a named type (every reference in the workspace, shortest spelling that resolves, alias for the old fullname), a field (alias for the old name) or an enum symbol.
//
// Decisions:
// - A named type is every definition of its fullname: copies inlined in several files are renamed
//   together (they must stay identical), and so are the fields and symbols of those copies.
// - A new name without a dot keeps the namespace. A dotted name is a fullname and may move the type
//   to another namespace; refused when a type defined inside it inherits its namespace (it would
//   move too). Existing aliases written without a namespace are then written as fullnames, so they
//   keep naming the same earlier types.
// - References are rewritten with the shortest spelling that resolves from their own namespace;
//   a reference written as a fullname stays a fullname (the author's choice). A reference to
//   another type that the new name would capture (Java resolves the enclosing namespace first) is
//   respelled so that it still resolves where it did; when no spelling can, the rename is refused.
// - The old name is added to "aliases" (types: the old fullname, relative to the namespace when it
//   did not change; fields: the old name), unless `addAlias` is off. An alias equal to the new name
//   is removed (renaming back). Enum symbols have no aliases: their edits carry an annotation that
//   asks the editor to confirm (VS Code shows the refactor preview with the reason).
import { referenceCandidates } from './model/builder';
import type { Resolver, SchemaIndex } from './model/schemaIndex';
import { isPrimitiveName, type Alias, type AvroDocument, type AvroSchema, type EnumSchema, type Field, type NamedSchema, type RecordSchema, type ReferenceSchema, type Span } from './model/types';
import type { JsonObject, JsonProperty, JsonString } from './parser/json';
import { checkName, describeChar } from './util/names';
import type { IndexedDocument, TypeDefinition } from './model/summary';
import { occurrencesOf, type Occurrence } from './navigation/occurrences';
import { symbolOf, targetAt, type CursorTarget, type NavSymbol } from './navigation/target';
import { cacheSlot } from './model/documentCache';


export interface RenameOptions {
  /** Add the old name to the renamed type's or field's "aliases" (setting avro.rename.addAlias). */
  addAlias: boolean;
}

export const DEFAULT_RENAME_OPTIONS: RenameOptions = { addAlias: true };

/** Why an edit is made, for editors that group or confirm edits (LSP change annotations). */
export type RenameAnnotation = 'alias' | 'enum-symbol';

export const RENAME_ANNOTATIONS: Record<RenameAnnotation, { label: string; description: string; needsConfirmation: boolean }> = {
  alias: {
    label: 'Alias for the old name',
    description: 'Readers with the new schema still resolve data written with the old name (schema resolution matches names by alias).',
    needsConfirmation: false,
  },
  'enum-symbol': {
    label: 'Rename an enum symbol (no alias possible)',
    description: 'Enum symbols have no aliases: a reader with the new schema cannot read data written with the old symbol unless the enum has a "default". The compatibility check reports it.',
    needsConfirmation: true,
  },
};

export interface RenameEdit {
  offset: number;
  length: number;
  newText: string;
  annotation?: RenameAnnotation;
}

export interface RenameDocumentEdits {
  uri: string;
  /** Sorted by offset, never overlapping. */
  edits: RenameEdit[];
}

export type PrepareRenameResult =
  | { ok: true; span: Span; placeholder: string }
  /** The element cannot be renamed: `message` says why and what to do instead. */
  | { ok: false; message: string };

export type RenameResult =
  | { ok: true; changes: RenameDocumentEdits[] }
  | { ok: false; message: string };

/** What a rename at the cursor applies to (or why there is nothing to rename). */
type Renamable = { ok: true; symbol: NavSymbol; target: CursorTarget } | { ok: false; message: string } | undefined;

const ONLY_NAMES = 'Only named types (records, enums, fixed), fields and enum symbols can be renamed.';

function renamable(doc: AvroDocument, offset: number, index: SchemaIndex, resolve: Resolver): Renamable {
  const target = targetAt(doc, offset, resolve);
  if (!target) return undefined;
  const symbol = symbolOf(target, doc, index, resolve);
  switch (target.kind) {
    case 'type-definition':
      if (!target.schema.hasValidName) return { ok: false, message: `This ${kindWord(target.schema)} has no name yet: type one first.` };
      break;
    case 'type-reference':
      if (!symbol) return { ok: false, message: `"${target.reference.name}" does not resolve to any type in the workspace: there is nothing to rename. Define it, or correct the reference.` };
      break;
    case 'type-alias':
      return { ok: false, message: `"${target.alias.name}" is an alias: an earlier name of "${target.owner.fullname}", kept so that data written with it can still be read. Rename the type itself, or edit the alias text.` };
    case 'field-alias':
      return { ok: false, message: `"${target.alias.name}" is an alias: an earlier name of the field "${target.field.name}", kept so that data written with it can still be read. Rename the field itself, or edit the alias text.` };
    case 'namespace':
      return { ok: false, message: `A namespace is not renamed as such: to move "${target.owner.fullname}" to another namespace, rename the type with its new fullname (e.g. "com.example.${target.owner.name}"), or edit the namespace text.` };
    case 'field-definition':
      if (!target.field.nameNode || target.field.name === '') return { ok: false, message: 'This field has no name yet: type one first.' };
      break;
    case 'field-key':
      if (!symbol) return { ok: false, message: `"${target.node.value}" is not a field of the record "${target.record.fullname}": there is nothing to rename.` };
      break;
    case 'symbol-use':
      if (!symbol) return { ok: false, message: `"${target.node.value}" is not a symbol of the enum "${target.enum.fullname}": there is nothing to rename.` };
      break;
    case 'symbol-definition':
      break;
    case 'primitive':
      return { ok: false, message: `"${target.name}" is a primitive type of Avro and cannot be renamed. ${ONLY_NAMES}` };
    case 'other':
      if (target.isKey) return { ok: false, message: `"${target.node.value}" is an attribute name. ${ONLY_NAMES}` };
      if (isKeyword(target.node.value)) return { ok: false, message: `"${target.node.value}" is an Avro keyword. ${ONLY_NAMES}` };
      return { ok: false, message: ONLY_NAMES };
  }
  return symbol ? { ok: true, symbol, target } : { ok: false, message: ONLY_NAMES };
}

function isKeyword(s: string): boolean {
  switch (s) {
    case 'record': case 'error': case 'enum': case 'fixed': case 'array': case 'map':
    case 'ascending': case 'descending': case 'ignore':
      return true;
    default:
      return isPrimitiveName(s);
  }
}

function kindWord(s: NamedSchema): string {
  return s.kind === 'record' ? (s.isError ? 'error' : 'record') : s.kind;
}

/**
 * Whether the cursor is on something renamable: the span to edit (the name between its quotes)
 * and the text to start from; a refusal with the reason; or undefined when the cursor is not on a
 * string at all.
 */
export function prepareRename(doc: AvroDocument, offset: number, index: SchemaIndex, resolve: Resolver): PrepareRenameResult | undefined {
  const r = renamable(doc, offset, index, resolve);
  if (!r || !r.ok) return r;
  return { ok: true, span: innerSpan(r.target.node, doc.text), placeholder: r.target.node.value };
}

/** The edits of a rename at `offset` to `newName`, in every affected document, or a refusal. */
export function rename(doc: AvroDocument, offset: number, newName: string, index: SchemaIndex, resolve: Resolver, options: RenameOptions = DEFAULT_RENAME_OPTIONS): RenameResult {
  const r = renamable(doc, offset, index, resolve);
  if (!r) return { ok: false, message: ONLY_NAMES };
  if (!r.ok) return r;
  const name = newName.trim();
  const edits = new EditCollector(index, doc);
  let refusal: string | undefined;
  switch (r.symbol.kind) {
    case 'type': refusal = renameType(r.symbol.schema, name, index, options, edits); break;
    case 'field': refusal = renameField(r.symbol.record, r.symbol.name, name, index, options, edits); break;
    case 'symbol': refusal = renameSymbol(r.symbol.enum, r.symbol.name, name, index, edits); break;
  }
  if (refusal !== undefined) return { ok: false, message: refusal };
  return { ok: true, changes: edits.result() };
}

// ---------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------

/** Why `name` is not a valid simple Avro name, or undefined. Non-ASCII letters are refused: only Java accepts them. */
function simpleNameProblem(name: string, what: string): string | undefined {
  if (name === '') return `Enter a ${what}.`;
  const problem = checkName(name);
  if (!problem) return undefined;
  if (problem.kind === 'empty') return `Enter a ${what}.`;
  const where = problem.index === 0 ? 'start with' : 'contain';
  return `"${name}" is not a valid Avro name: it cannot ${where} ${describeChar(problem.char)}. A ${what} starts with a letter or _ and holds only letters, digits and _ (A-Z, a-z, 0-9).`;
}

function fullnameProblem(name: string): string | undefined {
  if (name === '') return 'Enter a name.';
  if (name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
    return `"${name}" is not a valid Avro fullname: write a name ("Money") or a namespace and a name separated by dots ("com.acme.Money").`;
  }
  for (const part of name.split('.')) {
    const p = simpleNameProblem(part, 'name');
    if (p) return p;
  }
  const simple = name.slice(name.lastIndexOf('.') + 1);
  if (isPrimitiveName(simple)) return `"${simple}" is a primitive type name: it cannot name a record, enum or fixed. Choose another name.`;
  return undefined;
}

function split(fullname: string): { namespace: string; name: string } {
  const dot = fullname.lastIndexOf('.');
  return dot < 0 ? { namespace: '', name: fullname } : { namespace: fullname.slice(0, dot), name: fullname.slice(dot + 1) };
}

function join(namespace: string, name: string): string {
  return namespace ? `${namespace}.${name}` : name;
}

function fileName(uri: string): string {
  const slash = uri.lastIndexOf('/');
  try {
    return decodeURIComponent(uri.slice(slash + 1));
  } catch {
    return uri.slice(slash + 1);
  }
}

// ---------------------------------------------------------------------------------------------
// Named types
// ---------------------------------------------------------------------------------------------

function renameType(schema: TypeDefinition, newName: string, index: SchemaIndex, options: RenameOptions, edits: EditCollector): string | undefined {
  const problem = fullnameProblem(newName);
  if (problem) return problem;
  const oldFullname = schema.fullname;
  const oldNamespace = schema.namespace;
  const newFullname = newName.includes('.') ? newName : join(oldNamespace, newName);
  if (newFullname === oldFullname) return undefined;
  const { namespace: newNamespace, name: newSimple } = split(newFullname);
  const existing = index.definitionsOf(newFullname)[0];
  if (existing) return `"${newFullname}" is already defined (in ${fileName(existing.uri)}): renaming "${oldFullname}" to it would make two types with one fullname. Choose another name.`;
  const moved = newNamespace !== oldNamespace;
  // The type and its identical copies in other files; a different definition of the fullname
  // (a version kept beside it, a fixture, another module) is another type and keeps its name.
  const definitions = index.copiesOf(schema);
  const family = new Set<TypeDefinition>(definitions);
  const oldNameStays = index.definitionsOf(oldFullname).some(d => !family.has(d));

  // Moving a type moves the types that take their namespace from it: refuse rather than rename those silently.
  if (moved) {
    for (const def of definitions) {
      const doc = index.get(def.uri);
      const d = index.schemaOf(def);
      if (!doc || !d) continue;
      const inheritor = doc.namedTypes.find(n => n !== d && inheritsNamespaceFrom(n, d, enclosingOf(doc)));
      if (inheritor) {
        return `Moving "${oldFullname}" to the namespace "${newNamespace}" would also move "${inheritor.fullname}", which is defined inside it without a namespace of its own. Give "${inheritor.name}" its own "namespace" first, or keep the namespace ("${newSimple}").`;
      }
    }
  }

  // The names defined after the rename, for resolving references as Java will.
  const existsAfter = (fullname: string): boolean => fullname === newFullname || (fullname === oldFullname ? oldNameStays : index.definitionsOf(fullname).length > 0);
  const resolveAfter = (written: string, namespace: string): string | undefined => referenceCandidates(written, namespace).find(existsAfter);
  const spell = (target: string, namespace: string, asFullname: boolean): string | undefined => {
    const t = split(target);
    if (!(asFullname && t.namespace !== '') && resolveAfter(t.name, namespace) === target) return t.name;
    if (t.namespace !== '') return target;
    return undefined; // a type of the null namespace hidden by namespace.name
  };

  // The definitions: name (and namespace), aliases.
  for (const def of definitions) {
    const doc = index.get(def.uri);
    const d = index.schemaOf(def);
    if (!doc || !d?.nameNode) continue;
    typeDefinitionEdits(doc, d, { oldFullname, newFullname, newNamespace, newSimple, moved }, options, edits);
  }

  // References anywhere: to the renamed type, captured by the new name, or inside a moved
  // definition. Summarized documents are read from their summaries, except where a definition moves.
  for (const indexed of [...index.indexedDocuments()]) {
    const movedHere = moved ? definitions.filter(d => d.uri === indexed.uri) : [];
    const doc: IndexedDocument | undefined = movedHere.length ? index.get(indexed.uri) : indexed;
    if (!doc) continue;
    const enclosing = movedHere.length ? enclosingOf(doc as AvroDocument) : undefined;
    const movedSchemas = movedHere.map(d => index.schemaOf(d));
    let text: string | undefined;
    for (const ref of doc.references) {
      const inMoved = enclosing !== undefined && movedSchemas.includes(enclosing.get(ref as ReferenceSchema) as NamedSchema) && !ref.name.includes('.');
      if (!inMoved && ref.candidates.indexOf(oldFullname) < 0 && ref.candidates.indexOf(newFullname) < 0) continue;
      const resolved = index.resolveDefinition(ref, doc)?.target;
      if (resolved === undefined) continue; // unresolved: it stays as written
      const renamed = family.has(index.canonical(resolved));
      const target = renamed ? newFullname : resolved.fullname;
      const namespace = inMoved ? newNamespace : ref.enclosingNamespace;
      if (!renamed && resolveAfter(ref.name, namespace) === target) continue;
      const spelling = spell(target, namespace, ref.name.includes('.'));
      if (spelling === undefined) {
        return `After the rename, "${target}" could not be referenced from the namespace "${namespace}" in ${fileName(doc.uri)}: "${join(namespace, split(target).name)}" would take its place. Choose another name.`;
      }
      if (spelling === ref.name) continue;
      text ??= index.textOf(doc.uri) ?? '';
      edits.replace(doc.uri, innerSpan(ref.nameNode, text), spelling);
    }
  }
  return undefined;
}

interface TypeRename {
  oldFullname: string;
  newFullname: string;
  newNamespace: string;
  newSimple: string;
  moved: boolean;
}

function typeDefinitionEdits(doc: AvroDocument, d: NamedSchema, r: TypeRename, options: RenameOptions, edits: EditCollector): void {
  const nameNode = d.nameNode!;
  const writtenDotted = nameNode.value.includes('.');
  // A move always goes to a non-empty namespace: a new name without a dot keeps the namespace.
  let written: string;
  if (!r.moved) {
    written = writtenDotted ? r.newFullname : r.newSimple;
  } else if (writtenDotted || !d.namespaceNode) {
    written = r.newFullname;
  } else {
    written = r.newSimple;
    edits.replace(doc.uri, innerSpan(d.namespaceNode, doc.text), r.newNamespace);
  }
  edits.replace(doc.uri, innerSpan(nameNode, doc.text), written);

  // Aliases are relative to the type's namespace: after a move, simple ones are written in full. An
  // old name in the null namespace cannot be an alias of a type in a namespace (it would be qualified).
  const aliasOfOld = !r.moved ? split(r.oldFullname).name : split(r.oldFullname).namespace !== '' ? r.oldFullname : undefined;
  const aliases = aliasesArray(d.node);
  const keep: string[] = [];
  let rewritten = false;
  for (const a of d.aliases) {
    if (a.fullname === r.newFullname) {
      rewritten = true; // the new name is no longer an earlier name
      continue;
    }
    if (r.moved && !a.name.includes('.') && split(a.fullname).namespace !== '') {
      keep.push(a.fullname);
      rewritten = true;
      continue;
    }
    keep.push(a.name);
  }
  const hasOld = d.aliases.some(a => a.fullname === r.oldFullname);
  const add = options.addAlias && !hasOld && aliasOfOld !== undefined ? aliasOfOld : undefined;
  // A new "aliases" goes after "name", or after "namespace" when it follows "name" (the usual order).
  let after = nameProperty(d.node, nameNode);
  const next = after ? d.node.properties[d.node.properties.indexOf(after) + 1] : undefined;
  if (next?.key.value === 'namespace') after = next;
  aliasEdits(doc, d.node, after, aliases, d.aliases, keep, rewritten, add, edits);
}

/** The innermost named type enclosing each schema of a document (computed once per document). */
const ENCLOSING = cacheSlot<Map<AvroSchema, NamedSchema>>('enclosing named types');

function enclosingOf(doc: AvroDocument): Map<AvroSchema, NamedSchema> {
  return doc.cache.memo(ENCLOSING, () => buildEnclosing(doc));
}

function buildEnclosing(doc: AvroDocument): Map<AvroSchema, NamedSchema> {
  const map = new Map<AvroSchema, NamedSchema>();
  const stack: Array<{ schema: AvroSchema | undefined; enclosing: NamedSchema | undefined }> = [{ schema: doc.root, enclosing: undefined }];
  while (stack.length) {
    const { schema, enclosing } = stack.pop()!;
    if (!schema) continue;
    if (enclosing) map.set(schema, enclosing);
    switch (schema.kind) {
      case 'record': for (const f of schema.fields) stack.push({ schema: f.type, enclosing: schema }); break;
      case 'array': stack.push({ schema: schema.items, enclosing }); break;
      case 'map': stack.push({ schema: schema.values, enclosing }); break;
      case 'union': for (const b of schema.branches) stack.push({ schema: b, enclosing }); break;
      default: break;
    }
  }
  return map;
}

/** Whether `n` takes its namespace from `d` (directly or through types that do). */
function inheritsNamespaceFrom(n: NamedSchema, d: NamedSchema, enclosing: Map<AvroSchema, NamedSchema>): boolean {
  let current: NamedSchema | undefined = n;
  while (current && current !== d) {
    if (current.namespaceNode || (current.nameNode && current.nameNode.value.includes('.'))) return false;
    current = enclosing.get(current);
  }
  return current === d && n !== d;
}

// ---------------------------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------------------------

function renameField(record: RecordSchema, oldName: string, newName: string, index: SchemaIndex, options: RenameOptions, edits: EditCollector): string | undefined {
  const problem = simpleNameProblem(newName, 'field name');
  if (problem) return problem;
  if (newName === oldName) return undefined;
  const occurrences = occurrencesOf({ kind: 'field', record, name: oldName }, index);
  for (const o of occurrences) {
    if (o.kind !== 'field-definition') continue;
    const f = o.field;
    for (const other of f.record.fields) {
      if (other === f) continue;
      if (other.name === newName) return `The ${f.record.isError ? 'error' : 'record'} "${f.record.fullname}" already has a field "${newName}"${o.uri !== record.uri ? ` (in ${fileName(o.uri)})` : ''}: choose another name.`;
      if (other.aliases.some(a => a.name === newName)) return `"${newName}" is an alias of the field "${other.name}" of "${f.record.fullname}": a reader would match old data to both fields. Choose another name.`;
    }
  }
  for (const o of occurrences) {
    const doc = index.get(o.uri);
    if (!doc) continue;
    edits.replace(o.uri, innerSpan(o.node, doc.text), newName);
    if (o.kind === 'field-definition') fieldAliasEdits(doc, o.field, oldName, newName, options, edits);
  }
  return undefined;
}

function fieldAliasEdits(doc: AvroDocument, f: Field, oldName: string, newName: string, options: RenameOptions, edits: EditCollector): void {
  const keep = f.aliases.filter(a => a.name !== newName).map(a => a.name);
  const rewritten = keep.length !== f.aliases.length;
  const add = options.addAlias && !f.aliases.some(a => a.name === oldName) ? oldName : undefined;
  aliasEdits(doc, f.node, nameProperty(f.node, f.nameNode!), aliasesArray(f.node), f.aliases, keep, rewritten, add, edits);
}

// ---------------------------------------------------------------------------------------------
// Enum symbols
// ---------------------------------------------------------------------------------------------

function renameSymbol(enumSchema: EnumSchema, oldName: string, newName: string, index: SchemaIndex, edits: EditCollector): string | undefined {
  const problem = simpleNameProblem(newName, 'symbol');
  if (problem) return problem;
  if (newName === oldName) return undefined;
  const occurrences: Occurrence[] = occurrencesOf({ kind: 'symbol', enum: enumSchema, name: oldName }, index);
  for (const o of occurrences) {
    if (o.kind === 'symbol-definition' && o.enum.symbols.some(s => s.name === newName)) {
      return `The enum "${o.enum.fullname}" already has the symbol "${newName}": choose another name.`;
    }
  }
  for (const o of occurrences) {
    const doc = index.get(o.uri);
    if (doc) edits.replace(o.uri, innerSpan(o.node, doc.text), newName, 'enum-symbol');
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Aliases and inserted properties
// ---------------------------------------------------------------------------------------------

function aliasesArray(node: JsonObject): JsonProperty | undefined {
  for (let i = node.properties.length - 1; i >= 0; i--) if (node.properties[i].key.value === 'aliases') return node.properties[i];
  return undefined;
}

function nameProperty(node: JsonObject, nameNode: JsonString): JsonProperty | undefined {
  return node.properties.find(p => p.value === nameNode);
}

/**
 * Edits of an "aliases" attribute: `keep` is the list to write when `rewritten` (something was
 * removed or requalified), `add` an alias to append. Without an "aliases" attribute, one is inserted
 * after the name.
 */
function aliasEdits(
  doc: AvroDocument,
  owner: JsonObject,
  after: JsonProperty | undefined,
  aliasesProperty: JsonProperty | undefined,
  current: readonly Alias[],
  keep: string[],
  rewritten: boolean,
  add: string | undefined,
  edits: EditCollector,
): void {
  const value = aliasesProperty?.value;
  const properties: string[] = [];
  if (value?.kind === 'array' && current.length === value.items.length) {
    if (rewritten) {
      const list = add !== undefined ? [...keep, add] : keep;
      edits.replace(doc.uri, { offset: value.offset, length: value.length }, `[${list.map(a => JSON.stringify(a)).join(', ')}]`, 'alias');
    } else if (add !== undefined) {
      const last = value.items[value.items.length - 1];
      if (last) edits.insert(doc.uri, last.offset + last.length, `, ${JSON.stringify(add)}`, 'alias');
      else edits.insert(doc.uri, value.offset + 1, JSON.stringify(add), 'alias');
    }
  } else if (!aliasesProperty && add !== undefined) {
    properties.push(`"aliases": [${JSON.stringify(add)}]`);
  }
  // An "aliases" that is not an array of strings is left alone (validation reports it).
  if (properties.length && after) {
    edits.insert(doc.uri, after.offset + after.length, propertiesText(doc.text, owner, after, properties), 'alias');
  }
}

/** `, "key": value` inserted after `after`: on new lines with its indentation when the object is written one property per line. */
function propertiesText(text: string, owner: JsonObject, after: JsonProperty, properties: string[]): string {
  const lineStart = Math.max(text.lastIndexOf('\n', after.offset - 1), text.lastIndexOf('\r', after.offset - 1)) + 1;
  const indent = text.slice(lineStart, after.offset);
  const ownLine = lineStart > owner.offset && /^[ \t]*$/.test(indent);
  if (!ownLine) return properties.map(p => `, ${p}`).join('');
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return properties.map(p => `,${eol}${indent}${p}`).join('');
}

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

/** The text between a string's quotes (an empty string: the empty span after its opening quote). */
export function innerSpan(node: JsonString, text: string): Span {
  const closed = node.length >= 2 && text.charCodeAt(node.offset + node.length - 1) === 34;
  return { offset: node.offset + 1, length: Math.max(0, node.length - (closed ? 2 : 1)) };
}

class EditCollector {
  private readonly byUri = new Map<string, RenameEdit[]>();
  /** Documents in the order they were first edited, the cursor's document first. */
  private readonly order: string[] = [];

  constructor(private readonly index: SchemaIndex, first: AvroDocument) {
    this.order.push(first.uri);
    this.byUri.set(first.uri, []);
  }

  replace(uri: string, span: Span, newText: string, annotation?: RenameAnnotation): void {
    this.add(uri, { offset: span.offset, length: span.length, newText, annotation });
  }

  insert(uri: string, offset: number, newText: string, annotation?: RenameAnnotation): void {
    this.add(uri, { offset, length: 0, newText, annotation });
  }

  private add(uri: string, edit: RenameEdit): void {
    let list = this.byUri.get(uri);
    if (!list) {
      this.byUri.set(uri, (list = []));
      this.order.push(uri);
    }
    // The same span reached twice (a definition seen as an occurrence and a definition) is edited once.
    if (list.some(e => e.offset === edit.offset && e.length === edit.length && e.newText === edit.newText)) return;
    if (edit.annotation === undefined) delete edit.annotation;
    list.push(edit);
  }

  result(): RenameDocumentEdits[] {
    const out: RenameDocumentEdits[] = [];
    for (const uri of this.order) {
      const edits = this.byUri.get(uri)!;
      if (!edits.length || !this.index.has(uri)) continue;
      edits.sort((a, b) => a.offset - b.offset || a.length - b.length);
      out.push({ uri, edits });
    }
    return out;
  }
}
