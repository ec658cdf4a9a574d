// `--format text`: one line per diagnostic, `path:line:col: severity AVRO-xxx message` (1-based, UTF-16 columns), then a summary line.
import type { Severity } from '../../service/codes';
import type { LintReport } from '../report';

const COLORS: Record<Severity, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m', hint: '\x1b[90m' };
const RESET = '\x1b[0m';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(report: LintReport): string {
  const c = report.counts;
  const total = c.errors + c.warnings + c.infos + c.hints;
  const checked = report.files.length;
  if (total === 0) return `No problems in ${plural(checked, 'file')}.`;
  const parts = [plural(c.errors, 'error'), plural(c.warnings, 'warning')];
  if (c.infos) parts.push(`${c.infos} info`);
  if (c.hints) parts.push(plural(c.hints, 'hint'));
  const withProblems = report.files.filter(f => f.diagnostics.length > 0).length;
  return `${plural(total, 'problem')} (${parts.join(', ')}) in ${withProblems} of ${plural(checked, 'file')}.`;
}

export function formatText(report: LintReport, color: boolean): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const sev = d.diagnostic.severity;
      const severity = color ? `${COLORS[sev]}${sev}${RESET}` : sev;
      const message = d.diagnostic.message.replace(/\s*\r?\n\s*/g, ' ');
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1}: ${severity} ${d.diagnostic.code} ${message}`);
    }
  }
  const summary = summaryLine(report);
  lines.push(color && report.counts.errors ? `${COLORS.error}${summary}${RESET}` : summary);
  if (report.tooManyWarnings) {
    lines.push(`Too many warnings: ${report.counts.warnings}, more than the maximum of ${report.maxWarnings} (--max-warnings).`);
  }
  return lines.join('\n') + '\n';
}
