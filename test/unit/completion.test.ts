// Completion, data-driven: each fixture in test/fixtures/completion has a $0 cursor; what is offered and not, and the text after applying items (golden files).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyItem, checkCompletion, completionAt, COMPLETION_FIXTURES } from '../helpers/checkCompletion';
import { getCompletions, resolveNamedType } from '../../server/src/service/completion';
import { defaultProposals } from '../../server/src/service/completion/defaults';
import { referenceSpelling } from '../../server/src/service/completion/names';
import { recordNameFromUri } from '../../server/src/service/completion/snippets';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import { validateDocument } from '../../server/src/service/validation/validate';
import { REPO_ROOT } from '../helpers/paths';

const WS = { workspace: 'workspace' };
const PRIMITIVES = ['string', 'long', 'int', 'boolean', 'double', 'float', 'bytes', 'null'];

describe('keys legal on the object under the cursor, minus those present', () => {
  test('record: namespace, doc, aliases; never a key already there nor one of another kind', () => {
    checkCompletion('keys-record.avsc', {
      exactly: ['namespace', 'doc', 'aliases'],
      excludes: ['type', 'name', 'fields', 'symbols', 'size', 'items', 'values', 'default', 'order', 'logicalType'],
      edits: ['doc'],
    });
  });

  test('field: required keys first, then default (a value of the field type), doc, order, aliases', () => {
    const r = checkCompletion('keys-field.avsc', {
      exactly: ['default', 'doc', 'order', 'aliases'],
      excludes: ['name', 'type', 'logicalType', 'namespace', 'fields'],
      edits: ['default', 'order'],
    });
    assert.match(r.items.find(i => i.label === 'default')!.edit.newText, /"default": \$\{1:""\}/);
  });

  test('field of a nullable union: "default" inserts null (the first branch)', () => {
    checkCompletion('keys-field-nullable.avsc', { includes: ['default'], edits: ['default'] });
  });

  test('enum: default is a choice of its symbols', () => {
    const r = checkCompletion('keys-enum.avsc', { exactly: ['namespace', 'doc', 'aliases', 'default'], excludes: ['symbols', 'fields', 'size'], edits: ['default'] });
    assert.match(r.items.find(i => i.label === 'default')!.edit.newText, /\$\{1\|OPEN,PAID,SHIPPED\|\}/);
  });

  test('fixed: logicalType is offered (its size allows some), fields and items are not', () => {
    checkCompletion('keys-fixed.avsc', { exactly: ['namespace', 'doc', 'aliases', 'logicalType'], excludes: ['fields', 'items', 'symbols'] });
  });

  test('array needs items, map needs values (required, with suggestions reopened for the type)', () => {
    const a = checkCompletion('keys-array.avsc', { exactly: ['items'], edits: ['items'] });
    assert.equal(a.items[0].command?.command, 'editor.action.triggerSuggest');
    checkCompletion('keys-map.avsc', { exactly: ['values'], excludes: ['items'] });
  });

  test('logicalType only where some logical type is legal: on long yes, on boolean no', () => {
    checkCompletion('keys-long.avsc', { exactly: ['logicalType'] });
    checkCompletion('keys-boolean.avsc', { none: true });
  });

  test('a decimal gets its parameters: precision (required) and scale', () => {
    checkCompletion('keys-decimal.avsc', { exactly: ['precision', 'scale'], edits: ['precision'] });
  });

  test('an object without "type" offers "type" first; with fields, "type" is written as "record"', () => {
    checkCompletion('keys-no-type.avsc', { first: ['type', 'name'], includes: ['namespace', 'doc'] });
    const r = checkCompletion('keys-inferred-type.avsc', { first: ['type'], excludes: ['name', 'fields'], edits: ['type'] });
    assert.equal(r.items[0].command, undefined, 'the value is known: no second list');
  });

  test('a key being typed ("ty) is replaced with the key and its value skeleton', () => {
    checkCompletion('key-typed.avsc', { first: ['type'], excludes: ['name'], edits: ['type'] });
  });

  test('the key of a complete property is replaced alone (its value stays)', () => {
    checkCompletion('key-rename.avsc', { includes: ['default'], excludes: ['name', 'type'], edits: ['default'] });
  });
});

describe('type positions', () => {
  test('a field type: primitives first, then the named types visible from here, then skeletons', () => {
    const r = checkCompletion('type-field.avsc', {
      ...WS,
      first: PRIMITIVES,
      includes: ['Order', 'Status', 'Money', 'Channel', 'Country', 'com.acme.customers.Address', 'record', 'enum', 'fixed', 'array', 'map', 'union', 'decimal', 'timestamp-millis', 'uuid', 'date'],
      // Line is defined below the cursor (Avro 1.11 reads top-down); the null-namespace Channel is
      // hidden by com.acme.orders.Channel; 1.12 logical types are not offered for 1.11.
      excludes: ['Line', 'com.acme.orders.Money', 'com.acme.orders.Channel', 'timestamp-nanos', 'big-decimal', 'local-timestamp-nanos'],
      edits: ['long', 'Money', 'com.acme.customers.Address', 'record', 'enum', 'fixed', 'array', 'map', 'union', 'decimal', 'timestamp-millis', 'duration'],
    });
    const money = r.items.find(i => i.label === 'Money')!;
    // Detail and documentation are resolved lazily (completionItem/resolve), from the label and the list's namespace.
    assert.equal(money.detail, undefined);
    assert.deepEqual(Object.keys(money).sort(), ['edit', 'filterText', 'format', 'kind', 'label', 'sortText'], 'nothing more on a named-type item');
    const index = new SchemaIndex();
    for (const f of ['money.avsc']) index.set(parseAvroDocument(`file:///ws/workspace/${f}`, fs.readFileSync(path.join(COMPLETION_FIXTURES, 'workspace', f), 'utf8'), 1));
    const doc = parseAvroDocument('file:///ws/type-field.avsc', r.text, 1);
    index.set(doc);
    const at = { index, doc, namespace: 'com.acme.orders', offset: r.offset, displayPath: (u: string) => u.slice('file:///ws/'.length) };
    assert.equal(getCompletions({ doc, offset: r.offset, index, settings: normalizeSettings({}) }).namespace, 'com.acme.orders');
    assert.deepEqual(resolveNamedType(money.label, at), {
      detail: 'record com.acme.orders.Money (workspace/money.avsc)',
      documentation: '```avdl\nrecord com.acme.orders.Money {\n  decimal(12,2) amount;\n  string currency = "EUR";\n}\n```\n\nAn amount in a currency.\n\nDefined in `workspace/money.avsc`. Written `Money`: from this namespace it resolves to `com.acme.orders.Money`.',
    });
    assert.equal(resolveNamedType('Status', at)?.detail, 'enum com.acme.orders.Status (this file)');
    assert.match(resolveNamedType('Line', at)!.documentation, /Defined further down in this file/);
    const names = r.labels.filter(l => ['Order', 'Status', 'Channel', 'Country', 'Money', 'com.acme.customers.Address'].includes(l));
    assert.deepEqual(names, ['Order', 'Status', 'Channel', 'Country', 'Money', 'com.acme.customers.Address'], 'this file first, then the same namespace');
  });

  test('with Avro 1.12 a type defined further down is offered (forward references resolve), after the others', () => {
    const r = checkCompletion('type-field.avsc', { ...WS, settings: { specVersion: '1.12' }, includes: ['Line', 'timestamp-nanos', 'big-decimal'] });
    const names = r.labels.filter(l => /^[A-Z]/.test(l));
    assert.equal(names[names.length - 1], 'Line');
  });

  test('inside a string being typed ("Mo), the whole literal is replaced, like every item of the list', () => {
    const r = checkCompletion('type-in-string.avsc', { ...WS, includes: ['Money'], edits: ['Money'] });
    // The literal with its quotes is replaced; the filter text has the quote typed.
    const money = r.items.find(i => i.label === 'Money')!;
    assert.deepEqual(money.edit, { offset: r.offset - 3, length: 4, newText: '"Money"' });
    assert.equal(money.filterText, '"Money"');
  });

  test('a union branch: no second null, Money or array, and no union inside the union', () => {
    checkCompletion('type-union.avsc', { ...WS, includes: ['string', 'map', 'record', 'Channel'], excludes: ['null', 'Money', 'array', 'union'], edits: ['string'] });
  });

  test('replacing a branch does not count that branch as a duplicate', () => {
    checkCompletion('type-union-replace.avsc', { ...WS, includes: ['string', 'Money'], excludes: ['null', 'union'], edits: ['string'] });
  });

  test('the null namespace: bare names resolve, and a null-namespace type hidden by none is bare', () => {
    const r = checkCompletion('type-null-namespace.avsc', { ...WS, includes: ['Channel', 'com.acme.orders.Channel', 'Country', 'Visit'] });
    // From the null namespace the bare name is the null-namespace enum (shadowed.avsc), not com.acme.orders.Channel.
    const index = new SchemaIndex();
    for (const f of ['shadowed.avsc', 'channel.avsc']) index.set(parseAvroDocument(`file:///ws/workspace/${f}`, fs.readFileSync(path.join(COMPLETION_FIXTURES, 'workspace', f), 'utf8'), 1));
    const doc = parseAvroDocument('file:///ws/type-null-namespace.avsc', r.text, 1);
    index.set(doc);
    assert.equal(resolveNamedType('Channel', { index, doc, namespace: '', offset: r.offset, displayPath: (u: string) => u.slice('file:///ws/'.length) })?.detail, 'enum Channel (workspace/shadowed.avsc)');
  });

  test('the value of "type" in a schema object: keywords add the attributes they need', () => {
    checkCompletion('type-name-keyword.avsc', { ...WS, first: ['record', 'enum', 'array', 'map', 'fixed', 'error'], includes: ['string', 'Money'], edits: ['record', 'enum', 'map'] });
  });

  test('the kind the other attributes imply comes first and is preselected', () => {
    const r = checkCompletion('type-name-implied.avsc', { first: ['array'], edits: ['array'] });
    assert.equal(r.items[0].preselect, true);
  });

  test('a record skeleton takes one line per attribute where nothing follows on the line', () => {
    checkCompletion('type-multiline-field.avsc', { includes: ['record'], edits: ['record'] });
  });

  test('items of an array', () => {
    checkCompletion('type-items.avsc', { ...WS, first: PRIMITIVES, includes: ['Money'], edits: ['Money'] });
  });

  test('right after a colon, a space is inserted before the value', () => {
    checkCompletion('type-after-colon.avsc', { includes: ['string'], edits: ['string'] });
  });

  test('a document that is a bare type name', () => {
    checkCompletion('type-root-string.avsc', { first: PRIMITIVES, edits: ['long'] });
  });
});

describe('values', () => {
  test('logicalType on long: only the long ones, and no 1.12 ones when targeting 1.11', () => {
    checkCompletion('logical-long.avsc', {
      exactly: ['time-micros', 'timestamp-millis', 'timestamp-micros', 'local-timestamp-millis', 'local-timestamp-micros'],
      excludes: ['date', 'time-millis', 'decimal', 'uuid', 'timestamp-nanos'],
      edits: ['timestamp-millis'],
    });
    checkCompletion('logical-long.avsc', { settings: { specVersion: '1.12' }, includes: ['timestamp-nanos', 'local-timestamp-nanos'] });
  });

  test('logicalType on bytes: decimal, which brings its precision and scale', () => {
    checkCompletion('logical-bytes.avsc', { exactly: ['decimal'], excludes: ['big-decimal'], edits: ['decimal'] });
    checkCompletion('logical-bytes.avsc', { settings: { specVersion: '1.12' }, exactly: ['decimal', 'big-decimal'] });
  });

  test('logicalType on fixed: duration only on 12 bytes, uuid on 16 bytes with 1.12, decimal precision that fits', () => {
    checkCompletion('logical-fixed.avsc', { exactly: ['decimal', 'duration'], edits: ['duration'] });
    checkCompletion('logical-fixed16.avsc', { exactly: ['decimal'] });
    checkCompletion('logical-fixed16.avsc', { settings: { specVersion: '1.12' }, exactly: ['decimal', 'uuid'] });
    checkCompletion('logical-fixed4.avsc', { exactly: ['decimal'], edits: ['decimal'] });
  });

  test('order values', () => {
    checkCompletion('order-value.avsc', { exactly: ['ascending', 'descending', 'ignore'], edits: ['descending'] });
  });

  test('an enum default: its symbols', () => {
    checkCompletion('enum-default.avsc', { exactly: ['OPEN', 'PAID', 'SHIPPED'], edits: ['PAID'] });
  });

  test('namespaces already used in the workspace', () => {
    checkCompletion('namespace-value.avsc', { ...WS, exactly: ['com.acme.orders', 'com.acme.customers'], edits: ['com.acme.orders'] });
  });
});

describe('field defaults valid for the type', () => {
  test('["null", T]: null only; [T, "null"]: a T', () => {
    checkCompletion('default-nullable.avsc', { exactly: ['null'], edits: ['null'] });
    checkCompletion('default-string-first.avsc', { exactly: ['""'], excludes: ['null'], edits: ['""'] });
  });

  test('an enum from the workspace: its default symbol first', () => {
    checkCompletion('default-enum.avsc', { ...WS, exactly: ['"ONLINE"', '"STORE"'], edits: ['"STORE"'] });
  });

  test('a record: an object with a value for each field without a default (nested records too)', () => {
    const r = checkCompletion('default-record.avsc', { ...WS });
    assert.equal(r.items.length, 1);
    const after = applyItem(r.text, r.items[0]);
    assert.ok(after.includes('"default": {"sku": "", "quantity": 0, "price": {"amount": ""}, "tags": []}'), after);
  });

  test('a key inside a record default: the record\'s fields not yet written', () => {
    checkCompletion('default-record-keys.avsc', { ...WS, exactly: ['currency'], edits: ['currency'] });
  });

  test('boolean (replacing a half-typed keyword), array, fixed', () => {
    checkCompletion('default-boolean.avsc', { exactly: ['false', 'true'], edits: ['true'] });
    checkCompletion('default-collections.avsc', { exactly: ['[]'], edits: ['[]'] });
    checkCompletion('default-fixed.avsc', { exactly: ['"\\u0000\\u0000\\u0000\\u0000"'] });
  });

  test('a record that must contain itself has no finite default: nothing is proposed', () => {
    checkCompletion('default-recursive.avsc', { none: true });
  });

  test('every proposal type-checks: the first default of every field of the examples, applied, gives no default diagnostic', () => {
    const files = ['examples/agent-lifecycle.avsc', 'examples/metering-event.avsc', 'examples/policy-change.avsc', 'examples/policy-decision.avsc', 'examples/common/time-window.avsc'];
    const index = new SchemaIndex();
    for (const f of files) index.set(parseAvroDocument(`file:///ex/${f}`, fs.readFileSync(path.join(REPO_ROOT, f), 'utf8'), 1));
    const settings = normalizeSettings({});
    let checked = 0;
    for (const f of files) {
      const doc = index.get(`file:///ex/${f}`)!;
      const resolve = resolverFor(index, doc);
      for (const field of doc.fields) {
        if (field.defaultProperty || !field.type) continue;
        for (const proposal of defaultProposals(field.type, resolve)) {
          const at = field.node.offset + 1;
          const text = doc.text.slice(0, at) + `"default": ${proposal.json}, ` + doc.text.slice(at);
          const other = new SchemaIndex();
          for (const d of index.allDocuments()) if (d.uri !== doc.uri) other.set(d);
          const changed = parseAvroDocument(doc.uri, text, 2);
          other.set(changed);
          const problems = validateDocument(changed, settings, other).filter(d => /^AVRO-22[0-2]$/.test(d.code));
          assert.deepEqual(problems.map(p => p.message), [], `${f} ${field.name}: ${proposal.json}`);
          checked++;
        }
      }
    }
    assert.ok(checked >= 20, `only ${checked} proposals checked`);
  });
});

describe('snippets', () => {
  test('in a fields array: field and nullable field, in the style of the fields around', () => {
    checkCompletion('fields-spaced.avsc', { exactly: ['field', 'nullable field'], edits: ['field', 'nullable field'] });
    checkCompletion('fields-multiline.avsc', { exactly: ['field', 'nullable field'], edits: ['nullable field'] });
  });

  test('a new empty file: a whole record named after the file, in the namespace of its neighbours', () => {
    const r = checkCompletion('new-file.avsc', { ...WS, uri: 'file:///ws/workspace/order-created.avsc', first: ['record schema'], includes: ['string', 'enum'], edits: ['record schema'] });
    assert.equal(r.items[0].preselect, true);
    assert.equal(recordNameFromUri('file:///x/2fa-events.avsc'), '_2faEvents');
  });
});

describe('broken and half-typed documents', () => {
  test('a field type with nothing after the colon, at the end of the file', () => {
    checkCompletion('broken-type-no-value-eof.avsc', { first: PRIMITIVES, edits: ['string'] });
  });

  test('a key without its closing quote at the end of the file', () => {
    checkCompletion('broken-key-unterminated.avsc', { first: ['type'], excludes: ['name'], edits: ['type'] });
  });

  test('a value without its closing quote at the end of the file', () => {
    checkCompletion('broken-value-unterminated.avsc', { includes: ['long'], edits: ['long'] });
  });

  test('an unclosed field followed by the next field (which the parser took as the type)', () => {
    checkCompletion('broken-unclosed-field.avsc', { first: PRIMITIVES, edits: ['int'] });
  });

  test('a trailing comma: keys, without a second comma', () => {
    checkCompletion('broken-trailing-comma.avsc', { exactly: ['default', 'doc', 'order', 'aliases'], edits: ['doc'] });
  });

  test('a missing comma after the previous property is added there', () => {
    const r = checkCompletion('broken-missing-comma-before.avsc', { includes: ['doc'], edits: ['doc'] });
    assert.equal(r.items[0].additionalEdits?.[0].newText, ',');
  });

  test('a colon with the next key on the following line: the value gets a comma', () => {
    checkCompletion('broken-next-line-key.avsc', { first: PRIMITIVES, edits: ['string'] });
  });

  test('a type typed without quotes is replaced by the quoted name', () => {
    checkCompletion('broken-unquoted-word.avsc', { includes: ['long'], edits: ['long'] });
  });

  test('a union item without the comma before it', () => {
    checkCompletion('broken-union-missing-comma.avsc', { includes: ['string'], excludes: ['null'], edits: ['string'] });
  });

  test('an unclosed union at the end of the file', () => {
    checkCompletion('broken-union-unclosed.avsc', { includes: ['string', 'Order'], excludes: ['null', 'union'], edits: ['string'] });
  });

  test('a key typed in front of existing keys gets a comma after it', () => {
    checkCompletion('broken-key-before-existing.avsc', { exactly: ['default', 'doc', 'order', 'aliases'], edits: ['doc'] });
  });

  test('a field without "type" offers it, with its default already written', () => {
    checkCompletion('broken-no-type-field.avsc', { first: ['type'], excludes: ['default', 'name'] });
  });

  test('nothing inside a comment, inside a doc string, after the end of the schema, or between a key and a missing colon', () => {
    checkCompletion('broken-in-comment.avsc', { none: true });
    checkCompletion('broken-in-doc.avsc', { none: true });
    checkCompletion('broken-after-end.avsc', { none: true });
    checkCompletion('broken-missing-colon.avsc', { none: true });
  });

  test('every offset of every fixture gives a result without throwing', () => {
    for (const f of fs.readdirSync(COMPLETION_FIXTURES).filter(n => n.endsWith('.avsc'))) {
      const { text } = completionAt(f);
      const doc = parseAvroDocument('file:///ws/all.avsc', text, 1);
      for (let offset = 0; offset <= text.length; offset++) {
        const list = getCompletions({ doc, offset, settings: normalizeSettings({}) });
        for (const i of list.items) assert.ok(i.edit.offset <= offset && offset <= i.edit.offset + i.edit.length, `${f}@${offset} ${i.label}`);
      }
    }
  });
});

describe('names', () => {
  test('the shortest spelling that resolves to the same fullname (Java: enclosing namespace, then the null namespace)', () => {
    const defined = new Set(['a.b.X', 'X', 'Y', 'a.b.Z', 'c.Z']);
    const isDefined = (f: string): boolean => defined.has(f);
    assert.equal(referenceSpelling('a.b.Z', 'a.b', isDefined), 'Z');
    assert.equal(referenceSpelling('c.Z', 'a.b', isDefined), 'c.Z');
    assert.equal(referenceSpelling('Y', 'a.b', isDefined), 'Y', 'the null namespace, not shadowed');
    assert.equal(referenceSpelling('X', 'a.b', isDefined), undefined, 'shadowed by a.b.X: unreachable from a.b');
    assert.equal(referenceSpelling('X', '', isDefined), 'X');
    assert.equal(referenceSpelling('a.b.X', '', isDefined), 'a.b.X');
  });
});
