// A local schema beside its subject in the registry: registered versions by Parsing Canonical Form, our compatibility check at the level in force, the registry's own verdict, reference versions.
//
// Shared by `registry status` and `registry push`: both read, neither writes.
import { quoteNames } from '../../baselines/baselineSchemas';
import { needsEveryVersion, type RegistryBaseline } from '../../baselines/registry';
import type { PlannedRegistration } from '../../registry/mapping';
import { incompatibilityDetails } from '../../registry/errors';
import { RegistryError, type CompatibilityVerdict, type RegisteredSchema, type RegistryClient, type SchemaReference } from '../../registry/types';
import type { CompatibilityLevel } from '../../domain/compatibility';
import { loadVersions } from '../../project/baselines';
import { checkFile } from '../../project/checkFile';
import { LineIndex } from '../../service/text';
import { uriToPath } from '../../workspace/uris';
import type { LintedFile, LintRun } from '../lint';

export { ownCanonicalForm, registeredFacts, sameJson, type RegisteredFacts } from '../../project/registrySync';

/** One finding of our check, positioned in the local file. */
export interface LocalFinding {
  code: string;
  type: string;
  location: string;
  direction: 'BACKWARD' | 'FORWARD';
  versions: string[];
  message: string;
  severity: 'error';
  /** Zero-based. */
  line: number;
  character: number;
  offset: number;
  length: number;
}

export interface LocalCheck {
  level: CompatibilityLevel;
  levelSource: 'override' | 'registry';
  /** Labels of the versions checked against, newest first ("v3"). */
  versions: string[];
  compatible: boolean;
  /** False when parts could not be checked (names that resolve nowhere). */
  complete: boolean;
  findings: LocalFinding[];
  notes: string[];
}

/**
 * Our compatibility check of a local file against its subject's registered versions at the level in
 * force (the provider's target), with referenced schemas resolved as the registry resolves them:
 * the project layer's loadVersions and checkFile, as `check --against registry` and the editor.
 * undefined when there is nothing to check against (unmapped, not registered, level NONE).
 */
export async function checkLocally(baseline: RegistryBaseline, file: LintedFile, run: LintRun): Promise<LocalCheck | undefined> {
  const loaded = await loadVersions({ provider: baseline, companions: undefined }, file.path, {
    workingTree: run.index.schemas,
    candidateUri: file.uri,
    pathOf: uri => run.index.pathOf(uri) ?? uriToPath(uri),
  });
  const result = loaded.result;
  if (result.kind === 'unavailable') throw baseline.failure(file.path) ?? new RegistryError('protocol', result.message);
  const target = baseline.target(file.path);
  if (result.kind === 'none' || !target || target.level === 'NONE' || !file.doc.root) return undefined;
  const check = checkFile({ doc: file.doc, workingTree: run.index.schemas, level: target.level, baseline: loaded, settings: file.settings });
  const notes: string[] = check.invalid.map(s => `${s.version.label} is not a valid schema here: not checked against it`);
  const level = check.level;
  if (!level) return { level: target.level, levelSource: target.levelSource, versions: [], compatible: true, complete: true, findings: [], notes };
  const lines = new LineIndex(file.doc.text);
  const findings = check.findings.map((f): LocalFinding => {
    const g = f.finding;
    const at = lines.positionAt(f.offset);
    return {
      code: g.incompatibility.code,
      type: g.incompatibility.type,
      location: g.incompatibility.location,
      direction: g.direction,
      versions: g.versions,
      message: g.message,
      severity: 'error',
      line: at.line,
      character: at.character,
      offset: f.offset,
      length: f.length,
    };
  });
  if (!level.complete) {
    notes.push(check.unresolved.length ? `parts that use ${quoteNames(check.unresolved)} were not checked: the name resolves nowhere` : 'parts of the schema were not checked: some names resolve nowhere');
  }
  return { level: target.level, levelSource: target.levelSource, versions: check.checked.map(s => s.version.label), compatible: level.compatible, complete: level.complete, findings, notes };
}

/** The registry's own verdict (POST /compatibility ... ?verbose=true) at the registry's level: every version for *_TRANSITIVE levels, else the latest. */
export async function registryVerdict(client: RegistryClient, subject: string, text: string, references: SchemaReference[]): Promise<CompatibilityVerdict & { level: string }> {
  const level = await client.level(subject);
  const verdict = await client.checkCompatibility(subject, text, { version: needsEveryVersion(level) ? 'all' : 'latest', references });
  return { ...verdict, level };
}

/**
 * The registry's explanations without its envelope: Confluent 7.x answers one
 * "{errorType:'...', description:'...', additionalInfo:'...'}" per problem, then
 * "{oldSchemaVersion: 3}", "{oldSchema: '...'}", "{validateFields: ..., compatibility: ...}";
 * older registries answer plain sentences. "TYPE: description" (or the sentence) per problem.
 */
export function verdictReasons(messages: readonly string[]): string[] {
  return incompatibilityDetails([...messages]);
}

/** The version a reference names, per planned document (by URI). */
export interface ReferenceVersion {
  subject: string;
  /** The registered version equal to the local file, else the subject's latest; undefined when the subject does not exist. */
  version: number | undefined;
  /** True when `version` holds exactly the local file. */
  exact: boolean;
}

/**
 * For each planned registration (dependencies first), the version a schema reference to it names
 * today: the registered version identical to the local file (POST /subjects/{s}), else the latest.
 */
export async function currentReferenceVersions(order: readonly PlannedRegistration[], textOf: (uri: string) => string, client: RegistryClient): Promise<Map<string, ReferenceVersion>> {
  const out = new Map<string, ReferenceVersion>();
  for (const p of order) {
    const references = referencesFor(p, out);
    let found: RegisteredSchema | undefined;
    if (references) {
      try {
        found = await client.lookup(p.subject, textOf(p.uri), { references });
      } catch (e) {
        if (!(e instanceof RegistryError && e.kind === 'not-found')) throw e;
      }
    }
    if (found) {
      out.set(p.uri, { subject: p.subject, version: found.version, exact: true });
      continue;
    }
    let versions: number[] = [];
    try {
      versions = await client.versions(p.subject);
    } catch (e) {
      if (!(e instanceof RegistryError && e.kind === 'not-found')) throw e;
    }
    out.set(p.uri, { subject: p.subject, version: versions.length ? Math.max(...versions) : undefined, exact: false });
  }
  return out;
}

/** The schema references of a planned registration with the versions known so far; undefined when one is not registered. */
export function referencesFor(p: PlannedRegistration, versions: ReadonlyMap<string, { version: number | undefined }>): SchemaReference[] | undefined {
  const out: SchemaReference[] = [];
  for (const r of p.references) {
    const v = versions.get(r.uri)?.version;
    if (v === undefined) return undefined;
    out.push({ name: r.name, subject: r.subject, version: v });
  }
  return out;
}
