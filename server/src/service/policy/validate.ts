// The policy rules that need no baseline (version field, placement, naming, doc), as one validation rule: they run while typing and in `lint`/`check`.
import { Codes, type DiagnosticCode } from '../codes';
import type { AvroDocument } from '../model/types';
import type { AvroSettings } from '../settings';
import type { RuleContext } from '../validation/validate';
import { docFindings } from './docs';
import { namingFindings } from './naming';
import { placementFindings } from './placement';
import { asRuleReport, type PolicyFinding } from './report';
import type { PolicySettings } from './types';
import { versionFieldFindings } from './versionField';

/** Whether any of `codes` is not turned off: a rule whose codes are all "off" does not run. */
export function anyOn(severity: AvroSettings['severity'] | undefined, ...codes: DiagnosticCode[]): boolean {
  return !severity || codes.some(c => severity[c] !== 'off');
}

/** Every baseline-free policy finding of a document (the document must hold a schema); rules whose codes are all off are skipped. */
export function policyFindings(doc: AvroDocument, policy: PolicySettings, severity?: AvroSettings['severity']): PolicyFinding[] {
  if (!doc.root || doc.root.kind === 'invalid' || doc.envelope) return [];
  return [
    ...(policy.placement && anyOn(severity, Codes.PolicyPlacement) ? placementFindings(doc, policy.placement) : []),
    ...(policy.versionField && anyOn(severity, Codes.PolicyVersionMissing, Codes.PolicyVersionKind) ? versionFieldFindings(doc, policy.versionField) : []),
    ...(policy.naming && anyOn(severity, Codes.PolicyRecordName, Codes.PolicyFieldName, Codes.PolicyEnumSymbolName, Codes.PolicyNamespace) ? namingFindings(doc, policy.naming) : []),
    ...(policy.doc && anyOn(severity, Codes.PolicyTypeDoc, Codes.PolicyFieldDoc) ? docFindings(doc, policy.doc) : []),
  ];
}

export function checkPolicy(ctx: RuleContext): void {
  const policy = ctx.settings.policy;
  if (!policy) return;
  for (const f of policyFindings(ctx.doc, policy, ctx.settings.severity)) ctx.report(asRuleReport(f));
}
