// A document's check against its subject's registered versions at the subject's level, as the editor's registry commands show it (the project layer's loadVersions and checkFile, rendered as a report).
import { loadVersions } from '../../project/baselines';
import type { BaselineDocument, LoadedBaseline } from '../compat/baselineManager';
import type { RegistryBaseline, RegistryTarget } from '../../baselines/registry';
import type { BaselineResult } from '../../baselines/types';
import type { CompatibilityReport } from '../../protocol';
import type { AvroDocument } from '../../service/model/types';
import { uriToPath } from '../../workspace/uris';
import { checkAgainstBaseline, type CheckOutcome } from '../compat/check';
import type { EffectiveCompatibility } from '../compat/policy';
import { buildReport } from '../compat/report';
import type { ServerContext } from '../context';
import { lineIndexOf } from '../diagnostics';
import type { RegistryFolder } from './folders';

export interface RegistryCheck {
  result: BaselineResult;
  target: RegistryTarget | undefined;
  policy: EffectiveCompatibility | undefined;
  outcome: CheckOutcome | undefined;
  report: CompatibilityReport | undefined;
}

/**
 * Our engine's check of a document against its subject's versions at the subject's level (every
 * version for *_TRANSITIVE levels): findings located in the document, as the live check and
 * `avro-studio registry status` make them (the project layer's loadVersions and checkFile).
 */
export async function checkDocumentAgainstRegistry(ctx: ServerContext, folder: RegistryFolder, baseline: RegistryBaseline, uri: string, doc: AvroDocument, signal?: AbortSignal): Promise<RegistryCheck> {
  const filePath = ctx.index.pathOf(uri) ?? uriToPath(uri) ?? uri;
  const start = ctx.runtime.now();
  const loadedVersions = await loadVersions({ provider: baseline, companions: undefined }, filePath, {
    workingTree: ctx.index.schemas,
    candidateUri: uri,
    pathOf: u => ctx.index.pathOf(u) ?? uriToPath(u),
    signal,
  });
  const target = baseline.target(filePath);
  let result = loadedVersions.result;
  if (!target) return { result, target, policy: undefined, outcome: undefined, report: undefined };
  const stale = folder.session.staleReason();
  if (result.kind === 'ok' && result.registry && stale) result = { ...result, registry: { ...result.registry, stale } };
  const levelFrom = target.levelSource === 'registry' ? `registry's level of subject ${target.subject}` : folder.project.file;
  const policy: EffectiveCompatibility = {
    enabled: true,
    level: target.level,
    baseline: { kind: 'registry' },
    base: folder.project.config.root,
    levelFrom: { source: target.levelSource === 'registry' ? 'registry' : 'project file', label: levelFrom },
    baselineFrom: { source: 'project file', label: 'registry' },
    configFile: folder.project.file,
  };
  const documents = new Map<string, BaselineDocument>();
  for (const s of loadedVersions.schemas) {
    for (const d of s.documents) documents.set(d.uri, { doc: d, openUri: d.uri, label: s.version.label, fileUri: uri, baseline: 'registry' });
  }
  const loaded: LoadedBaseline = { result, schemas: loadedVersions.schemas, documents, loadedAt: ctx.runtime.now(), durationMs: ctx.runtime.now() - start };
  if (target.level === 'NONE') {
    const status = { uri, level: 'NONE', baseline: 'registry', state: 'off' as const, count: 0, message: `Subject ${target.subject} has level NONE: the registry accepts any schema.` };
    const report = buildReport({ uri, status, policy, baseline: loaded, level: undefined, diagnostics: [], notes: [] });
    return { result, target, policy, outcome: { status, diagnostics: [], level: undefined, notes: [] }, report };
  }
  if (!doc.root || doc.json.errors.length > 0) return { result, target, policy, outcome: undefined, report: undefined };
  const settings = await ctx.settings.get(uri);
  const outcome = checkAgainstBaseline({
    uri,
    doc,
    workingTree: ctx.index.schemas,
    policy,
    baseline: loaded,
    settings: settings.avro,
    lineIndexOf: d => lineIndexOf(ctx, d),
    workspaceDoc: u => ctx.index.get(u),
  });
  const report = buildReport({ uri, status: outcome.status, policy, baseline: loaded, level: outcome.level, diagnostics: outcome.diagnostics, notes: outcome.notes });
  return { result, target, policy, outcome, report };
}
