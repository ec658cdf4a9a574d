// Packages the extension with vsce and checks the VSIX holds exactly the allowlisted files (.vscodeignore).
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { REPO_ROOT, DIST } from '../helpers/paths';

interface ZipEntry {
  name: string;
  size: number;
  /** The entry's bytes, uncompressed. */
  read(): Buffer;
}

/** The entries of a zip archive, read from its central directory (a VSIX is a zip). */
function zipEntries(zip: Buffer): ZipEntry[] {
  // The end-of-central-directory record is the last thing in the file, followed by a comment of up to 64 KiB.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  }
  assert.ok(eocd >= 0, 'not a zip archive: no end-of-central-directory record');
  const count = zip.readUInt16LE(eocd + 10);
  let offset = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    assert.equal(zip.readUInt32LE(offset), 0x02014b50, `central directory entry ${i} is malformed`);
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const size = zip.readUInt32LE(offset + 24);
    const nameLength = zip.readUInt16LE(offset + 28);
    const extraLength = zip.readUInt16LE(offset + 30);
    const commentLength = zip.readUInt16LE(offset + 32);
    const localHeader = zip.readUInt32LE(offset + 42);
    const read = (): Buffer => {
      const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const data = zip.subarray(start, start + compressedSize);
      return method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data);
    };
    entries.push({ name: zip.toString('utf8', offset + 46, offset + 46 + nameLength), size, read });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const EXPECTED = [
  '[Content_Types].xml',
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
  'extension/dist/client.js',
  'extension/dist/server.js',
  'extension/syntaxes/avsc.tmLanguage.json',
  'extension/language-configuration.json',
  'extension/schemas/avro-studio.schema.json',
  'extension/dist/server.js.map',
  'extension/dist/THIRD-PARTY-NOTICES.txt',
  'extension/docs/rules.md',
  'extension/docs/images/diagnostics.png',
  'extension/docs/images/compatibility.png',
].sort();

let tmp: string;
let entries: ZipEntry[];
let vsixSize: number;

before(() => {
  for (const bundle of ['client.js', 'server.js']) {
    assert.ok(fs.existsSync(path.join(DIST, bundle)), `dist/${bundle} is missing: run \`npm run build\` first (npm test does)`);
  }
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-vsix-'));
  const vsix = path.join(tmp, 'avro-studio.vsix');
  // The flags of `npm run package` (no repository to rewrite the README's relative links to: they point into the VSIX).
  const flags = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts.package as string).match(/vsce package (.*) --out /)![1].split(' ');
  execFileSync(path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce'), ['package', ...flags, '--out', vsix],
    { cwd: REPO_ROOT, stdio: 'pipe' });
  const zip = fs.readFileSync(vsix);
  vsixSize = zip.length;
  entries = zipEntries(zip);
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the VSIX holds exactly the allowlisted files', () => {
  assert.deepEqual(entries.map(e => e.name).sort(), EXPECTED);
});

test('no file in the VSIX is empty, and every file the packaged manifest names is in the VSIX', () => {
  for (const e of entries) assert.ok(e.size > 0, `${e.name} is empty`);
  const names = new Set(entries.map(e => e.name));
  const manifest = entries.find(e => e.name === 'extension/package.json');
  assert.ok(manifest, 'extension/package.json');
  const pkg = JSON.parse(manifest.read().toString('utf8'));
  const referenced = [
    pkg.main,
    ...pkg.contributes.languages.map((l: { configuration: string }) => l.configuration),
    ...pkg.contributes.grammars.map((g: { path: string }) => g.path),
    ...pkg.contributes.jsonValidation.map((j: { url: string }) => j.url),
  ];
  assert.ok(referenced.length >= 3);
  for (const file of referenced) {
    const entry = 'extension/' + path.posix.normalize(file);
    assert.ok(names.has(entry), `the manifest names ${file}, which is not in the VSIX`);
  }
  const client = entries.find(e => e.name === 'extension/dist/client.js')!.read().toString('utf8');
  assert.match(client, /dist\/server\.js/, 'the client bundle starts the bundled server');
});

test('the bundles ship the licences of what they bundle, and source maps that name our sources', () => {
  const notices = entries.find(e => e.name === 'extension/dist/THIRD-PARTY-NOTICES.txt')!.read().toString('utf8');
  for (const name of ['vscode-languageserver', 'vscode-languageclient', 'vscode-jsonrpc', 'jsonc-parser', 'minimatch']) {
    assert.match(notices, new RegExp(`^${name} \\d+\\.\\d+\\.\\d+ \\(`, 'm'), `${name} is listed with its version and licence`);
  }
  const js = entries.find(e => e.name === 'extension/dist/server.js')!.read().toString('utf8');
  assert.match(js.slice(0, 200), /process\.setSourceMapsEnabled\?\.\(true\)/, 'server.js turns source maps on before anything runs');
  assert.match(js.slice(-200), /\/\/# sourceMappingURL=server\.js\.map\s*$/);
  const map = JSON.parse(entries.find(e => e.name === 'extension/dist/server.js.map')!.read().toString('utf8')) as { sources: string[] };
  assert.ok(map.sources.some(s => s.includes('server/src/server.ts')), 'server.js.map names our source files');
});

test('the VSIX stays small (under 2 MB even with development bundles)', () => {
  console.log(`package: VSIX ${(vsixSize / 1024).toFixed(0)} KiB compressed, ${(entries.reduce((n, e) => n + e.size, 0) / 1024).toFixed(0)} KiB uncompressed`);
  assert.ok(vsixSize < 2 * 1024 * 1024, `VSIX is ${vsixSize} bytes`);
});

test('every relative link and image of the packaged README is in the VSIX (the extension page shows them offline)', () => {
  const readme = entries.find(e => e.name === 'extension/readme.md')!.read().toString('utf8');
  const links = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map(m => m[1]).filter(l => !/^[a-z]+:/i.test(l) && !l.startsWith('#'));
  assert.ok(links.some(l => l.endsWith('.png')), `the README shows a screenshot: ${links.join(', ')}`);
  const names = new Set(entries.map(e => e.name));
  for (const link of links) assert.ok(names.has('extension/' + path.posix.normalize(link.split('#')[0])), `${link} is not in the VSIX`);
});
