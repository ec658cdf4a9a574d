// `--format sarif`: a SARIF 2.1.0 log (GitHub code scanning and other viewers): rules from codes.ts, results with regions, the baseline as related locations.
import * as path from 'node:path';
import { CODE_INFO, isDiagnosticCode, type Severity } from '../../service/codes';
import type { Range } from '../../service/text';
import { pathToUri } from '../../workspace/uris';
import type { FileCompatibility, FileReport, LintReport, ReportedFinding } from '../report';
import { checkOutcome, checkTitle } from './text';
import { stringifyJson } from '../terminal';

export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The parts of SARIF 2.1.0 this format writes (section numbers of the OASIS standard). */
export interface SarifLog {
  /** §3.13.2: "2.1.0" (first, so viewers can sniff it). */
  version: '2.1.0';
  /** §3.13.3. */
  $schema: string;
  /** §3.13.4: one run. */
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: SarifToolComponent };
  invocations: Array<{ executionSuccessful: boolean; exitCode: number; toolExecutionNotifications: SarifNotification[] }>;
  /** §3.14.14: %SRCROOT% is the working directory, where relative result paths start. */
  originalUriBaseIds: Record<string, { uri: string; description?: { text: string } }>;
  /** §3.14.27: our columns count UTF-16 code units. */
  columnKind: 'utf16CodeUnits';
  results: SarifResult[];
}

export interface SarifToolComponent {
  name: string;
  version: string;
  semanticVersion: string;
  informationUri?: string;
  rules: SarifRule[];
}

export interface SarifRule {
  id: string;
  shortDescription: { text: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
}

export type SarifLevel = 'none' | 'note' | 'warning' | 'error';

export interface SarifLocation {
  id?: number;
  physicalLocation: { artifactLocation: { uri: string; uriBaseId?: string }; region?: SarifRegion };
  message?: { text: string };
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: SarifLocation[];
  relatedLocations?: SarifLocation[];
  properties?: Record<string, unknown>;
}

export interface SarifNotification {
  level: SarifLevel;
  message: { text: string };
  locations?: SarifLocation[];
}

const LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** §3.30: 1-based lines and columns, endColumn one past the last character. */
function region(r: Range): SarifRegion {
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** A relative path as a URI reference (§3.4.3): forward slashes, each segment percent-encoded. */
function relativeUri(p: string): string {
  return p.split(/[\\/]/).map(s => encodeURIComponent(s)).join('/');
}

/** An artifact: relative to %SRCROOT% when inside the working directory, else an absolute file URI. */
function artifact(displayed: string, cwd: string): { uri: string; uriBaseId?: string } {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(displayed)) return { uri: displayed };
  if (path.isAbsolute(displayed) || displayed === '..' || displayed.startsWith('..' + path.sep) || displayed.startsWith('../')) return { uri: pathToUri(path.resolve(cwd, displayed)) };
  return { uri: relativeUri(displayed), uriBaseId: '%SRCROOT%' };
}

/** The matching place in the old schema: the file's path then, the region in its text then (the message says which version). */
function baselineLocation(f: ReportedFinding, compat: FileCompatibility, id: number, cwd: string): SarifLocation | undefined {
  if (!f.baseline) return undefined;
  const v = compat.versions.find(x => x.label === f.baseline!.version);
  const which = v?.commit && !v.commit.startsWith(v.label) ? `${v.label} (${v.commit.slice(0, 7)})` : f.baseline.version;
  return {
    id,
    physicalLocation: { artifactLocation: artifact(f.baseline.path, cwd), region: region(f.baseline.range) },
    message: { text: `The old schema at ${which}, ${compat.baseline}: line ${f.baseline.range.start.line + 1} of ${f.baseline.path} in that version` },
  };
}

export function toSarif(report: LintReport, tool: { name: string; version: string; informationUri?: string }, cwd: string): SarifLog {
  const used = new Set<string>();
  for (const f of report.files) for (const d of f.diagnostics) used.add(d.diagnostic.code);
  const notifications: SarifNotification[] = [];
  for (const f of report.files) {
    const c = f.compatibility;
    // Level NONE is a decision, not news: only files that could not be checked are reported.
    if (c && (c.status === 'unavailable' || (c.status === 'not-checked' && c.level !== 'NONE'))) {
      notifications.push({ level: c.status === 'unavailable' ? 'warning' : 'note', message: { text: `${f.path}: ${checkTitle(c)}: ${checkOutcome(c)}` }, locations: [{ physicalLocation: { artifactLocation: artifact(f.path, cwd) } }] });
    }
  }
  const ruleIds = [...used].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const rules: SarifRule[] = ruleIds.map(id => {
    const info = isDiagnosticCode(id) ? CODE_INFO[id] : undefined;
    const rule: SarifRule = {
      id,
      shortDescription: { text: info?.title ?? id },
      defaultConfiguration: { level: LEVEL[info?.severity ?? 'warning'] },
    };
    if (tool.informationUri) rule.helpUri = `${tool.informationUri}#${id.toLowerCase()}`;
    return rule;
  });
  const results: SarifResult[] = [];
  for (const file of report.files) results.push(...resultsOf(file, ruleIndex, cwd));
  const driver: SarifToolComponent = { name: tool.name, version: tool.version, semanticVersion: tool.version, rules };
  if (tool.informationUri) driver.informationUri = tool.informationUri;
  const srcroot = pathToUri(cwd);
  return {
    version: '2.1.0',
    $schema: SARIF_SCHEMA,
    runs: [{
      tool: { driver },
      invocations: [{ executionSuccessful: true, exitCode: report.exitCode, toolExecutionNotifications: notifications }],
      originalUriBaseIds: { '%SRCROOT%': { uri: srcroot.endsWith('/') ? srcroot : srcroot + '/', description: { text: 'The working directory of avro-studio' } } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}

function resultsOf(file: FileReport, ruleIndex: Map<string, number>, cwd: string): SarifResult[] {
  const findingOf = new Map((file.compatibility?.findings ?? []).filter(f => f.diagnostic).map(f => [f.diagnostic!, f]));
  return file.diagnostics.map(d => {
    const related: SarifLocation[] = d.related.map((r, i) => ({
      id: i + 1,
      physicalLocation: { artifactLocation: artifact(r.path, cwd), region: region(r.range) },
      message: { text: r.message },
    }));
    const finding = findingOf.get(d);
    const result: SarifResult = {
      ruleId: d.diagnostic.code,
      ruleIndex: ruleIndex.get(d.diagnostic.code) ?? -1,
      level: LEVEL[d.diagnostic.severity],
      message: { text: d.diagnostic.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(file.path, cwd), region: region(d.range) } }],
    };
    if (finding) {
      const compat = file.compatibility!;
      const old = baselineLocation(finding, compat, related.length + 1, cwd);
      if (old) related.push(old);
      result.properties = { level: compat.level, baseline: compat.baseline, direction: finding.direction, versions: finding.versions, incompatibilityType: finding.type, location: finding.location };
    }
    if (related.length) result.relatedLocations = related;
    return result;
  });
}

export function formatSarif(report: LintReport, tool: { name: string; version: string; informationUri?: string }, cwd: string): string {
  return stringifyJson(toSarif(report, tool, cwd), 2) + '\n';
}
