// Schema Registry commands inside VS Code's extension host, without the UI: credentials reach the server from SecretStorage and nowhere else, Test Connection, unauthorized answers, sync status, Compare with Registry.
//
// The test registry (test/registry/fakeRegistry.ts) is bundled with esbuild and runs in this process
// on 127.0.0.1. The suite writes avro-studio.json and registry-host/ into the shared workspace and
// removes both at the end. (Restricted Mode, which this trusted workspace cannot enter, is covered
// by test/e2e/ui-registry.mjs with a second, untrusted session.)
const assert = require('assert');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { workspaceUri, open, activeExtension } = require('./helpers');

const REPO_ROOT = path.resolve(__dirname, '../../..');
const USER = 'host-user';
const SECRET = `host-secret-${crypto.randomBytes(8).toString('hex')}`;
const WRONG = `wrong-secret-${crypto.randomBytes(8).toString('hex')}`;
const SUBJECT = 'host-event-value';
const SCHEMA = { type: 'record', name: 'HostEvent', namespace: 'com.acme.host', fields: [{ name: 'id', type: 'string' }, { name: 'at', type: 'long' }] };
const FILE = 'registry-host/host-event.avsc';

/** The test registry, bundled from its TypeScript source into a temp file and loaded here. */
function loadFakeRegistry(dir) {
  const esbuild = require(path.join(REPO_ROOT, 'node_modules', 'esbuild'));
  const outfile = path.join(dir, 'fake-registry.js');
  esbuild.buildSync({ entryPoints: [path.join(REPO_ROOT, 'test/registry/fakeRegistry.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', mainFields: ['module', 'main'], outfile, logLevel: 'warning' });
  return require(outfile);
}

/** Every file under `dir` (recursively) whose bytes contain `needle`. */
function filesContaining(dir, needle) {
  const found = [];
  if (!fs.existsSync(dir)) return found;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) found.push(...filesContaining(p, needle));
    else if (e.isFile() && fs.statSync(p).size < 50_000_000 && fs.readFileSync(p).includes(needle)) found.push(p);
  }
  return found;
}

async function until(condition, what, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

suite('schema registry', function () {
  this.timeout(120_000);
  let registry;
  let scratch;
  let folder;
  const projectFile = () => workspaceUri('avro-studio.json').fsPath;
  // createProfile puts the workspace copy beside user-data/ in one profile folder.
  const userData = () => path.join(path.dirname(folder.uri.fsPath), 'user-data');

  suiteSetup(async () => {
    await activeExtension();
    folder = vscode.workspace.workspaceFolders[0];
    assert.ok(!fs.existsSync(projectFile()), 'the shared workspace has no avro-studio.json of its own');
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-host-registry-'));
    const { startFakeRegistry } = loadFakeRegistry(scratch);
    registry = await startFakeRegistry({ auth: { basic: { username: USER, password: SECRET } } });
    registry.state.register(SUBJECT, { schema: JSON.stringify(SCHEMA) });
    fs.mkdirSync(workspaceUri('registry-host').fsPath, { recursive: true });
    fs.writeFileSync(workspaceUri(FILE).fsPath, `${JSON.stringify(SCHEMA, null, 2)}\n`);
    fs.writeFileSync(projectFile(), JSON.stringify({
      registry: { url: registry.url, auth: 'basic' },
      schemas: [{ files: 'registry-host/*.avsc', subject: SUBJECT }],
    }, null, 2));
    // The server reads avro-studio.json again now (as after "Configure Registry"), not when its watcher fires.
    await vscode.commands.executeCommand('avro.refreshBaselines');
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('avro.registry.setCredentials', { url: registry?.url, credentials: null }).then(undefined, () => undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(projectFile(), { force: true });
    fs.rmSync(workspaceUri('registry-host').fsPath, { recursive: true, force: true });
    if (registry) await registry.stop();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  test('Set Registry Credentials stores them in SecretStorage only: not in settings, not in avro-studio.json', async () => {
    const outcome = await vscode.commands.executeCommand('avro.registry.setCredentials', { url: registry.url, credentials: { auth: 'basic', username: USER, password: SECRET } });
    assert.deepStrictEqual(outcome, { url: registry.url, stored: 'basic' });
    const settings = [
      path.join(userData(), 'User', 'settings.json'),
      workspaceUri('.vscode/settings.json').fsPath,
      projectFile(),
    ].filter(f => fs.existsSync(f));
    assert.ok(settings.length >= 2, `settings files found: ${settings}`);
    for (const f of settings) assert.ok(!fs.readFileSync(f, 'utf8').includes(SECRET), `${f} holds the secret`);
    for (const section of ['avro', 'avro.registry', 'http', 'security']) {
      assert.ok(!JSON.stringify(vscode.workspace.getConfiguration(section)).includes(SECRET), `setting section ${section} holds the secret`);
    }
  });

  test('Test Connection: the server gets the credentials from SecretStorage (basic auth accepted) and reports server, auth and level', async () => {
    const seen = registry.requests.length;
    const result = await vscode.commands.executeCommand('avro.registry.testConnection', folder.uri.toString());
    assert.strictEqual(result.ok, true, result.message);
    assert.strictEqual(result.url, registry.url);
    assert.strictEqual(result.auth, 'basic');
    assert.strictEqual(result.level, 'BACKWARD');
    assert.strictEqual(result.subjects, 1);
    const requests = registry.requests.slice(seen);
    assert.ok(requests.length > 0, 'the registry was asked');
    assert.deepStrictEqual([...new Set(requests.map(r => `${r.auth}:${r.authOk}`))], ['basic:true']);
  });

  test('wrong password: the connection test says unauthorized, and no answer or log line carries the password', async () => {
    await vscode.commands.executeCommand('avro.registry.setCredentials', { url: registry.url, credentials: { auth: 'basic', username: USER, password: WRONG } });
    const result = await vscode.commands.executeCommand('avro.registry.testConnection', folder.uri.toString());
    assert.strictEqual(result.ok, false);
    assert.match(result.message, /401|unauthori[sz]ed|credentials/i);
    assert.ok(!JSON.stringify(result).includes(WRONG), 'the answer repeats the password');
    assert.ok(registry.requests.some(r => r.auth === 'basic' && !r.authOk), 'the wrong password reached the registry as basic auth');
  });

  test('credentials cleared: requests go without authentication and are refused', async () => {
    const cleared = await vscode.commands.executeCommand('avro.registry.setCredentials', { url: registry.url, credentials: null });
    assert.deepStrictEqual(cleared, { url: registry.url, stored: 'cleared' });
    const seen = registry.requests.length;
    const result = await vscode.commands.executeCommand('avro.registry.testConnection', folder.uri.toString());
    assert.strictEqual(result.ok, false);
    assert.ok(registry.requests.slice(seen).every(r => r.auth === 'none'), 'no credentials were sent');
  });

  test('Sync Workspace with Registry returns the state of the mapped schema (in sync)', async () => {
    await vscode.commands.executeCommand('avro.registry.setCredentials', { url: registry.url, credentials: { auth: 'basic', username: USER, password: SECRET } });
    // Open, so the server has the file now (written on disk by this suite, its watcher may lag).
    await open(FILE);
    const entries = await vscode.commands.executeCommand('avro.registry.sync');
    const entry = entries.find(e => e.uri === workspaceUri(FILE).toString());
    assert.ok(entry, `entries: ${JSON.stringify(entries.map(e => [e.uri, e.state]))}`);
    assert.deepStrictEqual([entry.subject, entry.state, entry.latestVersion], [SUBJECT, 'in-sync', 1]);
  });

  test('Compare with Registry opens a diff: the registered version read-only (avro-registry:, not sent to the server) and the working copy', async () => {
    const doc = await open(FILE);
    const diff = await vscode.commands.executeCommand('avro.registry.compare', doc.uri.toString());
    assert.strictEqual(diff.title, 'host-event.avsc (registry v1) ↔ working copy');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.strictEqual(tab.input.original.scheme, 'avro-registry');
    assert.strictEqual(tab.input.modified.toString(), doc.uri.toString());
    const registered = await vscode.workspace.openTextDocument(tab.input.original);
    assert.deepStrictEqual(JSON.parse(registered.getText()), SCHEMA);
    assert.strictEqual(registered.languageId, 'avroavsc');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(tab.input.original), []);
  });

  test('the log shows the credentials were handed over, and no file of the profile holds a secret', async () => {
    const logs = path.join(userData(), 'logs');
    // The output channel's log file is written asynchronously: wait for the line this suite caused.
    await until(() => filesContaining(logs, 'Registry credentials (basic) for').length > 0, 'the Avro Studio log line about the handed-over credentials');
    assert.deepStrictEqual(filesContaining(userData(), SECRET), []);
    assert.deepStrictEqual(filesContaining(userData(), WRONG), []);
    assert.deepStrictEqual(filesContaining(folder.uri.fsPath, SECRET), []);
  });
});
