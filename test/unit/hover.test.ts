// Hover, data-driven: every $0 of each fixture in test/fixtures/hover, compared with the golden Markdown in expected/ (UPDATE_EXPECT=1 rewrites).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { checkHover, hoversOf, sha256 } from '../helpers/checkHover';
import { getHover } from '../../server/src/service/hover';
import { canonicalForm, fingerprintCrc64 } from '../../server/src/service/model/canonical';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { resolverFor, SchemaIndex } from '../../server/src/service/model/schemaIndex';
import { normalizeSettings } from '../../server/src/service/settings';
import type { NamedSchema } from '../../server/src/service/model/types';

describe('hover', () => {
  test('named types at their definition and at references (IDL, doc, where defined, fingerprints); unknown names', () => {
    checkHover('named-types.avsc', { workspace: 'workspace' });
  });

  test('fields: the type in words, default, order, aliases, doc; a key of a record default is that field', () => {
    checkHover('fields.avsc');
  });

  test('logical types: meaning, underlying type, decimal precision and scale, custom ones', () => {
    checkHover('logical-types.avsc');
  });

  test('primitives (range, promotions) and attributes', () => {
    checkHover('primitives-and-attributes.avsc');
  });

  test('a broken document still has hovers before the break', () => {
    checkHover('broken.avsc');
  });

  test('the fingerprints are those of the Parsing Canonical Form of the type (CRC-64-AVRO as avro-tools prints it, SHA-256)', () => {
    const { text, hovers } = hoversOf('named-types.avsc', { workspace: 'workspace' });
    const index = new SchemaIndex();
    const doc = parseAvroDocument('file:///ws/named-types.avsc', text, 1);
    index.set(doc);
    const status = doc.definitions.get('com.acme.orders.Status') as NamedSchema;
    const form = canonicalForm(status, resolverFor(index, doc));
    assert.equal(form.text, '{"name":"com.acme.orders.Status","type":"enum","symbols":["OPEN","PAID","SHIPPED"]}');
    const statusHover = hovers[2]!.markdown;
    assert.ok(statusHover.includes(`CRC-64-AVRO: \`${fingerprintCrc64(form.text)}\``), statusHover);
    assert.ok(statusHover.includes(`SHA-256: \`${sha256(form.text)}\``), statusHover);
    // Avro's share/test/data/schema-tests.txt: fingerprint64("int") = 8247732601305521295 = 0x7275d51a3f395c8f;
    // avro-tools prints the 8 bytes of SchemaNormalization.fingerprint, little-endian.
    assert.equal(fingerprintCrc64('"int"'), '8f5c393f1ad57572');
  });

  test('without a SHA-256 function only CRC-64-AVRO is given; nothing on punctuation or outside the schema', () => {
    const text = '{"type": "enum", "name": "E", "symbols": ["A"]}  ';
    const doc = parseAvroDocument('file:///ws/e.avsc', text, 1);
    const h = getHover({ doc, offset: text.indexOf('"E"') + 1, settings: normalizeSettings({}) });
    assert.ok(h && h.markdown.includes('CRC-64-AVRO') && !h.markdown.includes('SHA-256'));
    assert.equal(getHover({ doc, offset: text.indexOf(':'), settings: normalizeSettings({}) }), undefined);
    assert.equal(getHover({ doc, offset: text.length - 1, settings: normalizeSettings({}) }), undefined);
  });

  test('every offset of every fixture gives a result without throwing', () => {
    for (const f of ['named-types.avsc', 'fields.avsc', 'logical-types.avsc', 'primitives-and-attributes.avsc', 'broken.avsc']) {
      const { text } = hoversOf(f);
      const doc = parseAvroDocument('file:///ws/x.avsc', text, 1);
      for (let offset = 0; offset <= text.length; offset++) {
        const h = getHover({ doc, offset, settings: normalizeSettings({}), sha256 });
        if (h) assert.ok(h.offset <= offset && offset < h.offset + h.length, `${f}@${offset}`);
      }
    }
  });
});
