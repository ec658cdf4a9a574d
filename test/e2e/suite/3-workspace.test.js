// Named types across files: references resolve through the workspace index, which follows files created and deleted on disk.
const assert = require('assert');
const vscode = require('vscode');
const { open, codeOf, workspaceUri, waitForDiagnostics, hasExactly, hasCode, lacksCode } = require('./helpers');

const PARCEL = `{
  "type": "record",
  "name": "Parcel",
  "namespace": "com.acme.shipping",
  "fields": [ { "name": "weightGrams", "type": "int" } ]
}
`;

suite('workspace', () => {
  test('a type defined in a file that is not open resolves (order.avsc uses Customer from customer.avsc)', async () => {
    const order = await open('schemas/orders/order.avsc');
    // Exactly the file's comment warning: the server validated it, and found com.acme.customers.Customer.
    await waitForDiagnostics(order.uri, hasExactly(['AVRO-101']), 'only AVRO-101 (no AVRO-303 unknown type)');
    assert.ok(!vscode.workspace.textDocuments.some(d => d.uri.path.endsWith('/schemas/customer.avsc')), 'customer.avsc is not open');
  });

  test('an unknown type is AVRO-303 until a file defining it is created, and again once that file is deleted', async () => {
    const shipment = await open('problems/unknown-type.avsc');
    const diagnostics = await waitForDiagnostics(shipment.uri, hasCode('AVRO-303'), 'AVRO-303 for Parcel');
    const d = diagnostics.find(x => codeOf(x) === 'AVRO-303');
    assert.strictEqual(shipment.getText(d.range).replace(/"/g, ''), 'Parcel', 'the diagnostic is on the reference');

    const parcel = workspaceUri('schemas/shipping/parcel.avsc');
    await vscode.workspace.fs.writeFile(parcel, Buffer.from(PARCEL));
    try {
      await waitForDiagnostics(shipment.uri, lacksCode('AVRO-303'), 'AVRO-303 gone once parcel.avsc exists on disk');
    } finally {
      await vscode.workspace.fs.delete(parcel);
    }
    await waitForDiagnostics(shipment.uri, hasCode('AVRO-303'), 'AVRO-303 back once parcel.avsc is deleted');
  });
});
