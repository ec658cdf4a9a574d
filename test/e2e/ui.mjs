// The user's path through the real VS Code UI: install the VSIX, open a schema, type a mistake, see it reported, fix it.
import fs from 'node:fs';
import path from 'node:path';
import { createProfile } from './lib/codeServer.mjs';
import { createSession, runAlone } from './lib/session.mjs';
import * as wb from './lib/workbench.mjs';

const FILE = 'schemas/customer.avsc';
// The line of customer.avsc the test edits: { "name": "loyaltyPoints", "type": "int", "default": 0 },
const EDIT_LINE_TEXT = '"default": 0 }';

/**
 * Runs in Restricted Mode (workspace trust on, folder not trusted): validation is the part of Avro
 * Studio that must work there.
 */
export async function runUiTests({ repoRoot, vsix, outDir, log }) {
  const profile = createProfile({
    name: 'ui',
    workspaceFixture: path.join(repoRoot, 'test/e2e/workspace'),
    settings: {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never',
      'security.workspace.trust.banner': 'never',
      'editor.hover.enabled': false, // a hover card could cover the squiggle in screenshots
    },
  });
  const lines = fs.readFileSync(path.join(profile.workspace, FILE), 'utf8').split('\n');
  const editLine = lines.findIndex(l => l.includes(EDIT_LINE_TEXT)) + 1;
  const editColumn = lines[editLine - 1].indexOf(EDIT_LINE_TEXT) + '"default": '.length + 1;

  const session = createSession({ name: 'ui', title: 'UI (Playwright)', profile, outDir, log });
  const { result, step, shot } = session;
  let page;
  let t = Date.now();

  return session.run(async () => {
    await step('the VSIX installs with code-server --install-extension', async () => {
      await session.install(vsix);
      result.timings.installS = (Date.now() - t) / 1000;
    });

    await step('code-server starts and the workbench shows the workspace', async () => {
      t = Date.now();
      page = await session.open({ folder: 'schemas', trust: false, keepBlockedRequests: true });
      result.timings.codeServerReadyS = session.server.readyMs / 1000;
      result.timings.workbenchReadyS = (Date.now() - t) / 1000;
    });

    await step('the workspace is in Restricted Mode (not trusted)', async () => {
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 15_000 });
    });

    await step(`${FILE} opens in language mode "Avro Schema"`, async () => {
      t = Date.now();
      await wb.quickOpen(page, FILE);
      await page.locator('#status\\.editor\\.mode', { hasText: 'Avro Schema' }).waitFor({ timeout: 15_000 });
    });

    await step('the status bar shows the server ready ("Avro" with a check mark)', async () => {
      const item = page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' });
      await item.first().waitFor({ timeout: 60_000 });
      result.timings.openToServerReadyS = (Date.now() - t) / 1000;
      const label = await item.first().locator('a').first().getAttribute('aria-label');
      if (!/indexed/.test(label || '')) throw new Error(`tooltip/aria-label does not say what was indexed: "${label}"`);
      await shot('1-opened.png');
    });

    await step('the valid schema has no squiggle and Problems is empty', async () => {
      await wb.showProblems(page);
      await page.locator('.markers-panel', { hasText: 'No problems have been detected' }).waitFor({ timeout: 15_000 });
      if ((await wb.squiggles(page).count()) !== 0) throw new Error('error squiggle before any edit');
    });

    await step('typing a default of the wrong type ("zero" for an int) draws a squiggle', async () => {
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await wb.goTo(page, editLine, editColumn);
      await page.keyboard.press('Delete');
      await page.keyboard.type('"zero"');
      t = Date.now();
      await wb.waitForEditorText(page, '"default": "zero" }');
      await wb.squiggles(page).first().waitFor({ timeout: 30_000 });
    });

    await step('the Problems panel lists it with code AVRO-220 and names the value', async () => {
      await wb.showProblems(page);
      // Each keystroke is validated; wait for the result of the last one (the message names "zero").
      const row = wb.problemRows(page, 'AVRO-220').filter({ hasText: /\bzero\b/ }).first();
      await row.waitFor({ timeout: 30_000 });
      result.timings.lastKeystrokeToProblemS = (Date.now() - t) / 1000;
      result.problemText = ((await row.textContent()) || '').trim();
      await shot('2-mistake.png');
    });

    await step('fixing the value (42) removes the squiggle and the problem', async () => {
      await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await wb.goTo(page, editLine, editColumn);
      for (let i = 0; i < '"zero"'.length; i++) await page.keyboard.press('Shift+ArrowRight');
      await page.keyboard.type('42');
      t = Date.now();
      await wb.waitForEditorText(page, '"default": 42 }');
      await wb.squiggles(page).first().waitFor({ state: 'detached', timeout: 30_000 });
      await wb.problemRows(page, 'AVRO-220').first().waitFor({ state: 'detached', timeout: 15_000 });
      result.timings.fixToClearS = (Date.now() - t) / 1000;
      await shot('3-fixed.png');
    });

    await step('clicking the status bar item shows the "Avro Studio" output', async () => {
      await page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' }).first().click();
      await page.locator('.panel .output-view, .panel [id="workbench.panel.output"]').first().waitFor({ timeout: 15_000 });
      await page.locator('.panel .monaco-editor .view-lines', { hasText: 'Avro Studio' }).first().waitFor({ timeout: 15_000 });
      await shot('4-output.png');
    });
  });
}

// Alone: node test/e2e/ui.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
await runAlone(import.meta.url, runUiTests);
