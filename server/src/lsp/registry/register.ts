// "Avro: Register Schema" on the server: prepare (local check, the registry's verdict, the plan in dependency order, the diff base) without writing; register after the confirmation, re-checking everything first.
import { createHash } from 'node:crypto';
import type { RegistryBaseline } from '../../baselines/registry';
import type {
  CompatibilityReportFinding,
  RegistryPlannedRegistration,
  RegistryPrepareRegisterParams,
  RegistryPrepareRegisterResult,
  RegistryRegisterParams,
  RegistryRegisterResult,
} from '../../protocol';
import { RegistryError, type RegistryClient } from '../../registry/types';
import { validateDocument } from '../../service/languageService';
import type { ServerContext } from '../context';
import { INDEX_WAIT_MS, lineIndexOf } from '../diagnostics';
import type { RegistryFolder, RegistryFolders } from './folders';
import { displayName, referencesOf, resolvePlan, subjectOf, type PlanStep } from './plan';
import { checkDocumentAgainstRegistry } from './registered';

type RegisterOutcome = RegistryRegisterResult['results'][number];

interface Prepared {
  result: RegistryPrepareRegisterResult;
  folder?: RegistryFolder;
  steps: PlanStep[];
}

export interface RegistrationsOptions {
  /** The RegistryBaseline of a folder that reads the registry now (commands never use stale values). */
  liveBaseline(folder: RegistryFolder): RegistryBaseline;
  /** Something was registered in a folder: caches, live checks and lenses must catch up. */
  written(folder: RegistryFolder): void;
}

/** A registry failure in words, saying what it means for a write that was under way. */
export function describeFailure(err: unknown, writing: boolean): string {
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof RegistryError)) return message;
  if (writing && (err.kind === 'network' || err.kind === 'timeout')) {
    return `${message} The request may or may not have reached the registry: run "Avro: Sync Workspace with Registry" to see what it holds.`;
  }
  return message;
}

export class Registrations {
  constructor(private readonly ctx: ServerContext, private readonly folders: RegistryFolders, private readonly options: RegistrationsOptions) {}

  /** What registering would do, read only: the client's cancellation (`signal`) stops every request. */
  async prepare(params: RegistryPrepareRegisterParams, signal?: AbortSignal): Promise<RegistryPrepareRegisterResult> {
    return (await this.prepareSteps(params.uri, signal)).result;
  }

  async register(params: RegistryRegisterParams): Promise<RegistryRegisterResult> {
    const refused = (message: string): RegistryRegisterResult => ({ results: [], ok: false, message });
    const open = this.ctx.documents.get(params.uri);
    const current = open?.version ?? 0;
    if (typeof params.version === 'number' && params.version !== current) {
      return refused(`Nothing was registered: the document changed after the confirmation (version ${params.version} was confirmed, it is at version ${current} now). Run "Avro: Register Schema" again to check the new text.`);
    }
    const { result: prepared, folder, steps } = await this.prepareSteps(params.uri);
    if (prepared.blocked || !folder) return refused(`Nothing was registered: ${prepared.blocked ?? prepared.message}`);
    if (params.contentHash !== undefined && params.contentHash !== prepared.contentHash) {
      return refused('Nothing was registered: a file of the plan changed after the confirmation. Run "Avro: Register Schema" again to check the new text.');
    }
    if (prepared.latest?.version !== params.expectedLatest) {
      const now = prepared.latest ? `v${prepared.latest.version}` : 'no version';
      const then = params.expectedLatest !== undefined ? `v${params.expectedLatest}` : 'no version';
      return refused(`Nothing was registered: subject ${prepared.subject} changed in the registry after the confirmation (you confirmed against ${then}, it holds ${now} now). Run "Avro: Register Schema" again.`);
    }
    return this.execute(folder, steps);
  }

  /** Register the steps in order; the first failure stops the plan, and every outcome is reported as it is. */
  private async execute(folder: RegistryFolder, steps: PlanStep[]): Promise<RegistryRegisterResult> {
    const client = folder.session.live;
    const results: RegisterOutcome[] = [];
    const versions = new Map<string, number | undefined>();
    let failedAt = -1;
    let wrote = false;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i];
      const subject = step.planned.subject;
      if (step.registered) {
        results.push({ subject, outcome: 'already-registered', id: step.registered.id, version: step.registered.version });
        versions.set(step.planned.uri, step.registered.version);
        continue;
      }
      const references = referencesOf({ references: step.references.map(r => ({ ...r, version: r.version ?? versions.get(r.uri) })) });
      if (!references) {
        results.push({ subject, outcome: 'failed', error: `The version of a schema it references is not known (a registration before it did not report its version): nothing more was sent.` });
        failedAt = i;
        break;
      }
      try {
        wrote = true;
        const { id } = await client.register(subject, step.text, { references });
        const version = await this.versionOf(client, subject, step.text, references);
        versions.set(step.planned.uri, version);
        results.push(version === undefined
          ? { subject, outcome: 'registered', id, error: 'Registered, but its version number could not be read back.' }
          : { subject, outcome: 'registered', id, version });
      } catch (err) {
        results.push({ subject, outcome: 'failed', error: describeFailure(err, true) });
        failedAt = i;
        break;
      }
    }
    if (failedAt >= 0) for (const step of steps.slice(failedAt + 1)) results.push({ subject: step.planned.subject, outcome: 'not-attempted' });
    if (wrote) this.options.written(folder);
    const ok = failedAt < 0;
    return { results, ok, message: summarize(results, ok) };
  }

  private async versionOf(client: RegistryClient, subject: string, text: string, references: ReturnType<typeof referencesOf>): Promise<number | undefined> {
    try {
      return (await client.lookup(subject, text, { references: references ?? [] }))?.version;
    } catch {
      return undefined;
    }
  }

  private async prepareSteps(uri: string, signal?: AbortSignal): Promise<Prepared> {
    const blocked = (message: string, extra: Partial<RegistryPrepareRegisterResult> = {}): Prepared => ({
      result: { plan: [], findings: [], blocked: message, message, ...extra },
      steps: [],
    });
    await this.ctx.whenIndexed(INDEX_WAIT_MS);
    const doc = this.ctx.models.get(uri);
    if (!doc) return blocked(`${uri} is not a schema Avro Studio knows (open it, or check that it is not excluded or too large).`);
    const found = await this.folders.lookup(this.folders.folderOfDocument(uri));
    if (!found.ok) return blocked(found.message);
    const folder = found.value;
    const name = displayName(folder, uri);
    const mapping = subjectOf(this.ctx, folder, doc).resolution;
    if (mapping.kind === 'unmapped') return { ...blocked(mapping.reason), folder };
    const subject = mapping.subject;
    const documentVersion = this.ctx.documents.get(uri)?.version ?? 0;

    try {
      const { steps, problems } = await resolvePlan(this.ctx, folder, folder.session.live, [uri], signal);
      const plan: RegistryPlannedRegistration[] = steps.map(s => ({
        uri: s.planned.uri,
        subject: s.planned.subject,
        references: s.planned.references.map(r => ({ name: r.name, subject: r.subject })),
        ...(s.registered ? { alreadyRegistered: s.registered } : {}),
      }));
      const contentHash = hashOf(steps);
      const base = { subject, plan, documentVersion, contentHash };
      if (problems.length) return { result: { ...base, findings: [], blocked: problems.map(p => p.message).join(' '), message: problems.map(p => p.message).join(' ') }, folder, steps };

      // Invalid schemas are never sent (the registry would answer 42201 with less to go on).
      for (const step of steps) {
        if (step.registered) continue;
        const invalid = await this.errorsOf(step);
        if (invalid) return { result: { ...base, findings: [], blocked: invalid, message: invalid }, folder, steps };
      }

      const baseline = this.options.liveBaseline(folder);
      const main = steps.find(s => s.planned.uri === uri);
      let findings: CompatibilityReportFinding[] = [];
      let level: string | undefined;
      let latest: RegistryPrepareRegisterResult['latest'];
      let registry: RegistryPrepareRegisterResult['registry'];
      const reasons: string[] = [];
      const warnings: string[] = [];
      for (const step of steps) {
        if (step.registered) continue;
        const isMain = step === main;
        const check = await checkDocumentAgainstRegistry(this.ctx, folder, baseline, step.planned.uri, step.doc, signal);
        const target = check.target;
        if (check.result.kind === 'unavailable') return { result: { ...base, findings: [], blocked: check.result.message, message: check.result.message }, folder, steps };
        const stepName = displayName(folder, step.planned.uri);
        const ours = check.report?.findings ?? [];
        let verdict: { isCompatible: boolean; messages: string[] } | undefined;
        const references = referencesOf(step);
        if (target && target.versions.length > 0 && target.level !== 'NONE' && references) {
          verdict = await folder.session.live.checkCompatibility(step.planned.subject, step.text, {
            version: target.level.endsWith('_TRANSITIVE') ? 'all' : 'latest',
            references,
            signal,
          });
        }
        if (isMain) {
          findings = ours;
          level = target?.level;
          registry = verdict;
          if (target && target.versions.length) {
            const v = await baseline.version(step.planned.subject, target.versions[target.versions.length - 1], signal);
            latest = { version: v.version, id: v.id, schema: v.schema };
          }
        }
        const subjectLabel = `${stepName} (subject ${step.planned.subject}, ${target?.level ?? 'level unknown'})`;
        if (verdict && !verdict.isCompatible) {
          reasons.push(`the registry would reject ${subjectLabel}: ${verdict.messages.length ? verdict.messages.join(' ') : 'it is incompatible with the registered versions.'}`);
        } else if (!verdict && ours.length) {
          reasons.push(`${subjectLabel} has ${ours.length} breaking change${ours.length === 1 ? '' : 's'} (the problems in ${stepName} show where).`);
        } else if (verdict && verdict.isCompatible && ours.length) {
          warnings.push(`Avro Studio finds ${ours.length} breaking change${ours.length === 1 ? '' : 's'} in ${stepName} that the registry accepts: review them before registering.`);
        }
      }

      if (main?.registered && !latest) {
        // Nothing to check, but the confirmation still shows (and register re-checks) the subject's latest version.
        const versions = await folder.session.live.versions(subject, { signal }).catch(err => {
          if (err instanceof RegistryError && err.kind === 'not-found') return [] as number[];
          throw err;
        });
        if (versions.length) {
          const v = await baseline.version(subject, versions[versions.length - 1], signal);
          latest = { version: v.version, id: v.id, schema: v.schema };
        }
      }
      const toRegister = steps.filter(s => !s.registered);
      const result: RegistryPrepareRegisterResult = { ...base, level, latest, findings, registry, message: '' };
      if (main?.registered) {
        result.message = `${name} is already registered under subject ${subject} as version ${main.registered.version} (id ${main.registered.id}): nothing to register.`;
        return { result, folder, steps };
      }
      if (reasons.length) {
        result.blocked = `Not registered: ${reasons.join(' ')}`;
        result.message = result.blocked;
        return { result, folder, steps };
      }
      const first = toRegister.filter(s => s !== main).map(s => `${displayName(folder, s.planned.uri)} as ${s.planned.subject}`);
      const against = latest ? `compatible with v${latest.version}${level?.endsWith('_TRANSITIVE') ? ' and every earlier version' : ''} at ${level}` : 'a new subject (the first version)';
      result.message = [
        `Register ${name} under subject ${subject}: ${against}${registry ? ' (our check and the registry agree)' : ''}.`,
        first.length ? `Registers first, in dependency order: ${first.join(', ')}.` : '',
        ...warnings,
      ].filter(Boolean).join(' ');
      return { result, folder, steps };
    } catch (err) {
      if (signal?.aborted) throw err;
      const message = `Nothing can be registered now: ${describeFailure(err, false)}`;
      return { result: { subject, plan: [], findings: [], blocked: message, message, documentVersion }, folder, steps: [] };
    }
  }

  /** The first errors of a document (validation), as one line; undefined when it has none. */
  private async errorsOf(step: PlanStep): Promise<string | undefined> {
    const settings = await this.ctx.settings.get(step.doc.uri);
    const errors = validateDocument(step.doc, settings.avro, this.ctx.index.schemas).filter(d => d.severity === 'error');
    if (!errors.length) return undefined;
    const lines = lineIndexOf(this.ctx, step.doc);
    const first = errors[0];
    const at = lines.positionAt(first.offset);
    return `${step.planned.uri.replace(/^.*\//, '')} has ${errors.length} error${errors.length === 1 ? '' : 's'} (line ${at.line + 1}: ${first.code} ${first.message}): fix ${errors.length === 1 ? 'it' : 'them'} before registering.`;
  }
}

function hashOf(steps: readonly PlanStep[]): string {
  const h = createHash('sha256');
  for (const s of steps) h.update(`${s.planned.uri}\u0000${s.planned.subject}\u0000${s.text}\u0000`);
  return h.digest('hex').slice(0, 32);
}

/** One sentence per outcome, in plan order; never claims more than happened. */
export function summarize(results: readonly RegisterOutcome[], ok: boolean): string {
  const parts = results.map(r => {
    switch (r.outcome) {
      case 'registered': return `${r.subject}: registered${r.version !== undefined ? ` as version ${r.version}` : ''} (id ${r.id})${r.error ? ` — ${r.error}` : ''}`;
      case 'already-registered': return `${r.subject}: already registered as version ${r.version} (id ${r.id})`;
      case 'failed': return `${r.subject}: FAILED — ${r.error}`;
      case 'not-attempted': return `${r.subject}: not attempted`;
    }
  });
  const registered = results.filter(r => r.outcome === 'registered').length;
  const head = ok
    ? registered === 0 ? 'Nothing to register: everything is registered already.' : `Registered ${registered} schema${registered === 1 ? '' : 's'}.`
    : `Registration stopped at a failure: ${registered} of ${results.length} registered.`;
  return `${head} ${parts.join('; ')}.`;
}
