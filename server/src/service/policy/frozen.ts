// Policy "frozen": a frozen schema (by path glob or fullname) may change only in "doc"; anything else needs the team's migration plan.
import { Codes } from '../codes';
import type { AvroDocument } from '../model/types';
import { firstDifference, firstDifferenceIn } from './diff';
import { policyMessage, type PolicyFinding } from './report';
import type { FrozenPolicy } from './types';

/** The frozen entry that names this document (its path or one of its named types, now or in the baseline). */
export function frozenEntryFor(doc: AvroDocument, baseline: AvroDocument | undefined, entries: readonly FrozenPolicy[]): FrozenPolicy | undefined {
  const names = new Set([...doc.namedTypes, ...(baseline?.namedTypes ?? [])].map(t => t.fullname));
  return entries.find(e => e.fileMatched || e.fullnames.some(n => names.has(n)));
}

export function frozenFindings(doc: AvroDocument, baseline: AvroDocument, entry: FrozenPolicy, versionField: string | undefined): PolicyFinding[] {
  const ignore = { doc: true, versionField };
  let at: ReturnType<typeof firstDifference>;
  let frozenName: string | undefined;
  if (entry.fileMatched) at = firstDifference(baseline, doc, ignore);
  else {
    // Frozen by fullname: only that type's definition counts (the file may hold others).
    for (const name of entry.fullnames) {
      const now = doc.definitions.get(name);
      const before = baseline.definitions.get(name);
      if (!before) continue;
      at = now ? firstDifferenceIn(before.node, now.node, ignore) : undefined;
      if (!now) at = doc.json.root;
      if (at) {
        frozenName = name;
        break;
      }
    }
  }
  if (!at) return [];
  const span = at.kind === 'property' ? at.key : at;
  const plan = entry.migrationPlan ? ` Write a migration plan in ${entry.migrationPlan} and create a new schema (e.g. a V2) instead of changing this one.` : ' Changing it needs a migration plan: create a new schema (e.g. a V2) instead.';
  const name = frozenName ? `"${frozenName}"` : doc.root && 'fullname' in doc.root ? `"${doc.root.fullname}"` : 'this schema';
  return [{
    code: Codes.PolicyFrozenChanged,
    offset: span.offset,
    length: span.length,
    message: policyMessage(`Policy "frozen": ${name} is frozen; only "doc" may change, and this changed since the baseline.${plan}`, entry.reason, entry.origin),
    data: { policy: { rule: 'frozen', origin: entry.origin } },
  }];
}
