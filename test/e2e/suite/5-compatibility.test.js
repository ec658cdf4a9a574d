// Compatibility inside VS Code's extension host: a git repository the suite creates, AVRO-400 while editing, the quick fix, the report and the diff with HEAD.
//
// Works in compat-host/ (its own git repository, removed at the end); the shared workspace's files are not touched.
const assert = require('assert');
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const vscode = require('vscode');
const { open, workspaceUri, codeOf, waitForDiagnostics, hasCode, lacksCode, activeExtension } = require('./helpers');

const DIR = 'compat-host';
const FILE = `${DIR}/events/order-placed.avsc`;
const HEAD = `{
  "type": "record",
  "name": "OrderPlaced",
  "namespace": "com.acme.orders",
  "fields": [
    {"name": "order_id", "type": "string"},
    {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["NEW", "PAID", "SHIPPED"]}}
  ]
}
`;
const ORDER_LINE = '    {"name": "order_id", "type": "string"},\n';
const REGION_LINE = '    {"name": "region", "type": "string"},\n';

function git(cwd, ...args) {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Avro Studio e2e', GIT_AUTHOR_EMAIL: 'e2e@example.invalid', GIT_COMMITTER_NAME: 'Avro Studio e2e', GIT_COMMITTER_EMAIL: 'e2e@example.invalid',
    },
  });
}

const compatCodes = ds => ds.map(codeOf).filter(c => /^AVRO-4\d\d$/.test(c));

suite('compatibility', () => {
  let doc;

  suiteSetup(async () => {
    await activeExtension();
    const root = workspaceUri(DIR).fsPath;
    fs.mkdirSync(`${root}/events`, { recursive: true });
    fs.writeFileSync(workspaceUri(FILE).fsPath, HEAD);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'OrderPlaced');
    doc = await open(FILE);
  });

  suiteTeardown(async () => {
    if (doc && doc.isDirty) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(workspaceUri(DIR).fsPath, { recursive: true, force: true });
  });

  test('unchanged since HEAD: no compatibility problem, and the report says compatible', async () => {
    const report = await vscode.commands.executeCommand('avro.checkCompatibility', doc.uri, { show: false });
    assert.ok(report, 'the command returns the report');
    assert.strictEqual(report.state, 'compatible');
    assert.deepStrictEqual([report.level, report.baseline], ['BACKWARD', 'git:HEAD']);
    assert.deepStrictEqual(report.versions.map(v => v.label), ['HEAD']);
    assert.deepStrictEqual(compatCodes(vscode.languages.getDiagnostics(doc.uri)), []);
  });

  test('a field added without a default is AVRO-400 on its name, with related information into HEAD', async () => {
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(doc.getText().indexOf(ORDER_LINE) + ORDER_LINE.length), REGION_LINE);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await waitForDiagnostics(doc.uri, hasCode('AVRO-400'), 'AVRO-400');
    const d = diagnostics.find(x => codeOf(x) === 'AVRO-400');
    assert.strictEqual(doc.getText(d.range), '"region"');
    assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^BACKWARD \(vs HEAD\): new readers cannot read old data: Field "region"/);
    const related = d.relatedInformation[0];
    assert.strictEqual(related.location.uri.scheme, 'avro-baseline');
    const head = await vscode.workspace.openTextDocument(related.location.uri);
    assert.strictEqual(head.getText(), HEAD, 'the related location opens the HEAD version');
    assert.strictEqual(head.getText(related.location.range), '"fields"');
  });

  test('"Add default" is offered for it; applied, the problem goes and the report is compatible again', async () => {
    const d = vscode.languages.getDiagnostics(doc.uri).find(x => codeOf(x) === 'AVRO-400');
    const actions = await vscode.commands.executeCommand('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
    const add = actions.find(a => a.title === 'Add default "" to "region"');
    assert.ok(add, `offered: ${JSON.stringify(actions.map(a => a.title))}`);
    assert.strictEqual(add.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(add.edit));
    assert.ok(doc.getText().includes('{"name": "region", "type": "string", "default": ""},'));
    await waitForDiagnostics(doc.uri, lacksCode('AVRO-400'), 'AVRO-400 gone');
    const report = await vscode.commands.executeCommand('avro.checkCompatibility', doc.uri, { show: false });
    assert.strictEqual(report.state, 'compatible');
    assert.deepStrictEqual(report.findings, []);
  });

  test('a removed enum symbol is AVRO-404; the report lists it with its line', async () => {
    const start = doc.getText().indexOf(', "SHIPPED"');
    const edit = new vscode.WorkspaceEdit();
    edit.delete(doc.uri, new vscode.Range(doc.positionAt(start), doc.positionAt(start + ', "SHIPPED"'.length)));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const d = (await waitForDiagnostics(doc.uri, hasCode('AVRO-404'), 'AVRO-404')).find(x => codeOf(x) === 'AVRO-404');
    assert.strictEqual(doc.getText(d.range), '["NEW", "PAID"]');
    const report = await vscode.commands.executeCommand('avro.checkCompatibility', doc.uri, { show: false });
    assert.strictEqual(report.state, 'breaking');
    assert.deepStrictEqual(report.findings.map(f => [f.code, f.type, f.range.start.line]), [['AVRO-404', 'MISSING_ENUM_SYMBOLS', d.range.start.line]]);
    assert.match(report.markdown, /### 1\. AVRO-404: new readers cannot read old data \(vs HEAD\)/);
  });

  test('Avro: Compare with Baseline opens a diff of the HEAD version (read-only) and the working copy', async () => {
    await vscode.window.showTextDocument(doc);
    const diff = await vscode.commands.executeCommand('avro.compareWithBaseline');
    assert.ok(diff, 'the command returns what it opened');
    assert.strictEqual(diff.title, 'order-placed.avsc (HEAD) ↔ working copy');
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.strictEqual(tab.input.original.scheme, 'avro-baseline');
    assert.strictEqual(tab.input.modified.toString(), doc.uri.toString());
    const original = await vscode.workspace.openTextDocument(tab.input.original);
    assert.strictEqual(original.getText(), HEAD);
    // Baseline documents are not workspace schemas: the server never sees them, so no diagnostics.
    assert.deepStrictEqual(vscode.languages.getDiagnostics(tab.input.original), []);
  });
});
