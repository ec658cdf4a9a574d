// Key completions: the attributes legal on the object under the cursor (record, enum, fixed, array, map, primitive, field, a record default), minus those present, with a value skeleton.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { CursorContext, DefaultRecordOwner, FieldOwner, SchemaOwner } from '../cursorContext';
import type { Resolver } from '../model/schemaIndex';
import { attributeMarkdown } from '../hover/docs';
import { readableType } from '../hover/describe';
import type { AvroSettings } from '../settings';
import { defaultProposals } from './defaults';
import { escapeSnippet, makeItem, sortKey, TRIGGER_SUGGEST } from './items';
import { legalLogicalTypes, decimalPrecisionFor } from './logicalTypes';
import type { AvroCompletionItem } from './types';

interface KeySpec {
  key: string;
  required: boolean;
  /** The value skeleton (snippet). */
  value: string;
  /** Open the suggestions after insertion (the value has completions of its own). */
  suggest?: boolean;
  detail?: string;
  documentation?: string;
}

/** `textOf`: the text of a document by URI (record defaults copy the fields' own defaults from where the record is defined). */
export function keyItems(ctx: CursorContext, settings: AvroSettings, resolve: Resolver, textOf: (uri: string) => string): AvroCompletionItem[] {
  if (ctx.position.kind !== 'key') return [];
  const { owner, present, property } = ctx.position;
  const specs = owner.kind === 'schema' ? schemaKeys(owner, settings)
    : owner.kind === 'field' ? fieldKeys(owner, resolve)
    : recordDefaultKeys(owner, resolve, textOf(owner.record.uri));
  // Editing the key of a complete property: only the key is replaced.
  const keyOnly = property !== undefined && property.colonOffset >= 0;
  const items: AvroCompletionItem[] = [];
  for (let i = 0; i < specs.length; i++) {
    const spec = specs[i];
    if (present.has(spec.key)) continue;
    // The order of the specs: the usual order of attributes, or of the fields of a record default.
    const rank = i;
    items.push(makeItem(ctx, {
      label: spec.key,
      kind: CompletionItemKind.Property,
      text: keyOnly ? escapeSnippet(JSON.stringify(spec.key)) : `${escapeSnippet(JSON.stringify(spec.key))}: ${spec.value}`,
      detail: spec.detail ?? (spec.required ? 'required' : 'optional'),
      documentation: spec.documentation ?? attributeMarkdown(spec.key),
      sortText: sortKey(spec.required ? 0 : 1, rank),
      command: !keyOnly && spec.suggest ? TRIGGER_SUGGEST : undefined,
      noSeparators: keyOnly,
    }));
  }
  return items;
}

function schemaKeys(owner: SchemaOwner, settings: AvroSettings): KeySpec[] {
  const specs: KeySpec[] = [];
  const k = owner.objectKind;
  // "type": written directly when the other attributes tell the kind, else chosen from the list.
  const inferred = k === 'record' || k === 'enum' || k === 'fixed' || k === 'array' || k === 'map' ? k : undefined;
  specs.push(inferred ? { key: 'type', required: true, value: `"${inferred}"` } : { key: 'type', required: true, value: '"$1"', suggest: true });
  const named = k === 'record' || k === 'enum' || k === 'fixed' || k === 'unknown';
  if (named) {
    specs.push({ key: 'name', required: k !== 'unknown', value: '"$1"' });
    specs.push({ key: 'namespace', required: false, value: '"$1"', suggest: true });
    specs.push({ key: 'doc', required: false, value: '"$1"' });
    specs.push({ key: 'aliases', required: false, value: '["$1"]' });
  }
  switch (k) {
    case 'record':
      specs.push({ key: 'fields', required: true, value: '[\n\t$0\n]' });
      break;
    case 'enum': {
      specs.push({ key: 'symbols', required: true, value: '["$1"]' });
      const symbols = owner.schema?.kind === 'enum' ? owner.schema.symbols.map(s => s.name).filter(s => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) : [];
      if (symbols.length) {
        specs.push({ key: 'default', required: false, value: `"\${1|${symbols.join(',')}|}"`, detail: 'optional: the symbol for unknown symbols', documentation: attributeMarkdown('default') });
      }
      break;
    }
    case 'fixed':
      specs.push({ key: 'size', required: true, value: '${1:16}' });
      break;
    case 'array':
      specs.push({ key: 'items', required: true, value: '"$1"', suggest: true });
      break;
    case 'map':
      specs.push({ key: 'values', required: true, value: '"$1"', suggest: true });
      break;
  }
  if (k === 'primitive' || k === 'fixed') {
    if (legalLogicalTypes(owner, settings).length) specs.push({ key: 'logicalType', required: false, value: '"$1"', suggest: true });
    if (logicalTypeName(owner) === 'decimal') {
      specs.push({ key: 'precision', required: true, value: `\${1:${decimalPrecisionFor(owner)}}` });
      specs.push({ key: 'scale', required: false, value: '${1:2}' });
    }
  }
  return specs;
}

function logicalTypeName(owner: SchemaOwner): string | undefined {
  for (const p of owner.object.properties) if (p.key.value === 'logicalType' && p.value?.kind === 'string') return p.value.value;
  return undefined;
}

function fieldKeys(owner: FieldOwner, resolve: Resolver): KeySpec[] {
  const field = owner.field;
  const proposals = field?.type ? defaultProposals(field.type, resolve) : [];
  const defaultValue = proposals.length > 1 && proposals.every(p => p.json.startsWith('"'))
    ? `\${1|${proposals.map(p => escapeChoice(p.json)).join(',')}|}`
    : proposals.length ? `\${1:${escapeSnippet(proposals[0].json)}}` : '$1';
  return [
    { key: 'name', required: true, value: '"$1"' },
    { key: 'type', required: true, value: '"$1"', suggest: true },
    { key: 'default', required: false, value: defaultValue, detail: field?.type ? `optional: a ${readableType(field.type, owner.namespace)} value` : 'optional' },
    { key: 'doc', required: false, value: '"$1"' },
    { key: 'order', required: false, value: '"${1|ascending,descending,ignore|}"' },
    { key: 'aliases', required: false, value: '["$1"]' },
  ];
}

function escapeChoice(s: string): string {
  return s.replace(/[$}\\,|]/g, m => '\\' + m);
}

function recordDefaultKeys(owner: DefaultRecordOwner, resolve: Resolver, text: string): KeySpec[] {
  const specs: KeySpec[] = [];
  for (const f of owner.record.fields) {
    if (!f.name) continue;
    // The field's own default when it has one (written as it is), else a value of its type.
    const own = f.defaultProperty?.value;
    const json = own ? text.substr(own.offset, own.length) : defaultProposals(f.type, resolve)[0]?.json;
    specs.push({
      key: f.name,
      required: !f.defaultProperty,
      value: json !== undefined && !/[\r\n]/.test(json) ? `\${1:${escapeSnippet(json)}}` : '$1',
      detail: `${readableType(f.type, owner.record.namespace)}${f.defaultProperty ? ' (has a default)' : ''}`,
      documentation: f.doc,
    });
  }
  return specs;
}
