// Quick fix for AVRO-108: the file becomes the schema its Schema Registry request body holds, unescaped and formatted.
import { Codes } from '../codes';
import { formatText } from '../format';
import { payloadSchemaText } from '../util/envelope';
import type { RegistryPayloadData } from '../validation/rules/envelope';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

export const registryPayloadFix: QuickFixProvider = {
  codes: [Codes.RegistryPayloadNotSchema],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data as RegistryPayloadData | undefined;
    const envelope = request.doc.envelope;
    if (!data?.fixable || envelope?.kind !== 'registry-payload') return [];
    const inner = payloadSchemaText(request.doc.text, envelope.schemaProperty);
    if (inner === undefined) return [];
    try {
      JSON.parse(inner);
    } catch {
      return [];
    }
    const { tabSize, insertSpaces, eol } = request.formatting;
    const eolText = eol === '\r\n' ? '\r\n' : '\n';
    let schema = formatText(inner.trim(), { tabSize, insertSpaces, eol: eolText, insertFinalNewline: true });
    if (!schema.endsWith(eolText)) schema += eolText;
    return [{
      title: 'Replace the file with the schema it holds (unescaped)',
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: request.doc.uri, edits: [{ offset: 0, length: request.doc.text.length, newText: schema }] }],
    }];
  },
};
