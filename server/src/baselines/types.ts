// What a compatibility baseline is: earlier versions of a schema from git, another file or a registry.

/** One earlier version of a schema, newest first in a result. */
export interface BaselineVersion {
  /** Short label used in messages: "HEAD", "origin/main", "3f2c1ab", "v7". */
  label: string;
  /** One line for reports: commit subject and date, registry id, file path. */
  description: string;
  /** The schema text of that version. */
  text: string;
  /** A URI under which the editor can show this version (for related information and diffs). */
  uri: string;
  /** The path the schema had in that version (after following renames), when it is a file. */
  path?: string;
  /**
   * Schemas that come with this version (a registry version's schema references, dependencies
   * first): the names it uses resolve in them before any other file.
   */
  referencedSchemas?: Array<{ uri: string; text: string }>;
}

export type BaselineUnavailableReason =
  | 'untrusted'
  | 'no-git'
  | 'not-a-repository'
  | 'unknown-ref'
  | 'shallow'
  | 'file-missing'
  /** A path that avro-studio.json names leads outside its folder (never read). */
  | 'outside-project'
  | 'timeout'
  | 'error';

export type BaselineResult =
  /** Versions newest first (one for git:REF and file:, all committed versions for git:history). */
  | { kind: 'ok'; versions: BaselineVersion[]; notes: string[]; registry?: RegistryBaselineInfo }
  /** The baseline exists but holds no version of this schema (a file new since REF): nothing to check. */
  | { kind: 'none'; message: string; registry?: RegistryBaselineInfo }
  /** The baseline cannot be read: a clear message, never an exception. */
  | { kind: 'unavailable'; reason: BaselineUnavailableReason; message: string };

/** What a registry baseline's versions were read for (RegistryBaseline sets it; the level in force comes with it). */
export interface RegistryBaselineInfo {
  subject: string;
  /** The level in force for the subject: its own (or the global one), unless the project file or --level gives one. */
  level: string;
  /** Where the level comes from when the registry gave it ("registry's level of subject ..."); undefined when the project file or --level gives it. */
  levelFrom?: string;
  /** The latest registered version (undefined: the subject does not exist yet). */
  latest?: number;
  /** Why the versions may be out of date ("registry unreachable since 10:42"): the last ones read are used. */
  stale?: string;
}

export interface BaselineProvider {
  /** Load the baseline versions of the schema stored at `filePath` (absolute). */
  load(filePath: string, signal?: AbortSignal): Promise<BaselineResult>;
}

export { formatBaselineSpec, parseBaselineSpec, type BaselineSpec } from '../domain/baselines';
