// Workspace conflicts: one fullname defined differently in two files (identical inlined copies are fine).
//
// Teams that do not use registry references inline a shared type (Money, Address) in every event
// schema. That is fine while the copies agree; once they drift, consumers see two different types
// under one name. "Agree" is decided by util/definitionSignature (canonical form plus defaults,
// aliases, order, enum default and logical types; documentation may differ). Each file reports
// its own definition, with the differing definitions elsewhere as related information.
import { Codes } from '../../codes';
import type { NamedSchema } from '../../model/types';
import { resolverFor } from '../../model/schemaIndex';
import { definitionSignature, firstDifference, identicalDefinitions, type SignatureEntry } from '../../util/definitionSignature';
import { stringContent } from '../../util/spans';
import type { RuleContext } from '../validate';
import { relativePathBetween } from '../../util/uris';

/** `data` of AVRO-306: the fullname and the URIs of the definitions that differ from this one. */
export interface ConflictingDefinitionData {
  fullname: string;
  others: string[];
}

export function checkConflicts(ctx: RuleContext): void {
  const { doc, index } = ctx;
  for (const schema of doc.definitions.values()) {
    const all = index.definitionsOf(schema.fullname);
    if (all.length < 2) continue; // the common case: defined once in the workspace
    let mine: SignatureEntry[] | undefined;
    const differing: Array<{ other: NamedSchema; difference: NonNullable<ReturnType<typeof firstDifference>> }> = [];
    for (const other of all) {
      if (other.uri === doc.uri) continue;
      const otherDoc = index.get(other.uri);
      if (!otherDoc) continue;
      const resolveOther = resolverFor(index, otherDoc);
      if (identicalDefinitions(schema, ctx.resolve, other, resolveOther)) continue;
      mine ??= definitionSignature(schema, ctx.resolve);
      const difference = firstDifference(mine, definitionSignature(other, resolveOther));
      if (difference) differing.push({ other, difference });
    }
    if (differing.length === 0) continue;
    const first = differing[0];
    const where = relativePathBetween(doc.uri, first.other.uri);
    const more = differing.length > 1 ? ` (and ${differing.length - 1} other file${differing.length > 2 ? 's' : ''})` : '';
    const data: ConflictingDefinitionData = { fullname: schema.fullname, others: differing.map(d => d.other.uri) };
    const node = schema.nameNode!;
    ctx.report({
      code: Codes.ConflictingDefinition,
      ...stringContent(node, doc.text),
      message: `"${schema.fullname}" is also defined in ${where}${more}, differently: ${describe(first.difference, where)}. Consumers would see two different types under one name: make the definitions identical, or rename one.`,
      related: differing.map(d => {
        const at = d.other.nameNode ?? d.other.node;
        return { uri: d.other.uri, offset: at.offset, length: at.length, message: `other definition of "${schema.fullname}": ${describe(d.difference, relativePathBetween(doc.uri, d.other.uri))}` };
      }),
      data,
    });
  }
}

function describe(d: { label: string; a: string | undefined; b: string | undefined }, where: string): string {
  return `${d.label} differ${d.label.startsWith('the aliases') || d.label.startsWith('the fields') || d.label.startsWith('the symbols') ? '' : 's'} (${d.a ?? 'none'} here, ${d.b ?? 'none'} in ${where})`;
}
