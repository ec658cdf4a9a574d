// Authoring in the real VS Code UI: Ctrl+Space in a type position lists primitives and a type of another file, accepting one writes it, a hover shows its fingerprints.
//
// Run by run.mjs, or alone: AVRO_VSIX=<vsix> E2E_OUT=<folder> node test/e2e/ui-authoring-complete.mjs
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createProfile } from './lib/codeServer.mjs';
import { createSession, lineColumn, runAlone } from './lib/session.mjs';
import { waitUntil } from './lib/wait.mjs';
import * as wb from './lib/workbench.mjs';

const FILE = 'schemas/orders/order-placed.avsc';
/** Money's Parsing Canonical Form, written out by hand from the specification's rules. */
const MONEY_CANONICAL = '{"name":"com.acme.common.Money","type":"record","fields":[{"name":"units","type":"long"},{"name":"currency","type":"string"}]}';

export async function runAuthoringCompleteUiTests({ repoRoot, vsix, outDir, log }) {
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

  const session = createSession({ name: 'ui-complete', shotPrefix: 'complete-', title: 'UI completion and hover (Playwright)', profile, outDir, log });
  const { result, step, shot } = session;
  let page;
  const editorLines = () => page.locator('.editor-instance .monaco-editor .view-lines').first();
  const suggestWidget = () => page.locator('.editor-widget.suggest-widget.visible');
  const suggestRow = label => suggestWidget().locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/\./g, '\\.')}$`) }) });

  return session.run(async () => {
    await step('the VSIX installs and the workbench opens the workspace in Restricted Mode', async () => {
      await session.install(vsix);
      page = await session.open({ folder: 'schemas', trust: false, keepBlockedRequests: true });
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
  });
}

// Alone: node test/e2e/ui-authoring-complete.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
await runAlone(import.meta.url, runAuthoringCompleteUiTests);
