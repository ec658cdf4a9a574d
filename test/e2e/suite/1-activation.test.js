// Activation, language identity and contributed commands, seen through the VS Code API.
const assert = require('assert');
const vscode = require('vscode');
const { EXTENSION_ID, open } = require('./helpers');

suite('activation', () => {
  test('the workspace contains .avsc files, so Avro Studio is active before any schema is opened', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    // workspaceContains:**/*.avsc activates it at startup (the workspace search may still be running).
    const deadline = Date.now() + 20_000;
    while (!extension.isActive && Date.now() < deadline) await new Promise(r => setTimeout(r, 50));
    assert.ok(extension.isActive, 'active without opening a schema');
  });

  test('a .avsc file opens in language avroavsc', async () => {
    const doc = await open('schemas/address.avsc');
    assert.strictEqual(doc.languageId, 'avroavsc');
  });

  test('the contributed commands are registered', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['avro.showOutput', 'avro.restartServer', 'avro.reindexWorkspace']) {
      assert.ok(commands.includes(id), `${id} is registered`);
    }
  });
});
