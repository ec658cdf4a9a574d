// Logical types: the right underlying type, decimal precision/scale and fixed capacity, version, unknown names.
//
// A logical type that does not fit is *ignored* by readers (Java's fromSchemaIgnoreInvalid, avsc,
// Python): the data is read as the plain underlying type and silently loses its meaning. Unknown
// names are legal (custom logical types), so they are only information, raised to a warning when
// the name is a near miss of a standard one ("timestamp-milis").
import { Codes } from '../../codes';
import type { JsonProperty, JsonValue } from '../../parser/json';
import type { AvroSchema, LogicalTypeAnnotation } from '../../model/types';
import { didYouMean, suggest } from '../../util/suggest';
import { shortText, spanOf, stringContent } from '../../util/spans';
import { LOGICAL_TYPE_NAMES, logicalTypeSpec, type LogicalTypeSpec } from '../../util/logicalTypeSpecs';
import type { RuleContext } from '../validate';

const INT_MAX = 2147483647;

/** `data` of AVRO-230: the logical type, the underlying types it needs and the one it has. */
export interface LogicalTypeWrongTypeData {
  logicalType: string;
  expected: string[];
  actual: string;
}

/** `data` of AVRO-233: the largest precision the fixed holds and the size the precision needs. */
export interface DecimalCapacityData {
  precision: number;
  size: number;
  maxPrecision: number;
  requiredSize: number;
}

/** `data` of AVRO-234: standard logical types the name is close to. */
export interface UnknownLogicalTypeData {
  logicalType: string;
  suggestions: string[];
}

/** `data` of AVRO-235: the version the logical type needs. */
export interface LogicalTypeVersionData {
  logicalType: string;
  since: '1.12';
}

export function checkLogicalTypes(ctx: RuleContext): void {
  for (const schema of ctx.doc.schemas) {
    if (schema.logicalType) checkLogicalType(ctx, schema, schema.logicalType);
  }
}

/** The underlying type as messages name it: "long", "fixed(12)", "record". */
function underlying(schema: AvroSchema): string {
  switch (schema.kind) {
    case 'primitive': return schema.type;
    case 'fixed': return schema.size !== undefined ? `fixed(${schema.size})` : 'fixed';
    case 'reference': return schema.name;
    default: return schema.kind;
  }
}

function fits(spec: LogicalTypeSpec, schema: AvroSchema): boolean {
  for (const e of spec.expected) {
    if (schema.kind === 'primitive' && schema.type === e) return true;
    if (schema.kind === 'fixed') {
      if (e === 'fixed') return true;
      if (e === `fixed(${schema.size})` || (schema.size === undefined && e.startsWith('fixed('))) return true;
    }
  }
  return false;
}

function checkLogicalType(ctx: RuleContext, schema: AvroSchema, lt: LogicalTypeAnnotation): void {
  const text = ctx.doc.text;
  const valueNode = lt.property.value!;
  const span = valueNode.kind === 'string' ? stringContent(valueNode, text) : spanOf(valueNode);
  const spec = logicalTypeSpec(lt.name);
  const actual = underlying(schema);
  if (!spec) {
    const suggestions = suggest(lt.name, LOGICAL_TYPE_NAMES, { maxDistance: Math.max(2, Math.floor(lt.name.length / 5)), withinBest: 0 }).map(s => s.value);
    const data: UnknownLogicalTypeData = { logicalType: lt.name, suggestions };
    ctx.report({
      code: Codes.UnknownLogicalType,
      ...span,
      severity: suggestions.length ? 'warning' : undefined,
      message: suggestions.length
        ? `Unknown logical type "${lt.name}": ${didYouMean(suggestions)} Readers ignore unknown logical types and read the plain "${actual}".`
        : `"${lt.name}" is not a standard Avro logical type: readers that have not registered a custom logical type of this name read the plain "${actual}". Fine if it is your own logical type.`,
      data,
    });
    return;
  }
  if (spec.since === '1.12' && ctx.settings.specVersion === '1.11') {
    const data: LogicalTypeVersionData = { logicalType: lt.name, since: '1.12' };
    const alternative = lt.name === 'timestamp-nanos' ? ' or use "timestamp-micros"' : lt.name === 'local-timestamp-nanos' ? ' or use "local-timestamp-micros"' : lt.name === 'big-decimal' ? ' or use "decimal" with a precision and scale' : '';
    ctx.report({
      code: Codes.LogicalTypeNeedsNewerSpec,
      ...span,
      message: `"${lt.name}" was added in Avro 1.12: readers on Avro 1.11 or older ignore it and read the plain "${actual}". Target Avro 1.12 (setting "specVersion")${alternative}.`,
      data,
    });
  }
  if (!fits(spec, schema)) {
    reportWrongType(ctx, span, lt.name, spec.expected, actual, schema);
  } else if (lt.name === 'uuid' && schema.kind === 'fixed' && ctx.settings.specVersion === '1.11') {
    const data: LogicalTypeVersionData = { logicalType: 'uuid', since: '1.12' };
    ctx.report({
      code: Codes.LogicalTypeNeedsNewerSpec,
      ...span,
      message: `"uuid" on a fixed(16) was added in Avro 1.12: readers on Avro 1.11 or older ignore it and read the plain fixed. Target Avro 1.12 (setting "specVersion") or use "uuid" on a "string".`,
      data,
    });
  }
  // Java checks the underlying type first: precision and scale matter only on bytes or fixed.
  if (lt.name === 'decimal' && fits(spec, schema)) checkDecimal(ctx, schema, lt);
}

function reportWrongType(ctx: RuleContext, span: { offset: number; length: number }, name: string, expected: readonly string[], actual: string, schema: AvroSchema): void {
  const data: LogicalTypeWrongTypeData = { logicalType: name, expected: [...expected], actual };
  const wanted = expected.map(e => `"${e}"`).join(' or ');
  const sized = schema.kind === 'fixed' && expected.some(e => e.startsWith('fixed(')) && !expected.includes('fixed');
  const fix = sized
    ? `Use a fixed of size ${expected.find(e => e.startsWith('fixed('))!.slice(6, -1)}`
    : schema.kind === 'primitive'
      ? `Change "type" to ${wanted}`
      : `Put "logicalType" on a ${wanted} schema instead`;
  ctx.report({
    code: Codes.LogicalTypeWrongType,
    ...span,
    message: `"${name}" applies to ${wanted}, not "${actual}": readers ignore the logical type here and read plain "${actual}" values, which silently lose their meaning. ${fix}, or remove "logicalType".`,
    data,
  });
}

/** Java's bound: a fixed of `size` bytes holds floor(log10(2^(8*size-1) - 1)) decimal digits. */
export function decimalMaxPrecision(size: number): number {
  return Math.floor(Math.log10(2) * (8 * size - 1));
}

function checkDecimal(ctx: RuleContext, schema: AvroSchema, lt: LogicalTypeAnnotation): void {
  const text = ctx.doc.text;
  const precisionNode = lt.precision?.value;
  let precision: number | undefined;
  if (!lt.precision) {
    const valueNode = lt.property.value!;
    ctx.report({
      code: Codes.DecimalPrecision,
      ...(valueNode.kind === 'string' ? stringContent(valueNode, text) : spanOf(valueNode)),
      message: `A decimal needs "precision" (the total number of digits, e.g. "precision": 10): without it Java, avsc and Python ignore the logical type and read plain "${underlying(schema)}".`,
      data: { attribute: 'precision' },
    });
  } else if (precisionNode) {
    precision = positiveInt(precisionNode);
    if (precision === undefined || precision === 0) {
      ctx.report({
        code: Codes.DecimalPrecision,
        ...spanOf(precisionNode),
        message: `The decimal precision must be an integer greater than 0 (the total number of digits), not ${shortText(precisionNode, text)}. Readers ignore the logical type otherwise.`,
        data: { attribute: 'precision' },
      });
      precision = undefined;
    }
  }
  const scaleProp: JsonProperty | undefined = lt.scale;
  const scaleNode = scaleProp?.value;
  if (scaleNode) {
    const scale = positiveInt(scaleNode);
    if (scale === undefined) {
      ctx.report({
        code: Codes.DecimalScale,
        ...spanOf(scaleNode),
        message: `The decimal scale must be an integer from 0 to the precision (the digits after the point), not ${shortText(scaleNode, text)}. Readers ignore the logical type otherwise.`,
        data: { attribute: 'scale' },
      });
    } else if (precision !== undefined && scale > precision) {
      ctx.report({
        code: Codes.DecimalScale,
        ...spanOf(scaleNode),
        message: `The decimal scale ${scale} is greater than the precision ${precision}: the scale counts digits after the point, so it is at most the precision. Readers ignore the logical type otherwise.`,
        data: { attribute: 'scale', precision },
      });
    }
  }
  if (precision !== undefined && schema.kind === 'fixed' && schema.size !== undefined) {
    const max = decimalMaxPrecision(schema.size);
    if (precision > max) {
      let required = schema.size + 1;
      while (decimalMaxPrecision(required) < precision) required++;
      const data: DecimalCapacityData = { precision, size: schema.size, maxPrecision: max, requiredSize: required };
      ctx.report({
        code: Codes.DecimalFixedCapacity,
        ...spanOf(precisionNode!),
        message: `A fixed of ${schema.size} byte${schema.size === 1 ? '' : 's'} holds at most ${Math.max(0, max)} decimal digit${max === 1 ? '' : 's'}, so precision ${precision} does not fit (Java ignores the logical type). Use "size": ${required} or a precision of at most ${Math.max(0, max)}.`,
        data,
      });
    }
  }
}

/** A JSON integer literal in [0, 2^31-1] (Java reads precision and scale as int), else undefined. */
function positiveInt(node: JsonValue): number | undefined {
  if (node.kind !== 'number' || !node.isIntegerLiteral || node.value < 0 || node.value > INT_MAX) return undefined;
  return node.value;
}
