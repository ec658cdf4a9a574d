// The client's view of avro-studio.json for the registry commands: read the registry section, check URLs, and compute edits (registry section, subject mapping rules) that keep the file's layout.
//
// No `vscode` import: unit tests run it in plain Node. The language server has its own full reader
// (server/src/config); the client only needs the registry URL and auth to store credentials per URL
// and to write what the user confirmed. Nothing secret is ever written here.
import { applyEdits, parseTree, findNodeAtLocation, getNodeValue, type Edit, type Node } from 'jsonc-parser';
import { MAX_PROJECT_FILE_DEPTH, tooDeepAt, withoutUserinfo } from '../../../server/src/protocol';

export const PROJECT_FILE = 'avro-studio.json';

export type RegistryAuthKind = 'none' | 'basic' | 'bearer';

/** The keys of the `registry` section that "Avro: Configure Registry" writes (others, like certFile or timeoutMs, are kept as they are). */
export interface RegistrySection {
  url: string;
  auth: RegistryAuthKind;
  /** PEM file of an extra CA, relative to the project file (undefined: the system's trust store). */
  caFile?: string;
}

/** What the client reads from a project file: the registry, when there is a usable one. */
export interface ProjectRegistry {
  url: string;
  auth: RegistryAuthKind;
  caFile?: string;
}

/** A subject mapping rule as avro-studio.json holds it under "schemas". */
export interface MappingRule {
  files: string;
  subject?: string;
  strategy?: 'TopicNameStrategy' | 'RecordNameStrategy' | 'TopicRecordNameStrategy';
  topic?: string;
}

/** Why a registry URL typed by the user cannot be used (undefined: it can). */
export function registryUrlProblem(input: string): string | undefined {
  const text = input.trim();
  if (!text) return 'Enter the base URL of the registry, e.g. https://schema-registry.example.com:8081.';
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return `"${clip(withoutUserinfo(text))}" is not a URL: enter one like https://schema-registry.example.com:8081.`;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `A registry URL starts with https:// (or http://), not "${url.protocol}".`;
  if (url.username || url.password) {
    return 'Leave credentials out of the URL (no user:password@): the URL is written to avro-studio.json, which is shared. Credentials go to VS Code\'s Secret Storage in the next step.';
  }
  if (url.search || url.hash) return `The base URL takes no query or fragment: remove "${clip(url.search + url.hash)}".`;
  if (!url.hostname) return 'The URL has no host name.';
  return undefined;
}

/** A warning for a usable URL that deserves one (plain http to another machine). */
export function registryUrlWarning(input: string): string | undefined {
  if (registryUrlProblem(input)) return undefined;
  const url = new URL(input.trim());
  const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
  if (url.protocol === 'http:' && !local) return 'Plain http: schemas and credentials travel unencrypted. Prefer https:// unless the registry is on a trusted network.';
  return undefined;
}

/**
 * The canonical form of a registry base URL: scheme and host in lower case, default port dropped,
 * no trailing slash. Credentials are stored per canonical URL. undefined for an unusable URL.
 */
export function normalizeRegistryUrl(input: string): string | undefined {
  if (registryUrlProblem(input)) return undefined;
  const url = new URL(input.trim());
  const path = url.pathname.replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** The prefix of every SecretStorage key of registry credentials. */
export const SECRET_KEY_PREFIX = 'avro-studio.registry.credentials:';

/** The SecretStorage key of a registry's credentials (one entry per canonical URL). */
export function secretKeyFor(url: string): string {
  return `${SECRET_KEY_PREFIX}${normalizeRegistryUrl(url) ?? url.trim()}`;
}

/**
 * The parse tree of a project file's text; undefined past the server's nesting limit (the server
 * does not read such a file either, and reading its values would overflow the stack).
 */
function parseProjectText(text: string): Node | undefined {
  if (tooDeepAt(text, MAX_PROJECT_FILE_DEPTH) !== undefined) return undefined;
  return parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
}

/** The registry section of a project file's text, when it names a usable URL. Never throws. */
export function readProjectRegistry(text: string): ProjectRegistry | undefined {
  const tree = parseProjectText(text);
  const node = tree && findNodeAtLocation(tree, ['registry']);
  if (!node || node.type !== 'object') return undefined;
  const value = getNodeValue(node) as Record<string, unknown>;
  if (typeof value.url !== 'string') return undefined;
  const url = normalizeRegistryUrl(value.url);
  if (!url) return undefined;
  const auth: RegistryAuthKind = value.auth === 'basic' || value.auth === 'bearer' ? value.auth : 'none';
  return { url, auth, caFile: typeof value.caFile === 'string' && value.caFile ? value.caFile : undefined };
}

/** The file's indentation unit and line ending, so an edit looks like the rest of it. */
interface Layout {
  unit: string;
  eol: string;
}

function layoutOf(text: string): Layout {
  const indented = /\n([ \t]+)\S/.exec(text);
  return { unit: indented?.[1] ?? '  ', eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/** A JSON value on one line, with the spacing people write: { "a": 1, "b": [1, 2] }. */
function compact(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(compact).join(', ')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return entries.length ? `{ ${entries.map(([k, v]) => `${JSON.stringify(k)}: ${compact(v)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(value);
}

/** A JSON value over several lines, its later lines indented by `base` (the indentation of the line it starts on). */
function multiline(value: unknown, base: string, layout: Layout): string {
  return JSON.stringify(value, null, layout.unit).split('\n').join(`${layout.eol}${base}`);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function indentAt(text: string, offset: number): string {
  return /^[ \t]*/.exec(text.slice(lineStart(text, offset)))![0];
}

function isOneLine(text: string, node: Node): boolean {
  return !text.slice(node.offset, node.offset + node.length).includes('\n');
}

/**
 * The edits applied (jsonc-parser's applyEdits: of two insertions at one offset, the first listed
 * comes first). The edits are computed here rather than by jsonc-parser's `modify`, which formats
 * the neighbouring entries too: one-line rules would be expanded and a comment ending the previous
 * entry's line would move after the new entry's comma.
 */
function apply(text: string, edits: Edit[]): string {
  return applyEdits(text, edits);
}

/**
 * Edits that add `item` (text for one line-level entry, e.g. `"key": value` or a value) as the last
 * entry of `container` (an object or array node). A multi-line container gets the entry on a line of
 * its own, after any comment that ends the previous entry's line; a one-line container gets it inline.
 */
function appendEdits(text: string, container: Node, item: (indent: string, oneLine: boolean) => string, layout: Layout): Edit[] {
  const children = container.children ?? [];
  const close = container.offset + container.length - 1;
  const oneLine = isOneLine(text, container);
  if (children.length === 0) {
    const indent = indentAt(text, container.offset);
    const inner = oneLine ? ` ${item('', true)} ` : `${layout.eol}${indent}${layout.unit}${item(indent + layout.unit, false)}${layout.eol}${indent}`;
    return [{ offset: container.offset + 1, length: close - container.offset - 1, content: inner }];
  }
  const last = children[children.length - 1];
  const end = last.offset + last.length;
  if (oneLine) return [{ offset: end, length: 0, content: `, ${item('', true)}` }];
  const indent = indentAt(text, last.offset);
  // After the previous entry: an optional (trailing) comma and a comment that belong to its line.
  const rest = /^[ \t]*(,?)[ \t]*(\/\/[^\r\n]*|\/\*[^\r\n]*?\*\/)?[ \t]*(?=\r?\n|$)/.exec(text.slice(end));
  const edits: Edit[] = [];
  if (rest) {
    if (!rest[1]) edits.push({ offset: end, length: 0, content: ',' });
    edits.push({ offset: end + rest[0].length, length: 0, content: `${layout.eol}${indent}${item(indent, false)}` });
  } else {
    edits.push({ offset: end, length: 0, content: `,${layout.eol}${indent}${item(indent, false)}` });
  }
  return edits;
}

/** The root object of a project file's text; undefined when the text is not a JSON object. */
function rootObject(text: string): Node | undefined {
  const tree = parseProjectText(text);
  return tree?.type === 'object' ? tree : undefined;
}

/** The registry section as it will be written (keys in a fixed order; no secret can be part of it). */
export function registrySectionValue(section: RegistrySection, existing?: Record<string, unknown>): Record<string, unknown> {
  const value: Record<string, unknown> = { url: section.url, auth: section.auth };
  if (section.caFile) value.caFile = section.caFile;
  // Keys the command does not manage (mTLS files, timeout) stay as they were.
  for (const [key, v] of Object.entries(existing ?? {})) {
    if (key === 'url' || key === 'auth' || key === 'caFile') continue;
    if (SECRET_KEYS.has(key)) continue;
    value[key] = v;
  }
  return value;
}

/** Keys that must never be in the file; an existing one is dropped when the section is rewritten (the server reports them too). */
const SECRET_KEYS = new Set(['password', 'token', 'apiSecret', 'secret', 'username', 'apiKey']);

/**
 * The project file's text with its `registry` section set to `section` (a new file holds just that
 * section). Everything else (comments, key order, indentation) stays as it was. undefined when the
 * existing text is not a JSON object (the user must fix it first).
 */
export function withRegistrySection(text: string | undefined, section: RegistrySection): string | undefined {
  if (text === undefined || !text.trim() || text.trim() === '{}') return `${JSON.stringify({ registry: registrySectionValue(section) }, null, 2)}\n`;
  const root = rootObject(text);
  if (!root) return undefined;
  const layout = layoutOf(text);
  const property = root.children?.find(p => p.children?.[0]?.value === 'registry');
  const current = property?.children?.[1];
  if (current) {
    const existing = current.type === 'object' ? (getNodeValue(current) as Record<string, unknown>) : undefined;
    const value = registrySectionValue(section, existing);
    const content = isOneLine(text, current) ? compact(value) : multiline(value, indentAt(text, property!.offset), layout);
    return apply(text, [{ offset: current.offset, length: current.length, content }]);
  }
  const value = registrySectionValue(section);
  return apply(text, appendEdits(text, root, (indent, oneLine) => `"registry": ${oneLine ? compact(value) : multiline(value, indent, layout)}`, layout));
}

/** The `"registry": {...}` text shown in the confirmation: exactly the value that will be written. */
export function registrySectionText(text: string | undefined, section: RegistrySection): string {
  const after = withRegistrySection(text, section);
  const tree = after === undefined ? undefined : parseProjectText(after);
  const node = tree && findNodeAtLocation(tree, ['registry']);
  const value = node ? getNodeValue(node) : registrySectionValue(section);
  return `"registry": ${JSON.stringify(value, null, 2)}`;
}

/** The project file's text with `rule` appended to "schemas" (created when missing); undefined when the text is not a JSON object. */
export function withMappingRule(text: string | undefined, rule: MappingRule): string | undefined {
  const value = mappingRuleValue(rule);
  if (text === undefined || !text.trim() || text.trim() === '{}') return `${JSON.stringify({ schemas: [value] }, null, 2)}\n`;
  const root = rootObject(text);
  if (!root) return undefined;
  const layout = layoutOf(text);
  const schemas = root.children?.find(p => p.children?.[0]?.value === 'schemas')?.children?.[1];
  if (schemas?.type === 'array') {
    // Rules written one per line stay one per line.
    const compactRules = (schemas.children ?? []).length > 0 && (schemas.children ?? []).every(c => isOneLine(text, c));
    return apply(text, appendEdits(text, schemas, (indent, oneLine) => (oneLine || compactRules ? compact(value) : multiline(value, indent, layout)), layout));
  }
  if (schemas) return undefined;
  return apply(text, appendEdits(text, root, (indent, oneLine) => `"schemas": ${oneLine ? compact([value]) : multiline([value], indent, layout)}`, layout));
}

export function mappingRuleValue(rule: MappingRule): Record<string, unknown> {
  const value: Record<string, unknown> = { files: rule.files };
  if (rule.subject) value.subject = rule.subject;
  if (rule.strategy) value.strategy = rule.strategy;
  if (rule.topic) value.topic = rule.topic;
  return value;
}

/** One way to map an unmapped schema, offered by "Avro: Add Subject Mapping". */
export interface MappingChoice {
  label: string;
  detail: string;
  /** The subject the file will map to. */
  subject: string;
  rule: MappingRule;
}

/**
 * The mappings offered for a schema at `relativePath` (POSIX, relative to the project file) whose
 * top-level named type is `fullname`: Confluent's default TopicNameStrategy with the file's name as
 * the topic, RecordNameStrategy when there is a named type, and the same for every schema of the folder.
 */
export function mappingChoices(relativePath: string, fullname: string | undefined): MappingChoice[] {
  const parts = relativePath.split('/');
  const file = parts[parts.length - 1].replace(/\.avsc$/i, '');
  const folder = parts.slice(0, -1).join('/');
  const folderGlob = folder ? `${folder}/*.avsc` : '*.avsc';
  const choices: MappingChoice[] = [
    {
      label: `${file}-value`,
      detail: `TopicNameStrategy: the value schema of topic "${file}" (Confluent's default)`,
      subject: `${file}-value`,
      rule: { files: relativePath, strategy: 'TopicNameStrategy', topic: file },
    },
  ];
  if (fullname) {
    choices.push({
      label: fullname,
      detail: 'RecordNameStrategy: the subject is the record\'s fullname',
      subject: fullname,
      rule: { files: relativePath, strategy: 'RecordNameStrategy' },
    });
  }
  choices.push({
    label: `${file}-value, and likewise for every schema in ${folder ? `${folder}/` : 'the folder'}`,
    detail: `TopicNameStrategy with topic "{file}" for ${folderGlob}: each file's name is its topic`,
    subject: `${file}-value`,
    rule: { files: folderGlob, strategy: 'TopicNameStrategy', topic: '{file}' },
  });
  return choices;
}

function clip(s: string, n = 60): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
