// Which findings of a file are reported: inline suppressions, avro-studio.json's "ignore" and the accepted findings file, applied once here for the editor and the CLI.
//
// In order: a `// avro-studio-ignore CODE: reason` comment suppresses one finding of its code on its
// target line (the most specific); an "ignore" entry every finding of its codes in its files; the
// accepted findings file each finding it lists (as many as it counts). What remains is reported.
// Suppression comments that suppress nothing (AVRO-680) or give no reason or no known code
// (AVRO-681) are findings of the file themselves. A tracker collects what a run used, so that the
// CLI reports "ignore" entries that matched nothing (AVRO-682) and accepted findings no longer found
// (AVRO-683).
import * as path from 'node:path';
import type { AcceptedFindingsSetting, IgnoreEntry } from '../config/adoptionConfig';
import { matchesAny, type ProjectConfig } from '../config/projectConfig';
import { relativeInside } from '../config/units';
import { CODE_INFO, Codes, type DiagnosticCode } from '../service/codes';
import type { AvroDocument } from '../service/model/types';
import type { AvroSettings } from '../service/settings';
import { inlineSuppressions, type AvroDiagnostic, type InlineSuppression } from '../service/languageService';
import type { LineIndex } from '../service/text';
import { findingKey, keyOf, type AcceptedEntry, type AcceptedFindings } from './acceptedFindings';

/** What a finding needs to be matched: its code, where it starts, its message. */
export interface Finding {
  code: string;
  offset: number;
  message: string;
}

/** What applies to the files of one project: its folder (paths are relative to it), "ignore", the accepted findings. */
export interface Adoption {
  root: string;
  ignore: readonly IgnoreEntry[];
  accepted?: AcceptedFindings;
}

/** The adoption settings of a project file (the accepted findings are loaded by the front-end: acceptedFindings.ts). */
export function adoptionOf(config: ProjectConfig | undefined, accepted?: AcceptedFindings): Adoption | undefined {
  if (!config && !accepted) return undefined;
  return { root: config?.root ?? '', ignore: config?.ignore ?? [], accepted };
}

/** Where the accepted findings come from: the flag, else avro-studio.json's "acceptedFindings". */
export function acceptedFindingsSource(config: ProjectConfig | undefined, flag: string | undefined): { written: string; origin: AcceptedFindingsSetting['origin'] | undefined; base: string } | undefined {
  if (flag !== undefined) return { written: flag, origin: undefined, base: '.' };
  const s = config?.acceptedFindings;
  return s ? { written: s.path, origin: s.origin, base: s.origin.root } : undefined;
}

export interface FilteredFindings<T extends Finding> {
  /** Still reported, in the order given; with AVRO-680/681 of the file's suppression comments (unless ignored or accepted), in document order. */
  reported: T[];
  /** In the accepted findings file. */
  accepted: T[];
  ignored: Array<{ finding: T; entry: IgnoreEntry }>;
  suppressed: Array<{ finding: T; suppression: InlineSuppression }>;
}

export interface FilterInput<T extends Finding> {
  doc: AvroDocument;
  lines: LineIndex;
  /** Absolute path of the file (undefined: not a file on disk; then only inline suppressions apply). */
  filePath: string | undefined;
  findings: readonly T[];
  /** The file's rule settings (severities of AVRO-680 and AVRO-681). */
  settings: AvroSettings;
  adoption: Adoption | undefined;
  /** Whether findings of a code were looked for in this run: a suppression of a code that was not is not "unused" (AVRO-4xx in `lint`). */
  judged(code: DiagnosticCode): boolean;
  tracker?: AdoptionTracker;
  /** Make AVRO-680/681 into the caller's finding type. */
  wrap(d: AvroDiagnostic): T;
}

/** The path of a file relative to the adoption's folder ("/" separated), undefined outside it. */
export function relativeToAdoption(adoption: Adoption | undefined, filePath: string | undefined): string | undefined {
  if (!adoption || !filePath || !adoption.root) return undefined;
  return relativeInside(adoption.root, filePath)?.split(path.sep).join('/');
}

/** Apply inline suppressions, "ignore" and the accepted findings to one file's findings. Never throws. */
export function filterFindings<T extends Finding>(input: FilterInput<T>): FilteredFindings<T> {
  const { doc, lines, settings } = input;
  const out: FilteredFindings<T> = { reported: [], accepted: [], ignored: [], suppressed: [] };
  const severityOf = (code: DiagnosticCode): AvroDiagnostic['severity'] | undefined => {
    const s = settings.severity[code] ?? CODE_INFO[code].severity;
    return s === 'off' ? undefined : s;
  };

  // 1. Inline suppressions: each suppresses the first finding of its code on its target line.
  const directives = inlineSuppressions(doc.text, doc.json.comments);
  const suppressedSet = new Set<T>();
  const ordered = [...input.findings].sort((a, b) => a.offset - b.offset);
  const extra: T[] = [];
  for (const s of directives) {
    if (s.problem) {
      const severity = severityOf(Codes.InvalidSuppression);
      if (severity) extra.push(input.wrap({ code: Codes.InvalidSuppression, severity, offset: s.offset, length: s.length, message: `This suppression comment ${s.problem} It suppresses nothing until then.` }));
      continue;
    }
    const hit = ordered.find(f => !suppressedSet.has(f) && f.code === s.code && lines.positionAt(f.offset).line === s.targetLine);
    if (hit) {
      suppressedSet.add(hit);
      out.suppressed.push({ finding: hit, suppression: s });
      continue;
    }
    if (!input.judged(s.code!)) continue;
    const severity = severityOf(Codes.UnusedSuppression);
    if (severity) {
      extra.push(input.wrap({
        code: Codes.UnusedSuppression,
        severity,
        offset: s.offset,
        length: s.length,
        message: `This suppression comment suppresses nothing: there is no ${s.code} finding on line ${s.targetLine + 1}. Remove the comment (the finding was fixed or moved).`,
        tags: ['unnecessary'],
        data: { suppression: { offset: s.offset, length: s.length } },
      }));
    }
  }

  // 2. "ignore" and 3. accepted findings, for the file's path in the project.
  const relative = relativeToAdoption(input.adoption, input.filePath);
  const ignore = relative !== undefined ? input.adoption!.ignore.filter(e => matchesAny(relative, e.files)) : [];
  const remaining = new Map<string, Array<{ entry: AcceptedEntry; left: number }>>();
  if (relative !== undefined && input.adoption?.accepted) {
    for (const entry of input.adoption.accepted.byFile.get(relative) ?? []) {
      const k = keyOf(entry);
      remaining.set(k, [...(remaining.get(k) ?? []), { entry, left: entry.count }]);
    }
  }
  if (relative !== undefined) input.tracker?.sawFile(relative);
  for (const f of [...input.findings, ...extra]) {
    if (suppressedSet.has(f)) continue;
    const entry = ignore.find(e => !e.rules || e.rules.includes(f.code as DiagnosticCode));
    if (entry) {
      out.ignored.push({ finding: f, entry });
      input.tracker?.usedIgnore(entry);
      continue;
    }
    if (remaining.size) {
      const slot = remaining.get(keyOf(findingKey(relative!, doc.json.root, f)))?.find(s => s.left > 0);
      if (slot) {
        slot.left--;
        out.accepted.push(f);
        input.tracker?.usedAccepted(slot.entry);
        continue;
      }
    }
    out.reported.push(f);
  }
  if (extra.length) out.reported.sort((a, b) => a.offset - b.offset || a.code.localeCompare(b.code));
  return out;
}

/** What a run of the CLI used of "ignore" and the accepted findings, to report the entries it did not use. */
export class AdoptionTracker {
  private readonly files = new Set<string>();
  private readonly ignoreUsed = new Set<IgnoreEntry>();
  private readonly acceptedUsed = new Map<AcceptedEntry, number>();

  sawFile(relative: string): void {
    this.files.add(relative);
  }
  usedIgnore(entry: IgnoreEntry): void {
    this.ignoreUsed.add(entry);
  }
  usedAccepted(entry: AcceptedEntry): void {
    this.acceptedUsed.set(entry, (this.acceptedUsed.get(entry) ?? 0) + 1);
  }

  /**
   * "ignore" entries that matched no finding, among those covering a file of the run (an entry for
   * files not checked is not judged) and naming a code the run looked for (`lint` and AVRO-4xx).
   */
  staleIgnores(adoption: Adoption, judged: (code: DiagnosticCode) => boolean = () => true): IgnoreEntry[] {
    return adoption.ignore.filter(e => !this.ignoreUsed.has(e) && (!e.rules || e.rules.some(judged)) && [...this.files].some(f => matchesAny(f, e.files)));
  }

  /**
   * Accepted findings no longer found: of files of the run, or of files that no longer exist
   * (`exists`: the file is in the workspace), for codes the run looked for. With how many are gone.
   */
  staleAccepted(adoption: Adoption, exists: (relative: string) => boolean, judged: (code: DiagnosticCode) => boolean): Array<{ entry: AcceptedEntry; gone: number }> {
    const out: Array<{ entry: AcceptedEntry; gone: number }> = [];
    for (const entry of adoption.accepted?.entries ?? []) {
      if (!judged(entry.code)) continue;
      if (!this.files.has(entry.file) && exists(entry.file)) continue;
      const gone = entry.count - (this.acceptedUsed.get(entry) ?? 0);
      if (gone > 0) out.push({ entry, gone });
    }
    return out;
  }
}

/** AVRO-682 for an "ignore" entry that matched nothing (offsets into avro-studio.json). */
export function staleIgnoreDiagnostic(entry: IgnoreEntry, severity: AvroDiagnostic['severity']): AvroDiagnostic {
  return {
    code: Codes.StaleIgnore,
    severity,
    offset: entry.offset,
    length: entry.length,
    message: `"ignore[${entry.index}]" (${entry.rules ? (entry.names ?? entry.rules).join(', ') : 'every code'} in ${entry.files.join(', ')}) matches no finding in the files checked: what it ignored was fixed or moved. Remove the entry, or correct its "files" or "rules".`,
  };
}

/** AVRO-683 for an accepted finding no longer found (offsets into the accepted findings file). */
export function staleAcceptedDiagnostic(entry: AcceptedEntry, gone: number, severity: AvroDiagnostic['severity'], refresh: string): AvroDiagnostic {
  const what = entry.count > 1 ? `${gone} of the ${entry.count} accepted ${entry.code} findings` : `The accepted ${entry.code} finding`;
  return {
    code: Codes.StaleAcceptedFinding,
    severity,
    offset: Math.max(0, entry.offset),
    length: Math.max(0, entry.length),
    message: `${what} at ${entry.path || 'the document'} of ${entry.file} ${gone > 1 ? 'are' : 'is'} no longer found (fixed, or the place changed): the entry only hides a future finding there. Refresh the file with \`${refresh}\`.`,
  };
}
