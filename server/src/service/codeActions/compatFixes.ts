// Quick fixes for compatibility findings (AVRO-400..405): add a default, make optional, restore symbols or a field, add aliases, add a union branch.
//
// Keyed on the diagnostic code and its `data` (CompatDiagnosticData), never on the message. The
// nodes to edit are found again by name (record and enum fullnames, field names) in the current
// text, so a diagnostic computed a few keystrokes ago still yields a correct edit; a fix whose
// target is gone (or already fixed) is simply not offered. Every edit keeps the layout around it.
import { Codes } from '../codes';
import { isCompatDiagnosticData, type CompatDiagnosticData } from '../compatibility/diagnostics';
import type {
  MissingEnumSymbolsData,
  MissingUnionBranchData,
  NameMismatchData,
  ReaderFieldMissingDefaultData,
} from '../compatibility/types';
import { resolverFor } from '../model/schemaIndex';
import type { AvroDocument, EnumSchema, Field, NamedSchema, RecordSchema, UnionSchema } from '../model/types';
import type { JsonArray, JsonObject } from '../parser/json';
import { defaultValueFor, nullBranchIndex } from '../compatibility/defaults';
import {
  addProperty,
  appendToArray,
  indentOfLine,
  insertPropertyAfter,
  propertyOf,
  propertyText,
  reorderedArrayText,
  startsLine,
  textOf,
} from './compatEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider, TextEdit } from './types';

/** At most this many "Add alias" actions (one per writer field that could be the old name). */
const MAX_ALIAS_ACTIONS = 3;
const MAX_TITLE_VALUE = 40;

interface FixContext {
  request: CodeActionRequest;
  data: CompatDiagnosticData;
  /** The document the fix edits (the edited one, or the workspace file defining the named type). */
  doc: AvroDocument;
  eol: string;
}

export const compatibilityFixes: QuickFixProvider = {
  codes: [
    Codes.CompatReaderFieldMissingDefault,
    Codes.CompatTypeMismatch,
    Codes.CompatNameMismatch,
    Codes.CompatMissingEnumSymbols,
    Codes.CompatMissingUnionBranch,
  ],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isCompatDiagnosticData(data)) return [];
    const doc = data.candidateUri === request.doc.uri ? request.doc : request.index.get(data.candidateUri);
    if (!doc) return [];
    const ctx: FixContext = { request, data, doc, eol: request.formatting.eol };
    const fix = data.fix;
    switch (fix.kind) {
      case 'missing-default':
        return data.candidateRole === 'reader' ? fieldDefaultFixes(ctx, fix) : restoreFieldFix(ctx, fix);
      case 'missing-symbols':
        return data.candidateRole === 'reader' ? enumFixes(ctx, fix) : [];
      case 'name-mismatch':
        return data.candidateRole === 'reader' ? typeAliasFix(ctx, fix) : [];
      case 'missing-branch':
        return data.candidateRole === 'reader' ? unionBranchFix(ctx, fix) : [];
      default:
        return [];
    }
  },
};

function action(ctx: FixContext, title: string, edits: TextEdit[], isPreferred = false): AvroCodeAction {
  const a: AvroCodeAction = { title, kind: 'quickfix', edits: [{ uri: ctx.doc.uri, edits }] };
  if (isPreferred) a.isPreferred = true;
  return a;
}

function short(value: string): string {
  return value.length > MAX_TITLE_VALUE ? `${value.slice(0, MAX_TITLE_VALUE - 1)}…` : value;
}

function named<K extends NamedSchema['kind']>(doc: AvroDocument, fullname: string, kind: K): Extract<NamedSchema, { kind: K }> | undefined {
  const s = doc.definitions.get(fullname);
  return s && s.kind === kind ? (s as Extract<NamedSchema, { kind: K }>) : undefined;
}

function textOfDocument(ctx: FixContext, uri: string): string | undefined {
  if (uri === ctx.doc.uri) return ctx.doc.text;
  if (uri === ctx.request.doc.uri) return ctx.request.doc.text;
  return ctx.request.index.textOf(uri);
}

// ---------------------------------------------------------------------------------------------
// A reader field without a default (BACKWARD: a field added to the edited schema).
// ---------------------------------------------------------------------------------------------

function fieldDefaultFixes(ctx: FixContext, fix: ReaderFieldMissingDefaultData): AvroCodeAction[] {
  const record = named(ctx.doc, fix.recordFullname, 'record');
  const field = record?.fields.find(f => f.name === fix.fieldName);
  const typeProperty = field?.typeProperty;
  const typeValue = typeProperty?.value;
  if (!field || !field.type || !typeProperty || !typeValue || field.defaultProperty) return [];
  const text = ctx.doc.text;
  const resolve = resolverFor(ctx.request.index, ctx.doc);
  const actions: AvroCodeAction[] = [];
  const name = field.name;

  // Add default: null for a union with null (moved first when it is not), else a value of the type.
  const union = field.type.kind === 'union' && typeValue.kind === 'array' && field.type.branches.length === typeValue.items.length ? field.type : undefined;
  const nullAt = union ? nullBranchIndex(union.branches) : -1;
  if (union && nullAt > 0) {
    const order = [nullAt, ...union.branches.map((_, i) => i).filter(i => i !== nullAt)];
    const reordered = reorderedArrayText(text, typeValue as JsonArray, order);
    actions.push(action(ctx, `Add default null to "${name}" (moves "null" first in the union)`, [
      { offset: typeValue.offset, length: typeValue.length, newText: reordered + propertyText(text, typeProperty, 'default', 'null', ctx.eol) },
    ], true));
  } else {
    const value = union && nullAt === 0 ? 'null' : defaultValueFor(field.type, { resolve, textOf: uri => textOfDocument(ctx, uri) });
    if (value !== undefined) {
      actions.push(action(ctx, `Add default ${short(value)} to "${name}"`, [insertPropertyAfter(text, typeProperty, 'default', value, ctx.eol)], true));
    }
  }

  // Make optional: ["null", T] with default null (a union without null gets "null" as its first branch).
  if (nullAt < 0) {
    const defaultText = propertyText(text, typeProperty, 'default', 'null', ctx.eol);
    if (union && typeValue.kind === 'array') {
      const first = typeValue.items[0];
      const edits: TextEdit[] = first
        ? [
            { offset: first.offset, length: 0, newText: startsLine(text, first.offset) ? `"null",${ctx.eol}${indentOfLine(text, first.offset)}` : '"null", ' },
            { offset: typeValue.offset + typeValue.length, length: 0, newText: defaultText },
          ]
        : [{ offset: typeValue.offset, length: typeValue.length, newText: '["null"]' + defaultText }];
      actions.push(action(ctx, `Make "${name}" optional (add "null" first in the union, default null)`, edits));
    } else {
      const typeText = textOf(text, typeValue);
      const shown = typeText.length <= 30 && !/[\r\n]/.test(typeText) ? typeText : '…';
      actions.push(action(ctx, `Make "${name}" optional (["null", ${shown}] with default null)`, [
        { offset: typeValue.offset, length: typeValue.length, newText: `["null", ${typeText}]${defaultText}` },
      ]));
    }
  }

  // Add an alias for the old name: writer fields no reader field reads may be this field before a rename.
  let aliases = 0;
  for (const old of fix.unreadWriterFields ?? []) {
    if (aliases >= MAX_ALIAS_ACTIONS) break;
    if (old === name || field.aliases.some(a => a.name === old) || record!.fields.some(f => f.name === old)) continue;
    const edit = aliasEdit(text, field.node, old, ctx.eol);
    if (!edit) continue;
    actions.push(action(ctx, `Add alias "${old}" to "${name}" (the field was renamed from "${old}")`, [edit]));
    aliases++;
  }
  return actions;
}

/** Add `alias` to an object's "aliases" array, or an "aliases" property after its "name". */
function aliasEdit(text: string, node: JsonObject, alias: string, eol: string): TextEdit | undefined {
  const existing = propertyOf(node, 'aliases');
  if (existing) {
    return existing.value?.kind === 'array' ? appendToArray(text, existing.value, [JSON.stringify(alias)], eol) : undefined;
  }
  return addProperty(text, node, 'aliases', `[${JSON.stringify(alias)}]`, eol, propertyOf(node, 'name'));
}

// ---------------------------------------------------------------------------------------------
// A field removed from the edited schema that old readers need (FORWARD): put it back.
// ---------------------------------------------------------------------------------------------

function restoreFieldFix(ctx: FixContext, fix: ReaderFieldMissingDefaultData): AvroCodeAction[] {
  const record = named(ctx.doc, fix.writerRecordFullname, 'record');
  if (!record || !record.fieldsNode || !fix.restoreText || record.fields.some(f => f.name === fix.fieldName)) return [];
  const text = ctx.doc.text;
  const edit = restoreEdit(text, record, fix.restoreOffset, fix.restoreText, ctx.eol);
  if (!edit) return [];
  const since = ctx.data.versions[0];
  return [action(ctx, `Restore field "${fix.fieldName}" (removed since ${since})`, [edit], true)];
}

/** The restore offset must still be where the engine saw it: just after "[" or after a field of the record. */
function restoreEdit(text: string, record: RecordSchema, offset: number, fieldText: string, eol: string): TextEdit | undefined {
  const fieldsNode = record.fieldsNode!;
  if (offset === fieldsNode.offset + 1) {
    const first = fieldsNode.items[0];
    if (!first) return { offset, length: 0, newText: fieldText };
    const newText = startsLine(text, first.offset) ? `${eol}${indentOfLine(text, first.offset)}${fieldText},` : `${fieldText}, `;
    return { offset, length: 0, newText };
  }
  const previous = record.fields.find((f: Field) => f.node.offset + f.node.length === offset);
  if (!previous) return undefined;
  const sep = startsLine(text, previous.node.offset) ? `,${eol}${indentOfLine(text, previous.node.offset)}` : ', ';
  return { offset, length: 0, newText: sep + fieldText };
}

// ---------------------------------------------------------------------------------------------
// Enum symbols old data may hold that the edited enum lacks (BACKWARD: symbols removed).
// ---------------------------------------------------------------------------------------------

/** Symbols teams conventionally keep for "anything else": preferred as the enum's default. */
const CATCH_ALL = /^(unknown|unspecified|undefined|other|none|default)$/i;

function enumFixes(ctx: FixContext, fix: MissingEnumSymbolsData): AvroCodeAction[] {
  const en = named(ctx.doc, fix.enumFullname, 'enum');
  if (!en) return [];
  const text = ctx.doc.text;
  const actions: AvroCodeAction[] = [];
  const present = new Set(en.symbols.map(s => s.name));
  const missing = fix.missingSymbols.filter(s => !present.has(s));
  if (missing.length && en.symbolsNode) {
    const edit = appendToArray(text, en.symbolsNode, missing.map(s => JSON.stringify(s)), ctx.eol);
    const list = missing.slice(0, 4).map(s => `"${s}"`).join(', ') + (missing.length > 4 ? `, … (${missing.length - 4} more)` : '');
    if (edit) actions.push(action(ctx, `Restore ${missing.length === 1 ? 'symbol' : 'symbols'} ${list} in enum "${en.name}"`, [edit], true));
  }
  const choice = enumDefaultChoice(en);
  if (choice !== undefined && !en.defaultProperty) {
    const edit = addProperty(text, en.node, 'default', JSON.stringify(choice), ctx.eol, propertyOf(en.node, 'symbols'));
    if (edit) actions.push(action(ctx, `Add default "${choice}" to enum "${en.name}" (unknown symbols read as it)`, [edit]));
  }
  return actions;
}

function enumDefaultChoice(en: EnumSchema): string | undefined {
  return en.symbols.find(s => CATCH_ALL.test(s.name))?.name ?? en.symbols[0]?.name;
}

// ---------------------------------------------------------------------------------------------
// A named type renamed in the edited schema (BACKWARD): an alias for the old name.
// ---------------------------------------------------------------------------------------------

function typeAliasFix(ctx: FixContext, fix: NameMismatchData): AvroCodeAction[] {
  const alias = fix.suggestedAlias;
  const type = ctx.doc.definitions.get(fix.readerFullname);
  if (!alias || !type || type.kind !== fix.namedKind || type.aliases.some(a => a.name === alias || a.fullname === alias)) return [];
  const edit = aliasEdit(ctx.doc.text, type.node, alias, ctx.eol);
  if (!edit) return [];
  return [action(ctx, `Add alias "${alias}" to ${type.kind} "${type.name}" (the type was renamed from "${fix.writerFullname}")`, [edit], true)];
}

// ---------------------------------------------------------------------------------------------
// A union that lost the branch old data was written with (BACKWARD): add it back.
// ---------------------------------------------------------------------------------------------

function unionBranchFix(ctx: FixContext, fix: MissingUnionBranchData): AvroCodeAction[] {
  if (fix.closestBranch?.sameType || fix.unionInsertOffset === undefined) return [];
  const union = ctx.doc.schemas.find((s): s is UnionSchema => s.kind === 'union' && s.node.closed && s.node.offset + s.node.length - 1 === fix.unionInsertOffset);
  if (!union) return [];
  const edit = appendToArray(ctx.doc.text, union.node, [fix.branchText], ctx.eol);
  if (!edit) return [];
  // A definition (the reader does not know the type): named by its kind, not by its whole text.
  const what = fix.branchText.trimStart().startsWith('{') ? `the ${fix.writerType} of ${ctx.data.versions[0]}` : short(fix.branchText);
  return [action(ctx, `Add ${what} to the union`, [edit], true)];
}
