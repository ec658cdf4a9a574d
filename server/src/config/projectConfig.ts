// The project file avro-studio.json: compatibility level and baseline per file glob, registry URL and subject mapping.
//
// Shared by the language server and the CLI so the editor and CI apply the same policy. It never
// holds secrets: credentials come from VS Code's SecretStorage or environment variables.
import { createScanner, findNodeAtLocation, parseTree, printParseErrorCode, SyntaxKind, type JSONPath, type ParseError } from 'jsonc-parser';
import { minimatch } from 'minimatch';
import { parseBaselineSpec, type BaselineSpec } from '../baselines/types';
import { withoutUserinfo } from '../registry/userinfo';
import { textualEscape } from './confine';

export const PROJECT_CONFIG_FILE = 'avro-studio.json';

export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

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
}

export interface ProjectConfig {
  /** Absolute path of the folder holding avro-studio.json. */
  root: string;
  specVersion?: '1.11' | '1.12';
  level?: CompatibilityLevel;
  baseline?: BaselineSpec;
  registry?: RegistryConfig;
  schemas: SchemaRule[];
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
  /** Indexes of the matching rules in `schemas`, in order. */
  matchedRules: number[];
}

/**
 * How deep a project file may nest objects and arrays. Its deepest setting sits 4 levels down
 * ("schemas"[i].compatibility.level); a deeper file is not a project file, and parsing one nested
 * thousands of levels deep would overflow the stack.
 */
export const MAX_PROJECT_FILE_DEPTH = 64;

/** The offset of the first bracket nested deeper than `max`, or undefined. Iterative: any depth is fine. */
function tooDeepAt(text: string, max: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Parse the project file's text. Never throws: problems are listed with their offsets, and what is valid is kept. */
export function parseProjectConfig(text: string, root: string): ParsedProjectConfig {
  const problems: ConfigProblem[] = [];
  const deep = tooDeepAt(text, MAX_PROJECT_FILE_DEPTH);
  if (deep !== undefined) {
    problems.push({ offset: deep, length: 1, message: `${PROJECT_CONFIG_FILE} nests objects and arrays more than ${MAX_PROJECT_FILE_DEPTH} levels deep: it is not read. Its settings sit at most 4 levels down (see the README).` });
    return { config: { root, schemas: [] }, problems };
  }
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  const raw: unknown = tree ? getNodeValueSafe(tree) : undefined;
  for (const e of errors) problems.push({ offset: e.offset, length: e.length, message: `${PROJECT_CONFIG_FILE}: ${printParseErrorCode(e.error)}` });
  const config: ProjectConfig = { root, schemas: [] };
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

  if (r.specVersion !== undefined) {
    if (r.specVersion === '1.11' || r.specVersion === '1.12') config.specVersion = r.specVersion;
    else problem(`"specVersion" must be "1.11" or "1.12", not ${JSON.stringify(r.specVersion)}.`, ['specVersion']);
  }
  const compat = readCompatibility(r.compatibility, ['compatibility'], problem, root);
  config.level = compat.level;
  config.baseline = compat.baseline;

  if (r.registry !== undefined) config.registry = readRegistry(r.registry, problem);

  if (r.schemas !== undefined) {
    if (!Array.isArray(r.schemas)) {
      problem('"schemas" must be an array of {"files": "...", ...} rules.', ['schemas']);
    } else {
      r.schemas.forEach((entry, i) => {
        const rule = readRule(entry, ['schemas', i], problem, root);
        if (rule) config.schemas.push(rule);
      });
    }
  }
  for (const key of Object.keys(r)) {
    if (!['$schema', 'specVersion', 'compatibility', 'registry', 'schemas'].includes(key)) {
      problem(`unknown key "${key}" (expected specVersion, compatibility, registry, schemas).`, [key]);
    }
  }
  return { config, problems };
}

type Problem = (message: string, path?: JSONPath) => void;

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
    const level = typeof v.level === 'string' ? v.level.toUpperCase() : undefined;
    if (level && (COMPATIBILITY_LEVELS as readonly string[]).includes(level)) out.level = level as CompatibilityLevel;
    else problem(`"${where}.level" must be one of ${COMPATIBILITY_LEVELS.join(', ')}, not ${JSON.stringify(v.level)}.`, [...path, 'level']);
  }
  if (v.baseline !== undefined) {
    const spec = typeof v.baseline === 'string' ? parseBaselineSpec(v.baseline) : undefined;
    const outside = spec?.kind === 'file' ? outsideProblem(`${where}.baseline`, spec.path) : undefined;
    if (outside) problem(outside, [...path, 'baseline']);
    // Kept even when it leads outside: confinedPath refuses it again at the read, and the editor's status says why.
    if (spec?.kind === 'file') out.baseline = { ...spec, origin: { root, setting: `${PROJECT_CONFIG_FILE} "${where}.baseline"` } };
    else if (spec) out.baseline = spec;
    else problem(`"${where}.baseline" must be "git:REF", "git:history", "file:PATH" or "registry", not ${JSON.stringify(v.baseline)}.`, [...path, 'baseline']);
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

function readRule(value: unknown, path: JSONPath, problem: Problem, root: string): SchemaRule | undefined {
  const where = label(path);
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    problem(`"${where}" must be an object with "files".`, path);
    return undefined;
  }
  const v = value as Record<string, unknown>;
  const files = typeof v.files === 'string' ? [v.files] : Array.isArray(v.files) && v.files.every(f => typeof f === 'string') ? (v.files as string[]) : undefined;
  if (!files || files.length === 0) {
    problem(`"${where}.files" must be a glob or an array of globs, relative to ${PROJECT_CONFIG_FILE}.`, [...path, 'files']);
    return undefined;
  }
  const escaping = files.map(f => textualEscape(f) && `"${f}" ${textualEscape(f)}`).filter(Boolean);
  if (escaping.length) {
    problem(`"${where}.files" must match files inside the folder of ${PROJECT_CONFIG_FILE}, but ${escaping.join(', and ')}: globs are relative to that folder.`, [...path, 'files']);
    return undefined;
  }
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
  return rule;
}

/** The policy for one schema file: top-level defaults, then every matching rule in order (later wins). */
export function policyFor(config: ProjectConfig, relativePath: string): EffectivePolicy {
  const p = relativePath.split('\\').join('/');
  const policy: EffectivePolicy = { level: config.level, baseline: config.baseline, key: false, matchedRules: [] };
  config.schemas.forEach((rule, i) => {
    if (!rule.files.some(glob => minimatch(p, glob, { dot: true, matchBase: !glob.includes('/') }))) return;
    policy.matchedRules.push(i);
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
