// Misplaced attributes: `logicalType` on a field, `default` inside a type, Avro attributes on the wrong kind of object.
//
// All three are silently ignored by every implementation (Java keeps them as custom properties and
// at most logs "Ignored the ...logicalType property"), so the schema does not mean what it says.
// Unknown attributes stay legal metadata: only Avro's own attribute names are considered here.
import { Codes } from '../../codes';
import { getProperty, type JsonObject, type JsonProperty } from '../../parser/json';
import type { AvroSchema, Field } from '../../model/types';
import { STRUCTURAL_ATTRIBUTES, foreignProperties, type ObjectKind } from '../../util/attributes';
import { rawText, spanOf, stringContent } from '../../util/spans';
import type { RuleContext } from '../validate';

type Span = { offset: number; length: number };

/** `data` of AVRO-240: what to move into the field's type and where the type is. */
export interface MisplacedLogicalTypeData {
  logicalType: string;
  /** The `"logicalType": ...` property of the field, and `precision`/`scale` that go with it. */
  properties: Span[];
  /** The field's `type` value, which the fix turns into (or extends as) a type object. */
  type: Span;
  /** When the type is a union: the index of the branch the logical type belongs to. */
  branchIndex?: number;
}

/** `data` of AVRO-241: the `default` property inside the type, and the field to move it to. */
export interface MisplacedDefaultData {
  property: Span;
  /** The field whose type holds the default, when there is one. */
  field?: Span;
  /** True when the field already has its own `default` (then the fix only removes this one). */
  fieldHasDefault: boolean;
}

/** `data` of AVRO-243: the attribute and the kind of object it is on. */
export interface MisplacedAttributeData {
  attribute: string;
  kind: ObjectKind;
}

export function checkMisplaced(ctx: RuleContext): void {
  let defaultsInTypes: Map<JsonObject, JsonProperty> | undefined;
  for (const { property, kind, owner, field } of foreignProperties(ctx.doc)) {
    const key = property.key.value;
    if (kind === 'field') {
      if (key === 'logicalType') checkFieldLogicalType(ctx, field!, property);
      else if (STRUCTURAL_ATTRIBUTES.has(key)) reportAttribute(ctx, property, kind);
    } else if (key === 'default') {
      (defaultsInTypes ??= new Map()).set(owner, property);
    } else if (STRUCTURAL_ATTRIBUTES.has(key)) {
      reportAttribute(ctx, property, kind);
    }
  }
  if (defaultsInTypes) reportDefaultsInTypes(ctx, defaultsInTypes);
}

function reportAttribute(ctx: RuleContext, prop: JsonProperty, kind: ObjectKind): void {
  const key = prop.key.value;
  const data: MisplacedAttributeData = { attribute: key, kind };
  const what = kind === 'field' ? 'a field' : kind === 'primitive' ? 'a primitive type' : `${kind === 'array' || kind === 'enum' ? 'an' : 'a'} ${kind}`;
  let why: string;
  switch (key) {
    case 'symbols':
    case 'fields':
    case 'size':
    case 'items':
    case 'values': {
      const owner = key === 'symbols' ? 'enum' : key === 'fields' ? 'record' : key === 'size' ? 'fixed' : key === 'items' ? 'array' : 'map';
      why = kind === 'field'
        ? `"${key}" belongs to ${owner === 'array' || owner === 'enum' ? 'an' : 'a'} ${owner} type, not to the field: write the type as an object, "type": {"type": "${owner}", ..., "${key}": ...}.`
        : `"${key}" belongs to ${owner === 'array' || owner === 'enum' ? 'an' : 'a'} ${owner}; on ${what} it is ignored. Remove it, or change "type" to "${owner}" if that was meant.`;
      break;
    }
    case 'name':
    case 'namespace':
    case 'aliases':
      why = kind === 'field'
        ? `fields have no namespace: a field's name is a plain name. Remove "namespace".`
        : `only records, enums and fixed types are named; ${what} has no ${key}, so it is ignored. Remove it, or name the type by wrapping it in a record.`;
      break;
    case 'order':
      why = `"order" belongs to a record field, not to the type: move it next to the field's "name".`;
      break;
    default:
      why = `it is ignored on ${what}.`;
  }
  ctx.report({
    code: Codes.MisplacedAttribute,
    ...stringContent(prop.key, ctx.doc.text),
    message: `"${key}" has no meaning on ${what}: ${why}`,
    tags: ['unnecessary'],
    data,
  });
}

function checkFieldLogicalType(ctx: RuleContext, field: Field, prop: JsonProperty): void {
  const type = field.type;
  const typeNode = field.typeProperty?.value;
  // "logicalType": null on a field says "none": nothing is lost.
  if (!type || !typeNode || !prop.value || prop.value.kind === 'null') return;
  // Java warns only when the type has no logical type of its own; then the field's is metadata.
  if (type.logicalType) return;
  const text = ctx.doc.text;
  const logicalType = prop.value.kind === 'string' ? prop.value.value : rawText(prop.value, text);
  const properties: Span[] = [spanOf(prop)];
  for (const extra of ['precision', 'scale']) {
    const p = getProperty(field.node, extra);
    if (p) properties.push(spanOf(p));
  }
  let target: AvroSchema = type;
  let branchIndex: number | undefined;
  if (type.kind === 'union') {
    const i = type.branches.findIndex(b => !(b.kind === 'primitive' && b.type === 'null'));
    if (i >= 0) {
      target = type.branches[i];
      branchIndex = i;
    }
  }
  const targetText = target.kind === 'primitive' ? target.type : target.kind === 'reference' ? target.name : undefined;
  const example = targetText && target.node.kind === 'string'
    ? ` e.g. {"type": "${targetText}", "logicalType": "${logicalType}"${properties.length > 1 ? ', ...' : ''}}`
    : '';
  const data: MisplacedLogicalTypeData = { logicalType, properties, type: spanOf(typeNode), branchIndex };
  const name = field.name ? `"${field.name}"` : 'this field';
  ctx.report({
    code: Codes.MisplacedLogicalType,
    ...spanOf(prop),
    message: `"logicalType" on the field ${name} is ignored (Java logs "Ignored the ...logicalType property"): the values are read as plain ${targetText ? `"${targetText}"` : 'values'}. Move it into the ${branchIndex !== undefined ? `"${targetText ?? 'non-null'}" branch of the union` : 'type'},${example || ' inside the type object'}.`,
    data,
  });
}

function reportDefaultsInTypes(ctx: RuleContext, found: Map<JsonObject, JsonProperty>): void {
  // The field whose type (or a branch of whose union type) is the object holding the default.
  const owner = new Map<JsonObject, Field>();
  for (const field of ctx.doc.fields) {
    const type = field.type;
    if (!type) continue;
    if (type.node.kind === 'object' && found.has(type.node)) owner.set(type.node, field);
    else if (type.kind === 'union') for (const b of type.branches) if (b.node.kind === 'object' && found.has(b.node)) owner.set(b.node, field);
  }
  for (const [node, prop] of found) {
    const field = owner.get(node);
    const fieldHasDefault = !!field?.defaultProperty;
    const data: MisplacedDefaultData = { property: spanOf(prop), field: field ? spanOf(field.node) : undefined, fieldHasDefault };
    const name = field?.name ? `"${field.name}"` : 'the field';
    ctx.report({
      code: Codes.MisplacedDefault,
      ...spanOf(prop),
      message: !field
        ? '"default" inside a type is ignored: defaults are given on record fields, next to "name" and "type". Remove it.'
        : fieldHasDefault
          ? `"default" inside the type of ${name} is ignored; the field's own "default" is the one used. Remove this one.`
          : `"default" inside the type of ${name} is ignored, so the field has no default. Move it to the field, next to "name" and "type".`,
      tags: fieldHasDefault ? ['unnecessary'] : undefined,
      data,
    });
  }
}
