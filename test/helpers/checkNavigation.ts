// Data-driven helpers for navigation, structure and rename: one check per feature over $0-cursor fixtures, expectations inline (^^^) or golden files.
//
// A fixture is one .avsc file or a folder of them (one workspace). One file holds the `$0` cursor.
// - checkDefinition / checkReferences / checkHighlights: the results are `^^^ label` annotations
//   under the lines of every file of the fixture.
// - checkSymbols, checkFolding, checkSelection, checkRename: golden files next to the fixture.
// UPDATE_EXPECT=1 rewrites annotations and golden files from what the service returns now: review the diff.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import type { AvroDocument } from '../../server/src/service/model/types';
import { findDefinition } from '../../server/src/service/navigation/definition';
import { findHighlights } from '../../server/src/service/navigation/highlights';
import { findReferences } from '../../server/src/service/navigation/references';
import { documentSymbols, type AvroDocumentSymbol } from '../../server/src/service/symbols';
import { foldingRanges } from '../../server/src/service/folding';
import { selectionRanges } from '../../server/src/service/selectionRanges';
import { prepareRename, rename, type RenameOptions } from '../../server/src/service/rename';
import { LineIndex } from '../../server/src/service/text';
import { renderAnnotations, stripAnnotations, type Annotated } from './annotations';

export const UPDATE = process.env.UPDATE_EXPECT === '1';

export function uriOf(name: string): string {
  return `file:///ws/${name.split('/').map(encodeURIComponent).join('/')}`;
}

export function nameOf(uri: string): string {
  return decodeURIComponent(uri.slice('file:///ws/'.length));
}

interface FixtureFile {
  name: string;
  path: string;
  /** The file as stored (annotations and cursor included). */
  raw: string;
  /** Without annotations and cursors: what the service sees. */
  text: string;
  /** Cursor offsets in `text`. */
  cursors: number[];
}

export interface Workspace {
  files: FixtureFile[];
  index: SchemaIndex;
  doc(name: string): AvroDocument;
  /** The file with the cursor and the cursor's offset. */
  cursor: { file: FixtureFile; doc: AvroDocument; offset: number };
}

/**
 * How the other files of a fixture are indexed: 'whole' (every model kept) or 'closed' (every file
 * but the cursor's kept as a summary, as the language server keeps files that are not open: their
 * models are rebuilt when needed). The check helpers run both and expect the same answers.
 */
export type IndexMode = 'whole' | 'closed';

export const INDEX_MODES: readonly IndexMode[] = ['whole', 'closed'];

/** Read a fixture (file or folder of .avsc files, recursively) into one index. */
export function loadWorkspace(fixturePath: string, { requireCursor = true, mode = 'whole' as IndexMode } = {}): Workspace {
  const paths = fs.statSync(fixturePath).isDirectory() ? avscFiles(fixturePath) : [fixturePath];
  const base = fs.statSync(fixturePath).isDirectory() ? fixturePath : path.dirname(fixturePath);
  const files: FixtureFile[] = paths.map(p => {
    const raw = fs.readFileSync(p, 'utf8');
    const { text: withCursors } = stripAnnotations(raw);
    const cursors: number[] = [];
    let text = withCursors;
    for (let at = text.indexOf('$0'); at >= 0; at = text.indexOf('$0', at)) {
      cursors.push(at);
      text = text.slice(0, at) + text.slice(at + 2);
    }
    return { name: path.relative(base, p).split(path.sep).join('/'), path: p, raw, text, cursors };
  });
  const index = new SchemaIndex();
  for (const f of files) {
    const doc = parseAvroDocument(uriOf(f.name), f.text, 1);
    if (mode === 'closed' && f.cursors.length === 0) index.setSummary(doc);
    else index.set(doc);
  }
  const withCursor = files.filter(f => f.cursors.length);
  if (requireCursor && withCursor.length !== 1) throw new Error(`${fixturePath}: exactly one file must hold $0 cursors (found ${withCursor.length})`);
  const cursorFile = withCursor[0];
  return {
    files,
    index,
    doc: name => index.get(uriOf(name))!,
    cursor: cursorFile ? { file: cursorFile, doc: index.get(uriOf(cursorFile.name))!, offset: cursorFile.cursors[0] } : (undefined as never),
  };
}

function avscFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...avscFiles(p));
    else if (e.name.endsWith('.avsc')) out.push(p);
  }
  return out;
}

/** Annotated results per file name. */
type Results = Map<string, Annotated[]>;

function addResult(results: Results, name: string, a: Annotated): void {
  let list = results.get(name);
  if (!list) results.set(name, (list = []));
  list.push(a);
}

/** Compare (or rewrite) every file's annotations with the results; the cursors are kept where they are. */
function compareAnnotations(ws: Workspace, results: Results): void {
  for (const f of ws.files) {
    // Render on the text with its cursors back in place.
    const shifted = (results.get(f.name) ?? []).map(a => {
      const before = f.cursors.filter(c => c <= a.offset).length;
      const within = f.cursors.filter(c => c > a.offset && c < a.offset + a.length).length;
      return { offset: a.offset + 2 * before, length: a.length + 2 * within, label: a.label };
    });
    let withCursors = f.text;
    for (let i = f.cursors.length - 1; i >= 0; i--) withCursors = withCursors.slice(0, f.cursors[i]) + '$0' + withCursors.slice(f.cursors[i]);
    const actual = renderAnnotations(withCursors, shifted);
    if (actual === f.raw) continue;
    if (UPDATE) fs.writeFileSync(f.path, actual);
    else assert.equal(actual, f.raw, `results in ${f.name} differ from its annotations`);
  }
}

/** Go to definition at the cursor: `origin` on the name under the cursor, `definition` on each target's name, `definition-range` on its whole object. */
export function checkDefinition(fixturePath: string): void {
  for (const mode of INDEX_MODES) checkDefinitionIn(loadWorkspace(fixturePath, { mode }));
}

function checkDefinitionIn(ws: Workspace): void {
  const { doc, offset, file } = ws.cursor;
  const links = findDefinition(doc, offset, ws.index, resolverFor(ws.index, doc));
  const results: Results = new Map();
  if (links.length) addResult(results, file.name, { ...links[0].origin, label: 'origin' });
  for (const l of links) {
    addResult(results, nameOf(l.uri), { ...l.targetSelection, label: 'definition' });
    addResult(results, nameOf(l.uri), { ...l.target, label: 'definition-range' });
  }
  compareAnnotations(ws, results);
}

/** Find references at the cursor (declarations included): `declaration` or `reference` on each. */
export function checkReferences(fixturePath: string): void {
  for (const mode of INDEX_MODES) checkReferencesIn(loadWorkspace(fixturePath, { mode }));
}

function checkReferencesIn(ws: Workspace): void {
  const { doc, offset } = ws.cursor;
  const resolve = resolverFor(ws.index, doc);
  const all = findReferences(doc, offset, ws.index, resolve, true);
  const uses = findReferences(doc, offset, ws.index, resolve, false);
  const key = (r: { uri: string; offset: number }): string => `${r.uri}@${r.offset}`;
  const useKeys = new Set(uses.map(key));
  assert.ok(uses.every(u => all.some(a => key(a) === key(u))), 'references without declarations are a subset of those with');
  const results: Results = new Map();
  for (const r of all) addResult(results, nameOf(r.uri), { offset: r.offset, length: r.length, label: useKeys.has(key(r)) ? 'reference' : 'declaration' });
  compareAnnotations(ws, results);
}

/** Document highlights at the cursor: `read` / `write` in the cursor's file only. */
export function checkHighlights(fixturePath: string): void {
  for (const mode of INDEX_MODES) checkHighlightsIn(loadWorkspace(fixturePath, { mode }));
}

function checkHighlightsIn(ws: Workspace): void {
  const { doc, offset, file } = ws.cursor;
  const results: Results = new Map();
  for (const h of findHighlights(doc, offset, ws.index, resolverFor(ws.index, doc))) addResult(results, file.name, { offset: h.offset, length: h.length, label: h.kind });
  compareAnnotations(ws, results);
}

/** Compare (or rewrite) a golden file. */
export function checkGolden(goldenPath: string, actual: string): void {
  const expected = fs.existsSync(goldenPath) ? fs.readFileSync(goldenPath, 'utf8') : undefined;
  if (expected === actual) return;
  if (UPDATE) {
    fs.writeFileSync(goldenPath, actual);
    return;
  }
  assert.equal(actual, expected ?? '(no golden file: run with UPDATE_EXPECT=1)', `${path.basename(goldenPath)} differs`);
}

function pos(lines: LineIndex, offset: number): string {
  const p = lines.positionAt(offset);
  return `${p.line + 1}:${p.character + 1}`;
}

/** The outline of a file as text (one symbol per line, indented), compared with `<file>.symbols.txt`. */
export function checkSymbols(fixturePath: string): AvroDocumentSymbol[] {
  const text = fs.readFileSync(fixturePath, 'utf8');
  const doc = parseAvroDocument(uriOf(path.basename(fixturePath)), text, 1);
  const lines = new LineIndex(text);
  const symbols = documentSymbols(doc);
  const out: string[] = [];
  const render = (list: AvroDocumentSymbol[], depth: number): void => {
    for (const s of list) {
      // Editors require the name inside the range.
      assert.ok(s.selection.offset >= s.range.offset && s.selection.offset + s.selection.length <= s.range.offset + s.range.length, `selection of ${s.name} inside its range`);
      out.push(`${'  '.repeat(depth)}${s.kind} ${s.name}${s.detail ? ` — ${s.detail}` : ''}  [${pos(lines, s.range.offset)}-${pos(lines, s.range.offset + s.range.length)} name ${pos(lines, s.selection.offset)}-${pos(lines, s.selection.offset + s.selection.length)}]`);
      render(s.children, depth + 1);
    }
  };
  render(symbols, 0);
  checkGolden(fixturePath.replace(/\.avsc$/, '.symbols.txt'), out.join('\n') + '\n');
  return symbols;
}

/** Folding ranges of a file, compared with `<file>.folding.txt` (1-based lines, the first line's text). */
export function checkFolding(fixturePath: string, rangeLimit?: number): void {
  const text = fs.readFileSync(fixturePath, 'utf8');
  const doc = parseAvroDocument(uriOf(path.basename(fixturePath)), text, 1);
  const lines = new LineIndex(text);
  const ranges = foldingRanges(doc.json, text, lines, rangeLimit);
  const out = ranges.map(r => `${r.startLine + 1}-${r.endLine + 1}${r.kind ? ` ${r.kind}` : ''}: ${lines.lineText(r.startLine).trim()}`);
  const suffix = rangeLimit !== undefined ? `.folding-limit-${rangeLimit}.txt` : '.folding.txt';
  checkGolden(fixturePath.replace(/\.avsc$/, suffix), out.join('\n') + '\n');
}

/** Expanding selections at every $0 of a file, compared with `<file>.selection.txt`. */
export function checkSelection(fixturePath: string): void {
  const ws = loadWorkspace(fixturePath);
  const { file, doc } = ws.cursor;
  const lines = new LineIndex(file.text);
  const out: string[] = [];
  file.cursors.forEach((offset, i) => {
    out.push(`$0 #${i + 1} at ${pos(lines, offset)}`);
    let previous: { offset: number; length: number } | undefined;
    for (const s of selectionRanges(doc.json, file.text, offset)) {
      assert.ok(s.offset <= offset && offset <= s.offset + s.length, 'every range contains the cursor');
      if (previous) assert.ok(s.offset <= previous.offset && s.offset + s.length >= previous.offset + previous.length, 'each range contains the previous one');
      previous = s;
      const t = file.text.slice(s.offset, s.offset + s.length).replace(/\s*\r?\n\s*/g, ' ');
      out.push(`  ${t.length > 70 ? t.slice(0, 60) + ' … ' + t.slice(-8) : t}`);
    }
  });
  checkGolden(fixturePath.replace(/\.avsc$/, '.selection.txt'), out.join('\n') + '\n');
}

/** Apply edits to a text (edits sorted by offset, not overlapping). */
export function applyEdits(text: string, edits: ReadonlyArray<{ offset: number; length: number; newText: string }>): string {
  let out = text;
  for (let i = edits.length - 1; i >= 0; i--) out = out.slice(0, edits[i].offset) + edits[i].newText + out.slice(edits[i].offset + edits[i].length);
  return out;
}

/** Unresolved references and fullnames defined twice in one file, over a workspace. */
function brokenNames(index: SchemaIndex): { unresolved: number; redefined: number } {
  let unresolved = 0;
  let redefined = 0;
  for (const doc of index.allDocuments()) {
    for (const ref of doc.references) if (!index.resolve(ref, doc)) unresolved++;
    redefined += doc.namedTypes.filter(t => t.hasValidName).length - doc.definitions.size;
  }
  return { unresolved, redefined };
}

/** After the edits, every reference that resolved still resolves, and no fullname is defined twice in a file. */
function assertStillResolves(ws: Workspace, changes: ReadonlyArray<{ uri: string; edits: Array<{ offset: number; length: number; newText: string }> }>): void {
  const after = new SchemaIndex();
  for (const doc of ws.index.allDocuments()) {
    const change = changes.find(c => c.uri === doc.uri);
    after.set(change ? parseAvroDocument(doc.uri, applyEdits(doc.text, change.edits), 2) : doc);
  }
  const b = brokenNames(ws.index);
  const a = brokenNames(after);
  // Each reference resolves to the same type as before: only the renamed fullname maps to another one.
  const renamed = new Map<string, string>();
  for (const doc of ws.index.allDocuments()) {
    const afterDoc = after.get(doc.uri)!;
    assert.equal(afterDoc.references.length, doc.references.length, `${nameOf(doc.uri)} keeps its references`);
    doc.references.forEach((ref, i) => {
      const before = ws.index.resolve(ref, doc)?.target.fullname;
      if (before === undefined) return;
      const now = after.resolve(afterDoc.references[i], afterDoc)?.target.fullname;
      assert.ok(now !== undefined, `${ref.name} in ${nameOf(doc.uri)} resolves after the rename`);
      if (now === before) return;
      assert.equal(renamed.get(before) ?? now, now, `${before} is renamed consistently`);
      renamed.set(before, now);
    });
  }
  assert.ok(renamed.size <= 1, `only the renamed type changes its fullname: ${[...renamed].map(([x, y]) => `${x} -> ${y}`).join(', ')}`);
  assert.ok(a.unresolved <= b.unresolved, `the rename leaves ${a.unresolved - b.unresolved} more reference(s) unresolved`);
  assert.ok(a.redefined <= b.redefined, 'the rename defines a fullname twice in a file');
}

export interface RenameCase {
  /** Golden file name: expected-<id>.txt in the fixture folder. */
  id: string;
  newName: string;
  addAlias?: boolean;
}

/**
 * Rename at the cursor of a fixture folder, for each case of its case.json: the golden file holds
 * the prepareRename answer, then each changed file after the edits (or the refusal).
 */
export function checkRename(fixtureDir: string, c: RenameCase): void {
  for (const mode of INDEX_MODES) checkRenameIn(fixtureDir, loadWorkspace(fixtureDir, { mode }), c);
}

function checkRenameIn(fixtureDir: string, ws: Workspace, c: RenameCase): void {
  const { doc, offset } = ws.cursor;
  const resolve = resolverFor(ws.index, doc);
  const out: string[] = [`rename to ${JSON.stringify(c.newName)}${c.addAlias === false ? ' (avro.rename.addAlias off)' : ''}`];
  const prepared = prepareRename(doc, offset, ws.index, resolve);
  if (!prepared) out.push('prepare: nothing to rename here');
  else if (!prepared.ok) out.push(`prepare: refused: ${prepared.message}`);
  else out.push(`prepare: ${JSON.stringify(doc.text.slice(prepared.span.offset, prepared.span.offset + prepared.span.length))} placeholder ${JSON.stringify(prepared.placeholder)}`);
  const options: RenameOptions = { addAlias: c.addAlias ?? true };
  const result = rename(doc, offset, c.newName, ws.index, resolve, options);
  if (!result.ok) {
    out.push(`refused: ${result.message}`);
  } else if (result.changes.length === 0) {
    out.push('no change');
  } else {
    assertStillResolves(ws, result.changes);
    for (const change of result.changes) {
      for (let i = 1; i < change.edits.length; i++) {
        assert.ok(change.edits[i - 1].offset + change.edits[i - 1].length <= change.edits[i].offset, `edits of ${nameOf(change.uri)} are sorted and do not overlap`);
      }
      const after = applyEdits(ws.index.get(change.uri)!.text, change.edits);
      const annotations = [...new Set(change.edits.map(e => e.annotation).filter(Boolean))];
      out.push(`=== ${nameOf(change.uri)} (${change.edits.length} edit${change.edits.length === 1 ? '' : 's'}${annotations.length ? `; ${annotations.join(', ')}` : ''})`);
      out.push(after.replace(/\n$/, ''));
    }
  }
  checkGolden(path.join(fixtureDir, `expected-${c.id}.txt`), out.join('\n') + '\n');
}
