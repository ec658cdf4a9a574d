// Selection ranges (expand selection) at every $0 of the fixtures in test/fixtures/selection (golden *.selection.txt).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../helpers/paths';
import { checkSelection } from '../helpers/checkNavigation';
import { parseJson } from '../../server/src/service/parser/json';
import { selectionRanges } from '../../server/src/service/selectionRanges';

describe('selection ranges', () => {
  const dir = fixture('selection');
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort()) {
    test(f, () => checkSelection(path.join(dir, f)));
  }

  test('outside the root value there is nothing to select', () => {
    const text = '  {"type": "int"}  ';
    assert.deepEqual(selectionRanges(parseJson(text), text, 0), []);
    assert.deepEqual(selectionRanges(parseJson(''), '', 0), []);
  });
});
