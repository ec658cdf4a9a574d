// Completion and hover through VS Code's own providers API: a type position offers primitives and workspace types, resolve documents them, a hover shows a type's fingerprint.
const assert = require('assert');
const crypto = require('crypto');
const vscode = require('vscode');
const { open } = require('./helpers');

/** Poll `fn` until it returns a truthy value (the server may still be indexing), or fail after `timeoutMs` saying what was last seen. */
async function until(fn, what, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    last = await fn();
    if (last && last.ok) return last.value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last seen: ${JSON.stringify(last && last.seen)}`);
    await new Promise(r => setTimeout(r, 100));
  }
}

function positionOf(doc, needle, delta) {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in ${doc.uri.path}`);
  return doc.positionAt(at + delta);
}

function labelOf(item) {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

suite('completion and hover', () => {
  test('inside a field type: primitives first, then named types of other files written so that they resolve', async () => {
    const doc = await open('schemas/orders/order.avsc');
    const position = positionOf(doc, '"type": "string"', '"type": "str'.length);
    const list = await until(async () => {
      const l = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position);
      const labels = l.items.map(labelOf);
      return { ok: labels.includes('com.acme.customers.Customer'), value: l, seen: labels.slice(0, 20) };
    }, 'com.acme.customers.Customer in the completion list');
    const sorted = [...list.items].sort((a, b) => (a.sortText || labelOf(a)).localeCompare(b.sortText || labelOf(b)));
    assert.deepStrictEqual(sorted.slice(0, 3).map(labelOf), ['string', 'long', 'int']);
    const labels = list.items.map(labelOf);
    assert.ok(labels.includes('com.acme.customers.Address'), 'a type of a file that is not open');
    assert.ok(!labels.includes('Customer'), 'from com.acme.orders the simple name would not resolve');
    // The literal being typed is replaced, quotes included (the filter text has the quote).
    const customer = list.items.find(i => labelOf(i) === 'com.acme.customers.Customer');
    const range = customer.range.replacing || customer.range;
    assert.strictEqual(doc.getText(range), '"string"');
    assert.strictEqual(customer.filterText, '"com.acme.customers.Customer"');
  });

  test('resolving a named type gives its detail and its declaration as documentation', async () => {
    const doc = await open('schemas/orders/order.avsc');
    const position = positionOf(doc, '"type": "string"', '"type": "str'.length);
    // Ask VS Code to resolve every item (itemResolveCount), as it does for the focused one.
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position, undefined, 1000);
    const customer = list.items.find(i => labelOf(i) === 'com.acme.customers.Customer');
    assert.ok(customer, 'offered');
    assert.strictEqual(customer.detail, 'record com.acme.customers.Customer (schemas/customer.avsc)');
    const documentation = typeof customer.documentation === 'string' ? customer.documentation : customer.documentation.value;
    assert.match(documentation, /record com\.acme\.customers\.Customer \{/);
    assert.match(documentation, /Address address;/);
  });

  test('a key position offers only the attributes a field does not have yet', async () => {
    const doc = await open('schemas/customer.avsc');
    const position = positionOf(doc, '{ "name": "id"', 1);
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, position);
    const labels = list.items.map(labelOf).sort();
    assert.deepStrictEqual(labels, ['aliases', 'default', 'doc', 'order']);
  });

  test('hovering a reference shows the fullname, where it is defined and the fingerprints of its Parsing Canonical Form', async () => {
    const doc = await open('schemas/orders/order.avsc');
    const position = positionOf(doc, 'com.acme.customers.Customer', 5);
    const hovers = await until(async () => {
      const h = await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
      return { ok: h.length > 0, value: h, seen: h.length };
    }, 'a hover on com.acme.customers.Customer');
    const text = hovers.flatMap(h => h.contents.map(c => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /record com\.acme\.customers\.Customer \{/);
    assert.match(text, /Defined in \[schemas\/customer\.avsc, line 3\]/);
    // Written out from the specification's rules (PRIMITIVES, FULLNAMES, STRIP, ORDER), then hashed here.
    const canonical = '{"name":"com.acme.customers.Customer","type":"record","fields":[{"name":"id","type":"long"},{"name":"name","type":"string"},{"name":"loyaltyPoints","type":"int"},{"name":"address","type":{"name":"com.acme.customers.Address","type":"record","fields":[{"name":"street","type":"string"},{"name":"city","type":"string"},{"name":"postcode","type":["null","string"]}]}},{"name":"createdAt","type":"long"}]}';
    assert.ok(text.includes(`SHA-256: \`${crypto.createHash('sha256').update(canonical).digest('hex')}\``), text);
    assert.match(text, /CRC-64-AVRO: `[0-9a-f]{16}`/);
    assert.strictEqual(doc.getText(hovers[0].range), '"com.acme.customers.Customer"');
  });
});
