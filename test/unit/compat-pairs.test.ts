// Data-driven engine tests: annotated reader/writer .avsc pairs under test/fixtures/compat/pairs/<case>/.
//
// A case folder holds reader.avsc and writer.avsc; shared-*.avsc files are in both workspaces,
// reader-*.avsc only in the reader's and writer-*.avsc only in the writer's (named types defined in
// other files). Annotations under the lines show every incompatibility where it is:
//   "R <TYPE> <location>: <message>" at the reader span, "W <TYPE> <location>" at the writer span,
//   "R-anchor ..." / "W-anchor ..." at the anchor in reader.avsc / writer.avsc when the span is in
//   another file. expected.json holds the rest (verdict, pointers, Java's messages, fix data).
// options.json (optional) holds CheckOptions. UPDATE_EXPECT=1 rewrites annotations and expected.json.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkCompatibility } from '../../server/src/service/compatibility/engine';
import type { CheckOptions, CompatibilityResult } from '../../server/src/service/compatibility/types';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex, resolverFor } from '../../server/src/service/model/schemaIndex';
import { renderAnnotations, stripAnnotations, type Annotated } from '../helpers/annotations';
import { UPDATE, uriOf } from '../helpers/checkDiagnostics';
import { fixture } from '../helpers/paths';

const ROOT = fixture('compat', 'pairs');

interface PairRun {
  result: CompatibilityResult;
  texts: Record<string, string>;
}

/** Load a case folder into two workspaces and check reader.avsc against writer.avsc. */
function runPair(dir: string): { run: PairRun; annotated: Record<string, string>; annotations: Record<string, Annotated[]> } {
  const names = fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort();
  const annotated: Record<string, string> = {};
  const texts: Record<string, string> = {};
  for (const n of names) {
    annotated[n] = fs.readFileSync(path.join(dir, n), 'utf8');
    texts[n] = stripAnnotations(annotated[n]).text;
  }
  const readerIndex = new SchemaIndex();
  const writerIndex = new SchemaIndex();
  for (const n of names) {
    const doc = parseAvroDocument(uriOf(n), texts[n], 1);
    if (n === 'reader.avsc' || n.startsWith('reader-') || n.startsWith('shared-')) readerIndex.set(doc);
    if (n === 'writer.avsc' || n.startsWith('writer-') || n.startsWith('shared-')) writerIndex.set(doc);
  }
  const optionsPath = path.join(dir, 'options.json');
  const options: CheckOptions = fs.existsSync(optionsPath) ? JSON.parse(fs.readFileSync(optionsPath, 'utf8')) : {};
  const reader = readerIndex.get(uriOf('reader.avsc'))!;
  const writer = writerIndex.get(uriOf('writer.avsc'))!;
  const result = checkCompatibility(
    { doc: reader, schema: reader.root!, resolve: resolverFor(readerIndex, reader) },
    { doc: writer, schema: writer.root!, resolve: resolverFor(writerIndex, writer) },
    options,
  );
  const annotations: Record<string, Annotated[]> = {};
  for (const n of names) annotations[n] = [];
  const put = (uri: string, a: Annotated) => {
    const n = names.find(x => uriOf(x) === uri);
    if (n) annotations[n].push(a);
  };
  for (const inc of result.incompatibilities) {
    put(inc.readerSpan.uri, { offset: inc.readerSpan.offset, length: inc.readerSpan.length, label: `R ${inc.type} ${inc.location}: ${inc.message}` });
    put(inc.writerSpan.uri, { offset: inc.writerSpan.offset, length: inc.writerSpan.length, label: `W ${inc.type} ${inc.location}` });
    if (inc.readerSpan.uri !== reader.uri) put(reader.uri, { ...inc.readerAnchor, label: `R-anchor ${inc.type} ${inc.location}` });
    if (inc.writerSpan.uri !== writer.uri) put(writer.uri, { ...inc.writerAnchor, label: `W-anchor ${inc.type} ${inc.location}` });
  }
  return { run: { result, texts }, annotated, annotations };
}

/** What expected.json records: everything but the messages and spans (which the annotations show). */
function summary(result: CompatibilityResult): unknown {
  return {
    compatible: result.compatible,
    complete: result.complete,
    unresolved: result.unresolved.map(u => ({ side: u.side, name: u.name, uri: u.span.uri, offset: u.span.offset })),
    incompatibilities: result.incompatibilities.map(i => ({
      type: i.type, code: i.code, location: i.location, legacyLocation: i.legacyLocation, alsoAt: i.alsoAt, javaMessage: i.javaMessage, data: i.data,
    })),
  };
}

const cases = fs.existsSync(ROOT) ? fs.readdirSync(ROOT).filter(d => fs.statSync(path.join(ROOT, d)).isDirectory()).sort() : [];

describe('compatibility pairs (test/fixtures/compat/pairs)', () => {
  test('there are pair fixtures', () => assert.ok(cases.length >= 10, `only ${cases.length} cases`));
  for (const name of cases) {
    test(name, () => {
      const dir = path.join(ROOT, name);
      const { run, annotated, annotations } = runPair(dir);
      const expectedPath = path.join(dir, 'expected.json');
      const actualSummary = JSON.stringify(summary(run.result), null, 2) + '\n';
      if (UPDATE) {
        for (const n of Object.keys(annotated)) fs.writeFileSync(path.join(dir, n), renderAnnotations(run.texts[n], annotations[n]));
        fs.writeFileSync(expectedPath, actualSummary);
        return;
      }
      for (const n of Object.keys(annotated)) {
        assert.equal(renderAnnotations(run.texts[n], annotations[n]), annotated[n], `${name}/${n}: annotations differ (UPDATE_EXPECT=1 regenerates them)`);
      }
      assert.ok(fs.existsSync(expectedPath), `${name}/expected.json is missing (UPDATE_EXPECT=1 writes it)`);
      assert.equal(actualSummary, fs.readFileSync(expectedPath, 'utf8'), `${name}/expected.json differs`);
    });
  }
});
