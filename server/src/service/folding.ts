// Folding ranges: objects and arrays that span lines, block comments, and // #region ... // #endregion markers.
import type { JsonComment, JsonParseResult, JsonValue } from './parser/json';
import type { LineIndex } from './text';

export interface AvroFoldingRange {
  /** Zero-based line that stays visible (the line of the opening bracket, the comment's first line). */
  startLine: number;
  /** Zero-based last line hidden. */
  endLine: number;
  kind?: 'comment' | 'region';
}

interface Candidate extends AvroFoldingRange {
  /** Nesting depth (objects and arrays inside objects and arrays), to keep the outer ranges under a limit. */
  level: number;
}

const REGION_START = /^\/\/\s*#region\b/;
const REGION_END = /^\/\/\s*#endregion\b/;

/**
 * Folding ranges of a parsed document, sorted by start line, at most one per start line (the
 * outermost: on `"fields": [{` the fold hides the whole array). A closed object or array folds
 * the lines between its brackets, leaving the closing one visible; an unclosed one (half-typed)
 * folds to its last line of content. With `rangeLimit`, the outermost ranges are kept.
 */
export function foldingRanges(json: JsonParseResult, text: string, lines: LineIndex, rangeLimit?: number): AvroFoldingRange[] {
  const candidates: Candidate[] = [];
  if (json.root) containers(json.root, lines, candidates);
  comments(json.comments, text, lines, candidates);
  candidates.sort((a, b) => a.startLine - b.startLine || a.level - b.level || b.endLine - a.endLine);
  const byStart: Candidate[] = [];
  for (const c of candidates) if (byStart.length === 0 || byStart[byStart.length - 1].startLine !== c.startLine) byStart.push(c);
  const kept = rangeLimit !== undefined && byStart.length > rangeLimit ? outermost(byStart, rangeLimit) : byStart;
  return kept.map(c => (c.kind ? { startLine: c.startLine, endLine: c.endLine, kind: c.kind } : { startLine: c.startLine, endLine: c.endLine }));
}

function containers(root: JsonValue, lines: LineIndex, out: Candidate[]): void {
  // Iterative: documents nest up to 1,000 levels.
  const stack: Array<{ node: JsonValue; level: number }> = [{ node: root, level: 0 }];
  while (stack.length) {
    const { node, level } = stack.pop()!;
    if (node.kind !== 'object' && node.kind !== 'array') continue;
    const startLine = lines.positionAt(node.offset).line;
    if (node.closed) {
      const closeLine = lines.positionAt(node.offset + node.length - 1).line;
      if (closeLine > startLine + 1) out.push({ startLine, endLine: closeLine - 1, level });
    } else {
      const endLine = lines.positionAt(node.offset + node.length).line;
      if (endLine > startLine) out.push({ startLine, endLine, level });
    }
    if (node.kind === 'object') {
      for (let i = node.properties.length - 1; i >= 0; i--) {
        const v = node.properties[i].value;
        if (v && (v.kind === 'object' || v.kind === 'array')) stack.push({ node: v, level: level + 1 });
      }
    } else {
      for (let i = node.items.length - 1; i >= 0; i--) {
        const v = node.items[i];
        if (v.kind === 'object' || v.kind === 'array') stack.push({ node: v, level: level + 1 });
      }
    }
  }
}

function comments(list: readonly JsonComment[], text: string, lines: LineIndex, out: Candidate[]): void {
  const regions: number[] = [];
  for (const c of list) {
    const startLine = lines.positionAt(c.offset).line;
    if (c.block) {
      const endLine = lines.positionAt(c.offset + c.length).line;
      if (endLine > startLine) out.push({ startLine, endLine, kind: 'comment', level: 0 });
      continue;
    }
    const comment = text.substr(c.offset, c.length);
    if (REGION_START.test(comment)) {
      regions.push(startLine);
    } else if (REGION_END.test(comment) && regions.length) {
      const start = regions.pop()!;
      if (startLine > start) out.push({ startLine: start, endLine: startLine, kind: 'region', level: 0 });
    }
  }
}

/** The ranges of the shallowest levels that fit in `limit` (a deeper level is cut in document order). */
function outermost(ranges: Candidate[], limit: number): Candidate[] {
  const counts: number[] = [];
  for (const r of ranges) counts[r.level] = (counts[r.level] ?? 0) + 1;
  let taken = 0;
  let cutLevel = counts.length;
  for (let level = 0; level < counts.length; level++) {
    const n = counts[level] ?? 0;
    if (taken + n > limit) {
      cutLevel = level;
      break;
    }
    taken += n;
  }
  const out: Candidate[] = [];
  let extra = limit - taken;
  for (const r of ranges) {
    if (r.level < cutLevel) out.push(r);
    else if (r.level === cutLevel && extra > 0) {
      out.push(r);
      extra--;
    }
  }
  return out;
}
