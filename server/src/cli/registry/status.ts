// `avro-studio registry status`: per local schema, where it stands against its subject (in sync, ahead and compatible or not, behind, unmapped, not registered); never writes.
import { RegistryBaseline } from '../../baselines/registry';
import { SYNC_STATE_WORDS, type RegistrySyncState } from '../../domain/registry';
import { mapFile, planRegistrations, registrableText, type FileMapping, type RegistrationPlan } from '../../registry/mapping';
import type { RegistryClient } from '../../registry/types';
import { EXIT_FINDINGS, EXIT_OK } from '../io';
import type { LintedFile, LintRun } from '../lint';
import { GLOBAL_OPTIONS_HELP, type RegistryContext, type RegistrySubcommand } from './context';
import { checkLocally, currentReferenceVersions, ownCanonicalForm, referencesFor, registeredFacts, registryVerdict, verdictReasons, type LocalFinding, type ReferenceVersion } from './evaluate';
import { aheadState, registeredState } from '../../project/registrySync';
import { mapLimit } from '../../service/languageService';
import { escapeControl, stringifyJson } from '../terminal';

const USAGE = `Usage: avro-studio registry status [paths or globs ...] [options]

Where each local schema stands against its subject in the registry (default: every .avsc file
under --root). Reads only: nothing is registered or changed.

  in sync              the latest version has the file's Parsing Canonical Form
  ahead, compatible    the file differs from every version and passes the subject's level (our
                       check and the registry's own verdict): 'registry push' would register it
  ahead, incompatible  the file differs and would be rejected: the reasons on the lines
  behind               the file equals an older version: the registry has newer ones
  not registered       the subject does not exist yet: the first push creates it
  unmapped             avro-studio.json maps the file to no subject
  invalid              the file has errors (avro-studio lint shows them)

${GLOBAL_OPTIONS_HELP}

JSON output: {"version": 1, "command": "registry status", "registry",
              "files": [{"path", "subject", "how", "state", "level", "levelSource",
                         "latest": {"version", "id"}, "matches": {"version", "id"}, "findings",
                         "registryVerdict": {"isCompatible", "reasons"}, "disagreement",
                         "errors", "notes", "message"}],
              "summary": {<state>: count, ..., "exitCode"}}.
Exit status: 0 nothing incompatible or invalid; 1 a file is ahead and incompatible, or invalid;
2 usage, I/O, network or authorisation failure.`;

interface StatusEntry {
  path: string;
  subject: string | null;
  how: string | null;
  state: RegistrySyncState;
  level: string | null;
  levelSource: 'override' | 'registry' | null;
  latest: { version: number; id: number } | null;
  matches: { version: number; id: number } | null;
  findings: Array<LocalFinding & { text: string }>;
  registryVerdict: { isCompatible: boolean; reasons: string[]; level: string } | null;
  disagreement: boolean;
  /** Lint errors, as lines. */
  errors: string[];
  notes: string[];
  message: string;
}

/** The states in words, as the editor says them; the summary line counts errors as "error" (it sits next to the exit code). */
const STATE_WORDS: Record<RegistrySyncState, string> = { ...SYNC_STATE_WORDS, error: 'error' };

export const statusSubcommand: RegistrySubcommand = {
  name: 'status',
  summary: 'per file: in sync, ahead (compatible or not), behind, unmapped, not registered (reads only)',
  usage: USAGE,
  flags: [],
  async run(ctx) {
    const run = await ctx.lint(ctx.parsed.positionals);
    const registry = await ctx.connect();
    const mappings = new Map<string, FileMapping>();
    for (const f of run.files) mappings.set(f.path, await ctx.mapping(f));
    const subjectOfPath = (p: string) => mappings.get(p)?.resolution ?? { kind: 'unmapped' as const, reason: `${ctx.display(p)} is not among the files given` };
    const baseline = new RegistryBaseline({
      client: registry.client,
      folder: registry.folder,
      secrets: registry.secrets,
      subjectOf: subjectOfPath,
      levelOverride: p => mappings.get(p)?.policy?.level,
    });
    const plan = await planFor(ctx, run, mappings);
    let references: Promise<Map<string, ReferenceVersion>> | undefined;
    const referenceVersions = () => (references ??= currentReferenceVersions(plan.order, uri => registrableText(run.index.get(uri)!), registry.client));

    // A few files at a time: each takes a handful of requests, and a remote registry is a round trip away.
    const entries = await mapLimit(run.files, 8, file => statusOf(ctx, file, run, mappings.get(file.path)!, baseline, registry.client, plan, referenceVersions));

    const counts: Record<string, number> = {};
    for (const e of entries) counts[e.state] = (counts[e.state] ?? 0) + 1;
    const exitCode = entries.some(e => e.state === 'ahead-incompatible' || e.state === 'invalid') ? EXIT_FINDINGS : EXIT_OK;
    if (ctx.format === 'json') {
      const summary = { files: entries.length, ...Object.fromEntries(Object.keys(STATE_WORDS).map(s => [s, counts[s] ?? 0])), exitCode };
      ctx.io.stdout.write(stringifyJson({ version: 1, command: 'registry status', registry: registry.url, files: entries, summary }, 2) + '\n');
      return exitCode;
    }
    const lines: string[] = [];
    for (const e of entries) {
      lines.push(`${e.path}: ${e.subject ? `${e.subject}: ` : ''}${e.message}`);
      for (const l of e.errors) lines.push(`  ${l}`);
      for (const f of e.findings) lines.push(`  ${f.text}`);
      if (e.registryVerdict && !e.registryVerdict.isCompatible) for (const r of e.registryVerdict.reasons) lines.push(`  registry (${e.registryVerdict.level}): ${r}`);
      for (const n of e.notes) lines.push(`  note: ${n}`);
    }
    const parts = Object.keys(STATE_WORDS).filter(s => counts[s]).map(s => `${counts[s]} ${STATE_WORDS[s as RegistrySyncState]}`);
    lines.push(`Status of ${entries.length} file${entries.length === 1 ? '' : 's'} against ${registry.url}: ${parts.join(', ') || 'nothing to report'}.`);
    ctx.io.stdout.write(lines.map(l => escapeControl(l)).join('\n') + '\n');
    return exitCode;
  },
};

/** Registrations (with references) of every mapped file given, for the reference versions of the registry's verdict. */
async function planFor(ctx: RegistryContext, run: LintRun, mappings: Map<string, FileMapping>): Promise<RegistrationPlan> {
  const project = await ctx.project();
  const uris = run.files.filter(f => mappings.get(f.path)?.resolution.kind === 'subject').map(f => f.uri);
  return planRegistrations(
    uris,
    run.index.schemas,
    doc => {
      const p = run.index.pathOf(doc.uri);
      const given = p ? mappings.get(p) : undefined;
      return (given ?? mapFile(project?.config, p ?? doc.uri, doc)).resolution;
    },
    uri => ctx.display(uri),
  );
}

async function statusOf(
  ctx: RegistryContext,
  file: LintedFile,
  run: LintRun,
  mapping: FileMapping,
  baseline: RegistryBaseline,
  client: RegistryClient,
  plan: RegistrationPlan,
  referenceVersions: () => Promise<Map<string, ReferenceVersion>>,
): Promise<StatusEntry> {
  const entry: StatusEntry = {
    path: ctx.display(file.path),
    subject: null,
    how: null,
    state: 'unmapped',
    level: null,
    levelSource: null,
    latest: null,
    matches: null,
    findings: [],
    registryVerdict: null,
    disagreement: false,
    errors: [],
    notes: [],
    message: '',
  };
  if (mapping.resolution.kind === 'unmapped') {
    entry.message = `unmapped: ${mapping.resolution.reason}`;
    return entry;
  }
  const subject = mapping.resolution.subject;
  entry.subject = subject;
  entry.how = mapping.resolution.how;
  const errors = file.diagnostics.filter(d => d.severity === 'error');
  if (errors.length || ownCanonicalForm(file.doc) === undefined) {
    entry.state = 'invalid';
    entry.errors = errors.map(d => ctx.diagnosticLine(file, d));
    entry.message = `invalid: ${errors.length || 'syntax'} error${errors.length === 1 ? '' : 's'}: fix ${errors.length === 1 ? 'it' : 'them'} before comparing with the registry`;
    return entry;
  }
  const planned = plan.order.find(p => p.uri === file.uri);
  const known = planned?.references.length ? await referenceVersions() : new Map<string, ReferenceVersion>();
  const references = planned ? referencesFor(planned, known) : undefined;
  // The project layer decides where the file stands (the editor's sync view decides the same way).
  const registered = registeredState(await registeredFacts(baseline, subject, file.doc, references), file.doc, references);
  if (registered.state === 'not-registered') {
    entry.state = 'not-registered';
    entry.message = 'not registered: the subject does not exist yet; the first push creates it';
    return entry;
  }
  const latest = registered.latest;
  entry.latest = { version: latest.version, id: latest.id };
  if (registered.state === 'in-sync' || registered.state === 'behind') {
    const same = registered.same;
    entry.matches = { version: same.version, id: same.id };
    entry.state = registered.state;
    entry.message = registered.state === 'in-sync'
      ? `in sync with v${latest.version} (id ${latest.id})`
      : `behind: the file is v${same.version} (id ${same.id}); the latest is v${latest.version} (id ${latest.id}) ('avro-studio registry pull ${subject} --write' updates the file)`;
    return entry;
  }
  if (registered.canonicalOnly) {
    entry.notes.push(`the file has the Parsing Canonical Form of v${registered.canonicalOnly.version}, but differs from it in what that form leaves out (doc, defaults, aliases, order, logical types, other attributes): for the registry it is a new schema`);
  }
  const local = await checkLocally(baseline, file, run);
  if (local) {
    entry.level = local.level;
    entry.levelSource = local.levelSource;
    entry.findings = local.findings.map(f => ({ ...f, text: ctx.diagnosticLine(file, { offset: f.offset, severity: 'error', code: f.code as never, message: f.message }) }));
    entry.notes.push(...local.notes);
  }
  if (references) {
    const verdict = await registryVerdict(client, subject, registrableText(file.doc), references);
    entry.registryVerdict = { isCompatible: verdict.isCompatible, reasons: verdictReasons(verdict.messages), level: verdict.level };
  } else {
    const missing = planned ? planned.references.filter(r => known.get(r.uri)?.version === undefined).map(r => r.subject) : [];
    const problem = plan.problems.find(p => p.uri === file.uri);
    entry.notes.push(problem ? `the registry's verdict was not asked: ${problem.message}` : `the registry's verdict was not asked: the subjects it references (${[...new Set(missing)].join(', ')}) are not registered yet`);
  }
  const ahead = aheadState(local?.compatible, entry.registryVerdict?.isCompatible);
  const ours = local ? local.compatible : true;
  entry.disagreement = ahead.disagreement;
  if (entry.disagreement) {
    entry.notes.push(ours ? `our check finds it compatible, the registry does not: the registry decides what it accepts` : `the registry finds it compatible, our check (Java's rules at ${local!.level}) does not: see the findings`);
  }
  const levelText = local ? `${local.level} ${local.levelSource === 'registry' ? 'from the registry' : 'from avro-studio.json'}` : (entry.registryVerdict?.level ?? 'the registry\'s level');
  entry.state = ahead.state;
  if (ahead.state === 'ahead-compatible') {
    entry.message = `ahead of v${latest.version}, compatible (${levelText}): 'avro-studio registry push' registers it`;
  } else {
    const n = entry.findings.length;
    entry.message = `ahead of v${latest.version}, incompatible (${levelText})${n ? `: ${n} breaking change${n === 1 ? '' : 's'}` : ''}`;
  }
  return entry;
}

