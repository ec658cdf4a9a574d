// Attribute typos: a key that is a near miss of an attribute of that kind of object ("namspace", "defualt").
//
// Custom attributes are legal metadata, so only near misses are reported: a different case, or a
// small edit distance relative to the attribute's length, and never when the object also has the
// attribute itself (then the key is deliberate). Avro attributes that belong to another kind of
// object are AVRO-243, not typos.
import { Codes } from '../../codes';
import { ATTRIBUTES, foreignProperties, STRUCTURAL_ATTRIBUTES, type ObjectKind } from '../../util/attributes';
import { editDistance } from '../../util/suggest';
import { stringContent } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-242: the key as written and the attribute to rename it to. */
export interface AttributeTypoData {
  key: string;
  expected: string;
  kind: ObjectKind;
}

/** Attributes compared against, per kind: its own, plus `logicalType` everywhere (it is often misspelt on fields too). */
const CANDIDATES: Readonly<Record<ObjectKind, readonly string[]>> = {
  record: ATTRIBUTES.record,
  enum: ATTRIBUTES.enum,
  fixed: ATTRIBUTES.fixed,
  array: ATTRIBUTES.array,
  map: ATTRIBUTES.map,
  primitive: ATTRIBUTES.primitive,
  field: [...ATTRIBUTES.field, 'logicalType'],
};

/** Every attribute name the rules know: a key equal to one of them is never a typo. */
const KNOWN = new Set<string>([...STRUCTURAL_ATTRIBUTES, 'type', 'doc', 'default', 'logicalType', 'precision', 'scale']);

export function checkTypos(ctx: RuleContext): void {
  for (const { property, kind, owner } of foreignProperties(ctx.doc)) {
    const key = property.key.value;
    if (KNOWN.has(key)) continue;
    const expected = nearMiss(key, CANDIDATES[kind]);
    if (!expected) continue;
    // The attribute itself is present too: the near miss is deliberate metadata.
    const props = owner.properties;
    let present = false;
    for (let j = 0; j < props.length; j++) if (props[j].key.value === expected) present = true;
    if (present) continue;
    const data: AttributeTypoData = { key, expected, kind };
    ctx.report({
      code: Codes.AttributeTypo,
      ...stringContent(property.key, ctx.doc.text),
      message: `"${key}" is not an Avro attribute: did you mean "${expected}"? As written it is kept as custom metadata and has no effect.`,
      data,
    });
  }
}

/** The attribute `key` most likely misspells, or undefined when it is too far from all of them. */
export function nearMiss(key: string, candidates: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let d: number;
    if (cl === lower) {
      d = 0;
    } else {
      const budget = c.length <= 3 ? (lower.length === c.length + 1 && lower.startsWith(cl) ? 1 : 0) : c.length <= 6 ? 1 : 2;
      if (budget === 0) continue;
      d = editDistance(lower, cl, budget);
      if (d > budget) continue;
    }
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}
