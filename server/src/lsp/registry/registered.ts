// Registered versions as the editor uses them: parsed with their referenced schemas, their Parsing Canonical Form, and a document's local check against a subject's versions at its level.
import { loadVersions } from '../../project/baselines';
import type { BaselineDocument, LoadedBaseline } from '../compat/baselineManager';
import type { RegistryBaseline, RegistryTarget } from '../../baselines/registry';
import type { BaselineResult } from '../../baselines/types';
import type { CompatibilityReport } from '../../protocol';
import type { RegistrySession } from '../../registry/session';
import { canonicalForm } from '../../service/model/canonical';
import { parseAvroDocument } from '../../service/model/builder';
import { resolverFor, SchemaIndex, type Resolver } from '../../service/model/schemaIndex';
import type { AvroDocument } from '../../service/model/types';
import { uriToPath } from '../../workspace/uris';
import { checkAgainstBaseline, type CheckOutcome } from '../compat/check';
import type { EffectiveCompatibility } from '../compat/policy';
import { buildReport } from '../compat/report';
import type { ServerContext } from '../context';
import { lineIndexOf } from '../diagnostics';
import type { RegistryFolder } from './folders';

/** A registered version, parsed. */
export interface ParsedVersion {
  subject: string;
  version: number;
  id: number;
  /** The text as registered. */
  text: string;
  doc: AvroDocument;
  resolve: Resolver;
  /** Its Parsing Canonical Form (references expanded as the registry resolves them); undefined when it is not a complete schema. */
  canonical: string | undefined;
}

const parsedCache = new WeakMap<RegistrySession, Map<string, Promise<ParsedVersion>>>();

/** A registered version with its references, parsed once per session (registered versions never change). */
export function parsedVersion(session: RegistrySession, baseline: RegistryBaseline, subject: string, version: number): Promise<ParsedVersion> {
  let cache = parsedCache.get(session);
  if (!cache) parsedCache.set(session, (cache = new Map()));
  const key = `${subject}\u0000${version}`;
  let found = cache.get(key);
  if (!found) {
    found = (async () => {
      const schema = await baseline.version(subject, version);
      const references = await baseline.referencedSchemas(schema);
      const index = new SchemaIndex();
      const doc = parseAvroDocument(`avro-registry:/${encodeURIComponent(subject)}/v${version}.avsc`, schema.schema);
      index.set(doc);
      for (const r of references) index.set(parseAvroDocument(r.uri, r.text));
      const resolve = resolverFor(index, doc);
      const form = doc.root && doc.json.errors.length === 0 ? canonicalForm(doc.root, resolve) : undefined;
      return { subject, version, id: schema.id, text: schema.schema, doc, resolve, canonical: form?.complete ? form.text : undefined };
    })();
    const pending = found;
    pending.catch(() => {
      if (cache!.get(key) === pending) cache!.delete(key);
    });
    cache.set(key, pending);
  }
  return found;
}

/** The Parsing Canonical Form of a workspace document (named types from other files expanded); undefined when incomplete. */
export function localCanonicalForm(ctx: ServerContext, doc: AvroDocument): string | undefined {
  if (!doc.root || doc.json.errors.length > 0) return undefined;
  const form = canonicalForm(doc.root, resolverFor(ctx.index.schemas, doc));
  return form.complete ? form.text : undefined;
}

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
export async function checkDocumentAgainstRegistry(ctx: ServerContext, folder: RegistryFolder, baseline: RegistryBaseline, uri: string, doc: AvroDocument): Promise<RegistryCheck> {
  const filePath = ctx.index.pathOf(uri) ?? uriToPath(uri) ?? uri;
  const start = ctx.runtime.now();
  const loadedVersions = await loadVersions({ provider: baseline, companions: undefined }, filePath, {
    workingTree: ctx.index.schemas,
    candidateUri: uri,
    pathOf: u => ctx.index.pathOf(u) ?? uriToPath(u),
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
