// Runs every validation rule over a document and applies the user's severity settings; a rule that fails costs only its own findings.
import { CODE_INFO, type DiagnosticCode, type Severity } from '../codes';
import type { AvroDocument } from '../model/types';
import { SchemaIndex, resolverFor, type Resolver } from '../model/schemaIndex';
import type { AvroSettings } from '../settings';
import type { AvroDiagnostic, RelatedLocation } from './diagnostic';
import { escapeControlCharacters } from '../util/escape';
import { RULES } from './rules';

export interface RuleReport {
  code: DiagnosticCode;
  offset: number;
  length: number;
  message: string;
  /** Overrides the code's default severity (before the user's settings apply). */
  severity?: Severity;
  related?: RelatedLocation[];
  data?: unknown;
  tags?: AvroDiagnostic['tags'];
}

export interface RuleContext {
  doc: AvroDocument;
  settings: AvroSettings;
  /** The workspace's named types (this document included). */
  index: SchemaIndex;
  resolve: Resolver;
  report(d: RuleReport): void;
}

export type Rule = (ctx: RuleContext) => void;

/** A rule that threw: a bug of ours, returned as data for the caller to log (the service never logs, never throws). */
export interface RuleFailure {
  /** The rule's function name (checkDefaults ...). */
  rule: string;
  message: string;
  stack?: string;
}

export interface ValidationRun {
  diagnostics: AvroDiagnostic[];
  /** Rules that failed on this document; the diagnostics of every other rule are there all the same. */
  internalErrors: RuleFailure[];
}

/**
 * Validate one document against the rules and the workspace index. The index should contain the
 * document (callers that validate a lone file can pass none: a one-document index is made).
 * A failing rule is skipped (what it reported before failing stays) and returned in `internalErrors`.
 */
export function runRules(doc: AvroDocument, settings: AvroSettings, index?: SchemaIndex, rules: readonly Rule[] = RULES): ValidationRun {
  if (!index) {
    index = new SchemaIndex();
    index.set(doc);
  }
  const out: AvroDiagnostic[] = [];
  const overrides = settings.severity;
  const report = (d: RuleReport): void => {
    const setting = overrides[d.code];
    if (setting === 'off') return;
    const diagnostic: AvroDiagnostic = {
      code: d.code,
      severity: setting ?? d.severity ?? CODE_INFO[d.code].severity,
      offset: d.offset,
      length: d.length,
      // The one place validation messages leave the rules: names and values quoted from the text
      // may hold control or bidi characters, which must never reach an editor or a terminal raw.
      message: escapeControlCharacters(d.message),
    };
    if (d.related) diagnostic.related = d.related.map(r => ({ ...r, message: escapeControlCharacters(r.message) }));
    if (d.data !== undefined) diagnostic.data = d.data;
    if (d.tags) diagnostic.tags = d.tags;
    out.push(diagnostic);
  };
  const ctx: RuleContext = { doc, settings, index, resolve: resolverFor(index, doc), report };
  const internalErrors: RuleFailure[] = [];
  rules.forEach((rule, i) => {
    try {
      rule(ctx);
    } catch (err) {
      const e = err instanceof Error ? err : undefined;
      internalErrors.push({ rule: rule.name || `rule ${i + 1}`, message: e ? `${e.name}: ${e.message}` : String(err), stack: e?.stack });
    }
  });
  out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return { diagnostics: out, internalErrors };
}

/** The diagnostics of runRules, for callers that do not report internal errors (a failing rule's are left out). */
export function validateDocument(doc: AvroDocument, settings: AvroSettings, index?: SchemaIndex): AvroDiagnostic[] {
  return runRules(doc, settings, index).diagnostics;
}
