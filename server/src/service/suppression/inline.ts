// Inline suppressions: a `// avro-studio-ignore AVRO-xxx: reason` comment that suppresses one finding on the next line (or on its own line).
//
// Comments are legal in .avsc for Java Avro (its parser allows them) and Avro Studio reads them;
// what is sent to Schema Registry has them removed (registry/mapping.ts, registrableText), so a
// suppression never changes the registered schema. AVRO-101 does not report these comments.
import { isDiagnosticCode, type DiagnosticCode } from '../codes';
import type { JsonComment } from '../parser/json';

/** The word that starts a suppression comment. */
export const SUPPRESSION_DIRECTIVE = 'avro-studio-ignore';

export interface InlineSuppression {
  /** The comment (offset and length of the whole comment, `//` or `/* *\/` included). */
  offset: number;
  length: number;
  /** The code it names when it names a known one. */
  code?: DiagnosticCode;
  /** The code as written (may be unknown or missing). */
  written?: string;
  /** The reason after the colon (trimmed), empty when missing. */
  reason: string;
  /** The 0-based line whose finding it suppresses: the comment's own line when code precedes it, else the next line with JSON on it. */
  targetLine: number;
  /** Why it suppresses nothing whatever the findings are (no reason, unknown code); undefined when valid. */
  problem?: string;
}

const BODY = /^(?:\/\/|\/\*)\s*avro-studio-ignore(?![\w-])(.*?)(?:\*\/)?\s*$/s;
const CODE_AND_REASON = /^\s*([A-Za-z]+-\d+)?\s*(?::(.*))?$/s;

/** The text of a comment is a suppression directive (AVRO-101 leaves it alone). */
export function isSuppressionComment(text: string, c: JsonComment): boolean {
  return BODY.test(text.slice(c.offset, c.offset + c.length));
}

/** Every suppression comment of a document, with its target line and its problem if any. Never throws. */
export function inlineSuppressions(text: string, comments: readonly JsonComment[]): InlineSuppression[] {
  if (comments.length === 0) return [];
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const commentAt = new Map(comments.map(c => [c.offset, c]));
  /** The line holds something other than whitespace and comments. */
  const hasJson = (line: number): boolean => {
    const end = line + 1 < lineStarts.length ? lineStarts[line + 1] : text.length;
    for (let i = lineStarts[line]; i < end; i++) {
      const c = commentAt.get(i);
      if (c) {
        i = c.offset + c.length - 1;
        continue;
      }
      if (!/\s/.test(text[i])) return true;
    }
    return false;
  };
  const out: InlineSuppression[] = [];
  for (const c of comments) {
    const m = BODY.exec(text.slice(c.offset, c.offset + c.length));
    if (!m) continue;
    const line = lineOf(c.offset);
    const before = text.slice(lineStarts[line], c.offset);
    let targetLine = line;
    if (!/\S/.test(before)) {
      targetLine = line + 1;
      while (targetLine < lineStarts.length && !hasJson(targetLine)) targetLine++;
    }
    const parts = CODE_AND_REASON.exec(m[1]);
    const written = parts?.[1];
    const reason = (parts?.[2] ?? '').trim();
    const s: InlineSuppression = { offset: c.offset, length: c.length, written, reason, targetLine };
    const code = written?.toUpperCase();
    if (!parts || !written) s.problem = `names no code: write "${SUPPRESSION_DIRECTIVE} AVRO-xxx: why this finding is accepted".`;
    else if (!code || !isDiagnosticCode(code)) s.problem = `names "${written}", which is no Avro Studio code (docs/rules.md lists them).`;
    else {
      s.code = code;
      if (!reason) s.problem = `gives no reason: write why the ${code} finding is accepted after a colon ("${SUPPRESSION_DIRECTIVE} ${code}: why"), so that reviewers and later readers know.`;
    }
    out.push(s);
  }
  return out;
}

/**
 * The text without its suppression comments, as if they had never been written: a comment alone
 * on its line goes with the line, a comment after JSON with the spaces before it. What is
 * registered is then byte for byte what it would be without the suppressions.
 */
export function withoutSuppressionComments(text: string, comments: readonly JsonComment[]): string {
  let out = '';
  let from = 0;
  for (const c of comments) {
    if (c.offset < from || !isSuppressionComment(text, c)) continue;
    let start = c.offset;
    let end = c.offset + c.length;
    while (start > from && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    const atLineStart = start === 0 || text[start - 1] === '\n';
    let after = end;
    while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
    if (atLineStart && (after === text.length || text[after] === '\n' || text[after] === '\r')) {
      // The whole line, its line break included.
      end = text.startsWith('\r\n', after) ? after + 2 : after < text.length ? after + 1 : after;
    }
    out += text.slice(from, start);
    from = end;
  }
  return out + text.slice(from);
}
