// Applying offset edits to a text, and the one edit that turns a text into another (for tests, code actions and the formatter).
import type { TextEdit } from '../codeActions/types';

/** Apply non-overlapping edits (in any order) to a text. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  const out: string[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.offset < at) throw new Error(`overlapping edits at offset ${e.offset}`);
    out.push(text.slice(at, e.offset), e.newText);
    at = e.offset + e.length;
  }
  out.push(text.slice(at));
  return out.join('');
}

/** The single edit that turns `before` into `after` (the differing middle, after the common prefix and suffix). */
export function replacementEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let prefix = 0;
  const max = Math.min(before.length, after.length);
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < max - prefix && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  // Never split a CRLF pair or a surrogate pair between the kept and the replaced text.
  while (prefix > 0 && isSecondHalf(before, prefix)) prefix--;
  while (suffix > 0 && isSecondHalf(before, before.length - suffix)) suffix--;
  return { offset: prefix, length: before.length - prefix - suffix, newText: after.slice(prefix, after.length - suffix) };
}

function isSecondHalf(text: string, at: number): boolean {
  const prev = text.charCodeAt(at - 1);
  const cur = text.charCodeAt(at);
  return (prev === 13 && cur === 10) || (prev >= 0xd800 && prev <= 0xdbff && cur >= 0xdc00 && cur <= 0xdfff);
}
