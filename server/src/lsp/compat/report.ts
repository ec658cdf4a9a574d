// The "Avro: Check Compatibility" report: level, baseline, versions checked newest first, every finding with a link to its line, as Markdown.
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver';
import { gitVersionOf } from '../../baselines/baselineSchemas';
import type { LoadedBaseline } from './baselineManager';
import type { BaselineVersion } from '../../baselines/types';
import { LEVEL_MEANINGS } from '../../domain/compatibility';
import { isCompatDiagnosticData } from '../../service/languageService';
import { levelPlan, type LevelResult } from '../../service/languageService';
import type { CompatibilityReport, CompatibilityReportFinding, CompatibilityStatusParams } from '../../protocol';
import { uriToPath } from '../../workspace/uris';
import type { EffectiveCompatibility } from './policy';
import { baselineLabel, describeBaseline } from './policy';

export interface ReportInput {
  uri: string;
  status: CompatibilityStatusParams;
  policy: EffectiveCompatibility | undefined;
  baseline: LoadedBaseline | undefined;
  level: LevelResult | undefined;
  /** The document's compatibility diagnostics (LSP). */
  diagnostics: readonly Diagnostic[];
  notes: readonly string[];
}


/** Markdown special characters in free text (names with underscores stay names). */
function md(text: string): string {
  return text.replace(/([\\`*_{}[\]<>|#])/g, '\\$1');
}

function fileName(uri: string): string {
  const p = uriToPath(uri);
  return p ? path.basename(p) : uri.replace(/^.*\//, '');
}

/** A version's one-line description; a git:REF version says only its ref, so its commit is added. */
function describeVersion(v: BaselineVersion): string {
  if (v.description !== v.label) return v.description;
  const at = gitVersionOf(v);
  return at ? `commit ${at.commit.slice(0, 7)}${v.path ? `, ${v.path}` : ''}` : v.description;
}

export function buildReport(input: ReportInput): CompatibilityReport {
  const { uri, status, policy, baseline, level } = input;
  const name = fileName(uri);
  const findings: CompatibilityReportFinding[] = [];
  for (const d of input.diagnostics) {
    if (!isCompatDiagnosticData(d.data)) continue;
    findings.push({
      code: String(d.code),
      type: d.data.type,
      direction: d.data.direction === 'BACKWARD' ? 'backward' : 'forward',
      version: d.data.versions.join(', '),
      location: d.data.location,
      message: typeof d.message === 'string' ? d.message : d.message.value,
      range: d.range,
    });
  }
  const versions = (baseline?.schemas ?? []).map(s => ({ label: s.version.label, description: describeVersion(s.version) }));
  const notes = [...input.notes];

  const lines: string[] = [];
  lines.push(`# Compatibility of ${md(name)}`, '');
  if (policy) {
    const verdict = status.state === 'breaking'
      ? `**${status.count} breaking change${status.count === 1 ? '' : 's'}**`
      : status.state === 'compatible' ? '**compatible**' : `**${status.state}**`;
    lines.push(`**${policy.level}** against **${md(baselineLabel(policy.baseline))}** (\`${describeBaseline(policy.baseline)}\`): ${verdict}`, '');
    lines.push(`- ${policy.level}: ${LEVEL_MEANINGS[policy.level]}.`);
    lines.push(`- Level from the ${md(policy.levelFrom.label)}; baseline from the ${md(policy.baselineFrom.label)}.`);
    if (policy.configFile) lines.push(`- Project file: ${md(policy.configFile)}.`);
    lines.push('');
  }
  if (status.state !== 'breaking' && status.state !== 'compatible') lines.push(`> ${md(status.message)}`, '');

  if (baseline && baseline.schemas.length && policy) {
    const plan = levelPlan(policy.level);
    const checked = new Set((level?.checks ?? []).map(c => c.version));
    lines.push('## Versions (newest first)', '');
    lines.push(`| Version | Description | ${plan.directions.map(d => (d === 'BACKWARD' ? 'New reads old' : 'Old reads new')).join(' | ')} |`);
    lines.push(`|---|---|${plan.directions.map(() => '---|').join('')}`);
    for (const v of baseline.schemas) {
      const cells = plan.directions.map(direction => {
        const c = level?.checks.find(x => x.version === v.version.label && x.direction === direction);
        if (!c) return checked.has(v.version.label) || !v.baseline ? (v.baseline ? '—' : 'not a valid schema') : 'not checked';
        if (c.compatible) return c.complete ? 'compatible' : 'compatible (partly checked)';
        return `${c.incompatibilities} incompatibilit${c.incompatibilities === 1 ? 'y' : 'ies'}`;
      });
      lines.push(`| ${md(v.version.label)} | ${md(describeVersion(v.version))} | ${cells.join(' | ')} |`);
    }
    lines.push('');
    if (!plan.transitive && baseline.schemas.length > 1) notes.push(`${policy.level} checks the newest version only; the level's _TRANSITIVE form checks them all.`);
  }

  if (findings.length) {
    lines.push('## Breaking changes', '');
    findings.forEach((f, i) => {
      const line = f.range.start.line + 1;
      const column = f.range.start.character + 1;
      const meaning = f.direction === 'backward' ? 'new readers cannot read old data' : 'old readers cannot read new data';
      lines.push(`### ${i + 1}. ${f.code}: ${meaning} (vs ${md(f.version)})`, '');
      lines.push(`[${md(name)}, line ${line}, column ${column}](${uri}#L${line},${column}) · \`${f.type}\` at \`${f.location}\``, '');
      lines.push(md(f.message), '');
    });
  } else if (status.state === 'compatible') {
    lines.push('No breaking change.', '');
  }

  if (notes.length) {
    lines.push('## Notes', '');
    for (const n of notes) lines.push(`- ${md(n)}`);
    lines.push('');
  }
  return {
    uri,
    level: policy?.level ?? status.level,
    baseline: policy ? describeBaseline(policy.baseline) : status.baseline,
    state: status.state,
    versions,
    findings,
    notes,
    markdown: lines.join('\n'),
  };
}
