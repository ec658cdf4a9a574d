// Policy "breaking": changes the team's contract forbids even where Avro resolution still reads the data (one code per kind: a field removed, renamed, retyped, ...).
import { Codes, type DiagnosticCode } from '../codes';
import type { AvroDocument } from '../model/types';
import { diffFields, diffSymbols, isWidening, pairNamedTypes, typeSignature } from './diff';
import { policyMessage, type PolicyFinding } from './report';
import type { BreakingPolicy, BreakingRule } from './types';

export const BREAKING_CODES: Record<BreakingRule, DiagnosticCode> = {
  'field-removed': Codes.PolicyFieldRemoved,
  'field-renamed': Codes.PolicyFieldRenamed,
  'field-type-changed': Codes.PolicyFieldTypeChanged,
  'enum-symbol-removed': Codes.PolicyEnumSymbolRemoved,
  'enum-symbols-reordered': Codes.PolicyEnumSymbolsReordered,
  'aliases-removed': Codes.PolicyAliasesRemoved,
  'name-changed': Codes.PolicyNameChanged,
  'namespace-changed': Codes.PolicyNamespaceChanged,
  'required-field-added': Codes.PolicyRequiredFieldAdded,
};

export interface BreakingChange {
  rule: BreakingRule;
  offset: number;
  length: number;
  /** What changed, for people: 'the field "cost" was removed'. */
  what: string;
}

/** Every breaking change of every kind between the baseline and the document, in document order. */
export function breakingChanges(before: AvroDocument, after: AvroDocument): BreakingChange[] {
  const out: BreakingChange[] = [];
  const add = (rule: BreakingRule, span: { offset: number; length: number } | undefined, what: string): void => {
    if (span) out.push({ rule, offset: span.offset, length: span.length, what });
  };
  for (const { before: o, after: n } of pairNamedTypes(before, after)) {
    const at = n.nameNode ?? n.node;
    if (o.fullname !== n.fullname) {
      if (o.name !== n.name) add('name-changed', at, `the ${n.kind} "${o.fullname}" is now named "${n.name}"`);
      if (o.namespace !== n.namespace) add('namespace-changed', n.namespaceNode ?? at, `the namespace of "${o.name}" changed from "${o.namespace}" to "${n.namespace}"`);
    }
    const gone = o.aliases.filter(a => !n.aliases.some(b => b.fullname === a.fullname));
    if (gone.length) add('aliases-removed', at, `the alias${gone.length > 1 ? 'es' : ''} ${gone.map(a => `"${a.name}"`).join(', ')} of "${n.name}" ${gone.length > 1 ? 'were' : 'was'} removed`);
    if (o.kind === 'record' && n.kind === 'record') {
      const d = diffFields(o, n);
      for (const f of d.removed) add('field-removed', n.fieldsNode ? { offset: n.fieldsNode.offset, length: 1 } : at, `the field "${f.name}" of "${n.name}" was removed`);
      for (const p of d.pairs) {
        const fieldAt = p.after.nameNode ?? p.after.node;
        if (p.renamed) add('field-renamed', fieldAt, `the field "${p.before.name}" of "${n.name}" was renamed to "${p.after.name}"`);
        const was = typeSignature(p.before.type), now = typeSignature(p.after.type);
        if (was !== now && !isWidening(p.before.type, p.after.type)) add('field-type-changed', p.after.typeProperty?.value ?? fieldAt, `the type of "${n.name}.${p.after.name}" changed from ${was} to ${now}`);
        const lost = p.before.aliases.filter(a => !p.after.aliases.some(b => b.name === a.name) && a.name !== p.after.name);
        if (lost.length) add('aliases-removed', fieldAt, `the alias${lost.length > 1 ? 'es' : ''} ${lost.map(a => `"${a.name}"`).join(', ')} of the field "${p.after.name}" ${lost.length > 1 ? 'were' : 'was'} removed`);
      }
      for (const f of d.added) {
        if (!f.defaultProperty) add('required-field-added', f.nameNode ?? f.node, `the field "${f.name}" was added to "${n.name}" without a default`);
      }
    }
    if (o.kind === 'enum' && n.kind === 'enum') {
      const d = diffSymbols(o, n);
      if (d.removed.length) add('enum-symbol-removed', n.symbolsNode ?? at, `the symbol${d.removed.length > 1 ? 's' : ''} ${d.removed.map(s => `"${s}"`).join(', ')} of "${n.name}" ${d.removed.length > 1 ? 'were' : 'was'} removed`);
      if (d.outOfOrder) add('enum-symbols-reordered', d.outOfOrder.node, `the symbols of "${n.name}" changed order at "${d.outOfOrder.name}" (new symbols go at the end, old ones keep their place)`);
    }
  }
  return out.sort((a, b) => a.offset - b.offset);
}

/**
 * The changes the team's rules name, as findings. `avroSpans` are the places of the Avro level
 * check's findings: a change there is rejected by Avro resolution too; elsewhere Avro still reads
 * the data and only the team's contract breaks.
 */
export function breakingFindings(changes: readonly BreakingChange[], policy: BreakingPolicy, avroSpans: ReadonlyArray<{ offset: number; length: number }>): PolicyFinding[] {
  const wanted = new Set(policy.rules);
  const overlaps = (c: BreakingChange): boolean => avroSpans.some(s => s.offset < c.offset + Math.max(c.length, 1) && c.offset < s.offset + Math.max(s.length, 1));
  return changes.filter(c => wanted.has(c.rule)).map(c => ({
    code: BREAKING_CODES[c.rule],
    offset: c.offset,
    length: c.length,
    message: policyMessage(`Policy "breaking" (${c.rule}): ${c.what}. ${overlaps(c) ? 'Avro schema resolution rejects it too (see the compatibility finding here).' : 'Avro schema resolution can still read the data, but the team\'s contract counts it as breaking (a MAJOR change).'}`, policy.reason, policy.origin),
    data: { policy: { rule: `breaking.${c.rule}`, origin: policy.origin } },
  }));
}
