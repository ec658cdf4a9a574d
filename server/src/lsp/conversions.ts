// Service results -> LSP types: the one place offsets become line/character positions (UTF-16, via the service's LineIndex).
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation, type Range } from 'vscode-languageserver';
import type { Severity } from '../service/codes';
import type { AvroDiagnostic } from '../service/languageService';
import { LineIndex } from '../service/text';

/**
 * Where the rule reference (docs/rules.md, one anchor per code: `#avro-220`) is published. The
 * project has no public home yet, so diagnostics carry no link rather than a dead one; set this
 * when docs/rules.md is served somewhere.
 */
export const RULE_DOCS_URL: string | undefined = undefined;

export function ruleDocsHref(code: string): string | undefined {
  return RULE_DOCS_URL ? `${RULE_DOCS_URL}#${code.toLowerCase()}` : undefined;
}

/** Line starts of a text, computed once per text object and kept as long as the owner is alive. */
export class PositionCache {
  private readonly cache = new WeakMap<object, LineIndex>();
  /** Line indexes of texts read back for a while (summaries of files not open), least recently used first. */
  private readonly recent = new Map<object, { index: LineIndex; chars: number }>();
  private recentChars = 0;

  /**
   * The line index of a text that `owner` does not hold (a summarized document decodes its text on
   * demand): the last few are kept (at most 256, and 4M characters), so that results pointing into
   * many closed files do not keep every text decoded.
   */
  ofText(owner: object, text: () => string): LineIndex {
    const known = this.recent.get(owner);
    if (known) {
      this.recent.delete(owner);
      this.recent.set(owner, known);
      return known.index;
    }
    const t = text();
    const index = new LineIndex(t);
    this.recent.set(owner, { index, chars: t.length });
    this.recentChars += t.length;
    while (this.recent.size > 1 && (this.recent.size > 256 || this.recentChars > 4 * 1024 * 1024)) {
      const [oldest, old] = this.recent.entries().next().value as [object, { index: LineIndex; chars: number }];
      this.recent.delete(oldest);
      this.recentChars -= old.chars;
    }
    return index;
  }

  /** `owner` is the object that holds the text (an AvroDocument): the index lives as long as it. */
  lineIndex(owner: object, text: string): LineIndex {
    let index = this.cache.get(owner);
    if (!index) {
      index = new LineIndex(text);
      this.cache.set(owner, index);
    }
    return index;
  }

  /** The document's line index is the open document's (the same text): one index, not two. */
  share(owner: object, index: () => LineIndex): void {
    if (!this.cache.has(owner)) this.cache.set(owner, index());
  }

  /**
   * `next` is `previous` (a document) after an edit: when the previous index is known, the new one
   * is derived from it (only the edited lines are scanned), not computed from the whole text.
   */
  edited(previous: { text: string }, next: { text: string }, change: { start: number; oldEnd: number; newEnd: number }): void {
    const before = this.cache.get(previous);
    if (before && !this.cache.has(next)) this.cache.set(next, LineIndex.edited(before, next.text, change));
  }
}

export function toRange(index: LineIndex, offset: number, length: number): Range {
  return index.rangeOf(offset, length);
}

export function toSeverity(s: Severity): DiagnosticSeverity {
  switch (s) {
    case 'error': return DiagnosticSeverity.Error;
    case 'warning': return DiagnosticSeverity.Warning;
    case 'info': return DiagnosticSeverity.Information;
    case 'hint': return DiagnosticSeverity.Hint;
  }
}

const EMPTY_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/**
 * Convert service diagnostics of one document. `lineIndexOf` gives the line index of any document
 * (related locations in other files use those files' text); undefined: the location is unknown
 * and the start of that file is used.
 */
export function toLspDiagnostics(diagnostics: readonly AvroDiagnostic[], own: LineIndex, lineIndexOf: (uri: string) => LineIndex | undefined): Diagnostic[] {
  const out: Diagnostic[] = new Array(diagnostics.length);
  for (let i = 0; i < diagnostics.length; i++) out[i] = toLspDiagnostic(diagnostics[i], own, lineIndexOf);
  return out;
}

export function toLspDiagnostic(d: AvroDiagnostic, own: LineIndex, lineIndexOf: (uri: string) => LineIndex | undefined): Diagnostic {
  const result: Diagnostic = {
    range: own.rangeOf(d.offset, d.length),
    severity: toSeverity(d.severity),
    code: d.code,
    source: 'avro',
    message: d.message,
  };
  const href = ruleDocsHref(d.code);
  if (href) result.codeDescription = { href };
  if (d.related && d.related.length) {
    const related: DiagnosticRelatedInformation[] = [];
    for (const r of d.related) {
      const index = lineIndexOf(r.uri);
      related.push({ location: { uri: r.uri, range: index ? index.rangeOf(r.offset, r.length) : EMPTY_RANGE }, message: r.message });
    }
    result.relatedInformation = related;
  }
  if (d.tags && d.tags.length) {
    result.tags = d.tags.map(t => (t === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated));
  }
  if (d.data !== undefined) result.data = d.data;
  return result;
}
