// checkCompletion: completion at the $0 of a fixture file; offered and not offered labels, order, and the text after applying an item (golden files).
//
// Applying an item does what VS Code does: the main edit and the additional edits, the snippet with
// every placeholder at its default, `\t` as two spaces and the indentation of the line repeated on
// every new line of the snippet. The golden file holds the resulting text with the diagnostics of
// that text as annotations (so a reviewer sees whether the result is valid). UPDATE_EXPECT=1
// rewrites the golden files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { InsertTextFormat } from 'vscode-languageserver-types';
import { getCompletions, type AvroCompletionItem } from '../../server/src/service/completion';
import { expandSnippet } from '../../server/src/service/completion/items';
import { isNamedTypeKind, resolveNamedType } from '../../server/src/service/completion/resolve';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { extractCursor, renderAnnotations } from './annotations';
import { fixture } from './paths';

const UPDATE = process.env.UPDATE_EXPECT === '1';
export const COMPLETION_FIXTURES = fixture('completion');

export interface CompletionExpectation {
  /** Labels that must be offered. */
  includes?: string[];
  /** Labels that must not be offered. */
  excludes?: string[];
  /** The first labels, in this order (items sorted by sortText, then label). */
  first?: string[];
  /** Exactly these labels, in this order. */
  exactly?: string[];
  /** Nothing at all is offered. */
  none?: boolean;
  /** Labels to apply; each result is compared with expected/<fixture>.<label>.avsc. */
  edits?: string[];
  /** Partial settings (e.g. { specVersion: '1.12' }). */
  settings?: unknown;
  /** A folder under test/fixtures/completion whose .avsc files are the rest of the workspace. */
  workspace?: string;
  /** The URI of the fixture (default file:///ws/<fixture name>), e.g. to test names taken from it. */
  uri?: string;
}

export interface CompletionResult {
  items: AvroCompletionItem[];
  labels: string[];
  text: string;
  offset: number;
  /** Apply an item: the document text afterwards. */
  apply(label: string): string;
}

const WORKSPACE_ROOT = 'file:///ws/';

export function sortItems(items: readonly AvroCompletionItem[]): AvroCompletionItem[] {
  return [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : a.label < b.label ? -1 : a.label > b.label ? 1 : 0));
}

/** The text after applying `item` the way VS Code does (see the file comment). */
export function applyItem(text: string, item: AvroCompletionItem): string {
  const edits = [{ ...item.edit, snippet: item.format === InsertTextFormat.Snippet }, ...(item.additionalEdits ?? []).map(e => ({ ...e, snippet: false }))];
  edits.sort((a, b) => b.offset - a.offset);
  let out = text;
  for (const e of edits) {
    let insert = e.newText;
    if (e.snippet) {
      const lineStart = out.lastIndexOf('\n', e.offset - 1) + 1;
      const indent = /^[ \t]*/.exec(out.slice(lineStart))![0];
      insert = expandSnippet(insert).replace(/\t/g, '  ').split('\n').join('\n' + indent);
    }
    out = out.slice(0, e.offset) + insert + out.slice(e.offset + e.length);
  }
  return out;
}

function slug(label: string): string {
  return label.replace(/[^A-Za-z0-9._-]+/g, '_');
}

/** The files of a completion workspace folder, kept whole or as summaries (files not open in the editor). */
function workspaceIndex(workspace: string | undefined, mode: 'whole' | 'closed'): SchemaIndex {
  const index = new SchemaIndex();
  if (workspace) {
    const dir = path.join(COMPLETION_FIXTURES, workspace);
    for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.avsc')).sort()) {
      const doc = parseAvroDocument(`${WORKSPACE_ROOT}${workspace}/${f}`, fs.readFileSync(path.join(dir, f), 'utf8'), 1);
      if (mode === 'closed') index.setSummary(doc);
      else index.set(doc);
    }
  }
  return index;
}

export function completionAt(fixtureName: string, options: Pick<CompletionExpectation, 'settings' | 'workspace' | 'uri'> = {}): CompletionResult {
  const raw = fs.readFileSync(path.join(COMPLETION_FIXTURES, fixtureName), 'utf8');
  const { text, offset } = extractCursor(raw);
  const settings = normalizeSettings(options.settings ?? {});
  const uri = options.uri ?? `${WORKSPACE_ROOT}${fixtureName}`;
  const displayPath = (u: string): string => (u.startsWith(WORKSPACE_ROOT) ? u.slice(WORKSPACE_ROOT.length) : u);
  const listWith = (mode: 'whole' | 'closed') => {
    const index = workspaceIndex(options.workspace, mode);
    const doc = parseAvroDocument(uri, text, 1);
    index.set(doc);
    const list = getCompletions({ doc, offset, index, settings, displayPath });
    // What completionItem/resolve adds to named types (their detail and documentation).
    const resolved = list.items.filter(i => isNamedTypeKind(i.kind)).map(i => resolveNamedType(i.label, { doc, namespace: list.namespace ?? '', offset, index, displayPath }));
    return { list, resolved };
  };
  const { list, resolved } = listWith('whole');
  // The workspace's files kept as summaries, as the language server keeps files that are not open: the same list.
  const closed = listWith('closed');
  assert.deepEqual(closed.list, list, `${fixtureName}: the items when the workspace's files are summarized`);
  assert.deepEqual(closed.resolved, resolved, `${fixtureName}: the resolved items when the workspace's files are summarized`);
  const items = sortItems(list.items);
  for (const i of items) {
    // VS Code ranks by how well the typed text (from the start of an item's span) matches, before
    // sortText: items of one list must all start at the same place, or some sink to the bottom.
    assert.equal(i.edit.offset, items[0].edit.offset, `${i.label} replaces from another offset than ${items[0].label}`);
    // What VS Code requires of the main edit: one line, and the cursor inside it.
    assert.ok(i.edit.offset <= offset && offset <= i.edit.offset + i.edit.length, `${i.label}: the edit [${i.edit.offset}, +${i.edit.length}] does not hold the cursor ${offset}`);
    assert.ok(!/[\r\n]/.test(text.substr(i.edit.offset, i.edit.length)), `${i.label}: the edit spans lines`);
    for (const e of i.additionalEdits ?? []) {
      assert.ok(e.offset + e.length <= i.edit.offset || e.offset >= i.edit.offset + i.edit.length, `${i.label}: an additional edit overlaps the main edit`);
    }
  }
  return {
    items,
    labels: items.map(i => i.label),
    text,
    offset,
    apply(label: string): string {
      const item = items.find(i => i.label === label);
      assert.ok(item, `"${label}" is not offered; offered: ${items.map(i => i.label).join(', ')}`);
      return applyItem(text, item);
    },
  };
}

/** The golden rendering of an applied item: the text with the diagnostics it has as annotations. */
export function renderApplied(uri: string, after: string, settings: unknown, workspace?: string): string {
  const diagnosticsWith = (mode: 'whole' | 'closed') => {
    const index = workspaceIndex(workspace, mode);
    const doc = parseAvroDocument(uri, after, 2);
    index.set(doc);
    return validateDocument(doc, normalizeSettings(settings ?? {}), index);
  };
  const diagnostics = diagnosticsWith('whole');
  assert.deepEqual(diagnosticsWith('closed'), diagnostics, 'the diagnostics when the workspace\'s files are summarized');
  return renderAnnotations(after, diagnostics.map(d => ({ offset: d.offset, length: d.length, label: `${d.code} ${d.severity}: ${d.message}` })));
}

export function checkCompletion(fixtureName: string, expect: CompletionExpectation): CompletionResult {
  const result = completionAt(fixtureName, expect);
  const { labels } = result;
  const offered = `offered: ${labels.join(', ') || '(nothing)'}`;
  if (expect.none) assert.deepEqual(labels, [], `nothing should be offered at the cursor of ${fixtureName}`);
  for (const l of expect.includes ?? []) assert.ok(labels.includes(l), `${fixtureName}: "${l}" should be offered; ${offered}`);
  for (const l of expect.excludes ?? []) assert.ok(!labels.includes(l), `${fixtureName}: "${l}" should not be offered; ${offered}`);
  if (expect.first) assert.deepEqual(labels.slice(0, expect.first.length), expect.first, `${fixtureName}: the first items`);
  if (expect.exactly) assert.deepEqual(labels, expect.exactly, `${fixtureName}: the items`);
  const base = fixtureName.replace(/\.avsc$/, '');
  for (const label of expect.edits ?? []) {
    const after = result.apply(label);
    const rendered = renderApplied(expect.uri ?? `${WORKSPACE_ROOT}${fixtureName}`, after, expect.settings, expect.workspace);
    const goldenPath = path.join(COMPLETION_FIXTURES, 'expected', `${base}.${slug(label)}.avsc`);
    if (UPDATE || !fs.existsSync(goldenPath)) {
      if (!UPDATE) assert.fail(`no golden file ${path.relative(COMPLETION_FIXTURES, goldenPath)}: run with UPDATE_EXPECT=1 and review it`);
      fs.mkdirSync(path.dirname(goldenPath), { recursive: true });
      fs.writeFileSync(goldenPath, rendered);
    } else {
      assert.equal(rendered, fs.readFileSync(goldenPath, 'utf8'), `${fixtureName}: the text after applying "${label}" (golden ${path.relative(COMPLETION_FIXTURES, goldenPath)})`);
    }
  }
  return result;
}
