// `avro-studio lint`: validates .avsc files with the editor's service and workspace resolution; text or JSON output; CI exit codes.
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { withProjectRules } from '../config/fileSettings';
import { compilationUnitsOf } from '../config/units';
import { ciSeverityDefaults, isDiagnosticCode, type DiagnosticCode, type SeveritySetting } from '../service/codes';
import type { AvroDocument } from '../service/model/types';
import { normalizeSettings, type AvroSettings } from '../service/settings';
import { createLanguageService, parseAvroDocument, type AvroDiagnostic, type Rule } from '../service/languageService';
import { DEFAULT_EXCLUDE, ExcludeMatcher } from '../workspace/exclude';
import type { DecodedText } from '../workspace/decode';
import { FileTooLargeError } from '../workspace/fileSystem';
import { loadWorkspace } from '../workspace/loader';
import { oversizeDiagnostic } from '../workspace/oversize';
import { pathToUri } from '../workspace/uris';
import { WorkspaceIndex } from '../workspace/workspaceIndex';
import { packageInfo } from '../node/packageInfo';
import { parseArgs, single, type FlagSpec, type ParsedArgs } from './args';
import { formatJson } from './formats/json';
import { formatText } from './formats/text';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { count, emptyCounts, reportFile, type LintReport } from './report';
import { resolveTargets } from './targets';
import { loadProjectFile } from './project';
import { ADOPTION_FLAGS, ADOPTION_USAGE, filterFile, loadCliAdoption, readAdoptionOptions, staleReports, writeAcceptedFindings, type AdoptionOptions, type CliAdoption } from './adoption';

/** The service's features (stateless). */
const SERVICE = createLanguageService();

export const LINT_USAGE = `Usage: avro-studio lint [options] [paths or globs ...]

Validates Apache Avro schemas (.avsc) with the same rules as the editor. Every .avsc file under
--root is indexed, so named types defined in other files resolve exactly as in the editor; only
the files given (default: the current directory) are reported.

Arguments:
  a file            linted whatever its extension
  a folder          every .avsc file under it (node_modules, .git and excludes skipped, unless
                    the folder itself is excluded)
  a glob            quoted, e.g. 'schemas/**/*.avsc' (selects .avsc files)

Options:
  --root <dir>                 workspace root for resolving named types (default: .)
  --format text|json           output format (default: text)
  --max-warnings <n>           exit 1 when there are more than n warnings
  --spec-version 1.11|1.12     the Avro specification to check against (default: "specVersion"
                               of the project file for the file, else 1.11)
  --severity <CODE>=<level>    override a rule's severity: error, warning, info, hint or off
                               (repeatable), e.g. --severity AVRO-242=off; wins over the
                               project file's "rules"
  --exclude <glob>             do not index or lint matching files (relative to --root; repeatable),
                               in addition to the defaults **/target/**, **/build/**, **/.gradle/**
                               (build outputs with stale copies, as in the editor) and the
                               project file's "exclude"
  --no-default-excludes        index target/, build/ and .gradle/ folders too
  --config <file>              the project file to use (default: the nearest avro-studio.json
                               in --root or a folder above it, up to the repository root)
  --no-config                  ignore avro-studio.json
  --max-file-size <MB>         files larger than this are not analysed: they get one AVRO-500
                               (default: 64; 0: no limit). Only regular files are read: a FIFO, a
                               device or a socket named on the command line is an error (exit 2),
                               one found in a folder is skipped
  -q, --quiet                  report errors only (warnings are neither printed nor counted)
${ADOPTION_USAGE}
  --no-color                   plain text output (also: NO_COLOR=1); --color forces colors
  -h, --help                   show this help

Text output: one line per problem, then a summary line:
  path:line:column: severity AVRO-xxx message
Lines and columns are 1-based; columns count UTF-16 code units; paths are relative to the
current directory.

JSON output (--format json) prints one object:
  { "version": 1, "tool": {"name", "version"},
    "files": [ { "path", "uri", "errorCount", "warningCount", "infoCount", "hintCount",
                 "diagnostics": [ { "code", "severity", "message",
                                    "range": {"start": {"line", "column"}, "end": {...}},
                                    "offset", "length",
                                    "related": [ {"path", "range", "message"} ],
                                    "data"? } ] } ],
    "summary": { "files", "filesWithProblems", "errors", "warnings", "infos", "hints",
                 "maxWarnings", "tooManyWarnings", "exitCode" } }

The project file (avro-studio.json) gives the team's rule settings: "rules" (severity per code,
also per glob in "schemas"), "exclude", "specVersion" and the compilation units ("units") that
decide where a name is visible (docs/rules.md). Without units, a name resolves to the nearest
definition in the folder tree. AVRO-306 (a fullname defined differently in files that are not
compiled together) is an editor note, off here unless the project file or --severity turns it on.

Exit status: 0 no errors (and warnings within --max-warnings), 1 errors or too many warnings,
2 usage error, a path that cannot be read, an invalid avro-studio.json, or an internal error.`;

/** The flags `lint` and `check` share (check adds its own). */
export const LINT_FLAGS: readonly FlagSpec[] = [
  { name: 'root', type: 'string' },
  { name: 'format', type: 'string', short: 'f' },
  { name: 'max-warnings', type: 'string' },
  { name: 'spec-version', type: 'string' },
  { name: 'severity', type: 'string', repeatable: true },
  { name: 'exclude', type: 'string', repeatable: true },
  { name: 'no-default-excludes', type: 'boolean' },
  { name: 'config', type: 'string' },
  { name: 'no-config', type: 'boolean' },
  { name: 'max-file-size', type: 'string' },
  { name: 'quiet', type: 'boolean', short: 'q' },
  { name: 'no-color', type: 'boolean' },
  { name: 'color', type: 'boolean' },
  { name: 'help', type: 'boolean', short: 'h' },
  ...ADOPTION_FLAGS,
];

export interface LintOptions extends AdoptionOptions {
  root: string;
  format: string;
  maxWarnings: number | undefined;
  specVersion: string | undefined;
  severity: Partial<Record<DiagnosticCode, SeveritySetting>>;
  exclude: string[];
  quiet: boolean;
  color: boolean;
  targets: string[];
  /** --config: the project file to use (default: the nearest avro-studio.json). */
  config: string | undefined;
  /** --no-config: ignore avro-studio.json. */
  noConfig: boolean;
  /** Bytes: larger files are not analysed (AVRO-500) and never read past this. */
  maxFileSize: number;
  /** The validation rules (default: every rule of the service). */
  rules?: readonly Rule[];
}

/** The CLI's default limit: far above any hand-written schema, so only generated giants and endless files reach it. */
export const CLI_MAX_FILE_SIZE_MB = 64;

/** --max-file-size in MB (0: no limit) as bytes. */
export function readMaxFileSize(parsed: ParsedArgs): number {
  const text = single(parsed, 'max-file-size');
  if (text === undefined) return CLI_MAX_FILE_SIZE_MB * 1024 * 1024;
  if (!/^\d+(\.\d+)?$/.test(text.trim())) throw new CliError(`--max-file-size needs a number of megabytes (0: no limit), not '${text}'`);
  const mb = Number(text);
  return mb > 0 ? Math.round(mb * 1024 * 1024) : Number.POSITIVE_INFINITY;
}

/** The shared options from parsed flags (`format` unchecked: each command knows its formats). */
export function readLintOptions(parsed: ParsedArgs, io: CliIO): LintOptions {
  const format = single(parsed, 'format') ?? 'text';
  let maxWarnings: number | undefined;
  const mw = single(parsed, 'max-warnings');
  if (mw !== undefined) {
    if (!/^\d+$/.test(mw)) throw new CliError(`--max-warnings needs a non-negative integer, not '${mw}'`);
    maxWarnings = Number(mw);
  }
  const specVersion = single(parsed, 'spec-version');
  if (specVersion !== undefined && specVersion !== '1.11' && specVersion !== '1.12') {
    throw new CliError(`--spec-version must be 1.11 or 1.12, not '${specVersion}'`);
  }
  const severity: Partial<Record<DiagnosticCode, SeveritySetting>> = {};
  for (const s of parsed.values.get('severity') ?? []) {
    const m = /^\s*([A-Za-z]+-\d+)\s*[=:]\s*(\w+)\s*$/.exec(s);
    if (!m) throw new CliError(`--severity needs CODE=LEVEL, e.g. AVRO-242=off, not '${s}'`);
    const code = m[1].toUpperCase();
    const level = m[2].toLowerCase();
    if (!isDiagnosticCode(code)) throw new CliError(`--severity: unknown code '${m[1]}' (codes look like AVRO-242)`);
    if (level !== 'error' && level !== 'warning' && level !== 'info' && level !== 'hint' && level !== 'off') {
      throw new CliError(`--severity: level must be error, warning, info, hint or off, not '${m[2]}'`);
    }
    severity[code] = level;
  }
  const config = single(parsed, 'config');
  if (config !== undefined && parsed.booleans.has('no-config')) throw new CliError('--config and --no-config exclude each other');
  const noColor = parsed.booleans.has('no-color') || (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '');
  const color = parsed.booleans.has('color') || (!noColor && io.stdout.isTTY === true && io.env.TERM !== 'dumb');
  return {
    root: path.resolve(io.cwd, single(parsed, 'root') ?? '.'),
    format,
    maxWarnings,
    specVersion,
    severity,
    exclude: [...(parsed.booleans.has('no-default-excludes') ? [] : DEFAULT_EXCLUDE), ...(parsed.values.get('exclude') ?? [])],
    quiet: parsed.booleans.has('quiet'),
    color: color && !parsed.booleans.has('no-color'),
    targets: parsed.positionals.length ? parsed.positionals : ['.'],
    config: config === undefined ? undefined : path.resolve(io.cwd, config),
    noConfig: parsed.booleans.has('no-config'),
    maxFileSize: readMaxFileSize(parsed),
    ...readAdoptionOptions(parsed, io),
  };
}

function readOptions(args: readonly string[], io: CliIO): LintOptions | 'help' {
  const parsed = parseArgs(args, LINT_FLAGS);
  if (parsed.booleans.has('help')) return 'help';
  const format = single(parsed, 'format') ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be 'text' or 'json', not '${format}'`);
  return readLintOptions(parsed, io);
}

/** One linted file: its document, the settings that apply to it, its diagnostics (before --quiet filtering). */
export interface LintedFile {
  path: string;
  uri: string;
  /** An empty document for a file over the size limit. */
  doc: AvroDocument;
  settings: AvroSettings;
  diagnostics: AvroDiagnostic[];
  /** Bytes, when the file is over --max-file-size: not analysed (one AVRO-500). */
  oversize?: number;
}

export interface LintRun {
  files: LintedFile[];
  /** Every .avsc under the root (and the targets): named types resolve across them. */
  index: WorkspaceIndex;
  /** The settings of a file of the run (the project file's rules for it, then the flags). */
  settingsFor(filePath: string): AvroSettings;
  /** The project file the run applies, if any. */
  project: LoadedProjectConfig | undefined;
  /** Validation rules that failed (our bug, said on stderr): the run is incomplete, exit 2. */
  internalErrors: number;
  /** "ignore", inline suppressions and the accepted findings of the run (project/findingFilter.ts). */
  adoption: CliAdoption;
}

/**
 * Index the workspace and validate the targets with the project file's rule settings, units and
 * exclusions; no output. `exclusions`: more files that are not schemas of the workspace (the
 * baseline copies of `check`). Usage and I/O problems throw CliError.
 */
export async function lintFiles(options: LintOptions, io: CliIO, command = 'lint', project?: LoadedProjectConfig, exclusions: ReadonlyArray<{ root: string; patterns: string[] }> = []): Promise<LintRun> {
  const rootStat = await io.fs.stat(options.root).catch(() => undefined);
  if (!rootStat || rootStat.type !== 'directory') throw new CliError(`--root '${path.relative(io.cwd, options.root) || '.'}' is not a folder`);
  const adoption = await loadCliAdoption(project, options, command, io);
  const projectExclude = [...(project ? [{ root: project.config.root, patterns: project.config.exclude }] : []), ...exclusions];
  const exclude = new ExcludeMatcher(options.root, options.exclude, projectExclude);
  const targets = await resolveTargets(options.targets, io.cwd, io.fs, exclude);

  // The workspace: every .avsc under the root (as the editor indexes it), plus targets outside it.
  const index = new WorkspaceIndex(options.maxFileSize);
  index.schemas.setCompilationUnits(project ? compilationUnitsOf([project.config]) : undefined);
  const loaded = await loadWorkspace(io.fs, [{ path: options.root, exclude: options.exclude, projectExclude }], index);
  const unreadable = new Map(loaded.errors.map(e => [e.path, e.message]));
  for (const target of targets) {
    if (index.get(pathToUri(target))) continue;
    if (index.oversize(pathToUri(target)) !== undefined) continue;
    let text: DecodedText;
    try {
      text = await io.fs.readText(target, options.maxFileSize);
    } catch (err) {
      if (err instanceof FileTooLargeError) {
        index.setDiskFileOversize(target, err.size, false);
        continue;
      }
      throw new CliError(`cannot read '${path.relative(io.cwd, target)}': ${unreadable.get(target) ?? (err as Error).message}`);
    }
    index.setDiskFile(target, text, false);
  }
  for (const e of loaded.errors) {
    if (!targets.includes(e.path)) io.stderr.write(`avro-studio ${command}: warning: cannot read '${path.relative(io.cwd, e.path)}': ${e.message}\n`);
  }

  // CI defaults, then the team's project file for the file, then the flags of this run.
  const base = normalizeSettings({ severity: ciSeverityDefaults() });
  const settingsFor = (filePath: string): AvroSettings => {
    const s = withProjectRules(base, project?.config, filePath);
    return {
      ...s,
      specVersion: options.specVersion === '1.11' || options.specVersion === '1.12' ? options.specVersion : s.specVersion,
      severity: { ...s.severity, ...options.severity },
    };
  };
  let internalErrors = 0;
  const files = targets.map((target): LintedFile => {
    const uri = pathToUri(target);
    const doc = index.get(uri);
    const settings = settingsFor(target);
    if (!doc) {
      // Over the limit: not parsed, one AVRO-500 (unless turned off), as in the editor.
      const size = index.oversize(uri) ?? 0;
      const d = oversizeDiagnostic(size, options.maxFileSize, settings, 'the limit with --max-file-size <MB>');
      return { path: target, uri, doc: parseAvroDocument(uri, ''), settings, diagnostics: d ? [d] : [], oversize: size };
    }
    const { diagnostics, internalErrors: failed } = SERVICE.validate({ doc, index: index.schemas, settings }, options.rules);
    for (const f of failed) {
      io.stderr.write(`avro-studio ${command}: internal error: the validation rule ${f.rule} failed on '${path.relative(io.cwd, target)}' (${f.message}): its findings are missing, the other rules' are reported. Please report this.\n`);
    }
    internalErrors += failed.length;
    return { path: target, uri, doc, settings, diagnostics };
  });
  return { files, index, settingsFor, project, internalErrors, adoption };
}

/** Positions, counts, --quiet, --max-warnings and the exit code of linted files. */
export function buildLintReport(run: LintRun, options: Pick<LintOptions, 'quiet' | 'maxWarnings' | 'writeBaseline'>, io: CliIO): LintReport {
  const report: LintReport = { files: [], counts: emptyCounts(), maxWarnings: options.maxWarnings, tooManyWarnings: false, exitCode: EXIT_OK };
  report.adoption = { accepted: 0, ignored: 0, suppressed: 0, keys: [] };
  for (const file of run.files) {
    // Inline suppressions, "ignore" and the accepted findings (all of them when writing the file).
    const filtered = filterFile(run.adoption, file, file.diagnostics, options.writeBaseline !== undefined);
    report.adoption.accepted += filtered.counts.accepted;
    report.adoption.ignored += filtered.counts.ignored;
    report.adoption.suppressed += filtered.counts.suppressed;
    report.adoption.keys.push(...filtered.keys);
    let diagnostics = filtered.diagnostics;
    if (options.quiet) diagnostics = diagnostics.filter(d => d.severity === 'error');
    const fileReport = reportFile(io.cwd, file.path, file.uri, file.doc.text, diagnostics, u => run.index.get(u)?.text);
    if (filtered.accepted.length) fileReport.accepted = reportFile(io.cwd, file.path, file.uri, file.doc.text, filtered.accepted, () => undefined).diagnostics;
    report.files.push(fileReport);
  }
  return finishCounts(report, run, options);
}

/** Counts, --max-warnings and the exit code of the report's files. */
function finishCounts(report: LintReport, run: LintRun, options: Pick<LintOptions, 'maxWarnings'>): LintReport {
  report.counts = emptyCounts();
  for (const f of report.files) for (const d of f.diagnostics) count(report.counts, d.diagnostic.severity);
  report.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  report.tooManyWarnings = options.maxWarnings !== undefined && report.counts.warnings > options.maxWarnings;
  report.exitCode = report.counts.errors > 0 || report.tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
  // A check that could not run completely must not pass.
  if (run.internalErrors > 0) report.exitCode = EXIT_USAGE;
  return report;
}

/**
 * After the report: writes the accepted findings file (--write-baseline), or adds AVRO-682 ("ignore"
 * entries that matched nothing, on avro-studio.json) and AVRO-683 (accepted findings no longer
 * found, on their file) as files of the report.
 */
export async function completeAdoption(report: LintReport, run: LintRun, options: Pick<LintOptions, 'quiet' | 'maxWarnings' | 'writeBaseline' | 'root'>, command: string, io: CliIO): Promise<LintReport> {
  if (options.writeBaseline !== undefined) {
    await writeAcceptedFindings(options.writeBaseline, report.adoption?.keys ?? [], run.adoption, command, io);
    report.adoption!.written = options.writeBaseline;
    return report;
  }
  const root = run.adoption.adoption.root;
  const exists = (relative: string): boolean => {
    const uri = pathToUri(path.join(root, relative));
    return run.index.get(uri) !== undefined || run.index.oversize(uri) !== undefined;
  };
  let stale = await staleReports(run.adoption, io, run.settingsFor, exists);
  if (options.quiet) stale = stale.map(f => ({ ...f, diagnostics: f.diagnostics.filter(d => d.diagnostic.severity === 'error') })).filter(f => f.diagnostics.length);
  if (!stale.length) return report;
  report.files.push(...stale);
  return finishCounts(report, run, options);
}

async function lint(options: LintOptions, io: CliIO): Promise<number> {
  // The project file's rules, exclusions, units and specVersion apply as in the editor and in `check`; flags win.
  const project = await loadProjectFile(options.root, options.config, options.noConfig, io);
  const run = await lintFiles(options, io, 'lint', project);
  const report = await completeAdoption(buildLintReport(run, options, io), run, options, 'lint', io);
  const info = packageInfo();
  io.stdout.write(options.format === 'json' ? formatJson(report, { name: info.name, version: info.version }) : formatText(report, options.color));
  return report.exitCode;
}

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'validate .avsc files (text or JSON output, CI exit codes)',
  usage: LINT_USAGE,
  async run(args, io) {
    let options: LintOptions | 'help';
    try {
      options = readOptions(args, io);
    } catch (err) {
      if (err instanceof CliError) {
        io.stderr.write(`avro-studio lint: ${err.message}\nRun 'avro-studio help lint' for the options.\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    if (options === 'help') {
      io.stdout.write(LINT_USAGE + '\n');
      return EXIT_OK;
    }
    try {
      return await lint(options, io);
    } catch (err) {
      if (err instanceof CliError) {
        io.stderr.write(`avro-studio lint: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
  },
};
