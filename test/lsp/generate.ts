// Realistic generated schemas of any size (nested records, enums, unions, logical types, docs), random edits and the example schemas, for robustness and performance runs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture, REPO_ROOT } from '../helpers/paths';

/** A record with `fieldCount` top-level fields, pretty-printed like hand-written schemas. */
export function generateSchema(fieldCount: number, name = 'Big', namespace = 'com.acme.generated'): string {
  const fields: unknown[] = [];
  for (let i = 0; i < fieldCount; i++) {
    switch (i % 6) {
      case 0:
        fields.push({ name: `f${i}`, type: 'string', doc: `Field number ${i}: a plain string with some documentation text.` });
        break;
      case 1:
        fields.push({ name: `f${i}`, type: ['null', 'long'], default: null });
        break;
      case 2:
        fields.push({ name: `f${i}`, type: { type: 'record', name: `Nested${i}`, fields: [{ name: 'a', type: 'int', default: 0 }, { name: 'b', type: { type: 'long', logicalType: 'timestamp-millis' } }] } });
        break;
      case 3:
        fields.push({ name: `f${i}`, type: { type: 'enum', name: `Kind${i}`, symbols: ['ALPHA', 'BETA', 'GAMMA'], default: 'ALPHA' } });
        break;
      case 4:
        fields.push({ name: `f${i}`, type: { type: 'array', items: 'string' }, default: [] });
        break;
      default:
        fields.push({ name: `f${i}`, type: { type: 'map', values: { type: 'bytes', logicalType: 'decimal', precision: 10, scale: 2 } }, default: {} });
    }
  }
  return JSON.stringify({ type: 'record', name, namespace, doc: `Generated schema with ${fieldCount} fields.`, fields }, null, 2);
}

/** A schema nested `depth` levels deep (arrays of arrays ...), as a 5,000-deep stress input. */
export function deeplyNestedSchema(depth: number): string {
  return '{"type": "array", "items": '.repeat(depth) + '"string"' + '}'.repeat(depth);
}

/** A schema of at least `bytes` characters (many fields). */
export function schemaOfSize(bytes: number): string {
  const perField = generateSchema(60).length / 60;
  let n = Math.ceil(bytes / perField);
  let text = generateSchema(n);
  while (text.length < bytes) text = generateSchema((n = Math.ceil(n * 1.1)));
  return text;
}

/** mulberry32: a small seeded PRNG, so a failing random case can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fragments that break JSON and Avro in interesting ways. */
const FRAGMENTS = [
  '{', '}', '[', ']', '"', ':', ',', ' ', '\n', 'null', 'true', '-', '0', '1e999', '99999999999999999999', '"\\u00', '\\', '/*', '*/', '//',
  '"type"', '"record"', '"enum"', '"fixed"', '"array"', '"map"', '"name"', '"fields"', '"symbols"', '"items"', '"values"', '"size"', '"default"',
  '"namespace"', '"aliases"', '"logicalType"', '"decimal"', '"precision"', '"scale"', '[]', '{}', '["null", "string"]', '"😀"', '\u0000', '\t',
  '{"name": "x", "type": "Unknown"}', '{"type": "record", "name": "R", "fields": []}', '"com.acme.common.Money"', '"string"',
];

export interface Edit {
  start: number;
  end: number;
  text: string;
}

/** One random edit of `text`: truncation, deletion, insertion of a fragment, duplication or a swap. */
export function randomEdit(text: string, random: () => number): Edit {
  const at = (): number => Math.floor(random() * (text.length + 1));
  const op = Math.floor(random() * 6);
  switch (op) {
    case 0: {
      const cut = at();
      return { start: cut, end: text.length, text: '' };
    }
    case 1: {
      const start = at();
      return { start, end: Math.min(text.length, start + 1 + Math.floor(random() * 24)), text: '' };
    }
    case 2:
    case 3: {
      const p = at();
      return { start: p, end: p, text: FRAGMENTS[Math.floor(random() * FRAGMENTS.length)] };
    }
    case 4: {
      const from = at();
      const slice = text.slice(from, from + Math.floor(random() * 80));
      const p = at();
      return { start: p, end: p, text: slice };
    }
    default: {
      const p = Math.max(0, at() - 1);
      return { start: p, end: Math.min(text.length, p + 2), text: text.slice(p, p + 2).split('').reverse().join('') };
    }
  }
}

export function applyEdit(text: string, e: Edit): string {
  return text.slice(0, e.start) + e.text + text.slice(e.end);
}

/** The fixture examples plus the repository's examples/ folder when it exists. */
export function examples(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  const walk = (dir: string, prefix: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p, `${prefix}${e.name}/`);
      else if (e.name.endsWith('.avsc')) out.push({ name: `${prefix}${e.name}`, text: fs.readFileSync(p, 'utf8') });
    }
  };
  walk(fixture('lsp', 'examples'), 'fixtures/');
  walk(path.join(REPO_ROOT, 'examples'), 'examples/');
  return out;
}
