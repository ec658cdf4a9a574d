// The pure parts of adoption: suppression comments (target line, problems, removal before registering), finding fingerprints, the accepted findings file, avro-studio.json's "ignore" and "acceptedFindings" and their JSON Schema.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { IGNORE_KEYS } from '../../server/src/config/adoptionConfig';
import { parseProjectConfig } from '../../server/src/config/projectConfig';
import { parseAcceptedFindings, serializeAcceptedFindings } from '../../server/src/project/acceptedFindings';
import { CODE_INFO, codesOfCategory, RULE_CATEGORIES } from '../../server/src/service/codes';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { normalizedMessage, schemaPathAt } from '../../server/src/service/suppression/fingerprint';
import { inlineSuppressions, withoutSuppressionComments } from '../../server/src/service/suppression/inline';
import { registrableText } from '../../server/src/registry/mapping';
import { REPO_ROOT } from '../helpers/paths';

const doc = (text: string) => parseAvroDocument('file:///w/a.avsc', text, 1);

test('suppression comments: the next line with JSON (comments and blank lines skipped), or their own line after JSON; problems named', () => {
  const text = [
    '{',
    '  // avro-studio-ignore AVRO-222: why',
    '',
    '  // another comment',
    '  "a": 1, // avro-studio-ignore avro-242: lower case is fine',
    '  /* avro-studio-ignore AVRO-101 */',
    '  // avro-studio-ignore: nothing',
    '  // avro-studio-ignored AVRO-222: not the directive',
    '  "b": 2',
    '}',
  ].join('\n');
  const found = inlineSuppressions(text, doc(text).json.comments).map(s => [s.targetLine, s.code ?? s.written ?? '', s.reason, s.problem?.split(':')[0] ?? '']);
  assert.deepEqual(found, [
    [4, 'AVRO-222', 'why', ''],
    [4, 'AVRO-242', 'lower case is fine', ''],
    [8, 'AVRO-101', '', 'gives no reason'],
    [8, '', 'nothing', 'names no code'],
  ]);
});

test('removing suppression comments gives the text without them, byte for byte (own line with its break, trailing with its spaces, CRLF)', () => {
  const plain = '{\n  "type": "record",\n  "name": "A",\n  "fields": [\n    {"name": "x", "type": "int", "docs": "d"}\n  ]\n}\n';
  const suppressed = plain
    .replace('    {"name": "x"', '    // avro-studio-ignore AVRO-242: read as "docs"\n    {"name": "x"')
    .replace('"docs": "d"}', '"docs": "d"}   // avro-studio-ignore AVRO-242: again');
  assert.equal(withoutSuppressionComments(suppressed, doc(suppressed).json.comments), plain);
  const crlf = suppressed.replace(/\n/g, '\r\n');
  assert.equal(withoutSuppressionComments(crlf, doc(crlf).json.comments), plain.replace(/\n/g, '\r\n'));
  // Other comments are left for registrableText, which removes them as before.
  const other = '// owner: payments\n' + suppressed;
  assert.equal(registrableText(doc(other)), plain.trim());
});

test('fingerprints: fields and named types by name, symbols by value; messages without baselines, commits, versions, lines', () => {
  const text = '{"type": "record", "name": "A", "fields": [{"name": "x", "type": {"type": "enum", "name": "E", "symbols": ["P", "Q"]}}, {"name": "y", "type": ["null", "int"], "default": 0}]}';
  const d = doc(text);
  assert.equal(schemaPathAt(d.json.root, text.indexOf('"Q"')), '/fields/x/type/symbols/Q');
  assert.equal(schemaPathAt(d.json.root, text.indexOf('0}')), '/fields/y/default');
  assert.equal(schemaPathAt(d.json.root, text.indexOf('"int"')), '/fields/y/type/int');
  assert.equal(schemaPathAt(undefined, 3), '');
  assert.equal(
    normalizedMessage('BACKWARD (vs origin/main): a at registry:orders-value/v3, commit 3f2c1ab9, line 12, column 4'),
    normalizedMessage('BACKWARD (vs HEAD): a at registry:orders-value/v7, commit 0a1b2c3d, line 40, column 9'),
  );
});

test('the accepted findings file: sorted, counted, read back; invalid files say what is wrong', () => {
  const k = (file: string, code: string, p: string) => ({ file, code, path: p, hash: '00000001', message: 'm' });
  const text = serializeAcceptedFindings([k('b.avsc', 'AVRO-222', '/x'), k('a.avsc', 'AVRO-404', '/y'), k('a.avsc', 'AVRO-222', '/z'), k('b.avsc', 'AVRO-222', '/x')]);
  const parsed = parseAcceptedFindings(text, '/w/f.json');
  assert.ok(!('error' in parsed));
  assert.deepEqual(parsed.entries.map(e => [e.file, e.code, e.path, e.count]), [['a.avsc', 'AVRO-222', '/z', 1], ['a.avsc', 'AVRO-404', '/y', 1], ['b.avsc', 'AVRO-222', '/x', 2]]);
  assert.equal(serializeAcceptedFindings([]), '{\n  "version": 1,\n  "tool": "avro-studio",\n  "findings": []\n}\n');
  const bad = parseAcceptedFindings('{"version": 1, "findings": [{"file": "a", "code": "AVRO-1", "path": "", "hash": "x"}]}', 'f');
  assert.ok('error' in bad && /unknown code "AVRO-1"/.test(bad.error));
});

test('avro-studio.json: "ignore" and "acceptedFindings" read, with problems at their place; the JSON Schema knows the same keys and codes', () => {
  const ok = parseProjectConfig(JSON.stringify({ acceptedFindings: 'a/b.json', ignore: [{ files: 'x/**', reason: ' r ' }, { rules: 'AVRO-222', files: ['y/*.avsc'], reason: 'r' }] }), '/w');
  assert.deepEqual(ok.problems, []);
  assert.deepEqual(ok.config.ignore.map(e => [e.rules, e.files, e.reason, e.index]), [[undefined, ['x/**'], 'r', 0], [['AVRO-222'], ['y/*.avsc'], 'r', 1]]);
  assert.deepEqual(ok.config.acceptedFindings, { path: 'a/b.json', origin: { root: '/w', setting: 'avro-studio.json "acceptedFindings"' } });
  const text = '{"ignore": [{"files": "x/**", "reason": ""}, {"rules": [], "files": "{a,b"}], "acceptedFindings": "/etc/passwd"}';
  const bad = parseProjectConfig(text, '/w');
  assert.deepEqual(bad.problems.map(p => [text.slice(p.offset, p.offset + 12), p.message.replace('avro-studio.json: ', '').split(/[,:(]/)[0]]), [
    ['""}, {"rules', '"ignore[0].reason" must be a non-empty text saying why these findings are accepted.'],
    ['"{a,b"}], "a', '"ignore[1].files"'],
    ['[], "files":', '"ignore[1].rules" must be a non-empty array of codes like ["AVRO-404"] '],
    ['{"rules": []', '"ignore[1]" needs a "reason"'],
    ['"/etc/passwd', '"acceptedFindings" names "/etc/passwd"'],
  ]);
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/avro-studio.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties.ignore.items.properties).sort(), [...IGNORE_KEYS].sort());
  assert.deepEqual(schema.properties.ignore.items.required, ['files', 'reason']);
  assert.deepEqual(schema.definitions.code.enum, [...Object.keys(CODE_INFO), ...RULE_CATEGORIES.map(c => c.name)]);
});

test('"ignore" takes categories as "rules" does: expanded to their codes, quoted as written; an unknown one is a problem at its place', () => {
  const ok = parseProjectConfig(JSON.stringify({ ignore: [{ rules: ['policy/naming', 'AVRO-222', 'AVRO-641'], files: 'legacy/**', reason: 'r' }] }), '/w');
  assert.deepEqual(ok.problems, []);
  const [entry] = ok.config.ignore;
  assert.deepEqual(entry.rules, [...codesOfCategory('policy/naming')!, 'AVRO-222']);
  assert.ok(entry.rules!.includes('AVRO-641') && entry.rules!.filter(c => c === 'AVRO-641').length === 1);
  assert.deepEqual(entry.names, ['policy/naming', 'AVRO-222', 'AVRO-641']);
  const text = '{"ignore": [{"rules": ["policy/nameing"], "files": "x/**", "reason": "r"}]}';
  const bad = parseProjectConfig(text, '/w');
  assert.deepEqual(bad.problems.map(p => [text.slice(p.offset, p.offset + 16), /unknown code or category "policy\/nameing"/.test(p.message)]), [['"policy/nameing"', true]]);
});
