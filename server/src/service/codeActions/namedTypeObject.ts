// Quick fix for AVRO-223: {"type": "com.acme.Money"} becomes "com.acme.Money", the form every implementation reads.
import { Codes } from '../codes';
import type { NamedTypeInObjectData } from '../validation/rules/namedTypeObjects';
import { rawText } from '../util/spans';
import { replaceNode } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

export const namedTypeObjectFix: QuickFixProvider = {
  codes: [Codes.NamedTypeInObject],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data as NamedTypeInObjectData | undefined;
    if (!data || typeof data.name !== 'string') return [];
    // The reference as the current text has it (the diagnostic may be a few keystrokes old).
    const ref = request.doc.references.find(r => r.node.kind === 'object' && r.node.offset === diagnostic.offset && r.node.length === diagnostic.length && r.name === data.name);
    if (!ref) return [];
    const name = rawText(ref.nameNode, request.doc.text);
    return [{
      title: `Write the name as a string: ${name}`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: request.doc.uri, edits: [replaceNode(ref.node, name)] }],
    }];
  },
};
