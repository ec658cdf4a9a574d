// Quick fix for AVRO-242 (a near miss of an attribute, "namspace"): rename the key to the attribute it misspells.
import { Codes } from '../codes';
import type { AttributeTypoData } from '../validation/rules/typos';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

function isTypoData(data: unknown): data is AttributeTypoData {
  const d = data as AttributeTypoData | undefined;
  return !!d && typeof d.key === 'string' && typeof d.expected === 'string';
}

export const attributeTypoFix: QuickFixProvider = {
  codes: [Codes.AttributeTypo],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isTypoData(data)) return [];
    // The diagnostic spans the key's characters between its quotes; a stale one is left alone.
    const written = request.doc.text.substr(diagnostic.offset, diagnostic.length);
    if (JSON.stringify(data.key) !== `"${written}"`) return [];
    return [{
      title: `Rename "${data.key}" to "${data.expected}"`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: request.doc.uri, edits: [{ offset: diagnostic.offset, length: diagnostic.length, newText: data.expected }] }],
    }];
  },
};
