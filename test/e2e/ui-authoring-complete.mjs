// Authoring in the real VS Code UI: Ctrl+Space in a type position lists primitives and a type of another file, accepting one writes it, a hover shows its fingerprints.
//
// Run by run.mjs, or alone: AVRO_VSIX=<vsix> E2E_OUT=<folder> node test/e2e/ui-authoring-complete.mjs
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProfile, installExtension, startCodeServer, keepLogs } from './lib/codeServer.mjs';
import { launchBrowser, openWorkbench } from './lib/browser.mjs';
import { waitUntil } from './lib/wait.mjs';
import * as wb from './lib/workbench.mjs';

const FILE = 'schemas/orders/order-placed.avsc';
/** Money's Parsing Canonical Form, written out by hand from the specification's rules. */
const MONEY_CANONICAL = '{"name":"com.acme.common.Money","type":"record","fields":[{"name":"units","type":"long"},{"name":"currency","type":"string"}]}';

/** 1-based line and column of `needle` in a text, plus `delta` characters. */
function lineColumn(text, needle, delta = 0) {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

export async function runAuthoringCompleteUiTests({ repoRoot, vsix, outDir, log }) {
  const result = { name: 'UI completion and hover (Playwright)', passed: [], failed: [], timings: {} };
  const profile = createProfile({
    name: 'complete',
    workspaceFixture: path.join(repoRoot, 'test/e2e/workspace-complete'),
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'editor.quickSuggestions': { other: false, comments: false, strings: false }, // only Ctrl+Space opens the list
    },
  });
  const text = fs.readFileSync(path.join(profile.workspace, FILE), 'utf8');

  let server;
  let browser;
  let page;
  const shot = name => page.screenshot({ path: path.join(outDir, name) });
  const step = async (title, fn) => {
    const started = Date.now();
    try {
      await fn();
      result.passed.push(title);
      log(`ui-complete: ok ${title} (${Date.now() - started} ms)`);
    } catch (error) {
      result.failed.push({ title, error: String(error?.stack || error) });
      log(`ui-complete: FAILED ${title}: ${String(error?.message || error).split('\n')[0]}`);
      if (page) await shot(`complete-error-${result.failed.length}.png`).catch(() => {});
      throw error;
    }
  };
  const editorLines = () => page.locator('.editor-instance .monaco-editor .view-lines').first();
  const suggestWidget = () => page.locator('.editor-widget.suggest-widget.visible');
  const suggestRow = label => suggestWidget().locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/\./g, '\\.')}$`) }) });

  try {
    await step('the VSIX installs and the workbench opens the workspace in Restricted Mode', async () => {
      const installed = await installExtension(profile, vsix);
      if (!installed.some(d => d.startsWith('avro-studio.avro-studio-'))) throw new Error(`installed: ${installed.join(', ')}`);
      server = await startCodeServer(profile, { logFile: path.join(outDir, 'ui-complete-code-server.log'), trust: false });
      browser = await launchBrowser(profile);
      const opened = await openWorkbench(browser, server, server.url(profile.workspace), { consoleLog: path.join(outDir, 'ui-complete-browser-console.log') });
      page = opened.page;
      result.blockedRequests = opened.blockedRequests;
      await wb.waitForWorkbench(page, 'schemas');
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 15_000 });
    });

    await step(`${FILE} opens and the server has indexed the workspace`, async () => {
      await wb.quickOpen(page, FILE);
      await page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' }).first().waitFor({ timeout: 60_000 });
    });

    await step('Ctrl+Space in the empty type of a field lists the primitives first and Money from another file, by the name that resolves', async () => {
      const at = lineColumn(text, '"type": ""', '"type": "'.length);
      await editorLines().click();
      await wb.goTo(page, at.line, at.column);
      const started = Date.now();
      await page.keyboard.press('Control+Space');
      await suggestRow('string').first().waitFor({ timeout: 15_000 });
      await suggestRow('com.acme.common.Money').first().waitFor({ timeout: 15_000 });
      result.timings.ctrlSpaceToListS = (Date.now() - started) / 1000;
      const rows = (await suggestWidget().locator('.monaco-list-row .label-name').allTextContents()).map(s => s.trim());
      log(`ui-complete: rows shown: ${rows.join(', ')}`);
      if (rows.slice(0, 3).join(',') !== 'string,long,int') throw new Error(`the list starts with ${rows.slice(0, 3).join(', ')}`);
      await shot('complete-1-type-list.png');
    });

    await step('typing "Mon" filters to Money; its details show the declaration (completionItem/resolve)', async () => {
      await page.keyboard.type('Mon');
      // The focused item shows its resolved detail (the file it comes from) once the client resolved it.
      await suggestWidget().locator('.monaco-list-row.focused', { hasText: 'record com.acme.common.Money (schemas/common/money.avsc)' }).waitFor({ timeout: 15_000 });
      // Ctrl+Space again toggles the details of the focused item (pressed again if the widget was still re-rendering).
      const details = page.locator('.suggest-details-container .suggest-details', { hasText: 'long units;' }).first();
      await waitUntil(async () => {
        if (await details.isVisible()) return true;
        await page.keyboard.press('Control+Space');
        return details.waitFor({ timeout: 3000 }).then(() => true, () => false);
      }, { timeoutMs: 20_000, what: 'the details of the focused item' });
      const shown = ((await details.textContent()) || '').replace(/\s+/g, ' ');
      for (const expected of ['record com.acme.common.Money {', 'An amount of money in minor units', 'Defined in schemas/common/money.avsc']) {
        if (!shown.includes(expected)) throw new Error(`the details do not show "${expected}": ${shown}`);
      }
      await shot('complete-2-details.png');
    });

    await step('Enter writes the reference and the unknown-type squiggle goes away', async () => {
      const started = Date.now();
      await page.keyboard.press('Enter');
      await wb.waitForEditorText(page, '"type": "com.acme.common.Money" }');
      await suggestWidget().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => suggestWidget().waitFor({ state: 'hidden', timeout: 15_000 }));
      await wb.squiggles(page).first().waitFor({ state: 'detached', timeout: 30_000 });
      result.timings.acceptToNoSquiggleS = (Date.now() - started) / 1000;
      await shot('complete-3-accepted.png');
    });

    await step('a hover on the reference shows the fullname, where it is defined and its fingerprints', async () => {
      const after = text.replace('"type": ""', '"type": "com.acme.common.Money"');
      const at = lineColumn(after, 'com.acme.common.Money', 'com.acme.common.Mo'.length);
      await editorLines().click();
      await wb.goTo(page, at.line, at.column);
      const started = Date.now();
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+I');
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'CRC-64-AVRO' }).first();
      await hover.waitFor({ timeout: 15_000 });
      result.timings.hoverS = (Date.now() - started) / 1000;
      const shown = (await hover.textContent()) || '';
      const sha = crypto.createHash('sha256').update(MONEY_CANONICAL).digest('hex');
      for (const expected of ['record com.acme.common.Money', 'An amount of money in minor units', 'schemas/common/money.avsc, line 3', sha]) {
        if (!shown.includes(expected)) throw new Error(`the hover does not show "${expected}": ${shown}`);
      }
      if (!/CRC-64-AVRO: [0-9a-f]{16}/.test(shown)) throw new Error(`no CRC-64-AVRO fingerprint in: ${shown}`);
      result.hoverText = shown.replace(/\s+/g, ' ').slice(0, 400);
      await shot('complete-4-hover.png');
    });
  } catch {
    // The failing step is recorded; later steps depend on it.
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    keepLogs(profile, path.join(outDir, 'ui-complete-logs'));
    fs.rmSync(profile.root, { recursive: true, force: true });
  }
  return result;
}

// Alone: node test/e2e/ui-authoring-complete.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const outDir = path.resolve(process.env.E2E_OUT || path.join(repoRoot, 'test-output/e2e'));
  const vsix = path.resolve(process.env.AVRO_VSIX || path.join(repoRoot, 'avro-studio.vsix'));
  fs.mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const r = await runAuthoringCompleteUiTests({ repoRoot, vsix, outDir, log: m => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`) });
  console.log(JSON.stringify({ passed: r.passed, failed: r.failed, timings: r.timings, hoverText: r.hoverText }, null, 2));
  process.exit(r.failed.length === 0 && r.passed.length > 0 ? 0 : 1);
}
