// Schema files that are not plain UTF-8: decoded once at the I/O edge (workspace/decode.ts), analysed as their real text, one AVRO-106.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../server/src/cli/main';
import type { CliIO } from '../../server/src/cli/io';
import type { JsonLintOutput } from '../../server/src/cli/formats/json';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { decodeBytes } from '../../server/src/workspace/decode';
import { loadWorkspace } from '../../server/src/workspace/loader';
import { WorkspaceIndex } from '../../server/src/workspace/workspaceIndex';
import { pathToUri } from '../../server/src/workspace/uris';
import { validateDocument } from '../../server/src/service/validation/validate';
import { normalizeSettings } from '../../server/src/service/settings';
import type { TextEncodingName } from '../../server/src/service/model/types';

/** A schema with one real problem (an unknown type), non-ASCII text and an astral character. */
const SCHEMA = '{\n  "type": "record",\n  "name": "Transfer",\n  "doc": "Überweisung 💶",\n  "fields": [\n    {"name": "amount", "type": "Moneyy"}\n  ]\n}\n';

function encode(text: string, encoding: TextEncodingName, bom: boolean): Buffer {
  let body: Buffer;
  switch (encoding) {
    case 'utf-8': body = Buffer.from(text, 'utf8'); break;
    case 'utf-16le': body = Buffer.from(text, 'utf16le'); break;
    case 'utf-16be': body = Buffer.from(text, 'utf16le').swap16(); break;
    default: {
      const cps = [...text].map(c => c.codePointAt(0)!);
      body = Buffer.alloc(cps.length * 4);
      cps.forEach((cp, i) => (encoding === 'utf-32le' ? body.writeUInt32LE(cp, i * 4) : body.writeUInt32BE(cp, i * 4)));
    }
  }
  if (!bom) return body;
  const marks: Record<TextEncodingName, number[]> = {
    'utf-8': [0xef, 0xbb, 0xbf], 'utf-16le': [0xff, 0xfe], 'utf-16be': [0xfe, 0xff], 'utf-32le': [0xff, 0xfe, 0, 0], 'utf-32be': [0, 0, 0xfe, 0xff],
  };
  return Buffer.concat([Buffer.from(marks[encoding]), body]);
}

const VARIANTS: Array<{ encoding: TextEncodingName; bom: boolean }> = [
  { encoding: 'utf-8', bom: true }, { encoding: 'utf-16le', bom: true }, { encoding: 'utf-16le', bom: false }, { encoding: 'utf-16be', bom: true },
  { encoding: 'utf-16be', bom: false }, { encoding: 'utf-32le', bom: true }, { encoding: 'utf-32le', bom: false }, { encoding: 'utf-32be', bom: true },
  { encoding: 'utf-32be', bom: false },
];

describe('decodeBytes', () => {
  for (const v of VARIANTS) {
    test(`${v.encoding}${v.bom ? ' with a BOM' : ''}: the real text, the encoding and the BOM`, () => {
      assert.deepEqual(decodeBytes(encode(SCHEMA, v.encoding, v.bom)), { text: SCHEMA, encoding: v.encoding, bom: v.bom });
    });
  }
  test('plain UTF-8 and text too short to tell stay UTF-8; odd trailing bytes become U+FFFD, never an exception', () => {
    assert.deepEqual(decodeBytes(Buffer.from(SCHEMA)), { text: SCHEMA, encoding: 'utf-8', bom: false });
    assert.deepEqual(decodeBytes(Buffer.from('1')), { text: '1', encoding: 'utf-8', bom: false });
    assert.deepEqual(decodeBytes(new Uint8Array(0)), { text: '', encoding: 'utf-8', bom: false });
    assert.equal(decodeBytes(Buffer.from([0xff, 0xfe, 0x7b, 0x00, 0x7d])).text, '{\ufffd');
  });
});

async function lint(args: string[], cwd: string): Promise<JsonLintOutput> {
  let stdout = '';
  const io: CliIO = { cwd, env: {}, stdout: { write: s => void (stdout += s) }, stderr: { write: () => undefined }, fs: nodeFileSystem };
  await runCli(['lint', ...args, '--format', 'json'], io);
  return JSON.parse(stdout) as JsonLintOutput;
}

describe('avro-studio lint and the workspace loader on files in other encodings', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-encoding-'));
  const root = path.join(dir, 'root');
  const outside = path.join(dir, 'outside');
  fs.mkdirSync(root);
  fs.mkdirSync(outside);
  for (const v of VARIANTS) {
    const name = `${v.encoding}${v.bom ? '-bom' : ''}.avsc`;
    fs.writeFileSync(path.join(root, name), encode(SCHEMA, v.encoding, v.bom));
    fs.writeFileSync(path.join(outside, name), encode(SCHEMA, v.encoding, v.bom));
  }
  fs.writeFileSync(path.join(root, 'plain.avsc'), SCHEMA);

  const expectOne = (codes: string[], file: string): void => {
    assert.deepEqual(codes.filter(c => c === 'AVRO-106').length, file === 'plain.avsc' ? 0 : 1, `${file}: ${codes.join(', ')}`);
    assert.ok(!codes.includes('AVRO-100'), `${file}: no syntax error: ${codes.join(', ')}`);
    assert.ok(codes.includes('AVRO-303'), `${file}: the real text is analysed: ${codes.join(', ')}`);
  };

  test('files under --root (the loader, as the editor indexes them): exactly one AVRO-106 each, then the schema itself', async () => {
    const out = await lint([root, '--root', root], dir);
    assert.equal(out.files.length, VARIANTS.length + 1);
    for (const f of out.files) {
      const name = path.basename(f.path);
      const codes = f.diagnostics.map(d => d.code);
      expectOne(codes, name);
      const d = f.diagnostics.find(x => x.code === 'AVRO-106');
      if (name === 'plain.avsc') continue;
      assert.equal(d?.severity, name === 'utf-8-bom.avsc' ? 'warning' : 'error', name);
      assert.match(d!.message, name === 'utf-8-bom.avsc' ? /UTF-8 byte order mark/ : /UTF-(16|32) \((little|big)-endian\)/);
      assert.match(d!.message, /Save it as UTF-8 without a BOM/);
    }
  });

  test('files named outside --root (the target read path): the same', async () => {
    const out = await lint([outside, '--root', root], dir);
    assert.equal(out.files.length, VARIANTS.length);
    for (const f of out.files) expectOne(f.diagnostics.map(d => d.code), path.basename(f.path));
  });

  test('the workspace loader hands the encoding to the service', async () => {
    const index = new WorkspaceIndex(Number.POSITIVE_INFINITY);
    await loadWorkspace(nodeFileSystem, [{ path: root, exclude: [] }], index);
    const doc = index.get(pathToUri(path.join(root, 'utf-16be.avsc')))!;
    assert.deepEqual(doc.source, { encoding: 'utf-16be', bom: false });
    assert.equal(doc.text, SCHEMA);
    const codes = validateDocument(doc, normalizeSettings({}), index.schemas).map(d => d.code);
    assert.deepEqual(codes, ['AVRO-106', 'AVRO-303']);
  });
});
