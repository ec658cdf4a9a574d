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
import { parseProjectConfig, type ProjectConfig } from '../../server/src/config/projectConfig';
import { compilationUnitsOf } from '../../server/src/config/units';
import { withProjectRules } from '../../server/src/config/fileSettings';

/** The folder fixture files live in (as URIs file:///fixtures/<name>, and paths /fixtures/<name>). */
const FIXTURE_ROOT = '/fixtures';

export const UPDATE = process.env.UPDATE_EXPECT === '1';

export function label(d: AvroDiagnostic): string {
  return `${d.code} ${d.severity}: ${d.message}`;
}

/**
 * Validate a set of files together (one workspace) and compare each file's diagnostics with its
 * annotations. `files` maps a file name (a path with `/` for files in folders) to annotated text;
 * `settings` is a partial settings object, and its "project" key, if any, the text of an
 * avro-studio.json at the fixture's root (rules, units, specVersion apply as in the editor).
 * Returns the diagnostics per file for further assertions.
 */
export function checkDiagnosticsOfFiles(
  files: Record<string, string>,
  settings: unknown = {},
  onMismatch?: (name: string, actual: string) => void,
): Record<string, AvroDiagnostic[]> {
  const s: AvroSettings = normalizeSettings(settings);
  const projectText = (settings as { project?: unknown } | undefined)?.project;
  let project: ProjectConfig | undefined;
  if (projectText !== undefined) {
    const parsed = parseProjectConfig(JSON.stringify(projectText), FIXTURE_ROOT);
    assert.deepEqual(parsed.problems.map(p => p.message), [], 'the fixture\'s project file has problems');
    project = parsed.config;
  }
  const stripped: Record<string, { text: string; annotations: Annotated[] }> = {};
  for (const [name, text] of Object.entries(files)) stripped[name] = stripAnnotations(text);
  const names = Object.keys(files);
  /** Index every file, `whole(name)` ones with their models and the others as summaries. */
  const indexOf = (whole: (name: string) => boolean): SchemaIndex => {
    const index = new SchemaIndex();
    if (project) index.setCompilationUnits(compilationUnitsOf([project]));
    for (const name of names) {
      const doc = parseAvroDocument(uriOf(name), stripped[name].text, 1);
      if (whole(name)) index.set(doc);
      else index.setSummary(doc);
    }
    return index;
  };
  const validate = (index: SchemaIndex, name: string): AvroDiagnostic[] =>
    validateDocument(index.get(uriOf(name))!, withProjectRules(s, project, `${FIXTURE_ROOT}/${name}`), index);
  const whole = indexOf(() => true);
  const result: Record<string, AvroDiagnostic[]> = {};
  for (const name of names) result[name] = validate(whole, name);
  for (const name of Object.keys(files)) {
    const actual = renderAnnotations(stripped[name].text, result[name].map(d => ({ offset: d.offset, length: d.length, label: label(d) })));
    if (actual !== files[name]) {
      if (onMismatch) onMismatch(name, actual);
      else assert.equal(actual, files[name], `diagnostics of ${name} differ from its annotations`);
    }
  }
  // The same files indexed as the language server keeps files that are not open (summaries; a
  // model rebuilt to validate a closed file): the same diagnostics, related locations and data.
  // Every file closed, then each file open (kept whole) with the others closed.
  const closed = indexOf(() => false);
  for (const name of names) {
    assert.deepEqual(validate(closed, name), result[name], `diagnostics of ${name} when every file is summarized`);
    if (names.length > 1) assert.deepEqual(validate(indexOf(n => n === name), name), result[name], `diagnostics of ${name} open, the other files summarized`);
  }
  return result;
}

/** Check one fixture file (or every .avsc of a fixture folder, validated together). */
export function checkDiagnosticsFixture(fixturePath: string, settings: unknown = {}): Record<string, AvroDiagnostic[]> {
  const stat = fs.statSync(fixturePath);
  const base = stat.isDirectory() ? fixturePath : path.dirname(fixturePath);
  const paths = stat.isDirectory() ? avscFilesUnder(fixturePath) : [fixturePath];
  const nameOf = (p: string): string => path.relative(base, p).split(path.sep).join('/');
  const files: Record<string, string> = {};
  for (const p of paths) files[nameOf(p)] = fs.readFileSync(p, 'utf8');
  return checkDiagnosticsOfFiles(files, settings, UPDATE ? (name, actual) => {
    fs.writeFileSync(paths.find(p => nameOf(p) === name)!, actual);
  } : undefined);
}

/** The .avsc files of a fixture folder and its subfolders (a workspace with its layout), sorted. */
function avscFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...avscFilesUnder(p));
    else if (entry.name.endsWith('.avsc')) out.push(p);
  }
  return out.sort();
}

export function uriOf(name: string): string {
  return `file://${FIXTURE_ROOT}/${name}`;
}
