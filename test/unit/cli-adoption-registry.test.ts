// Suppressions and "ignore" in the registry commands, against the protocol-faithful fake registry: a schema with avro-studio-ignore comments registers byte for byte what it would without them.
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FakeRegistry } from '../registry/fakeRegistry';
import { BASIC_ENV, CLI, runCli, Sandbox, startRegistry } from './cli-registry-env';

const sandbox = new Sandbox();
const registries: FakeRegistry[] = [];
before(() => assert.ok(fs.existsSync(CLI), `${CLI} does not exist: build it first`));
after(async () => {
  for (const r of registries) await r.stop();
  sandbox.dispose();
});

/** The audit schema with two near-misses of "doc" (AVRO-242, which the team's project file makes an error). */
const AUDIT = `{
  "type": "record",
  "name": "Audit",
  "namespace": "com.shop",
  "fields": [
    {"name": "actor", "type": "string"},
    {"name": "reason", "type": "string", "docs": "why"},
    {"name": "scope", "type": "string", "docs": "where"}
  ]
}
`;
/** The team's setting: AVRO-242 is an error (a push stops on it). */
const strict = (config: Record<string, unknown>): void => {
  config.rules = { 'AVRO-242': 'error' };
};
/** The same schema with one suppression on its own line and one after the JSON of a line. */
const AUDIT_SUPPRESSED = AUDIT
  .replace('    {"name": "reason"', '    // avro-studio-ignore AVRO-242: read by the audit UI as "docs"\n    {"name": "reason"')
  .replace('"docs": "where"}', '"docs": "where"}   // avro-studio-ignore AVRO-242: same UI');

const registrations = (reg: FakeRegistry) => reg.requests.filter(q => q.method === 'POST' && /^\/subjects\/[^/]+\/versions$/.test(q.path));

test('registry push: suppression comments are removed with their lines; the registered schema is byte for byte the one without them', async () => {
  const withComments = await startRegistry(undefined);
  const without = await startRegistry(undefined);
  registries.push(withComments, without);

  const a = sandbox.project('suppressed', 'shop', withComments.url, strict);
  fs.writeFileSync(path.join(a, 'schemas/events/audit.avsc'), AUDIT_SUPPRESSED);
  // The same findings ignored by the project file instead: nothing in the schema's text.
  const b = sandbox.project('ignored', 'shop', without.url, config => {
    strict(config);
    config.ignore = [{ rules: ['AVRO-242'], files: 'schemas/events/audit.avsc', reason: 'read by the audit UI as "docs"' }];
  });
  fs.writeFileSync(path.join(b, 'schemas/events/audit.avsc'), AUDIT);

  // Without a suppression the push refuses the file (an error finding): the suppressions are what let it through.
  const plain = sandbox.project('plain', 'shop', without.url, strict);
  fs.writeFileSync(path.join(plain, 'schemas/events/audit.avsc'), AUDIT);
  const refused = await runCli(['registry', 'push', 'schemas/events/audit.avsc', '--yes'], plain, BASIC_ENV);
  assert.notEqual(refused.exit, 0, refused.stdout + refused.stderr);
  assert.match(refused.stdout + refused.stderr, /AVRO-242/);
  assert.equal(registrations(without).length, 0);

  const ra = await runCli(['registry', 'push', 'schemas/events/audit.avsc', '--yes'], a, BASIC_ENV);
  assert.equal(ra.exit, 0, ra.stdout + ra.stderr);
  const rb = await runCli(['registry', 'push', 'schemas/events/audit.avsc', '--yes'], b, BASIC_ENV);
  assert.equal(rb.exit, 0, rb.stdout + rb.stderr);

  const sentA = (registrations(withComments)[0].body as { schema: string }).schema;
  const sentB = (registrations(without)[0].body as { schema: string }).schema;
  assert.equal(sentA, sentB);
  assert.equal(sentA, AUDIT.trim());
  assert.doesNotMatch(sentA, /avro-studio-ignore|\/\//);
  assert.equal(withComments.state.getVersion('shop.audit-value', 'latest').schema, without.state.getVersion('shop.audit-value', 'latest').schema);

  // And `registry status` sees the suppressed file as in sync with what was registered.
  const status = await runCli(['registry', 'status', 'schemas/events/audit.avsc'], a, BASIC_ENV);
  assert.match(status.stdout, /in sync/i, status.stdout + status.stderr);
});
