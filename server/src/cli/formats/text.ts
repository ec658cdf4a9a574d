// `--format text`: one line per diagnostic, `path:line:col: severity AVRO-xxx message` (1-based, UTF-16 columns), then a summary line; `check` adds a line per file's baseline.
import type { Severity } from '../../service/codes';
import { compatibilityCounts, type FileCompatibility, type LintReport } from '../report';
import { escapeControl } from '../terminal';
import { formatLocation } from '../location';

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

/** " Not reported: 3 accepted, 1 ignored, 2 suppressed." when findings were left out (cli/adoption.ts). */
export function adoptionNote(report: LintReport): string {
  const a = report.adoption;
  if (!a) return '';
  const parts: string[] = [];
  if (a.accepted) parts.push(`${a.accepted} accepted${a.written ? ' (just written)' : ''}`);
  if (a.ignored) parts.push(`${a.ignored} ignored`);
  if (a.suppressed) parts.push(`${a.suppressed} suppressed`);
  return parts.length ? ` Not reported: ${parts.join(', ')}.` : '';
}

export function formatText(report: LintReport, color: boolean): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const sev = d.diagnostic.severity;
      const severity = color ? `${COLORS[sev]}${sev}${RESET}` : sev;
      // Paths and messages (which quote the schema) are escaped: a type name may hold terminal escapes.
      const message = escapeControl(d.diagnostic.message.replace(/\s*\r?\n\s*/g, ' '));
      lines.push(`${formatLocation(escapeControl(file.path), d.range.start)}: ${severity} ${d.diagnostic.code} ${message}`);
    }
  }
  const summary = summaryLine(report) + adoptionNote(report);
  lines.push(color && report.counts.errors ? `${COLORS.error}${summary}${RESET}` : summary);
  if (report.tooManyWarnings) {
    lines.push(`Too many warnings: ${report.counts.warnings}, more than the maximum of ${report.maxWarnings} (--max-warnings).`);
  }
  return lines.join('\n') + '\n';
}

/** "BACKWARD vs git:origin/main (3f2c1ab)": the check a file got; versions by label (git:history lists them). */
export function checkTitle(compat: FileCompatibility): string {
  if (compat.level === 'NONE') return 'NONE';
  const v = compat.versions;
  let which = '';
  // One version: its commit ("HEAD (3f2c1ab)" shows as "(3f2c1ab)"; a history label is the commit already).
  if (v.length === 1) which = v[0].commit ? ` (${v[0].commit.startsWith(v[0].label) ? v[0].label : v[0].commit.slice(0, 7)})` : '';
  else if (v.length > 1) which = ` (${plural(v.length, 'version')}: ${v.length <= 4 ? v.map(x => x.label).join(', ') : `${v.slice(0, 3).map(x => x.label).join(', ')} and ${v.length - 3} more`})`;
  return `${compat.level} vs ${compat.baseline}${which}`;
}

/** What became of the check, in a few words: "compatible", "1 breaking change", "new file, nothing to check". */
export function checkOutcome(compat: FileCompatibility): string {
  switch (compat.status) {
    case 'compatible': return compat.complete ? 'compatible' : 'compatible as far as it could be checked';
    case 'incompatible': return plural(compat.findings.length, 'breaking change');
    case 'new': return 'new file, nothing to check';
    case 'unavailable': return `baseline unavailable: ${compat.message ?? ''}`;
    case 'not-checked': return compat.message ?? 'not checked';
  }
}

export function compatibilitySummaryLine(report: LintReport): string | undefined {
  const c = compatibilityCounts(report.files);
  const files = report.files.filter(f => f.compatibility).length;
  if (files === 0) return undefined;
  const parts: string[] = [];
  if (c.incompatible) parts.push(`${c.incompatible} incompatible (${plural(c.breakingChanges, 'breaking change')})`);
  if (c.compatible) parts.push(`${c.compatible} compatible`);
  if (c.new) parts.push(`${c.new} new`);
  if (c.unavailable) parts.push(`${c.unavailable} without baseline`);
  if (c.notChecked) parts.push(`${c.notChecked} not checked`);
  return `Compatibility of ${plural(files, 'file')}: ${parts.join(', ')}.`;
}

/** `check --format text`: lint's lines (compatibility findings among them), one line per file's baseline, the summaries. */
export function formatCheckText(report: LintReport, color: boolean, quiet: boolean): string {
  const lines = formatText(report, color).trimEnd().split('\n');
  const summary = lines.splice(lines.length - (report.tooManyWarnings ? 2 : 1));
  for (const file of report.files) {
    const compat = file.compatibility;
    if (!compat) continue;
    if (quiet && compat.status !== 'incompatible' && compat.status !== 'unavailable') continue;
    const outcome = escapeControl(checkOutcome(compat));
    const paint = color && compat.status === 'incompatible' ? (s: string) => `${COLORS.error}${s}${RESET}` : (s: string) => s;
    lines.push(`${escapeControl(file.path)}: ${escapeControl(checkTitle(compat))}: ${paint(outcome)}`);
    if (!quiet) for (const note of compat.notes) lines.push(`  note: ${escapeControl(note)}`);
  }
  const compatSummary = compatibilitySummaryLine(report);
  lines.push(...summary);
  if (compatSummary) lines.push(compatSummary);
  return lines.join('\n') + '\n';
}
