// Playwright helpers for VS Code's workbench: open a file, move the cursor, wait for editor text, squiggles and Problems rows.

const QUICK_INPUT = '.quick-input-widget input';

export async function waitForWorkbench(page, fileInExplorer, timeout = 60_000) {
  await page.locator('.monaco-workbench').waitFor({ timeout });
  // The explorer lists the folder once the remote file system is connected.
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileInExplorer }).first().waitFor({ timeout });
}

/** Open a workspace file with Quick Open (Ctrl+P) and wait for its editor tab. */
export async function quickOpen(page, relativePath) {
  const name = relativePath.split('/').pop();
  await page.keyboard.press('Control+P');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor();
  await input.fill(relativePath);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Put the cursor at a 1-based line and column with Go to Line (Ctrl+G). */
export async function goTo(page, line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator(QUICK_INPUT);
  await input.waitFor();
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.locator('.monaco-editor.focused').waitFor();
}

export async function waitForEditorText(page, substring, timeout = 10_000) {
  await page.locator('.editor-instance .monaco-editor .view-lines', { hasText: substring }).first().waitFor({ timeout });
}

export function squiggles(page, severity = 'error') {
  return page.locator(`.editor-instance .monaco-editor .squiggly-${severity}`);
}

/** Show the Problems panel (Ctrl+Shift+M toggles it, so only press when hidden). */
export async function showProblems(page) {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) await page.keyboard.press('Control+Shift+M');
  await panel.waitFor();
  return panel;
}

export function problemRows(page, hasText) {
  return page.locator('.markers-panel .monaco-tl-row', hasText ? { hasText } : {});
}
