// Avro name rules: names, namespaces and the portable fixes for invalid ones.

/** Why a name is not a valid Avro name. */
export type NameProblem =
  /** The name is the empty string. */
  | { kind: 'empty' }
  /** A character no implementation accepts (a hyphen, a space, a leading digit, ...). */
  | { kind: 'invalid'; index: number; char: string }
  /**
   * Only non-ASCII letters or digits are wrong: Java accepts them (Character.isLetter), the spec
   * ([A-Za-z_][A-Za-z0-9_]*), avsc, Python and the C/C++/Rust implementations do not.
   */
  | { kind: 'non-ascii'; index: number; char: string };

const LETTER = /^\p{L}$/u;
const LETTER_OR_DIGIT = /^[\p{L}\p{Nd}]$/u;

function isAsciiNameStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isAsciiNamePart(c: number): boolean {
  return isAsciiNameStart(c) || (c >= 48 && c <= 57);
}

/** True for a valid ASCII name, `[A-Za-z_][A-Za-z0-9_]*` (the fast path: almost every name). */
export function isPlainName(name: string): boolean {
  const n = name.length;
  if (n === 0 || !isAsciiNameStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < n; i++) if (!isAsciiNamePart(name.charCodeAt(i))) return false;
  return true;
}

/** True for dot-separated valid ASCII names (the fast path, without allocating the parts). */
function isPlainNamespace(namespace: string): boolean {
  let atStart = true;
  for (let i = 0; i < namespace.length; i++) {
    const c = namespace.charCodeAt(i);
    if (c === 46 /* . */) {
      if (atStart) return false;
      atStart = true;
    } else if (atStart ? isAsciiNameStart(c) : isAsciiNamePart(c)) {
      atStart = false;
    } else {
      return false;
    }
  }
  return !atStart;
}

/** Check a simple name (no dots) against `[A-Za-z_][A-Za-z0-9_]*`; undefined when valid. */
export function checkName(name: string): NameProblem | undefined {
  const n = name.length;
  if (n === 0) return { kind: 'empty' };
  // Fast path: plain ASCII names are the norm.
  let i = 0;
  if (isAsciiNameStart(name.charCodeAt(0))) {
    i = 1;
    while (i < n && isAsciiNamePart(name.charCodeAt(i))) i++;
    if (i === n) return undefined;
  }
  // Slow path: find the first offending character and whether Java would accept it.
  let firstNonAscii: { index: number; char: string } | undefined;
  for (let j = i; j < n; j++) {
    const c = name.charCodeAt(j);
    if (j === 0 ? isAsciiNameStart(c) : isAsciiNamePart(c)) continue;
    const ch = name[j];
    const javaAccepts = c > 127 && (j === 0 ? LETTER.test(ch) : LETTER_OR_DIGIT.test(ch));
    if (!javaAccepts) return { kind: 'invalid', index: j, char: codePointAt(name, j) };
    if (!firstNonAscii) firstNonAscii = { index: j, char: ch };
  }
  return firstNonAscii ? { kind: 'non-ascii', ...firstNonAscii } : undefined;
}

function codePointAt(s: string, i: number): string {
  const cp = s.codePointAt(i);
  return cp === undefined ? '' : String.fromCodePoint(cp);
}

/** Describe a character for a message: quoted, or by name when it is invisible. */
export function describeChar(ch: string): string {
  if (ch === ' ') return 'a space';
  if (ch === '\t') return 'a tab';
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 32 || cp === 127 || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) return `the invisible character U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${ch}"`;
}

/** A valid name close to an invalid one ("order-id" -> "order_id", "2fa" -> "_2fa"); undefined for ''. */
export function validNameFor(name: string): string | undefined {
  if (name === '') return undefined;
  // "prénom" -> "prenom": drop the accents first, then replace what is left.
  name = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (name === '') return '_';
  let out = '';
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    out += isAsciiNamePart(c) ? name[i] : '_';
  }
  if (!isAsciiNameStart(out.charCodeAt(0))) out = '_' + out;
  return out;
}

/** Why a namespace is invalid: the first offending part, with its position in the string. */
export interface NamespaceProblem {
  /** Start of the offending part (dot-separated) in the namespace string. */
  start: number;
  end: number;
  part: string;
  problem: NameProblem;
}

/** Check a namespace ('' is the null namespace; otherwise dot-separated names); undefined when valid. */
export function checkNamespace(namespace: string): NamespaceProblem | undefined {
  if (namespace === '' || isPlainNamespace(namespace)) return undefined;
  let start = 0;
  let worst: NamespaceProblem | undefined;
  for (;;) {
    const dot = namespace.indexOf('.', start);
    const end = dot < 0 ? namespace.length : dot;
    const part = namespace.slice(start, end);
    const problem = checkName(part);
    if (problem && problem.kind !== 'non-ascii') return { start, end, part, problem };
    if (problem && !worst) worst = { start, end, part, problem };
    if (dot < 0) return worst;
    start = dot + 1;
  }
}

/** A valid namespace close to an invalid one ("com.my-company" -> "com.my_company"). */
export function validNamespaceFor(namespace: string): string {
  return namespace
    .split('.')
    .filter(p => p !== '')
    .map(p => validNameFor(p) ?? p)
    .join('.');
}
