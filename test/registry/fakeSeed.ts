// Seeding the fake registry from a JSON file or a folder of .avsc files (history registered without compatibility checks).
//
// JSON (a file, or registry.json inside a folder):
//   { "config": "BACKWARD" | { "global": "FULL", "subjects": { "orders-value": "NONE" } },
//     "subjects": { "orders-value": [ <schema: JSON value or text>, { "schema": ..., "references": [...] }, ... ] } }
// Versions are registered in the order listed (v1 first); subjects in the order written, so a
// subject that others reference comes first.
// Folder: registry.json (optional, applied first), then `<subject>.avsc` (one version) and
// `<subject>/<n>.avsc` (versions in numeric order of n), subjects in name order.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FakeRegistryState } from './fakeStore';
import type { FakeLevel } from './fakeCompatibility';
import type { FakeReference } from './fakeSchemas';

export interface SeedFile {
  config?: string | { global?: string; subjects?: Record<string, string> };
  subjects?: Record<string, Array<unknown | { schema: unknown; references?: FakeReference[] }>>;
}

/** Apply a seed (a JSON object, a .json file path or a folder path) to `state`. Throws with the file and subject on a bad seed. */
export function loadSeed(state: FakeRegistryState, seed: SeedFile | string): void {
  if (typeof seed !== 'string') return applySeed(state, seed, '<object>');
  const stat = fs.statSync(seed);
  if (stat.isFile()) return applySeed(state, JSON.parse(fs.readFileSync(seed, 'utf8')) as SeedFile, seed);
  const manifest = path.join(seed, 'registry.json');
  if (fs.existsSync(manifest)) applySeed(state, JSON.parse(fs.readFileSync(manifest, 'utf8')) as SeedFile, manifest);
  for (const entry of fs.readdirSync(seed, { withFileTypes: true }).sort((x, y) => x.name.localeCompare(y.name))) {
    const p = path.join(seed, entry.name);
    if (entry.isFile() && entry.name.endsWith('.avsc')) {
      registerSeed(state, entry.name.slice(0, -'.avsc'.length), fs.readFileSync(p, 'utf8'), undefined, p);
    } else if (entry.isDirectory()) {
      const versions = fs
        .readdirSync(p)
        .filter(f => /^\d+\.avsc$/.test(f))
        .sort((x, y) => parseInt(x, 10) - parseInt(y, 10));
      for (const f of versions) registerSeed(state, entry.name, fs.readFileSync(path.join(p, f), 'utf8'), undefined, path.join(p, f));
    }
  }
}

function applySeed(state: FakeRegistryState, seed: SeedFile, origin: string): void {
  if (typeof seed.config === 'string') state.globalLevel = seed.config.toUpperCase() as FakeLevel;
  else if (seed.config) {
    if (seed.config.global) state.globalLevel = seed.config.global.toUpperCase() as FakeLevel;
    for (const [subject, level] of Object.entries(seed.config.subjects ?? {})) state.subjectLevels.set(subject, level.toUpperCase() as FakeLevel);
  }
  for (const [subject, versions] of Object.entries(seed.subjects ?? {})) {
    for (const v of versions) {
      const withRefs = v && typeof v === 'object' && !Array.isArray(v) && 'schema' in (v as object) ? (v as { schema: unknown; references?: FakeReference[] }) : undefined;
      const schema = withRefs ? withRefs.schema : v;
      registerSeed(state, subject, typeof schema === 'string' ? schema : JSON.stringify(schema), withRefs?.references, origin);
    }
  }
}

function registerSeed(state: FakeRegistryState, subject: string, schema: string, references: FakeReference[] | undefined, origin: string): void {
  try {
    state.register(subject, { schema, references }, false, true);
  } catch (e) {
    throw new Error(`seed ${origin}: subject ${subject}: ${(e as Error).message}`, { cause: e });
  }
}
