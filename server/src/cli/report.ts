// The result of a lint run, independent of the output format: files, their diagnostics with positions, counts, exit code.
import * as path from 'node:path';
import type { Severity } from '../service/codes';
import { LineIndex, type Range } from '../service/text';
import type { AvroDiagnostic } from '../service/validation/diagnostic';
import { uriToPath } from '../workspace/uris';

export interface ReportedRelated {
  /** Path relative to the working directory (or the URI when it is not a file). */
  path: string;
  range: Range;
  message: string;
}

export interface ReportedDiagnostic {
  diagnostic: AvroDiagnostic;
  /** Zero-based, UTF-16 (the formats convert to what they print). */
  range: Range;
  related: ReportedRelated[];
}

export interface FileReport {
  /** Relative to the working directory, with the platform's separators. */
  path: string;
  absolutePath: string;
  uri: string;
  diagnostics: ReportedDiagnostic[];
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
  hints: number;
}

export interface LintReport {
  files: FileReport[];
  counts: Counts;
  /** --max-warnings, when given. */
  maxWarnings: number | undefined;
  tooManyWarnings: boolean;
  exitCode: number;
}

export function emptyCounts(): Counts {
  return { errors: 0, warnings: 0, infos: 0, hints: 0 };
}

export function count(counts: Counts, severity: Severity): void {
  switch (severity) {
    case 'error': counts.errors++; break;
    case 'warning': counts.warnings++; break;
    case 'info': counts.infos++; break;
    case 'hint': counts.hints++; break;
  }
}

export function displayPath(cwd: string, uriOrPath: string): string {
  const p = uriOrPath.includes('://') || uriOrPath.startsWith('file:') ? uriToPath(uriOrPath) : uriOrPath;
  if (p === undefined) return uriOrPath;
  const rel = path.relative(cwd, p);
  return rel === '' ? path.basename(p) : rel;
}

/** Positions of one file's diagnostics; `textOf` gives the text of related files. */
export function reportFile(cwd: string, absolutePath: string, uri: string, text: string, diagnostics: readonly AvroDiagnostic[], textOf: (uri: string) => string | undefined): FileReport {
  const own = new LineIndex(text);
  const others = new Map<string, LineIndex | undefined>();
  const indexOf = (u: string): LineIndex | undefined => {
    if (u === uri) return own;
    if (!others.has(u)) {
      const t = textOf(u);
      others.set(u, t === undefined ? undefined : new LineIndex(t));
    }
    return others.get(u);
  };
  return {
    path: displayPath(cwd, absolutePath),
    absolutePath,
    uri,
    diagnostics: diagnostics.map(d => ({
      diagnostic: d,
      range: own.rangeOf(d.offset, d.length),
      related: (d.related ?? []).map(r => {
        const index = indexOf(r.uri);
        return {
          path: displayPath(cwd, r.uri),
          range: index ? index.rangeOf(r.offset, r.length) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          message: r.message,
        };
      }),
    })),
  };
}
