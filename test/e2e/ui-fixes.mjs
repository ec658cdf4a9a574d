// Quick fixes, formatting and Copy Fingerprint in the real VS Code UI: Ctrl+. on a misspelt attribute, Format Document, the command palette.
//
// Run by run.mjs, or alone: AVRO_VSIX=<vsix> E2E_OUT=<folder> node test/e2e/ui-fixes.mjs
import fs from 'node:fs';
import path from 'node:path';
import { createProfile } from './lib/codeServer.mjs';
import { createSession, lineColumn, runAlone } from './lib/session.mjs';
import { waitUntil } from './lib/wait.mjs';
import * as wb from './lib/workbench.mjs';

const PAYMENT = 'schemas/payment.avsc';
const MESSY = 'schemas/messy.avsc';
const RENAME = 'Rename "namspace" to "namespace"';

export async function runFixesUiTests({ repoRoot, vsix, outDir, log }) {
  const profile = createProfile({
    name: 'fixes',
    workspaceFixture: path.join(repoRoot, 'test/e2e/workspace-fixes'),
    settings: {
      'editor.hover.enabled': false, // a hover card could cover the squiggle in screenshots
      // Fixed indentation, so Format Document's result is known in advance.
      'editor.detectIndentation': false,
      'editor.tabSize': 2,
      'editor.insertSpaces': true,
      'editor.lightbulb.enabled': 'on',
    },
  });
  const file = rel => path.join(profile.workspace, rel);
  const paymentText = fs.readFileSync(file(PAYMENT), 'utf8');
  const expectedFormatted = fs.readFileSync(path.join(repoRoot, 'test/fixtures/format/badly-indented/2-spaces.avsc'), 'utf8');
  if (fs.readFileSync(file(MESSY), 'utf8') !== fs.readFileSync(path.join(repoRoot, 'test/fixtures/format/badly-indented/input.avsc'), 'utf8')) {
    throw new Error(`${MESSY} must be a copy of test/fixtures/format/badly-indented/input.avsc`);
  }

  const session = createSession({ name: 'ui-fixes', shotPrefix: 'fixes-', title: 'UI quick fixes and formatting (Playwright)', profile, outDir, log });
  const { result, step, shot } = session;
  let page;
  const editorLines = () => page.locator('.editor-instance .monaco-editor .view-lines').first();

  return session.run(async () => {
    await step('the VSIX installs and the workbench opens the fixes workspace', async () => {
      await session.install(vsix);
      page = await session.open({ folder: 'schemas' });
    });

    await step(`${PAYMENT}: the misspelt "namspace" is underlined (warning AVRO-242)`, async () => {
      await wb.quickOpen(page, PAYMENT);
      await page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' }).first().waitFor({ timeout: 60_000 });
      await wb.squiggles(page, 'warning').first().waitFor({ timeout: 30_000 });
      await wb.showProblems(page);
      await wb.problemRows(page, 'AVRO-242').first().waitFor({ timeout: 15_000 });
      await shot('fixes-1-typo.png');
    });

    await step(`Ctrl+. on it lists "${RENAME}"; picking it renames the key and the squiggle goes`, async () => {
      const at = lineColumn(paymentText, 'namspace', 3);
      await editorLines().click();
      await wb.goTo(page, at.line, at.column);
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: RENAME }).first();
      await item.waitFor({ timeout: 15_000 });
      await shot('fixes-2-quick-fix-menu.png');
      // The menu keeps re-rendering (Playwright never sees it "stable" for a click): pick with the keyboard.
      for (let i = 0; i < 10 && !/\bfocused\b/.test((await item.getAttribute('class')) || ''); i++) await page.keyboard.press('ArrowDown');
      const started = Date.now();
      await page.keyboard.press('Enter');
      await wb.waitForEditorText(page, '"namespace": "caracal.billing"');
      await wb.squiggles(page, 'warning').first().waitFor({ state: 'detached', timeout: 30_000 });
      await wb.problemRows(page, 'AVRO-242').first().waitFor({ state: 'detached', timeout: 15_000 });
      result.timings.quickFixToCleanS = (Date.now() - started) / 1000;
      await shot('fixes-3-renamed.png');
    });

    // Format Document is Shift+Alt+F on Windows and macOS, Ctrl+Shift+I on Linux (where Alt+F opens the File menu).
    await step(`Format Document (Ctrl+Shift+I) re-indents ${MESSY}; saved, it is the golden file`, async () => {
      await wb.quickOpen(page, MESSY);
      await shot('fixes-4-messy.png');
      await editorLines().click();
      const started = Date.now();
      await page.keyboard.press('Control+Shift+I');
      // The cursor (at the end) keeps the last lines in view: the note field, written without spaces.
      await wb.waitForEditorText(page, '{"name": "note", "type": ["null", "string"], "default": null}');
      result.timings.formatS = (Date.now() - started) / 1000;
      await page.keyboard.press('Control+Home');
      await wb.waitForEditorText(page, '"name": "OrderPlaced"');
      await shot('fixes-5-formatted.png');
      await page.keyboard.press('Control+S');
      await waitUntil(() => fs.readFileSync(file(MESSY), 'utf8') === expectedFormatted, { timeoutMs: 15_000, what: `${MESSY} saved as formatted` });
    });

    await step('Avro: Copy Fingerprint from the command palette offers the algorithms and confirms the copy', async () => {
      // Back to the schema's tab (open since the first step).
      await page.locator('.tab', { hasText: 'payment.avsc' }).first().click();
      await page.locator('.tab.active', { hasText: 'payment.avsc' }).waitFor();
      await editorLines().click();
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor();
      await input.fill('>Avro: Copy Fingerprint');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Avro: Copy Fingerprint' }).first().waitFor();
      await page.keyboard.press('Enter');
      const sha = page.locator('.quick-input-list .monaco-list-row', { hasText: 'SHA-256' }).first();
      await sha.waitFor({ timeout: 15_000 });
      await page.locator('.quick-input-widget', { hasText: 'record "caracal.billing.PaymentCaptured"' }).first().waitFor({ timeout: 5_000 });
      await shot('fixes-6-fingerprint-pick.png');
      await input.fill('SHA-256');
      await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'SHA-256' }).first().waitFor({ timeout: 5_000 });
      await page.keyboard.press('Enter');
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /copied the SHA-256 fingerprint of record "caracal\.billing\.PaymentCaptured": [0-9a-f]{64}/ }).first();
      await toast.waitFor({ timeout: 15_000 });
      // The toast slides in: wait for its transitions to end before the screenshot.
      await toast.evaluate(el => Promise.all(el.getAnimations({ subtree: true }).map(a => a.finished)));
      await shot('fixes-7-fingerprint-copied.png');
    });
  });
}

// Alone: node test/e2e/ui-fixes.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
await runAlone(import.meta.url, runFixesUiTests);
