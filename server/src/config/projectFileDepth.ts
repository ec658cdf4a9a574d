// How deep avro-studio.json may nest: one limit for the server, the CLI and the client (which reads the registry section itself).
import { createScanner, SyntaxKind } from 'jsonc-parser';

/**
 * How deep a project file may nest objects and arrays. Its deepest setting sits 4 levels down
 * ("schemas"[i].compatibility.level); a deeper file is not a project file, and parsing one nested
 * thousands of levels deep would overflow the stack.
 */
export const MAX_PROJECT_FILE_DEPTH = 64;

/** The offset of the first bracket nested deeper than `max`, or undefined. Iterative: any depth is fine. */
export function tooDeepAt(text: string, max: number): number | undefined {
  const scanner = createScanner(text, true);
  let depth = 0;
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.OpenBraceToken || kind === SyntaxKind.OpenBracketToken) {
      if (++depth > max) return scanner.getTokenOffset();
    } else if (kind === SyntaxKind.CloseBraceToken || kind === SyntaxKind.CloseBracketToken) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}
