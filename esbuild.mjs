// Bundles the extension client, the language server and the CLI (node, CommonJS; `vscode` external), with source maps and the licence notices of what they bundle.
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's UMD build hides its modules from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  // Linked maps without the sources: a logged stack trace of the server or the CLI names our
  // source files and lines (those bundles turn source maps on at start), and the VSIX stays small.
  sourcemap: 'linked',
  sourcesContent: !production,
  minify: production,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
  metafile: true,
};

/** Turns on Node's source map support before anything else runs, so stack traces point into server/src and client/src. */
const SOURCE_MAPS_ON = 'process.setSourceMapsEnabled?.(true);';

/**
 * The server's vscode-languageserver pins its own copy of vscode-languageserver-protocol; protocol.ts
 * (shared with the client) imports the message types from the top-level one. In the server bundle
 * both resolve to the server's copy, so it is bundled once (the two differ in nothing protocol.ts uses).
 */
const require = createRequire(import.meta.url);
const serverProtocol = require.resolve('vscode-languageserver-protocol', { paths: [path.dirname(require.resolve('vscode-languageserver'))] });
const oneProtocolCopy = {
  name: 'one-protocol-copy',
  setup(build) {
    build.onResolve({ filter: /^vscode-languageserver-protocol$/ }, () => ({ path: serverProtocol }));
  },
};

const builds = [
  // The client is a thin layer whose errors VS Code reports itself: its map is for development only (the VSIX stays small).
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'], sourcemap: production ? false : 'linked' },
  // keepNames: a failing validation rule is reported by its function name (checkDefaults ...), minified or not.
  { ...common, entryPoints: { server: 'server/src/node/main.ts', cli: 'server/src/cli/main.ts' }, outdir: 'dist', keepNames: true,
    banner: { js: `#!/usr/bin/env node\n${SOURCE_MAPS_ON}` }, plugins: [oneProtocolCopy] },
];

/** The npm packages whose code went into the bundles (from esbuild's metafile), by name, with their folder. */
function bundledPackages(metafiles) {
  const packages = new Map();
  for (const meta of metafiles) {
    for (const input of Object.keys(meta.inputs)) {
      const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
      if (m) packages.set(m[1], input.slice(0, m.index + m[0].length - 1).replace(/^\//, ''));
    }
  }
  return new Map([...packages].sort(([a], [b]) => a.localeCompare(b)));
}

/** dist/THIRD-PARTY-NOTICES.txt: each bundled package's name, version, licence and licence text (shipped in the VSIX). */
function writeNotices(metafiles) {
  const parts = [
    'Avro Studio bundles the following third-party packages into dist/client.js, dist/server.js and dist/cli.js.',
    'Their licences and copyright notices follow.',
    '',
  ];
  for (const [name, folder] of bundledPackages(metafiles)) {
    const pkg = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8'));
    const licenceFile = fs.readdirSync(folder).find(f => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(f));
    if (!licenceFile) throw new Error(`${name} is bundled but has no licence file in ${folder}: check its licence before shipping it`);
    parts.push('='.repeat(78), `${name} ${pkg.version} (${pkg.license ?? 'see below'})`, '='.repeat(78), fs.readFileSync(path.join(folder, licenceFile), 'utf8').trim(), '');
  }
  fs.writeFileSync('dist/THIRD-PARTY-NOTICES.txt', parts.join('\n'));
}

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map(b => esbuild.build(b)));
  writeNotices(results.map(r => r.metafile));
}
