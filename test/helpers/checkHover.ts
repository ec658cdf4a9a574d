// checkHover: the hover at every $0 of a fixture file, compared with a golden Markdown file (UPDATE_EXPECT=1 rewrites it).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { getHover, type AvroHover } from '../../server/src/service/hover';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import { LineIndex } from '../../server/src/service/text';
import { fixture } from './paths';

const UPDATE = process.env.UPDATE_EXPECT === '1';
export const HOVER_FIXTURES = fixture('hover');
const ROOT = 'file:///ws/';

/** Remove every $0 marker; return the text and the cursor offsets in it. */
export function extractCursors(withCursors: string): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  let from = 0;
  for (let at = withCursors.indexOf('$0'); at >= 0; at = withCursors.indexOf('$0', from)) {
    text += withCursors.slice(from, at);
    offsets.push(text.length);
    from = at + 2;
  }
  text += withCursors.slice(from);
  return { text, offsets };
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** A workspace index of test/fixtures/hover/<folder>/*.avsc plus the document. */
function indexWith(folder: string | undefined, uri: string, text: string, mode: 'whole' | 'closed' = 'whole'): SchemaIndex {
  const index = new SchemaIndex();
  if (folder) {
    const dir = path.join(HOVER_FIXTURES, folder);
    for (const f of fs.readdirSync(dir).filter(n => n.endsWith('.avsc')).sort()) {
      const doc = parseAvroDocument(`${ROOT}${folder}/${f}`, fs.readFileSync(path.join(dir, f), 'utf8'), 1);
      // 'closed': kept as summaries, as the language server keeps files that are not open.
      if (mode === 'closed') index.setSummary(doc);
      else index.set(doc);
    }
  }
  index.set(parseAvroDocument(uri, text, 1));
  return index;
}

export function hoversOf(fixtureName: string, options: { settings?: unknown; workspace?: string } = {}): { text: string; offsets: number[]; hovers: Array<AvroHover | undefined> } {
  const { text, offsets } = extractCursors(fs.readFileSync(path.join(HOVER_FIXTURES, fixtureName), 'utf8'));
  const uri = `${ROOT}${fixtureName}`;
  const settings = normalizeSettings(options.settings ?? {});
  const hoversWith = (mode: 'whole' | 'closed'): Array<AvroHover | undefined> => {
    const index = indexWith(options.workspace, uri, text, mode);
    const doc = index.get(uri)!;
    return offsets.map(offset => getHover({ doc, offset, index, settings, sha256, displayPath: u => (u.startsWith(ROOT) ? u.slice(ROOT.length) : u) }));
  };
  const hovers = hoversWith('whole');
  assert.deepEqual(hoversWith('closed'), hovers, `${fixtureName}: the hovers when the workspace's files are summarized`);
  return { text, offsets, hovers };
}

/** Render every hover of a fixture: the line with the cursor marked (‸), what the hover is about, its Markdown. */
export function renderHovers(fixtureName: string, text: string, offsets: number[], hovers: Array<AvroHover | undefined>): string {
  const lines = new LineIndex(text);
  const out: string[] = [];
  offsets.forEach((offset, i) => {
    const pos = lines.positionAt(offset);
    const line = lines.lineText(pos.line);
    const marked = (line.slice(0, pos.character) + '‸' + line.slice(pos.character)).trim();
    out.push(`## ${fixtureName}:${pos.line + 1} \`${marked}\``, '');
    const h = hovers[i];
    if (!h) {
      out.push('(no hover)', '');
      return;
    }
    out.push(`Span: \`${text.substr(h.offset, h.length)}\``, '', h.markdown, '');
  });
  return out.join('\n');
}

export function checkHover(fixtureName: string, options: { settings?: unknown; workspace?: string } = {}): Array<AvroHover | undefined> {
  const { text, offsets, hovers } = hoversOf(fixtureName, options);
  assert.ok(offsets.length > 0, `${fixtureName} has no $0 cursor`);
  hovers.forEach((h, i) => {
    if (h) assert.ok(h.offset <= offsets[i] && offsets[i] < h.offset + h.length, `${fixtureName}: hover ${i + 1} is about a span that does not hold the cursor`);
  });
  const rendered = renderHovers(fixtureName, text, offsets, hovers);
  const golden = path.join(HOVER_FIXTURES, 'expected', fixtureName.replace(/\.avsc$/, '.md'));
  if (UPDATE) {
    fs.mkdirSync(path.dirname(golden), { recursive: true });
    fs.writeFileSync(golden, rendered);
  } else {
    assert.ok(fs.existsSync(golden), `no golden file ${path.relative(HOVER_FIXTURES, golden)}: run with UPDATE_EXPECT=1 and review it`);
    assert.equal(rendered, fs.readFileSync(golden, 'utf8'), `hovers of ${fixtureName} (golden expected/${path.basename(golden)})`);
  }
  return hovers;
}
