// Navigation in the real VS Code UI: F12 to a type in another file, F2 rename across files with the alias added, the Outline view.
//
// Run by run.mjs, or alone: AVRO_VSIX=<vsix> E2E_OUT=<folder> node test/e2e/ui-navigation.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createProfile } from './lib/codeServer.mjs';
import { createSession, lineColumn, runAlone } from './lib/session.mjs';
import { waitUntil } from './lib/wait.mjs';
import * as wb from './lib/workbench.mjs';

const ORDER = 'schemas/orders/order.avsc';
const MONEY = 'schemas/common/money.avsc';
const REFUND = 'schemas/billing/refund.avsc';

export async function runNavigationUiTests({ repoRoot, vsix, outDir, log }) {
  const profile = createProfile({
    name: 'navigate',
    workspaceFixture: path.join(repoRoot, 'test/e2e/workspace-navigate'),
    settings: {
      'editor.hover.enabled': false, // a hover card could cover the editor in screenshots
      'workbench.editor.enablePreview': false, // F12 into another file keeps both tabs
    },
  });
  const file = rel => path.join(profile.workspace, rel);
  const orderText = fs.readFileSync(file(ORDER), 'utf8');
  const refundBefore = fs.readFileSync(file(REFUND), 'utf8');

  const session = createSession({ name: 'ui-navigation', shotPrefix: 'navigation-', title: 'UI navigation (Playwright)', profile, outDir, log });
  const { result, step, shot } = session;
  let page;
  const editorLines = () => page.locator('.editor-instance .monaco-editor .view-lines').first();
  /** Bring an open file's tab to the front (Quick Open can pick a recently opened row while it still filters). */
  const showTab = async name => {
    await page.locator('.tabs-container .tab', { hasText: name }).first().click();
    await page.locator('.tab.active', { hasText: name }).waitFor({ timeout: 15_000 });
  };
  const cursorStatus = () => page.locator('#status\\.editor\\.selection').first();

  return session.run(async () => {
    await step('the VSIX installs and the workbench opens the navigation workspace', async () => {
      await session.install(vsix);
      page = await session.open({ folder: 'schemas' });
    });

    await step(`${ORDER} opens and the server has indexed the workspace`, async () => {
      await wb.quickOpen(page, ORDER);
      await page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' }).first().waitFor({ timeout: 60_000 });
    });

    await step('F12 on a reference opens the other file at the definition of the type', async () => {
      const at = lineColumn(orderText, 'com.acme.common.Money', 'com.acme.common.Mo'.length);
      await editorLines().click();
      await wb.goTo(page, at.line, at.column);
      const started = Date.now();
      await page.keyboard.press('F12');
      await page.locator('.tab.active', { hasText: 'money.avsc' }).waitFor({ timeout: 15_000 });
      // The definition's name is selected: line 3, columns 12-17 ("Money").
      await cursorStatus().filter({ hasText: /Ln 3, Col 1[27]/ }).waitFor({ timeout: 15_000 });
      result.timings.f12ToDefinitionS = (Date.now() - started) / 1000;
      const selected = await page.evaluate(() => document.getSelection()?.toString() ?? '');
      log(`ui-navigation: cursor after F12: ${(await cursorStatus().textContent())?.trim()} ${selected ? `(selection "${selected}")` : ''}`);
      await shot('navigation-1-definition.png');
    });

    await step('F2 on the type name, a new name, Enter: the definition gets the new name and an alias for the old one', async () => {
      const money = fs.readFileSync(file(MONEY), 'utf8');
      const at = lineColumn(money, '"Money"', 3);
      await editorLines().click();
      await wb.goTo(page, at.line, at.column);
      await page.keyboard.press('F2');
      const input = page.locator('.rename-box input.rename-input');
      await input.waitFor({ timeout: 15_000 });
      const placeholder = await input.inputValue();
      if (placeholder !== 'Money') throw new Error(`rename box shows "${placeholder}"`);
      await input.fill('Amount');
      await shot('navigation-2-rename-box.png');
      const started = Date.now();
      await page.keyboard.press('Enter');
      await wb.waitForEditorText(page, '"name": "Amount"', 15_000);
      await wb.waitForEditorText(page, '"aliases": ["Money"]', 15_000);
      result.timings.renameS = (Date.now() - started) / 1000;
      await shot('navigation-3-renamed.png');
    });

    await step('the reference in the open file and the file never opened are updated (and saved)', async () => {
      await showTab('order.avsc');
      await wb.waitForEditorText(page, '"type": "com.acme.common.Amount"', 15_000);
      await wb.waitForEditorText(page, '["null", "com.acme.common.Amount"]', 15_000);
      // Every reference still resolves: the status bar counts no error.
      await page.locator('#status\\.problems', { hasText: /^\s*0\s+0/ }).first().waitFor({ timeout: 15_000 });
      if ((await wb.squiggles(page).count()) !== 0) throw new Error('an error squiggle after the rename');
      await shot('navigation-4-other-file.png');
      const refund = await waitUntil(() => {
        const text = fs.readFileSync(file(REFUND), 'utf8');
        return text !== refundBefore && text;
      }, { timeoutMs: 15_000, what: `${REFUND} written by the rename` });
      if (refund !== refundBefore.replace('com.acme.common.Money', 'com.acme.common.Amount')) throw new Error(`${REFUND} after the rename:\n${refund}`);
    });

    await step('the Outline view lists the record, its fields and the nested enum', async () => {
      await showTab('money.avsc');
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>Explorer: Focus on Outline View');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus on Outline View' }).first().waitFor();
      await page.keyboard.press('Enter');
      const outline = page.locator('.pane-body .monaco-list-row .outline-element');
      for (const name of ['Amount', 'units', 'currency', 'Currency', 'EUR']) {
        await outline.filter({ hasText: name }).first().waitFor({ timeout: 15_000 });
      }
      const rows = await outline.allTextContents();
      log(`ui-navigation: outline rows: ${rows.map(r => r.trim()).join(' | ')}`);
      await shot('navigation-5-outline.png');
    });
  });
}

// Alone: node test/e2e/ui-navigation.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
await runAlone(import.meta.url, runNavigationUiTests);
