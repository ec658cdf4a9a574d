// `--format github`: GitHub Actions workflow commands (::error file=...,line=...::message) with GitHub's escaping, a summary, and a Markdown job summary.
import type { Severity } from '../../service/codes';
import { CODE_INFO, isDiagnosticCode } from '../../service/codes';
import type { LintReport } from '../report';
import { escapeControl } from '../terminal';
import { checkOutcome, checkTitle, compatibilitySummaryLine, summaryLine } from './text';
import { formatLocation } from '../location';

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice', hint: 'notice' };

/** A command's message: GitHub unescapes %25, %0D and %0A (actions/toolkit escapeData). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A command property value: also ':' and ',', which separate properties (actions/toolkit escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function command(kind: 'error' | 'warning' | 'notice', properties: Record<string, string | number | undefined>, message: string): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string | number] => e[1] !== undefined)
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`)
    .join(',');
  return `::${kind}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

/** GitHub paths use forward slashes, relative to the workspace (the working directory in a workflow); control characters escaped. */
function ghPath(p: string): string {
  return escapeControl(p.split('\\').join('/'));
}

/** One line of text from a schema, a file name or a server: line breaks flattened, control and bidi characters escaped. */
function safe(s: string): string {
  return escapeControl(s.replace(/\s*\r?\n\s*/g, ' '));
}

/**
 * One annotation per diagnostic (columns 1-based; endColumn inclusive, and only on a one-line
 * range, as GitHub shows it), a warning for a baseline that could not be read, then the summary in
 * plain text (shown in the log).
 */
export function formatGithub(report: LintReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const { start, end } = d.range;
      const oneLine = start.line === end.line;
      const endColumn = oneLine ? Math.max(start.character + 1, end.character) : undefined;
      const related = d.related.map(r => `\n${formatLocation(ghPath(r.path), r.range.start)}: ${safe(r.message)}`).join('');
      lines.push(command(COMMAND[d.diagnostic.severity], {
        file: ghPath(file.path),
        line: start.line + 1,
        col: start.character + 1,
        endLine: end.line + 1,
        endColumn,
        title: d.diagnostic.code,
      }, safe(d.diagnostic.message) + related));
    }
    const compat = file.compatibility;
    if (compat?.status === 'unavailable') {
      lines.push(command('warning', { file: ghPath(file.path), title: 'AVRO-410' }, `${safe(checkTitle(compat))}: ${safe(checkOutcome(compat))}`));
    }
  }
  for (const file of report.files) {
    if (file.compatibility) lines.push(`${ghPath(file.path)}: ${safe(checkTitle(file.compatibility))}: ${safe(checkOutcome(file.compatibility))}`);
  }
  lines.push(summaryLine(report));
  if (report.tooManyWarnings) lines.push(`Too many warnings: ${report.counts.warnings}, more than the maximum of ${report.maxWarnings} (--max-warnings).`);
  const compat = compatibilitySummaryLine(report);
  if (compat) lines.push(compat);
  return lines.join('\n') + '\n';
}

function cell(s: string): string {
  return safe(s).replace(/\|/g, '\\|');
}

/** Markdown for $GITHUB_STEP_SUMMARY: the summary line, then a table of the files with problems or findings. */
export function githubStepSummary(report: LintReport): string {
  const out: string[] = ['### Avro schemas', '', summaryLine(report)];
  const compat = compatibilitySummaryLine(report);
  if (compat) out.push('', compat);
  const rows = report.files.filter(f => f.diagnostics.length || (f.compatibility && f.compatibility.status !== 'compatible' && f.compatibility.level !== 'NONE'));
  if (rows.length) {
    out.push('', '| File | Check | Result | Problems |', '| --- | --- | --- | --- |');
    for (const f of rows) {
      const codes = [...new Set(f.diagnostics.map(d => d.diagnostic.code))].map(c => (isDiagnosticCode(c) ? `\`${c}\` ${CODE_INFO[c].title}` : `\`${c}\``));
      out.push(`| \`${cell(f.path)}\` | ${f.compatibility ? cell(checkTitle(f.compatibility)) : 'lint'} | ${f.compatibility ? cell(checkOutcome(f.compatibility)) : ''} | ${cell(codes.join('; '))} |`);
    }
  }
  return out.join('\n') + '\n\n';
}
