// Edit distance and "did you mean" ranking, shared by the rules that suggest a spelling.

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "feilds" is one
 * edit from "fields"). Returns `max + 1` as soon as the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (n === 0) return m;
  if (m === 0) return n;
  // Three rolling rows (two back for transpositions) in one reused buffer: no allocation per call.
  if (rows.length < 3 * (m + 1)) rows = new Int32Array(3 * (m + 1) * 2);
  let prev2 = 0;
  let prev = m + 1;
  let cur = 2 * (m + 1);
  for (let j = 0; j <= m; j++) rows[prev + j] = j;
  for (let i = 1; i <= n; i++) {
    rows[cur] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let d = Math.min(rows[prev + j] + 1, rows[cur + j - 1] + 1, rows[prev + j - 1] + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) d = Math.min(d, rows[prev2 + j - 2] + 1);
      rows[cur + j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return rows[prev + m];
}

let rows = new Int32Array(3 * 64);

/**
 * The largest distance at which `word` still reads as a misspelling of a candidate of this length:
 * one edit for short words, two from seven characters, a third of the length beyond that.
 */
export function typoBudget(length: number): number {
  if (length <= 2) return 0;
  if (length <= 6) return 1;
  return Math.max(2, Math.floor(length / 4));
}

export interface Suggestion {
  /** The candidate as it should be written. */
  value: string;
  /** Edit distance from the word (case differences count as 0.5, so "money" ranks "Money" first). */
  distance: number;
}

export interface SuggestOptions {
  /** Maximum number of suggestions (default 3). */
  limit?: number;
  /** Accept a candidate at this distance at most (default: typoBudget of the longer string). */
  maxDistance?: number;
  /** Accept a candidate that starts with the word (e.g. "desc" -> "descending"), at this minimum word length. */
  prefixMinLength?: number;
  /** Keep only candidates at most this much farther than the best one (default: no such limit). */
  withinBest?: number;
}

/**
 * Rank candidates by how likely `word` is a misspelling of them: exact case-insensitive matches
 * first, then by edit distance, then by length difference and alphabetically (stable results).
 */
export function suggest(word: string, candidates: Iterable<string>, options: SuggestOptions = {}): Suggestion[] {
  const limit = options.limit ?? 3;
  const lower = word.toLowerCase();
  const found: Suggestion[] = [];
  const seen = new Set<string>();
  for (const candidate of candidates) {
    if (candidate === word || seen.has(candidate)) continue;
    seen.add(candidate);
    const candidateLower = candidate.toLowerCase();
    let distance: number;
    if (candidateLower === lower) {
      distance = 0.5;
    } else {
      const budget = options.maxDistance ?? typoBudget(Math.max(word.length, candidate.length));
      const d = editDistance(lower, candidateLower, budget);
      if (d <= budget) distance = d + (editDistance(word, candidate, d) > d ? 0.25 : 0); // case slips rank after exact-case ones
      else if (options.prefixMinLength !== undefined && word.length >= options.prefixMinLength && candidateLower.startsWith(lower)) distance = budget + 0.5;
      else continue;
    }
    found.push({ value: candidate, distance });
  }
  found.sort((x, y) => x.distance - y.distance || Math.abs(x.value.length - word.length) - Math.abs(y.value.length - word.length) || (x.value < y.value ? -1 : x.value > y.value ? 1 : 0));
  if (options.withinBest !== undefined && found.length) {
    const cutoff = found[0].distance + options.withinBest;
    return found.filter(f => f.distance <= cutoff).slice(0, limit);
  }
  return found.slice(0, limit);
}

/** "did you mean "a" or "b"?" for a message, or '' when there is nothing to propose. */
export function didYouMean(values: readonly string[]): string {
  if (values.length === 0) return '';
  const quoted = values.map(v => `"${v}"`);
  if (quoted.length === 1) return `did you mean ${quoted[0]}?`;
  return `did you mean ${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}?`;
}
