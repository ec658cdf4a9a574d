// Policy "placement": schema files live only under the folders the team allows (BUTTERFLY: "No service may define its own .avsc files").
import { Codes } from '../codes';
import type { AvroDocument } from '../model/types';
import { rootSpan } from './spans';
import { policyMessage, type PolicyFinding } from './report';
import type { PlacementPolicy } from './types';

export function placementFindings(doc: AvroDocument, policy: PlacementPolicy): PolicyFinding[] {
  if (policy.inside) return [];
  const at = rootSpan(doc);
  return [{
    code: Codes.PolicyPlacement,
    offset: at.offset,
    length: at.length,
    message: policyMessage(`Policy "placement": this schema file is outside the folders where the team keeps schemas (${policy.allowed.map(g => `"${g}"`).join(', ')}); move it there.`, policy.reason, policy.origin),
    data: { policy: { rule: 'placement', origin: policy.origin } },
  }];
}
