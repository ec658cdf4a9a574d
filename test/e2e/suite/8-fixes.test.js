// Quick fixes, formatting and the canonical-form commands inside VS Code's extension host: code action and format providers, the clipboard.
//
// Works on files it creates under fixes-tmp/ (removed at the end) and reads schemas/address.avsc without changing it.
const assert = require('assert');
const vscode = require('vscode');
const avro = require('avsc');
const { open, workspaceUri, codeOf, waitForDiagnostics, hasCode, lacksCode, activeExtension } = require('./helpers');

const TMP = 'fixes-tmp';

async function writeFile(relativePath, text) {
  const uri = workspaceUri(relativePath);
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return uri;
}

suite('quick fixes, formatting, canonical form', () => {
  suiteSetup(async () => {
    await activeExtension();
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(workspaceUri(TMP), { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  test('a misspelt attribute: the quick fix is offered for the diagnostic, and applying it clears it', async () => {
    const uri = await writeFile(`${TMP}/typo.avsc`, '{\n  "type": "record",\n  "name": "Refund",\n  "namspace": "com.acme.billing",\n  "fields": []\n}\n');
    const doc = await open(`${TMP}/typo.avsc`);
    const diagnostics = await waitForDiagnostics(uri, hasCode('AVRO-242'), 'AVRO-242');
    const d = diagnostics.find(x => codeOf(x) === 'AVRO-242');
    assert.strictEqual(doc.getText(d.range), 'namspace');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const rename = actions.find(a => a.title === 'Rename "namspace" to "namespace"');
    assert.ok(rename, `offered: ${JSON.stringify(actions.map(a => a.title))}`);
    assert.strictEqual(rename.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(rename.edit));
    assert.ok(doc.getText().includes('"namespace": "com.acme.billing"'));
    await waitForDiagnostics(uri, lacksCode('AVRO-242'), 'AVRO-242 gone');
  });

  test('Format Document: the provider re-indents with the editor\'s options and keeps the field lines', async () => {
    const uri = await writeFile(`${TMP}/messy.avsc`, '{\n"type":"record",\n      "name" : "Messy",\n "fields":[\n      {"name":"a","type":"int"},\n  {"name":"b",   "type":["null","string"],"default":null}\n   ]\n    }\n');
    const doc = await open(`${TMP}/messy.avsc`);
    const edits = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true });
    assert.ok(edits && edits.length > 0, 'edits');
    const edit = new vscode.WorkspaceEdit();
    edit.set(uri, edits);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.strictEqual(doc.getText(), '{\n    "type": "record",\n    "name": "Messy",\n    "fields": [\n        {"name": "a", "type": "int"},\n        {"name": "b", "type": ["null", "string"], "default": null}\n    ]\n}\n');
    const again = await vscode.commands.executeCommand('vscode.executeFormatDocumentProvider', uri, { tabSize: 4, insertSpaces: true });
    assert.strictEqual((again || []).length, 0, 'formatting is idempotent');
  });

  test('Avro: Copy Fingerprint puts the fingerprint on the clipboard (CRC-64-AVRO as avro-tools prints it; SHA-256 as avsc computes it)', async () => {
    const doc = await open('schemas/address.avsc');
    const text = doc.getText();
    await waitForDiagnostics(doc.uri, ds => ds.length === 0, 'a clean address.avsc');
    const editor = vscode.window.activeTextEditor;
    editor.selection = new vscode.Selection(doc.positionAt(text.indexOf('"city"')), doc.positionAt(text.indexOf('"city"')));

    await vscode.env.clipboard.writeText('');
    const crc = await vscode.commands.executeCommand('avro.copyFingerprint', { algorithm: 'CRC-64-AVRO' });
    assert.match(crc, /^[0-9a-f]{16}$/);
    assert.strictEqual(await vscode.env.clipboard.readText(), crc);

    const sha = await vscode.commands.executeCommand('avro.copyFingerprint', { algorithm: 'SHA-256' });
    assert.strictEqual(await vscode.env.clipboard.readText(), sha);
    assert.strictEqual(sha, avro.Type.forSchema(JSON.parse(text)).fingerprint('sha256').toString('hex'));
    assert.strictEqual(doc.isDirty, false, 'the schema is not changed');
  });

  test('Avro: Copy Parsing Canonical Form puts the canonical form on the clipboard', async () => {
    const doc = await open('schemas/address.avsc');
    const form = await vscode.commands.executeCommand('avro.copyCanonicalForm');
    assert.strictEqual(await vscode.env.clipboard.readText(), form);
    assert.strictEqual(form, JSON.stringify(avro.Type.forSchema(JSON.parse(doc.getText())).getSchema()));
    assert.ok(form.startsWith('{"name":"com.acme.customers.Address","type":"record","fields":['), form);
  });

  test('a schema whose types do not resolve: nothing is copied', async () => {
    await writeFile(`${TMP}/unresolved.avsc`, '{"type": "record", "name": "Broken", "fields": [{"name": "m", "type": "Mony"}]}\n');
    await open(`${TMP}/unresolved.avsc`);
    await vscode.env.clipboard.writeText('before');
    assert.strictEqual(await vscode.commands.executeCommand('avro.copyFingerprint', { algorithm: 'MD5' }), undefined);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'before');
  });
});
