// Rewrites of a schema pair that remove one documented python3-avro divergence without changing Java's verdict.
//
// Used to classify a disagreement: if python agrees with us once a rewrite is applied, the
// disagreement is that divergence. Rewrites edit the text at nodes found with our own model.
import { parseAvroDocument } from '../../server/src/service/model/builder';
import type { AvroDocument, NamedSchema } from '../../server/src/service/model/types';
import type { Incompatibility } from '../../server/src/service/compatibility/types';

export type Divergence = 'raw-names' | 'unqualified-aliases' | 'ambiguous-field';

export const DIVERGENCES: Readonly<Record<Divergence, string>> = {
  'raw-names': 'python3-avro compares the raw "name" attributes ("ns.R" vs "R"), Java the unqualified names',
  'unqualified-aliases': 'python3-avro compares the writer fullname with the aliases as written, Java qualifies them with the reader namespace',
  'ambiguous-field': 'python3-avro takes the first writer field a reader field matches, Java fails when it matches several (name and alias)',
};

interface Edit {
  offset: number;
  length: number;
  text: string;
}

function apply(text: string, edits: Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.offset - a.offset)) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/** Dotted names become a simple name plus "namespace" (same fullname: Java's names are unchanged). */
function simpleNames(doc: AvroDocument): Edit[] {
  const edits: Edit[] = [];
  for (const t of doc.namedTypes) {
    if (!t.nameNode || !t.nameNode.value.includes('.') || !t.namespace) continue;
    if (t.namespaceNode) {
      edits.push({ offset: t.nameNode.offset, length: t.nameNode.length, text: JSON.stringify(t.name) });
      edits.push({ offset: t.namespaceNode.offset, length: t.namespaceNode.length, text: JSON.stringify(t.namespace) });
    } else {
      edits.push({ offset: t.nameNode.offset, length: t.nameNode.length, text: `${JSON.stringify(t.name)}, "namespace": ${JSON.stringify(t.namespace)}` });
    }
  }
  return edits;
}

/** Aliases of named types written as the fullnames Java makes of them. */
function qualifiedAliases(doc: AvroDocument): Edit[] {
  const edits: Edit[] = [];
  const qualify = (t: NamedSchema): void => {
    for (const a of t.aliases) {
      if (a.name.includes('.') || !t.namespace) continue;
      edits.push({ offset: a.node.offset, length: a.node.length, text: JSON.stringify(`${t.namespace}.${a.name}`) });
    }
  };
  doc.namedTypes.forEach(qualify);
  return edits;
}

/** The field aliases that make a reader field match several writer fields, replaced by names that match nothing. */
function unambiguousFields(doc: AvroDocument, incompatibilities: readonly Incompatibility[]): Edit[] {
  const edits: Edit[] = [];
  let n = 0;
  for (const inc of incompatibilities) {
    if (inc.data.kind !== 'ambiguous-field') continue;
    const field = doc.fields.find(f => f.nameNode && f.nameNode.offset === inc.readerSpan.offset);
    if (!field) continue;
    const viaAlias = new Set(inc.data.matches.filter(m => m.via === 'alias').map(m => m.alias));
    for (const a of field.aliases) if (viaAlias.has(a.name)) edits.push({ offset: a.node.offset, length: a.node.length, text: JSON.stringify(`unmatched_alias_${n++}`) });
  }
  return edits;
}

/**
 * Apply rewrites to the reader and writer texts. `incompatibilities` are ours for the original pair
 * (they locate the ambiguous reader fields).
 */
export function normalizePair(
  readerText: string,
  writerText: string,
  which: readonly Divergence[],
  incompatibilities: readonly Incompatibility[],
): { reader: string; writer: string } {
  const reader = parseAvroDocument('inmemory:///reader.avsc', readerText);
  const writer = parseAvroDocument('inmemory:///writer.avsc', writerText);
  const readerEdits: Edit[] = [];
  const writerEdits: Edit[] = [];
  if (which.includes('raw-names')) {
    readerEdits.push(...simpleNames(reader));
    writerEdits.push(...simpleNames(writer));
  }
  if (which.includes('unqualified-aliases')) readerEdits.push(...qualifiedAliases(reader));
  if (which.includes('ambiguous-field')) readerEdits.push(...unambiguousFields(reader, incompatibilities));
  return { reader: apply(readerText, readerEdits), writer: apply(writerText, writerEdits) };
}
