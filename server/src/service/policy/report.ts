// How policy findings are worded and turned into diagnostics: the rule's name, the team's reason, the setting that asked for it.
import { CODE_INFO, type DiagnosticCode } from '../codes';
import type { AvroSettings } from '../settings';
import type { AvroDiagnostic } from '../validation/diagnostic';
import type { RuleReport } from '../validation/validate';
import { escapeControlCharacters } from '../util/escape';
import type { PolicyDiagnosticData, PolicyOrigin } from './types';

/** A finding of a policy rule, before the rule settings apply. */
export interface PolicyFinding {
  code: DiagnosticCode;
  offset: number;
  length: number;
  message: string;
  data: PolicyDiagnosticData;
}

/** `message`, then the team's reason and where the rule is set: 'Team policy (policy.naming.fields, avro-studio.json line 12): "..."'. */
export function policyMessage(message: string, reason: string | undefined, origin: PolicyOrigin | undefined): string {
  const where = origin ? `${origin.key}, avro-studio.json line ${origin.line + 1}` : 'avro-studio.json';
  return reason ? `${message} Team policy (${where}): ${JSON.stringify(reason)}.` : `${message} (Team policy: ${where}.)`;
}

/** As a validation rule reports it (runRules applies the settings). */
export function asRuleReport(f: PolicyFinding): RuleReport {
  return { code: f.code, offset: f.offset, length: f.length, message: f.message, data: f.data };
}

/** As a diagnostic, with the file's rule settings applied (for findings made outside runRules: those against a baseline). */
export function asDiagnostics(findings: readonly PolicyFinding[], settings: AvroSettings): AvroDiagnostic[] {
  const out: AvroDiagnostic[] = [];
  for (const f of findings) {
    const setting = settings.severity[f.code];
    if (setting === 'off') continue;
    out.push({ code: f.code, severity: setting ?? CODE_INFO[f.code].severity, offset: f.offset, length: f.length, message: escapeControlCharacters(f.message), data: f.data });
  }
  return out;
}
