// Diagnostics from the language server: codes, severities, ranges, edits, and the per-code severity setting.
const assert = require('assert');
const vscode = require('vscode');
const { open, codeOf, waitForDiagnostics, hasCode, lacksCode } = require('./helpers');

suite('diagnostics', () => {
  let doc;

  suiteSetup(async () => {
    doc = await open('problems/wrong-default.avsc');
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('avro', doc.uri).update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Workspace);
  });

  test('a default of the wrong type is AVRO-220, an error on exactly the default value', async () => {
    const diagnostics = await waitForDiagnostics(doc.uri, hasCode('AVRO-220'), 'AVRO-220');
    const d = diagnostics.find(x => codeOf(x) === 'AVRO-220');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.strictEqual(doc.getText(d.range), '"one"');
    assert.match(d.message, /one/, 'the message names the offending value');
    assert.ok(d.source, 'the diagnostic has a source');
  });

  test('avro.diagnostics.severity turns AVRO-220 into a warning, and "off" removes it', async () => {
    const config = () => vscode.workspace.getConfiguration('avro', doc.uri);
    await config().update('diagnostics.severity', { 'AVRO-220': 'warning' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, ds => ds.some(d => codeOf(d) === 'AVRO-220' && d.severity === vscode.DiagnosticSeverity.Warning), 'AVRO-220 as a warning');

    await config().update('diagnostics.severity', { 'AVRO-220': 'off' }, vscode.ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, lacksCode('AVRO-220'), 'AVRO-220 gone');

    await config().update('diagnostics.severity', undefined, vscode.ConfigurationTarget.Workspace);
    const back = await waitForDiagnostics(doc.uri, hasCode('AVRO-220'), 'AVRO-220 back');
    assert.strictEqual(back.find(d => codeOf(d) === 'AVRO-220').severity, vscode.DiagnosticSeverity.Error);
  });

  test('fixing the mistake in the editor clears the diagnostic; undoing it brings it back', async () => {
    const start = doc.getText().indexOf('"one"');
    const range = new vscode.Range(doc.positionAt(start), doc.positionAt(start + '"one"'.length));
    const fix = new vscode.WorkspaceEdit();
    fix.replace(doc.uri, range, '1');
    assert.ok(await vscode.workspace.applyEdit(fix));
    await waitForDiagnostics(doc.uri, lacksCode('AVRO-220'), 'AVRO-220 gone after the fix');

    await vscode.commands.executeCommand('undo');
    assert.ok(doc.getText().includes('"default": "one"'), 'undo restored the mistake');
    await waitForDiagnostics(doc.uri, hasCode('AVRO-220'), 'AVRO-220 after undo');
  });
});
