// The result of a lint or check run, independent of the output format: files, diagnostics with positions, compatibility, counts, exit code.
import * as path from 'node:path';
import type { Severity } from '../service/codes';
import { LineIndex, type Range } from '../service/text';
import type { AvroDiagnostic } from '../service/languageService';
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
  /** `check` only: the compatibility of the file with its baseline. */
  compatibility?: FileCompatibility;
  /** Findings not reported because the accepted findings file lists them (or --write-baseline just wrote them). */
  accepted?: ReportedDiagnostic[];
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
  /** The command that made the report (undefined: lint); `check` reports carry `compatibility` per file. */
  command?: 'lint' | 'check';
  /** Findings not reported: in the accepted findings file, matched by an "ignore" entry, suppressed by a comment (cli/adoption.ts). */
  adoption?: {
    accepted: number;
    ignored: number;
    suppressed: number;
    /** --write-baseline: every finding written. */
    keys: Array<import('../project/acceptedFindings').FindingKey & { message: string }>;
    /** --write-baseline: the file written. */
    written?: string;
  };
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

// ---- `check`: the compatibility part of a report (lint reports leave it undefined) ----

/** What was decided for a file: the check made, or why none was. */
export type CompatibilityStatus =
  /** Checked: no finding. */
  | 'compatible'
  /** Checked: at least one finding. */
  | 'incompatible'
  /** The baseline holds no version of the file (new since the ref): nothing to check. */
  | 'new'
  /** The baseline could not be read (only reported with --allow-missing-baseline; otherwise exit 2). */
  | 'unavailable'
  /** Not checked: the level is NONE, the file has JSON syntax errors, or no baseline version is a valid schema. */
  | 'not-checked';

/** One earlier version the file was checked against. */
export interface ReportedVersion {
  /** As messages name it: "HEAD", "origin/main", a short commit, a file name. */
  label: string;
  /** The full commit, for git baselines. */
  commit?: string;
  /** One line: commit date and subject, or the baseline file. */
  description: string;
  /** Where the version's text lives, relative to the working directory (a git path is where the file was at that commit). */
  path: string;
  /** The version's text (for positions in it). */
  text: string;
  /** Checked against it (false when it is not a valid schema). */
  checked: boolean;
}

/** A compatibility finding, grouped across versions (the same problem at the same place is one finding). */
export interface ReportedFinding {
  /** The diagnostic in the file's `diagnostics` (code AVRO-40x), or undefined when --severity turned it off. */
  diagnostic: ReportedDiagnostic | undefined;
  code: string;
  /** Java's incompatibility type: READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, ... */
  type: string;
  /** Java's JSON pointer into the reader schema ("/fields/3"). */
  location: string;
  direction: 'BACKWARD' | 'FORWARD';
  /** Every version with this finding, newest first (labels as in `versions`). */
  versions: string[];
  message: string;
  /** Zero-based range in the checked file. */
  range: Range;
  /** The matching place in the newest version with the finding. */
  baseline: { version: string; path: string; range: Range } | undefined;
}

export interface FileCompatibility {
  level: string;
  /** The baseline as written: "git:origin/main", "git:history", "file:old/x.avsc". */
  baseline: string;
  /** Where level and baseline came from. */
  source: { level: 'option' | 'project file' | 'registry' | 'default'; baseline: 'option' | 'project file' | 'default' };
  status: CompatibilityStatus;
  /** Why a file was not checked, or what the baseline said (new file, unavailable). */
  message?: string;
  /** Renames followed, a shallow history, names resolved from the working tree, ... */
  notes: string[];
  /** Newest first. */
  versions: ReportedVersion[];
  /** The checks made, in order (versions newest first, BACKWARD before FORWARD). */
  checks: Array<{ version: string; direction: 'BACKWARD' | 'FORWARD'; compatible: boolean; complete: boolean; incompatibilities: number }>;
  /** False when part of the schemas could not be checked (names that resolve nowhere). */
  complete: boolean;
  findings: ReportedFinding[];
}

export interface CompatibilityCounts {
  /** Files checked against at least one version. */
  checked: number;
  compatible: number;
  incompatible: number;
  new: number;
  unavailable: number;
  notChecked: number;
  /** Findings over every file (grouped across versions). */
  breakingChanges: number;
}

export function compatibilityCounts(files: readonly FileReport[]): CompatibilityCounts {
  const c: CompatibilityCounts = { checked: 0, compatible: 0, incompatible: 0, new: 0, unavailable: 0, notChecked: 0, breakingChanges: 0 };
  for (const f of files) {
    const compat = f.compatibility;
    if (!compat) continue;
    switch (compat.status) {
      case 'compatible': c.checked++; c.compatible++; break;
      case 'incompatible': c.checked++; c.incompatible++; break;
      case 'new': c.new++; break;
      case 'unavailable': c.unavailable++; break;
      case 'not-checked': c.notChecked++; break;
    }
    c.breakingChanges += compat.findings.length;
  }
  return c;
}
