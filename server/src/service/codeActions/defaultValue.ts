// Quick fixes for AVRO-220 on a default written as a string when the type wants a number, a boolean or null: write the value without quotes.
import { Codes } from '../codes';
import { defaultTarget } from './defaultTarget';
import { replaceNode } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

/** The JSON literal a string default stands for, when it fits the primitive type unquoted. */
function unquoted(type: string, s: string): string | undefined {
  const t = s.trim();
  switch (type) {
    case 'int':
    case 'long':
      return /^-?(0|[1-9]\d*)$/.test(t) ? t : undefined;
    case 'float':
    case 'double':
      return /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(t) ? t : undefined;
    case 'boolean':
      return t === 'true' || t === 'false' ? t : undefined;
    case 'null':
      return t === 'null' ? t : undefined;
    default:
      return undefined;
  }
}

export const defaultValueFix: QuickFixProvider = {
  codes: [Codes.InvalidDefault],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const target = defaultTarget(request, diagnostic);
    if (!target || target.value.kind !== 'string') return [];
    // Java's reading of a float/double string default, given by the rule.
    let literal = target.data.number;
    if (literal === undefined && target.schema?.kind === 'primitive') literal = unquoted(target.schema.type, target.value.value);
    if (literal === undefined) return [];
    return [{
      title: `Write ${literal} without quotes`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: request.doc.uri, edits: [replaceNode(target.value, literal)] }],
    }];
  },
};
