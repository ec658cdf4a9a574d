// Policy "newFieldsOptional": a field added since the baseline is ["null", T] with a null default (old data reads as null; producers need not set it).
import { Codes } from '../codes';
import type { AvroDocument } from '../model/types';
import { diffFields, isOptionalField, pairNamedTypes } from './diff';
import { policyMessage, type PolicyFinding } from './report';
import type { NewFieldsOptionalPolicy } from './types';

export function newFieldsOptionalFindings(doc: AvroDocument, baseline: AvroDocument, policy: NewFieldsOptionalPolicy): PolicyFinding[] {
  if (!policy.enabled) return [];
  const out: PolicyFinding[] = [];
  for (const { before, after } of pairNamedTypes(baseline, doc)) {
    if (before.kind !== 'record' || after.kind !== 'record') continue;
    for (const f of diffFields(before, after).added) {
      if (isOptionalField(f) || !f.nameNode) continue;
      out.push({
        code: Codes.PolicyNewFieldNotOptional,
        offset: f.nameNode.offset,
        length: f.nameNode.length,
        message: policyMessage(`Policy "newFieldsOptional": the new field "${f.name}" of "${after.name}" is not optional; new fields are ["null", T] with "default": null.`, policy.reason, policy.origin),
        data: { policy: { rule: 'newFieldsOptional', origin: policy.origin, makeOptional: true } },
      });
    }
  }
  return out;
}
