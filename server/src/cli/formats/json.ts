// `--format json`: the stable, documented machine-readable shape of a lint or check run (version 1).
import { compatibilityCounts, type LintReport } from '../report';
import { stringifyJson } from '../terminal';
import { oneBased } from '../location';

/** A position: 1-based line, 1-based column counted in UTF-16 code units (as the text format). */
export interface JsonPosition {
  line: number;
  column: number;
}

export interface JsonRange {
  start: JsonPosition;
  /** Exclusive end. */
  end: JsonPosition;
}

export interface JsonDiagnostic {
  /** "AVRO-xxx": see the README's rule table. */
  code: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
  range: JsonRange;
  /** Offset and length in UTF-16 code units from the start of the file. */
  offset: number;
  length: number;
  /** Other places that explain this one (a first definition, a conflicting file). */
  related: Array<{ path: string; range: JsonRange; message: string }>;
  /** Structured facts for tools (the same `data` the editor's quick fixes use); omitted when none. */
  data?: unknown;
}

export interface JsonFile {
  /** Relative to the working directory. */
  path: string;
  uri: string;
  errorCount: number;
  warningCount: number;
  infoCount: number;
  hintCount: number;
  diagnostics: JsonDiagnostic[];
  /** Findings not reported because the accepted findings file lists them (present when there are any). */
  accepted?: Array<{ code: string; message: string; range: JsonRange }>;
}

/** The whole output: `avro-studio lint --format json` prints exactly one of these. */
export interface JsonLintOutput {
  /** Shape version: fields are only added within a version. */
  version: 1;
  tool: { name: string; version: string };
  /** Every linted file, sorted by path, with or without problems. */
  files: JsonFile[];
  summary: {
    files: number;
    filesWithProblems: number;
    errors: number;
    warnings: number;
    infos: number;
    hints: number;
    /** --max-warnings, or null. */
    maxWarnings: number | null;
    tooManyWarnings: boolean;
    exitCode: number;
    /** Findings not reported: listed in the accepted findings file, matched by "ignore", suppressed by an avro-studio-ignore comment. */
    accepted: number;
    ignored: number;
    suppressed: number;
  };
}

function range(r: { start: { line: number; character: number }; end: { line: number; character: number } }): JsonRange {
  return { start: oneBased(r.start), end: oneBased(r.end) };
}

export function toJsonOutput(report: LintReport, tool: { name: string; version: string }): JsonLintOutput {
  return {
    version: 1,
    tool,
    files: report.files.map(f => {
      const diagnostics = f.diagnostics.map(d => {
        const out: JsonDiagnostic = {
          code: d.diagnostic.code,
          severity: d.diagnostic.severity,
          message: d.diagnostic.message,
          range: range(d.range),
          offset: d.diagnostic.offset,
          length: d.diagnostic.length,
          related: d.related.map(r => ({ path: r.path, range: range(r.range), message: r.message })),
        };
        if (d.diagnostic.data !== undefined) out.data = d.diagnostic.data;
        return out;
      });
      const file: JsonFile = {
        path: f.path,
        uri: f.uri,
        errorCount: diagnostics.filter(d => d.severity === 'error').length,
        warningCount: diagnostics.filter(d => d.severity === 'warning').length,
        infoCount: diagnostics.filter(d => d.severity === 'info').length,
        hintCount: diagnostics.filter(d => d.severity === 'hint').length,
        diagnostics,
      };
      if (f.accepted?.length) file.accepted = f.accepted.map(a => ({ code: a.diagnostic.code, message: a.diagnostic.message, range: range(a.range) }));
      return file;
    }),
    summary: {
      files: report.files.length,
      filesWithProblems: report.files.filter(f => f.diagnostics.length > 0).length,
      errors: report.counts.errors,
      warnings: report.counts.warnings,
      infos: report.counts.infos,
      hints: report.counts.hints,
      maxWarnings: report.maxWarnings ?? null,
      tooManyWarnings: report.tooManyWarnings,
      exitCode: report.exitCode,
      accepted: report.adoption?.accepted ?? 0,
      ignored: report.adoption?.ignored ?? 0,
      suppressed: report.adoption?.suppressed ?? 0,
    },
  };
}

export function formatJson(report: LintReport, tool: { name: string; version: string }): string {
  return stringifyJson(toJsonOutput(report, tool), 2) + '\n';
}

// ---- `check --format json`: the lint shape, plus "compatibility" per file and in the summary ----

export interface JsonFinding {
  /** AVRO-400..406. */
  code: string;
  /** The diagnostic's severity, or null when --severity turned the code off. */
  severity: 'error' | 'warning' | 'info' | 'hint' | null;
  /** Java's incompatibility type: READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, NAME_MISMATCH, ... */
  type: string;
  /** Java's JSON pointer into the reader schema, e.g. "/fields/3/type". */
  location: string;
  /** BACKWARD: the new schema reads old data; FORWARD: the old schema reads new data. */
  direction: 'BACKWARD' | 'FORWARD';
  /** The newest version with this finding (a label of "versions" below). */
  version: string;
  /** Every version with this finding, newest first. */
  versions: string[];
  message: string;
  /** In the checked file. */
  range: JsonRange;
  /** The matching place in that version, or null when it is in no file read. */
  baseline: { version: string; path: string; range: JsonRange } | null;
}

export interface JsonCompatibility {
  level: string;
  /** As written: "git:HEAD", "git:origin/main", "git:history", "file:PATH". */
  baseline: string;
  source: { level: 'option' | 'project file' | 'registry' | 'default'; baseline: 'option' | 'project file' | 'default' };
  status: 'compatible' | 'incompatible' | 'new' | 'unavailable' | 'not-checked';
  /** Why a file was not checked, what the baseline said. */
  message: string | null;
  notes: string[];
  /** Newest first. */
  versions: Array<{ label: string; commit: string | null; description: string; path: string; checked: boolean }>;
  checks: Array<{ version: string; direction: 'BACKWARD' | 'FORWARD'; compatible: boolean; complete: boolean; incompatibilities: number }>;
  /** False when part of the schemas could not be checked (names that resolve nowhere). */
  complete: boolean;
  findings: JsonFinding[];
}

export interface JsonCheckFile extends JsonFile {
  /** null for a file that is no schema: avro-studio.json or the accepted findings file, with AVRO-682/683. */
  compatibility: JsonCompatibility | null;
}

/** `avro-studio check --format json` prints exactly one of these. */
export interface JsonCheckOutput extends Omit<JsonLintOutput, 'files' | 'summary'> {
  command: 'check';
  files: JsonCheckFile[];
  summary: JsonLintOutput['summary'] & {
    compatibility: { checked: number; compatible: number; incompatible: number; new: number; unavailable: number; notChecked: number; breakingChanges: number };
  };
}

export function toCheckJsonOutput(report: LintReport, tool: { name: string; version: string }): JsonCheckOutput {
  const lint = toJsonOutput(report, { name: tool.name, version: tool.version });
  return {
    version: 1,
    command: 'check',
    tool: lint.tool,
    files: lint.files.map((f, i) => {
      const c = report.files[i].compatibility;
      if (!c) return { ...f, compatibility: null };
      const compatibility: JsonCompatibility = {
        level: c.level,
        baseline: c.baseline,
        source: c.source,
        status: c.status,
        message: c.message ?? null,
        notes: c.notes,
        versions: c.versions.map(v => ({ label: v.label, commit: v.commit ?? null, description: v.description, path: v.path, checked: v.checked })),
        checks: c.checks,
        complete: c.complete,
        findings: c.findings.map(x => ({
          code: x.code,
          severity: x.diagnostic?.diagnostic.severity ?? null,
          type: x.type,
          location: x.location,
          direction: x.direction,
          version: x.versions[0],
          versions: x.versions,
          message: x.message,
          range: range(x.range),
          baseline: x.baseline ? { version: x.baseline.version, path: x.baseline.path, range: range(x.baseline.range) } : null,
        })),
      };
      return { ...f, compatibility };
    }),
    summary: { ...lint.summary, compatibility: compatibilityCounts(report.files) },
  };
}

export function formatCheckJson(report: LintReport, tool: { name: string; version: string }): string {
  return stringifyJson(toCheckJsonOutput(report, tool), 2) + '\n';
}
