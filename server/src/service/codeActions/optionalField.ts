// "Make field optional" (any field that cannot hold null) and "Add "default": null" (a nullable field without default): assists at the cursor, and the fix for a null default on a non-nullable field (AVRO-220).
//
// A field ["null", T] without a default is legal Avro, but adding it to a schema breaks BACKWARD
// compatibility (new readers have no value for old data) and removing it breaks FORWARD: the
// default is what makes it optional in practice. A field that already has a non-null default
// keeps it: the union then starts with T, since a union default must match the first branch.
import { Codes } from '../codes';
import type { Field, UnionSchema } from '../model/types';
import { isInvalidDefaultData } from './defaultTarget';
import { appendArrayItem, fieldAt, insertPropertyAfter, prependArrayItem, textOf } from './jsonEdits';
import { moveBranchFirst } from './unionDefault';
import type { AssistProvider, AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider, TextEdit } from './types';

function nullIndex(union: UnionSchema): number {
  return union.branches.findIndex(b => b.kind === 'primitive' && b.type === 'null');
}

function isNullable(field: Field): boolean {
  const t = field.type;
  if (!t) return false;
  if (t.kind === 'primitive') return t.type === 'null';
  return t.kind === 'union' && nullIndex(t) >= 0;
}

function label(field: Field): string {
  return field.name ? `"${field.name}"` : 'the field';
}

/** The edits that make a field nullable; undefined when it already is or has no type. */
function makeOptionalEdits(request: CodeActionRequest, field: Field): TextEdit[] | undefined {
  const typeValue = field.typeProperty?.value;
  const type = field.type;
  if (!typeValue || !type || !field.typeProperty || isNullable(field) || type.kind === 'invalid') return undefined;
  const text = request.doc.text;
  const value = field.defaultProperty?.value;
  // A default other than null stays, so "null" goes last; otherwise first, with "default": null.
  const nullLast = value !== undefined && value.kind !== 'null';
  const edits: TextEdit[] = [];
  if (type.kind === 'union') {
    if (typeValue.kind !== 'array') return undefined;
    edits.push(nullLast || typeValue.items.length === 0 ? appendArrayItem(text, typeValue, '"null"', request) : prependArrayItem(text, typeValue, '"null"', request));
  } else {
    const written = textOf(text, typeValue);
    edits.push({ offset: typeValue.offset, length: typeValue.length, newText: nullLast ? `[${written}, "null"]` : `["null", ${written}]` });
  }
  if (!field.defaultProperty) edits.push(insertPropertyAfter(text, field.node, field.typeProperty, '"default": null', request));
  return edits;
}

export const optionalFieldAssist: AssistProvider = {
  provide(request: CodeActionRequest): AvroCodeAction[] {
    const field = fieldAt(request.doc, request.offset, request.length);
    // "default": null on a field that cannot be null is AVRO-220, whose quick fix is the same edit.
    if (!field || !field.typeProperty || field.defaultProperty?.value?.kind === 'null') return [];
    const uri = request.doc.uri;
    const type = field.type;
    if (type?.kind === 'union' && !field.defaultProperty) {
      const i = nullIndex(type);
      if (i < 0) return optional(request, field);
      const edits: TextEdit[] = [];
      if (i > 0) {
        const move = moveBranchFirst(request.doc.text, type, i);
        if (!move) return [];
        edits.push(move);
      }
      edits.push(insertPropertyAfter(request.doc.text, field.node, field.typeProperty, '"default": null', request));
      return [{
        title: i > 0 ? `Add "default": null to ${label(field)} (moves "null" first in the union)` : `Add "default": null to ${label(field)}`,
        kind: 'quickfix',
        edits: [{ uri, edits }],
      }];
    }
    return optional(request, field);
  },
};

function optional(request: CodeActionRequest, field: Field): AvroCodeAction[] {
  const edits = makeOptionalEdits(request, field);
  if (!edits) return [];
  return [{ title: `Make ${label(field)} optional (nullable${field.defaultProperty ? '' : ', default null'})`, kind: 'refactor.rewrite', edits: [{ uri: request.doc.uri, edits }] }];
}

/** AVRO-220 on a `"default": null` of a field that cannot hold null: make it nullable. */
export const nullDefaultFix: QuickFixProvider = {
  codes: [Codes.InvalidDefault],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isInvalidDefaultData(data) || data.pointer !== '') return [];
    const field = request.doc.fields.find(f => f.defaultProperty?.value?.offset === diagnostic.offset && f.defaultProperty.value.length === diagnostic.length);
    if (!field || field.defaultProperty?.value?.kind !== 'null' || field.name !== data.field) return [];
    const edits = makeOptionalEdits(request, field);
    if (!edits) return [];
    return [{ title: `Make ${label(field)} optional (nullable)`, kind: 'quickfix', isPreferred: true, edits: [{ uri: request.doc.uri, edits }] }];
  },
};
