// Paths between document URIs for messages: "common/time-window.avsc" rather than an ambiguous base name.

function segments(uri: string): string[] {
  const clean = uri.replace(/[?#].*$/, '').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '');
  return clean.split('/').filter(s => s !== '').map(s => {
    try {
      return decodeURIComponent(s);
    } catch {
      return s;
    }
  });
}

/** The path of `target` relative to the folder of `from` (both URIs of one scheme), with forward slashes. */
export function relativePathBetween(from: string, target: string): string {
  const a = segments(from).slice(0, -1);
  const b = segments(target);
  if (from.split(':')[0] !== target.split(':')[0]) return b.join('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  const up = a.length - common;
  return [...Array<string>(up).fill('..'), ...b.slice(common)].join('/');
}
