// The vocabulary of baselines shared by every layer: how a baseline is written ("git:HEAD", "git:history", "file:PATH", "registry") and the URIs of baseline versions.
//
// Imports nothing (see compatibility.ts).

/** Where a path was written: the folder it must stay in, and the setting that names it (config/confine.ts enforces it). */
export interface PathOrigin {
  /** The folder of avro-studio.json (absolute). */
  root: string;
  /** The setting, as messages quote it: 'avro-studio.json "compatibility.baseline"'. */
  setting: string;
}

export type BaselineSpec =
  | { kind: 'git'; ref: string }
  | { kind: 'git-history' }
  /**
   * `origin`: the project file that names the path (it is then confined to that file's folder, see
   * config/confine.ts); none for a path from a flag or the user's settings.
   */
  | { kind: 'file'; path: string; origin?: PathOrigin }
  | { kind: 'registry' };

export type BaselineKind = BaselineSpec['kind'];

/** Against the last commit, when nothing sets a baseline. */
export const DEFAULT_BASELINE: BaselineSpec = { kind: 'git', ref: 'HEAD' };

/** The forms a baseline is written in, for messages. */
export const BASELINE_FORMS = '"git:REF", "git:history", "file:PATH" or "registry"';

/** Parse "git:REF", "git:history", "file:PATH" or "registry"; undefined when malformed. */
export function parseBaselineSpec(text: string): BaselineSpec | undefined {
  const t = text.trim();
  if (t === 'git' || t === 'git:') return { kind: 'git', ref: 'HEAD' };
  if (t === 'git:history') return { kind: 'git-history' };
  if (t.startsWith('git:')) {
    const ref = t.slice(4);
    // A ref is handed to git as one argument; still refuse option-like or odd refs outright.
    if (!/^[A-Za-z0-9_./@{}~^-]+$/.test(ref) || ref.startsWith('-')) return undefined;
    return { kind: 'git', ref };
  }
  if (t.startsWith('file:') && t.length > 5) return { kind: 'file', path: t.slice(5) };
  if (t === 'registry') return { kind: 'registry' };
  return undefined;
}

export function formatBaselineSpec(spec: BaselineSpec): string {
  switch (spec.kind) {
    case 'git': return `git:${spec.ref}`;
    case 'git-history': return 'git:history';
    case 'file': return `file:${spec.path}`;
    case 'registry': return 'registry';
  }
}

/** Whether a baseline is read with git (and so needs a trusted workspace and a repository). */
export function isGitBaseline(spec: BaselineSpec): spec is Extract<BaselineSpec, { kind: 'git' | 'git-history' }> {
  return spec.kind === 'git' || spec.kind === 'git-history';
}

/**
 * URI scheme of baseline versions, shown read-only by the client (related information of a finding,
 * "Compare with Baseline"): `avro-baseline:<path of the file>?<query>`, where the query is
 * encodeURIComponent(JSON.stringify(BaselineUriQuery)). The client serves the text through
 * BaselineContentRequest, so it works without VS Code's git extension.
 */
export const BASELINE_URI_SCHEME = 'avro-baseline';

export interface BaselineUriQuery {
  /** The working file's URI (file:). */
  uri: string;
  /** The version label ("HEAD", "3f2c1ab"). */
  version: string;
}
