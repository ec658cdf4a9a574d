// The logical types legal on a schema object (by its underlying type and the targeted Avro version), and decimal parameters that fit.
import type { SchemaOwner } from '../cursorContext';
import { getProperty } from '../parser/json';
import type { AvroSettings } from '../settings';
import { LOGICAL_TYPE_NAMES, logicalTypeSpec } from '../util/logicalTypeSpecs';

/** The underlying type of a schema object: a primitive name, or "fixed" with its size. */
export interface Underlying {
  type: string;
  size?: number;
}

export function underlyingOf(owner: SchemaOwner): Underlying | undefined {
  const s = owner.schema;
  if (s && s.kind === 'primitive') return { type: s.type };
  if (s && s.kind === 'fixed') return { type: 'fixed', size: s.size };
  const typeValue = getProperty(owner.object, 'type')?.value;
  if (!typeValue || typeValue.kind !== 'string') return undefined;
  if (typeValue.value === 'fixed') {
    const size = getProperty(owner.object, 'size')?.value;
    return { type: 'fixed', size: size && size.kind === 'number' && size.isIntegerLiteral ? size.value : undefined };
  }
  return owner.objectKind === 'primitive' ? { type: typeValue.value } : undefined;
}

/** Whether a logical type may annotate `u` without a diagnostic under these settings. */
export function isLegalLogicalType(name: string, u: Underlying, settings: AvroSettings): boolean {
  const spec = logicalTypeSpec(name);
  if (!spec) return false;
  if (spec.since === '1.12' && settings.specVersion === '1.11') return false;
  for (const e of spec.expected) {
    if (u.type !== 'fixed') {
      if (e === u.type) return true;
      continue;
    }
    if (e === 'fixed') return true;
    const m = /^fixed\((\d+)\)$/.exec(e);
    if (m && (u.size === undefined || u.size === Number(m[1]))) {
      // uuid on a fixed(16) arrived with Avro 1.12.
      if (name === 'uuid' && settings.specVersion === '1.11') continue;
      return true;
    }
  }
  return false;
}

export function legalLogicalTypes(owner: SchemaOwner, settings: AvroSettings): string[] {
  const u = underlyingOf(owner);
  if (!u) return [];
  return LOGICAL_TYPE_NAMES.filter(n => isLegalLogicalType(n, u, settings));
}

/** Java's bound: a fixed of `size` bytes holds floor(log10(2^(8*size-1) - 1)) decimal digits. */
export function maxDecimalPrecision(size: number): number {
  return Math.floor(Math.log10(2) * (8 * size - 1));
}

/** A precision to propose: 10, or less when the fixed cannot hold 10 digits. */
export function decimalPrecisionFor(owner: SchemaOwner): number {
  const u = underlyingOf(owner);
  if (u && u.type === 'fixed' && u.size !== undefined) return Math.max(1, Math.min(10, maxDecimalPrecision(u.size)));
  return 10;
}
