// The Schema Registry through the real VS Code UI: the test registry as its own process (basic auth), Configure Registry, credentials, Test Connection, Register (accepted and refused), Pull, Compare, the sync view with Register All, the CodeLens, and Restricted Mode sending nothing.
//
// The registry is test/registry/fakeRegistryMain.ts, bundled with esbuild into the run's temp folder
// and started on 127.0.0.1 with a random port; its request log (one JSON line per request on
// stdout) is how the test checks what reached it. Screenshots go to test-output/e2e/registry-*.png.
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { createProfile } from './lib/codeServer.mjs';
import { createSession, runAlone } from './lib/session.mjs';
import { waitUntil } from './lib/wait.mjs';
import * as wb from './lib/workbench.mjs';

const QUICK_INPUT = '.quick-input-widget';
const USER = 'e2e-registry-user';

/** The schemas the registry holds before the test (the workspace's files are the local side). */
function seed(workspace) {
  const read = rel => JSON.parse(fs.readFileSync(path.join(workspace, rel), 'utf8'));
  const metering = read('events/metering-event.avsc');
  // v1 is the local schema without its newest field: the local file is ahead, and compatible.
  const meteringV1 = { ...metering, fields: metering.fields.filter(f => f.name !== 'region') };
  // The local shipment schema is v1; the registry has a v2 with a carrier: the registry is ahead.
  const shipment = read('events/shipment.avsc');
  const shipmentV2 = { ...shipment, fields: [...shipment.fields, { name: 'carrier', type: ['null', 'string'], default: null }] };
  return { config: 'BACKWARD', subjects: { 'metering-event-value': [meteringV1], 'shipment-value': [shipment, shipmentV2] } };
}

/** Bundle the test registry (TypeScript) into one file that node runs. */
async function bundleFakeRegistry(repoRoot, outFile) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'test/registry/fakeRegistryMain.ts')],
    bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile: outFile, logLevel: 'warning',
  });
}

/** Start the test registry process; resolves with its URL, its request log and stop(). */
async function startRegistry(script, seedFile, password, logFile) {
  const child = spawn(process.execPath, [script, '--port', '0', '--basic', `${USER}:${password}`, '--seed', seedFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  const requests = [];
  const err = fs.createWriteStream(logFile);
  child.stderr.pipe(err);
  const lines = readline.createInterface({ input: child.stdout });
  const url = await new Promise((resolve, reject) => {
    child.once('exit', code => reject(new Error(`the test registry exited with ${code}; see ${logFile}`)));
    lines.once('line', resolve);
  });
  lines.on('line', line => {
    try {
      requests.push(JSON.parse(line));
      fs.appendFileSync(logFile, `${line}\n`);
    } catch { /* not a log line */ }
  });
  return {
    url,
    requests,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(resolve => setTimeout(resolve, 5000).unref())]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

export async function runRegistryUiTests({ repoRoot, vsix, outDir, log }) {
  const profile = createProfile({
    name: 'registry',
    workspaceFixture: path.join(repoRoot, 'test/e2e/workspace-registry'),
    settings: {
      'editor.hover.enabled': false,
      'git.enabled': false,
      'workbench.editor.enablePreview': false,
      'avro.diagnostics.debounceMs': 150,
    },
  });
  const password = `pw-${crypto.randomBytes(9).toString('hex')}`;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-e2e-registry-'));
  const seedFile = path.join(scratch, 'registry-seed.json');
  fs.writeFileSync(seedFile, JSON.stringify(seed(profile.workspace), null, 2));

  let registry;
  const session = createSession({ name: 'ui-registry', shotPrefix: 'registry-', title: 'UI Schema Registry (Playwright)', profile, outDir, log });
  const { result, step, shot } = session;
  let page;

  /** The registry's own answer to a GET (with the test's credentials). */
  const registryGet = async p => {
    const r = await fetch(`${registry.url}${p}`, { headers: { Authorization: `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}` } });
    return { status: r.status, body: await r.json() };
  };
  /** Every request the registry logged so far, once a marker request of ours is in the log (so nothing earlier is still unflushed). */
  const settledRequests = async () => {
    const marker = `/subjects/marker-${crypto.randomBytes(4).toString('hex')}/versions`;
    await fetch(`${registry.url}${marker}`, { headers: { Authorization: `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}` } }).catch(() => undefined);
    await waitUntil(() => registry.requests.some(r => r.path === marker), { timeoutMs: 10_000, what: 'the marker request in the registry log' });
    return registry.requests.filter(r => r.path !== marker && !String(r.path).startsWith('/subjects/marker-'));
  };

  const quickInput = () => page.locator(QUICK_INPUT);
  const runCommand = async title => {
    await page.keyboard.press('Control+Shift+P');
    const input = page.locator(`${QUICK_INPUT} input`);
    await input.waitFor();
    await input.fill(`>${title}`);
    const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.label-name', { hasText: exact }) }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click();
  };
  /** Wait for a quick input whose title contains `title`, then type `text` and press Enter. */
  const answerInput = async (title, text) => {
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).first().waitFor({ timeout: 15_000 });
    const input = page.locator(`${QUICK_INPUT} input`);
    await input.fill(text);
    await page.keyboard.press('Enter');
  };
  /** Pick the row of the visible quick pick that contains `text` (after the pick titled `title` shows). */
  const pickRow = async (title, text) => {
    await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: title }).first().waitFor({ timeout: 15_000 });
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
  };
  const dialog = hasText => page.locator('.monaco-dialog-box', hasText ? { hasText } : {}).first();
  const dialogButton = async (box, label) => {
    await box.locator('.monaco-button', { hasText: new RegExp(`^${label}$`) }).first().click();
    await box.waitFor({ state: 'detached', timeout: 15_000 });
  };
  const toast = hasText => page.locator('.notifications-toasts .notification-toast', { hasText }).first();
  /** Progress notifications of the commands end when their work does (and screenshots show the result only). */
  const progressGone = () => page.locator('.notifications-toasts .notification-toast', { hasText: /Avro: (checking|connecting|registering|reading)/ }).first().waitFor({ state: 'detached', timeout: 15_000 });
  const clearToasts = async () => {
    await runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  };
  const editorLines = () => page.locator('.editor-instance .monaco-editor .view-lines').first();

  try {
    await step('the test registry starts on 127.0.0.1 with basic auth, seeded with metering-event-value v1 and shipment-value v1, v2', async () => {
      const script = path.join(scratch, 'fake-registry.js');
      await bundleFakeRegistry(repoRoot, script);
      registry = await startRegistry(script, seedFile, password, path.join(outDir, 'ui-registry-fake-registry.log'));
      const subjects = await registryGet('/subjects');
      if (JSON.stringify(subjects.body) !== JSON.stringify(['metering-event-value', 'shipment-value'])) throw new Error(`seeded subjects: ${JSON.stringify(subjects.body)}`);
      const anonymous = await fetch(`${registry.url}/subjects`);
      if (anonymous.status !== 401) throw new Error(`without credentials the registry answered ${anonymous.status}, not 401`);
    });

    await step('the VSIX installs and the workbench opens the trusted workspace', async () => {
      await session.install(vsix);
      page = await session.open({ folder: 'events', trust: true, keepBlockedRequests: true });
      await wb.quickOpen(page, 'events/metering-event.avsc');
      await page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' }).first().waitFor({ timeout: 60_000 });
    });

    await step('"Avro: Configure Registry" asks for the URL, the authentication and the CA, shows the section, and writes avro-studio.json after confirmation', async () => {
      await runCommand('Avro: Configure Registry');
      // A URL with credentials is refused in the input box itself.
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '1/3 URL' }).first().waitFor({ timeout: 15_000 });
      await page.locator(`${QUICK_INPUT} input`).fill(registry.url.replace('http://', `http://${USER}:secret@`));
      await page.locator(`${QUICK_INPUT} .quick-input-message`, { hasText: 'Leave credentials out of the URL' }).first().waitFor({ timeout: 10_000 });
      await shot('registry-1-configure-url-refused.png');
      await answerInput('1/3 URL', registry.url);
      await pickRow('2/3 authentication', 'Username and password');
      await pickRow('3/3 certificate authority', 'System certificates');
      const box = dialog('avro-studio.json');
      await box.waitFor({ timeout: 15_000 });
      const detail = (await box.textContent()) || '';
      if (!/"url":\s*"/.test(detail) || !detail.includes(`${registry.url}"`) || !/"auth":\s*"basic"/.test(detail)) throw new Error(`the confirmation does not show the section: ${detail}`);
      await shot('registry-2-configure-confirm.png');
      await dialogButton(box, 'Write');
      await waitUntil(() => {
        const text = fs.readFileSync(path.join(profile.workspace, 'avro-studio.json'), 'utf8');
        return text.includes(`"url": "${registry.url}"`) && text.includes('"baseline": "registry"');
      }, { timeoutMs: 15_000, what: 'avro-studio.json with the registry and the original policy' });
      if (fs.readFileSync(path.join(profile.workspace, 'avro-studio.json'), 'utf8').includes(password)) throw new Error('a secret was written to avro-studio.json');
      await toast('now names the registry').waitFor({ timeout: 15_000 });
    });

    await step('"Avro: Set Registry Credentials" stores a username and a password (typed masked)', async () => {
      await clearToasts();
      await runCommand('Avro: Set Registry Credentials');
      await answerInput('(1/2)', USER);
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '(2/2)' }).first().waitFor({ timeout: 15_000 });
      const type = await page.locator(`${QUICK_INPUT} input`).getAttribute('type');
      if (type !== 'password') throw new Error(`the password input is of type ${type}`);
      await answerInput('(2/2)', password);
      await toast('are stored in VS Code\'s Secret Storage').waitFor({ timeout: 15_000 });
      await shot('registry-3-credentials-stored.png');
    });

    await step('"Avro: Test Connection" shows the server, the authentication and the global level', async () => {
      await clearToasts();
      const t = Date.now();
      await runCommand('Avro: Test Connection');
      const note = toast(`connected to ${registry.url}`);
      await note.waitFor({ timeout: 30_000 });
      result.timings.testConnectionS = (Date.now() - t) / 1000;
      const text = (await note.textContent()) || '';
      for (const part of ['auth basic', 'global compatibility level BACKWARD', '2 subjects']) if (!text.includes(part)) throw new Error(`the notification lacks "${part}": ${text}`);
      const requests = await settledRequests();
      const ours = requests.filter(r => r.auth === 'basic');
      if (!ours.length || ours.some(r => !r.authOk)) throw new Error(`the registry saw: ${JSON.stringify(requests.slice(-5))}`);
      await progressGone();
      await shot('registry-4-test-connection.png');
    });

    await step('the CodeLens above the record shows the subject, the latest version and the sync state', async () => {
      await clearToasts();
      await page.locator('.tab', { hasText: 'metering-event.avsc' }).first().click();
      const lens = page.locator('.codelens-decoration', { hasText: 'metering-event-value' }).first();
      await lens.waitFor({ timeout: 30_000 });
      await page.locator('.codelens-decoration', { hasText: /v1/ }).first().waitFor({ timeout: 30_000 });
      result.codeLens = ((await page.locator('.codelens-decoration').first().textContent()) || '').trim();
      await shot('registry-5-codelens.png');
    });

    let registeredId;
    await step('"Avro: Register Schema" confirms with subject, level and verdicts, registers, and reports id and version (the registry has v2)', async () => {
      await runCommand('Avro: Register Schema');
      const box = dialog('as a new version of metering-event-value');
      await box.waitFor({ timeout: 30_000 });
      const text = (await box.textContent()) || '';
      for (const part of ['compatibility level BACKWARD', 'Latest registered: version 1', 'no breaking change']) if (!text.includes(part)) throw new Error(`the confirmation lacks "${part}": ${text}`);
      await shot('registry-6-register-confirm.png');
      await dialogButton(box, 'Register');
      const note = toast(/metering-event-value: registered, id \d+, version 2/);
      await note.waitFor({ timeout: 30_000 });
      registeredId = Number(/id (\d+)/.exec((await note.textContent()) || '')[1]);
      await progressGone();
      await shot('registry-7-registered.png');
      const versions = await registryGet('/subjects/metering-event-value/versions');
      if (JSON.stringify(versions.body) !== '[1,2]') throw new Error(`the registry's versions: ${JSON.stringify(versions.body)}`);
      const latest = await registryGet('/subjects/metering-event-value/versions/latest');
      if (latest.body.id !== registeredId || !latest.body.schema.includes('region')) throw new Error(`the registry's latest: ${JSON.stringify(latest.body)}`);
    });

    await step('an incompatible edit (a field without a default) is refused with the reasons and the line; nothing reaches the registry', async () => {
      await clearToasts();
      const lines = fs.readFileSync(path.join(profile.workspace, 'events/metering-event.avsc'), 'utf8').split('\n');
      // The new field goes on a line of its own after the "unit" field (typed as a user types it).
      const unitLine = lines.findIndex(l => l.includes('"name": "unit"')) + 1;
      await editorLines().click();
      await wb.goTo(page, unitLine, 1);
      await page.keyboard.press('End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('{"name": "site", "type": "string"},');
      await wb.waitForEditorText(page, '{"name": "site", "type": "string"},');
      await page.keyboard.press('Control+S');
      await page.locator('.tab.active:not(.dirty)', { hasText: 'metering-event.avsc' }).first().waitFor({ timeout: 15_000 });
      const before = (await settledRequests()).filter(r => r.method === 'POST' && /\/versions$/.test(r.path) && r.path.startsWith('/subjects/')).length;
      await runCommand('Avro: Register Schema');
      const box = dialog('can\'t be registered under metering-event-value');
      await box.waitFor({ timeout: 30_000 });
      const text = (await box.textContent()) || '';
      for (const part of [/line \d+: AVRO-400 .*Field "site"/, /The registry's verdict: incompatible/, /The field 'site' at path '\/fields\/5' in the new schema has no default value/]) {
        if (!part.test(text)) throw new Error(`the refusal lacks ${part}: ${text}`);
      }
      if (text.includes('oldSchema')) throw new Error(`the refusal shows the registry's raw context: ${text}`);
      result.refusal = text.replace(/\s+/g, ' ').trim().slice(0, 400);
      await shot('registry-8-register-refused.png');
      await box.locator('.monaco-button', { hasText: /^(Cancel|Close|OK)$/ }).first().click().catch(() => page.keyboard.press('Escape'));
      await box.waitFor({ state: 'detached', timeout: 10_000 }).catch(() => page.keyboard.press('Escape'));
      const after = (await settledRequests()).filter(r => r.method === 'POST' && /\/versions$/.test(r.path) && r.path.startsWith('/subjects/')).length;
      if (after !== before) throw new Error(`a registration was sent (${before} -> ${after})`);
      const versions = await registryGet('/subjects/metering-event-value/versions');
      if (JSON.stringify(versions.body) !== '[1,2]') throw new Error(`the registry's versions changed: ${JSON.stringify(versions.body)}`);
      // Back to the registered text: delete the typed line and save.
      await editorLines().click();
      await wb.goTo(page, unitLine + 1, 1);
      await page.keyboard.press('Control+Shift+K');
      await page.keyboard.press('Control+S');
      await waitUntil(() => !fs.readFileSync(path.join(profile.workspace, 'events/metering-event.avsc'), 'utf8').includes('"site"'), { timeoutMs: 15_000, what: 'the edit undone and saved' });
    });

    await step('"Avro: Compare with Registry" opens a diff editor: registry v2 (read-only) and the working copy', async () => {
      await clearToasts();
      await runCommand('Avro: Compare with Registry');
      await pickRow('Compare metering-event.avsc with a version of metering-event-value', 'v2');
      await page.locator('.tab', { hasText: 'metering-event.avsc (registry v2) ↔ working copy' }).first().waitFor({ timeout: 30_000 });
      const diff = page.locator('.monaco-diff-editor').first();
      await diff.waitFor({ timeout: 30_000 });
      await diff.locator('.editor.original .view-lines', { hasText: 'region' }).first().waitFor({ timeout: 15_000 });
      await diff.locator('.editor.modified .view-lines', { hasText: 'region' }).first().waitFor({ timeout: 15_000 });
      await progressGone();
      await shot('registry-9-compare.png');
    });

    await step('"Avro: Pull Schema" picks a subject and a version (newest first, with ids) and opens it read-only', async () => {
      await runCommand('Avro: Pull Schema');
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '1/3 subject' }).first().waitFor({ timeout: 15_000 });
      await page.locator(`${QUICK_INPUT} input`).fill('shipment');
      await pickRow('1/3 subject', 'shipment-value');
      await page.locator(`${QUICK_INPUT} .quick-input-title`, { hasText: '2/3 version' }).first().waitFor({ timeout: 15_000 });
      const first = page.locator('.quick-input-list .monaco-list-row').first();
      await first.filter({ hasText: /v2.*latest.*id \d+/ }).waitFor({ timeout: 30_000 });
      await shot('registry-10-pull-versions.png');
      await first.click();
      await pickRow('3/3', 'Open read-only');
      await page.locator('.tab.active', { hasText: 'v2.avsc' }).first().waitFor({ timeout: 30_000 });
      await wb.waitForEditorText(page, 'carrier', 15_000);
      await progressGone();
      await shot('registry-11-pulled-open.png');
    });

    await step('the Schema Registry view groups every mapped schema by state, with counts', async () => {
      await clearToasts();
      await runCommand('Avro: Sync Workspace with Registry');
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Schema Registry' }) }).first();
      await pane.waitFor({ timeout: 15_000 });
      // The folder tree above it takes the room: collapse it, so every group of the view is rendered.
      const folders = page.locator('.pane-header[aria-label^="Explorer Section"]').first();
      if ((await folders.getAttribute('aria-expanded')) === 'true') await folders.click();
      const row = (label, count) => pane.locator('.monaco-list-row', { hasText: label }).filter({ hasText: String(count) }).first();
      await row('Not registered yet', 2).waitFor({ timeout: 60_000 });
      await row('Registry ahead', 1).waitFor({ timeout: 15_000 });
      await row('In sync', 1).waitFor({ timeout: 15_000 });
      await row('Unmapped', 1).waitFor({ timeout: 15_000 });
      await pane.locator('.monaco-list-row', { hasText: 'events/shipment.avsc' }).filter({ hasText: 'local v1 < v2' }).first().waitFor({ timeout: 15_000 });
      result.syncView = ((await pane.locator('.monaco-list').first().innerText()) || '').split('\n').filter(Boolean);
      await shot('registry-12-sync-view.png');
    });

    await step('"Register All Compatible Schemas" (the view\'s toolbar) registers Money before Invoice, after one confirmation', async () => {
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Schema Registry' }) }).first();
      await pane.locator('.pane-header').hover();
      await pane.locator('.pane-header .action-label[aria-label="Register All Compatible Schemas"]').first().click();
      const box = dialog('Register 2 schemas with the registry?');
      await box.waitFor({ timeout: 60_000 });
      const text = (await box.textContent()) || '';
      const money = text.indexOf('types/money.avsc');
      const invoice = text.indexOf('events/invoice.avsc');
      if (money < 0 || invoice < 0 || money > invoice) throw new Error(`the order is not Money, then Invoice: ${text}`);
      await shot('registry-13-register-all-confirm.png');
      await dialogButton(box, 'Register All');
      await toast(/registered 2 schemas in dependency order: caracal\.types\.Money \(id \d+, version 1\), invoice-value \(id \d+, version 1\)/).waitFor({ timeout: 60_000 });
      const subjects = await registryGet('/subjects');
      for (const s of ['caracal.types.Money', 'invoice-value']) if (!subjects.body.includes(s)) throw new Error(`the registry lacks ${s}: ${JSON.stringify(subjects.body)}`);
      const invoiceLatest = await registryGet('/subjects/invoice-value/versions/latest');
      const refs = invoiceLatest.body.references ?? [];
      if (!refs.some(r => r.name === 'caracal.types.Money' && r.subject === 'caracal.types.Money')) throw new Error(`invoice-value's references: ${JSON.stringify(refs)}`);
      const row = (label, count) => pane.locator('.monaco-list-row', { hasText: label }).filter({ hasText: String(count) }).first();
      await row('In sync', 3).waitFor({ timeout: 60_000 });
      await progressGone();
      await shot('registry-14-registered-all.png');
    });

    await step('"Pull All Behind Schemas" writes shipment-value v2 into events/shipment.avsc after confirmation', async () => {
      await clearToasts();
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Schema Registry' }) }).first();
      await pane.locator('.pane-header').hover();
      await pane.locator('.pane-header .action-label[aria-label="Pull All Behind Schemas"]').first().click();
      const box = dialog('Replace 1 file with the registry');
      await box.waitFor({ timeout: 30_000 });
      await dialogButton(box, 'Pull All');
      await toast('pulled 1 schema').waitFor({ timeout: 30_000 });
      await waitUntil(() => fs.readFileSync(path.join(profile.workspace, 'events/shipment.avsc'), 'utf8').includes('carrier'), { timeoutMs: 15_000, what: 'events/shipment.avsc with the carrier field' });
      const row = (label, count) => pane.locator('.monaco-list-row', { hasText: label }).filter({ hasText: String(count) }).first();
      await row('In sync', 4).waitFor({ timeout: 60_000 });
      await progressGone();
      await shot('registry-15-pulled-all.png');
    });
    await step('an unmapped schema says so in its CodeLens; "Add mapping…" shows the rule and writes it to avro-studio.json after confirmation', async () => {
      await clearToasts();
      await wb.quickOpen(page, 'scratch/draft.avsc');
      const lens = page.locator('.codelens-decoration a', { hasText: 'unmapped: Add mapping…' }).first();
      await lens.waitFor({ timeout: 30_000 });
      await shot('registry-16-unmapped-lens.png');
      await lens.click();
      await pickRow('Map draft.avsc to a registry subject', 'draft-value');
      const box = dialog('map draft.avsc to draft-value');
      await box.waitFor({ timeout: 15_000 });
      const text = (await box.textContent()) || '';
      if (!/"files":\s*"scratch\/draft\.avsc"/.test(text) || !/"topic":\s*"draft"/.test(text)) throw new Error(`the confirmation does not show the rule: ${text}`);
      await shot('registry-17-add-mapping-confirm.png');
      await dialogButton(box, 'Add Mapping');
      await waitUntil(() => fs.readFileSync(path.join(profile.workspace, 'avro-studio.json'), 'utf8').includes('"files": "scratch/draft.avsc"'), { timeoutMs: 15_000, what: 'the rule in avro-studio.json' });
      await page.locator('.codelens-decoration', { hasText: /draft-value · not registered/ }).first().waitFor({ timeout: 30_000 });
      await shot('registry-18-mapped-lens.png');
    });
  } catch {
    // The failing step is recorded; later steps depend on it.
  } finally {
    await session.close();
  }

  // Restricted Mode: the same workspace (its avro-studio.json names the registry), not trusted.
  try {
    if (!registry) throw new Error('no registry');
    const settingsFile = path.join(profile.userData, 'User', 'settings.json');
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' }, null, 2));
    let before;
    await step('Restricted Mode: "Avro: Test Connection" says why it is unavailable, offers Manage Workspace Trust, and nothing reaches the registry', async () => {
      before = (await settledRequests()).length;
      page = await session.open({ folder: 'events', trust: false, files: 'ui-registry-restricted' });
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 15_000 });
      await wb.quickOpen(page, 'events/metering-event.avsc');
      await page.locator('.statusbar-item', { has: page.locator('.codicon-check') }).filter({ hasText: 'Avro' }).first().waitFor({ timeout: 60_000 });
      await runCommand('Avro: Test Connection');
      const note = toast('unavailable in Restricted Mode');
      await note.waitFor({ timeout: 15_000 });
      await note.locator('.monaco-button', { hasText: 'Manage Workspace Trust' }).first().waitFor({ timeout: 5_000 });
      await shot('registry-19-restricted.png');
      await runCommand('Avro: Sync Workspace with Registry');
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Schema Registry' }) }).first();
      await pane.locator('.pane-body', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 15_000 });
      await pane.locator('.pane-body .monaco-button', { hasText: 'Manage Workspace Trust' }).first().waitFor({ timeout: 15_000 });
      await shot('registry-20-restricted-view.png');
    });
    await step('Restricted Mode: the registry logged no request from the whole session', async () => {
      await session.close();
      const requests = await settledRequests();
      const during = requests.slice(before);
      if (during.length) throw new Error(`requests during Restricted Mode: ${JSON.stringify(during)}`);
    });
  } catch {
    // Recorded by step().
  } finally {
    await session.close();
    if (registry) await registry.stop();
    // The profile's logs must hold no secret (the output channel, the extension host, the server).
    const leaks = [];
    const scan = dir => {
      if (!fs.existsSync(dir)) return;
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) scan(p);
        else if (fs.statSync(p).size < 20_000_000 && fs.readFileSync(p).includes(password)) leaks.push(path.relative(profile.root, p));
      }
    };
    scan(path.join(profile.userData, 'logs'));
    scan(path.join(profile.userData, 'User'));
    scan(profile.workspace);
    if (leaks.length) result.failed.push({ title: 'no secret in the profile\'s logs, settings or workspace', error: `the password appears in ${leaks.join(', ')}` });
    else result.passed.push('no secret in the profile\'s logs, settings or workspace');
    await session.finish(); // keeps the logs in ui-registry-logs/ and removes the profile
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  return result;
}

// Alone: node test/e2e/ui-registry.mjs (AVRO_VSIX and E2E_OUT as for run.mjs).
await runAlone(import.meta.url, runRegistryUiTests);
