// Quick fixes that write the spelling a rule suggests for a misspelt value: AVRO-234 (an unknown logical type close to a standard one), AVRO-208 (a field order).
import { Codes } from '../codes';
import type { UnknownLogicalTypeData } from '../validation/rules/logicalTypes';
import type { OrderData } from '../validation/rules/order';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

/** The spellings to offer, when the diagnostic still spans the written value (between its quotes). */
function suggestionsOf(request: CodeActionRequest, diagnostic: DiagnosticRef): string[] {
  const written = request.doc.text.substr(diagnostic.offset, diagnostic.length);
  if (diagnostic.code === Codes.UnknownLogicalType) {
    const d = diagnostic.data as UnknownLogicalTypeData | undefined;
    if (!d || !Array.isArray(d.suggestions) || JSON.stringify(d.logicalType) !== `"${written}"`) return [];
    return d.suggestions.filter((s): s is string => typeof s === 'string');
  }
  const d = diagnostic.data as OrderData | undefined;
  if (!d || typeof d.suggestion !== 'string' || JSON.stringify(d.written) !== `"${written}"`) return [];
  return [d.suggestion];
}

export const spellingFix: QuickFixProvider = {
  codes: [Codes.UnknownLogicalType, Codes.InvalidOrder],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const suggestions = suggestionsOf(request, diagnostic);
    return suggestions.map(s => ({
      title: `Change to "${s}"`,
      kind: 'quickfix',
      isPreferred: suggestions.length === 1,
      edits: [{ uri: request.doc.uri, edits: [{ offset: diagnostic.offset, length: diagnostic.length, newText: s }] }],
    }));
  },
};
