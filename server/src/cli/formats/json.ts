// `--format json`: the stable, documented machine-readable shape of a lint run (version 1).
import type { LintReport } from '../report';

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
  };
}

function range(r: { start: { line: number; character: number }; end: { line: number; character: number } }): JsonRange {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
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
      return {
        path: f.path,
        uri: f.uri,
        errorCount: diagnostics.filter(d => d.severity === 'error').length,
        warningCount: diagnostics.filter(d => d.severity === 'warning').length,
        infoCount: diagnostics.filter(d => d.severity === 'info').length,
        hintCount: diagnostics.filter(d => d.severity === 'hint').length,
        diagnostics,
      };
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
    },
  };
}

export function formatJson(report: LintReport, tool: { name: string; version: string }): string {
  return JSON.stringify(toJsonOutput(report, tool), null, 2) + '\n';
}
