// The policy rules that need no baseline (version field, placement, naming, doc), as one validation rule: they run while typing and in `lint`/`check`.
import type { AvroDocument } from '../model/types';
import type { RuleContext } from '../validation/validate';
import { docFindings } from './docs';
import { namingFindings } from './naming';
import { placementFindings } from './placement';
import { asRuleReport, type PolicyFinding } from './report';
import type { PolicySettings } from './types';
import { versionFieldFindings } from './versionField';

/** Every baseline-free policy finding of a document (the document must hold a schema). */
export function policyFindings(doc: AvroDocument, policy: PolicySettings): PolicyFinding[] {
  if (!doc.root || doc.root.kind === 'invalid' || doc.envelope) return [];
  return [
    ...(policy.placement ? placementFindings(doc, policy.placement) : []),
    ...(policy.versionField ? versionFieldFindings(doc, policy.versionField) : []),
    ...(policy.naming ? namingFindings(doc, policy.naming) : []),
    ...(policy.doc ? docFindings(doc, policy.doc) : []),
  ];
}

export function checkPolicy(ctx: RuleContext): void {
  const policy = ctx.settings.policy;
  if (!policy) return;
  for (const f of policyFindings(ctx.doc, policy)) ctx.report(asRuleReport(f));
}
