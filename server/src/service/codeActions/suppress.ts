// "Ignore AVRO-xxx here…": a quick fix for any finding that inserts `// avro-studio-ignore AVRO-xxx: ` above its line; the reason is still to be typed (AVRO-681 until it is).
import { CODE_INFO, Codes, type DiagnosticCode } from '../codes';
import { SUPPRESSION_DIRECTIVE } from '../suppression/inline';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef } from './types';

/** Codes a comment cannot sensibly suppress: JSON syntax (the comment would sit in broken JSON), states of a check, the suppression codes themselves. */
function suppressible(code: DiagnosticCode): boolean {
  if (/^AVRO-1\d\d$/.test(code)) return false;
  if (CODE_INFO[code].noSeveritySetting) return false;
  return ![Codes.UnusedSuppression, Codes.InvalidSuppression, Codes.StaleIgnore, Codes.StaleAcceptedFinding].includes(code as never);
}

/**
 * "Ignore AVRO-xxx here…" for each suppressible diagnostic of the request, after every fix (the
 * language server appends them to getCodeActions' list, so the fixes of each code stay what the
 * fixture tests pin down).
 */
export function suppressionActions(request: Pick<CodeActionRequest, 'doc' | 'diagnostics' | 'formatting'>, only?: readonly string[]): AvroCodeAction[] {
  if (only && only.length && !only.some(o => o === 'quickfix' || 'quickfix'.startsWith(o + '.'))) return [];
  const text = request.doc.text;
  const out: AvroCodeAction[] = [];
  request.diagnostics.forEach((diagnostic: DiagnosticRef, i) => {
    if (!suppressible(diagnostic.code)) return;
    const lineStart = text.lastIndexOf('\n', Math.max(0, diagnostic.offset - 1)) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    out.push({
      title: `Ignore ${diagnostic.code} here… (then write the reason after the colon)`,
      kind: 'quickfix',
      edits: [{ uri: request.doc.uri, edits: [{ offset: lineStart, length: 0, newText: `${indent}// ${SUPPRESSION_DIRECTIVE} ${diagnostic.code}: ${request.formatting.eol}` }] }],
      fixes: i,
    });
  });
  return out;
}
