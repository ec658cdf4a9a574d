// Structural problems found while building the model (missing or mistyped attributes, redefinitions).
import type { DiagnosticCode } from '../../codes';
import type { RuleContext } from '../validate';

export function checkStructure(ctx: RuleContext): void {
  for (const d of ctx.doc.diagnostics) {
    const data = d.data as { first?: { offset: number; length: number } } | undefined;
    ctx.report({
      code: d.code as DiagnosticCode,
      offset: d.offset,
      length: d.length,
      message: d.message,
      data: d.data,
      related: data?.first ? [{ uri: ctx.doc.uri, offset: data.first.offset, length: data.first.length, message: 'first definition' }] : undefined,
    });
  }
}
