// Where a local schema stands against its subject, for the editor's sync view and lenses and for `avro-studio registry status`: the registry's facts about the file, and one classification (in sync, behind, ahead and compatible or not, not registered).
//
// Each front-end gathers what only it can (its registry client and caches, the schema references
// of its registration plan, its own check's findings) and words the result; which state a file is
// in is decided here, so the editor never calls "in sync" what CI calls "ahead".
import type { RegistryBaseline } from '../baselines/registry';
import type { RegistrySyncState } from '../domain/registry';
import { registrableText } from '../registry/mapping';
import { RegistryError, type RegisteredSchema, type SchemaReference } from '../registry/types';
import { parseAvroDocument } from '../service/languageService';
import { canonicalForm } from '../service/languageService';
import { resolverFor } from '../service/languageService';
import type { AvroDocument } from '../service/model/types';

/**
 * The Parsing Canonical Form of a document on its own: names from other files stay names (as in
 * the registered text, which refers to other subjects by name), so a local file and a registered
 * version compare equal exactly when the registry holds the same schema.
 */
export function ownCanonicalForm(doc: AvroDocument): string | undefined {
  if (!doc.root || doc.json.errors.length) return undefined;
  return canonicalForm(doc.root, resolverFor(undefined, doc), doc.cache).text;
}

/** Whether two texts hold the same JSON value (key order and layout aside); false when either is not JSON. */
export function sameJson(a: string, b: string): boolean {
  const parse = (t: string): unknown => {
    try {
      return JSON.parse(t);
    } catch {
      return Symbol('not JSON');
    }
  };
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v as object).sort().map(k => [k, norm((v as Record<string, unknown>)[k])]));
    return v;
  };
  const x = parse(a);
  const y = parse(b);
  return typeof x !== 'symbol' && typeof y !== 'symbol' && JSON.stringify(norm(x)) === JSON.stringify(norm(y));
}

/** What the registry holds for a subject, as far as a local file is concerned. */
export interface RegisteredFacts {
  /** Ascending; [] when the subject does not exist. */
  versions: number[];
  latest: RegisteredSchema | undefined;
  /**
   * The version that holds exactly the local schema, by the registry's own comparison (POST
   * /subjects/{s}: docs, defaults and aliases count there, layout and attribute order do not).
   */
  exact: RegisteredSchema | undefined;
  /** The newest version with the local file's Parsing Canonical Form (which leaves docs, defaults, aliases... out). */
  canonical: RegisteredSchema | undefined;
}

/**
 * The versions of `subject`, the one that holds the local schema exactly (asked of the registry when
 * `references` are known: a schema with references is another schema with other ones), and the
 * newest one with the same Parsing Canonical Form (older versions are read only when the latest differs).
 * Registry errors other than "not found" propagate.
 */
export async function registeredFacts(baseline: RegistryBaseline, subject: string, doc: AvroDocument, references: SchemaReference[] | undefined, signal?: AbortSignal): Promise<RegisteredFacts> {
  const none: RegisteredFacts = { versions: [], latest: undefined, exact: undefined, canonical: undefined };
  let versions: number[];
  try {
    versions = [...(await baseline.client.versions(subject, { signal }))].sort((a, b) => a - b);
  } catch (e) {
    if (e instanceof RegistryError && e.kind === 'not-found') return none;
    throw e;
  }
  if (versions.length === 0) return none;
  const latest = await baseline.version(subject, versions[versions.length - 1], signal);
  let exact: RegisteredSchema | undefined;
  if (references) {
    exact = await baseline.client.lookup(subject, registrableText(doc), { references, signal }).catch(e => {
      if (e instanceof RegistryError && e.kind === 'not-found') return undefined;
      throw e;
    });
  }
  const local = ownCanonicalForm(doc);
  let canonical: RegisteredSchema | undefined;
  if (local !== undefined) {
    for (let i = versions.length - 1; i >= 0 && !canonical; i--) {
      const registered = i === versions.length - 1 ? latest : await baseline.version(subject, versions[i], signal);
      if (ownCanonicalForm(parseAvroDocument('registry:version', registered.schema)) === local) canonical = registered;
    }
  }
  return { versions, latest, exact, canonical };
}

/** Where a mapped, valid local schema stands before any compatibility check. */
export type RegisteredState =
  | { state: 'not-registered' }
  /** `same`: the registered version holding the local schema (the latest one when in sync). */
  | { state: 'in-sync'; latest: RegisteredSchema; same: RegisteredSchema }
  | { state: 'behind'; latest: RegisteredSchema; same: RegisteredSchema }
  /** The local schema is no registered version. `canonicalOnly`: a version with its Parsing Canonical Form, differing in what that form leaves out (for the registry a new schema). */
  | { state: 'ahead'; latest: RegisteredSchema; canonicalOnly: RegisteredSchema | undefined };

/**
 * The registered version that holds the local schema: the registry's exact match when it could be
 * asked (the references were known), else the newest version with the same Parsing Canonical Form
 * whose JSON is the file's (comments and layout aside).
 */
export function registeredState(facts: RegisteredFacts, doc: AvroDocument, references: SchemaReference[] | undefined): RegisteredState {
  if (!facts.latest) return { state: 'not-registered' };
  const same = facts.exact ?? (!references && facts.canonical && sameJson(registrableText(doc), facts.canonical.schema) ? facts.canonical : undefined);
  if (same) return same.version === facts.latest.version ? { state: 'in-sync', latest: facts.latest, same } : { state: 'behind', latest: facts.latest, same };
  return { state: 'ahead', latest: facts.latest, canonicalOnly: facts.canonical };
}

/**
 * An ahead schema is compatible when neither our check (Java's rules at the subject's level) nor
 * the registry's own verdict rejects it; `undefined` means that side was not asked. Both asked and
 * differing is a disagreement, always shown.
 */
export function aheadState(ours: boolean | undefined, registry: boolean | undefined): { state: Extract<RegistrySyncState, 'ahead-compatible' | 'ahead-incompatible'>; disagreement: boolean } {
  const compatible = (ours ?? true) && (registry ?? true);
  return { state: compatible ? 'ahead-compatible' : 'ahead-incompatible', disagreement: ours !== undefined && registry !== undefined && ours !== registry };
}
