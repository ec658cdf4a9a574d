// Document symbols (golden outlines in test/fixtures/symbols/*.symbols.txt) and workspace symbols (fuzzy matching over an index).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixture } from '../helpers/paths';
import { checkSymbols, loadWorkspace } from '../helpers/checkNavigation';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { documentSymbols, matchScore, readableType, workspaceSymbols } from '../../server/src/service/symbols';

describe('document symbols', () => {
  const dir = fixture('symbols');
  for (const f of fs.readdirSync(dir).filter(f => f.endsWith('.avsc')).sort()) {
    test(f, () => {
      checkSymbols(path.join(dir, f));
    });
  }

  test('no symbol has an empty name (editors reject them), even in broken documents', () => {
    for (const text of ['{', '{"type": "record", "name": "", "fields": [{"name": ""}]}', '{"type": "enum", "symbols": [""]}', '[{"type": "fixed"}]', '']) {
      const walk = (list: ReturnType<typeof documentSymbols>): void => {
        for (const s of list) {
          assert.notEqual(s.name, '', JSON.stringify(text));
          walk(s.children);
        }
      };
      walk(documentSymbols(parseAvroDocument('file:///x.avsc', text)));
    }
  });

  test('readable types', () => {
    const doc = parseAvroDocument('file:///t.avsc', '{"type": "record", "name": "R", "fields": [{"name": "a", "type": ["null", {"type": "array", "items": {"type": "map", "values": {"type": "int", "logicalType": "date"}}}, "com.x.Y"]}]}');
    assert.equal(readableType(doc.fields[0].type), 'null | array<map<int (date)>> | com.x.Y');
  });
});

describe('workspace symbols', () => {
  const ws = loadWorkspace(fixture('navigation', 'references', 'cross-file'), { requireCursor: false });
  const index = ws.index;
  index.set(parseAvroDocument('file:///ws/order.avsc', fs.readFileSync(fixture('symbols', 'order.avsc'), 'utf8'), 1));
  const names = (query: string): string[] => workspaceSymbols(index, query).map(m => m.schema.fullname);

  test('an empty query lists every named type once per definition', () => {
    const all = names('');
    assert.equal(all.length, [...index.allDocuments()].reduce((n, d) => n + d.namedTypes.length, 0));
    assert.ok(all.includes('com.acme.common.Money') && all.includes('com.acme.other.Money') && all.includes('com.acme.orders.Line'));
  });

  test('exact names first, then prefixes, substrings, and characters in order (word starts preferred)', () => {
    assert.deepEqual(names('money'), ['com.acme.common.Money', 'com.acme.other.Money']);
    assert.deepEqual(names('com.acme.other.Money'), ['com.acme.other.Money']);
    assert.deepEqual(names('Ord').slice(0, 2), ['com.acme.orders.Order', 'com.acme.orders.OrderPlaced']);
    assert.deepEqual(names('OP'), ['com.acme.orders.OrderPlaced'], 'word starts: OrderPlaced');
    assert.ok(names('customers').includes('com.acme.customers.Customer'), 'the namespace matches too');
    assert.deepEqual(names('zzz'), []);
  });

  test('scores: exact > prefix > substring > subsequence on the name > subsequence on the fullname', () => {
    const s = (q: string): number => matchScore(q.toLowerCase(), 'OrderPlaced', 'com.acme.orders.OrderPlaced');
    const order = [s('orderplaced'), s('order'), s('placed'), s('orpl'), s('cmo')];
    assert.deepEqual([...order].sort((a, b) => b - a), order);
    assert.ok(order.every(x => x > 0));
  });

  test('the limit keeps the best matches', () => {
    const big = new SchemaIndex();
    for (let i = 0; i < 50; i++) big.set(parseAvroDocument(`file:///b${i}.avsc`, `{"type": "fixed", "name": "Hash${i}", "size": 4}`));
    big.set(parseAvroDocument('file:///h.avsc', '{"type": "fixed", "name": "Hash", "size": 4}'));
    const top = workspaceSymbols(big, 'hash', 3);
    assert.equal(top.length, 3);
    assert.equal(top[0].schema.fullname, 'Hash');
  });
});
