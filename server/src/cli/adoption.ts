// `lint` and `check` on a repository with existing findings: --write-baseline FILE, --baseline-findings FILE (or avro-studio.json "acceptedFindings"), "ignore" and inline suppressions applied through the project layer (project/findingFilter.ts).
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { AcceptedFindingsError, findingKey, loadAcceptedFindings, parseAcceptedFindings, serializeAcceptedFindings, type FindingKey } from '../project/acceptedFindings';
import { acceptedFindingsSource, AdoptionTracker, filterFindings, relativeToAdoption, staleAcceptedDiagnostic, staleIgnoreDiagnostic, type Adoption } from '../project/findingFilter';
import { CODE_INFO, type DiagnosticCode } from '../service/codes';
import type { AvroSettings } from '../service/settings';
import { LineIndex } from '../service/text';
import type { AvroDiagnostic } from '../service/languageService';
import { pathToUri } from '../workspace/uris';
import type { FlagSpec, ParsedArgs } from './args';
import { single } from './args';
import { CliError, type CliIO } from './io';
import { reportFile, type FileReport } from './report';

export const ADOPTION_FLAGS: readonly FlagSpec[] = [
  { name: 'write-baseline', type: 'string' },
  { name: 'baseline-findings', type: 'string' },
];

export const ADOPTION_USAGE = `  --write-baseline <file>      write every finding of this run (after "ignore" and inline
                               suppressions) to <file> as accepted findings, then report none of
                               them: the starting point when adopting Avro Studio on a repository
                               with existing findings (commit the file; set "acceptedFindings")
  --baseline-findings <file>   report only findings not in this accepted findings file (default:
                               avro-studio.json's "acceptedFindings"); accepted findings no longer
                               found are AVRO-683 notes (refresh with --write-baseline)`;

export interface AdoptionOptions {
  /** --write-baseline: the file to write (absolute). */
  writeBaseline?: string;
  /** --baseline-findings: the accepted findings file (absolute). */
  baselineFindings?: string;
}

export function readAdoptionOptions(parsed: ParsedArgs, io: CliIO): AdoptionOptions {
  const write = single(parsed, 'write-baseline');
  const read = single(parsed, 'baseline-findings');
  if (write !== undefined && !write.trim()) throw new CliError('--write-baseline needs a file path');
  if (read !== undefined && !read.trim()) throw new CliError('--baseline-findings needs a file path');
  return {
    writeBaseline: write === undefined ? undefined : path.resolve(io.cwd, write),
    baselineFindings: read === undefined ? undefined : path.resolve(io.cwd, read),
  };
}

/** What a run applies: the adoption settings, where paths are relative to, what it used. */
export interface CliAdoption {
  adoption: Adoption;
  tracker: AdoptionTracker;
  /** The command (`lint` does not look for AVRO-4xx: suppressions and accepted findings of those codes are not judged). */
  command: string;
  /** How to refresh the accepted findings file, for AVRO-683. */
  refresh: string;
  project: LoadedProjectConfig | undefined;
}

/** The adoption of a run: the project file's "ignore", the accepted findings (unless --write-baseline rewrites them). CliError (exit 2) when the accepted findings file cannot be used. */
export async function loadCliAdoption(project: LoadedProjectConfig | undefined, options: AdoptionOptions & { root: string }, command: string, io: CliIO): Promise<CliAdoption> {
  const root = project?.config.root ?? options.root;
  const adoption: Adoption = { root, ignore: project?.config.ignore ?? [] };
  const source = acceptedFindingsSource(project?.config, options.baselineFindings);
  if (source && options.writeBaseline === undefined) {
    try {
      adoption.accepted = await loadAcceptedFindings(source.written, source.origin, source.base);
    } catch (e) {
      if (e instanceof AcceptedFindingsError) throw new CliError(e.message);
      throw e;
    }
  }
  const file = adoption.accepted?.file ?? (source ? path.resolve(source.base, source.written) : undefined);
  const shown = file ? path.relative(io.cwd, file) || file : 'FILE';
  return { adoption, tracker: new AdoptionTracker(), command, refresh: `avro-studio ${command} --write-baseline ${shown}`, project };
}

/** Codes `lint` never reports (the compatibility check's): not judged by `lint`. */
export function judgedBy(command: string): (code: DiagnosticCode) => boolean {
  return command === 'lint' ? code => !/^AVRO-4\d\d$/.test(code) : () => true;
}

/** The counts of findings not reported, for the summary. */
export interface AdoptionCounts {
  accepted: number;
  ignored: number;
  suppressed: number;
}

export interface FilteredFile {
  diagnostics: AvroDiagnostic[];
  accepted: AvroDiagnostic[];
  counts: AdoptionCounts;
  /** With --write-baseline: every finding reported before the accepted findings apply. */
  keys: Array<FindingKey & { message: string }>;
}

/** One file's findings after suppressions, "ignore" and accepted findings (all accepted when writing a baseline). */
export function filterFile(a: CliAdoption, file: { path: string; doc: import('../service/model/types').AvroDocument; settings: AvroSettings }, diagnostics: AvroDiagnostic[], writing: boolean): FilteredFile {
  const filtered = filterFindings<AvroDiagnostic>({
    doc: file.doc,
    lines: new LineIndex(file.doc.text),
    filePath: file.path,
    findings: diagnostics,
    settings: file.settings,
    adoption: a.adoption,
    judged: judgedBy(a.command),
    tracker: a.tracker,
    wrap: d => d,
  });
  const counts = { accepted: filtered.accepted.length, ignored: filtered.ignored.length, suppressed: filtered.suppressed.length };
  if (!writing) return { diagnostics: filtered.reported, accepted: filtered.accepted, counts, keys: [] };
  const relative = relativeToAdoption(a.adoption, file.path) ?? path.basename(file.path);
  const keys = filtered.reported.map(d => ({ ...findingKey(relative, file.doc.json.root, d), message: d.message }));
  return { diagnostics: [], accepted: filtered.reported, counts: { ...counts, accepted: filtered.reported.length }, keys };
}

/** AVRO-682 (stale "ignore" entries, in avro-studio.json) and AVRO-683 (accepted findings no longer found, in their file), as report files. */
export async function staleReports(a: CliAdoption, io: CliIO, settingsFor: (filePath: string) => AvroSettings, exists: (relative: string) => boolean): Promise<FileReport[]> {
  const out: FileReport[] = [];
  const severityIn = (filePath: string, code: DiagnosticCode): AvroDiagnostic['severity'] | undefined => {
    const s = settingsFor(filePath).severity[code] ?? CODE_INFO[code].severity;
    return s === 'off' ? undefined : s;
  };
  const project = a.project;
  if (project) {
    const severity = severityIn(project.file, 'AVRO-682');
    const stale = severity ? a.tracker.staleIgnores(a.adoption, judgedBy(a.command)) : [];
    if (stale.length) {
      const text = project.text ?? (await fsp.readFile(project.file, 'utf8').catch(() => ''));
      out.push(reportFile(io.cwd, project.file, pathToUri(project.file), text, stale.map(e => staleIgnoreDiagnostic(e, severity!)), () => undefined));
    }
  }
  const accepted = a.adoption.accepted;
  if (accepted) {
    const severity = severityIn(accepted.file, 'AVRO-683');
    const stale = severity ? a.tracker.staleAccepted(a.adoption, exists, judgedBy(a.command)) : [];
    if (stale.length) {
      out.push(reportFile(io.cwd, accepted.file, pathToUri(accepted.file), accepted.text, stale.map(s => staleAcceptedDiagnostic(s.entry, s.gone, severity!, a.refresh)), () => undefined));
    }
  }
  return out;
}

/** Write the accepted findings file; says on stderr what was written and what to do next. */
export async function writeAcceptedFindings(file: string, keys: ReadonlyArray<FindingKey & { message: string }>, a: CliAdoption, command: string, io: CliIO): Promise<void> {
  const text = serializeAcceptedFindings(keys);
  // What is written must read back (a broken file would fail the next run).
  const check = parseAcceptedFindings(text, file);
  if ('error' in check) throw new Error(`internal error: the accepted findings written ${check.error}`);
  try {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    await fsp.writeFile(file, text);
  } catch (e) {
    throw new CliError(`cannot write '${path.relative(io.cwd, file)}': ${(e as Error).message}`);
  }
  const files = new Set(keys.map(k => k.file)).size;
  const shown = path.relative(io.cwd, file) || file;
  const configured = a.project?.config.acceptedFindings && path.resolve(a.project.config.root, a.project.config.acceptedFindings.path) === file;
  const relativeToProject = a.project ? path.relative(a.project.config.root, file).split(path.sep).join('/') : shown;
  const next = configured
    ? 'Commit it: from now on only new findings are reported.'
    : `Commit it and set "acceptedFindings": "${relativeToProject}" in ${PROJECT_CONFIG_FILE} (or pass --baseline-findings ${shown}): then only new findings are reported.`;
  io.stderr.write(`avro-studio ${command}: wrote ${keys.length} accepted finding${keys.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} to ${shown}. ${next}\n`);
}
