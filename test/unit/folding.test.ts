// Folding ranges over the fixtures in test/fixtures/folding (golden *.folding.txt), line endings and the range limit.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../helpers/paths';
import { checkFolding } from '../helpers/checkNavigation';
import { parseJson } from '../../server/src/service/parser/json';
import { foldingRanges } from '../../server/src/service/folding';
import { LineIndex } from '../../server/src/service/text';

const dir = fixture('folding');

function ranges(text: string, limit?: number): ReturnType<typeof foldingRanges> {
  return foldingRanges(parseJson(text), text, new LineIndex(text), limit);
}

describe('folding ranges', () => {
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort()) {
    test(f, () => checkFolding(path.join(dir, f)));
  }

  test('with a range limit, the outermost ranges are kept', () => checkFolding(path.join(dir, 'order.avsc'), 4));

  test('CRLF line endings give the same ranges as LF', () => {
    const lf = fs.readFileSync(path.join(dir, 'order.avsc'), 'utf8');
    assert.deepEqual(ranges(lf.replace(/\n/g, '\r\n')), ranges(lf));
  });

  test('at most one range starts on a line, sorted by start line', () => {
    const text = fs.readFileSync(path.join(dir, 'comments-and-regions.avsc'), 'utf8');
    const starts = ranges(text).map(r => r.startLine);
    assert.deepEqual(starts, [...new Set(starts)].sort((a, b) => a - b));
  });

  test('single-line documents and empty text have no ranges', () => {
    assert.deepEqual(ranges('{"type": "record", "name": "R", "fields": []}'), []);
    assert.deepEqual(ranges(''), []);
  });
});
