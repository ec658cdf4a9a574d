// Where a finding is, in words that survive unrelated edits: the schema path of the JSON node at its offset (fields and named types by name) and its message without commit ids, version and line numbers.
import type { JsonValue } from '../parser/json';

/** One segment of a JSON pointer (RFC 6901 escaping). */
function segment(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** An array item's segment: its "name" for fields and named types, the string for symbols and union branches, else its index. */
function itemSegment(item: JsonValue, index: number): string {
  if (item.kind === 'object') {
    const name = item.properties.find(p => p.key.value === 'name')?.value;
    if (name?.kind === 'string' && name.value) return segment(name.value);
  }
  if (item.kind === 'string' && item.value) return segment(item.value);
  return String(index);
}

/**
 * The schema path of the deepest JSON node holding `offset`: "/fields/amount/type/1" (a field by its
 * name, so inserting a field before it changes nothing). "" for the document itself. Never throws.
 */
export function schemaPathAt(root: JsonValue | undefined, offset: number): string {
  const parts: string[] = [];
  let node = root;
  const inside = (n: { offset: number; length: number }): boolean => offset >= n.offset && offset < n.offset + Math.max(n.length, 1);
  for (let depth = 0; node && depth < 2000; depth++) {
    if (node.kind === 'object') {
      const p = node.properties.find(inside);
      if (!p) break;
      parts.push(segment(p.key.value));
      if (!p.value || !inside(p.value)) break;
      node = p.value;
    } else if (node.kind === 'array') {
      const i = node.items.findIndex(inside);
      if (i < 0) break;
      parts.push(itemSegment(node.items[i], i));
      node = node.items[i];
    } else {
      break;
    }
  }
  return parts.length ? '/' + parts.join('/') : '';
}

/** A message with what changes without the finding changing left out: the baseline compared with, commit ids, registry versions, line and column numbers. */
export function normalizedMessage(message: string): string {
  return message
    // "BACKWARD (vs origin/main): ": the baseline a run compares with is no part of the finding.
    .replace(/\(vs [^)]*\)/g, '(vs #)')
    .replace(/\b[0-9a-f]{7,40}\b/g, '#')
    .replace(/\/v\d+\b/g, '/v#')
    .replace(/\bversion \d+\b/g, 'version #')
    .replace(/\bline \d+(, column \d+)?/g, 'line #')
    .replace(/\s+/g, ' ')
    .trim();
}

/** 32-bit FNV-1a of a string, as 8 hex digits (a stable fingerprint: no crypto needed, none in the pure service). */
export function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The fingerprint of a finding's message. */
export function messageHash(message: string): string {
  return shortHash(normalizedMessage(message));
}
