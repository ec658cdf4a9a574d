// What every Playwright UI module shares: the step runner, the opening sequence (install the VSIX, start code-server,
// open the workbench in Chromium), the teardown, and running one module on its own.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installExtension, startCodeServer, keepLogs } from './codeServer.mjs';
import { launchBrowser, openWorkbench } from './browser.mjs';
import { waitForWorkbench } from './workbench.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** 1-based line and column of the `nth` (0-based) occurrence of `needle` in a text, plus `delta` characters. */
export function lineColumn(text, needle, delta = 0, nth = 0) {
  let at = text.indexOf(needle);
  for (let i = 0; i < nth && at >= 0; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at + delta);
  return { line: before.split('\n').length, column: before.length - before.lastIndexOf('\n') };
}

/**
 * One module's run against one profile. `name` starts its log lines ("<name>: ok ...") and names its files in
 * `outDir`: <name>-code-server.log, <name>-browser-console.log and the profile's VS Code logs in <name>-logs/.
 * A failing step leaves a screenshot <shotPrefix>error-N.png. `result` (named `title`) is what run.mjs reports:
 * the steps passed and failed, and the timings and notes the module adds.
 *
 * The methods do not use `this`, so `const { result, step, shot } = session` works. `server`, `browser` and
 * `page` are those of the workbench open() opened last.
 */
export function createSession({ name, shotPrefix = '', title, profile, outDir, log }) {
  const result = { name: title, passed: [], failed: [], timings: {} };
  const session = {
    result,
    server: undefined,
    browser: undefined,
    page: undefined,

    shot: file => session.page.screenshot({ path: path.join(outDir, file) }),

    /** Run one step: record it as passed or failed (with a screenshot), and rethrow its error. */
    async step(title, fn) {
      const started = Date.now();
      try {
        await fn();
        result.passed.push(title);
        log(`${name}: ok ${title} (${Date.now() - started} ms)`);
      } catch (error) {
        result.failed.push({ title, error: String(error?.stack || error) });
        log(`${name}: FAILED ${title}: ${String(error?.message || error).split('\n')[0]}`);
        if (session.page) await session.shot(`${shotPrefix}error-${result.failed.length}.png`).catch(() => {});
        throw error;
      }
    },

    /** Install the VSIX into the profile as a user does; throws unless Avro Studio is among the installed extensions. */
    async install(vsix) {
      const installed = await installExtension(profile, vsix);
      if (!installed.some(d => d.startsWith('avro-studio.avro-studio-'))) throw new Error(`installed: ${installed.join(', ')}`);
      return installed;
    },

    /**
     * Start code-server (`trust: false` opens the workspace in Restricted Mode; left out, code-server's default),
     * open the workbench on the profile's workspace and wait until the explorer lists `folder`. `files` names the
     * log files (default: the session's name); `keepBlockedRequests` puts the requests the page could not make
     * into result.blockedRequests. Resolves with the page.
     */
    async open({ folder, trust, files = name, keepBlockedRequests = false }) {
      session.server = await startCodeServer(profile, { logFile: path.join(outDir, `${files}-code-server.log`), trust });
      session.browser = await launchBrowser(profile);
      const opened = await openWorkbench(session.browser, session.server, session.server.url(profile.workspace),
        { consoleLog: path.join(outDir, `${files}-browser-console.log`) });
      session.page = opened.page;
      if (keepBlockedRequests) result.blockedRequests = opened.blockedRequests;
      await waitForWorkbench(session.page, folder);
      return session.page;
    },

    /** Close the browser and stop code-server (either may be missing); open() may be called again afterwards. */
    async close() {
      const { browser, server } = session;
      session.browser = undefined;
      session.server = undefined;
      if (browser) await browser.close().catch(() => {});
      if (server) await server.stop();
    },

    /**
     * Run `steps` (the module's step() calls, in order), then finish(); resolves with the result. A failing
     * step ends the run: it is recorded, and the later steps depend on it.
     */
    async run(steps) {
      try {
        await steps();
      } catch {
        // Recorded by step().
      } finally {
        await session.finish();
      }
      return result;
    },

    /** close(), keep the profile's VS Code logs in <name>-logs/ and remove the profile. */
    async finish() {
      await session.close();
      keepLogs(profile, path.join(outDir, `${name}-logs`));
      fs.rmSync(profile.root, { recursive: true, force: true });
    },
  };
  return session;
}

/**
 * When the module at `importMetaUrl` is the script node was started with (node test/e2e/ui-fixes.mjs), run its
 * tests with AVRO_VSIX and E2E_OUT as for run.mjs, print the outcome and exit (0 only if every step passed).
 * Otherwise (imported by run.mjs) do nothing.
 */
export async function runAlone(importMetaUrl, run) {
  if (!process.argv[1] || path.resolve(process.argv[1]) !== fileURLToPath(importMetaUrl)) return;
  const outDir = path.resolve(process.env.E2E_OUT || path.join(repoRoot, 'test-output/e2e'));
  const vsix = path.resolve(process.env.AVRO_VSIX || path.join(repoRoot, 'avro-studio.vsix'));
  fs.mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const r = await run({ repoRoot, vsix, outDir, log: m => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${m}`) });
  for (const p of r.passed) console.log(`ok    ${p}`);
  for (const f of r.failed) console.log(`FAIL  ${f.title}\n      ${f.error.split('\n').slice(0, 6).join('\n      ')}`);
  const { name, passed, failed, ...rest } = r; // timings and what the module noted (problem text, hover text, ...)
  console.log(JSON.stringify(rest, null, 2));
  process.exit(r.failed.length === 0 && r.passed.length > 0 ? 0 : 1);
}
