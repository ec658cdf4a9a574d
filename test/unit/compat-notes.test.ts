// AVRO-412: a named type whose namespace alone changed is compatible (Java >= 1.9, Schema Registry) but noted, in the engine, the level check and `avro-studio check`.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkSchemaTexts } from '../../server/src/service/compatibility/engine';
import { checkLevel } from '../../server/src/service/compatibility/levels';
import { compatibilityNoteDiagnostics } from '../../server/src/service/compatibility/diagnostics';
import { resolverFor } from '../../server/src/service/model/schemaIndex';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { normalizeSettings } from '../../server/src/service/settings';
import { runCli } from '../../server/src/cli/main';
import type { CliIO } from '../../server/src/cli/io';
import type { JsonCheckOutput } from '../../server/src/cli/formats/json';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

const address = (namespace: string, extra = ''): string =>
  `{"type": "record", "name": "CustomerMoved", "namespace": "com.acme.crm", "fields": [
    {"name": "home", "type": {"type": "record", "name": "Address", "namespace": "${namespace}"${extra}, "fields": [{"name": "city", "type": "string"}]}},
    {"name": "work", "type": "${namespace}.Address"}
  ]}`;

describe('the engine', () => {
  test('only the namespace changed: compatible, one note for the pair (the type is used twice)', () => {
    const r = checkSchemaTexts(address('com.acme.v2'), address('com.acme.v1'));
    assert.equal(r.compatible, true);
    assert.deepEqual(r.incompatibilities, []);
    assert.deepEqual(r.notes.map(n => [n.code, n.namedKind, n.readerFullname, n.writerFullname]), [['AVRO-412', 'record', 'com.acme.v2.Address', 'com.acme.v1.Address']]);
  });
  test('a reader alias with the old fullname satisfies Java 1.8 and avsc too: no note', () => {
    assert.deepEqual(checkSchemaTexts(address('com.acme.v2', ', "aliases": ["com.acme.v1.Address"]'), address('com.acme.v1')).notes, []);
  });
  test('same namespace, or a renamed type (a NAME_MISMATCH): no note', () => {
    assert.deepEqual(checkSchemaTexts(address('com.acme.v1'), address('com.acme.v1')).notes, []);
    const renamed = checkSchemaTexts(address('com.acme.v1').replace(/Address/g, 'Location'), address('com.acme.v1'));
    assert.deepEqual(renamed.notes, []);
    assert.equal(renamed.incompatibilities[0]?.type, 'NAME_MISMATCH');
  });
  test('enums and fixed too', () => {
    const e = (ns: string): string => `{"type": "enum", "name": "Tier", "namespace": "${ns}", "symbols": ["GOLD"]}`;
    assert.deepEqual(checkSchemaTexts(e('b'), e('a')).notes.map(n => n.namedKind), ['enum']);
    const f = (ns: string): string => `{"type": "fixed", "name": "Hash", "namespace": "${ns}", "size": 16}`;
    assert.deepEqual(checkSchemaTexts(f('b'), f('a')).notes.map(n => n.namedKind), ['fixed']);
  });
});

describe('the level check (the editor\'s path)', () => {
  const side = (uri: string, text: string) => {
    const doc = parseAvroDocument(uri, text, 1);
    return { doc, schema: doc.root!, resolve: resolverFor(undefined, doc) };
  };
  for (const level of ['BACKWARD', 'FORWARD', 'FULL'] as const) {
    test(`${level}: one info note on the name in the edited schema, not counted as breaking`, () => {
      const candidate = side('file:///ws/customer.avsc', address('com.acme.v2'));
      const result = checkLevel(level, candidate, [{ label: 'HEAD', side: side('avro-baseline:/HEAD/customer.avsc', address('com.acme.v1')) }]);
      assert.equal(result.compatible, true);
      assert.deepEqual(result.findings, []);
      const diagnostics = compatibilityNoteDiagnostics(result.notes, normalizeSettings({}));
      assert.deepEqual(diagnostics.map(d => [d.code, d.severity, candidate.doc.text.substr(d.offset, d.length)]), [['AVRO-412', 'info', '"Address"']]);
      assert.match(diagnostics[0].message, /only the namespace of the record changed, "com\.acme\.v1\.Address" to "com\.acme\.v2\.Address": compatible for Java 1\.9 and later and Schema Registry.*Java 1\.8 readers and avsc/);
      assert.equal(diagnostics[0].related?.[0].uri, 'avro-baseline:/HEAD/customer.avsc');
      assert.deepEqual(compatibilityNoteDiagnostics(result.notes, normalizeSettings({ severity: { 'AVRO-412': 'off' } })), []);
    });
  }
});

test('avro-studio check shows the note (info) and passes', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-ns-note-'));
  fs.mkdirSync(path.join(dir, 'schemas'));
  fs.mkdirSync(path.join(dir, 'old'));
  fs.writeFileSync(path.join(dir, 'schemas', 'customer.avsc'), address('com.acme.v2'));
  fs.writeFileSync(path.join(dir, 'old', 'customer.avsc'), address('com.acme.v1'));
  let stdout = '';
  const io: CliIO = { cwd: dir, env: {}, stdout: { write: s => void (stdout += s) }, stderr: { write: () => undefined }, fs: nodeFileSystem };
  const exit = await runCli(['check', 'schemas', '--root', 'schemas', '--against', 'file:old/customer.avsc', '--level', 'BACKWARD', '--format', 'json', '--no-config'], io);
  const out = JSON.parse(stdout) as JsonCheckOutput;
  assert.equal(exit, 0, stdout);
  const diagnostics = out.files[0].diagnostics;
  assert.deepEqual(diagnostics.map(d => [d.code, d.severity]), [['AVRO-412', 'info']]);
  fs.rmSync(dir, { recursive: true, force: true });
});
