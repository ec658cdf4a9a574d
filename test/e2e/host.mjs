// Runs the mocha suite in test/e2e/suite inside code-server's extension host, with Avro Studio loaded from source (extensionDevelopmentPath).
import fs from 'node:fs';
import path from 'node:path';
import { createProfile, startCodeServer, keepLogs } from './lib/codeServer.mjs';
import { launchBrowser, openWorkbench } from './lib/browser.mjs';

/**
 * The same contract as @vscode/test-electron, in a browser: the workbench URL's payload names the
 * extension under development and the tests; the extension host runs them and the workbench reports
 * the exit code through window.codeAutomationExit.
 */
export async function runHostSuite({ repoRoot, outDir, log, timeoutMs = 300_000 }) {
  const profile = createProfile({ name: 'host', workspaceFixture: path.join(repoRoot, 'test/e2e/workspace') });
  const resultsFile = path.join(outDir, 'host-results.json');
  fs.rmSync(resultsFile, { force: true });
  const result = { name: 'extension host suite', passed: [], failed: [], timings: {} };
  let server;
  let browser;
  try {
    server = await startCodeServer(profile, { logFile: path.join(outDir, 'host-code-server.log'), env: { AVRO_E2E_RESULTS: resultsFile } });
    result.timings.codeServerReadyS = server.readyMs / 1000;
    log(`host: code-server ready on ${server.authority} in ${server.readyMs} ms`);
    browser = await launchBrowser(profile);
    const remote = p => `vscode-remote://${server.authority}${p}`;
    // AVRO_EXT_DEV_PATH: load the extension from another folder (e.g. an unpacked VSIX's extension/),
    // so parallel work does not depend on the shared dist/.
    const devPath = process.env.AVRO_EXT_DEV_PATH ? path.resolve(process.env.AVRO_EXT_DEV_PATH) : repoRoot;
    const payload = [
      ['extensionDevelopmentPath', remote(devPath)],
      ['extensionTestsPath', remote(path.join(repoRoot, 'test/e2e/suite/index.js'))],
      ['skipWelcome', 'true'],
    ];
    const started = Date.now();
    let exited;
    const exitCode = new Promise(resolve => (exited = resolve));
    const consoleLog = path.join(outDir, 'host-browser-console.log');
    fs.rmSync(consoleLog, { force: true });
    const { page, blockedRequests } = await openWorkbench(browser, server, 'about:blank', { consoleLog });
    await page.exposeFunction('codeAutomationExit', code => exited(code));
    await page.goto(server.url(profile.workspace, payload));
    const timeout = new Promise(resolve => setTimeout(() => resolve('timeout'), timeoutMs).unref());
    const code = await Promise.race([exitCode, timeout]);
    result.timings.suiteS = (Date.now() - started) / 1000;
    log(`host: extension host finished with ${code} in ${result.timings.suiteS} s`);
    if (fs.existsSync(resultsFile)) {
      const mocha = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
      result.passed = mocha.passes;
      result.failed = mocha.failures;
      result.vscode = mocha.vscode;
    }
    if (code !== 0 && result.failed.length === 0) {
      result.failed.push({ title: 'extension host run', error: code === 'timeout' ? `no exit within ${timeoutMs} ms` : `exit code ${code} (no mocha results: see host-browser-console.log)` });
    }
    if (blockedRequests.length) log(`host: blocked ${blockedRequests.length} non-local requests: ${[...new Set(blockedRequests)].slice(0, 5).join(', ')}`);
  } catch (error) {
    result.failed.push({ title: 'extension host harness', error: String(error?.stack || error) });
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    keepLogs(profile, path.join(outDir, 'host-logs'));
    fs.rmSync(profile.root, { recursive: true, force: true });
  }
  return result;
}
