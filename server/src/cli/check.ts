// `avro-studio check`: lint plus compatibility of each file with its baseline (git:REF, git:history, file:PATH, registry), for CI, in five output formats.
import * as fsp from 'node:fs/promises';
import { gitVersionOf, type BaselineSchema } from '../baselines/baselineSchemas';
import { parseRegistryUri, RegistryBaseline } from '../baselines/registry';
import type { BaselineResult } from '../baselines/types';
import type { LoadedProjectConfig } from '../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { BASELINE_FORMS, DEFAULT_BASELINE, formatBaselineSpec, parseBaselineSpec, type BaselineSpec } from '../domain/baselines';
import { DEFAULT_LEVEL, levelList, parseCompatibilityLevel, type CompatibilityLevel } from '../domain/compatibility';
import { Baselines, baselineExclusions, loadVersions, type LoadedVersions, type OpenedBaseline } from '../project/baselines';
import { checkFile as checkAgainstBaseline, unresolvedNote } from '../project/checkFile';
import { baselinesInUse, compatibilityPolicy, withRegistryLevel, type CompatibilityPolicy, type PolicyInputs } from '../project/policy';
import { LineIndex } from '../service/text';
import type { AvroDiagnostic } from '../service/languageService';
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
import { ADOPTION_USAGE } from './adoption';
import { buildLintReport, completeAdoption, LINT_FLAGS, lintFiles, readLintOptions, type LintedFile, type LintOptions, type LintRun } from './lint';
import { displayPath, type FileCompatibility, type LintReport, type ReportedFinding, type ReportedVersion } from './report';
import { mapFile } from '../registry/mapping';
import { connectRegistry, type RegistryOverrides } from './registry/connect';
import { redactedIO } from './registry/output';
import { mapLimit } from '../service/languageService';

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
${ADOPTION_USAGE}
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
    if (!against) throw new CliError(`--against must be ${BASELINE_FORMS.replace(/"/g, '')}, not '${againstText}'`);
  }
  const levelText = single(parsed, 'level');
  let level: CompatibilityLevel | undefined;
  if (levelText !== undefined) {
    level = parseCompatibilityLevel(levelText);
    if (!level) throw new CliError(`--level must be ${levelList('or')}, not '${levelText}'`);
  }
  return {
    ...lint,
    format: format as CheckFormat,
    against,
    level,
    allowMissingBaseline: parsed.booleans.has('allow-missing-baseline'),
  };
}

/** What applies to one file: the project layer's policy for it. */
interface FilePlan {
  file: LintedFile;
  policy: CompatibilityPolicy;
}

/** The CLI's starting point: BACKWARD against git:HEAD, and --level/--against over the project file. */
function policyInputs(options: CheckOptions, io: CliIO, project: LoadedProjectConfig | undefined): PolicyInputs {
  return {
    defaults: { level: DEFAULT_LEVEL, baseline: DEFAULT_BASELINE, base: project ? project.config.root : io.cwd, levelLabel: 'default', baselineLabel: 'default' },
    override: { level: options.level, baseline: options.against, base: io.cwd, levelLabel: '--level', baselineLabel: '--against' },
  };
}

interface Loaded {
  plan: FilePlan;
  versions: LoadedVersions | undefined;
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
  /** Compatibility diagnostics (and AVRO-411, AVRO-412) to add to the file's lint diagnostics. */
  diagnostics: AvroDiagnostic[];
  /** Finding -> its diagnostic, to link them after positions are computed. */
  links: Array<{ finding: ReportedFinding; diagnostic: AvroDiagnostic | undefined }>;
  /** A rule of the check failed (a bug): said on stderr; the run exits 2. */
  failed?: boolean;
}

/** What the project layer's check of one file says, as the CLI reports it. */
function checkFile(loaded: Loaded, run: LintRun, io: CliIO): Checked {
  const { plan, versions } = loaded;
  const file = plan.file;
  const policy = versions ? withRegistryLevel(plan.policy, versions.result) : plan.policy;
  const compatibility: FileCompatibility = {
    level: policy.level,
    baseline: formatBaselineSpec(policy.baseline),
    source: { level: policy.levelFrom.source, baseline: policy.baselineFrom.source === 'registry' ? 'default' : policy.baselineFrom.source },
    status: 'not-checked',
    notes: [],
    versions: [],
    checks: [],
    complete: true,
    findings: [],
  };
  const out: Checked = { compatibility, diagnostics: [], links: [] };
  if (file.oversize !== undefined) {
    compatibility.message = 'not checked: the file is over the size limit (--max-file-size)';
    return out;
  }
  const check = checkAgainstBaseline({
    doc: file.doc,
    workingTree: run.index.schemas,
    level: policy.level,
    baseline: versions,
    settings: file.settings,
    displayPath: p => displayPath(io.cwd, p),
  });
  if (check.internalError) {
    io.stderr.write(`avro-studio check: internal error: ${check.internalError.rule} failed on '${displayPath(io.cwd, file.path)}' (${check.internalError.message}): their findings are missing, the others are reported. Please report this.\n`);
    out.failed = true;
  }
  // Related places in the working tree are printed; those in baseline versions are not (the CLI shows the baseline place in the finding).
  const inWorkingTree = (d: AvroDiagnostic): AvroDiagnostic => ({ ...d, data: undefined, related: d.related?.filter(r => run.index.get(r.uri) !== undefined) });
  switch (check.notChecked) {
    case 'level-none':
      compatibility.message = 'level NONE: no compatibility check';
      return out;
    case 'baseline-unavailable':
      if (!versions) return out;
      compatibility.status = 'unavailable';
      compatibility.message = check.message;
      return out;
    case 'new':
      compatibility.status = 'new';
      compatibility.message = check.message;
      // "Not yet registered" or "maps to no subject: add a rule": the text output shows notes, not the message.
      if (policy.baseline.kind === 'registry' && check.message) compatibility.notes.push(check.message);
      return out;
  }
  const result = versions!.result as Extract<BaselineResult, { kind: 'ok' }>;
  const schemas = versions!.schemas;
  compatibility.notes.push(...result.notes);
  compatibility.versions = schemas.map(s => reportedVersion(s, io.cwd));
  for (const s of schemas) noteCompanions(s, compatibility, io.cwd, schemas.length > 1, !versions!.hasCompanions);
  out.diagnostics.push(...check.diagnostics.filter(d => d.code === 'AVRO-411').map(inWorkingTree));
  switch (check.notChecked) {
    case 'syntax-errors':
      compatibility.message = 'not checked: the file has JSON syntax errors';
      return out;
    case 'no-schema':
      compatibility.message = 'not checked: the file holds no schema';
      return out;
    case 'no-valid-version':
      compatibility.message = 'not checked: no version of the baseline is a valid schema';
      return out;
  }
  const level = check.level!;
  compatibility.checks = level.checks.map(c => ({ version: c.version, direction: c.direction, compatible: c.compatible, complete: c.complete, incompatibilities: c.incompatibilities }));
  compatibility.complete = level.complete;
  compatibility.status = level.compatible ? 'compatible' : 'incompatible';
  const own = new LineIndex(file.doc.text);
  for (const f of check.findings) {
    const g = f.finding;
    const diagnostic = f.diagnostic ? inWorkingTree(f.diagnostic) : undefined;
    if (diagnostic) out.diagnostics.push(diagnostic);
    const newest = schemas.find(s => s.version.label === g.versions[0]);
    const baselineDoc = newest?.documents.find(d => d.uri === g.baselineSpan.uri);
    const finding: ReportedFinding = {
      diagnostic: undefined,
      code: g.incompatibility.code,
      type: g.incompatibility.type,
      location: g.incompatibility.location,
      direction: g.direction,
      versions: g.versions,
      message: g.message,
      range: own.rangeOf(f.offset, f.length),
      baseline: baselineDoc
        ? { version: g.versions[0], path: displayOfUri(io.cwd, baselineDoc.uri), range: new LineIndex(baselineDoc.text).rangeOf(g.baselineSpan.offset, g.baselineSpan.length) }
        : undefined,
    };
    compatibility.findings.push(finding);
    out.links.push({ finding, diagnostic });
  }
  // The team's policy against the baseline (AVRO-6xx): findings on lines like lint's.
  out.diagnostics.push(...check.policy.map(inWorkingTree));
  // Notes (AVRO-412, info): compatible, but not for every reader. Their related place is in a baseline copy, which the CLI does not print.
  out.diagnostics.push(...check.diagnostics.filter(d => d.code === 'AVRO-412').map(d => ({ ...d, related: undefined })));
  if (!level.complete) compatibility.notes.push(unresolvedNote(check.unresolved));
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

async function check(options: CheckOptions, io: CliIO, overrides: RegistryOverrides): Promise<number> {
  const project = await loadProjectFile(options.root, options.config, options.noConfig, io);
  const inputs = policyInputs(options, io, project);
  // Baseline copies inside the workspace are not schemas of it (the editor excludes the same ones).
  const baselineCopies = await baselineExclusions(baselinesInUse(project, inputs), options.root);
  const run = await lintFiles(options, io, 'check', project, baselineCopies);
  if (overrides.subject !== undefined && run.files.length !== 1) {
    throw new CliError(`--subject names the subject of one file, but ${run.files.length} files are given: name one file, or map them in ${PROJECT_CONFIG_FILE}`);
  }
  const baselines = new Baselines();
  const registry = registryBaseline(run, options, io, project, overrides);

  const plans = run.files.map((file): FilePlan => ({ file, policy: compatibilityPolicy(file.path, project, inputs) }));
  const loaded = await mapLimit(plans, 8, async (plan): Promise<Loaded> => {
    if (plan.policy.level === 'NONE' || plan.file.oversize !== undefined) return { plan, versions: undefined };
    const opened: OpenedBaseline = await baselines.open(plan.policy.baseline, { base: plan.policy.base, workspaceRoot: options.root, trusted: true, registry });
    const versions = await loadVersions(opened, plan.file.path, {
      workingTree: run.index.schemas,
      candidateUri: plan.file.uri,
      pathOf: uri => run.index.pathOf(uri) ?? uriToPath(uri),
    });
    return { plan, versions };
  });

  // A baseline that cannot be read is the pipeline's problem (exit 2), unless allowed.
  if (!options.allowMissingBaseline) {
    const missing = new Map<string, string[]>();
    for (const l of loaded) {
      if (l.versions?.result.kind !== 'unavailable') continue;
      const key = `${formatBaselineSpec(l.plan.policy.baseline)}: ${l.versions.result.message}`;
      missing.set(key, [...(missing.get(key) ?? []), displayPath(io.cwd, l.plan.file.path)]);
    }
    if (missing.size) {
      const lines = [...missing].map(([message, files]) => `baseline ${message} (${files.length === 1 ? files[0] : `${files.length} files: ${files.slice(0, 3).join(', ')}${files.length > 3 ? ', ...' : ''}`})`);
      throw new CliError(`${lines.join('\navro-studio check: ')}\nNothing was checked. Fix the baseline, or pass --allow-missing-baseline to check the other files and report these as unchecked.`);
    }
  }

  const checked = loaded.map(l => checkFile(l, run, io));
  const merged: LintRun = {
    ...run,
    files: run.files.map((f, i) => ({
      ...f,
      diagnostics: [...f.diagnostics, ...checked[i].diagnostics].sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code)),
    })),
  };
  const report: LintReport = await completeAdoption(buildLintReport(merged, options, io), merged, options, 'check', io);
  report.command = 'check';
  const byPath = new Map(report.files.map(f => [f.absolutePath, f]));
  run.files.forEach((f, i) => {
    const fileReport = byPath.get(f.path)!;
    const c = checked[i];
    for (const link of c.links) link.finding.diagnostic = fileReport.diagnostics.find(d => d.diagnostic === link.diagnostic);
    // Findings suppressed, ignored or accepted (cli/adoption.ts) are not reported either.
    const gone = new Set(c.links.filter(l => l.diagnostic && !l.finding.diagnostic).map(l => l.finding));
    const hiddenCount = c.links.filter(l => l.diagnostic && !l.finding.diagnostic && !(options.quiet && l.diagnostic.severity !== 'error')).length;
    if (options.quiet) {
      // --quiet keeps errors only: findings whose diagnostic is gone are not reported either.
      c.compatibility.findings = c.compatibility.findings.filter(f => f.diagnostic);
    } else if (gone.size) {
      c.compatibility.findings = c.compatibility.findings.filter(f => !gone.has(f));
    }
    if (hiddenCount && c.compatibility.status === 'incompatible' && c.compatibility.findings.length === 0) {
      c.compatibility.status = 'compatible';
      c.compatibility.notes.push(`${hiddenCount} breaking change${hiddenCount === 1 ? ' is' : 's are'} not reported: suppressed, ignored or accepted (${PROJECT_CONFIG_FILE} "ignore", "acceptedFindings", or an avro-studio-ignore comment).`);
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
  // A check that could not run completely must not pass.
  if (checked.some(c => c.failed)) return EXIT_USAGE;
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
