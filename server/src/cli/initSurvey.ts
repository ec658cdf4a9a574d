// What `avro-studio init` finds in a repository (schema folders, subject naming, a version field, git) and the avro-studio.json it proposes from that.
import * as path from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { SUBJECT_STRATEGIES, TOP_LEVEL_KEYS, type SubjectStrategy } from '../config/projectConfig';
import type { CompatibilityLevel } from '../domain/compatibility';
import { ALWAYS_SKIPPED_DIRECTORIES, DEFAULT_EXCLUDE, ExcludeMatcher } from '../workspace/exclude';
import type { FileSystem } from '../workspace/fileSystem';

/** Files that may say how the team names its subjects (Kafka client settings, build files). */
const CONFIG_FILE = /(\.properties|\.ya?ml|\.conf|\.gradle|\.gradle\.kts|(^|\/)pom\.xml)$/i;
/** Schemas and settings files larger than this are not read (a real one is a few KB). */
const MAX_READ = 1024 * 1024;
/** More files than this are not read for subject settings (their names are still listed). */
const MAX_CONFIG_FILES = 2000;
/** At most this many schema folder rules: more are merged into their parent folders. */
export const MAX_FOLDER_RULES = 8;
/** At most this many files get a subject of their own (from `<topic>-value.avsc` names or a Maven plugin's <subjects>). */
const MAX_SUBJECT_RULES = 50;

export type VersionKind = 'integer' | 'semver';

export interface VersionFieldFound {
  name: string;
  kind: VersionKind;
  /** Top-level records that have it (with a default of that kind), of `records`. */
  count: number;
  records: number;
}

export interface SubjectFound {
  /** Schema file relative to the project folder (posix). */
  file: string;
  subject: string;
  /** Where the subject was found: "file name" or the build file. */
  from: string;
}

export interface Survey {
  /** The folder avro-studio.json goes in (absolute). */
  root: string;
  /** .avsc files relative to root (posix), sorted. */
  schemas: string[];
  /** Folders that could not be read. */
  unreadable: string[];
  /** The subject name strategy the repository's settings name, with the file that names it. */
  strategy?: { strategy: SubjectStrategy; from: string; conflicting: SubjectStrategy[] };
  /** Explicit subjects of single files. */
  subjects: SubjectFound[];
  versionField?: VersionFieldFound;
  /** The folder is inside a git work tree; `hasCommit`: HEAD names a commit. */
  git?: { root: string; hasCommit: boolean };
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Every .avsc file and every settings file under `root` (build outputs, node_modules and .git skipped). */
async function walk(fs: FileSystem, root: string): Promise<{ schemas: string[]; configs: string[]; unreadable: string[] }> {
  const exclude = new ExcludeMatcher(root, DEFAULT_EXCLUDE);
  const schemas: string[] = [];
  const configs: string[] = [];
  const unreadable: string[] = [];
  const visit = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await fs.readDirectory(dir);
    } catch {
      unreadable.push(toPosix(path.relative(root, dir)) || '.');
      return;
    }
    const folders: string[] = [];
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.type === 'directory') {
        if (!ALWAYS_SKIPPED_DIRECTORIES.has(e.name) && !exclude.isExcludedDirectory(p)) folders.push(p);
      } else if (e.type === 'file' && !exclude.isExcludedFile(p)) {
        const rel = toPosix(path.relative(root, p));
        if (e.name.toLowerCase().endsWith('.avsc')) schemas.push(rel);
        else if (CONFIG_FILE.test(rel)) configs.push(rel);
      }
    }
    for (let i = 0; i < folders.length; i += 8) await Promise.all(folders.slice(i, i + 8).map(visit));
  };
  await visit(root);
  return { schemas: schemas.sort(), configs: configs.sort(), unreadable };
}

const STRATEGY_SETTING = /subject[._-]?name[._-]?strategy\W[^\n]{0,200}?\b(TopicRecordNameStrategy|RecordNameStrategy|TopicNameStrategy)\b/gi;

/** Subject strategies named in one settings file (value.subject.name.strategy=...RecordNameStrategy, subjectNameStrategy: ...). */
export function strategiesIn(text: string): SubjectStrategy[] {
  const found: SubjectStrategy[] = [];
  for (const m of text.matchAll(STRATEGY_SETTING)) {
    const name = SUBJECT_STRATEGIES.find(s => s.toLowerCase() === m[1].toLowerCase());
    if (name) found.push(name);
  }
  return found;
}

/** kafka-schema-registry-maven-plugin's <subjects><orders-value>src/main/avro/Order.avsc</orders-value></subjects>. */
export function mavenSubjects(pom: string): Array<{ subject: string; file: string }> {
  const out: Array<{ subject: string; file: string }> = [];
  for (const block of pom.matchAll(/<subjects>([\s\S]*?)<\/subjects>/g)) {
    for (const m of block[1].matchAll(/<([A-Za-z_][\w.-]*)>\s*([^<]+?\.avsc)\s*<\/\1>/g)) out.push({ subject: m[1], file: m[2].trim() });
  }
  return out;
}

/** `orders-value.avsc` is the value schema of topic orders: its subject under TopicNameStrategy is its name. */
function subjectOfFileName(file: string): string | undefined {
  const m = /(^|\/)([^/]+-(?:value|key))\.avsc$/i.exec(file);
  return m ? m[2] : undefined;
}

const VERSION_NAME = /^(schema[_-]?version|_?version|[a-z]+[_-]version|[a-z]+Version)$/i;
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** The kind of a field's default when it looks like a version: an integer (int or long) or a semver string. */
function versionKindOf(field: Record<string, unknown>): VersionKind | undefined {
  const branches = Array.isArray(field.type) ? field.type : [field.type];
  const names = branches.map(b => (typeof b === 'string' ? b : b && typeof b === 'object' ? (b as { type?: unknown }).type : undefined));
  const d = field.default;
  if (typeof d === 'number' && Number.isInteger(d) && names.some(n => n === 'int' || n === 'long')) return 'integer';
  if (typeof d === 'string' && SEMVER.test(d) && names.includes('string')) return 'semver';
  return undefined;
}

/**
 * The version field the schemas share: the name (schema_version, version, eventVersion...) that the
 * most top-level records carry with an integer or semver default, when at least half of them do.
 */
export function findVersionField(texts: readonly string[]): VersionFieldFound | undefined {
  let records = 0;
  const byName = new Map<string, Map<VersionKind, number>>();
  for (const text of texts) {
    let schema: unknown;
    try {
      schema = parseJsonc(text, [], { allowTrailingComma: true });
    } catch {
      continue;
    }
    if (!schema || typeof schema !== 'object' || Array.isArray(schema)) continue;
    const s = schema as { type?: unknown; fields?: unknown };
    if (s.type !== 'record' && s.type !== 'error') continue;
    records++;
    if (!Array.isArray(s.fields)) continue;
    for (const f of s.fields) {
      if (!f || typeof f !== 'object') continue;
      const field = f as Record<string, unknown>;
      if (typeof field.name !== 'string' || !VERSION_NAME.test(field.name)) continue;
      const kind = versionKindOf(field);
      if (!kind) continue;
      const kinds = byName.get(field.name) ?? new Map<VersionKind, number>();
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      byName.set(field.name, kinds);
    }
  }
  let best: VersionFieldFound | undefined;
  for (const [name, kinds] of byName) {
    const [kind, count] = [...kinds].sort((a, b) => b[1] - a[1])[0];
    // schema_version wins a tie over a domain field that happens to look like a version.
    const better = !best || count > best.count || (count === best.count && /schema/i.test(name) && !/schema/i.test(best.name));
    if (better) best = { name, kind, count, records };
  }
  return best && best.count * 2 >= records ? best : undefined;
}

/** Looks at the repository under `root`. `git` answers whether a folder is in a git work tree (and has a commit). */
export async function surveyRepository(root: string, fs: FileSystem, git: (dir: string) => Promise<Survey['git']>): Promise<Survey> {
  const [walked, gitInfo] = await Promise.all([walk(fs, root), git(root)]);
  const survey: Survey = { root, schemas: walked.schemas, unreadable: walked.unreadable, subjects: [], git: gitInfo };

  const strategies = new Map<SubjectStrategy, string>();
  const subjects = new Map<string, SubjectFound>();
  for (const rel of walked.configs.slice(0, MAX_CONFIG_FILES)) {
    const text = await fs.readFile(path.join(root, rel), MAX_READ).catch(() => undefined);
    if (text === undefined) continue;
    for (const s of strategiesIn(text)) if (!strategies.has(s)) strategies.set(s, rel);
    if (/(^|\/)pom\.xml$/i.test(rel)) {
      for (const m of mavenSubjects(text)) {
        const file = toPosix(path.normalize(path.join(path.dirname(rel), m.file)));
        if (!file.startsWith('../') && !subjects.has(file)) subjects.set(file, { file, subject: m.subject, from: rel });
      }
    }
  }
  if (strategies.size) {
    // The most specific wins when settings disagree (a team that sets RecordNameStrategy somewhere means it).
    const order: SubjectStrategy[] = ['TopicRecordNameStrategy', 'RecordNameStrategy', 'TopicNameStrategy'];
    const chosen = order.find(s => strategies.has(s))!;
    survey.strategy = { strategy: chosen, from: strategies.get(chosen)!, conflicting: [...strategies.keys()].filter(s => s !== chosen) };
  }
  for (const file of walked.schemas) {
    const subject = subjectOfFileName(file);
    if (subject && !subjects.has(file)) subjects.set(file, { file, subject, from: 'file name' });
  }
  survey.subjects = [...subjects.values()].filter(s => walked.schemas.includes(s.file)).sort((a, b) => a.file.localeCompare(b.file));

  const texts: string[] = [];
  for (const rel of walked.schemas) {
    const text = await fs.readFile(path.join(root, rel), MAX_READ).catch(() => undefined);
    if (text !== undefined) texts.push(text);
  }
  survey.versionField = findVersionField(texts);
  return survey;
}

/**
 * The schema folders as few globs: each folder holding schemas, without those inside another; when
 * there are more than MAX_FOLDER_RULES, folders are cut to a shallower depth until they fit.
 */
export function schemaFolders(files: readonly string[]): string[] {
  // A Maven or Gradle source root (src/main/avro, src/main/resources/avro) stands for the package folders below it.
  const sourceRoot = (d: string): string => /^(.*?(?:^|\/)src\/[^/]+\/(?:resources\/)?avro)(?:\/|$)/.exec(d)?.[1] ?? d;
  const dirs = [...new Set(files.map(f => sourceRoot(path.posix.dirname(f))))];
  if (dirs.includes('.')) return ['.'];
  const minimal = (list: string[]): string[] => {
    const sorted = [...new Set(list)].sort();
    return sorted.filter(d => !sorted.some(o => o !== d && d.startsWith(o + '/')));
  };
  let result = minimal(dirs);
  const deepest = Math.max(...result.map(d => d.split('/').length));
  for (let depth = deepest - 1; result.length > MAX_FOLDER_RULES && depth >= 1; depth--) {
    result = minimal(dirs.map(d => d.split('/').slice(0, depth).join('/')));
  }
  return result.length > MAX_FOLDER_RULES ? ['.'] : result;
}

const TEST_FOLDER = /^(tests?|testdata|test-data|test-resources|fixtures?|__tests__)$/i;

/** The test folders holding schemas (the shortest path to a folder named test, tests, testdata, fixtures...), sorted by how many they hold. */
export function testFolders(files: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const f of files) {
    const parts = f.split('/').slice(0, -1);
    const i = parts.findIndex(p => TEST_FOLDER.test(p));
    if (i < 0) continue;
    const dir = parts.slice(0, i + 1).join('/');
    counts.set(dir, (counts.get(dir) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([d]) => d);
}

export interface Proposal {
  /** The avro-studio.json to write, as an object (keys in the order they are written). */
  config: Record<string, unknown>;
  /** What was found and why each setting is there, one line each. */
  notes: string[];
}

export interface ProposalOptions {
  level: CompatibilityLevel;
  /** The project file's parser knows the "policy" key (policy rules are part of this build). */
  policyKey: boolean;
}

/** The avro-studio.json that fits what the survey found. */
export function propose(survey: Survey, options: ProposalOptions): Proposal {
  const notes: string[] = [];
  const config: Record<string, unknown> = {};
  const n = survey.schemas.length;
  const folders = n ? schemaFolders(survey.schemas) : [];
  notes.push(n === 0
    ? 'No .avsc files found (build outputs, node_modules and .git are skipped): add a "schemas" rule when there are some.'
    : `${n} schema${n === 1 ? '' : 's'} in ${folders.length === 1 && folders[0] === '.' ? 'this folder and below' : `${folders.length} folder${folders.length === 1 ? '' : 's'}: ${folders.join(', ')}`}.`);
  const fixtures = testFolders(survey.schemas);
  if (fixtures.length) {
    const count = survey.schemas.filter(f => fixtures.some(d => f.startsWith(d + '/'))).length;
    notes.push(`${count} of them under test folders (${fixtures.slice(0, 3).join(', ')}${fixtures.length > 3 ? ', ...' : ''}): test fixtures that are invalid on purpose fail 'avro-studio check'; list their folders under "exclude" if so.`);
  }
  if (survey.unreadable.length) notes.push(`Not read (permission?): ${survey.unreadable.slice(0, 3).join(', ')}${survey.unreadable.length > 3 ? ', ...' : ''}.`);

  if (survey.git?.hasCommit) {
    config.compatibility = { level: options.level, baseline: 'git:HEAD' };
    notes.push(`A git repository: each schema is checked against its last commit (git:HEAD) at ${options.level}; in CI pass --against git:origin/main to compare with the target branch.`);
  } else if (survey.git) {
    config.compatibility = { level: options.level, baseline: 'git:HEAD' };
    notes.push(`A git repository without a commit yet: 'avro-studio check' compares with git:HEAD once there is one (until then, pass --allow-missing-baseline).`);
  } else {
    config.compatibility = { level: 'NONE' };
    notes.push('Not a git repository: compatibility is off ("level": "NONE"). Set a "baseline" (file:PATH or registry) and a level to turn it on.');
  }

  const vf = survey.versionField;
  if (vf) {
    const where = `${vf.count} of ${vf.records} top-level records`;
    if (options.policyKey) {
      config.policy = { versionField: { name: vf.name, kind: vf.kind } };
      notes.push(`Version field "${vf.name}" (${vf.kind === 'integer' ? 'an integer' : 'a semver string'} default) in ${where}: "policy.versionField" checks it is there and grows on every change.`);
    } else {
      notes.push(`Version field "${vf.name}" (${vf.kind === 'integer' ? 'an integer' : 'a semver string'} default) in ${where}; this version of avro-studio has no "policy" setting to check it.`);
    }
  }

  const rules: Array<Record<string, unknown>> = [];
  const strategy = survey.strategy;
  for (const folder of folders) {
    const rule: Record<string, unknown> = { files: folder === '.' ? '**/*.avsc' : `${folder}/**/*.avsc` };
    if (strategy) {
      rule.strategy = strategy.strategy;
      if (strategy.strategy !== 'RecordNameStrategy') rule.topic = '{file}';
    }
    rules.push(rule);
  }
  if (strategy) {
    const topic = strategy.strategy !== 'RecordNameStrategy' ? ', with the file name as the topic ("topic": "{file}": change it to your topics)' : '';
    notes.push(`Subject names: ${strategy.strategy}, as ${strategy.from} sets it${topic}.${strategy.conflicting.length ? ` Other settings name ${strategy.conflicting.join(', ')}: check which one the producers use.` : ''}`);
  }
  const subjects = survey.subjects.slice(0, MAX_SUBJECT_RULES);
  for (const s of subjects) rules.push({ files: s.file, subject: s.subject });
  if (subjects.length) {
    const fromNames = subjects.filter(s => s.from === 'file name').length;
    const fromBuild = [...new Set(subjects.filter(s => s.from !== 'file name').map(s => s.from))];
    const parts = [
      fromNames ? `${fromNames} from file names ending in -value or -key` : '',
      fromBuild.length ? `${subjects.length - fromNames} from the <subjects> of ${fromBuild.join(', ')}` : '',
    ].filter(Boolean);
    notes.push(`Subjects of single files: ${parts.join(', ')}${survey.subjects.length > subjects.length ? ` (the first ${subjects.length} of ${survey.subjects.length})` : ''}.`);
  }
  if (!strategy && !subjects.length && n) {
    notes.push('No subject naming found (no subject.name.strategy setting, no <topic>-value.avsc names): add "strategy" or "subject" to a rule before using a Schema Registry.');
  }
  config.schemas = rules;
  return { config, notes };
}

/** Whether this build's project file knows the "policy" key. */
export function policyKeySupported(): boolean {
  return TOP_LEVEL_KEYS.includes('policy');
}
