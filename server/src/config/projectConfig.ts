// The project file avro-studio.json: compatibility level and baseline per file glob, registry URL and subject mapping.
//
// Shared by the language server and the CLI so the editor and CI apply the same policy. It never
// holds secrets: credentials come from VS Code's SecretStorage or environment variables.
import { findNodeAtLocation, parseTree, printParseErrorCode, type JSONPath, type ParseError } from 'jsonc-parser';
import { minimatch } from 'minimatch';
import { COMPATIBILITY_LEVELS, levelList, parseCompatibilityLevel, type CompatibilityLevel } from '../domain/compatibility';
import { BASELINE_FORMS, parseBaselineSpec, type BaselineSpec } from '../domain/baselines';
import { readAcceptedFindings, readIgnore, type AcceptedFindingsSetting, type IgnoreEntry } from './adoptionConfig';
import { codesOfCategory, isDiagnosticCode, RULE_CATEGORIES, type DiagnosticCode, type SeveritySetting } from '../service/codes';
import { withoutUserinfo } from '../registry/userinfo';
import { textualEscape } from './confine';
import { PROJECT_FILE_NAME } from '../domain/projectFile';
import { MAX_PROJECT_FILE_DEPTH, tooDeepAt } from './projectFileDepth';
import { mergePolicy, readPolicy, readPreset, type PolicyConfig, type PolicyReadContext, type PresetName } from './policyConfig';
import { PRESETS_DATA } from './presets';
import type { PolicyOrigin } from '../service/languageService';
import * as path from 'node:path';
import { pathToUri } from '../workspace/uris';

export { MAX_PROJECT_FILE_DEPTH };

export const PROJECT_CONFIG_FILE = PROJECT_FILE_NAME;

export { COMPATIBILITY_LEVELS, type CompatibilityLevel };

export const SUBJECT_STRATEGIES = ['TopicNameStrategy', 'RecordNameStrategy', 'TopicRecordNameStrategy'] as const;
export type SubjectStrategy = (typeof SUBJECT_STRATEGIES)[number];

export type RegistryAuth = 'none' | 'basic' | 'bearer';

export interface RegistryConfig {
  url: string;
  auth: RegistryAuth;
  /** PEM file of the CA that signs the registry's certificate (relative to the project file). */
  caFile?: string;
  /** Client certificate and key for mTLS (relative to the project file). */
  certFile?: string;
  keyFile?: string;
  timeoutMs?: number;
}

/** How the schemas matching a glob map to a subject, and their compatibility policy. */
export interface SchemaRule {
  /** Glob(s) relative to the project file's folder. */
  files: string[];
  level?: CompatibilityLevel;
  baseline?: BaselineSpec;
  /** An explicit subject name. */
  subject?: string;
  strategy?: SubjectStrategy;
  /** Topic for TopicNameStrategy/TopicRecordNameStrategy; may use {file} (name without .avsc) and {dir} (parent folder). */
  topic?: string;
  /** The key schema of the topic (subject suffix -key) instead of the value (-value). */
  key?: boolean;
  /** Severity (or off) per diagnostic code for these files: the team's rule settings. */
  rules?: RuleSeverities;
  /** The Avro specification for these files (overrides the top-level "specVersion"). */
  specVersion?: '1.11' | '1.12';
  /** The team's policy for these files, over the top level's (config/policyConfig.ts). */
  policy?: PolicyConfig;
}

/** Severity per diagnostic code, as in the editor setting avro.diagnostics.severity. */
export type RuleSeverities = Partial<Record<DiagnosticCode, SeveritySetting>>;

/**
 * A compilation unit: files an Avro build parses together, with one parser (avro-maven-plugin's
 * sourceDirectory with its <imports> first, a Gradle source set). Inside a unit a name is visible
 * from every file, and two different definitions of one fullname are Java's "Can't redefine".
 */
export interface UnitConfig {
  /** A label for messages (default: units[i]). */
  name?: string;
  /** Globs of the unit's files, relative to the project file. */
  files: string[];
  /** Globs of files parsed first, in this order (avro-maven-plugin's <imports>). */
  imports: string[];
}

export interface ProjectConfig {
  /** Absolute path of the folder holding avro-studio.json. */
  root: string;
  specVersion?: '1.11' | '1.12';
  level?: CompatibilityLevel;
  baseline?: BaselineSpec;
  registry?: RegistryConfig;
  schemas: SchemaRule[];
  /** Severity per code for every schema (rules in "schemas" override it per glob). */
  rules?: RuleSeverities;
  /** Globs of files that are not schemas of the project: not indexed, not linted (relative to the project file). */
  exclude: string[];
  /** Declared compilation units; files outside every unit resolve names to the nearest definition. */
  units: UnitConfig[];
  /** The team's policy for every schema: the preset's, then "policy" (rules in "schemas" override it per glob). */
  policy?: PolicyConfig;
  preset?: PresetName;
  /** "ignore": findings not reported, per code and glob, each with its reason (project/findingFilter.ts). */
  ignore: IgnoreEntry[];
  /** "acceptedFindings": the file of accepted findings (only findings not in it are reported). */
  acceptedFindings?: AcceptedFindingsSetting;
}

export interface ConfigProblem {
  /** Offset into the project file's text. */
  offset: number;
  length: number;
  message: string;
}

export interface ParsedProjectConfig {
  config: ProjectConfig;
  problems: ConfigProblem[];
}

/** What applies to one schema file after every matching rule is merged (later rules win). */
export interface EffectivePolicy {
  level?: CompatibilityLevel;
  baseline?: BaselineSpec;
  subject?: string;
  strategy?: SubjectStrategy;
  topic?: string;
  key: boolean;
  /** Severities per code: the top-level "rules", then each matching rule's (later wins). */
  rules: RuleSeverities;
  specVersion?: '1.11' | '1.12';
  /** The team's policy for the file: the preset's, the top level's, then each matching rule's (section by section). */
  policy: PolicyConfig;
  /** Indexes of the matching rules in `schemas`, in order. */
  matchedRules: number[];
}

/** A project file that sets nothing (one that could not be read, or none). */
export function emptyProjectConfig(root: string): ProjectConfig {
  return { root, schemas: [], exclude: [], units: [], ignore: [] };
}

/** Parse the project file's text. Never throws: problems are listed with their offsets, and what is valid is kept. */
export function parseProjectConfig(text: string, root: string, file = path.join(root, PROJECT_CONFIG_FILE)): ParsedProjectConfig {
  const problems: ConfigProblem[] = [];
  const deep = tooDeepAt(text, MAX_PROJECT_FILE_DEPTH);
  if (deep !== undefined) {
    problems.push({ offset: deep, length: 1, message: `${PROJECT_CONFIG_FILE} nests objects and arrays more than ${MAX_PROJECT_FILE_DEPTH} levels deep: it is not read. Its settings sit at most 4 levels down (see the README).` });
    return { config: emptyProjectConfig(root), problems };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const raw: unknown = tree ? getNodeValueSafe(tree) : undefined;
  for (const e of errors) problems.push({ offset: e.offset, length: e.length, message: `${PROJECT_CONFIG_FILE}: ${printParseErrorCode(e.error)}` });
  const config: ProjectConfig = emptyProjectConfig(root);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    if (errors.length === 0) problems.push({ offset: 0, length: 0, message: `${PROJECT_CONFIG_FILE} must hold a JSON object.` });
    return { config, problems };
  }
  const r = raw as Record<string, unknown>;
  /** Report at the value the message is about (the smallest span jsonc-parser can give). */
  const problem: Problem = (message, path = []) => {
    const node = tree ? findNodeAtLocation(tree, path) ?? (path.length ? findNodeAtLocation(tree, path.slice(0, -1)) : tree) : undefined;
    problems.push({ offset: node?.offset ?? 0, length: node?.length ?? 0, message: `${PROJECT_CONFIG_FILE}: ${message}` });
  };

  const fileUri = pathToUri(file);
  const policyContext: PolicyReadContext = {
    problem: (message, at) => problem(message, at),
    origin: (at): PolicyOrigin => {
      const node = tree ? findNodeAtLocation(tree, at) : undefined;
      const offset = node?.parent?.type === 'property' ? node.parent.offset : node?.offset ?? 0;
      return { uri: fileUri, line: lineOf(text, offset), key: label(at) };
    },
    globs: (value, at) => readGlobs(value, at, problem),
  };
  config.specVersion = readSpecVersion(r.specVersion, ['specVersion'], problem);
  config.preset = readPreset(r.preset, policyContext);
  config.policy = readPolicy(r.policy, ['policy'], policyContext);
  if (config.preset) {
    const preset = PRESETS_DATA[config.preset];
    config.policy = mergePolicy(preset.policy(policyContext.origin(['preset'])), config.policy);
  }
  config.rules = readRuleSeverities(r.rules, ['rules'], problem);
  if (config.preset && Object.keys(PRESETS_DATA[config.preset].rules).length) config.rules = { ...PRESETS_DATA[config.preset].rules, ...config.rules };
  config.exclude = readGlobs(r.exclude, ['exclude'], problem) ?? [];
  if (r.units !== undefined) {
    if (!Array.isArray(r.units)) {
      problem('"units" must be an array of {"files": "...", "imports": [...]} compilation units.', ['units']);
    } else {
      r.units.forEach((entry, i) => {
        const unit = readUnit(entry, ['units', i], problem);
        if (unit) config.units.push(unit);
      });
    }
  }
  const compat = readCompatibility(r.compatibility, ['compatibility'], problem, root);
  config.level = compat.level;
  config.baseline = compat.baseline;

  if (r.registry !== undefined) config.registry = readRegistry(r.registry, problem);
  config.ignore = readIgnore(r.ignore, problem, path => {
    const node = tree ? findNodeAtLocation(tree, path) : undefined;
    return { offset: node?.offset ?? 0, length: node?.length ?? 0 };
  });
  config.acceptedFindings = readAcceptedFindings(r.acceptedFindings, problem, root, PROJECT_CONFIG_FILE);

  if (r.schemas !== undefined) {
    if (!Array.isArray(r.schemas)) {
      problem('"schemas" must be an array of {"files": "...", ...} rules.', ['schemas']);
    } else {
      r.schemas.forEach((entry, i) => {
        const rule = readRule(entry, ['schemas', i], problem, root, policyContext);
        if (rule) config.schemas.push(rule);
      });
    }
  }
  for (const key of Object.keys(r)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      problem(`unknown key "${key}" (expected ${TOP_LEVEL_KEYS.slice(1).join(', ')}).`, [key]);
    }
  }
  return { config, problems };
}

export const TOP_LEVEL_KEYS = ['$schema', 'specVersion', 'compatibility', 'rules', 'exclude', 'units', 'registry', 'schemas', 'policy', 'preset', 'ignore', 'acceptedFindings'];
export const RULE_KEYS = ['files', 'compatibility', 'subject', 'strategy', 'topic', 'key', 'rules', 'specVersion', 'policy'];

/** Zero-based line of an offset. */
function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

type Problem = (message: string, path?: JSONPath) => void;

function readSpecVersion(value: unknown, path: JSONPath, problem: Problem): '1.11' | '1.12' | undefined {
  if (value === undefined) return undefined;
  if (value === '1.11' || value === '1.12') return value;
  problem(`"${label(path)}" must be "1.11" or "1.12", not ${JSON.stringify(value)}.`, path);
  return undefined;
}

const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'hint', 'off'];

/**
 * {"AVRO-306": "off", "policy/naming": "error", ...}: a code or a category (codes.ts RULE_CATEGORIES);
 * a code wins over its category, a narrower category over a wider one. Unknown codes, categories
 * and levels are problems (a typo must not silently do nothing).
 */
function readRuleSeverities(value: unknown, path: JSONPath, problem: Problem): RuleSeverities | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(`"${label(path)}" must be an object like {"AVRO-101": "off", "AVRO-222": "error", "policy/naming": "warning"}.`, path);
    return undefined;
  }
  const out: RuleSeverities = {};
  // Categories first, wider before narrower; codes after them.
  const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => rank(a) - rank(b));
  for (const [code, level] of entries) {
    const category = isDiagnosticCode(code) ? undefined : codesOfCategory(code);
    if (!isDiagnosticCode(code) && !category) {
      problem(`"${label(path)}": unknown code or category "${code}" (codes look like AVRO-242, categories are ${RULE_CATEGORIES.map(c => c.name).join(', ')}; docs/rules.md lists them).`, [...path, code]);
      continue;
    }
    if (typeof level !== 'string' || !(SEVERITY_SETTINGS as readonly string[]).includes(level)) {
      problem(`"${label([...path, code])}" must be ${SEVERITY_SETTINGS.join(', ')}, not ${JSON.stringify(level)}.`, [...path, code]);
      continue;
    }
    for (const c of category ?? [code as DiagnosticCode]) out[c] = level as SeveritySetting;
  }
  return out;
}

/** Order of "rules" entries: wide categories, narrow categories, then codes. */
function rank(key: string): number {
  if (isDiagnosticCode(key)) return 10_000;
  const c = RULE_CATEGORIES.find(x => x.name === key);
  return c ? 1000 - (c.to - c.from) : 10_000;
}

function readGlobs(value: unknown, path: JSONPath, problem: Problem): string[] | undefined {
  if (value === undefined) return undefined;
  const globs = typeof value === 'string' ? [value] : Array.isArray(value) && value.every(f => typeof f === 'string') ? (value as string[]) : undefined;
  if (!globs || globs.length === 0 || globs.some(g => !g.trim())) {
    problem(`"${label(path)}" must be a glob or an array of globs, relative to ${PROJECT_CONFIG_FILE}.`, path);
    return undefined;
  }
  const escaping = globs.map(g => textualEscape(g) && `"${g}" ${textualEscape(g)}`).filter(Boolean);
  if (escaping.length) {
    problem(`"${label(path)}" must match files inside the folder of ${PROJECT_CONFIG_FILE}, but ${escaping.join(', and ')}: globs are relative to that folder.`, path);
    return undefined;
  }
  return globs;
}

function readUnit(value: unknown, path: JSONPath, problem: Problem): UnitConfig | undefined {
  const where = label(path);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(`"${where}" must be an object with "files" (and optionally "imports" and "name").`, path);
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const files = readGlobs(v.files, [...path, 'files'], problem);
  if (!files) {
    if (v.files === undefined) problem(`"${where}.files" is required: the globs of the files compiled together.`, path);
    return undefined;
  }
  const unit: UnitConfig = { files, imports: readGlobs(v.imports, [...path, 'imports'], problem) ?? [] };
  if (v.name !== undefined) {
    if (typeof v.name === 'string' && v.name.trim()) unit.name = v.name.trim();
    else problem(`"${where}.name" must be a non-empty string.`, [...path, 'name']);
  }
  for (const key of Object.keys(v)) {
    if (!['files', 'imports', 'name'].includes(key)) problem(`"${where}": unknown key "${key}" (expected files, imports, name).`, [...path, key]);
  }
  return unit;
}

function label(path: JSONPath): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function getNodeValueSafe(node: import('jsonc-parser').Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) {
        const [k, v] = p.children ?? [];
        if (k && v) o[String(k.value)] = getNodeValueSafe(v);
      }
      return o;
    }
    case 'array':
      return (node.children ?? []).map(getNodeValueSafe);
    default:
      return node.value;
  }
}

/** The problem of a path the project file names that leaves its folder; undefined when it stays inside. */
function outsideProblem(setting: string, written: string): string | undefined {
  const why = textualEscape(written);
  return why ? `"${setting}" names "${written}", which ${why}: paths in ${PROJECT_CONFIG_FILE} are relative to its folder and stay inside it. ${setting.endsWith('baseline') ? 'For a baseline elsewhere, pass --against file:PATH (CLI) or set avro.compatibility.baseline in your user settings (VS Code).' : 'Put the file inside the project folder (or, on the command line, pass --ca-file, --cert-file or --key-file).'}` : undefined;
}

function readCompatibility(value: unknown, path: JSONPath, problem: Problem, root: string): { level?: CompatibilityLevel; baseline?: BaselineSpec } {
  if (value === undefined) return {};
  const where = label(path);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(`"${where}" must be an object like {"level": "BACKWARD", "baseline": "git:HEAD"}.`, path);
    return {};
  }
  const v = value as Record<string, unknown>;
  const out: { level?: CompatibilityLevel; baseline?: BaselineSpec } = {};
  if (v.level !== undefined) {
    const level = typeof v.level === 'string' ? parseCompatibilityLevel(v.level) : undefined;
    if (level) out.level = level;
    else problem(`"${where}.level" must be one of ${levelList()}, not ${JSON.stringify(v.level)}.`, [...path, 'level']);
  }
  if (v.baseline !== undefined) {
    const spec = typeof v.baseline === 'string' ? parseBaselineSpec(v.baseline) : undefined;
    const outside = spec?.kind === 'file' ? outsideProblem(`${where}.baseline`, spec.path) : undefined;
    if (outside) problem(outside, [...path, 'baseline']);
    // Kept even when it leads outside: confinedPath refuses it again at the read, and the editor's status says why.
    if (spec?.kind === 'file') out.baseline = { ...spec, origin: { root, setting: `${PROJECT_CONFIG_FILE} "${where}.baseline"` } };
    else if (spec) out.baseline = spec;
    else problem(`"${where}.baseline" must be ${BASELINE_FORMS}, not ${JSON.stringify(v.baseline)}.`, [...path, 'baseline']);
  }
  return out;
}

function readRegistry(value: unknown, problem: Problem): RegistryConfig | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem('"registry" must be an object like {"url": "https://registry.example.com"}.', ['registry']);
    return undefined;
  }
  const v = value as Record<string, unknown>;
  if (typeof v.url !== 'string' || !/^https?:\/\/[^\s]+$/i.test(v.url)) {
    problem(`"registry.url" must be an http(s) URL, not ${JSON.stringify(typeof v.url === 'string' ? withoutUserinfo(v.url) : v.url)}.`, ['registry', 'url']);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(v.url);
  } catch {
    problem(`"registry.url" is not a valid URL: ${JSON.stringify(withoutUserinfo(v.url))}.`, ['registry', 'url']);
    return undefined;
  }
  if (url.username || url.password) {
    problem('"registry.url" must not contain credentials: use "Avro: Set Registry Credentials" (VS Code) or AVRO_REGISTRY_USERNAME/AVRO_REGISTRY_PASSWORD or AVRO_REGISTRY_TOKEN (CLI).', ['registry', 'url']);
    return undefined;
  }
  for (const secretKey of ['password', 'token', 'apiSecret', 'secret', 'username', 'apiKey']) {
    if (secretKey in v) problem(`"registry.${secretKey}" is ignored: secrets never go in ${PROJECT_CONFIG_FILE}. Use "Avro: Set Registry Credentials" or environment variables.`, ['registry', secretKey]);
  }
  const auth = v.auth === undefined ? 'none' : v.auth;
  if (auth !== 'none' && auth !== 'basic' && auth !== 'bearer') problem(`"registry.auth" must be "none", "basic" or "bearer", not ${JSON.stringify(v.auth)}.`, ['registry', 'auth']);
  const result: RegistryConfig = { url: v.url.replace(/\/+$/, ''), auth: auth === 'basic' || auth === 'bearer' ? auth : 'none' };
  for (const key of ['caFile', 'certFile', 'keyFile'] as const) {
    if (v[key] === undefined) continue;
    const outside = typeof v[key] === 'string' ? outsideProblem(`registry.${key}`, v[key] as string) : undefined;
    if (outside) problem(outside, ['registry', key]);
    // Kept even when it leads outside: readTlsFiles refuses it again (confinedPath), and says why.
    if (typeof v[key] === 'string' && v[key]) result[key] = v[key] as string;
    else problem(`"registry.${key}" must be a file path.`, ['registry', key]);
  }
  if ((result.certFile === undefined) !== (result.keyFile === undefined)) problem('"registry.certFile" and "registry.keyFile" go together (mTLS needs both).', ['registry']);
  if (v.timeoutMs !== undefined) {
    if (typeof v.timeoutMs === 'number' && v.timeoutMs > 0) result.timeoutMs = v.timeoutMs;
    else problem('"registry.timeoutMs" must be a positive number of milliseconds.', ['registry', 'timeoutMs']);
  }
  return result;
}

function readRule(value: unknown, path: JSONPath, problem: Problem, root: string, policyContext: PolicyReadContext): SchemaRule | undefined {
  const where = label(path);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(`"${where}" must be an object with "files".`, path);
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const files = readGlobs(v.files ?? [], [...path, 'files'], problem);
  if (!files) return undefined;
  const rule: SchemaRule = { files };
  const compat = readCompatibility(v.compatibility, [...path, 'compatibility'], problem, root);
  if (compat.level) rule.level = compat.level;
  if (compat.baseline) rule.baseline = compat.baseline;
  if (v.subject !== undefined) {
    if (typeof v.subject === 'string' && v.subject.trim()) rule.subject = v.subject.trim();
    else problem(`"${where}.subject" must be a subject name.`, [...path, 'subject']);
  }
  if (v.strategy !== undefined) {
    if ((SUBJECT_STRATEGIES as readonly unknown[]).includes(v.strategy)) rule.strategy = v.strategy as SubjectStrategy;
    else problem(`"${where}.strategy" must be one of ${SUBJECT_STRATEGIES.join(', ')}, not ${JSON.stringify(v.strategy)}.`, [...path, 'strategy']);
  }
  if (v.topic !== undefined) {
    if (typeof v.topic === 'string' && v.topic.trim()) rule.topic = v.topic.trim();
    else problem(`"${where}.topic" must be a topic name (it may use {file} and {dir}).`, [...path, 'topic']);
  }
  if (v.key !== undefined) {
    if (typeof v.key === 'boolean') rule.key = v.key;
    else problem(`"${where}.key" must be true (the key schema) or false (the value schema).`, [...path, 'key']);
  }
  const rules = readRuleSeverities(v.rules, [...path, 'rules'], problem);
  if (rules) rule.rules = rules;
  const specVersion = readSpecVersion(v.specVersion, [...path, 'specVersion'], problem);
  if (specVersion) rule.specVersion = specVersion;
  const policy = readPolicy(v.policy, [...path, 'policy'], policyContext);
  if (policy) rule.policy = policy;
  for (const key of Object.keys(v)) {
    if (!RULE_KEYS.includes(key)) problem(`"${where}": unknown key "${key}" (expected ${RULE_KEYS.join(', ')}).`, [...path, key]);
  }
  return rule;
}

/** The policy for one schema file: top-level defaults, then every matching rule in order (later wins). */
export function policyFor(config: ProjectConfig, relativePath: string): EffectivePolicy {
  const p = relativePath.split('\\').join('/');
  const policy: EffectivePolicy = { level: config.level, baseline: config.baseline, key: false, rules: { ...config.rules }, specVersion: config.specVersion, policy: config.policy ?? {}, matchedRules: [] };
  config.schemas.forEach((rule, i) => {
    if (!matchesAny(p, rule.files)) return;
    policy.matchedRules.push(i);
    if (rule.policy) policy.policy = mergePolicy(policy.policy, rule.policy);
    if (rule.rules) Object.assign(policy.rules, rule.rules);
    if (rule.specVersion) policy.specVersion = rule.specVersion;
    if (rule.level) policy.level = rule.level;
    if (rule.baseline) policy.baseline = rule.baseline;
    if (rule.subject) {
      policy.subject = rule.subject;
      policy.strategy = undefined;
    }
    if (rule.strategy) {
      policy.strategy = rule.strategy;
      if (!rule.subject) policy.subject = undefined;
    }
    if (rule.topic) policy.topic = rule.topic;
    if (rule.key !== undefined) policy.key = rule.key;
  });
  return policy;
}

/** Whether a path relative to the project file matches one of its globs (a glob without "/" matches the file name anywhere). */
export function matchesAny(relativePath: string, globs: readonly string[]): boolean {
  const p = relativePath.split('\\').join('/');
  return globs.some(glob => minimatch(p, glob, { dot: true, matchBase: !glob.includes('/') }));
}

/** Whether the project file excludes a file (path relative to the project file): not a schema of the project. */
export function isExcludedByProject(config: ProjectConfig, relativePath: string): boolean {
  return config.exclude.length > 0 && matchesAny(relativePath, config.exclude);
}

export type SubjectResolution =
  | { kind: 'subject'; subject: string; how: string }
  | { kind: 'unmapped'; reason: string };

/**
 * The registry subject of a schema file. `recordFullname` is the fullname of the file's top-level
 * named type (RecordNameStrategy needs it).
 */
export function subjectFor(policy: EffectivePolicy, relativePath: string, recordFullname: string | undefined): SubjectResolution {
  if (policy.subject) return { kind: 'subject', subject: policy.subject, how: 'explicit subject' };
  if (!policy.strategy) {
    return { kind: 'unmapped', reason: `${relativePath} maps to no subject: add a rule to "schemas" in ${PROJECT_CONFIG_FILE} with "subject" or "strategy".` };
  }
  const topic = policy.topic ? expandTopic(policy.topic, relativePath) : undefined;
  switch (policy.strategy) {
    case 'TopicNameStrategy':
      if (!topic) return { kind: 'unmapped', reason: `TopicNameStrategy needs "topic" for ${relativePath}.` };
      return { kind: 'subject', subject: `${topic}-${policy.key ? 'key' : 'value'}`, how: 'TopicNameStrategy' };
    case 'RecordNameStrategy':
      if (!recordFullname) return { kind: 'unmapped', reason: `RecordNameStrategy needs a named top-level type in ${relativePath}.` };
      return { kind: 'subject', subject: recordFullname, how: 'RecordNameStrategy' };
    case 'TopicRecordNameStrategy':
      if (!topic) return { kind: 'unmapped', reason: `TopicRecordNameStrategy needs "topic" for ${relativePath}.` };
      if (!recordFullname) return { kind: 'unmapped', reason: `TopicRecordNameStrategy needs a named top-level type in ${relativePath}.` };
      return { kind: 'subject', subject: `${topic}-${recordFullname}`, how: 'TopicRecordNameStrategy' };
  }
}

function expandTopic(topic: string, relativePath: string): string {
  const parts = relativePath.split('\\').join('/').split('/');
  const file = parts[parts.length - 1].replace(/\.avsc$/i, '');
  const dir = parts.length > 1 ? parts[parts.length - 2] : '';
  return topic.replace(/\{file\}/g, file).replace(/\{dir\}/g, dir);
}
