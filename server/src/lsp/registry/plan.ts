// A registration plan with what the registry holds: each document in dependency order, its schema references with versions, and whether its exact text is registered already.
import * as path from 'node:path';
import { mapFile, planRegistrations, registrableText, type PlanProblem, type PlannedRegistration } from '../../registry/mapping';
import type { RegistryClient, SchemaReference } from '../../registry/types';
import type { AvroDocument } from '../../service/model/types';
import { uriToPath } from '../../workspace/uris';
import type { ServerContext } from '../context';
import type { RegistryFolder } from './folders';

export interface PlanStep {
  planned: PlannedRegistration;
  doc: AvroDocument;
  /** The text sent to the registry (comments removed). */
  text: string;
  /** Its references with the versions they resolve to; `version` undefined while a dependency's text is not registered. */
  references: Array<{ name: string; subject: string; uri: string; version: number | undefined }>;
  /** The exact text (with these references) is registered under the subject already. */
  registered?: { id: number; version: number };
}

export interface ResolvedPlan {
  steps: PlanStep[];
  problems: PlanProblem[];
}

/** A document's name for messages: its path in the folder. */
export function displayName(folder: RegistryFolder | { folder: string }, uri: string): string {
  const p = uriToPath(uri);
  if (!p) return uri;
  const relative = path.relative(folder.folder, p);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative.split(path.sep).join('/') : path.basename(p);
}

/** The subject mapping of a document in a folder (avro-studio.json rules). */
export function subjectOf(ctx: ServerContext, folder: RegistryFolder, doc: AvroDocument): ReturnType<typeof mapFile> {
  const filePath = ctx.index.pathOf(doc.uri) ?? uriToPath(doc.uri) ?? doc.uri;
  return mapFile(folder.project.config, filePath, doc);
}

/** Schema references as the registry wants them (only when every version is known). */
export function referencesOf(step: Pick<PlanStep, 'references'>): SchemaReference[] | undefined {
  const out: SchemaReference[] = [];
  for (const r of step.references) {
    if (r.version === undefined) return undefined;
    out.push({ name: r.name, subject: r.subject, version: r.version });
  }
  return out;
}

/**
 * Plan the registration of `uris` (and the documents they use types from, first), then ask the
 * registry, in that order, which exact texts it holds already. Registry errors propagate.
 */
export async function resolvePlan(ctx: ServerContext, folder: RegistryFolder, client: RegistryClient, uris: readonly string[], signal?: AbortSignal): Promise<ResolvedPlan> {
  const plan = planRegistrations(uris, ctx.index.schemas, doc => subjectOf(ctx, folder, doc).resolution, uri => displayName(folder, uri));
  const versions = new Map<string, number | undefined>();
  const steps: PlanStep[] = [];
  for (const planned of plan.order) {
    const doc = ctx.index.get(planned.uri);
    if (!doc) continue;
    const text = registrableText(doc);
    const step: PlanStep = { planned, doc, text, references: planned.references.map(r => ({ ...r, version: versions.get(r.uri) })) };
    const references = referencesOf(step);
    if (references) {
      const found = await client.lookup(planned.subject, text, { references, signal });
      if (found) step.registered = { id: found.id, version: found.version };
    }
    versions.set(planned.uri, step.registered?.version);
    steps.push(step);
  }
  return { steps, problems: plan.problems };
}
