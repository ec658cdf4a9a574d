// Launches Debian's Chromium through playwright-core and opens the VS Code workbench, offline: only 127.0.0.1 is reachable.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

export async function launchBrowser(profile) {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Chromium's crash reporter would otherwise write under ~/.config.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile.root, 'browser-config'), XDG_CACHE_HOME: path.join(profile.root, 'browser-cache') },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A page on the workbench URL. Requests that leave the local server are aborted and recorded
 * (`blockedRequests`); browser console lines go to `consoleLog`.
 */
export async function openWorkbench(browser, server, url, { consoleLog, viewport = { width: 1400, height: 900 } } = {}) {
  const page = await browser.newPage({ viewport });
  const blockedRequests = [];
  await page.route(u => !u.href.startsWith(server.base + '/'), route => {
    blockedRequests.push(route.request().url());
    return route.abort();
  });
  if (consoleLog) page.on('console', m => fs.appendFileSync(consoleLog, `${m.type()}: ${m.text()}\n`));
  page.on('pageerror', e => { if (consoleLog) fs.appendFileSync(consoleLog, `pageerror: ${e.message}\n`); });
  await page.goto(url);
  return { page, blockedRequests };
}
