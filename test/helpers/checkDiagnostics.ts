// checkDiagnostics: validate fixture files and compare the diagnostics with the annotations in them.
//
// Set UPDATE_EXPECT=1 to rewrite the fixtures' annotations from what the service reports now; then
// review the diff.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings, type AvroSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import type { AvroDiagnostic } from '../../server/src/service/validation/diagnostic';
import { renderAnnotations, stripAnnotations, type Annotated } from './annotations';

export const UPDATE = process.env.UPDATE_EXPECT === '1';

export function label(d: AvroDiagnostic): string {
  return `${d.code} ${d.severity}: ${d.message}`;
}

/**
 * Validate a set of files together (one workspace) and compare each file's diagnostics with its
 * annotations. `files` maps a file name to annotated text; `settings` is a partial settings object.
 * Returns the diagnostics per file for further assertions.
 */
export function checkDiagnosticsOfFiles(
  files: Record<string, string>,
  settings: unknown = {},
  onMismatch?: (name: string, actual: string) => void,
): Record<string, AvroDiagnostic[]> {
  const s: AvroSettings = normalizeSettings(settings);
  const index = new SchemaIndex();
  const stripped: Record<string, { text: string; annotations: Annotated[] }> = {};
  for (const [name, text] of Object.entries(files)) {
    stripped[name] = stripAnnotations(text);
    index.set(parseAvroDocument(uriOf(name), stripped[name].text, 1));
  }
  const result: Record<string, AvroDiagnostic[]> = {};
  for (const name of Object.keys(files)) {
    const doc = index.get(uriOf(name))!;
    const diagnostics = validateDocument(doc, s, index);
    result[name] = diagnostics;
    const actual = renderAnnotations(stripped[name].text, diagnostics.map(d => ({ offset: d.offset, length: d.length, label: label(d) })));
    if (actual !== files[name]) {
      if (onMismatch) onMismatch(name, actual);
      else assert.equal(actual, files[name], `diagnostics of ${name} differ from its annotations`);
    }
  }
  return result;
}

/** Check one fixture file (or every .avsc of a fixture folder, validated together). */
export function checkDiagnosticsFixture(fixturePath: string, settings: unknown = {}): Record<string, AvroDiagnostic[]> {
  const stat = fs.statSync(fixturePath);
  const paths = stat.isDirectory()
    ? fs.readdirSync(fixturePath).filter(f => f.endsWith('.avsc')).sort().map(f => path.join(fixturePath, f))
    : [fixturePath];
  const files: Record<string, string> = {};
  for (const p of paths) files[path.basename(p)] = fs.readFileSync(p, 'utf8');
  return checkDiagnosticsOfFiles(files, settings, UPDATE ? (name, actual) => {
    fs.writeFileSync(paths.find(p => path.basename(p) === name)!, actual);
  } : undefined);
}

export function uriOf(name: string): string {
  return `file:///fixtures/${name}`;
}
