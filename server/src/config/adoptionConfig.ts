// avro-studio.json's "ignore" (findings not reported, per code and glob, with a reason) and "acceptedFindings" (the file of accepted findings): read and checked here, applied in project/findingFilter.ts.
import type { JSONPath } from 'jsonc-parser';
import { Minimatch } from 'minimatch';
import { codesOfCategory, isDiagnosticCode, type DiagnosticCode } from '../service/codes';
import type { PathOrigin } from '../domain/baselines';
import { textualEscape } from './confine';

export const ADOPTION_KEYS = ['ignore', 'acceptedFindings'] as const;
export const IGNORE_KEYS = ['rules', 'files', 'reason'];

/** One "ignore" entry: findings of `rules` (every code when absent) in files matching `files` are not reported. */
export interface IgnoreEntry {
  /** The codes it ignores (categories expanded); undefined: every code. */
  rules?: DiagnosticCode[];
  /** The codes and categories as written (messages quote them). */
  names?: string[];
  /** Globs relative to the project file's folder. */
  files: string[];
  reason: string;
  /** Its index in "ignore" (messages say "ignore[2]"). */
  index: number;
  /** Where the entry is in avro-studio.json (for AVRO-682 on its line). */
  offset: number;
  length: number;
}

/** "acceptedFindings": the file of accepted findings, relative to the project file's folder and confined to it. */
export interface AcceptedFindingsSetting {
  path: string;
  origin: PathOrigin;
}

type Problem = (message: string, path?: JSONPath) => void;
type Locate = (path: JSONPath) => { offset: number; length: number };

/** An opening character (not escaped) without its closing one after it. */
function unclosed(glob: string, open: string, close: string): boolean {
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === open) depth++;
    else if (glob[i] === close && depth > 0) depth--;
  }
  return depth > 0;
}

/** Why a glob cannot match anything sensible; undefined when it is fine. */
export function globProblem(glob: string): string | undefined {
  if (!glob.trim()) return 'is empty';
  const escape = textualEscape(glob);
  if (escape) return `${escape}: globs are relative to the folder of avro-studio.json`;
  // minimatch reads an unclosed "[" or "{" as a literal character: never what was meant.
  if (unclosed(glob, '[', ']') || unclosed(glob, '{', '}')) return 'is not a valid glob (an unclosed bracket or brace)';
  try {
    if (new Minimatch(glob, { dot: true }).makeRe() === false) return 'is not a valid glob';
  } catch (e) {
    return `is not a valid glob (${(e as Error).message})`;
  }
  return undefined;
}

/** "ignore": [{"rules": ["AVRO-404"], "files": ["legacy/**"], "reason": "..."}]. Invalid entries are problems and are dropped. */
export function readIgnore(value: unknown, problem: Problem, locate: Locate): IgnoreEntry[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problem('"ignore" must be an array like [{"rules": ["AVRO-404"], "files": ["legacy/**"], "reason": "why these findings are accepted"}].', ['ignore']);
    return [];
  }
  const out: IgnoreEntry[] = [];
  value.forEach((entry, i) => {
    const path: JSONPath = ['ignore', i];
    const where = `ignore[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      problem(`"${where}" must be an object with "files", "reason" and optionally "rules".`, path);
      return;
    }
    const e = entry as Record<string, unknown>;
    let ok = true;
    for (const key of Object.keys(e)) {
      if (!IGNORE_KEYS.includes(key)) {
        problem(`"${where}": unknown key "${key}" (expected ${IGNORE_KEYS.join(', ')}).`, [...path, key]);
        ok = false;
      }
    }
    // files
    let files: string[] | undefined;
    if (e.files === undefined) {
      problem(`"${where}" needs "files": the globs of the files whose findings are ignored (to turn a code off everywhere, set it to "off" in "rules").`, path);
      ok = false;
    } else {
      const list = typeof e.files === 'string' ? [e.files] : Array.isArray(e.files) ? e.files : undefined;
      if (!list || list.length === 0) {
        problem(`"${where}.files" must be a glob or a non-empty array of globs, relative to avro-studio.json.`, [...path, 'files']);
        ok = false;
      } else {
        list.forEach((g, j) => {
          const at = typeof e.files === 'string' ? [...path, 'files'] : [...path, 'files', j];
          const why = typeof g === 'string' ? globProblem(g) : 'is not a string';
          if (why) {
            problem(`"${where}.files": ${JSON.stringify(g)} ${why}.`, at);
            ok = false;
          }
        });
        if (ok) files = list as string[];
      }
    }
    // rules
    let rules: DiagnosticCode[] | undefined;
    let names: string[] | undefined;
    if (e.rules !== undefined) {
      const list = typeof e.rules === 'string' ? [e.rules] : Array.isArray(e.rules) ? e.rules : undefined;
      if (!list || list.length === 0) {
        problem(`"${where}.rules" must be a non-empty array of codes like ["AVRO-404"] (leave it out to ignore every code in these files).`, [...path, 'rules']);
        ok = false;
      } else {
        rules = [];
        names = list.map(String);
        list.forEach((c, j) => {
          const at = typeof e.rules === 'string' ? [...path, 'rules'] : [...path, 'rules', j];
          // A code, or a category of codes as in "rules" ("compatibility", "policy/naming" ...).
          const codes = typeof c !== 'string' ? undefined : isDiagnosticCode(c) ? [c] : codesOfCategory(c);
          if (codes) rules!.push(...codes.filter(code => !rules!.includes(code)));
          else {
            problem(`"${where}.rules": unknown code or category ${JSON.stringify(c)} (codes look like AVRO-404, categories like "compatibility" or "policy/naming"; docs/rules.md lists them).`, at);
            ok = false;
          }
        });
      }
    }
    // reason
    if (typeof e.reason !== 'string' || !e.reason.trim()) {
      problem(e.reason === undefined
        ? `"${where}" needs a "reason": why these findings are accepted, for reviewers and later readers.`
        : `"${where}.reason" must be a non-empty text saying why these findings are accepted.`, e.reason === undefined ? path : [...path, 'reason']);
      ok = false;
    }
    if (!ok || !files) return;
    const at = locate(path);
    out.push({ ...(rules ? { rules, names } : {}), files, reason: (e.reason as string).trim(), index: i, offset: at.offset, length: at.length });
  });
  return out;
}

/** "acceptedFindings": "path/to/accepted-findings.json" (inside the project folder). */
export function readAcceptedFindings(value: unknown, problem: Problem, root: string, file: string): AcceptedFindingsSetting | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !value.trim()) {
    problem('"acceptedFindings" must be the path of the accepted findings file, relative to avro-studio.json (written by `avro-studio check --write-baseline PATH`).', ['acceptedFindings']);
    return undefined;
  }
  const why = textualEscape(value);
  if (why) {
    problem(`"acceptedFindings" names "${value}", which ${why}: paths in ${file} are relative to its folder and stay inside it.`, ['acceptedFindings']);
    return undefined;
  }
  return { path: value, origin: { root, setting: `${file} "acceptedFindings"` } };
}
