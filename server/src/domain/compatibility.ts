// The vocabulary of compatibility shared by every layer: Confluent's levels, what each means, and the states of a file's check.
//
// Imports nothing: the pure service, the project layer, the CLI, the language server and the
// editor protocol (so the VS Code client too) all name levels and states from here.

/** Confluent Schema Registry's compatibility levels, in the order the registry documents them. */
export const COMPATIBILITY_LEVELS = [
  'NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

/** Schema Registry's default level (and the tools' default when nothing sets one). */
export const DEFAULT_LEVEL: CompatibilityLevel = 'BACKWARD';

export function isCompatibilityLevel(s: string): s is CompatibilityLevel {
  return (COMPATIBILITY_LEVELS as readonly string[]).includes(s);
}

/** A level as people write it ("backward", " FULL "); undefined when it is none. */
export function parseCompatibilityLevel(text: string): CompatibilityLevel | undefined {
  const upper = text.trim().toUpperCase();
  return isCompatibilityLevel(upper) ? upper : undefined;
}

/** "NONE, BACKWARD, ..., FULL_TRANSITIVE" for messages, with `last` before the last one ("or"): "NONE, BACKWARD, ... or FULL_TRANSITIVE". */
export function levelList(last?: 'or'): string {
  const all = [...COMPATIBILITY_LEVELS];
  return last ? `${all.slice(0, -1).join(', ')} ${last} ${all[all.length - 1]}` : all.join(', ');
}

/** A *_TRANSITIVE level is checked against every earlier version; the others against the latest only. */
export function needsEveryVersion(level: CompatibilityLevel | string): boolean {
  return level.endsWith('_TRANSITIVE');
}

/** What each level asks, in one line (reports, pickers, help). */
export const LEVEL_MEANINGS: Readonly<Record<CompatibilityLevel, string>> = {
  NONE: 'no check',
  BACKWARD: 'the new schema must read data written with the latest earlier version (consumers upgrade first)',
  BACKWARD_TRANSITIVE: 'the new schema must read data written with every earlier version',
  FORWARD: 'the latest earlier version must read data written with the new schema (producers upgrade first)',
  FORWARD_TRANSITIVE: 'every earlier version must read data written with the new schema',
  FULL: 'both BACKWARD and FORWARD against the latest earlier version',
  FULL_TRANSITIVE: 'both BACKWARD and FORWARD against every earlier version',
};

/**
 * Where a file stands after its compatibility check, as both front-ends report it:
 * 'checking' while the baseline loads (editor only); 'compatible' or 'breaking' after a check;
 * 'new' when the baseline holds no earlier version; 'unavailable' when it cannot be read or the
 * file cannot be checked; 'off' for level NONE or when the checks are turned off.
 */
export const COMPATIBILITY_STATES = ['checking', 'compatible', 'breaking', 'new', 'unavailable', 'off'] as const;
export type CompatibilityState = (typeof COMPATIBILITY_STATES)[number];
