// Bundles the extension client, the language server and the CLI (node, CommonJS; `vscode` external).
// Usage: node esbuild.mjs [--production] [--watch]
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import * as path from 'node:path';

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
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: production ? 'none' : 'inline',
};

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
  { ...common, entryPoints: { client: 'client/src/extension.ts' }, outdir: 'dist', external: ['vscode'] },
  { ...common, entryPoints: { server: 'server/src/node/main.ts', cli: 'server/src/cli/main.ts' }, outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' }, plugins: [oneProtocolCopy] },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map(b => esbuild.build(b)));
}
