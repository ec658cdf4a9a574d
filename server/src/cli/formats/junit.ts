// `--format junit`: JUnit XML for CI test reports: a testsuite per file, a testcase per check (lint, each baseline version), findings in failures.
import type { FileReport, LintReport, ReportedDiagnostic } from '../report';
import { escapeControl } from '../terminal';
import { checkOutcome, checkTitle } from './text';
import { formatLocation } from '../location';

/**
 * XML 1.0 allows tab, LF, CR and U+0020 up: other control characters (and DEL, C1 and the bidi
 * controls, which a terminal showing the report would obey) become visible \u001b-style escapes;
 * lone surrogates and U+FFFE/U+FFFF become U+FFFD.
 */
function xmlChars(s: string): string {
  return escapeControl(s, '\n\r').replace(/[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

export function escapeText(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttribute(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function line(file: FileReport, d: ReportedDiagnostic): string {
  return `${formatLocation(file.path, d.range.start)}: ${d.diagnostic.severity} ${d.diagnostic.code} ${escapeControl(d.diagnostic.message.replace(/\s*\r?\n\s*/g, ' '))}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

interface Case {
  name: string;
  failure?: { message: string; type: string; body: string };
  skipped?: string;
  out?: string;
}

function casesOf(file: FileReport): Case[] {
  const compatCodes = new Set(file.compatibility?.findings.map(f => f.diagnostic).filter(d => d) ?? []);
  const lint = file.diagnostics.filter(d => !compatCodes.has(d));
  const errors = lint.filter(d => d.diagnostic.severity === 'error');
  const others = lint.filter(d => d.diagnostic.severity !== 'error');
  const cases: Case[] = [{
    name: 'lint',
    failure: errors.length ? { message: plural(errors.length, 'error'), type: errors[0].diagnostic.code, body: errors.map(d => line(file, d)).join('\n') } : undefined,
    out: others.length ? others.map(d => line(file, d)).join('\n') : undefined,
  }];
  const compat = file.compatibility;
  if (!compat) return cases;
  const title = `${compat.level} vs ${compat.baseline}`;
  if (compat.status !== 'compatible' && compat.status !== 'incompatible') {
    cases.push({ name: checkTitle(compat), skipped: checkOutcome(compat) });
    return cases;
  }
  for (const v of compat.versions.filter(x => x.checked)) {
    const name = `${title}: ${v.label}${v.commit && !v.commit.startsWith(v.label) ? ` (${v.commit.slice(0, 7)})` : ''}`;
    const findings = compat.findings.filter(f => f.versions.includes(v.label));
    const failing = findings.filter(f => f.diagnostic?.diagnostic.severity === 'error');
    const body = findings.map(f => {
      const where = formatLocation(file.path, f.range.start);
      const old = f.baseline ? `\n  ${formatLocation(f.baseline.path, f.baseline.range.start)}: the old schema (${f.baseline.version})` : '';
      return `${where}: ${f.diagnostic?.diagnostic.severity ?? 'off'} ${f.code} ${f.type} at ${f.location}: ${f.message}${old}`;
    }).join('\n');
    cases.push({
      name,
      failure: failing.length ? { message: plural(findings.length, 'breaking change'), type: failing[0].code, body } : undefined,
      out: !failing.length && findings.length ? body : v.description !== v.label ? v.description : undefined,
    });
  }
  return cases;
}

/** A JUnit XML report (the common Jenkins/GitLab/Azure schema); no timestamps, so the output is reproducible. */
export function formatJunit(report: LintReport): string {
  const suites = report.files.map(f => ({ file: f, cases: casesOf(f) }));
  if (report.tooManyWarnings) {
    suites.push({
      file: { path: 'avro-studio', absolutePath: '', uri: '', diagnostics: [] },
      cases: [{ name: 'max-warnings', failure: { message: `${report.counts.warnings} warnings`, type: 'max-warnings', body: `${report.counts.warnings} warnings, more than the maximum of ${report.maxWarnings} (--max-warnings).` } }],
    });
  }
  const count = (pick: (c: Case) => boolean) => suites.reduce((n, s) => n + s.cases.filter(pick).length, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="avro-studio ${report.command ?? 'lint'}" tests="${count(() => true)}" failures="${count(c => !!c.failure)}" errors="0" skipped="${count(c => !!c.skipped)}">`);
  for (const { file, cases } of suites) {
    const failures = cases.filter(c => c.failure).length;
    const skipped = cases.filter(c => c.skipped).length;
    out.push(`  <testsuite name="${escapeAttribute(file.path)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}">`);
    for (const c of cases) {
      const open = `    <testcase name="${escapeAttribute(c.name)}" classname="${escapeAttribute(file.path)}"${file.absolutePath ? ` file="${escapeAttribute(file.path.split('\\').join('/'))}"` : ''}`;
      if (!c.failure && !c.skipped && !c.out) {
        out.push(open + '/>');
        continue;
      }
      out.push(open + '>');
      if (c.failure) out.push(`      <failure message="${escapeAttribute(c.failure.message)}" type="${escapeAttribute(c.failure.type)}">${escapeText(c.failure.body)}</failure>`);
      if (c.skipped) out.push(`      <skipped message="${escapeAttribute(c.skipped)}"/>`);
      if (c.out) out.push(`      <system-out>${escapeText(c.out)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
