// What reaches the terminal: control characters and bidi overrides from schemas, file names or a server shown as \u001b-style escapes, never raw.
//
// A schema's type name "\u001b]0;PWNED\u0007\u001b[2J" printed raw sets the terminal's title and
// clears the screen; U+202E reverses the text that follows it, so a line can read differently from
// what it says. Every output format escapes the strings it did not write itself (escapeControl);
// runCli also passes stdout and stderr through guardStream, so nothing a renderer missed gets
// through either: the only escape sequences left are the colours the text format writes itself.
import type { OutputStream } from './io';

/**
 * C0 controls but tab, DEL, C1 controls, the line and paragraph separators (U+2028, U+2029) and the
 * bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069).
 */
const UNSAFE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
/** The same, but newline stays (it separates the lines of an output); the colours we write (SGR: ESC [ digits m) are kept whole. */
const UNSAFE_IN_OUTPUT = /\u001b\[[0-9;]*m|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const ANY_UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

function escapeChar(c: string): string {
  return '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0');
}

/**
 * A string from a schema, a file name or a server, safe inside one line of output: every control
 * character (newline and carriage return included; tab kept) and every bidi control becomes a
 * visible escape such as \u001b. The same escape is valid inside a JSON string, with the same
 * meaning. `keep`: control characters that stay because the caller's structure needs them (the
 * line breaks of a multi-line XML body: "\n\r").
 */
export function escapeControl(text: string, keep = ''): string {
  return text.replace(UNSAFE, c => (keep.includes(c) ? c : escapeChar(c)));
}

/** Whole output (lines): as escapeControl, but newlines stay, and so do colour sequences (ESC [ ... m). */
export function escapeOutput(text: string): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE_IN_OUTPUT, m => (m.length > 1 ? m : escapeChar(m)));
}

/**
 * JSON text whose strings hold no raw control or bidi character: JSON.stringify escapes C0 itself,
 * not DEL, C1, U+2028/U+2029 or the bidi controls; those can only occur inside strings, where
 * \uXXXX means the same character. So the document parses to the same value.
 */
export function stringifyJson(value: unknown, indent?: number): string {
  return escapeOutput(JSON.stringify(value, null, indent));
}

/** A stream that writes every text through escapeOutput (stdout and stderr of every command). */
export function guardStream(stream: OutputStream): OutputStream {
  return {
    write: (text: string) => stream.write(escapeOutput(text)),
    get isTTY() {
      return stream.isTTY;
    },
  };
}
