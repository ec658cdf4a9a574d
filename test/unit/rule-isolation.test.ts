// Isolation of validation rules: a rule that throws is returned as data (rule name, message) and costs only its own findings, in the service and in `avro-studio lint` (said on stderr, exit 2).
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseAvroDocument } from '../../server/src/service/model/builder';
import { normalizeSettings } from '../../server/src/service/settings';
import { RULES } from '../../server/src/service/validation/rules';
import { runRules, validateDocument, type Rule } from '../../server/src/service/validation/validate';
import { Codes } from '../../server/src/service/codes';
import { buildLintReport, lintFiles, type LintOptions } from '../../server/src/cli/lint';
import type { CliIO } from '../../server/src/cli/io';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';

/** A trailing comma (syntax rule), an unknown type (references rule), a duplicate enum symbol (enums rule). */
const THREE_PROBLEMS = `{
  "type": "record",
  "name": "Order",
  "fields": [
    {"name": "id", "type": "strng"},
    {"name": "state", "type": {"type": "enum", "name": "State", "symbols": ["NEW", "NEW"]}},
  ]
}`;

function checkExplodes(): void {
  throw new TypeError('a bug in a rule');
}

/** Reports one finding, then fails: what it reported stays. */
const reportsThenFails: Rule = function checkHalfway(ctx) {
  ctx.report({ code: Codes.UnknownType, offset: 0, length: 1, message: 'reported before the failure' });
  throw new RangeError('halfway');
};

describe('validation rules are isolated (service)', () => {
  const doc = () => parseAvroDocument('file:///iso/order.avsc', THREE_PROBLEMS, 1);
  const settings = normalizeSettings({});

  test('a throwing rule is returned as an internal error with its name; every other rule\'s diagnostics are there', () => {
    const normal = runRules(doc(), settings);
    assert.deepEqual(normal.internalErrors, []);
    assert.ok(new Set(normal.diagnostics.map(d => d.code)).size >= 3, JSON.stringify(normal.diagnostics.map(d => d.code)));
    for (const at of [0, Math.floor(RULES.length / 2), RULES.length]) {
      const rules = [...RULES.slice(0, at), checkExplodes, ...RULES.slice(at)];
      const run = runRules(doc(), settings, undefined, rules);
      assert.deepEqual(run.diagnostics, normal.diagnostics, `failing rule at ${at}`);
      assert.equal(run.internalErrors.length, 1);
      assert.equal(run.internalErrors[0].rule, 'checkExplodes');
      assert.equal(run.internalErrors[0].message, 'TypeError: a bug in a rule');
      assert.match(run.internalErrors[0].stack ?? '', /at checkExplodes/);
    }
  });

  test('what a rule reported before it failed is kept; a thrown non-Error is described', () => {
    const notAnError: Rule = function checkThrowsString() {
      throw 'just a string';
    };
    const run = runRules(doc(), settings, undefined, [reportsThenFails, notAnError]);
    assert.deepEqual(run.diagnostics.map(d => d.message), ['reported before the failure']);
    assert.deepEqual(run.internalErrors.map(e => [e.rule, e.message]), [['checkHalfway', 'RangeError: halfway'], ['checkThrowsString', 'just a string']]);
  });

  test('validateDocument (callers that do not report internal errors) never throws either', () => {
    assert.deepEqual(validateDocument(doc(), settings), runRules(doc(), settings).diagnostics);
  });
});

describe('validation rules are isolated (avro-studio lint)', () => {
  test('a failing rule is said on stderr with the file and the rule; the other findings are reported; exit 2', async () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-studio-isolation-')));
    try {
      fs.writeFileSync(path.join(dir, 'order.avsc'), THREE_PROBLEMS);
      let stderr = '';
      const io: CliIO = { cwd: dir, env: {}, stdout: { write: () => undefined }, stderr: { write: t => void (stderr += t) }, fs: nodeFileSystem };
      const options: LintOptions = {
        root: dir, format: 'text', maxWarnings: undefined, specVersion: undefined, severity: {}, exclude: [], quiet: false, color: false,
        targets: ['.'], config: undefined, noConfig: true, maxFileSize: Number.POSITIVE_INFINITY,
      };
      const normal = buildLintReport(await lintFiles(options, io), options, io);
      assert.equal(normal.exitCode, 1);
      assert.equal(stderr, '');
      const failing = buildLintReport(await lintFiles({ ...options, rules: [checkExplodes, ...RULES] }, io), options, io);
      assert.equal(stderr, "avro-studio lint: internal error: the validation rule checkExplodes failed on 'order.avsc' (TypeError: a bug in a rule): its findings are missing, the other rules' are reported. Please report this.\n");
      assert.deepEqual(failing.files, normal.files, 'the same findings');
      assert.equal(failing.exitCode, 2, 'a run that could not check everything does not pass');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
