// End-to-end tests in a real VS Code (code-server): the UI path with Playwright, then the mocha suite inside the extension host.
//
// Usage: npm run test:e2e   (packages avro-studio.vsix first), or node test/e2e/run.mjs [--ui-only | --host-only]
// Env: CS_DIR (code-server install, default /opt/cs), CHROMIUM (default /usr/bin/chromium),
//      AVRO_VSIX (default ./avro-studio.vsix), E2E_OUT (default test-output/e2e).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CODE_SERVER, CS_DIR } from './lib/codeServer.mjs';
import { CHROMIUM } from './lib/browser.mjs';
import { runUiTests } from './ui.mjs';
import { runHostSuite } from './host.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const outDir = path.resolve(process.env.E2E_OUT || path.join(repoRoot, 'test-output/e2e'));
const vsix = path.resolve(process.env.AVRO_VSIX || path.join(repoRoot, 'avro-studio.vsix'));
const started = Date.now();
const log = message => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function preconditions() {
  const problems = [];
  if (!fs.existsSync(CODE_SERVER)) problems.push(`code-server is not installed in ${CS_DIR}: run bash test/e2e/install-code-server.sh`);
  if (!fs.existsSync(CHROMIUM)) problems.push(`no browser at ${CHROMIUM} (Debian: apt-get install chromium)`);
  if (!fs.existsSync(vsix)) problems.push(`no VSIX at ${vsix}: run npm run package`);
  for (const bundle of ['dist/client.js', 'dist/server.js']) {
    if (!fs.existsSync(path.join(repoRoot, bundle))) problems.push(`${bundle} is missing: run npm run build`);
  }
  return problems;
}

const problems = preconditions();
if (problems.length) {
  for (const p of problems) console.error(`e2e: ${p}`);
  process.exit(1);
}
fs.rmSync(outDir, { recursive: true, force: true });
fs.mkdirSync(outDir, { recursive: true });
log(`VSIX ${path.relative(repoRoot, vsix)} (${(fs.statSync(vsix).size / 1024).toFixed(0)} KiB); output in ${path.relative(repoRoot, outDir)}`);

const only = process.argv.find(a => a === '--ui-only' || a === '--host-only');
const results = [];
if (only !== '--host-only') results.push(await runUiTests({ repoRoot, vsix, outDir, log }));
if (only !== '--host-only') results.push(await (await import('./ui-navigation.mjs')).runNavigationUiTests({ repoRoot, vsix, outDir, log }));
if (only !== '--host-only') results.push(await (await import('./ui-fixes.mjs')).runFixesUiTests({ repoRoot, vsix, outDir, log }));
if (only !== '--host-only') results.push(await (await import('./ui-compat.mjs')).runCompatUiTests({ repoRoot, vsix, outDir, log }));
if (only !== '--host-only') results.push(await (await import('./ui-authoring-complete.mjs')).runAuthoringCompleteUiTests({ repoRoot, vsix, outDir, log }));
if (only !== '--host-only') results.push(await (await import('./ui-registry.mjs')).runRegistryUiTests({ repoRoot, vsix, outDir, log }));
if (only !== '--ui-only') results.push(await runHostSuite({ repoRoot, outDir, log }));

console.log('\nE2E summary');
let failed = 0;
let passed = 0;
for (const r of results) {
  passed += r.passed.length;
  failed += r.failed.length;
  console.log(`  ${r.name}: ${r.passed.length} passed, ${r.failed.length} failed${r.vscode ? ` (VS Code ${r.vscode})` : ''}`);
  for (const p of r.passed) console.log(`    ok    ${p}`);
  for (const f of r.failed) console.log(`    FAIL  ${f.title}\n          ${f.error.split('\n').slice(0, 6).join('\n          ')}`);
  console.log(`    timings: ${JSON.stringify(r.timings)}`);
  if (r.problemText) console.log(`    problem as shown: ${r.problemText}`);
  if (r.blockedRequests?.length) console.log(`    non-local browser requests blocked: ${[...new Set(r.blockedRequests)].join(', ')}`);
}
fs.writeFileSync(path.join(outDir, 'summary.json'), JSON.stringify(results, null, 2));
console.log(`\n${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots and logs in ${path.relative(repoRoot, outDir)}`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
