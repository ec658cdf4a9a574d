// Where each mapped schema stands against its subject: in sync (same Parsing Canonical Form as the latest version), ahead (compatible or not), behind, not registered, unmapped, invalid; the workspace's sync status with bounded concurrency.
import * as path from 'node:path';
import type { RegistryBaseline } from '../../baselines/registry';
import { REGISTRY_SYNC_STATES, SYNC_STATE_WORDS, type RegistrySyncState } from '../../domain/registry';
import type { RegistrySyncEntry, RegistrySyncStatusParams, RegistrySyncStatusResult } from '../../protocol';
import type { SchemaReference } from '../../registry/types';
import { aheadState, registeredFacts, registeredState } from '../../project/registrySync';
import { validateDocument } from '../../service/languageService';
import { uriToPath } from '../../workspace/uris';
import type { ServerContext } from '../context';
import { INDEX_WAIT_MS } from '../diagnostics';
import type { RegistryFolder, RegistryFolders } from './folders';
import { displayName, referencesOf, resolvePlan, subjectOf, type PlanStep } from './plan';
import { checkDocumentAgainstRegistry } from './registered';
import { mapLimit } from '../../service/languageService';

/** At most this many schemas are checked against the registry at once. */
export const SYNC_CONCURRENCY = 4;

export interface EntryOptions {
  /** Read the registry now (commands) rather than the session's recent values (lenses). */
  live: boolean;
  /** Ask the registry's own verdict for schemas that are ahead (one POST each). */
  verdict: boolean;
}

export interface SyncStatesOptions {
  baseline(folder: RegistryFolder, live: boolean): RegistryBaseline;
}


export class SyncStates {
  constructor(private readonly ctx: ServerContext, private readonly folders: RegistryFolders, private readonly options: SyncStatesOptions) {}

  /** The sync state of one document. Never throws: a registry failure is an 'error' entry saying why. */
  async entry(folder: RegistryFolder, uri: string, options: EntryOptions, signal?: AbortSignal): Promise<RegistrySyncEntry> {
    const doc = this.ctx.models.get(uri);
    const name = displayName(folder, uri);
    if (!doc) return { uri, state: 'error', message: `${name} cannot be read (too large, or removed).` };
    const mapping = subjectOf(this.ctx, folder, doc).resolution;
    if (mapping.kind === 'unmapped') return { uri, state: 'unmapped', message: mapping.reason };
    const subject = mapping.subject;
    const invalid = await this.invalidReason(uri, doc);
    if (invalid) return { uri, subject, state: 'invalid', message: invalid };
    const baseline = this.options.baseline(folder, options.live);
    try {
      // Commands ask the registry: the schema's references (its registration plan) let it compare exactly and give its verdict.
      // Lenses answer from what the registry said last: no plan, the Parsing Canonical Form and the JSON decide.
      let step: PlanStep | undefined;
      if (options.verdict) step = (await resolvePlan(this.ctx, folder, folder.session.live, [uri], signal)).steps.find(s => s.planned.uri === uri);
      const references = step ? referencesOf(step) : undefined;
      // The project layer decides where the file stands (`avro-studio registry status` decides the same way).
      const registered = registeredState(await registeredFacts(baseline, subject, doc, references, signal), doc, references);
      if (registered.state === 'not-registered') return { uri, subject, state: 'not-registered', message: `Subject ${subject} does not exist yet: registering ${name} creates it.` };
      const latest = registered.latest.version;
      if (registered.state === 'in-sync') return { uri, subject, state: 'in-sync', localVersionMatch: latest, latestVersion: latest, message: `Same schema as ${subject} v${latest}.` };
      if (registered.state === 'behind') {
        const match = registered.same.version;
        return { uri, subject, state: 'behind', localVersionMatch: match, latestVersion: latest, message: `The registry has v${latest}; ${name} equals the older v${match}: pull the latest to catch up.` };
      }
      return await this.ahead(folder, baseline, uri, subject, latest, options, step, references, signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return { uri, subject, state: 'error', message: `${subject} could not be checked: ${message}` };
    }
  }

  /** The workspace's (or one folder's) mapped schemas, each with its state; errors are per entry. */
  async status(params: RegistrySyncStatusParams | undefined, signal?: AbortSignal): Promise<RegistrySyncStatusResult> {
    await this.ctx.whenIndexed(INDEX_WAIT_MS);
    let targets: RegistryFolder[];
    if (params?.folder) {
      const found = await this.folders.resolve(params.folder);
      if (!found.ok) return { folder: params.folder, entries: [], message: found.message };
      targets = [found.value];
    } else {
      const first = await this.folders.resolve(undefined);
      if (!first.ok) return { entries: [], message: first.message };
      targets = await this.folders.configured();
    }
    const entries: RegistrySyncEntry[] = [];
    for (const folder of targets) {
      folder.session.refresh();
      const uris = this.ctx.index.uris()
        .filter(u => this.folders.folderOfDocument(u) === folder.folder)
        .sort((a, b) => (uriToPath(a) ?? a).localeCompare(uriToPath(b) ?? b));
      entries.push(...await mapLimit(uris, SYNC_CONCURRENCY, uri => this.entry(folder, uri, { live: true, verdict: true }, signal)));
    }
    return { folder: targets.length === 1 ? targets[0].folderUri : undefined, entries, message: summarize(entries, targets) };
  }

  private async ahead(folder: RegistryFolder, baseline: RegistryBaseline, uri: string, subject: string, latest: number, options: EntryOptions, step: PlanStep | undefined, references: SchemaReference[] | undefined, signal?: AbortSignal): Promise<RegistrySyncEntry> {
    const doc = this.ctx.models.get(uri)!;
    const check = await checkDocumentAgainstRegistry(this.ctx, folder, baseline, uri, doc, signal);
    if (check.result.kind === 'unavailable') return { uri, subject, state: 'error', latestVersion: latest, message: `${subject} could not be checked: ${check.result.message}` };
    const level = check.target?.level ?? 'BACKWARD';
    const ours = check.report?.findings.length ?? 0;
    const oursText = ours ? `${ours} breaking change${ours === 1 ? '' : 's'}` : 'compatible';
    let verdict: { isCompatible: boolean; messages: string[] } | undefined;
    let verdictNote = '';
    if (options.verdict && level !== 'NONE') {
      if (step && references) {
        verdict = await folder.session.live.checkCompatibility(subject, step.text, { version: level.endsWith('_TRANSITIVE') ? 'all' : 'latest', references, signal });
      } else {
        verdictNote = ' (the registry was not asked: a schema it references is not registered in its current form yet)';
      }
    }
    const { state, disagreement } = aheadState(check.report ? ours === 0 : undefined, verdict?.isCompatible);
    const compatible = state === 'ahead-compatible';
    const against = `v${latest}${level.endsWith('_TRANSITIVE') ? ' and earlier versions' : ''} at ${level}`;
    let message: string;
    if (verdict) {
      const registryText = verdict.isCompatible ? 'compatible' : `incompatible${verdict.messages.length ? `: ${verdict.messages[0]}` : ''}`;
      const disagree = disagreement;
      message = disagree
        ? `Differs from ${against}. Our check and the registry disagree: Avro Studio finds ${oursText}; the registry says ${registryText}.`
        : `Differs from ${against}: ${compatible ? 'compatible, can be registered' : `would be rejected (${registryText.replace(/^incompatible: ?/, '') || 'incompatible'})`}.`;
    } else {
      message = `Differs from ${against}: ${compatible ? 'compatible, can be registered' : `${oursText}: would be rejected`}${verdictNote}.`;
    }
    return { uri, subject, state, latestVersion: latest, message };
  }

  private async invalidReason(uri: string, doc: NonNullable<ReturnType<ServerContext['models']['get']>>): Promise<string | undefined> {
    if (doc.json.errors.length > 0 || !doc.root || doc.root.kind === 'invalid') return `${path.basename(uriToPath(uri) ?? uri)} is not a valid schema (JSON syntax errors): fix it first.`;
    const settings = await this.ctx.settings.get(uri);
    const errors = validateDocument(doc, settings.avro, this.ctx.index.schemas).filter(d => d.severity === 'error');
    if (errors.length === 0) return undefined;
    return `${path.basename(uriToPath(uri) ?? uri)} has ${errors.length} error${errors.length === 1 ? '' : 's'} (${errors[0].code} ${errors[0].message}): fix ${errors.length === 1 ? 'it' : 'them'} first.`;
  }
}

/** "12 schemas: 8 in sync, 2 ahead (compatible), 1 behind, 1 unmapped." */
function summarize(entries: readonly RegistrySyncEntry[], folders: readonly RegistryFolder[]): string {
  if (entries.length === 0) return `No schema in ${folders.map(f => path.basename(f.folder)).join(', ') || 'the workspace'}.`;
  const counts = new Map<RegistrySyncState, number>();
  for (const e of entries) counts.set(e.state, (counts.get(e.state) ?? 0) + 1);
  const parts = REGISTRY_SYNC_STATES.filter(s => counts.has(s)).map(s => `${counts.get(s)} ${SYNC_STATE_WORDS[s]}`);
  let message = `${entries.length} schema${entries.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
  const errors = entries.filter(e => e.state === 'error');
  if (errors.length) message += ` First failure: ${errors[0].message}`;
  return message;
}
