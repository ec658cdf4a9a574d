// How the CLI names a place in a file: `path:line:column`, 1-based (editors, terminals and CI annotations read it), from the service's 0-based positions.
import type { Position } from '../service/text';

/** The 1-based line and column of a 0-based position (columns count UTF-16 code units). */
export function oneBased(p: Position): { line: number; column: number } {
  return { line: p.line + 1, column: p.character + 1 };
}

/** `path:line:column` of a 0-based position. */
export function formatLocation(path: string, p: Position): string {
  const { line, column } = oneBased(p);
  return `${path}:${line}:${column}`;
}
