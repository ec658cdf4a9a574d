// avro-studio.json: parsing with located problems, per-glob policy merging, subject naming strategies, no secrets.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseProjectConfig, policyFor, RULE_KEYS, subjectFor, TOP_LEVEL_KEYS } from '../../server/src/config/projectConfig';
import { POLICY_KEYS, PRESETS } from '../../server/src/config/policyConfig';
import { BREAKING_RULES, NAME_STYLES } from '../../server/src/service/policy/types';
import { CODE_INFO, RULE_CATEGORIES, type DiagnosticCode } from '../../server/src/service/codes';
import { findProjectConfig } from '../../server/src/config/loadProjectConfig';
import { REPO_ROOT } from '../helpers/paths';

const CARACAL = `{
  // Caracal's policy: BACKWARD against main, FULL for the shared types.
  "specVersion": "1.11",
  "compatibility": {"level": "BACKWARD", "baseline": "git:origin/main"},
  "registry": {"url": "https://registry.caracal.example:8081/", "auth": "basic", "caFile": "certs/ca.pem"},
  "schemas": [
    {"files": "schemas/**/*.avsc", "strategy": "TopicNameStrategy", "topic": "caracal.{file}"},
    {"files": "schemas/metering-event.avsc", "subject": "caracal.metering.events-value"},
    {"files": ["schemas/common/*.avsc"], "compatibility": {"level": "full_transitive", "baseline": "git:history"}, "strategy": "RecordNameStrategy"},
  ],
}`;

test('a realistic project file parses without problems (comments and trailing commas allowed)', () => {
  const { config, problems } = parseProjectConfig(CARACAL, '/repo');
  assert.deepEqual(problems, []);
  assert.equal(config.level, 'BACKWARD');
  assert.deepEqual(config.baseline, { kind: 'git', ref: 'origin/main' });
  assert.deepEqual(config.registry, { url: 'https://registry.caracal.example:8081', auth: 'basic', caFile: 'certs/ca.pem' });
  assert.equal(config.schemas.length, 3);
  assert.equal(config.schemas[2].level, 'FULL_TRANSITIVE');
});

test('later rules win, key by key', () => {
  const { config } = parseProjectConfig(CARACAL, '/repo');
  const metering = policyFor(config, 'schemas/metering-event.avsc');
  assert.deepEqual(metering.matchedRules, [0, 1]);
  assert.equal(metering.level, 'BACKWARD');
  assert.deepEqual(subjectFor(metering, 'schemas/metering-event.avsc', 'caracal.events.MeteringEvent'), { kind: 'subject', subject: 'caracal.metering.events-value', how: 'explicit subject' });

  const decision = policyFor(config, 'schemas/policy-decision.avsc');
  assert.deepEqual(subjectFor(decision, 'schemas/policy-decision.avsc', 'caracal.events.PolicyDecision'), { kind: 'subject', subject: 'caracal.policy-decision-value', how: 'TopicNameStrategy' });

  const shared = policyFor(config, 'schemas/common/time-window.avsc');
  assert.equal(shared.level, 'FULL_TRANSITIVE');
  assert.deepEqual(shared.baseline, { kind: 'git-history' });
  assert.deepEqual(subjectFor(shared, 'schemas/common/time-window.avsc', 'caracal.common.TimeWindow'), { kind: 'subject', subject: 'caracal.common.TimeWindow', how: 'RecordNameStrategy' });

  const outside = policyFor(config, 'other/x.avsc');
  assert.deepEqual(outside.matchedRules, []);
  const unmapped = subjectFor(outside, 'other/x.avsc', 'X');
  assert.equal(unmapped.kind, 'unmapped');
  if (unmapped.kind === 'unmapped') assert.match(unmapped.reason, /maps to no subject: add a rule/);
});

test('TopicRecordNameStrategy and key schemas', () => {
  const { config } = parseProjectConfig('{"schemas": [{"files": "*.avsc", "strategy": "TopicRecordNameStrategy", "topic": "{dir}.events", "key": true}]}', '/r');
  const p = policyFor(config, 'billing/invoice.avsc');
  assert.deepEqual(subjectFor(p, 'billing/invoice.avsc', 'acme.Invoice'), { kind: 'subject', subject: 'billing.events-acme.Invoice', how: 'TopicRecordNameStrategy' });
  const t = parseProjectConfig('{"schemas": [{"files": "*.avsc", "strategy": "TopicNameStrategy", "topic": "orders", "key": true}]}', '/r');
  assert.deepEqual(subjectFor(policyFor(t.config, 'a/o.avsc'), 'a/o.avsc', 'x'), { kind: 'subject', subject: 'orders-key', how: 'TopicNameStrategy' });
});

test('problems point at the offending value and say what is expected', () => {
  const text = '{"compatibility": {"level": "SIDEWAYS"}, "schemas": [{"files": 3}], "colour": "red"}';
  const { problems } = parseProjectConfig(text, '/r');
  const at = (p: { offset: number; length: number }) => text.slice(p.offset, p.offset + p.length);
  assert.deepEqual(problems.map(p => [at(p), p.message]), [
    ['"SIDEWAYS"', 'avro-studio.json: "compatibility.level" must be one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE, not "SIDEWAYS".'],
    ['3', 'avro-studio.json: "schemas[0].files" must be a glob or an array of globs, relative to avro-studio.json.'],
    ['"red"', 'avro-studio.json: unknown key "colour" (expected specVersion, compatibility, rules, exclude, units, registry, schemas, policy, preset, ignore, acceptedFindings).'],
  ]);
  const broken = parseProjectConfig('{"compatibility": ', '/r');
  assert.ok(broken.problems.length > 0);
});

test('secrets are refused: credentials in the URL or secret keys', () => {
  const inUrl = parseProjectConfig('{"registry": {"url": "https://user:pass@registry.example"}}', '/r');
  assert.equal(inUrl.config.registry, undefined);
  assert.match(inUrl.problems[0].message, /must not contain credentials/);
  const keys = parseProjectConfig('{"registry": {"url": "https://registry.example", "password": "hunter2"}}', '/r');
  assert.match(keys.problems[0].message, /"registry.password" is ignored: secrets never go in avro-studio.json/);
  assert.ok(!JSON.stringify(keys.config).includes('hunter2'));
});

test('the CLI finds the nearest avro-studio.json above a folder, stopping at the repository root', async () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-config-'));
  try {
    fs.mkdirSync(path.join(tmp, 'repo/.git'), { recursive: true });
    fs.mkdirSync(path.join(tmp, 'repo/schemas/deep'), { recursive: true });
    fs.writeFileSync(path.join(tmp, 'avro-studio.json'), '{"specVersion": "1.12"}'); // above the repository: not used
    assert.equal(await findProjectConfig(path.join(tmp, 'repo/schemas/deep')), undefined);
    fs.writeFileSync(path.join(tmp, 'repo/avro-studio.json'), '{"specVersion": "1.11"}');
    const found = await findProjectConfig(path.join(tmp, 'repo/schemas/deep'));
    assert.equal(found?.file, path.join(tmp, 'repo/avro-studio.json'));
    assert.equal(found?.config.specVersion, '1.11');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
});

test('the contributed JSON Schema knows every key the parser accepts', () => {
  const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/avro-studio.schema.json'), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties).sort(), [...TOP_LEVEL_KEYS].sort());
  assert.deepEqual(Object.keys(schema.properties.schemas.items.properties).sort(), [...RULE_KEYS].sort());
  assert.deepEqual(Object.keys(schema.properties.units.items.properties).sort(), ['files', 'imports', 'name']);
  assert.deepEqual(Object.keys(schema.definitions.rules.properties).sort(), [...Object.keys(CODE_INFO).filter(c => !CODE_INFO[c as DiagnosticCode].noSeveritySetting), ...RULE_CATEGORIES.map(c => c.name)].sort());
  assert.deepEqual(Object.keys(schema.definitions.policy.properties).sort(), [...POLICY_KEYS].sort());
  assert.deepEqual(schema.definitions.policy.properties.breaking.properties.rules.items.enum, [...BREAKING_RULES]);
  assert.deepEqual(schema.definitions.policy.properties.naming.properties.fields.enum, [...NAME_STYLES]);
  assert.deepEqual(schema.definitions.preset.enum, [...PRESETS]);
  assert.deepEqual(schema.definitions.level.enum, ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE']);
});

test('"rules" takes a category: a code wins over its category, a narrower category over a wider one; per glob, later wins', () => {
  const { config, problems } = parseProjectConfig(JSON.stringify({
    rules: { 'AVRO-641': 'info', policy: 'off', 'policy/naming': 'error' },
    schemas: [{ files: 'legacy/**', rules: { 'policy/naming': 'off' } }],
  }), '/p');
  assert.deepEqual(problems, []);
  const top = policyFor(config, 'a.avsc').rules;
  assert.equal(top['AVRO-600'], 'off');
  assert.equal(top['AVRO-640'], 'error');
  assert.equal(top['AVRO-641'], 'info');
  assert.equal(top['AVRO-401'], undefined);
  const legacy = policyFor(config, 'legacy/a.avsc').rules;
  assert.equal(legacy['AVRO-640'], 'off');
  assert.equal(legacy['AVRO-641'], 'off');
});

test('"policy" per glob overrides the top level section by section, key by key; the preset is under both', () => {
  const { config, problems } = parseProjectConfig(JSON.stringify({
    preset: 'strict-contract',
    policy: { versionField: { kind: 'integer', reason: 'Increment it' }, naming: { fields: 'snake_case' } },
    schemas: [{ files: 'legacy/**', policy: { versionField: { required: false }, naming: { fields: 'camelCase' } } }],
  }), '/p');
  assert.deepEqual(problems, []);
  const top = policyFor(config, 'a.avsc').policy;
  assert.deepEqual(top.versionField?.value, { name: 'schema_version', kind: 'integer', required: true, bump: true, reason: 'Increment it' });
  assert.deepEqual(top.breaking?.value.rules.length, 9, 'from the preset');
  const legacy = policyFor(config, 'legacy/a.avsc').policy;
  assert.deepEqual(legacy.versionField?.value, { name: 'schema_version', kind: 'integer', required: false, bump: true, reason: 'Increment it' });
  assert.equal(legacy.naming?.value.fields, 'camelCase');
  assert.equal(legacy.naming?.value.records, 'PascalCase', 'the preset\'s key stays');
  assert.equal(legacy.naming?.origins.fields?.key, 'schemas[0].policy.naming.fields');
});

test('the example policies of examples/policies/ read without a problem', () => {
  for (const team of ['butterfly', 'caracal']) {
    const file = path.join(REPO_ROOT, 'examples/policies', team, 'avro-studio.json');
    const { problems } = parseProjectConfig(fs.readFileSync(file, 'utf8'), path.dirname(file));
    assert.deepEqual(problems, [], team);
  }
});
