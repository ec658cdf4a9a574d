// Go to definition, find references and document highlights over the fixtures in test/fixtures/navigation/<feature>/ (one test per file or folder).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../helpers/paths';
import { checkDefinition, checkHighlights, checkReferences, uriOf } from '../helpers/checkNavigation';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { findDefinition } from '../../server/src/service/navigation/definition';
import { findHighlights } from '../../server/src/service/navigation/highlights';
import { findReferences } from '../../server/src/service/navigation/references';
import { documentSymbols } from '../../server/src/service/symbols';
import { foldingRanges } from '../../server/src/service/folding';
import { selectionRanges } from '../../server/src/service/selectionRanges';
import { prepareRename, rename } from '../../server/src/service/rename';
import { LineIndex } from '../../server/src/service/text';

function cases(feature: string): string[] {
  const dir = fixture('navigation', feature);
  return fs.readdirSync(dir).filter(f => f.endsWith('.avsc') || fs.statSync(path.join(dir, f)).isDirectory()).sort().map(f => path.join(dir, f));
}

describe('go to definition', () => {
  for (const c of cases('definition')) test(path.basename(c), () => checkDefinition(c));
});

describe('find references', () => {
  for (const c of cases('references')) test(path.basename(c), () => checkReferences(c));
});

describe('document highlights', () => {
  for (const c of cases('highlights')) test(path.basename(c), () => checkHighlights(c));
});

describe('half-typed documents', () => {
  test('every feature answers at every offset of every prefix of a schema, without throwing', () => {
    const text = fs.readFileSync(fixture('symbols', 'order.avsc'), 'utf8');
    const other = parseAvroDocument(uriOf('other.avsc'), '{"type": "record", "name": "Other", "namespace": "com.acme.orders", "fields": [{"name": "o", "type": "OrderPlaced"}]}', 1);
    let answers = 0;
    for (let cut = 0; cut <= text.length; cut += 7) {
      const index = new SchemaIndex();
      index.set(other);
      const doc = parseAvroDocument(uriOf('order.avsc'), text.slice(0, cut), 1);
      index.set(doc);
      const resolve = resolverFor(index, doc);
      const lines = new LineIndex(doc.text);
      documentSymbols(doc);
      foldingRanges(doc.json, doc.text, lines);
      for (let offset = 0; offset <= doc.text.length; offset += 5) {
        findDefinition(doc, offset, index, resolve);
        findReferences(doc, offset, index, resolve, true);
        findHighlights(doc, offset, index, resolve);
        selectionRanges(doc.json, doc.text, offset);
        if (prepareRename(doc, offset, index, resolve)?.ok) {
          const r = rename(doc, offset, 'Renamed', index, resolve);
          if (r.ok) answers++;
        }
      }
    }
    assert.ok(answers > 100, `renames computed on partial documents: ${answers}`);
  });
});
