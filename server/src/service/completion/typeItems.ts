// Type positions: primitives, the named types visible from here (shortest name that resolves), record/enum/fixed/array/map/union skeletons, logical types.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { CursorContext, SchemaOwner, Slot } from '../cursorContext';
import type { Resolver } from '../model/schemaIndex';
import type { AvroSchema, PrimitiveName, UnionSchema } from '../model/types';
import type { TypeDefinition } from '../model/summary';
import { attributeMarkdown, logicalTypeMarkdown, primitiveMarkdown } from '../hover/docs';
import { LOGICAL_TYPE_NAMES, logicalTypeSpec } from '../util/logicalTypeSpecs';
import { escapeSnippet, makeItem, makeStringItem, sortKey, TRIGGER_SUGGEST } from './items';
import { isLegalLogicalType } from './logicalTypes';
import { visibleNamedTypes, type VisibleType } from './names';
import type { AvroCompletionItem, CompletionRequest } from './types';

/** Primitives in the order people use them. */
const PRIMITIVE_ORDER: readonly PrimitiveName[] = ['string', 'long', 'int', 'boolean', 'double', 'float', 'bytes', 'null'];

/** Sort groups in type positions. */
const G_PRIMITIVE = 1;
const G_NAMED = 2;
const G_COMPLEX = 3;
const G_LOGICAL = 4;

/** What a union already holds, so that no second branch of the same type is offered. */
interface UnionMembers {
  primitives: Set<string>;
  fullnames: Set<string>;
  array: boolean;
  map: boolean;
}

function unionMembers(union: UnionSchema | undefined, replaced: AvroSchema | undefined, resolve: Resolver): UnionMembers | undefined {
  if (!union) return undefined;
  const m: UnionMembers = { primitives: new Set(), fullnames: new Set(), array: false, map: false };
  for (const b of union.branches) {
    if (b === replaced) continue;
    switch (b.kind) {
      case 'primitive': m.primitives.add(b.type); break;
      case 'array': m.array = true; break;
      case 'map': m.map = true; break;
      case 'record': case 'enum': case 'fixed': m.fullnames.add(b.fullname); break;
      case 'reference': {
        const t = resolve(b);
        m.fullnames.add(t ? t.fullname : b.candidates[0]);
        break;
      }
    }
  }
  return m;
}

function capitalized(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_]/g, '');
  return clean ? clean[0].toUpperCase() + clean.slice(1) : 'Name';
}

/**
 * A named type: this file's types first, then the workspace's; the same namespace before others. Its
 * detail and documentation come from completionItem/resolve (resolve.ts): a file can offer thousands,
 * so the item holds nothing but its label, kind, sort text, filter text and edit.
 */
function namedTypeItem(ctx: CursorContext, t: VisibleType): AvroCompletionItem {
  const sameNamespace = t.spelling.indexOf('.') < 0;
  return makeStringItem(ctx, {
    label: t.spelling,
    value: t.spelling,
    kind: namedKind(t.schema),
    sortText: sortKey(G_NAMED, (t.forward ? 4 : 0) + (t.local ? 0 : 2) + (sameNamespace ? 0 : 1)),
  });
}

function namedKind(schema: Pick<TypeDefinition, 'kind'>): CompletionItemKind {
  return schema.kind === 'enum' ? CompletionItemKind.Enum : schema.kind === 'fixed' ? CompletionItemKind.Struct : CompletionItemKind.Class;
}

/** Items for a schema slot (a field's type, items, values, a union branch, the document root). */
export function schemaItems(ctx: CursorContext, slot: Slot & { kind: 'schema' }, request: CompletionRequest, resolve: Resolver): AvroCompletionItem[] {
  const items: AvroCompletionItem[] = [];
  const tokenNode = ctx.position.kind === 'value' ? ctx.position.node : undefined;
  const replaced = slot.union && tokenNode ? slot.union.branches.find(b => b.node === tokenNode) : undefined;
  const members = unionMembers(slot.union, replaced, resolve);

  // Primitives.
  const nullFirst = members !== undefined && !members.primitives.has('null') && slot.union!.branches.filter(b => b !== replaced).length > 0 && slot.union!.branches[0] !== replaced;
  PRIMITIVE_ORDER.forEach((p, i) => {
    if (members?.primitives.has(p)) return;
    items.push(makeStringItem(ctx, {
      label: p,
      value: p,
      kind: CompletionItemKind.Keyword,
      detail: 'primitive type',
      documentation: primitiveMarkdown(p),
      sortText: sortKey(G_PRIMITIVE, p === 'null' && nullFirst ? 0 : i + 1),
    }));
  });

  // Named types visible from here.
  for (const t of visibleNamedTypes(request.doc, ctx.token.offset, slot.namespace, request.index, request.settings.specVersion)) {
    if (members?.fullnames.has(t.schema.fullname)) continue;
    items.push(namedTypeItem(ctx, t));
  }

  // Complex types as skeletons.
  const recordName = slot.field?.name ? capitalized(slot.field.name) : 'Name';
  // One attribute per line when nothing follows on the line; on one line inside a one-line field.
  const text = request.doc.text;
  const afterToken = ctx.token.offset + ctx.token.length;
  let lineEnd = text.indexOf('\n', afterToken);
  if (lineEnd < 0) lineEnd = text.length;
  const restOfLine = text.slice(afterToken, lineEnd);
  const record = /^[\s,]*$/.test(restOfLine)
    ? `{\n\t"type": "record",\n\t"name": "\${1:${escapeSnippet(recordName)}}",\n\t"fields": [\n\t\t$0\n\t]\n}`
    : `{"type": "record", "name": "\${1:${escapeSnippet(recordName)}}", "fields": [$0]}`;
  const complex: Array<{ label: string; text: string; detail: string; doc: string; suggest?: boolean; skip?: boolean; filter?: string }> = [
    { label: 'record', text: record, detail: 'record skeleton', doc: attributeMarkdown('fields')! },
    { label: 'enum', text: `{"type": "enum", "name": "\${1:${escapeSnippet(slot.field?.name ? capitalized(slot.field.name) : 'Status')}}", "symbols": ["\${2:A}"]}`, detail: 'enum skeleton', doc: attributeMarkdown('symbols')! },
    { label: 'array', text: '{"type": "array", "items": "$1"}', detail: 'array skeleton', doc: attributeMarkdown('items')!, suggest: true, skip: members?.array },
    { label: 'map', text: '{"type": "map", "values": "$1"}', detail: 'map skeleton', doc: attributeMarkdown('values')!, suggest: true, skip: members?.map },
    { label: 'fixed', text: `{"type": "fixed", "name": "\${1:${escapeSnippet(slot.field?.name ? capitalized(slot.field.name) : 'Hash')}}", "size": \${2:16}}`, detail: 'fixed skeleton', doc: attributeMarkdown('size')! },
    { label: 'union', text: '["null", "$1"]', detail: 'nullable: union of null and a type', doc: 'A union of `null` and another type. Give the field `"default": null` (a union default matches its first branch).', suggest: true, skip: slot.union !== undefined },
  ];
  complex.forEach((c, i) => {
    if (c.skip) return;
    items.push(makeItem(ctx, {
      label: c.label,
      kind: CompletionItemKind.Snippet,
      text: c.text,
      detail: c.detail,
      documentation: c.doc,
      sortText: sortKey(G_COMPLEX, i),
      command: c.suggest ? TRIGGER_SUGGEST : undefined,
      filter: c.filter,
    }));
  });

  // Logical types, as the schema object they annotate.
  LOGICAL_TYPE_NAMES.forEach((name, i) => {
    const spec = logicalTypeSpec(name)!;
    const base = spec.expected[0];
    const m = /^fixed\((\d+)\)$/.exec(base);
    const underlying = m ? { type: 'fixed', size: Number(m[1]) } : { type: base };
    if (!isLegalLogicalType(name, underlying, request.settings)) return;
    // A second long in a union, even with a logical type, is a duplicate branch (a fixed is named: no clash).
    if (underlying.type !== 'fixed' && members?.primitives.has(underlying.type)) return;
    let text: string;
    if (name === 'decimal') text = `{"type": "bytes", "logicalType": "decimal", "precision": \${1:10}, "scale": \${2:2}}`;
    else if (underlying.type === 'fixed') text = `{"type": "fixed", "name": "\${1:${escapeSnippet(slot.field?.name ? capitalized(slot.field.name) : 'Duration')}}", "size": ${underlying.size}, "logicalType": "${name}"}`;
    else text = `{"type": "${underlying.type}", "logicalType": "${name}"}`;
    items.push(makeItem(ctx, {
      label: name,
      kind: CompletionItemKind.TypeParameter,
      text,
      detail: `logical type on ${m ? `fixed(${m[1]})` : base}`,
      documentation: logicalTypeMarkdown(name),
      sortText: sortKey(G_LOGICAL, i),
    }));
  });
  return items;
}

/** The attributes a schema object of this kind still needs, as snippet text to append after its "type" value. */
function missingRequired(owner: SchemaOwner, kind: string, firstTabStop: number): string {
  const present = new Set(owner.object.properties.map(p => p.key.value));
  const parts: string[] = [];
  let n = firstTabStop;
  const add = (key: string, value: string): void => {
    if (!present.has(key)) parts.push(`"${key}": ${value.replace('#', String(n++))}`);
  };
  // A named type written as a field's type is usually named after the field.
  const name = owner.field?.name ? `"\${#:${escapeSnippet(capitalized(owner.field.name))}}"` : '"$#"';
  switch (kind) {
    case 'record':
      add('name', name);
      if (!present.has('fields')) parts.push('"fields": [$0]');
      break;
    case 'enum':
      add('name', name);
      add('symbols', '["$#"]');
      break;
    case 'fixed':
      add('name', name);
      add('size', '${#:16}');
      break;
    case 'array':
      add('items', '"$#"');
      break;
    case 'map':
      add('values', '"$#"');
      break;
  }
  return parts.length ? ', ' + parts.join(', ') : '';
}

/** Items for the value of "type" inside a schema object: type keywords (with the attributes they need), primitives, named types. */
export function typeNameItems(ctx: CursorContext, owner: SchemaOwner, request: CompletionRequest): AvroCompletionItem[] {
  const items: AvroCompletionItem[] = [];
  // What the object's other attributes say it is goes first.
  const implied = owner.object.properties.some(p => p.key.value === 'fields') ? 'record'
    : owner.object.properties.some(p => p.key.value === 'symbols') ? 'enum'
    : owner.object.properties.some(p => p.key.value === 'size') ? 'fixed'
    : owner.object.properties.some(p => p.key.value === 'items') ? 'array'
    : owner.object.properties.some(p => p.key.value === 'values') ? 'map'
    : undefined;
  const keywords = ['record', 'enum', 'array', 'map', 'fixed', 'error'];
  keywords.forEach((k, i) => {
    const needs = missingRequired(owner, k === 'error' ? 'record' : k, 1);
    items.push(makeItem(ctx, {
      label: k,
      kind: CompletionItemKind.Keyword,
      text: `"${k}"${needs}`,
      detail: k === 'error' ? 'a record used as an error in protocols' : `${k} schema`,
      documentation: k === 'error' ? 'An `error` is a record (same attributes) that Avro protocols declare as a message error.' : attributeMarkdown(k === 'record' ? 'fields' : k === 'enum' ? 'symbols' : k === 'fixed' ? 'size' : k === 'array' ? 'items' : 'values'),
      sortText: sortKey(0, k === implied ? 0 : i + 1),
      preselect: k === implied,
      command: (k === 'array' || k === 'map') && needs ? TRIGGER_SUGGEST : undefined,
    }));
  });
  PRIMITIVE_ORDER.forEach((p, i) => {
    items.push(makeStringItem(ctx, {
      label: p,
      value: p,
      kind: CompletionItemKind.Keyword,
      detail: 'primitive type',
      documentation: primitiveMarkdown(p),
      sortText: sortKey(G_PRIMITIVE, i),
    }));
  });
  for (const t of visibleNamedTypes(request.doc, ctx.token.offset, owner.outerNamespace, request.index, request.settings.specVersion)) items.push(namedTypeItem(ctx, t));
  return items;
}
