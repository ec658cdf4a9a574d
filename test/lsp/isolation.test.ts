// Isolation through the real server (in process): a validation rule that throws costs only its own findings and is logged with the rule and the document; registry browse requests are guarded like every handler.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { ResponseError, type FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { RULES } from '../../server/src/service/validation/rules';
import type { Rule } from '../../server/src/service/validation/validate';
import { createRegistryClient } from '../../server/src/registry/client';
import type { RegistryClient, RegistryConnection } from '../../server/src/registry/types';
import type { RegistrySubjectsResult } from '../../server/src/protocol';
import { LspTestClient } from '../helpers/lspClient';
import { brief, expectedBriefs } from './expected';
import { seedVersion, startHarness } from './registryHarness';

/** A trailing comma (the syntax rule) and an unknown type (the references rule): two rules' findings. */
const TWO_PROBLEMS = `{
  "type": "record",
  "name": "Order",
  "fields": [
    {"name": "id", "type": "strng"},
  ]
}`;

/** A rule with a bug: it throws on every document. */
function checkExplodes(): void {
  const fields: unknown = undefined;
  if ((fields as { length: number }).length > 0) return;
}

const WITH_FAILING_RULE: readonly Rule[] = [checkExplodes, ...RULES];

describe('a validation rule that throws', () => {
  test('pull: the other rules\' diagnostics are answered; the failure is logged with the rule and the document', async () => {
    const client = await LspTestClient.start({ mode: 'pull', runtime: { rules: WITH_FAILING_RULE } });
    try {
      const uri = 'file:///isolation/order.avsc';
      await client.open(uri, TWO_PROBLEMS);
      const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      const expected = expectedBriefs(uri, TWO_PROBLEMS);
      assert.deepEqual(expected.map(b => b.code).sort(), ['AVRO-102', 'AVRO-303'], 'two rules find something in this text');
      assert.deepEqual(report.items.map(brief), expected);
      const errors = client.errorLogs();
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /^Avro Studio: the validation rule checkExplodes failed on file:\/\/\/isolation\/order\.avsc \(version 1\); its findings are missing, the other rules' are shown: TypeError: Cannot read properties of undefined/);
      assert.match(errors[0], /\n\s+at checkExplodes /, 'with the stack');
    } finally {
      assert.equal(await client.stop(), 0);
    }
  });

  test('push: the other rules\' diagnostics are published for the version', async () => {
    const client = await LspTestClient.start({ mode: 'push', runtime: { rules: WITH_FAILING_RULE }, settings: { diagnostics: { debounceMs: 5 } } });
    try {
      const uri = 'file:///isolation/pushed.avsc';
      await client.open(uri, TWO_PROBLEMS);
      const published = await client.waitForDiagnostics(uri);
      assert.equal(published.version, 1);
      assert.deepEqual(published.diagnostics.map(brief), expectedBriefs(uri, TWO_PROBLEMS));
      assert.equal(client.errorLogs().length, 1);
      assert.match(client.errorLogs()[0], /the validation rule checkExplodes failed on file:\/\/\/isolation\/pushed\.avsc \(version 1\)/);
    } finally {
      await client.stop();
    }
  });
});

/** The real REST client, except that listing subjects answers something that is not a list (a bug's stand-in in our own code path). */
function clientWithMalformedSubjects(connection: RegistryConnection): RegistryClient {
  const real = createRegistryClient(connection);
  return new Proxy(real, {
    get(target, key, receiver) {
      if (key === 'subjects') return async () => null as unknown as string[];
      const value = Reflect.get(target, key, receiver) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe('registry browse requests are guarded', () => {
  test('a failure of ours is logged with the request and answered "failed"; what the registry says stays a message for people', async () => {
    const h = await startHarness({
      project: {},
      files: {},
      seed: reg => seedVersion(reg, 'caracal.types.Money-value', '{"type": "fixed", "name": "Money", "size": 8}'),
      client: { runtime: { registry: { createClient: clientWithMalformedSubjects } } },
    });
    try {
      await assert.rejects(h.client.request<RegistrySubjectsResult>('avro/registry/subjects', {}), (err: unknown) => {
        assert.ok(err instanceof ResponseError);
        assert.equal(err.message, 'The request failed (see the Avro Studio output).');
        return true;
      });
      const errors = h.client.errorLogs();
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0], /^Avro Studio: avro\/registry\/subjects failed: TypeError: /);
      // The registry's own answers (a subject it does not know) are still messages for people, not errors of ours.
      await assert.rejects(h.client.request('avro/registry/versions', { subject: 'nope' }), /nope/);
      const versions = await h.client.request<{ versions: number[] }>('avro/registry/versions', { subject: 'caracal.types.Money-value' });
      assert.deepEqual(versions.versions, [1]);
      assert.equal(h.client.errorLogs().length, 1, 'nothing more logged as an error');
    } finally {
      await h.stop();
    }
  });
});
