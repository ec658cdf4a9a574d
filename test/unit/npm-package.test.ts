// The CLI on its own from an npm tarball: `npm pack` holds the allowlisted files (.npmignore), installs offline into an empty prefix (no runtime dependencies), and its bin runs.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, DIST } from '../helpers/paths';

const EXPECTED = [
  'package/package.json',
  'package/README.md',
  'package/LICENSE',
  'package/CHANGELOG.md',
  'package/dist/cli.js',
  'package/dist/cli.js.map',
  'package/dist/server.js',
  'package/dist/server.js.map',
  'package/dist/THIRD-PARTY-NOTICES.txt',
  'package/docs/rules.md',
  'package/schemas/avro-studio.schema.json',
].sort();

const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & { bin: Record<string, string>; version: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

let tmp: string;
let tarball: string;
let prefix: string;

before(() => {
  assert.ok(fs.existsSync(path.join(DIST, 'cli.js')), 'dist/cli.js is missing: run `npm run build` first (npm test does)');
  tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-npm-')));
  // --ignore-scripts: pack what `npm run build` made (the prepare script would rebuild dist/ under the other tests' feet).
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  tarball = path.join(tmp, (JSON.parse(out) as Array<{ filename: string }>)[0].filename);
  prefix = path.join(tmp, 'prefix');
  fs.mkdirSync(prefix);
  // A fresh cache and --offline: the install must need nothing but the tarball.
  execFileSync(npm, ['install', '--prefix', prefix, '--offline', '--cache', path.join(tmp, 'cache'), '--no-audit', '--no-fund', '--no-update-notifier', tarball],
    { cwd: tmp, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
});

after(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

test('the package has no runtime dependencies: everything is bundled', () => {
  for (const key of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
    assert.equal(pkg[key], undefined, `package.json "${key}": the bundles need none (esbuild puts them in); list build tools under devDependencies`);
  }
  for (const bin of Object.values(pkg.bin)) {
    const js = fs.readFileSync(path.join(REPO_ROOT, bin), 'utf8');
    const required = new Set([...js.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(m => m[1]));
    const notBuiltin = [...required].filter(m => !builtinModules.includes(m.replace(/^node:/, '')));
    assert.deepEqual(notBuiltin, [], `${bin} requires only Node's own modules`);
  }
});

test('the tarball holds exactly the allowlisted files (no client bundle, no sources, no tests)', () => {
  const listed = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean).sort();
  assert.deepEqual(listed, EXPECTED);
  console.log(`npm package: ${(fs.statSync(tarball).size / 1024).toFixed(0)} KiB (${path.basename(tarball)})`);
});

test('installed into an empty prefix offline, the bin runs: --version, lint of a good and a bad schema, the notices', () => {
  const bin = path.join(prefix, 'node_modules', '.bin', 'avro-studio');
  const installed = path.join(prefix, 'node_modules', 'avro-studio');
  assert.deepEqual(fs.readdirSync(path.join(prefix, 'node_modules')).filter(n => !n.startsWith('.')), ['avro-studio'], 'nothing else was installed');
  assert.ok(fs.statSync(path.join(installed, 'dist', 'THIRD-PARTY-NOTICES.txt')).size > 1000);

  const run = (...args: string[]) => spawnSync(bin, args, { cwd: tmp, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const version = run('--version');
  assert.equal(version.status, 0, version.stderr);
  assert.equal(version.stdout, `avro-studio ${pkg.version}\n`, 'the version comes from the installed package.json');

  fs.writeFileSync(path.join(tmp, 'good.avsc'), '{"type": "record", "name": "Good", "fields": [{"name": "id", "type": "long"}]}\n');
  fs.writeFileSync(path.join(tmp, 'bad.avsc'), '{"type": "record", "name": "Bad", "fields": [{"name": "id", "type": "long", "default": "x"}]}\n');
  const good = run('lint', 'good.avsc');
  assert.equal(good.status, 0, good.stdout + good.stderr);
  const bad = run('lint', 'bad.avsc');
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /^bad\.avsc:1:\d+: error AVRO-220 /m);

  const server = path.join(prefix, 'node_modules', '.bin', 'avro-studio-language-server');
  assert.ok(fs.existsSync(server), 'the language server bin is linked too (for other editors)');
});
