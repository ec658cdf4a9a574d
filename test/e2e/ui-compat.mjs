// Compatibility through the real VS Code UI: a trusted git workspace, a field typed without a default, the squiggle, the status bar, Ctrl+. "Add default", the diff with HEAD, the report.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createProfile } from './lib/codeServer.mjs';
import { createSession, runAlone } from './lib/session.mjs';
import { waitUntil } from './lib/wait.mjs';
import * as wb from './lib/workbench.mjs';

const FILE = 'events/metering-event.avsc';
// The new field goes on a line of its own after this one (the end of the agent_id field).
const AFTER_LINE = '{"name": "agent_id", "type": "string", "doc": "The agent that consumed the resource."},';
const NEW_FIELD = '{"name": "region", "type": "string"},';
const FIXED_FIELD = '{"name": "region", "type": "string", "default": ""},';

function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Avro Studio e2e', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'Avro Studio e2e', GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    },
  });
}

/** The compatibility status bar item (ours has the name "Avro Compatibility" as its id suffix in the DOM). */
function compatItem(page, hasText) {
  return page.locator('.statusbar-item[id$="avro.compatibility"]', hasText ? { hasText } : {});
}

/**
 * The text of a webview (the Markdown preview is one, in nested frames) that contains every one of
 * `needles`, or undefined. Webviews keep earlier frames around, so every frame is looked at.
 */
async function webviewText(page, ...needles) {
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
    if (needles.every(n => text.includes(n))) return text;
  }
  return undefined;
}

export async function runCompatUiTests({ repoRoot, vsix, outDir, log }) {
  const profile = createProfile({
    name: 'compat',
    workspaceFixture: path.join(repoRoot, 'test/e2e/workspace-compat-editor'),
    settings: {
      'editor.hover.enabled': false, // a hover card could cover the squiggle in screenshots
      // VS Code's git extension stays off: the baseline comes from Avro Studio's own git reading.
      'git.enabled': false,
      'avro.diagnostics.debounceMs': 150,
    },
  });
  // The test's own repository: the schema as committed is HEAD.
  git(profile.workspace, 'init', '-q', '-b', 'main');
  git(profile.workspace, 'add', '-A');
  git(profile.workspace, 'commit', '-q', '-m', 'Metering events');
  const committed = fs.readFileSync(path.join(profile.workspace, FILE), 'utf8');
  const lines = committed.split('\n');
  const afterLine = lines.findIndex(l => l.includes(AFTER_LINE)) + 1;
  if (afterLine === 0) throw new Error(`${FILE} has no line with ${AFTER_LINE}`);

  const session = createSession({ name: 'ui-compat', shotPrefix: 'compat-', title: 'UI compatibility (Playwright)', profile, outDir, log });
  const { result, step, shot } = session;
  let page;
  const editorLines = () => page.locator('.editor-instance .monaco-editor .view-lines').first();
  const runCommand = async title => {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`>${title}`);
    await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
    await page.keyboard.press('Enter');
  };

  return session.run(async () => {
    await step('the VSIX installs and the workbench opens a trusted git workspace', async () => {
      await session.install(vsix);
      page = await session.open({ folder: 'events', trust: true });
    });

    await step(`${FILE} opens; the status bar says "BACKWARD vs HEAD" (compatible)`, async () => {
      const t = Date.now();
      await wb.quickOpen(page, FILE);
      await compatItem(page, 'BACKWARD vs HEAD').filter({ has: page.locator('.codicon-pass') }).first().waitFor({ timeout: 60_000 });
      result.timings.openToCompatibleS = (Date.now() - t) / 1000;
      await shot('compat-1-compatible.png');
    });

    let typedAt;
    await step('typing a field without a default draws a squiggle on it and lists AVRO-400 in Problems', async () => {
      await editorLines().click();
      await wb.goTo(page, afterLine, lines[afterLine - 1].length + 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(NEW_FIELD);
      const t = Date.now();
      await wb.waitForEditorText(page, NEW_FIELD);
      await wb.squiggles(page).first().waitFor({ timeout: 30_000 });
      await wb.showProblems(page);
      const row = wb.problemRows(page, 'AVRO-400').filter({ hasText: /region/ }).first();
      await row.waitFor({ timeout: 30_000 });
      result.timings.lastKeystrokeToProblemS = (Date.now() - t) / 1000;
      result.problemText = ((await row.textContent()) || '').trim();
      if (!/BACKWARD \(vs HEAD\): new readers cannot read old data: Field "region"/.test(result.problemText)) throw new Error(`unexpected problem text: ${result.problemText}`);
      // Inside "region" (the diagnostic's range starts at its opening quote).
      typedAt = { line: afterLine + 1, column: lines[afterLine - 1].indexOf('{') + '{"name": "'.length + 1 };
    });

    await step('the status bar says "BACKWARD vs HEAD: 1 breaking change"', async () => {
      const item = compatItem(page, 'BACKWARD vs HEAD: 1 breaking change').first();
      await item.waitFor({ timeout: 15_000 });
      const label = await item.locator('a').first().getAttribute('aria-label');
      if (!/1 breaking change/.test(label || '')) throw new Error(`aria-label: ${label}`);
      await shot('compat-2-breaking.png');
    });

    await step('clicking the status bar item shows the report with the finding', async () => {
      await compatItem(page, 'breaking change').first().click();
      await page.locator('.tab', { hasText: 'Compatibility of metering-event.avsc' }).first().waitFor({ timeout: 30_000 });
      const text = await waitUntil(() => webviewText(page, 'Compatibility of metering-event.avsc', 'Breaking changes'), { timeoutMs: 30_000, what: 'the report preview with "Breaking changes"' });
      for (const part of ['Compatibility of metering-event.avsc', 'BACKWARD against HEAD', '1 breaking change', 'AVRO-400', 'Field "region"']) {
        if (!text.includes(part)) throw new Error(`the report lacks "${part}":\n${text}`);
      }
      await shot('compat-3-report-breaking.png');
    });

    await step('the report\'s link to the finding opens the schema at its line and column', async () => {
      const frame = await waitUntil(async () => {
        for (const f of page.frames()) if (await f.locator('a', { hasText: `line ${typedAt.line}, column` }).count().catch(() => 0)) return f;
        return undefined;
      }, { timeoutMs: 15_000, what: 'the link in the report' });
      await frame.locator('a', { hasText: `line ${typedAt.line}, column` }).first().click();
      await page.locator('.tab.active .label-name', { hasText: /^metering-event\.avsc$/ }).first().waitFor({ timeout: 15_000 });
      await page.locator('.statusbar-item', { hasText: `Ln ${typedAt.line}, Col ${typedAt.column - 1}` }).first().waitFor({ timeout: 15_000 });
    });

    await step('Ctrl+. on the squiggle offers "Add default"; choosing it removes the squiggle and the problem, and the status is compatible again', async () => {
      await editorLines().click();
      await wb.goTo(page, typedAt.line, typedAt.column);
      await page.keyboard.press('Control+.');
      const item = page.locator('.action-widget .monaco-list-row', { hasText: 'Add default' }).first();
      await item.waitFor({ timeout: 15_000 });
      await page.locator('.action-widget .monaco-list-row', { hasText: 'Make "region" optional' }).first().waitFor({ timeout: 5_000 });
      await shot('compat-4-quick-fix-menu.png');
      // The menu re-renders while it opens (never "stable" for a click): pick with the keyboard.
      for (let i = 0; i < 10 && !/\bfocused\b/.test((await item.getAttribute('class')) || ''); i++) await page.keyboard.press('ArrowDown');
      const t = Date.now();
      await page.keyboard.press('Enter');
      await wb.waitForEditorText(page, FIXED_FIELD);
      await wb.squiggles(page).first().waitFor({ state: 'detached', timeout: 30_000 });
      await wb.problemRows(page, 'AVRO-400').first().waitFor({ state: 'detached', timeout: 15_000 });
      await compatItem(page, 'BACKWARD vs HEAD').filter({ has: page.locator('.codicon-pass') }).first().waitFor({ timeout: 15_000 });
      result.timings.quickFixToCompatibleS = (Date.now() - t) / 1000;
      await shot('compat-5-fixed.png');
    });

    await step('"Avro: Compare with Baseline" opens a diff editor: HEAD on the left, the working copy on the right', async () => {
      await runCommand('Avro: Compare with Baseline');
      await page.locator('.tab', { hasText: 'metering-event.avsc (HEAD) ↔ working copy' }).first().waitFor({ timeout: 30_000 });
      const diff = page.locator('.monaco-diff-editor').first();
      await diff.waitFor({ timeout: 30_000 });
      await diff.locator('.editor.original .view-lines', { hasText: 'agent_id' }).first().waitFor({ timeout: 15_000 });
      await diff.locator('.editor.modified .view-lines', { hasText: FIXED_FIELD }).first().waitFor({ timeout: 15_000 });
      if (await diff.locator('.editor.original .view-lines', { hasText: '"region"' }).count()) throw new Error('the HEAD side shows the new field');
      await shot('compat-6-diff.png');
    });

    await step('"Avro: Check Compatibility" shows the report: compatible with HEAD', async () => {
      await page.locator('.tab .label-name', { hasText: /^metering-event\.avsc$/ }).first().click();
      await page.locator('.tab.active .label-name', { hasText: /^metering-event\.avsc$/ }).first().waitFor({ timeout: 15_000 });
      await runCommand('Avro: Check Compatibility');
      const text = await waitUntil(() => webviewText(page, 'Compatibility of metering-event.avsc', 'No breaking change'), { timeoutMs: 30_000, what: 'the report preview saying "No breaking change"' });
      if (!text.includes('compatible')) throw new Error(`the report does not say compatible:\n${text}`);
      await shot('compat-7-report-compatible.png');
    });
  });
}

// Alone: node test/e2e/ui-compat.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
await runAlone(import.meta.url, runCompatUiTests);
