// The indentation and line breaks a document already uses, for edits that insert new lines (code actions, new files).
//
// VS Code detects each file's indentation (editor.detectIndentation, on by default) and the
// codeAction request does not say what it found, so the service detects it the same way, from the
// text: tabs or spaces by majority, the size by the most common step between successive lines.

export interface Indentation {
  tabSize: number;
  insertSpaces: boolean;
}

/** At most this many lines are looked at (the start of a file is representative). */
const MAX_LINES = 2000;

/** The document's indentation, or `fallback` when it has no indented line. */
export function detectIndentation(text: string, fallback: Indentation = { tabSize: 2, insertSpaces: true }): Indentation {
  let tabs = 0;
  let spaces = 0;
  const steps = new Map<number, number>();
  let previous = 0;
  let lines = 0;
  let i = 0;
  const n = text.length;
  while (i < n && lines < MAX_LINES) {
    let width = 0;
    let sawTab = false;
    let sawSpace = false;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c === 32) {
        sawSpace = true;
        width++;
      } else if (c === 9) {
        sawTab = true;
        width += 4;
      } else {
        break;
      }
      i++;
    }
    const blank = i >= n || text.charCodeAt(i) === 10 || text.charCodeAt(i) === 13;
    if (!blank) {
      if (sawTab) tabs++;
      else if (sawSpace) spaces++;
      if (!sawTab && width > previous) {
        const step = width - previous;
        if (step <= 8) steps.set(step, (steps.get(step) ?? 0) + 1);
      }
      previous = sawTab ? previous : width;
    }
    while (i < n && text.charCodeAt(i) !== 10) i++;
    i++;
    lines++;
  }
  if (tabs === 0 && spaces === 0) return fallback;
  if (tabs > spaces) return { tabSize: fallback.tabSize, insertSpaces: false };
  let best = fallback.insertSpaces ? fallback.tabSize : 2;
  let bestCount = 0;
  for (const [step, count] of steps) {
    if (count > bestCount || (count === bestCount && step < best)) {
      best = step;
      bestCount = count;
    }
  }
  return { tabSize: best, insertSpaces: true };
}

/** The line break a document uses (its first one), '\n' when it has none. */
export function detectEol(text: string): '\n' | '\r\n' {
  const i = text.indexOf('\n');
  return i > 0 && text.charCodeAt(i - 1) === 13 ? '\r\n' : '\n';
}

/** One level of indentation as text. */
export function indentUnit(indentation: Indentation): string {
  return indentation.insertSpaces ? ' '.repeat(Math.max(1, indentation.tabSize)) : '\t';
}
