// Messages quote names, symbols and values from the user's text: no control or bidi character may reach a message raw.

/**
 * C0 controls, DEL, C1 controls, the line and paragraph separators, and the bidirectional marks,
 * embeddings, overrides and isolates (a raw U+202E reverses the rest of a line in a terminal or an
 * editor; a raw ESC starts a terminal escape sequence).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `s` with every unsafe character written as a \uXXXX escape (as JSON writes it); other text unchanged. */
export function escapeControlCharacters(s: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(s)) return s;
  UNSAFE.lastIndex = 0;
  return s.replace(UNSAFE, c => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
