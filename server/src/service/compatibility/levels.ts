// Confluent compatibility levels: check an edited schema against earlier versions, findings mapped into the edited document.
//
// BACKWARD: the new schema reads data written with the latest version (reader = new, writer = latest).
// FORWARD: the latest version reads data written with the new schema (reader = latest, writer = new).
// FULL: both. *_TRANSITIVE: against every earlier version, newest first, instead of the latest only.
// NONE: no check.
import type { Span } from '../model/types';
import { checkCompatibility } from './engine';
import type { DocSpan, Incompatibility, NamespaceChangeNote, SchemaSide } from './types';

import type { CompatibilityLevel } from '../../domain/compatibility';

export { COMPATIBILITY_LEVELS, isCompatibilityLevel, type CompatibilityLevel } from '../../domain/compatibility';

export type Direction = 'BACKWARD' | 'FORWARD';

/** An earlier version of the schema. */
export interface Baseline {
  /** Shown to the user as is: "HEAD", "v3", "registry version 12". */
  label: string;
  side: SchemaSide;
}

export interface LevelFinding {
  level: CompatibilityLevel;
  /** The label of the baseline this finding comes from. */
  version: string;
  direction: Direction;
  /** The edited schema is the reader under BACKWARD and the writer under FORWARD. */
  candidateRole: 'reader' | 'writer';
  incompatibility: Incompatibility;
  /** The message with a prefix that says which check failed and what it means for data. */
  message: string;
  /** Where to show it in the edited document (the candidate side's document). */
  span: Span;
  /** The precise place on the edited side (another workspace file, for a named type defined there). */
  candidateSpan: DocSpan;
  /** The matching place in the baseline, for related information. */
  baselineSpan: DocSpan;
}

export interface VersionCheck {
  version: string;
  direction: Direction;
  compatible: boolean;
  /** False when part of the schemas could not be checked (unresolved names, invalid parts). */
  complete: boolean;
  incompatibilities: number;
}

/** A note of a check (not an incompatibility), placed in the edited document. */
export interface LevelNote {
  version: string;
  direction: Direction;
  note: NamespaceChangeNote;
  message: string;
  /** Where to show it: the name of the edited schema's named type. */
  span: Span;
  /** The same named type in the baseline, for related information. */
  baselineSpan: DocSpan;
}

export interface LevelResult {
  level: CompatibilityLevel;
  compatible: boolean;
  complete: boolean;
  /** The checks made, in order: versions newest first, BACKWARD before FORWARD for each. */
  checks: VersionCheck[];
  findings: LevelFinding[];
  /** Compatible here but not for every reader: one per named type (the first version and direction that show it). */
  notes: LevelNote[];
}

const MEANING: Record<Direction, string> = {
  BACKWARD: 'new readers cannot read old data',
  FORWARD: 'old readers cannot read new data',
};

/** The directions a level checks and whether it checks every earlier version. */
export function levelPlan(level: CompatibilityLevel): { directions: Direction[]; transitive: boolean } {
  switch (level) {
    case 'NONE': return { directions: [], transitive: false };
    case 'BACKWARD': return { directions: ['BACKWARD'], transitive: false };
    case 'BACKWARD_TRANSITIVE': return { directions: ['BACKWARD'], transitive: true };
    case 'FORWARD': return { directions: ['FORWARD'], transitive: false };
    case 'FORWARD_TRANSITIVE': return { directions: ['FORWARD'], transitive: true };
    case 'FULL': return { directions: ['BACKWARD', 'FORWARD'], transitive: false };
    case 'FULL_TRANSITIVE': return { directions: ['BACKWARD', 'FORWARD'], transitive: true };
  }
}

/**
 * Check `candidate` (the edited schema) against `previous` versions (newest first) at a level.
 * Every finding says which version and direction it comes from and where it is in the candidate.
 */
export function checkLevel(level: CompatibilityLevel, candidate: SchemaSide, previous: readonly Baseline[]): LevelResult {
  const plan = levelPlan(level);
  const baselines = plan.transitive ? previous : previous.slice(0, 1);
  const checks: VersionCheck[] = [];
  const findings: LevelFinding[] = [];
  const notes: LevelNote[] = [];
  const noted = new Set<string>();
  const full = plan.directions.length > 1;
  for (const baseline of baselines) {
    for (const direction of plan.directions) {
      const backward = direction === 'BACKWARD';
      const result = backward
        ? checkCompatibility(candidate, baseline.side, { readerName: 'the new schema', writerName: 'the old schema', fixSide: 'reader' })
        : checkCompatibility(baseline.side, candidate, { readerName: 'the old schema', writerName: 'the new schema', fixSide: 'writer' });
      checks.push({ version: baseline.label, direction, compatible: result.compatible, complete: result.complete, incompatibilities: result.incompatibilities.length });
      for (const note of result.notes) {
        const own = backward ? note.readerSpan : note.writerSpan;
        if (own.uri !== candidate.doc.uri) continue; // a named type defined in another file: noted where that file is checked
        const key = `${own.offset}:${own.length}`;
        if (noted.has(key)) continue;
        noted.add(key);
        const now = backward ? note.readerFullname : note.writerFullname;
        const before = backward ? note.writerFullname : note.readerFullname;
        notes.push({
          version: baseline.label,
          direction,
          note,
          message: `${level} (vs ${baseline.label}): only the namespace of the ${note.namedKind} changed, "${before}" to "${now}": compatible for Java 1.9 and later and Schema Registry, which match named types by their unqualified name, but Java 1.8 readers and avsc's default resolver compare full names and reject it. Add "aliases": ["${before}"] to the ${note.namedKind} to keep them reading it, or keep the namespace.`,
          span: { offset: own.offset, length: own.length },
          baselineSpan: backward ? note.writerSpan : note.readerSpan,
        });
      }
      const prefix = `${level} (vs ${baseline.label}${full ? `, ${direction.toLowerCase()}` : ''}): ${MEANING[direction]}: `;
      for (const inc of result.incompatibilities) {
        findings.push({
          level,
          version: baseline.label,
          direction,
          candidateRole: backward ? 'reader' : 'writer',
          incompatibility: inc,
          message: prefix + inc.message,
          span: backward ? inc.readerAnchor : inc.writerAnchor,
          candidateSpan: backward ? inc.readerSpan : inc.writerSpan,
          baselineSpan: backward ? inc.writerSpan : inc.readerSpan,
        });
      }
    }
  }
  return {
    level,
    compatible: checks.every(c => c.compatible),
    complete: checks.every(c => c.complete),
    checks,
    findings,
    notes,
  };
}

export interface GroupedFinding extends LevelFinding {
  /** Every version with the same finding at the same place, in check order (newest first). */
  versions: string[];
}

/**
 * One finding per place and problem across versions (FULL_TRANSITIVE against ten versions often
 * finds the same missing default ten times): the message names every version.
 */
export function groupFindings(findings: readonly LevelFinding[]): GroupedFinding[] {
  const out: GroupedFinding[] = [];
  const byKey = new Map<string, GroupedFinding>();
  for (const f of findings) {
    const key = `${f.direction}\u0000${f.incompatibility.type}\u0000${f.span.offset}:${f.span.length}\u0000${f.incompatibility.message}`;
    const first = byKey.get(key);
    if (first) {
      first.versions.push(f.version);
      continue;
    }
    const g: GroupedFinding = { ...f, versions: [f.version] };
    byKey.set(key, g);
    out.push(g);
  }
  for (const g of out) {
    if (g.versions.length < 2) continue;
    const full = g.level === 'FULL' || g.level === 'FULL_TRANSITIVE';
    g.message = `${g.level} (vs ${listVersions(g.versions)}${full ? `, ${g.direction.toLowerCase()}` : ''}): ${MEANING[g.direction]}: ${g.incompatibility.message}`;
  }
  return out;
}

function listVersions(v: string[]): string {
  if (v.length <= 4) return v.length === 1 ? v[0] : `${v.slice(0, -1).join(', ')} and ${v[v.length - 1]}`;
  return `${v.slice(0, 3).join(', ')} and ${v.length - 3} more`;
}
