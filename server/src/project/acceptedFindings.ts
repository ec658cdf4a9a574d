// The accepted findings file (`avro-studio check --write-baseline FILE`, avro-studio.json "acceptedFindings"): findings a team accepted when it adopted the tool; only findings not in it are reported.
//
// Each entry names a file (relative to the project folder), a code, the schema path of the finding
// (fields and named types by name) and a hash of its message without commit ids, versions and line
// numbers: an edit elsewhere in the file, or a new commit of the baseline, leaves it matching.
// The file is JSON with a version, sorted, so that it diffs well in review.
import { parseTree, findNodeAtLocation, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { confinedPath, type PathOrigin } from '../config/confine';
import { isDiagnosticCode, type DiagnosticCode } from '../service/codes';
import { messageHash, schemaPathAt, type JsonValue } from '../service/languageService';
import { readTextFile } from '../node/textFile';

export const ACCEPTED_FINDINGS_VERSION = 1;
/** Far above any real list (a finding is ~150 bytes): a larger file is refused, not read. */
export const MAX_ACCEPTED_FINDINGS_SIZE = 32 * 1024 * 1024;

export interface AcceptedEntry {
  /** Path relative to the project folder, with "/". */
  file: string;
  code: DiagnosticCode;
  /** The schema path of the finding ("/fields/amount/default"). */
  path: string;
  /** messageHash of the finding's message. */
  hash: string;
  /** How many identical findings (same file, code, path and hash) are accepted. */
  count: number;
  /** The message when it was accepted (for readers; matching ignores it). */
  message: string;
  /** Offset of the entry in the file's text (for AVRO-683 on its line); -1 for entries made in memory. */
  offset: number;
  length: number;
}

export interface AcceptedFindings {
  /** Absolute path of the file. */
  file: string;
  /** Its text (lines of AVRO-683). */
  text: string;
  entries: AcceptedEntry[];
  /** The entries of each file (a run looks them up once per file). */
  byFile: Map<string, AcceptedEntry[]>;
}

/** What a finding is, as the accepted findings file names it. */
export interface FindingKey {
  file: string;
  code: string;
  path: string;
  hash: string;
}

export function keyOf(k: FindingKey): string {
  return `${k.file}\u0000${k.code}\u0000${k.path}\u0000${k.hash}`;
}

/** The key of a finding at `offset` of a document whose JSON tree is `root`. */
export function findingKey(file: string, root: JsonValue | undefined, finding: { code: string; offset: number; message: string }): FindingKey {
  return { file, code: finding.code, path: schemaPathAt(root, finding.offset), hash: messageHash(finding.message) };
}

export class AcceptedFindingsError extends Error {}

/** Parse the file's text; a file that is not a valid list is an error with its line's offset (what is wrong and how to refresh it). */
export function parseAcceptedFindings(text: string, file: string): AcceptedFindings | { error: string; offset: number } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length || !tree) {
    const e = errors[0];
    return { error: `is not valid JSON (${e ? printParseErrorCode(e.error) : 'empty'})`, offset: e?.offset ?? 0 };
  }
  const version = findNodeAtLocation(tree, ['version'])?.value;
  if (version !== ACCEPTED_FINDINGS_VERSION) {
    return { error: `has "version" ${JSON.stringify(version)}, but this Avro Studio reads version ${ACCEPTED_FINDINGS_VERSION}`, offset: findNodeAtLocation(tree, ['version'])?.offset ?? 0 };
  }
  const list = findNodeAtLocation(tree, ['findings']);
  if (!list || list.type !== 'array') return { error: 'has no "findings" array', offset: tree.offset };
  const entries: AcceptedEntry[] = [];
  for (const node of list.children ?? []) {
    const get = (k: string): unknown => findNodeAtLocation(node, [k])?.value;
    const [f, code, p, hash, count, message] = [get('file'), get('code'), get('path'), get('hash'), get('count'), get('message')];
    if (typeof f !== 'string' || typeof code !== 'string' || typeof p !== 'string' || typeof hash !== 'string') {
      return { error: 'has an entry without "file", "code", "path" and "hash" strings', offset: node.offset };
    }
    if (!isDiagnosticCode(code)) return { error: `names the unknown code "${code}"`, offset: node.offset };
    if (count !== undefined && (typeof count !== 'number' || !Number.isInteger(count) || count < 1)) return { error: '"count" must be a positive integer', offset: node.offset };
    entries.push({ file: f, code, path: p, hash, count: (count as number | undefined) ?? 1, message: typeof message === 'string' ? message : '', offset: node.offset, length: node.length });
  }
  const byFile = new Map<string, AcceptedEntry[]>();
  for (const e of entries) {
    const list = byFile.get(e.file);
    if (list) list.push(e);
    else byFile.set(e.file, [e]);
  }
  return { file, text, entries, byFile };
}

/** Read the file (`origin`: from avro-studio.json, confined to its folder; none: a flag). Throws AcceptedFindingsError with a message that says what to do. */
export async function loadAcceptedFindings(written: string, origin: PathOrigin | undefined, base: string): Promise<AcceptedFindings> {
  let file: string;
  try {
    file = await confinedPath(written, origin, base);
  } catch (e) {
    throw new AcceptedFindingsError((e as Error).message);
  }
  let text: string;
  try {
    text = await readTextFile(file, MAX_ACCEPTED_FINDINGS_SIZE);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new AcceptedFindingsError(code === 'ENOENT'
      ? `the accepted findings file ${written} does not exist: write it with \`avro-studio check --write-baseline ${written}\`.`
      : `cannot read the accepted findings file ${written}: ${(e as Error).message}`);
  }
  const parsed = parseAcceptedFindings(text, file);
  if ('error' in parsed) throw new AcceptedFindingsError(`the accepted findings file ${written} ${parsed.error}: write it again with \`avro-studio check --write-baseline ${written}\`.`);
  return parsed;
}

/** The file's text for these findings: version 1, sorted by file, code, path, hash; identical findings counted. */
export function serializeAcceptedFindings(findings: ReadonlyArray<FindingKey & { message: string }>): string {
  const byKey = new Map<string, { key: FindingKey; message: string; count: number }>();
  for (const f of findings) {
    const k = keyOf(f);
    const seen = byKey.get(k);
    if (seen) seen.count++;
    else byKey.set(k, { key: { file: f.file, code: f.code, path: f.path, hash: f.hash }, message: f.message, count: 1 });
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  const sorted = [...byKey.values()].sort((a, b) => cmp(a.key.file, b.key.file) || cmp(a.key.code, b.key.code) || cmp(a.key.path, b.key.path) || cmp(a.key.hash, b.key.hash));
  const lines = sorted.map(e => '    ' + JSON.stringify({ file: e.key.file, code: e.key.code, path: e.key.path, hash: e.key.hash, ...(e.count > 1 ? { count: e.count } : {}), message: e.message }));
  return `{\n  "version": ${ACCEPTED_FINDINGS_VERSION},\n  "tool": "avro-studio",\n  "findings": [${lines.length ? '\n' + lines.join(',\n') + '\n  ' : ''}]\n}\n`;
}
