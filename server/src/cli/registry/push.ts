// `avro-studio registry push`: register local schemas (referenced ones first, with schema references) after lint, our compatibility check and the registry's verdict; says exactly what happened to each.
//
// Two phases. The first only reads: every schema to register (those given, and the files whose
// types they use) is linted, mapped to its subject, checked by our engine against the subject's
// versions at its level, and by the registry itself (POST /compatibility ...?verbose=true); an
// identical schema already registered is noted. Anything invalid or incompatible refuses the whole
// push, with the reasons on the lines, before anything is written. The second phase registers in
// dependency order, after --yes or a confirmation at the terminal, and stops at the first failure:
// the summary lists what was registered (id, version), what failed and why, and what was not
// attempted. A registration whose answer was lost (the connection dropped) is reported as failed
// with that caveat, never as done.
import { RegistryBaseline } from '../../baselines/registry';
import { mapFile, planRegistrations, registrableText, type FileMapping, type PlannedRegistration, type RegistrationPlan } from '../../registry/mapping';
import { RegistryError, type SchemaReference } from '../../registry/types';
import type { AvroDocument } from '../../service/model/types';
import { validateDocument } from '../../service/languageService';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE } from '../io';
import type { LintedFile, LintRun } from '../lint';
import { confirm } from './confirm';
import { GLOBAL_OPTIONS_HELP, type RegistryContext, type RegistrySubcommand } from './context';
import { checkLocally, referencesFor, registryVerdict, verdictReasons, type LocalFinding } from './evaluate';
import { escapeControl, stringifyJson } from '../terminal';
import { oneBased } from '../location';

const USAGE = `Usage: avro-studio registry push [paths or globs ...] [--yes] [--dry-run] [options]

Registers local schemas under their subjects (default: every .avsc file under --root that
avro-studio.json maps to a subject; unmapped ones are skipped with a note).

First, without writing anything: each schema, and each file whose named types it uses, is
linted, mapped to its subject, checked against the subject's registered versions at its level
(avro-studio.json's, else the subject's own; every version for *_TRANSITIVE levels) by our engine
and by the registry (POST /compatibility ...?verbose=true). An invalid or incompatible schema
refuses the whole push, with the reasons on the lines (path:line:col, as 'avro-studio check').
Then, in dependency order (referenced schemas first, registered with "references"), each schema
is registered, and its subject, id and version printed ("already registered (id 7, version 3)"
when the registry has it). The first failure stops the push; the summary says what was
registered, what failed and why, and what was not attempted.

Options:
  -y, --yes              register without asking (needed when stdin is not a terminal, as in CI)
  --dry-run              do the first phase only and print the plan: nothing is registered

${GLOBAL_OPTIONS_HELP}

Exit status: 0 registered (or nothing to do); 1 an invalid or incompatible schema (nothing
registered; or the registry refused one: see the summary); 2 usage, not confirmed, I/O, network
or authorisation failure (the summary says which registrations were done before it).`;

type Action = 'register' | 'already-registered' | 'refused';

interface PlanEntry {
  planned: PlannedRegistration;
  file: LintedFile;
  path: string;
  action: Action;
  level: string | null;
  levelSource: 'override' | 'registry' | null;
  /** The subject's latest version before the push. */
  latest: { version: number; id: number } | null;
  /** The identical schema already registered. */
  existing: { version: number; id: number } | null;
  findings: Array<LocalFinding & { text: string }>;
  registryVerdict: { isCompatible: boolean; reasons: string[]; level: string } | null;
  /** Lint errors, as lines. */
  errors: string[];
  notes: string[];
}

type Outcome = 'registered' | 'already-registered' | 'failed' | 'not-attempted';

interface Result {
  path: string;
  subject: string;
  outcome: Outcome;
  id: number | null;
  version: number | null;
  /** Why it failed, or what is uncertain. */
  error: string | null;
  /** network, timeout, incompatible, ... (failed only). */
  failure: string | null;
}

export const pushSubcommand: RegistrySubcommand = {
  name: 'push',
  summary: 'register local schemas, referenced ones first, after lint and compatibility checks (--yes, --dry-run)',
  usage: USAGE,
  flags: [
    { name: 'yes', type: 'boolean', short: 'y' },
    { name: 'dry-run', type: 'boolean' },
  ],
  async run(ctx) {
    const dryRun = ctx.parsed.booleans.has('dry-run');
    const run = await ctx.lint(ctx.parsed.positionals);
    const project = await ctx.project();
    const registry = await ctx.connect();
    const client = registry.client;

    // Subjects: the files given (--subject for the one file), and any file whose types they use.
    const given = new Map(run.files.map(f => [f.uri, f]));
    const mappings = new Map<string, FileMapping>();
    const mappingOf = (doc: AvroDocument): FileMapping => {
      let m = mappings.get(doc.uri);
      if (!m) {
        const p = run.index.pathOf(doc.uri) ?? doc.uri;
        m = mapFile(project?.config, p, doc, given.has(doc.uri) ? { subject: ctx.overrides.subject } : {});
        mappings.set(doc.uri, m);
      }
      return m;
    };
    const skipped: Array<{ path: string; reason: string }> = [];
    const requested: string[] = [];
    for (const f of run.files) {
      const m = mappingOf(f.doc);
      if (m.resolution.kind === 'unmapped') skipped.push({ path: ctx.display(f.path), reason: m.resolution.reason });
      else requested.push(f.uri);
    }
    if (requested.length === 0) {
      throw new CliError(`nothing to push: ${skipped.length === 1 ? skipped[0].reason : `none of the ${skipped.length} files maps to a subject (${skipped[0]?.reason ?? ''})`}`);
    }
    const plan = planRegistrations(requested, run.index.schemas, doc => mappingOf(doc).resolution, uri => ctx.display(uri));

    // Phase 1: read only.
    const baseline = new RegistryBaseline({
      client,
      folder: registry.folder,
      secrets: registry.secrets,
      subjectOf: p => mappingOf(run.index.get(pathUri(run, p))!).resolution,
      levelOverride: p => mappingOf(run.index.get(pathUri(run, p))!).policy?.level,
    });
    // Each schema once the schemas it references are done (their versions name its references), a few at a time.
    const versions = new Map<string, { version: number | undefined }>();
    const limit = limiter(8);
    const done = new Map<string, Promise<PlanEntry>>();
    for (const planned of plan.order) {
      const dependencies = planned.references.map(r => done.get(r.uri)).filter((p): p is Promise<PlanEntry> => p !== undefined);
      done.set(planned.uri, Promise.all(dependencies).then(() => limit(() => evaluate(ctx, run, planned, given, baseline, versions))));
    }
    const entries = await Promise.all(plan.order.map(p => done.get(p.uri)!));

    const refused = entries.filter(e => e.action === 'refused');
    const out = new Output(ctx, registry.url, registry.description, dryRun, skipped);
    out.plan(entries, plan);
    if (plan.problems.length || refused.length) {
      out.refusal(entries, plan);
      return out.finish([], EXIT_FINDINGS, `Nothing was registered: ${refusalSummary(refused, plan)}.`);
    }
    const toRegister = entries.filter(e => e.action === 'register');
    if (toRegister.length === 0) {
      return out.finish(entries.map(e => alreadyResult(e)), EXIT_OK, `Nothing to register: ${entries.length === 1 ? 'the schema is' : `all ${entries.length} schemas are`} already registered.`);
    }
    if (dryRun) return out.finish([], EXIT_OK, `Dry run: ${toRegister.length} schema${toRegister.length === 1 ? '' : 's'} would be registered; nothing was.`);
    if (!ctx.parsed.booleans.has('yes')) {
      const answer = await confirm(ctx.io, `Register ${toRegister.length} schema${toRegister.length === 1 ? '' : 's'} in ${registry.url}?`);
      if (answer !== 'yes') {
        const why = answer === 'not-interactive' ? 'push writes to the registry and stdin is not a terminal: pass --yes to confirm' : 'not confirmed';
        return out.finish([], EXIT_USAGE, `Nothing was registered: ${why}.`, true);
      }
    }

    // Phase 2: register in dependency order; stop at the first failure.
    const results: Result[] = [];
    let stopped: RegistryError | Error | undefined;
    for (const e of entries) {
      const subject = e.planned.subject;
      if (stopped) {
        results.push({ path: e.path, subject, outcome: 'not-attempted', id: null, version: null, error: null, failure: null });
        continue;
      }
      if (e.action === 'already-registered') {
        results.push(alreadyResult(e));
        continue;
      }
      const result = await registerOne(e, versions, client);
      results.push(result.result);
      if (result.stop) stopped = result.stop;
    }
    const counts = countOutcomes(results);
    const failure = results.find(r => r.outcome === 'failed');
    const exit = !failure ? EXIT_OK : failure.failure === 'incompatible' || failure.failure === 'invalid-schema' ? EXIT_FINDINGS : EXIT_USAGE;
    const summary = `${failure ? 'Stopped' : 'Done'}: ${[
      `${counts.registered} registered`,
      `${counts['already-registered']} already registered`,
      counts.failed ? `${counts.failed} failed${failure?.failure ? ` (${failure.failure})` : ''}` : '',
      counts['not-attempted'] ? `${counts['not-attempted']} not attempted` : '',
    ].filter(Boolean).join(', ')}.`;
    return out.finish(results, exit, summary);
  },
};

function pathUri(run: LintRun, filePath: string): string {
  for (const f of run.files) if (f.path === filePath) return f.uri;
  // A dependency that was not given: the index knows it by URI.
  for (const doc of run.index.schemas.allDocuments()) if (run.index.pathOf(doc.uri) === filePath) return doc.uri;
  return filePath;
}

/** Phase 1 for one schema: lint, our check, the registry's verdict, already registered? */
async function evaluate(
  ctx: RegistryContext,
  run: LintRun,
  planned: PlannedRegistration,
  given: Map<string, LintedFile>,
  baseline: RegistryBaseline,
  versions: Map<string, { version: number | undefined }>,
): Promise<PlanEntry> {
  const doc = run.index.get(planned.uri)!;
  const filePath = run.index.pathOf(planned.uri) ?? planned.uri;
  const file: LintedFile = given.get(planned.uri) ?? { path: filePath, uri: planned.uri, doc, settings: run.settingsFor(filePath), diagnostics: validateDocument(doc, run.settingsFor(filePath), run.index.schemas) };
  const entry: PlanEntry = {
    planned,
    file,
    path: ctx.display(filePath),
    action: 'register',
    level: null,
    levelSource: null,
    latest: null,
    existing: null,
    findings: [],
    registryVerdict: null,
    errors: [],
    notes: [],
  };
  const errors = file.diagnostics.filter(d => d.severity === 'error');
  if (errors.length || !doc.root || doc.json.errors.length) {
    entry.action = 'refused';
    entry.errors = errors.map(d => ctx.diagnosticLine(file, d));
    if (!entry.errors.length) entry.errors.push(`${entry.path}: the file holds no schema`);
    versions.set(planned.uri, { version: undefined });
    return entry;
  }
  const client = baseline.client;
  const text = registrableText(doc);
  const references = referencesFor(planned, versions);
  // Already registered? Only answerable when every schema it references is registered as it is.
  if (references) {
    const found = await client.lookup(planned.subject, text, { references }).catch(e => {
      if (e instanceof RegistryError && e.kind === 'not-found') return undefined;
      throw e;
    });
    if (found) {
      entry.action = 'already-registered';
      entry.existing = { version: found.version, id: found.id };
      versions.set(planned.uri, { version: found.version });
      // An older version: registering it again changes nothing, and the file is behind.
      const newest = Math.max(...(await client.versions(planned.subject)));
      if (newest > found.version) {
        const latest = await baseline.version(planned.subject, newest);
        entry.latest = { version: latest.version, id: latest.id };
        entry.notes.push(`the file is v${found.version}, the latest is v${newest}: 'avro-studio registry pull ${planned.subject} --write' updates the file`);
      }
      return entry;
    }
  }
  versions.set(planned.uri, { version: undefined });
  const local = await checkLocally(baseline, file, run);
  const target = baseline.target(file.path);
  if (target?.versions.length) {
    const latestVersion = target.versions[target.versions.length - 1];
    const latest = await baseline.version(planned.subject, latestVersion);
    entry.latest = { version: latest.version, id: latest.id };
  }
  if (target) {
    entry.level = target.level;
    entry.levelSource = target.levelSource;
  }
  if (local) {
    entry.findings = local.findings.map(f => ({ ...f, text: ctx.diagnosticLine(file, { offset: f.offset, severity: 'error', code: f.code as never, message: f.message }) }));
    entry.notes.push(...local.notes);
  }
  if (entry.latest) {
    if (references) {
      const verdict = await registryVerdict(client, planned.subject, text, references);
      entry.registryVerdict = { isCompatible: verdict.isCompatible, reasons: verdictReasons(verdict.messages), level: verdict.level };
    } else {
      entry.notes.push(`the registry's verdict is asked just before registering: it references schemas that are registered first`);
    }
  }
  if ((local && !local.compatible) || (entry.registryVerdict && !entry.registryVerdict.isCompatible)) entry.action = 'refused';
  if (local && entry.registryVerdict && local.compatible !== entry.registryVerdict.isCompatible) {
    entry.notes.push(local.compatible ? 'our check finds it compatible, the registry does not: the registry decides what it accepts' : `the registry finds it compatible, our check (Java's rules at ${local.level}) does not`);
  }
  return entry;
}

function alreadyResult(e: PlanEntry): Result {
  return { path: e.path, subject: e.planned.subject, outcome: 'already-registered', id: e.existing?.id ?? null, version: e.existing?.version ?? null, error: null, failure: null };
}

/** Phase 2 for one schema: the registry's verdict when it could not be asked before, the registration, its version. */
async function registerOne(
  e: PlanEntry,
  versions: Map<string, { version: number | undefined }>,
  client: RegistryBaseline['client'],
): Promise<{ result: Result; stop?: Error }> {
  const subject = e.planned.subject;
  const base = { path: e.path, subject, id: null, version: null };
  const fail = (failure: string, error: string, stop: Error): { result: Result; stop: Error } => ({ result: { ...base, outcome: 'failed', error, failure }, stop });
  const references: SchemaReference[] | undefined = referencesFor(e.planned, versions);
  if (!references) {
    const missing = e.planned.references.filter(r => versions.get(r.uri)?.version === undefined).map(r => r.subject);
    const error = `the version of ${missing.join(', ')} is not known, so its schema references cannot be written`;
    return fail('dependency', error, new Error(error));
  }
  const text = registrableText(e.file.doc);
  try {
    if (!e.registryVerdict && e.latest) {
      const verdict = await registryVerdict(client, subject, text, references);
      if (!verdict.isCompatible) {
        const reasons = verdictReasons(verdict.messages);
        return fail('incompatible', `the registry (${verdict.level}) finds it incompatible: ${reasons.join('; ') || 'no reason given'}`, new RegistryError('incompatible', 'incompatible'));
      }
    }
  } catch (err) {
    return fail(kindOf(err), messageOf(err), err as Error);
  }
  let id: number;
  try {
    id = (await client.register(subject, text, { references })).id;
  } catch (err) {
    const kind = kindOf(err);
    const lost = kind === 'network' || kind === 'timeout' || kind === 'protocol';
    if (!lost) return fail(kind, messageOf(err), err as Error);
    // The answer was lost: the registry may have registered it. Ask once; report only what it confirms.
    const found = await client.lookup(subject, text, { references }).catch(() => 'unknown' as const);
    if (found && found !== 'unknown') {
      versions.set(e.planned.uri, { version: found.version });
      return { result: { ...base, outcome: 'registered', id: found.id, version: found.version, error: 'the answer to the registration was lost; the registry confirms it holds the schema', failure: null } };
    }
    const message = messageOf(err);
    const caveat =
      found !== 'unknown'
        ? ' Asked again, the registry does not hold the schema: it was not registered.'
        : /may have registered/i.test(message)
          ? ''
          : ` The registry may have registered it before the connection failed: 'avro-studio registry status' shows what it holds.`;
    return fail(kind, `${message}${caveat}`, err as Error);
  }
  // The registration returns the id only; the version comes from looking the schema up.
  try {
    const found = await client.lookup(subject, text, { references });
    if (found) {
      versions.set(e.planned.uri, { version: found.version });
      return { result: { ...base, outcome: 'registered', id, version: found.version, error: null, failure: null } };
    }
    return { result: { ...base, outcome: 'registered', id, version: null, error: 'registered, but the registry does not find it under the subject when asked for its version', failure: null } };
  } catch (err) {
    return { result: { ...base, outcome: 'registered', id, version: null, error: `registered, but its version could not be read: ${messageOf(err)}`, failure: null } };
  }
}

/** Run at most `n` tasks at once. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= n) await new Promise<void>(resolve => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** The client's explanation (a push result names the registry in its header already). */
function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function kindOf(err: unknown): string {
  return err instanceof RegistryError ? err.kind : 'error';
}

function countOutcomes(results: readonly Result[]): Record<Outcome, number> {
  const c: Record<Outcome, number> = { registered: 0, 'already-registered': 0, failed: 0, 'not-attempted': 0 };
  for (const r of results) c[r.outcome]++;
  return c;
}

function refusalSummary(refused: readonly PlanEntry[], plan: RegistrationPlan): string {
  const parts: string[] = [];
  const invalid = refused.filter(e => e.errors.length);
  const incompatible = refused.filter(e => !e.errors.length);
  if (invalid.length) parts.push(`${invalid.length} invalid schema${invalid.length === 1 ? '' : 's'} (${invalid.map(e => e.planned.subject).join(', ')})`);
  if (incompatible.length) parts.push(`${incompatible.length} incompatible schema${incompatible.length === 1 ? '' : 's'} (${incompatible.map(e => e.planned.subject).join(', ')})`);
  if (plan.problems.length) parts.push(`${plan.problems.length} problem${plan.problems.length === 1 ? '' : 's'} with the subjects or references`);
  return parts.join(', ');
}

/** Text or JSON output of a push. */
class Output {
  private readonly lines: string[] = [];
  private entries: PlanEntry[] = [];
  private plan_: RegistrationPlan | undefined;

  constructor(
    private readonly ctx: RegistryContext,
    private readonly url: string,
    private readonly description: string,
    private readonly dryRun: boolean,
    private readonly skipped: Array<{ path: string; reason: string }>,
  ) {}

  plan(entries: PlanEntry[], plan: RegistrationPlan): void {
    this.entries = entries;
    this.plan_ = plan;
    if (this.ctx.format !== 'text' || entries.length === 0) return;
    this.lines.push(`Push to ${this.description}${this.dryRun ? ', dry run' : ''}: ${entries.length} schema${entries.length === 1 ? '' : 's'} in dependency order:`);
    entries.forEach((e, i) => {
      const refs = e.planned.references.length ? `, references ${e.planned.references.map(r => r.subject).join(', ')}` : '';
      const dep = e.planned.dependency ? ' (its types are used by the others)' : '';
      this.lines.push(`  ${i + 1}. ${e.path} -> ${e.planned.subject} (${e.planned.how}${refs})${dep}: ${describeAction(e)}`);
    });
    for (const s of this.skipped) this.lines.push(`  skipped ${s.path}: ${s.reason}`);
  }

  refusal(entries: PlanEntry[], plan: RegistrationPlan): void {
    if (this.ctx.format !== 'text') return;
    for (const p of plan.problems) this.lines.push(`${this.ctx.display(p.uri)}: error: ${p.message}`);
    for (const e of entries) {
      if (e.action !== 'refused') continue;
      for (const l of e.errors) this.lines.push(l);
      for (const f of e.findings) this.lines.push(f.text);
      if (e.registryVerdict && !e.registryVerdict.isCompatible) {
        for (const r of e.registryVerdict.reasons.length ? e.registryVerdict.reasons : ['incompatible (no reason given)']) this.lines.push(`${e.path}: error: the registry (${e.registryVerdict.level}) refuses ${e.planned.subject}: ${r}`);
      }
      for (const n of e.notes) this.lines.push(`${e.path}: note: ${n}`);
    }
  }

  /** Print everything; `messageToStderr` for a message that is a usage problem rather than a result. */
  finish(results: Result[], exitCode: number, message: string, messageToStderr = false): number {
    const io = this.ctx.io;
    if (this.ctx.format === 'json') {
      const counts = countOutcomes(results);
      const output = {
        version: 1,
        command: 'registry push',
        registry: this.url,
        dryRun: this.dryRun,
        plan: this.entries.map(e => ({
          path: e.path,
          subject: e.planned.subject,
          how: e.planned.how,
          dependency: e.planned.dependency,
          references: e.planned.references.map(r => ({ name: r.name, subject: r.subject })),
          action: e.action,
          level: e.level,
          levelSource: e.levelSource,
          latest: e.latest,
          existing: e.existing,
          findings: e.findings.map(f => ({ code: f.code, type: f.type, location: f.location, direction: f.direction, versions: f.versions, message: f.message, ...oneBased(f) })),
          registryVerdict: e.registryVerdict,
          errors: e.errors,
          notes: e.notes,
        })),
        problems: (this.plan_?.problems ?? []).map(p => ({ kind: p.kind, path: this.ctx.display(p.uri), message: p.message })),
        skipped: this.skipped,
        results,
        summary: { planned: this.entries.length, refused: this.entries.filter(e => e.action === 'refused').length, ...counts, exitCode },
        message,
      };
      io.stdout.write(stringifyJson(output, 2) + '\n');
      return exitCode;
    }
    for (const r of results) this.lines.push(`${r.subject}: ${describeResult(r)}`);
    if (!messageToStderr) this.lines.push(message);
    // One entry per line: subjects, paths and the registry's reasons escaped, so none can break a line or reach the terminal raw.
    io.stdout.write(this.lines.map(l => escapeControl(l)).join('\n') + '\n');
    if (messageToStderr) io.stderr.write(`avro-studio registry push: ${escapeControl(message)}\n`);
    return exitCode;
  }
}

function describeAction(e: PlanEntry): string {
  switch (e.action) {
    case 'already-registered':
      return `already registered (id ${e.existing!.id}, version ${e.existing!.version}${e.latest && e.latest.version > e.existing!.version ? `; behind: the latest is v${e.latest.version}` : ''})`;
    case 'refused':
      return e.errors.length ? `refused: invalid (${e.errors.length} error${e.errors.length === 1 ? '' : 's'})` : `refused: incompatible${e.level ? ` (${e.level})` : ''}`;
    case 'register': {
      if (!e.latest) return 'new subject';
      const ours = e.level ? `${e.level}${e.levelSource === 'registry' ? ' from the registry' : ' from avro-studio.json'}: compatible` : '';
      const theirs = e.registryVerdict ? `registry: compatible` : 'registry: asked when registering';
      return `new version after v${e.latest.version} (${[ours, theirs].filter(Boolean).join('; ')})`;
    }
  }
}

function describeResult(r: Result): string {
  switch (r.outcome) {
    case 'registered':
      return r.version !== null ? `registered (id ${r.id}, version ${r.version}${r.error ? `; ${r.error}` : ''})` : `registered (id ${r.id}; ${r.error})`;
    case 'already-registered':
      return `already registered (id ${r.id}, version ${r.version})`;
    case 'failed':
      return `failed: ${r.error}`;
    case 'not-attempted':
      return 'not attempted';
  }
}
