// Which Schema Registry subject a schema file maps to, and the registrations it needs (its schema references, dependencies first).
//
// Pure: no file system, no network. The caller hands in the project file (already parsed), the
// documents (SchemaIndex) and the file's path relative to the project folder; the language server
// and the CLI use the same functions, so the editor and CI agree on every subject.
//
// Subjects come from avro-studio.json (policyFor + subjectFor): an explicit subject, or a naming
// strategy (TopicNameStrategy <topic>-value/-key, RecordNameStrategy <fullname>,
// TopicRecordNameStrategy <topic>-<fullname>), where the fullname is that of the file's top-level
// named type. A named type used from another file becomes a schema reference
// ({name: fullname, subject: the other file's subject, version}): Schema Registry resolves it from
// that subject, so the other file must be registered first (dependency order).
import { stripComments } from 'jsonc-parser';
import { policyFor, subjectFor, PROJECT_CONFIG_FILE, type EffectivePolicy, type ProjectConfig, type SubjectResolution } from '../config/projectConfig';
import { withoutSuppressionComments, type SchemaIndex } from '../service/languageService';
import type { AvroDocument } from '../service/model/types';

/** Where a file's subject comes from, and the policy that applies to it. */
export interface FileMapping {
  /** The file's path relative to the project folder, with forward slashes ('' when outside it). */
  relativePath: string;
  resolution: SubjectResolution;
  /** The merged rules of avro-studio.json for the file; undefined without a project file. */
  policy: EffectivePolicy | undefined;
}

/**
 * The path of `absolutePath` relative to `root`, with forward slashes; undefined when the file is
 * not inside `root`. Works on POSIX and Windows spellings (no file system access).
 */
export function relativeToRoot(root: string, absolutePath: string): string | undefined {
  const norm = (p: string) => p.replace(/\\/g, '/').replace(/\/+$/, '');
  const r = norm(root);
  const f = norm(absolutePath);
  const windows = /^[A-Za-z]:\//.test(r);
  const same = (a: string, b: string) => (windows ? a.toLowerCase() === b.toLowerCase() : a === b);
  if (f.length <= r.length + 1 || !same(f.slice(0, r.length), r) || f[r.length] !== '/') return undefined;
  return f.slice(r.length + 1);
}

/** The fullname of the file's top-level named type (what RecordNameStrategy names the subject after); undefined when the top level is not a named type. */
export function topLevelFullname(doc: AvroDocument | undefined): string | undefined {
  const root = doc?.root;
  if (!root) return undefined;
  if ((root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.hasValidName) return root.fullname;
  return undefined;
}

export interface MapFileOptions {
  /** A subject given for this one file (the CLI's --subject): it wins over the project file. */
  subject?: string;
}

/**
 * The subject of one schema file. `absolutePath` must be inside `config.root` to match the project
 * file's globs; `doc` gives the top-level fullname for the record name strategies.
 */
export function mapFile(config: ProjectConfig | undefined, absolutePath: string, doc: AvroDocument | undefined, options: MapFileOptions = {}): FileMapping {
  const fileName = absolutePath.replace(/\\/g, '/').split('/').pop() ?? absolutePath;
  const relativePath = config ? relativeToRoot(config.root, absolutePath) : undefined;
  const policy = config && relativePath !== undefined ? policyFor(config, relativePath) : undefined;
  if (options.subject) {
    return { relativePath: relativePath ?? '', resolution: { kind: 'subject', subject: options.subject, how: 'given subject' }, policy };
  }
  if (!config) {
    return {
      relativePath: '',
      resolution: { kind: 'unmapped', reason: `${fileName} maps to no subject: there is no ${PROJECT_CONFIG_FILE}. Add one with a "schemas" rule that gives "subject" or "strategy" for it.` },
      policy,
    };
  }
  if (relativePath === undefined) {
    return {
      relativePath: '',
      resolution: { kind: 'unmapped', reason: `${fileName} maps to no subject: it is outside the folder of ${PROJECT_CONFIG_FILE} (${config.root}), whose rules map files inside it.` },
      policy,
    };
  }
  return { relativePath, resolution: subjectFor(policy!, relativePath, topLevelFullname(doc)), policy };
}

/** A document whose named types another document uses. */
export interface SchemaDependency {
  /** URI of the document that defines the types. */
  uri: string;
  /** Fullname of the reference: the document's top-level named type when it has one and is used, else the first type used from it. */
  name: string;
  /** Every fullname used from that document, in first-use order. */
  used: string[];
}

/** The other documents whose named types `doc` uses (in order of first use), and the names that resolve nowhere. */
export function dependenciesOf(doc: AvroDocument, index: SchemaIndex): { dependencies: SchemaDependency[]; unresolved: string[] } {
  const byUri = new Map<string, SchemaDependency>();
  const unresolved: string[] = [];
  for (const ref of doc.references) {
    // A reference inside the document resolves in the document first (Java's parser order), then elsewhere.
    const found = index.resolve(ref, doc);
    if (!found) {
      if (!unresolved.includes(ref.name)) unresolved.push(ref.name);
      continue;
    }
    const target = found.target;
    if (target.uri === doc.uri) continue;
    let dep = byUri.get(target.uri);
    if (!dep) byUri.set(target.uri, (dep = { uri: target.uri, name: target.fullname, used: [] }));
    if (!dep.used.includes(target.fullname)) dep.used.push(target.fullname);
  }
  for (const dep of byUri.values()) {
    // Confluent resolves a reference to the whole registered schema; name it after that schema's own type when it is used.
    const top = topLevelFullname(index.get(dep.uri));
    if (top && dep.used.includes(top)) dep.name = top;
  }
  return { dependencies: [...byUri.values()], unresolved };
}

/** One registration of a plan: a document under its subject, with the references it needs. */
export interface PlannedRegistration {
  uri: string;
  subject: string;
  /** How the subject was found ('explicit subject', 'TopicNameStrategy', ...). */
  how: string;
  /**
   * Schema references: the referenced type's fullname, and the document and subject that define it,
   * one per document, in the order the document first uses them (the registry resolves each
   * referenced schema's own references before it; the plan registers them before it).
   */
  references: Array<{ name: string; subject: string; uri: string }>;
  /** True for a document that was not asked for but is needed by one that was. */
  dependency: boolean;
}

export type PlanProblemKind = 'unmapped' | 'unresolved' | 'cycle' | 'blocked' | 'same-subject' | 'missing';

export interface PlanProblem {
  kind: PlanProblemKind;
  /** The document the problem is about. */
  uri: string;
  message: string;
}

export interface RegistrationPlan {
  /** Registrations in dependency order: every document after the documents it references. */
  order: PlannedRegistration[];
  /** Why parts of the plan cannot be registered (a plan with problems must not be carried out). */
  problems: PlanProblem[];
}

/**
 * Plan the registration of `uris` and of every document they use types from, in dependency order
 * (depth first, referenced documents before their users, otherwise in the order asked). `subjectOf`
 * maps a document to its subject (mapFile). `displayName` names a document in messages. Never throws.
 */
export function planRegistrations(
  uris: readonly string[],
  index: SchemaIndex,
  subjectOf: (doc: AvroDocument) => SubjectResolution,
  displayName: (uri: string) => string = uri => uri,
): RegistrationPlan {
  const order: PlannedRegistration[] = [];
  const problems: PlanProblem[] = [];
  /** Visited documents: their registration when they can be registered, undefined when they cannot. */
  const done = new Map<string, PlannedRegistration | undefined>();
  const onPath: string[] = [];
  const requested = new Set(uris);
  const reportedCycles = new Set<string>();

  const visit = (uri: string): PlannedRegistration | undefined => {
    if (done.has(uri)) return done.get(uri);
    const doc = index.get(uri);
    if (!doc) {
      problems.push({ kind: 'missing', uri, message: `${displayName(uri)} is not among the schemas read.` });
      done.set(uri, undefined);
      return undefined;
    }
    onPath.push(uri);
    const { dependencies, unresolved } = dependenciesOf(doc, index);
    for (const name of unresolved) {
      problems.push({ kind: 'unresolved', uri, message: `${displayName(uri)} uses "${name}", which no schema defines: Schema Registry would reject it. Define the type, or fix the name.` });
    }
    const references: PlannedRegistration['references'] = [];
    const blockedBy: string[] = [];
    let registrable = unresolved.length === 0;
    for (const dep of dependencies) {
      const at = onPath.indexOf(dep.uri);
      if (at >= 0) {
        const cycle = [...onPath.slice(at), dep.uri].map(displayName);
        const key = [...onPath.slice(at)].sort().join('\u0000');
        if (!reportedCycles.has(key)) {
          reportedCycles.add(key);
          problems.push({
            kind: 'cycle',
            uri,
            message: `${cycle.join(' -> ')}: these files use types from each other, and Schema Registry references cannot go round in a circle. Move the shared types into one file.`,
          });
        }
        registrable = false;
        continue;
      }
      const planned = visit(dep.uri);
      if (!planned) {
        blockedBy.push(displayName(dep.uri));
        registrable = false;
        continue;
      }
      references.push({ name: dep.name, subject: planned.subject, uri: dep.uri });
    }
    onPath.pop();
    const mapped = subjectOf(doc);
    if (mapped.kind === 'unmapped') {
      const user = onPath[onPath.length - 1];
      const message = requested.has(uri) || user === undefined ? mapped.reason : `${displayName(uri)} must be registered first (${displayName(user)} uses its types), but ${mapped.reason}`;
      problems.push({ kind: 'unmapped', uri, message });
      registrable = false;
    } else if (blockedBy.length && requested.has(uri)) {
      problems.push({ kind: 'blocked', uri, message: `${displayName(uri)} uses types from ${blockedBy.join(', ')}, which cannot be registered (see above): it cannot be registered either.` });
    }
    const planned: PlannedRegistration | undefined =
      registrable && mapped.kind === 'subject' ? { uri, subject: mapped.subject, how: mapped.how, references, dependency: !requested.has(uri) } : undefined;
    done.set(uri, planned);
    if (planned) order.push(planned);
    return planned;
  };

  for (const uri of uris) visit(uri);

  // Two documents under one subject would register as successive versions of each other.
  const bySubject = new Map<string, string[]>();
  for (const p of order) bySubject.set(p.subject, [...(bySubject.get(p.subject) ?? []), p.uri]);
  for (const [subject, list] of bySubject) {
    if (list.length < 2) continue;
    problems.push({
      kind: 'same-subject',
      uri: list[1],
      message: `${list.map(displayName).join(' and ')} ${list.length === 2 ? 'both' : 'all'} map to the subject "${subject}": each would register over the other as the subject's next version. Give them different subjects in ${PROJECT_CONFIG_FILE}.`,
    });
  }
  return { order, problems };
}

/**
 * The text to send to Schema Registry for a document: comments removed (the registry parses plain
 * JSON), suppression comments with their lines, everything else as written, so numbers keep their
 * exact digits.
 */
export function registrableText(doc: AvroDocument): string {
  // Suppression comments (// avro-studio-ignore ...) go with their line: the registered text is what it would be without them.
  return stripComments(withoutSuppressionComments(doc.text, doc.json.comments)).trim();
}
