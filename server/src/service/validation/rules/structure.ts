// Structural problems found while building the model (missing or mistyped attributes, redefinitions).
//
// Redefinitions (AVRO-302): Java 1.11 rejects any second definition of a fullname ("Can't
// redefine"); Java 1.12's ParseContext accepts a second definition equal to the first. So with
// specVersion 1.12 an identical redefinition is a warning (avsc, Python and 1.11 still reject it).
import { Codes, type DiagnosticCode } from '../../codes';
import { identicalDefinitions } from '../../util/definitionSignature';
import type { RuleContext } from '../validate';

export function checkStructure(ctx: RuleContext): void {
  for (const d of ctx.doc.diagnostics) {
    const data = d.data as { first?: { offset: number; length: number }; fullname?: string } | undefined;
    let message = d.message;
    let severity: 'warning' | undefined = d.severity;
    if (d.code === Codes.Redefinition && ctx.settings.specVersion === '1.12' && data?.fullname && isIdenticalRedefinition(ctx, data.fullname, d.offset)) {
      severity = 'warning';
      message = `"${data.fullname}" is defined a second time, identically: Java 1.12 accepts that, but Avro 1.11, avsc and Python reject any redefinition. Replace this definition with the name "${data.fullname}".`;
    }
    ctx.report({
      code: d.code as DiagnosticCode,
      offset: d.offset,
      length: d.length,
      message,
      severity,
      data: d.data,
      related: data?.first ? [{ uri: ctx.doc.uri, offset: data.first.offset, length: data.first.length, message: 'first definition' }] : undefined,
    });
  }
}

function isIdenticalRedefinition(ctx: RuleContext, fullname: string, nameOffset: number): boolean {
  const first = ctx.doc.definitions.get(fullname);
  const second = ctx.doc.namedTypes.find(t => t !== first && t.nameNode?.offset === nameOffset);
  if (!first || !second) return false;
  return identicalDefinitions(ctx.index.signatures, first, ctx.resolve, second, ctx.resolve);
}
