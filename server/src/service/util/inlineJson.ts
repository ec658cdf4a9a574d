// A JSON value written elsewhere, as inline text (for putting a default from one place into another).
import { createScanner } from 'jsonc-parser';
import type { JsonValue } from '../parser/json';

/**
 * A JSON value's text on one line (comments dropped, a space after ':' and ','), keeping every
 * literal exactly as written (long integers beyond 2^53 stay exact). For putting a default written
 * elsewhere into an inline value.
 */
export function inlineJson(text: string, node: JsonValue): string {
  const scanner = createScanner(text.slice(node.offset, node.offset + node.length), true);
  let out = '';
  for (let kind = scanner.scan(); kind !== 17 /* EOF */; kind = scanner.scan()) {
    if (kind === 12 || kind === 13 /* comments */) continue;
    const token = scanner.getTokenValue();
    const raw = kind === 10 /* string */ ? textOfToken(scanner) : token;
    out += raw;
    if (kind === 6 /* colon */ || kind === 5 /* comma */) out += ' ';
  }
  return out;

  function textOfToken(s: ReturnType<typeof createScanner>): string {
    const start = s.getTokenOffset();
    return text.slice(node.offset, node.offset + node.length).slice(start, start + s.getTokenLength());
  }
}
