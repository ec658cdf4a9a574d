// Value completions that are not types: logicalType values legal on the underlying type, order values, enum defaults, namespaces, field defaults.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { CursorContext, Owner, Slot } from '../cursorContext';
import type { Resolver } from '../model/schemaIndex';
import { logicalTypeMarkdown, ORDER_DOCS } from '../hover/docs';
import { readableType } from '../hover/describe';
import { defaultProposals } from './defaults';
import { escapeSnippet, makeItem, makeStringItem, sortKey } from './items';
import { decimalPrecisionFor, legalLogicalTypes } from './logicalTypes';
import type { AvroCompletionItem, CompletionRequest } from './types';

export function attributeValueItems(ctx: CursorContext, slot: Slot & { kind: 'attribute' }, request: CompletionRequest): AvroCompletionItem[] {
  switch (slot.attribute) {
    case 'logicalType':
      return slot.owner.kind === 'schema' ? logicalTypeItems(ctx, slot.owner, request) : [];
    case 'order':
      return (['ascending', 'descending', 'ignore'] as const).map((o, i) => makeStringItem(ctx, {
        label: o,
        value: o,
        kind: CompletionItemKind.EnumMember,
        detail: i === 0 ? 'sort order (the default)' : 'sort order',
        documentation: ORDER_DOCS[o],
        sortText: sortKey(0, i),
      }));
    case 'enumDefault':
      return enumDefaultItems(ctx, slot.owner);
    case 'namespace':
      return namespaceItems(ctx, request);
    default:
      return [];
  }
}

function logicalTypeItems(ctx: CursorContext, owner: Owner & { kind: 'schema' }, request: CompletionRequest): AvroCompletionItem[] {
  const present = new Set(owner.object.properties.map(p => p.key.value));
  return legalLogicalTypes(owner, request.settings).map((name, i) => {
    let extra = '';
    if (name === 'decimal') {
      // A decimal needs its precision (and usually a scale): added after the value when missing.
      let n = 1;
      if (!present.has('precision')) extra += `, "precision": \${${n++}:${decimalPrecisionFor(owner)}}`;
      if (!present.has('scale')) extra += `, "scale": \${${n}:2}`;
    }
    const spec = { label: name, kind: CompletionItemKind.EnumMember, detail: 'logical type', documentation: logicalTypeMarkdown(name), sortText: sortKey(0, i) };
    return extra ? makeItem(ctx, { ...spec, text: `"${name}"${extra}` }) : makeStringItem(ctx, { ...spec, value: name });
  });
}

function enumDefaultItems(ctx: CursorContext, owner: Owner): AvroCompletionItem[] {
  if (owner.kind !== 'schema' || owner.schema?.kind !== 'enum') return [];
  return owner.schema.symbols.map((s, i) => makeStringItem(ctx, {
    label: s.name,
    value: s.name,
    kind: CompletionItemKind.EnumMember,
    detail: 'symbol: read in place of symbols this enum does not know',
    sortText: sortKey(0, i),
  }));
}

/** Namespaces already used in the workspace, the most used first. */
function namespaceItems(ctx: CursorContext, request: CompletionRequest): AvroCompletionItem[] {
  const counts = new Map<string, number>();
  const add = (ns: string): void => {
    if (ns) counts.set(ns, (counts.get(ns) ?? 0) + 1);
  };
  for (const s of request.doc.namedTypes) add(s.namespace);
  if (request.index) {
    for (const d of request.index.indexedDocuments()) if (d.uri !== request.doc.uri) for (const s of d.namedTypes) add(s.namespace);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return sorted.map(([ns, n], i) => makeStringItem(ctx, {
    label: ns,
    value: ns,
    kind: CompletionItemKind.Module,
    detail: `namespace of ${n} named type${n === 1 ? '' : 's'}`,
    sortText: sortKey(0, i),
  }));
}

/** Default values valid for the type of the field (or of the part of a default the cursor is in). */
export function defaultItems(ctx: CursorContext, slot: Slot & { kind: 'default' }, resolve: Resolver): AvroCompletionItem[] {
  if (!slot.type) return [];
  const proposals = defaultProposals(slot.type, resolve);
  const readable = readableType(slot.type, slot.field?.record.namespace);
  return proposals.map((p, i) => makeItem(ctx, {
    label: p.json.length > 40 ? p.json.slice(0, 37) + '...' : p.json,
    kind: CompletionItemKind.Value,
    text: escapeSnippet(p.json),
    detail: p.detail,
    documentation: `A default for ${slot.nested ? 'this part of the default' : `the field${slot.field?.name ? ` \`${slot.field.name}\`` : ''}`}: ${readable}.`,
    sortText: sortKey(0, i),
    filter: p.json.replace(/^"|"$/g, ''),
    preselect: i === 0,
  }));
}

/** The field snippets in a "fields" array, in the style of the fields around (one line, spaced braces, or one attribute per line). */
export function fieldSnippetItems(ctx: CursorContext, slot: Slot & { kind: 'fields' | 'field' }, text: string): AvroCompletionItem[] {
  const style = fieldStyle(slot, text);
  const types = 'string,long,int,boolean,double,float,bytes';
  const field = layout(style, [['name', '"$1"'], ['type', `"\${2|${types}|}"`]]);
  const nullable = layout(style, [['name', '"$1"'], ['type', `["null", "\${2|${types}|}"]`], ['default', 'null']]);
  return [
    makeItem(ctx, { label: 'field', kind: CompletionItemKind.Snippet, text: field, detail: 'field with a name and a type', documentation: '`{"name": ..., "type": ...}`', sortText: sortKey(0, 0), filter: 'field' }),
    makeItem(ctx, {
      label: 'nullable field',
      kind: CompletionItemKind.Snippet,
      text: nullable,
      detail: 'optional field: ["null", T] with default null',
      documentation: 'A field readers can do without: its type is a union whose first branch is `null`, and its default is `null`. Adding such a field keeps schemas backward and forward compatible.',
      sortText: sortKey(0, 1),
      filter: 'nullable field',
    }),
  ];
}

type Style = 'compact' | 'spaced' | 'multiline';

function fieldStyle(slot: Slot & { kind: 'fields' | 'field' }, text: string): Style {
  const first = slot.record?.fields.find(f => f.node.closed);
  if (!first) return 'spaced';
  const written = text.substr(first.node.offset, first.node.length);
  if (/[\r\n]/.test(written)) return 'multiline';
  return written.startsWith('{ ') ? 'spaced' : 'compact';
}

function layout(style: Style, attributes: Array<[string, string]>): string {
  const parts = attributes.map(([k, v]) => `"${k}": ${v}`);
  switch (style) {
    case 'compact': return `{${parts.join(', ')}}`;
    case 'spaced': return `{ ${parts.join(', ')} }`;
    case 'multiline': return `{\n\t${parts.join(',\n\t')}\n}`;
  }
}
