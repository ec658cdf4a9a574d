// Document symbols (the outline: records > fields, enums > symbols, fixed; nested types under their field) and workspace symbols (named types, fuzzy).
import type { SchemaIndex } from './model/schemaIndex';
import type { AvroDocument, AvroSchema, EnumSchema, Field, FixedSchema, NamedSchema, RecordSchema, Span } from './model/types';
import type { TypeDefinition } from './model/summary';
import type { JsonString } from './parser/json';
import { shortText, stringContent } from './util/spans';

export type AvroSymbolKind = 'record' | 'error' | 'enum' | 'fixed' | 'field' | 'enum-symbol';

export interface AvroDocumentSymbol {
  /** The simple name (a placeholder in parentheses when the name is missing: editors reject empty names). */
  name: string;
  /** Types: the fullname (fixed: and its size); fields: the readable type and default; enum symbols: "default" for the enum's default. */
  detail: string;
  kind: AvroSymbolKind;
  /** The whole object (a symbol: its string). */
  range: Span;
  /** The name (between its quotes), inside `range`. */
  selection: Span;
  children: AvroDocumentSymbol[];
}

/** Readable types are clipped to this many characters in the outline. */
const MAX_DETAIL = 80;

/**
 * The outline of a document: every named type at the top (a union file lists each member), records
 * with their fields, each field with the named types defined inside its type, enums with their
 * symbols. Works on half-typed documents (whatever the model could read).
 */
export function documentSymbols(doc: AvroDocument): AvroDocumentSymbol[] {
  const out: AvroDocumentSymbol[] = [];
  if (doc.root) typesIn(doc.root, doc.text, out);
  return out;
}

/** The named types defined in a schema (itself, or inside an array, map or union), as outline entries. */
function typesIn(schema: AvroSchema | undefined, text: string, out: AvroDocumentSymbol[]): void {
  if (!schema) return;
  switch (schema.kind) {
    case 'record': out.push(recordSymbol(schema, text)); break;
    case 'enum': out.push(enumSymbol(schema, text)); break;
    case 'fixed': out.push(fixedSymbol(schema, text)); break;
    case 'array': typesIn(schema.items, text, out); break;
    case 'map': typesIn(schema.values, text, out); break;
    case 'union': for (const b of schema.branches) typesIn(b, text, out); break;
    default: break;
  }
}

function nameSpan(node: JsonString | undefined, owner: Span, text: string): Span {
  return node ? stringContent(node, text) : { offset: owner.offset, length: 1 };
}

function typeName(s: NamedSchema, placeholder: string): string {
  return s.name !== '' ? s.name : placeholder;
}

function recordSymbol(s: RecordSchema, text: string): AvroDocumentSymbol {
  const kind = s.isError ? 'error' : 'record';
  return {
    name: typeName(s, `(unnamed ${kind})`),
    detail: s.isError ? `error ${s.fullname}` : s.fullname,
    kind,
    range: span(s.node),
    selection: nameSpan(s.nameNode, s.node, text),
    children: s.fields.map(f => fieldSymbol(f, text)),
  };
}

function fieldSymbol(f: Field, text: string): AvroDocumentSymbol {
  const children: AvroDocumentSymbol[] = [];
  typesIn(f.type, text, children);
  let detail = f.type ? readableType(f.type) : '?';
  const d = f.defaultProperty?.value;
  if (d) detail += ` = ${shortText(d, text, 30)}`;
  return {
    name: f.name !== '' ? f.name : '(unnamed field)',
    detail: clip(detail),
    kind: 'field',
    range: span(f.node),
    selection: nameSpan(f.nameNode, f.node, text),
    children,
  };
}

function enumSymbol(s: EnumSchema, text: string): AvroDocumentSymbol {
  const d = s.defaultProperty?.value;
  const defaultSymbol = d?.kind === 'string' ? d.value : undefined;
  return {
    name: typeName(s, '(unnamed enum)'),
    detail: s.fullname,
    kind: 'enum',
    range: span(s.node),
    selection: nameSpan(s.nameNode, s.node, text),
    children: s.symbols.map(sym => ({
      name: sym.name !== '' ? sym.name : '""',
      detail: sym.name === defaultSymbol ? 'default' : '',
      kind: 'enum-symbol' as const,
      range: span(sym.node),
      selection: stringContent(sym.node, text),
      children: [],
    })),
  };
}

function fixedSymbol(s: FixedSchema, text: string): AvroDocumentSymbol {
  return {
    name: typeName(s, '(unnamed fixed)'),
    detail: s.size !== undefined ? `${s.fullname} (${s.size} bytes)` : s.fullname,
    kind: 'fixed',
    range: span(s.node),
    selection: nameSpan(s.nameNode, s.node, text),
    children: [],
  };
}

function span(node: Span): Span {
  return { offset: node.offset, length: node.length };
}

function clip(s: string): string {
  return s.length > MAX_DETAIL ? s.slice(0, MAX_DETAIL - 1) + '…' : s;
}

/**
 * A type as a reader thinks of it: `string`, `long (timestamp-millis)`, `array<Money>`,
 * `map<int>`, `null | string`; named types by their simple name, references as written.
 */
export function readableType(s: AvroSchema | undefined, depth = 0): string {
  if (!s) return '?';
  if (depth > 8) return '…';
  const logical = s.logicalType ? ` (${logicalName(s.logicalType)})` : '';
  switch (s.kind) {
    case 'primitive': return s.type + logical;
    case 'record': case 'enum': case 'fixed': return (s.name || `(unnamed ${s.kind})`) + logical;
    case 'reference': return s.name + logical;
    case 'array': return `array<${readableType(s.items, depth + 1)}>`;
    case 'map': return `map<${readableType(s.values, depth + 1)}>`;
    case 'union': return s.branches.length ? s.branches.map(b => readableType(b, depth + 1)).join(' | ') : '[]';
    case 'invalid': return '?';
  }
}

/** `decimal(12,2)` with its precision and scale; other logical types by name. */
function logicalName(l: NonNullable<AvroSchema['logicalType']>): string {
  if (l.name !== 'decimal') return l.name;
  const p = l.precision?.value;
  const sc = l.scale?.value;
  if (p?.kind !== 'number') return l.name;
  return `decimal(${p.value}${sc?.kind === 'number' ? `,${sc.value}` : ''})`;
}

// ---------------------------------------------------------------------------------------------
// Workspace symbols
// ---------------------------------------------------------------------------------------------

export interface WorkspaceSymbolMatch {
  /** The named type (a summary when its file is not open: names, kind, uri and spans). */
  schema: TypeDefinition;
  /** Higher is better. */
  score: number;
}

/** More results than anyone reads: the editor filters further as the user types. */
export const WORKSPACE_SYMBOL_LIMIT = 1000;

/**
 * Every named type of the index whose name or fullname matches `query` (case-insensitive: exact,
 * prefix, substring, then the query's characters in order, word starts preferred), best first.
 * An empty query lists every type (up to `limit`).
 */
export function workspaceSymbols(index: SchemaIndex, query: string, limit = WORKSPACE_SYMBOL_LIMIT): WorkspaceSymbolMatch[] {
  const q = query.replace(/\s+/g, '').toLowerCase();
  const matches: WorkspaceSymbolMatch[] = [];
  for (const doc of index.indexedDocuments()) {
    for (const schema of doc.namedTypes) {
      if (!schema.hasValidName) continue;
      const score = q === '' ? 1 : matchScore(q, schema.name, schema.fullname);
      if (score > 0) matches.push({ schema, score });
    }
  }
  matches.sort((a, b) => b.score - a.score || compare(a.schema.name, b.schema.name) || compare(a.schema.fullname, b.schema.fullname) || compare(a.schema.uri, b.schema.uri));
  if (matches.length > limit) matches.length = limit;
  return matches;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How well a lower-cased query matches a type: 0 for no match. */
export function matchScore(q: string, name: string, fullname: string): number {
  const n = name.toLowerCase();
  const f = fullname.toLowerCase();
  if (n === q || f === q) return 1000;
  if (n.startsWith(q)) return 900;
  if (f.startsWith(q)) return 800;
  if (n.includes(q)) return 700;
  if (f.includes(q)) return 600;
  const onName = subsequenceScore(q, name);
  if (onName > 0) return 300 + onName;
  const onFullname = subsequenceScore(q, fullname);
  if (onFullname > 0) return 100 + onFullname;
  return 0;
}

/**
 * The query's characters in order in `target` (case-insensitive, first occurrences), scored by
 * how many land on word starts (a capital, the first letter, after '.' or '_') minus the gaps;
 * 0 when they are not all there. At most 199.
 */
function subsequenceScore(q: string, target: string): number {
  const lower = target.toLowerCase();
  let ti = 0;
  let score = 100;
  for (let qi = 0; qi < q.length; qi++) {
    const found = lower.indexOf(q[qi], ti);
    if (found < 0) return 0;
    if (isWordStart(target, found)) score += 5;
    score -= found - ti;
    ti = found + 1;
  }
  return Math.max(1, Math.min(199, score));
}

function isWordStart(s: string, i: number): boolean {
  if (i === 0) return true;
  const prev = s[i - 1];
  if (prev === '.' || prev === '_') return true;
  const c = s[i];
  return c !== c.toLowerCase() && prev === prev.toLowerCase();
}
