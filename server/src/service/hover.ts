// Hover: what the name under the cursor is: named types (IDL, doc, definition, fingerprints), fields, logical types, primitives, attributes.
//
// The service is pure: the SHA-256 function, workspace-relative paths and line numbers of other
// documents are handed in by the caller (the LSP layer passes node:crypto and its line index cache).
import { cursorContextAt, type CursorContext, type Owner, type SchemaOwner } from './cursorContext';
import { canonicalForm, fingerprintCrc64 } from './model/canonical';
import { resolverFor, type Resolver } from './model/schemaIndex';
import { isNamed, isPrimitiveName, type AvroDocument, type AvroSchema, type EnumSchema, type Field, type NamedSchema, type ReferenceSchema } from './model/types';
import type { JsonProperty, JsonValue } from './parser/json';
import type { SchemaIndex } from './model/schemaIndex';
import type { AvroSettings } from './settings';
import { LineIndex } from './text';
import { attributeMarkdown, logicalTypeDoc, logicalTypeVersionNote, ORDER_DOCS, primitiveMarkdown } from './hover/docs';
import { defaultText, idlDeclaration, idlField, idlType, logicalTypeLabel, readableType } from './hover/describe';
import { baseName } from './completion/names';
import { ordinal } from './util/spans';
import { isAttributeOf } from './util/attributes';
import type { ObjectKind } from './model/types';
import type { SchemaObjectKind } from './cursorContext';
import { isLegalLogicalType, maxDecimalPrecision, underlyingOf } from './completion/logicalTypes';

export interface HoverRequest {
  doc: AvroDocument;
  offset: number;
  /** The workspace's documents (this one included), to resolve names defined in other files. */
  index?: SchemaIndex;
  settings: AvroSettings;
  /** SHA-256 of a string's UTF-8 bytes as lowercase hex; without it only CRC-64-AVRO is shown. */
  sha256?(text: string): string;
  /** How a document is named ("schemas/address.avsc", workspace-relative); defaults to the URI's last segment. */
  displayPath?(uri: string): string;
  /** Zero-based line of an offset in a document; defaults to counting lines in its text. */
  lineOf?(doc: AvroDocument, offset: number): number;
  /**
   * Fingerprints already computed for a named type (the caller keeps them while nothing changed:
   * the canonical form of a 10,000-field record takes a while).
   */
  fingerprintCache?: FingerprintCache;
}

export interface Fingerprints {
  /** Undefined when the schema is incomplete; `missing` then says why. */
  crc64?: string;
  sha256?: string;
  missing?: string[];
}

export interface FingerprintCache {
  get(schema: NamedSchema): Fingerprints | undefined;
  set(schema: NamedSchema, fingerprints: Fingerprints): void;
}

export interface AvroHover {
  /** The span the hover is about (the name under the cursor). */
  offset: number;
  length: number;
  /** Markdown. */
  markdown: string;
}

/** The hover at `offset`, or undefined when there is nothing to say about what is there. */
export function getHover(request: HoverRequest): AvroHover | undefined {
  const { doc } = request;
  const leaf = leafAt(doc, request.offset);
  if (!leaf) return undefined;
  const resolve = resolverFor(request.index, doc);
  const h = new HoverBuilder(request, resolve);
  const markdown = h.describe(leaf);
  return markdown === undefined ? undefined : { offset: leaf.node.offset, length: leaf.node.length, markdown };
}

interface Leaf {
  node: JsonValue;
  /** Set when the node is the key of this property. */
  keyOf?: JsonProperty;
}

/** The literal (or property key) under the cursor: the character at `offset` belongs to it. */
function leafAt(doc: AvroDocument, offset: number): Leaf | undefined {
  let node: JsonValue | undefined = doc.json.root;
  const inside = (n: { offset: number; length: number }): boolean => offset >= n.offset && offset < n.offset + n.length;
  while (node) {
    if (node.kind === 'object') {
      const props = node.properties;
      let found: JsonProperty | undefined;
      let lo = 0;
      let hi = props.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (props[mid].offset <= offset) {
          found = props[mid];
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (!found) return undefined;
      if (inside(found.key)) return { node: found.key, keyOf: found };
      if (found.value && (inside(found.value) || (found.value.kind === 'object' || found.value.kind === 'array') && !found.value.closed && offset >= found.value.offset)) {
        node = found.value;
        continue;
      }
      return undefined;
    }
    if (node.kind === 'array') {
      const items = node.items;
      let found: JsonValue | undefined;
      let lo = 0;
      let hi = items.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if (items[mid].offset <= offset) {
          found = items[mid];
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      if (!found) return undefined;
      if (inside(found) || ((found.kind === 'object' || found.kind === 'array') && !found.closed)) {
        node = found;
        continue;
      }
      return undefined;
    }
    return inside(node) ? { node } : undefined;
  }
  return undefined;
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${s}${ticks}`;
}

function fence(body: string, language = 'avdl'): string {
  return '```' + language + '\n' + body + '\n```';
}

class HoverBuilder {
  constructor(private readonly request: HoverRequest, private readonly resolve: Resolver) {}

  describe(leaf: Leaf): string | undefined {
    const doc = this.request.doc;
    if (leaf.node.kind !== 'string') return undefined;
    // Asked one character into the literal, where the cursor context reads it as "the token being typed".
    const ctx = cursorContextAt(doc, leaf.node.offset + 1, this.resolve);
    const p = ctx.position;
    if (p.kind === 'key') return leaf.keyOf ? this.key(leaf.keyOf.key.value, p.owner) : undefined;
    if (p.kind !== 'value' || p.node !== leaf.node) return undefined;
    const value = leaf.node.value;
    const slot = p.slot;
    switch (slot.kind) {
      case 'schema':
        return this.typeName(value, slot.schema, ctx);
      case 'typeName':
        return this.typeKeyword(value, slot.owner, ctx);
      case 'attribute':
        switch (slot.attribute) {
          case 'name':
            if (slot.owner.kind === 'field') return slot.owner.field ? this.field(slot.owner.field) : undefined;
            if (slot.owner.kind === 'schema' && isNamed(slot.owner.schema)) return this.named(slot.owner.schema);
            return undefined;
          case 'logicalType':
            return slot.owner.kind === 'schema' ? this.logicalType(value, slot.owner) : undefined;
          case 'order':
            return value === 'ascending' || value === 'descending' || value === 'ignore' ? `**order** ${code(value)}: ${ORDER_DOCS[value]}` : undefined;
          case 'symbol':
          case 'enumDefault':
            return slot.owner.kind === 'schema' && slot.owner.schema?.kind === 'enum' ? this.symbol(value, slot.owner.schema) : undefined;
          default:
            return undefined;
        }
      default:
        return undefined;
    }
  }

  // ----- parts -----

  private key(key: string, owner: Owner): string | undefined {
    if (owner.kind === 'defaultRecord') {
      const f = owner.record.fields.find(x => x.name === key);
      return f ? this.field(f) : undefined;
    }
    const doc = attributeMarkdown(key);
    if (doc === undefined) return undefined;
    // An attribute of another kind of object (an "order" on a record) is metadata here: say so.
    const kind: ObjectKind | undefined = owner.kind === 'field' ? 'field' : objectKindOf(owner.objectKind);
    if (kind && !isAttributeOf(kind, key)) return `${doc}\n\nNot an attribute of ${kind === 'field' ? 'a field' : kind === 'primitive' ? 'a primitive type' : `${kind === 'enum' || kind === 'array' ? 'an' : 'a'} ${kind}`}: readers ignore it here.`;
    return doc;
  }

  /** A string in a schema position: a primitive or a reference. */
  private typeName(value: string, schema: AvroSchema | undefined, ctx: CursorContext): string | undefined {
    if (isPrimitiveName(value)) return primitiveMarkdown(value);
    const ref = schema && schema.kind === 'reference' ? schema : this.referenceAt(ctx);
    return ref ? this.reference(ref) : undefined;
  }

  private referenceAt(ctx: CursorContext): ReferenceSchema | undefined {
    const refs = this.request.doc.references;
    const at = ctx.token.offset;
    let lo = 0;
    let hi = refs.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = refs[mid].nameNode.offset;
      if (o === at) return refs[mid];
      if (o < at) lo = mid + 1;
      else hi = mid - 1;
    }
    return refs.find(r => r.nameNode.offset === at);
  }

  /** The value of "type" in a schema object. */
  private typeKeyword(value: string, owner: SchemaOwner, ctx: CursorContext): string | undefined {
    const s = owner.schema;
    switch (value) {
      case 'record': case 'error': case 'enum': case 'fixed':
        return isNamed(s) ? this.named(s) : undefined;
      case 'array': case 'map':
        return s && (s.kind === 'array' || s.kind === 'map') ? [fence(idlType(s, owner.namespace)), '', `An ${readableType(s)}.`].join('\n').replace('An map', 'A map') : undefined;
    }
    if (isPrimitiveName(value)) {
      if (s && s.logicalType) return this.logicalType(s.logicalType.name, owner);
      return primitiveMarkdown(value);
    }
    return this.typeName(value, s, ctx);
  }

  private reference(ref: ReferenceSchema): string {
    const target = this.resolve(ref);
    if (!target) {
      const tried = ref.candidates.map(code).join(' and ');
      return `${code(ref.name)} does not resolve: no record, enum or fixed is defined as ${tried} in this file or the workspace.`;
    }
    const head = ref.name !== target.fullname ? `${code(ref.name)} resolves to ${code(target.fullname)} from the namespace ${code(ref.enclosingNamespace || '(null namespace)')}.\n\n` : '';
    return head + this.named(target);
  }

  named(schema: NamedSchema): string {
    const text = this.documentOf(schema)?.text ?? '';
    const parts: string[] = [fence(idlDeclaration(schema, text))];
    if (schema.doc) parts.push(schema.doc);
    const facts: string[] = [];
    if (schema.kind === 'record') facts.push(`${schema.isError ? 'Error' : 'Record'} with ${schema.fields.length.toLocaleString('en-US')} field${schema.fields.length === 1 ? '' : 's'}.`);
    if (schema.kind === 'enum') {
      const d = schema.defaultProperty?.value;
      facts.push(`Enum with ${schema.symbols.length} symbol${schema.symbols.length === 1 ? '' : 's'}${d && d.kind === 'string' ? `; unknown symbols read as ${code(d.value)}` : ''}.`);
    }
    if (schema.kind === 'fixed') facts.push(`Fixed of ${schema.size ?? '?'} bytes${schema.logicalType ? `, logical type ${code(logicalTypeLabel(schema) ?? schema.logicalType.name)}` : ''}.`);
    if (schema.aliases.length) facts.push(`Aliases: ${schema.aliases.map(a => code(a.fullname)).join(', ')}.`);
    facts.push(this.definedAt(schema));
    parts.push(facts.join(' '));
    parts.push(this.fingerprints(schema));
    return parts.join('\n\n');
  }

  private documentOf(schema: NamedSchema): AvroDocument | undefined {
    if (schema.uri === this.request.doc.uri) return this.request.doc;
    return this.request.index?.get(schema.uri);
  }

  private definedAt(schema: NamedSchema): string {
    const doc = this.documentOf(schema);
    const anchor = schema.nameNode ?? schema.node;
    let line: number | undefined;
    if (doc) line = this.request.lineOf ? this.request.lineOf(doc, anchor.offset) : new LineIndex(doc.text).positionAt(anchor.offset).line;
    const here = schema.uri === this.request.doc.uri;
    const file = here ? 'this file' : (this.request.displayPath ?? baseName)(schema.uri);
    if (line === undefined) return `Defined in ${code(file)}.`;
    const label = `${file}, line ${line + 1}`;
    return `Defined in [${label}](${schema.uri}#L${line + 1}).`;
  }

  private fingerprints(schema: NamedSchema): string {
    const cache = this.request.fingerprintCache;
    let f = cache?.get(schema);
    if (!f) {
      const form = canonicalForm(schema, this.resolve, this.request.doc.cache);
      f = form.complete
        ? { crc64: fingerprintCrc64(form.text), sha256: this.request.sha256?.(form.text) }
        : { missing: form.unresolved };
      cache?.set(schema, f);
    }
    if (f.crc64 === undefined) {
      const missing = f.missing ?? [];
      const why = missing.length ? `${missing.slice(0, 3).map(code).join(', ')} do${missing.length === 1 ? 'es' : ''} not resolve` : 'the schema is incomplete';
      return `Fingerprints: not available while ${why}.`;
    }
    const lines = ['Fingerprints of the Parsing Canonical Form:', `- CRC-64-AVRO: ${code(f.crc64)}`];
    if (f.sha256) lines.push(`- SHA-256: ${code(f.sha256)}`);
    return lines.join('\n');
  }

  field(field: Field): string {
    const text = this.request.doc.uri === field.record.uri ? this.request.doc.text : this.documentOf(field.record)?.text ?? '';
    const ns = field.record.namespace;
    const parts = [fence(idlField(field, text, ns))];
    const lines = [`Field ${code(field.name || '?')} of ${field.record.isError ? 'error' : 'record'} ${code(field.record.fullname || '?')} (${ordinal(field.index + 1)} of ${field.record.fields.length}).`, ''];
    lines.push(`- Type: ${field.type ? readableType(field.type, ns) : 'missing'}`);
    const def = field.defaultProperty?.value;
    lines.push(`- Default: ${def ? code(defaultText(def, text)) : 'none (a reader of this schema needs the field in the data)'}`);
    lines.push(`- Order: ${field.order ?? 'ascending'}${field.order === undefined ? ' (the default)' : ''}`);
    if (field.aliases.length) lines.push(`- Aliases: ${field.aliases.map(a => code(a.name)).join(', ')}`);
    parts.push(lines.join('\n'));
    if (field.doc) parts.push(field.doc);
    return parts.join('\n\n');
  }

  private logicalType(name: string, owner: SchemaOwner): string {
    const d = logicalTypeDoc(name);
    const u = underlyingOf(owner);
    const here = u ? (u.type === 'fixed' ? `fixed(${u.size ?? '?'})` : u.type) : undefined;
    const head = `**${name}**: ${d ? `logical type on ${d.underlying}` : 'custom logical type'}${here ? `; here on ${code(here)}` : ''}.`;
    const parts = [head];
    if (d) parts.push(d.meaning);
    if (u && d && !isLegalLogicalType(name, u, { ...this.request.settings, specVersion: '1.12' })) {
      parts.push(`Not valid on ${code(here!)}: readers ignore the logical type and read plain ${code(here!)} values.`);
    }
    if (name === 'decimal' && owner.schema) {
      const lt = owner.schema.logicalType;
      const precision = numberOf(lt?.precision?.value);
      const scale = numberOf(lt?.scale?.value) ?? 0;
      if (precision !== undefined && precision > 0 && scale >= 0 && scale <= precision) {
        const intDigits = precision - scale;
        const max = (intDigits > 0 ? '9'.repeat(Math.min(intDigits, 30)) : '0') + (scale > 0 ? '.' + '9'.repeat(Math.min(scale, 30)) : '');
        let capacity = '';
        if (u && u.type === 'fixed' && u.size !== undefined) capacity = ` A fixed of ${u.size} bytes holds up to ${maxDecimalPrecision(u.size)} digits.`;
        parts.push(`Precision ${precision}, scale ${scale}: ${intDigits} digit${intDigits === 1 ? '' : 's'} before the point and ${scale} after, up to ±${max.length > 40 ? max.slice(0, 40) + '...' : max}.${capacity}`);
      }
    }
    parts.push(logicalTypeVersionNote(name));
    return parts.join('\n\n');
  }

  private symbol(value: string, e: EnumSchema): string | undefined {
    const i = e.symbols.findIndex(s => s.name === value);
    if (i < 0) return `${code(value)} is not a symbol of ${code(e.fullname)}: its symbols are ${e.symbols.slice(0, 10).map(s => code(s.name)).join(', ')}${e.symbols.length > 10 ? ', ...' : ''}.`;
    const d = e.defaultProperty?.value;
    const isDefault = d && d.kind === 'string' && d.value === value;
    return `Symbol ${code(value)} of enum ${code(e.fullname)} (${ordinal(i + 1)} of ${e.symbols.length}, ordinal ${i}).${isDefault ? ' It is the enum\'s default: readers use it for symbols they do not know.' : ''}`;
  }
}

function numberOf(v: JsonValue | undefined): number | undefined {
  return v && v.kind === 'number' && v.isIntegerLiteral ? v.value : undefined;
}


function objectKindOf(kind: SchemaObjectKind): ObjectKind | undefined {
  return kind === 'reference' || kind === 'unknown' ? undefined : kind;
}
