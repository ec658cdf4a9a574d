// Navigation, outline, folding, selection and rename through VS Code's provider commands (nothing is applied: the shared workspace stays as it is).
const assert = require('assert');
const vscode = require('vscode');
const { open, activeExtension } = require('./helpers');

/** Position of the `nth` occurrence of `needle` in a document, `delta` characters in. */
function positionOf(doc, needle, delta = 1, nth = 0) {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} in ${vscode.workspace.asRelativePath(doc.uri)}`);
  return doc.positionAt(at + delta);
}

/** Ask a provider command until `accept(result)` holds (the server may still be indexing), with a deadline. */
async function until(command, args, accept, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await vscode.commands.executeCommand(command, ...args);
    if (accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last answer: ${JSON.stringify(last)}`);
    await new Promise(resolve => setTimeout(resolve, 100));
  }
}

const rel = uri => vscode.workspace.asRelativePath(uri);

suite('navigation', () => {
  let order;
  let customer;
  let address;

  suiteSetup(async () => {
    await activeExtension();
    address = await open('schemas/address.avsc');
    customer = await open('schemas/customer.avsc');
    order = await open('schemas/orders/order.avsc');
  });

  test('definition: a fullname in order.avsc leads to the record in customer.avsc (name selected)', async () => {
    const links = await until('vscode.executeDefinitionProvider', [order.uri, positionOf(order, 'com.acme.customers.Customer', 22)], r => r && r.length > 0, 'a definition');
    assert.strictEqual(links.length, 1);
    const link = links[0];
    assert.strictEqual(rel(link.targetUri), 'schemas/customer.avsc');
    assert.strictEqual(customer.getText(link.targetSelectionRange), 'Customer');
    assert.strictEqual(order.getText(link.originSelectionRange), 'com.acme.customers.Customer');
    assert.ok(customer.getText(link.targetRange).startsWith('{') && customer.getText(link.targetRange).endsWith('}'), 'the whole record is the target range');
  });

  test('references of Address: its definition and the use in customer.avsc', async () => {
    const locations = await until('vscode.executeReferenceProvider', [address.uri, positionOf(address, '"Address"', 2)], r => r && r.length >= 2, 'references');
    const seen = locations.map(l => `${rel(l.uri)}:${l.range.start.line + 1}`).sort();
    assert.deepStrictEqual(seen, ['schemas/address.avsc:3', 'schemas/customer.avsc:10']);
  });

  test('highlights: the enum symbol and the field default that uses it', async () => {
    const highlights = await until('vscode.executeDocumentHighlights', [order.uri, positionOf(order, '"OPEN"', 2)], r => r && r.length > 0, 'highlights');
    assert.deepStrictEqual(highlights.map(h => [order.getText(h.range), h.kind]), [['OPEN', vscode.DocumentHighlightKind.Write], ['OPEN', vscode.DocumentHighlightKind.Read]]);
  });

  test('the outline of order.avsc: the record, its fields, the enum under its field with its symbols', async () => {
    const symbols = await until('vscode.executeDocumentSymbolProvider', [order.uri], r => r && r.length > 0, 'document symbols');
    const render = (list, depth = 0) => list.flatMap(s => [`${'  '.repeat(depth)}${s.name} ${vscode.SymbolKind[s.kind]}${s.detail ? ` (${s.detail})` : ''}`, ...render(s.children || [], depth + 1)]);
    assert.deepStrictEqual(render(symbols), [
      'Order Class (com.acme.orders.Order)',
      '  id Field (string)',
      '  customer Field (com.acme.customers.Customer)',
      '  status Field (Status = "OPEN")',
      '    Status Enum (com.acme.orders.Status)',
      '      OPEN EnumMember',
      '      PAID EnumMember',
      '      SHIPPED EnumMember',
    ]);
  });

  test('workspace symbols: named types across files, with the namespace as container', async () => {
    const found = await until('vscode.executeWorkspaceSymbolProvider', ['Customer'], r => r && r.some(s => s.name === 'Customer'), 'workspace symbols');
    const c = found.find(s => s.name === 'Customer');
    assert.strictEqual(c.containerName, 'com.acme.customers');
    assert.strictEqual(rel(c.location.uri), 'schemas/customer.avsc');
    assert.strictEqual(c.kind, vscode.SymbolKind.Class);
  });

  test('folding: the record and its fields array fold; the comment line is not a block', async () => {
    const ranges = await until('vscode.executeFoldingRangeProvider', [order.uri], r => r && r.length > 0, 'folding ranges');
    assert.deepStrictEqual(ranges.map(r => [r.start, r.end]), [[1, 9], [5, 8]]);
  });

  test('expand selection: the name segment, the fullname, the string, the property...', async () => {
    const [chain] = await until('vscode.executeSelectionRangeProvider', [order.uri, [positionOf(order, 'com.acme.customers.Customer', 22)]], r => r && r.length === 1, 'selection ranges');
    const texts = [];
    for (let s = chain; s && texts.length < 4; s = s.parent) texts.push(order.getText(s.range));
    assert.deepStrictEqual(texts, ['Customer', 'com.acme.customers.Customer', '"com.acme.customers.Customer"', '"type": "com.acme.customers.Customer"']);
  });

  test('rename Customer: prepared on the name; the edit renames the reference in order.avsc and adds the alias (not applied)', async () => {
    const position = positionOf(customer, '"Customer"', 3);
    const prepared = await vscode.commands.executeCommand('vscode.prepareRename', customer.uri, position);
    assert.strictEqual(customer.getText(prepared.range), 'Customer');
    assert.strictEqual(prepared.placeholder, 'Customer');
    const edit = await vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', customer.uri, position, 'Client');
    const byFile = new Map(edit.entries().map(([uri, edits]) => [rel(uri), edits.map(e => e.newText)]));
    assert.deepStrictEqual([...byFile.keys()].sort(), ['schemas/customer.avsc', 'schemas/orders/order.avsc']);
    assert.deepStrictEqual(byFile.get('schemas/orders/order.avsc'), ['com.acme.customers.Client']);
    assert.deepStrictEqual(byFile.get('schemas/customer.avsc'), ['Client', ',\n  "aliases": ["Customer"]']);
    assert.ok(!customer.isDirty && !order.isDirty, 'nothing was applied');
  });

  test('rename refuses a primitive type with the reason', async () => {
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.prepareRename', customer.uri, positionOf(customer, '"long"', 2))),
      err => /"long" is a primitive type of Avro and cannot be renamed/.test(String(err && err.message)),
    );
  });
});
