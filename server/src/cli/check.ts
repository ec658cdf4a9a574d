// `avro-studio check`: lint plus compatibility of each file with its baseline (git:REF, git:history, file:PATH, registry), for CI, in five output formats.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { FolderCompanionSource, GitCompanionSource, gitVersionOf, loadBaselineSchemas, quoteNames, type BaselineSchema, type CompanionSource } from '../baselines/baselineSchemas';
import { FileBaseline } from '../baselines/file';
import { GitSnapshotBaseline } from '../baselines/gitSnapshot';
import { parseRegistryUri, RegistryBaseline } from '../baselines/registry';
import { providerFor } from '../baselines/select';
import { formatBaselineSpec, parseBaselineSpec, type BaselineProvider, type BaselineResult, type BaselineSpec } from '../baselines/types';
import { confinedPath, type PathOrigin } from '../config/confine';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { policyFor, PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { CODE_INFO, Codes, type DiagnosticCode, type Severity } from '../service/codes';
import { resolverFor } from '../service/model/schemaIndex';
import { checkLevel, groupFindings, isCompatibilityLevel, type CompatibilityLevel } from '../service/compatibility/levels';
import { compatibilityNoteDiagnostics } from '../service/compatibility/diagnostics';
import type { AvroSettings } from '../service/settings';
import { LineIndex } from '../service/text';
import type { AvroDiagnostic } from '../service/validation/diagnostic';
import { uriToPath } from '../workspace/uris';
import { packageInfo } from '../node/packageInfo';
import { parseArgs, single, type FlagSpec } from './args';
import { formatGithub, githubStepSummary } from './formats/github';
import { formatCheckJson } from './formats/json';
import { formatJunit } from './formats/junit';
import { formatSarif } from './formats/sarif';
import { formatCheckText } from './formats/text';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { loadProjectFile } from './project';
import { buildLintReport, LINT_FLAGS, lintFiles, readLintOptions, type LintedFile, type LintOptions, type LintRun } from './lint';
import { displayPath, type FileCompatibility, type LintReport, type ReportedFinding, type ReportedVersion } from './report';
import { mapFile, relativeToRoot } from '../registry/mapping';
import { connectRegistry, type RegistryOverrides } from './registry/connect';
import { redactedIO } from './registry/output';
import { mapLimit } from '../service/util/mapLimit';

export const CHECK_FORMATS = ['text', 'json', 'github', 'junit', 'sarif'] as const;
export type CheckFormat = (typeof CHECK_FORMATS)[number];

export const CHECK_USAGE = `Usage: avro-studio check [options] [paths or globs ...]

Lint plus compatibility: every file is validated as by 'avro-studio lint', then checked against
its earlier version(s) at a Confluent compatibility level, as Schema Registry would check it.

Arguments: files, folders or quoted globs, as for lint (default: the current directory).

Compatibility options:
  --against <baseline>         the earlier version of every file (overrides avro-studio.json):
                                 git:REF       the file at a commit, branch or tag (git:HEAD,
                                               git:origin/main), following renames
                                 git:history   every committed version, newest first
                                 file:PATH     another file; or a folder holding the earlier
                                               versions at the same paths relative to --root
                                 registry      the versions registered under the file's subject
                                               in Schema Registry (avro-studio.json gives the URL
                                               and the subject; credentials from the environment:
                                               see 'avro-studio help registry')
  --level <level>              NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE,
                               FULL or FULL_TRANSITIVE (overrides avro-studio.json; against the
                               registry the default is the subject's own level)
  --allow-missing-baseline     report a file whose baseline cannot be read (no git, not a
                               repository, unknown ref, shallow clone) instead of exiting 2
  --config <file>              the project file to use (default: the nearest avro-studio.json
                               in --root or a folder above it, up to the repository root)
  --no-config                  ignore avro-studio.json

Level and baseline of a file: --level/--against, else the project file's rules for the file
(later rules win), else BACKWARD against git:HEAD. BACKWARD: the new schema reads data written
with the old one; FORWARD: the old schema reads data written with the new one; FULL: both;
*_TRANSITIVE: against every version of git:history or of the registry's subject (others have
one version). A file that is new since the baseline is reported, not failed. Named types the old
version uses from other files are read from the same commit (git) or the same baseline folder;
when that file did not exist there, or the baseline is a single file, from the working tree (a
note says so); against the registry, from the schemas the version references.

Lint options:
  --root <dir>                 workspace root for resolving named types (default: .)
  -f, --format <format>        text, json, github (workflow annotations), junit or sarif
                               (SARIF 2.1.0, for code scanning) (default: text)
  --max-warnings <n>           exit 1 when there are more than n warnings
  --spec-version 1.11|1.12     the Avro specification (default: the project file's, else 1.11)
  --severity <CODE>=<level>    override a code's severity: error, warning, info, hint or off
                               (repeatable); e.g. --severity AVRO-400=warning reports a missing
                               default without failing
  --exclude <glob>             do not index or check matching files (repeatable)
  --no-default-excludes        index target/, build/ and .gradle/ folders too
  --max-file-size <MB>         larger files get one AVRO-500 and are not analysed (default: 64;
                               0: no limit); a FIFO or a device named on the command line is exit 2
  -q, --quiet                  errors only; no lines for compatible or new files
  --no-color, --color          plain or colored text (NO_COLOR=1 also turns colors off)
  -h, --help                   show this help

Text output: path:line:column: severity AVRO-xxx message (as lint), then one line per file:
  schemas/metering-event.avsc: BACKWARD vs git:origin/main (3f2c1ab): 1 breaking change
then a summary. --format json prints lint's object with "compatibility" per file and in
"summary" (see the README). --format github prints ::error/::warning/::notice commands and the
summary, and appends a Markdown table to $GITHUB_STEP_SUMMARY when it is set.

Exit status: 0 no errors and every file compatible (or new); 1 errors (lint errors, breaking
changes, or more than --max-warnings warnings); 2 usage error, unreadable path, invalid
avro-studio.json, or a baseline that cannot be read (without --allow-missing-baseline).`;

const FLAGS: readonly FlagSpec[] = [
  ...LINT_FLAGS,
  { name: 'against', type: 'string' },
  { name: 'level', type: 'string' },
  { name: 'allow-missing-baseline', type: 'boolean' },
];

interface CheckOptions extends LintOptions {
  format: CheckFormat;
  against: BaselineSpec | undefined;
  level: CompatibilityLevel | undefined;
  allowMissingBaseline: boolean;
}

function readOptions(args: readonly string[], io: CliIO): CheckOptions | 'help' {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.booleans.has('help')) return 'help';
  const format = single(parsed, 'format') ?? 'text';
  if (!(CHECK_FORMATS as readonly string[]).includes(format)) throw new CliError(`--format must be one of ${CHECK_FORMATS.join(', ')}, not '${format}'`);
  const lint = readLintOptions(parsed, io);
  const againstText = single(parsed, 'against');
  let against: BaselineSpec | undefined;
  if (againstText !== undefined) {
    against = parseBaselineSpec(againstText);
    if (!against) throw new CliError(`--against must be git:REF, git:history, file:PATH or registry, not '${againstText}'`);
  }
  const levelText = single(parsed, 'level');
  let level: CompatibilityLevel | undefined;
  if (levelText !== undefined) {
    const upper = levelText.toUpperCase();
    if (!isCompatibilityLevel(upper)) throw new CliError(`--level must be NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE, not '${levelText}'`);
    level = upper;
  }
  return {
    ...lint,
    format: format as CheckFormat,
    against,
    level,
    allowMissingBaseline: parsed.booleans.has('allow-missing-baseline'),
  };
}

/** What applies to one file: level and baseline with their origins. */
interface FilePlan {
  file: LintedFile;
  level: CompatibilityLevel;
  spec: BaselineSpec;
  /** Folder relative file: paths start from. */
  base: string;
  source: FileCompatibility['source'];
}

function planFor(file: LintedFile, options: CheckOptions, io: CliIO, project: LoadedProjectConfig | undefined): FilePlan {
  // The project file's globs match files inside its folder only (as the registry mapping does).
  const relative = project ? relativeToRoot(project.config.root, file.path) : undefined;
  const policy = project && relative !== undefined ? policyFor(project.config, relative) : undefined;
  const level = options.level ?? policy?.level ?? 'BACKWARD';
  const spec = options.against ?? policy?.baseline ?? { kind: 'git', ref: 'HEAD' };
  return {
    file,
    level,
    spec,
    base: options.against || !project ? io.cwd : project.config.root,
    source: {
      level: options.level ? 'option' : policy?.level ? 'project file' : 'default',
      baseline: options.against ? 'option' : policy?.baseline ? 'project file' : 'default',
    },
  };
}

/** file:DIR: the earlier version of each file at the same path relative to the workspace root (inside the project's folder when avro-studio.json names it). */
class FolderBaseline implements BaselineProvider {
  constructor(private readonly folder: string, private readonly workspaceRoot: string, private readonly written: string, private readonly origin: PathOrigin | undefined) {}

  async load(filePath: string): Promise<BaselineResult> {
    const relative = path.relative(this.workspaceRoot, filePath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      return { kind: 'unavailable', reason: 'file-missing', message: `${filePath} is outside --root, so the baseline folder ${this.written} has no counterpart for it.` };
    }
    const target = path.join(this.folder, relative);
    const result = await new FileBaseline(target, this.workspaceRoot, this.origin, false).load(filePath);
    if (result.kind === 'unavailable' && result.reason === 'file-missing') {
      return { kind: 'none', message: `${relative.split(path.sep).join('/')} is not in the baseline folder ${this.written}: it is new.` };
    }
    return result;
  }
}

interface Loaded {
  plan: FilePlan;
  result: BaselineResult | undefined;
  companions: CompanionSource | undefined;
}

/** What one run shares between files: one git snapshot per ref, one `git show` per companion file. */
interface Shared {
  companions: GitCompanionSource;
  snapshots: Map<string, GitSnapshotBaseline>;
  /** The registry baseline, made at its first use (a run that never needs the registry never asks for credentials). */
  registry: () => Promise<RegistryBaseline>;
}

/** The `registry` baseline of a run: each file's subject from avro-studio.json (or --subject), its level unless --level or the project file gives one. */
function registryBaseline(run: LintRun, options: CheckOptions, io: CliIO, project: LoadedProjectConfig | undefined, overrides: RegistryOverrides): () => Promise<RegistryBaseline> {
  let made: Promise<RegistryBaseline> | undefined;
  const docs = new Map(run.files.map(f => [f.path, f.doc]));
  return () =>
    (made ??= connectRegistry(project, overrides, io).then(registry => new RegistryBaseline({
      client: registry.client,
      folder: registry.folder,
      secrets: registry.secrets,
      subjectOf: filePath => mapFile(project?.config, filePath, docs.get(filePath), { subject: overrides.subject }).resolution,
      levelOverride: filePath => options.level ?? mapFile(project?.config, filePath, docs.get(filePath)).policy?.level,
    })));
}

async function providerOf(plan: FilePlan, options: CheckOptions, shared: Shared): Promise<{ provider: BaselineProvider; companions: CompanionSource | undefined }> {
  const spec = plan.spec;
  if (spec.kind === 'git') {
    let snapshot = shared.snapshots.get(spec.ref);
    if (!snapshot) shared.snapshots.set(spec.ref, (snapshot = new GitSnapshotBaseline(spec.ref, { trusted: true })));
    return { provider: snapshot, companions: shared.companions };
  }
  if (spec.kind === 'registry') return { provider: await shared.registry(), companions: undefined };
  if (spec.kind === 'file') {
    // A path avro-studio.json names stays inside its folder: outside, FileBaseline says so (and reads nothing).
    const target = await confinedPath(spec.path, spec.origin, plan.base).catch(() => undefined);
    const stat = target === undefined ? undefined : await fsp.stat(target).catch(() => undefined);
    if (target !== undefined && stat?.isDirectory()) {
      return { provider: new FolderBaseline(target, options.root, spec.path, spec.origin), companions: new FolderCompanionSource(target, options.root, spec.origin) };
    }
  }
  return { provider: providerFor(spec, { trusted: true, root: plan.base }), companions: spec.kind === 'git-history' ? shared.companions : undefined };
}

function severityOf(code: DiagnosticCode, settings: AvroSettings): Severity | 'off' {
  return settings.severity[code] ?? CODE_INFO[code].severity;
}

function hasSyntaxErrors(diagnostics: readonly AvroDiagnostic[]): boolean {
  return diagnostics.some(d => /^AVRO-1\d\d$/.test(d.code) && d.severity === 'error');
}

/** A path to show for a document URI of a baseline version or the working tree. */
function displayOfUri(cwd: string, uri: string): string {
  const registered = parseRegistryUri(uri);
  if (registered) return `registry:${registered.subject}/v${registered.version}`;
  if (uri.startsWith('git:')) {
    const q = uri.indexOf('?');
    try {
      const p = (JSON.parse(decodeURIComponent(uri.slice(q + 1))) as { path?: unknown }).path;
      if (typeof p === 'string') return displayPath(cwd, p);
    } catch {
      // fall through
    }
  }
  return displayPath(cwd, uriToPath(uri) ?? uri);
}

interface Checked {
  compatibility: FileCompatibility;
  /** Compatibility diagnostics (and AVRO-411) to add to the file's lint diagnostics. */
  diagnostics: AvroDiagnostic[];
  /** Finding -> its diagnostic, to link them after positions are computed. */
  links: Array<{ finding: ReportedFinding; diagnostic: AvroDiagnostic | undefined }>;
}

async function checkFile(loaded: Loaded, run: LintRun, options: CheckOptions, io: CliIO): Promise<Checked> {
  const { plan, result } = loaded;
  const file = plan.file;
  const compatibility: FileCompatibility = {
    level: plan.level,
    baseline: formatBaselineSpec(plan.spec),
    source: plan.source,
    status: 'not-checked',
    notes: [],
    versions: [],
    checks: [],
    complete: true,
    findings: [],
  };
  const out: Checked = { compatibility, diagnostics: [], links: [] };
  if (plan.level === 'NONE') {
    compatibility.message = 'level NONE: no compatibility check';
    return out;
  }
  if (file.oversize !== undefined) {
    compatibility.message = 'not checked: the file is over the size limit (--max-file-size)';
    return out;
  }
  if (!result) return out;
  if (result.kind === 'unavailable') {
    compatibility.status = 'unavailable';
    compatibility.message = result.message;
    return out;
  }
  if (result.kind === 'none') {
    compatibility.status = 'new';
    compatibility.message = result.message;
    // "Not yet registered" or "maps to no subject: add a rule": the text output shows notes, not the message.
    if (plan.spec.kind === 'registry') compatibility.notes.push(result.message);
    return out;
  }
  compatibility.notes.push(...result.notes);
  const schemas = await loadBaselineSchemas(result.versions, {
    workingTree: run.index.schemas,
    candidateUri: file.uri,
    pathOf: uri => run.index.pathOf(uri) ?? uriToPath(uri),
    companions: loaded.companions,
  });
  compatibility.versions = schemas.map(s => reportedVersion(s, io.cwd));
  for (const s of schemas) noteCompanions(s, compatibility, io.cwd, schemas.length > 1, !loaded.companions);
  const invalid = schemas.filter(s => !s.baseline);
  for (const s of invalid) {
    // Where and what kind of problem, never the baseline's text: a file that is not a schema may hold anything.
    const syntax = s.doc.json.errors[0];
    const problem = syntax ?? s.doc.diagnostics[0];
    const at = problem ? new LineIndex(s.doc.text).positionAt(problem.offset) : undefined;
    const what = syntax ? `JSON syntax error, ${syntax.kind.replace(/-/g, ' ')}` : s.doc.diagnostics[0]?.code ?? '';
    const first = problem && at ? `line ${at.line + 1}, column ${at.character + 1}${s.version.path ? ` of ${displayPath(io.cwd, s.version.path)}` : ''}: ${what}` : 'it holds no schema';
    const severity = severityOf(Codes.BaselineInvalid, file.settings);
    if (severity === 'off') continue;
    out.diagnostics.push({
      code: Codes.BaselineInvalid,
      severity,
      offset: 0,
      length: 0,
      message: `The baseline ${s.version.label} of this file is not a valid Avro schema (${first}): the file is not checked against it.`,
    });
  }
  const doc = file.doc;
  if (hasSyntaxErrors(file.diagnostics) || !doc.root) {
    compatibility.message = doc.root ? 'not checked: the file has JSON syntax errors' : 'not checked: the file holds no schema';
    return out;
  }
  const valid = schemas.filter(s => s.baseline);
  if (valid.length === 0) {
    compatibility.message = `not checked: no version of the baseline is a valid schema`;
    return out;
  }
  const candidate = { doc, schema: doc.root, resolve: resolverFor(run.index.schemas, doc) };
  const level = checkLevel(plan.level, candidate, valid.map(s => s.baseline!));
  compatibility.checks = level.checks.map(c => ({ version: c.version, direction: c.direction, compatible: c.compatible, complete: c.complete, incompatibilities: c.incompatibilities }));
  compatibility.complete = level.complete;
  compatibility.status = level.compatible ? 'compatible' : 'incompatible';
  const own = new LineIndex(doc.text);
  for (const g of groupFindings(level.findings)) {
    const inc = g.incompatibility;
    const severity = severityOf(inc.code, file.settings);
    let diagnostic: AvroDiagnostic | undefined;
    if (severity !== 'off') {
      // No `data`: the engine's fix data holds offsets into other documents (the editor's quick fixes use it); `compatibility.findings` describe the finding.
      diagnostic = { code: inc.code, severity, offset: g.span.offset, length: g.span.length, message: g.message };
      if (g.candidateSpan.uri !== doc.uri) {
        diagnostic.related = [{ uri: g.candidateSpan.uri, offset: g.candidateSpan.offset, length: g.candidateSpan.length, message: 'where the new schema defines it' }];
      }
      out.diagnostics.push(diagnostic);
    }
    const newest = schemas.find(s => s.version.label === g.versions[0]);
    const baselineDoc = newest?.documents.find(d => d.uri === g.baselineSpan.uri);
    const finding: ReportedFinding = {
      diagnostic: undefined,
      code: inc.code,
      type: inc.type,
      location: inc.location,
      direction: g.direction,
      versions: g.versions,
      message: g.message,
      range: own.rangeOf(g.span.offset, g.span.length),
      baseline: baselineDoc
        ? { version: g.versions[0], path: displayOfUri(io.cwd, baselineDoc.uri), range: new LineIndex(baselineDoc.text).rangeOf(g.baselineSpan.offset, g.baselineSpan.length) }
        : undefined,
    };
    compatibility.findings.push(finding);
    out.links.push({ finding, diagnostic });
  }
  // Notes (AVRO-412, info): compatible, but not for every reader. Their related place is in a baseline copy, which the CLI does not print.
  for (const note of compatibilityNoteDiagnostics(level.notes, file.settings)) out.diagnostics.push({ ...note, related: undefined });
  if (!level.complete) {
    const unresolved = [...new Set(schemas.flatMap(s => s.unresolved))];
    compatibility.notes.push(
      unresolved.length
        ? `Parts that use ${quoteNames(unresolved)} were not checked: the name resolves nowhere in the baseline.`
        : 'Parts of the schema were not checked: some names resolve nowhere (see the diagnostics).',
    );
  }
  return out;
}

function reportedVersion(s: BaselineSchema, cwd: string): ReportedVersion {
  const git = gitVersionOf(s.version);
  return {
    label: s.version.label,
    commit: git?.commit,
    description: s.version.description,
    path: git ? displayPath(cwd, git.path) : s.version.path ? displayPath(cwd, s.version.path) : displayOfUri(cwd, s.version.uri),
    text: s.version.text,
    checked: s.baseline !== undefined,
  };
}

function noteCompanions(s: BaselineSchema, compat: FileCompatibility, cwd: string, several: boolean, singleFile: boolean): void {
  for (const c of s.companions) {
    if (c.from !== 'working tree') continue;
    const why = singleFile ? 'a single-file baseline holds no other files' : 'the file is not in the baseline';
    const note = `Names from ${displayPath(cwd, c.path)} that ${several ? `version ${s.version.label}` : 'the baseline'} uses were resolved in the working tree (${why}).`;
    if (!compat.notes.includes(note)) compat.notes.push(note);
  }
}

/**
 * Baseline files and folders (file:PATH) inside the workspace root hold old copies of the schemas:
 * indexing them would define every named type twice (AVRO-306), so they are excluded.
 */
async function baselineExcludes(options: CheckOptions, io: CliIO, project: LoadedProjectConfig | undefined): Promise<string[]> {
  const specs: Array<{ spec: BaselineSpec | undefined; base: string }> = [{ spec: options.against, base: io.cwd }];
  if (project && !options.against) {
    specs.push({ spec: project.config.baseline, base: project.config.root });
    for (const rule of project.config.schemas) specs.push({ spec: rule.baseline, base: project.config.root });
  }
  const out: string[] = [];
  for (const { spec, base } of specs) {
    if (spec?.kind !== 'file') continue;
    const target = path.resolve(base, spec.path);
    const relative = path.relative(options.root, target).split(path.sep).join('/');
    if (!relative || relative.startsWith('..') || path.isAbsolute(relative)) continue;
    const stat = await fsp.stat(target).catch(() => undefined);
    out.push(stat?.isDirectory() ? `${relative}/**` : relative);
  }
  return out;
}

async function check(options: CheckOptions, io: CliIO, overrides: RegistryOverrides): Promise<number> {
  const project = await loadProjectFile(options.root, options.config, options.noConfig, io);
  const exclude = [...options.exclude, ...(await baselineExcludes(options, io, project))];
  const run = await lintFiles({ ...options, exclude }, io, 'check', project);
  if (overrides.subject !== undefined && run.files.length !== 1) {
    throw new CliError(`--subject names the subject of one file, but ${run.files.length} files are given: name one file, or map them in ${PROJECT_CONFIG_FILE}`);
  }
  const shared: Shared = { companions: new GitCompanionSource({ trusted: true }), snapshots: new Map(), registry: registryBaseline(run, options, io, project, overrides) };

  const plans = run.files.map(f => planFor(f, options, io, project));
  const loaded = await mapLimit(plans, 8, async (plan): Promise<Loaded> => {
    if (plan.level === 'NONE' || plan.file.oversize !== undefined) return { plan, result: undefined, companions: undefined };
    const { provider, companions } = await providerOf(plan, options, shared);
    const result = await provider.load(plan.file.path);
    // Against the registry the level is the subject's own, unless --level or the project file gives one.
    const target = provider instanceof RegistryBaseline ? provider.target(plan.file.path) : undefined;
    if (target && target.levelSource === 'registry') {
      plan.level = target.level;
      plan.source.level = 'registry';
    }
    return { plan, result, companions };
  });

  // A baseline that cannot be read is the pipeline's problem (exit 2), unless allowed.
  if (!options.allowMissingBaseline) {
    const missing = new Map<string, string[]>();
    for (const l of loaded) {
      if (l.result?.kind !== 'unavailable') continue;
      const key = `${formatBaselineSpec(l.plan.spec)}: ${l.result.message}`;
      missing.set(key, [...(missing.get(key) ?? []), displayPath(io.cwd, l.plan.file.path)]);
    }
    if (missing.size) {
      const lines = [...missing].map(([message, files]) => `baseline ${message} (${files.length === 1 ? files[0] : `${files.length} files: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''}`})`);
      throw new CliError(`${lines.join('\navro-studio check: ')}\nNothing was checked. Fix the baseline, or pass --allow-missing-baseline to check the other files and report these as unchecked.`);
    }
  }

  const checked = await mapLimit(loaded, 8, l => checkFile(l, run, options, io));
  const merged: LintRun = {
    ...run,
    files: run.files.map((f, i) => ({
      ...f,
      diagnostics: [...f.diagnostics, ...checked[i].diagnostics].sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code)),
    })),
  };
  const report: LintReport = buildLintReport(merged, options, io);
  report.command = 'check';
  const byPath = new Map(report.files.map(f => [f.absolutePath, f]));
  run.files.forEach((f, i) => {
    const fileReport = byPath.get(f.path)!;
    const c = checked[i];
    for (const link of c.links) link.finding.diagnostic = fileReport.diagnostics.find(d => d.diagnostic === link.diagnostic);
    if (options.quiet) {
      // --quiet keeps errors only: findings whose diagnostic is gone are not reported either.
      c.compatibility.findings = c.compatibility.findings.filter(f => f.diagnostic);
    }
    fileReport.compatibility = c.compatibility;
  });

  const info = packageInfo();
  const tool = { name: info.name, version: info.version, informationUri: info.homepage };
  switch (options.format) {
    case 'json': io.stdout.write(formatCheckJson(report, tool)); break;
    case 'github': {
      io.stdout.write(formatGithub(report));
      const summaryFile = io.env.GITHUB_STEP_SUMMARY;
      if (summaryFile) {
        await fsp.appendFile(summaryFile, githubStepSummary(report)).catch(e => io.stderr.write(`avro-studio check: warning: cannot write GITHUB_STEP_SUMMARY: ${(e as Error).message}\n`));
      }
      break;
    }
    case 'junit': io.stdout.write(formatJunit(report)); break;
    case 'sarif': io.stdout.write(formatSarif(report, tool, io.cwd)); break;
    default: io.stdout.write(formatCheckText(report, options.color, options.quiet));
  }
  return report.exitCode === EXIT_OK ? EXIT_OK : EXIT_FINDINGS;
}

/**
 * Run `check` with `args`; `overrides` carries what `avro-studio registry check` adds (--registry,
 * --subject, --timeout). Output never holds a registry secret of the environment.
 */
export async function runCheck(args: readonly string[], rawIO: CliIO, overrides: RegistryOverrides = {}, command = { name: 'check', usage: CHECK_USAGE }): Promise<number> {
  const io = redactedIO(rawIO);
  let options: CheckOptions | 'help';
  try {
    options = readOptions(args, io);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`avro-studio ${command.name}: ${err.message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  if (options === 'help') {
    io.stdout.write(command.usage + '\n');
    return EXIT_OK;
  }
  try {
    return await check(options, io, overrides);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`avro-studio ${command.name}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'lint plus compatibility against a baseline (git:REF, git:history, file:PATH, registry)',
  usage: CHECK_USAGE,
  run: (args, io) => runCheck(args, io),
};
