// The commands: re-indexing reports the workspace's schemas; restarting brings the server and its diagnostics back.
const assert = require('assert');
const vscode = require('vscode');
const { open, waitForDiagnostics, hasCode } = require('./helpers');

suite('commands', () => {
  test('Avro: Re-index Workspace Schemas indexes every schema of the workspace', async () => {
    const files = await vscode.workspace.findFiles('**/*.avsc');
    const result = await vscode.commands.executeCommand('avro.reindexWorkspace');
    assert.ok(result, 'the command returns the server\'s answer');
    assert.strictEqual(result.indexedFiles, files.length);
    assert.ok(result.durationMs >= 0);
  });

  test('Avro: Restart Language Server: diagnostics are cleared, then published again by the new server', async () => {
    const doc = await open('problems/wrong-default.avsc');
    await waitForDiagnostics(doc.uri, hasCode('AVRO-220'), 'AVRO-220 before the restart');
    let cleared = false;
    const clearedWatch = vscode.languages.onDidChangeDiagnostics(e => {
      if (e.uris.some(u => u.toString() === doc.uri.toString()) && vscode.languages.getDiagnostics(doc.uri).length === 0) cleared = true;
    });
    try {
      await vscode.commands.executeCommand('avro.restartServer');
      await waitForDiagnostics(doc.uri, ds => cleared && hasCode('AVRO-220')(ds), 'AVRO-220 from the restarted server');
    } finally {
      clearedWatch.dispose();
    }
  });
});
