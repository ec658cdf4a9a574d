// Policy "doc": every named type and every field carries a "doc" (a quick fix adds a stub).
import { Codes } from '../codes';
import type { AvroDocument } from '../model/types';
import { policyMessage, type PolicyFinding } from './report';
import type { DocPolicy } from './types';

export function docFindings(doc: AvroDocument, policy: DocPolicy): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  const empty = (d: string | undefined): boolean => d === undefined || d.trim() === '';
  if (policy.types) {
    for (const t of doc.namedTypes) {
      if (!t.nameNode || !empty(t.doc)) continue;
      out.push({
        code: Codes.PolicyTypeDoc,
        offset: t.nameNode.offset,
        length: t.nameNode.length,
        message: policyMessage(`Policy "doc.types": the ${t.kind} "${t.name}" has no "doc"; the team documents every type.`, policy.reason, policy.origin),
        data: { policy: { rule: 'doc.types', origin: policy.origin, docFor: t.node.offset } },
      });
    }
  }
  if (policy.fields) {
    for (const f of doc.fields) {
      if (!f.nameNode || !empty(f.doc)) continue;
      out.push({
        code: Codes.PolicyFieldDoc,
        offset: f.nameNode.offset,
        length: f.nameNode.length,
        message: policyMessage(`Policy "doc.fields": the field "${f.name}" of "${f.record.name}" has no "doc"; the team documents every field.`, policy.reason, policy.origin),
        data: { policy: { rule: 'doc.fields', origin: policy.origin, docFor: f.node.offset } },
      });
    }
  }
  return out;
}
