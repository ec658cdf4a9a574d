// Compatibility findings of a level check -> diagnostics of the edited document (AVRO-4xx), with related information into the baseline.
import { CODE_INFO } from '../codes';
import { escapeControlCharacters } from '../util/escape';
import type { AvroSettings } from '../settings';
import type { AvroDiagnostic, RelatedLocation } from '../validation/diagnostic';
import { groupFindings, type CompatibilityLevel, type Direction, type GroupedFinding, type LevelFinding, type LevelNote } from './levels';
import type { IncompatibilityData, IncompatibilityType } from './types';

/**
 * The `data` of a compatibility diagnostic: what the quick fixes need. Fixes locate the nodes they
 * edit by name (fullnames, field names) in the current text, so a diagnostic a few keystrokes old
 * still gets a correct edit; offsets in `fix` are hints checked against the current text.
 */
export interface CompatDiagnosticData {
  kind: 'compatibility';
  level: CompatibilityLevel;
  direction: Direction;
  /** The edited schema is the reader under BACKWARD and the writer under FORWARD. */
  candidateRole: 'reader' | 'writer';
  /** Every baseline version with this finding, newest first. */
  versions: string[];
  type: IncompatibilityType;
  /** Java's JSON pointer in the reader schema. */
  location: string;
  /** The document holding the edited side's node (another workspace file for a named type defined there). */
  candidateUri: string;
  /** The engine's facts for fixes (reader data is in the reader's documents, writer data in the writer's). */
  fix: IncompatibilityData;
}

export function isCompatDiagnosticData(data: unknown): data is CompatDiagnosticData {
  const d = data as CompatDiagnosticData | undefined;
  return !!d && typeof d === 'object' && d.kind === 'compatibility' && typeof d.candidateUri === 'string' && !!d.fix && typeof d.fix === 'object';
}

/** At most this many versions get related information (FULL_TRANSITIVE against 50 commits would list them all). */
const MAX_RELATED_VERSIONS = 3;

/** One breaking change of a level check, as both front-ends report it. */
export interface CompatibilityFinding {
  /** The finding (grouped across versions: `versions` names every version with it). */
  finding: GroupedFinding;
  /** Where it is shown in the edited document (a removed field: where it was). */
  offset: number;
  length: number;
  /** Its diagnostic; undefined when the code is turned off. */
  diagnostic: AvroDiagnostic | undefined;
}

/**
 * One finding per place and problem (the same finding in several versions is one finding whose
 * message names them), at the most specific place of the edited document: a finding inside a named
 * type defined in another file is shown at the reference, with the place itself as related
 * information; a field removed from the edited schema is shown where it was (the delimiter before
 * the gap). Severities come from the code table and the user's overrides ('off': no diagnostic).
 */
export function compatibilityFindings(findings: readonly LevelFinding[], settings: AvroSettings, document: { uri: string; text: string }): CompatibilityFinding[] {
  const documentUri = document.uri;
  const out: CompatibilityFinding[] = [];
  for (const g of groupFindings(findings)) {
    const inc = g.incompatibility;
    const at = (g.candidateRole === 'writer' && inc.data.kind === 'missing-default' && g.candidateSpan.uri === documentUri
      ? removalSpan(document.text, inc.data.restoreOffset) : undefined) ?? g.span;
    const setting = settings.severity[inc.code];
    if (setting === 'off') {
      out.push({ finding: g, offset: at.offset, length: at.length, diagnostic: undefined });
      continue;
    }
    // The same finding in other versions (groupFindings keeps the first): their baseline places, newest first.
    const same = findings.filter(f => f.direction === g.direction && f.incompatibility.type === inc.type && f.span.offset === g.span.offset
      && f.span.length === g.span.length && f.incompatibility.message === inc.message);
    const related: RelatedLocation[] = [];
    for (const f of same.slice(0, MAX_RELATED_VERSIONS)) {
      related.push({ uri: f.baselineSpan.uri, offset: f.baselineSpan.offset, length: f.baselineSpan.length, message: relatedMessage(f) });
    }
    if (g.candidateSpan.uri !== documentUri) {
      related.push({ uri: g.candidateSpan.uri, offset: g.candidateSpan.offset, length: g.candidateSpan.length, message: 'where the new schema defines it' });
    }
    const data: CompatDiagnosticData = {
      kind: 'compatibility',
      level: g.level,
      direction: g.direction,
      candidateRole: g.candidateRole,
      versions: g.versions,
      type: inc.type,
      location: inc.location,
      candidateUri: g.candidateSpan.uri,
      fix: inc.data,
    };
    const diagnostic: AvroDiagnostic = {
      code: inc.code,
      severity: setting ?? CODE_INFO[inc.code].severity,
      offset: at.offset,
      length: at.length,
      message: escapeControlCharacters(g.message),
      related: related.map(r => ({ ...r, message: escapeControlCharacters(r.message) })),
      data,
    };
    out.push({ finding: g, offset: at.offset, length: at.length, diagnostic });
  }
  out.sort((a, b) => a.offset - b.offset || a.finding.incompatibility.code.localeCompare(b.finding.incompatibility.code));
  return out;
}

/** The diagnostics of a level check's findings (those whose code is not turned off), in document order. */
export function compatibilityDiagnostics(findings: readonly LevelFinding[], settings: AvroSettings, document: { uri: string; text: string }): AvroDiagnostic[] {
  return compatibilityFindings(findings, settings, document).flatMap(f => (f.diagnostic ? [f.diagnostic] : []));
}

/** The notes of a level check (AVRO-412, info by default) as diagnostics of the edited document, with the baseline's name as related information. */
export function compatibilityNoteDiagnostics(notes: readonly LevelNote[], settings: AvroSettings): AvroDiagnostic[] {
  const out: AvroDiagnostic[] = [];
  for (const n of notes) {
    const setting = settings.severity[n.note.code];
    if (setting === 'off') continue;
    out.push({
      code: n.note.code,
      severity: setting ?? CODE_INFO[n.note.code].severity,
      offset: n.span.offset,
      length: n.span.length,
      message: escapeControlCharacters(n.message),
      related: [{ uri: n.baselineSpan.uri, offset: n.baselineSpan.offset, length: n.baselineSpan.length, message: escapeControlCharacters(`${n.version}: the ${n.note.namedKind} is "${n.direction === 'BACKWARD' ? n.note.writerFullname : n.note.readerFullname}"`) }],
    });
  }
  return out;
}

/**
 * Where a field was removed: the "[" when it was the first field, else the delimiter after the field
 * before it ("," or the closing "]"). Undefined when the text there is not what the engine saw.
 */
function removalSpan(text: string, restoreOffset: number): { offset: number; length: number } | undefined {
  if (restoreOffset <= 0 || restoreOffset > text.length) return undefined;
  if (text[restoreOffset - 1] === '[') return { offset: restoreOffset - 1, length: 1 };
  if (text[restoreOffset - 1] !== '}') return undefined;
  let i = restoreOffset;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return text[i] === ',' || text[i] === ']' ? { offset: i, length: 1 } : undefined;
}

function quoted(names: readonly string[], max = 5): string {
  const q = names.slice(0, max).map(n => `"${n}"`);
  if (names.length > max) q.push(`... (${names.length - max} more)`);
  return q.join(', ');
}

/** What the baseline place shows, in words, prefixed with the version. */
export function relatedMessage(f: LevelFinding): string {
  const v = f.version;
  const d = f.incompatibility.data;
  const reader = f.candidateRole === 'reader';
  switch (d.kind) {
    case 'missing-default':
      return reader
        ? `${v}: record "${d.writerRecordFullname}" has no field "${d.fieldName}"`
        : `${v}: field "${d.fieldName}" is here, without a default`;
    case 'missing-symbols':
      return reader
        ? `${v}: enum "${d.enumFullname}" has ${d.missingSymbols.length === 1 ? 'symbol' : 'symbols'} ${quoted(d.missingSymbols)}`
        : `${v}: the symbols of enum "${d.enumFullname}" (no default)`;
    case 'type-mismatch':
      return reader ? `${v}: written as ${d.writerType}` : `${v}: read as ${d.readerType}`;
    case 'name-mismatch':
      return reader ? `${v}: the ${d.namedKind} is named "${d.writerFullname}"` : `${v}: readers expect the ${d.namedKind} "${d.readerFullname}"`;
    case 'fixed-size':
      return reader ? `${v}: fixed "${d.fixedFullname}" has size ${d.writerSize}` : `${v}: fixed "${d.fixedFullname}" has size ${d.readerSize}`;
    case 'missing-branch':
      return reader ? `${v}: written as ${d.writerType}` : `${v}: the union, with no branch for ${d.writerType}`;
    case 'ambiguous-field':
      return reader ? `${v}: the fields "${d.fieldName}" matches` : `${v}: field "${d.fieldName}" and its aliases`;
  }
}
