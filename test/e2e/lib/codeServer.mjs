// Starts and stops code-server (a real VS Code server with a Node extension host) on 127.0.0.1 with a throwaway profile.
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { waitUntil } from './wait.mjs';

export const CS_DIR = process.env.CS_DIR || '/opt/cs';
export const CODE_SERVER = process.env.CODE_SERVER || path.join(CS_DIR, 'node_modules/code-server/out/node/entry.js');

/** Settings that keep the test profile quiet and deterministic (no tips, no update checks, no telemetry). */
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'editor.stickyScroll.enabled': false,
  'chat.commandCenter.enabled': false,
};

/** A free TCP port on 127.0.0.1 (so parallel runs do not collide). */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * A throwaway profile: user data, extensions, XDG and TMP folders under one temp folder, and a copy of
 * a workspace fixture. `settings` are added to the quiet defaults.
 */
export function createProfile({ name, workspaceFixture, settings = {} }) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `avro-e2e-${name}-`));
  const dirs = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'workspace'),
    tmp: path.join(root, 'tmp'),
    xdg: path.join(root, 'xdg'),
  };
  for (const d of [path.join(dirs.userData, 'User'), dirs.extensions, dirs.tmp, dirs.xdg]) fs.mkdirSync(d, { recursive: true });
  fs.cpSync(workspaceFixture, dirs.workspace, { recursive: true });
  fs.writeFileSync(path.join(dirs.userData, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2));
  return dirs;
}

/** Environment for code-server and everything it starts (the extension host inherits it). */
function environment(profile, extra = {}) {
  return {
    ...process.env,
    XDG_CONFIG_HOME: path.join(profile.xdg, 'config'),
    XDG_DATA_HOME: path.join(profile.xdg, 'data'),
    XDG_CACHE_HOME: path.join(profile.xdg, 'cache'),
    TMPDIR: profile.tmp, // the extension host and the git extension put IPC sockets here
    EXTENSIONS_GALLERY: '{}', // no marketplace: VS Code would otherwise call open-vsx.org
    ...extra,
  };
}

function commonArgs(profile) {
  return ['--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--config', path.join(profile.root, 'config.yaml')];
}

/** Install a VSIX into the profile the way a user does (code-server --install-extension). */
export async function installExtension(profile, vsix) {
  const { stdout } = await promisify(execFile)(process.execPath, [CODE_SERVER, ...commonArgs(profile), '--install-extension', vsix],
    { env: environment(profile), encoding: 'utf8' });
  const installed = fs.readdirSync(profile.extensions).filter(d => !d.startsWith('.') && d !== 'extensions.json');
  if (installed.length === 0) throw new Error(`--install-extension installed nothing:\n${stdout}`);
  return installed;
}

/**
 * Start code-server for a profile. `trust: false` keeps VS Code's workspace trust on, so the workspace
 * opens in Restricted Mode. Resolves once /healthz answers.
 */
export async function startCodeServer(profile, { logFile, trust = true, env = {} } = {}) {
  const port = await freePort();
  const args = [CODE_SERVER, ...commonArgs(profile), '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened'];
  if (trust) args.push('--disable-workspace-trust');
  // detached: its own process group, so stop() reaches exactly the processes this run started.
  const child = spawn(process.execPath, args, { env: environment(profile, env), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log = fs.createWriteStream(logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  await waitUntil(async () => {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}; see ${logFile}`);
    try { return (await fetch(`${base}/healthz`)).ok; } catch { return false; }
  }, { timeoutMs: 60_000, what: 'code-server /healthz' });

  return {
    base,
    authority: `127.0.0.1:${port}`,
    readyMs: Date.now() - started,
    /** Workbench URL for a folder, optionally with a test payload (extensionDevelopmentPath, ...). */
    url(folder, payload) {
      let u = `${base}/?folder=${encodeURIComponent(folder)}`;
      if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
      return u;
    },
    async stop() {
      if (child.exitCode !== null) return;
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
      const exited = new Promise(resolve => child.once('exit', resolve));
      const timeout = new Promise(resolve => setTimeout(resolve, 5000).unref());
      await Promise.race([exited, timeout]);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* ESRCH: nothing left in our group */ }
    },
  };
}

/** Copy the profile's VS Code logs (extension host, our output channel) next to the test output. */
export function keepLogs(profile, outDir) {
  const logs = path.join(profile.userData, 'logs');
  if (fs.existsSync(logs)) fs.cpSync(logs, outDir, { recursive: true });
}
