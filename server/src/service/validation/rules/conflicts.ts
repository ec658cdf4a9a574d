// One fullname defined differently in two files: an error inside a compilation unit, a note otherwise.
//
// Files compiled together (a declared unit of avro-studio.json) share one parser: two different
// definitions there are Java's "Can't redefine" (AVRO-312, error). Files that are never parsed
// together may define a fullname differently: versions kept side by side, one-file test fixtures,
// modules of one repository. That is legal, and at most worth an information note while editing
// (AVRO-306, off on the command line by default): references resolve to the nearest definition,
// and AVRO-311 warns where that choice is ambiguous. Identical copies (util/definitionSignature:
// canonical form plus defaults, aliases, order, enum default and logical types; documentation may
// differ) are one type and get nothing.
import { Codes } from '../../codes';
import type { NamedSchema } from '../../model/types';
import type { TypeDefinition } from '../../model/summary';
import { definitionKey, definitionSignature, firstDifference, type SignatureEntry } from '../../util/definitionSignature';
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
    const inUnit: Differing[] = [];
    const apart: Differing[] = [];
    let mineKey: string | undefined;
    // Fullnames are all a signature reads of its references: no model of another file is built.
    const resolveMine = index.nameResolver(doc);
    for (const other of all) {
      if (other.uri === doc.uri) continue;
      // The other file's signature from the index (kept for summarized files: no model is built
      // while copies are identical, the common case).
      const otherKey = index.signatureKey(other);
      if (otherKey === undefined) continue;
      mineKey ??= definitionKey(index.signatures, schema, resolveMine);
      if (mineKey === otherKey) continue;
      const otherSchema = index.schemaOf(other);
      const otherDoc = otherSchema && index.get(other.uri);
      if (!otherSchema || !otherDoc) continue;
      mine ??= definitionSignature(index.signatures, schema, resolveMine);
      const difference = firstDifference(mine, definitionSignature(index.signatures, otherSchema, index.nameResolver(otherDoc)));
      if (!difference) continue;
      const unit = index.sharedUnit(doc.uri, other.uri);
      (unit ? inUnit : apart).push({ other, difference, unit: unit?.label });
    }
    if (inUnit.length) report(ctx, schema, inUnit, true);
    else if (apart.length) report(ctx, schema, apart, false);
  }
}

interface Differing {
  other: TypeDefinition;
  difference: NonNullable<ReturnType<typeof firstDifference>>;
  /** The declared unit both files are compiled in. */
  unit?: string;
}

function report(ctx: RuleContext, schema: NamedSchema, differing: Differing[], inUnit: boolean): void {
  const { doc } = ctx;
  const first = differing[0];
  const where = relativePathBetween(doc.uri, first.other.uri);
  const more = differing.length > 1 ? ` (and ${differing.length - 1} other file${differing.length > 2 ? 's' : ''})` : '';
  const data: ConflictingDefinitionData = { fullname: schema.fullname, others: differing.map(d => d.other.uri) };
  const node = schema.nameNode!;
  ctx.report({
    code: inUnit ? Codes.UnitRedefinition : Codes.ConflictingDefinition,
    ...stringContent(node, doc.text),
    message: inUnit
      ? `"${schema.fullname}" is also defined in ${where}${more}, differently: ${describe(first.difference, where)}. Both files are compiled in the unit ${first.unit} of avro-studio.json, where Java fails with "Can't redefine: ${schema.fullname}": make the definitions identical, rename one, or compile them apart.`
      : `"${schema.fullname}" is also defined in ${where}${more}, differently: ${describe(first.difference, where)}. That is fine while the files are never compiled together (versions side by side, fixtures, separate modules); references resolve to the nearest definition.`,
    related: differing.map(d => {
      const at = d.other.nameNode ?? d.other.node;
      return { uri: d.other.uri, offset: at.offset, length: at.length, message: `other definition of "${schema.fullname}": ${describe(d.difference, relativePathBetween(doc.uri, d.other.uri))}` };
    }),
    data,
  });
}

function describe(d: { label: string; a: string | undefined; b: string | undefined }, where: string): string {
  return `${d.label} differ${d.label.startsWith('the aliases') || d.label.startsWith('the fields') || d.label.startsWith('the symbols') ? '' : 's'} (${d.a ?? 'none'} here, ${d.b ?? 'none'} in ${where})`;
}
