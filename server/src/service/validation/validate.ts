// Runs every validation rule over a document and applies the user's severity settings.
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

/**
 * Validate one document against the rules and the workspace index. The index should contain the
 * document (callers that validate a lone file can pass none: a one-document index is made).
 */
export function validateDocument(doc: AvroDocument, settings: AvroSettings, index?: SchemaIndex): AvroDiagnostic[] {
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
  for (const rule of RULES) rule(ctx);
  out.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return out;
}
