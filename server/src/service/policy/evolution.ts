// The policy rules that compare a schema with its baseline version (frozen, breaking, new fields optional, version bump): run where compatibility runs, in the project layer's check of a file.
import type { AvroDocument } from '../model/types';
import type { AvroSettings } from '../settings';
import type { AvroDiagnostic } from '../validation/diagnostic';
import type { RuleFailure } from '../validation/validate';
import { breakingChanges, breakingFindings } from './breaking';
import { plainOf, sameJson } from './diff';
import { frozenEntryFor, frozenFindings } from './frozen';
import { newFieldsOptionalFindings } from './newFieldsOptional';
import { asDiagnostics, type PolicyFinding } from './report';
import { BREAKING_RULES } from './types';
import { versionBumpFindings, type ChangeKind } from './versionField';
import { anyOn } from './validate';
import { Codes } from '../codes';
import { BREAKING_CODES } from './breaking';

export interface PolicyEvolutionInput {
  doc: AvroDocument;
  /** The baseline's newest valid version of the file. */
  baseline: AvroDocument;
  /** The file's settings: their `policy` and the rule severities. */
  settings: AvroSettings;
  /** Whether the Avro level check passed (a change it rejects is MAJOR). */
  avroCompatible: boolean;
  /** Where the Avro level check found breaking changes (messages say whether Avro still reads a change). */
  avroSpans: ReadonlyArray<{ offset: number; length: number }>;
}

/** What kind of change the document is against the baseline, and why (for the version bump). */
export function changeKind(input: PolicyEvolutionInput, breakingRulesFired: boolean): { kind: ChangeKind; why: string } {
  const versionField = input.settings.policy?.versionField?.name;
  const before = plainOf(input.baseline), after = plainOf(input.doc);
  if (sameJson(before, after, { doc: false, versionField })) return { kind: 'none', why: 'unchanged' };
  if (sameJson(before, after, { doc: true, versionField })) return { kind: 'patch', why: 'only "doc" changed' };
  if (breakingRulesFired) return { kind: 'major', why: 'a breaking change by the team\'s rules' };
  if (!input.avroCompatible) return { kind: 'major', why: 'a change Avro resolution rejects' };
  return { kind: 'minor', why: 'a compatible change' };
}

export function policyEvolutionFindings(input: PolicyEvolutionInput): PolicyFinding[] {
  const policy = input.settings.policy;
  const { doc, baseline } = input;
  if (!policy || !doc.root || doc.root.kind === 'invalid' || !baseline.root || baseline.root.kind === 'invalid') return [];
  // Most files of a run are unchanged since the baseline: nothing to compare.
  if (doc.text === baseline.text) return [];
  const out: PolicyFinding[] = [];
  const severity = input.settings.severity;
  const frozen = anyOn(severity, Codes.PolicyFrozenChanged) ? frozenEntryFor(doc, baseline, policy.frozen) : undefined;
  if (frozen) out.push(...frozenFindings(doc, baseline, frozen, policy.versionField?.name));
  const breakingOn = policy.breaking !== undefined && anyOn(severity, ...policy.breaking.rules.map(r => BREAKING_CODES[r]));
  const bumpOn = policy.versionField?.bump === true && anyOn(severity, Codes.PolicyVersionNotBumped, Codes.PolicyVersionBumpTooSmall);
  const changes = breakingOn || bumpOn ? breakingChanges(baseline, doc) : [];
  if (breakingOn) out.push(...breakingFindings(changes, policy.breaking!, input.avroSpans));
  if (policy.newFieldsOptional && anyOn(severity, Codes.PolicyNewFieldNotOptional)) out.push(...newFieldsOptionalFindings(doc, baseline, policy.newFieldsOptional));
  if (policy.versionField?.bump && bumpOn) {
    const rules = new Set<string>(policy.breaking?.rules ?? BREAKING_RULES);
    const fired = changes.filter(c => rules.has(c.rule));
    const change = changeKind(input, fired.length > 0);
    const why = fired.length ? `${change.why}: ${fired[0].what}` : change.why;
    out.push(...versionBumpFindings(doc, baseline, policy.versionField, change.kind, why));
  }
  return out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
}

/**
 * The findings as diagnostics with the file's rule settings applied. Never throws: a failure costs
 * the policy findings only, and is returned as data (as runRules does) for the front-end to say.
 */
export function policyEvolutionDiagnostics(input: PolicyEvolutionInput): { diagnostics: AvroDiagnostic[]; failure?: RuleFailure } {
  try {
    return { diagnostics: asDiagnostics(policyEvolutionFindings(input), input.settings) };
  } catch (err) {
    const e = err instanceof Error ? err : undefined;
    return { diagnostics: [], failure: { rule: 'the policy rules against the baseline', message: e ? `${e.name}: ${e.message}` : String(err), stack: e?.stack } };
  }
}
