// The VS Code side of the Schema Registry, without VS Code: URL checks, secret keys, avro-studio.json edits (golden files), sync-view groups, registration order, confirmation texts.
//
// UPDATE_EXPECT=1 rewrites test/fixtures/registry-ui/project-file/*.expected.json from what the
// code writes now; review the diff.
import { test, describe } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createScanner, parseTree, SyntaxKind } from 'jsonc-parser';
import { fixture } from '../helpers/paths';
import {
  mappingChoices,
  normalizeRegistryUrl,
  readProjectRegistry,
  registrySectionText,
  registryUrlProblem,
  registryUrlWarning,
  secretKeyFor,
  withMappingRule,
  withRegistrySection,
  type MappingRule,
  type RegistrySection,
} from '../../client/src/registry/projectFile';
import {
  actionableCount,
  alreadyRegistered,
  entryDescription,
  groupEntries,
  readableRegistryMessages,
  refusalHeadline,
  registerConfirmationDetail,
  registerSummary,
  registrationOrder,
  type PreparedDocument,
} from '../../client/src/registry/syncModel';
import type { RegistryPrepareRegisterResult, RegistrySyncEntry } from '../../server/src/protocol';
import { MAX_PROJECT_FILE_DEPTH } from '../../server/src/protocol';
import { parseProjectConfig, policyFor, subjectFor } from '../../server/src/config/projectConfig';

const UPDATE = process.env.UPDATE_EXPECT === '1';

describe('registry URLs', () => {
  const cases: Array<[string, string | RegExp | undefined]> = [
    ['https://schema-registry.example.com:8081', undefined],
    ['http://127.0.0.1:8081/', undefined],
    ['https://psrc-abc12.europe-west3.gcp.confluent.cloud', undefined],
    ['', /Enter the base URL/],
    ['schema-registry:8081', /starts with https:\/\//],
    ['not a url', /is not a URL/],
    ['ftp://registry.example.com', /starts with https:\/\/ \(or http:\/\/\), not "ftp:"/],
    ['https://alice:s3cret@registry.example.com', /Leave credentials out of the URL/],
    ['https://key@registry.example.com', /Leave credentials out of the URL/],
    ['https://registry.example.com/?token=abc', /no query or fragment: remove "\?token=abc"/],
  ];
  for (const [input, expected] of cases) {
    test(`"${input}" -> ${expected ?? 'usable'}`, () => {
      const problem = registryUrlProblem(input);
      if (expected === undefined) assert.equal(problem, undefined);
      else assert.match(problem ?? '', expected as RegExp);
    });
  }

  test('a problem never repeats the password typed into the URL, even when the URL does not parse', () => {
    assert.ok(!registryUrlProblem('https://alice:s3cret@registry.example.com')!.includes('s3cret'));
    for (const input of ['http://alice:s3cret@registry.example.com:99999', 'http://alice:s3cret@host:80 trailing', 'alice:s3cret@host:8081']) {
      const problem = registryUrlProblem(input);
      assert.ok(problem && !problem.includes('s3cret'), `${input}: ${problem}`);
    }
  });

  test('plain http to another machine is a warning, to this machine none', () => {
    assert.match(registryUrlWarning('http://registry.internal:8081') ?? '', /unencrypted/);
    assert.equal(registryUrlWarning('http://localhost:8081'), undefined);
    assert.equal(registryUrlWarning('https://registry.internal'), undefined);
  });

  test('one canonical URL, so one secret, for the spellings of the same registry', () => {
    const spellings = ['https://Registry.Example.com:443/', 'https://registry.example.com', ' https://registry.example.com/// '];
    for (const s of spellings) assert.equal(normalizeRegistryUrl(s), 'https://registry.example.com');
    assert.equal(new Set(spellings.map(secretKeyFor)).size, 1);
    assert.notEqual(secretKeyFor('https://registry.example.com'), secretKeyFor('https://registry.example.com:8081'));
    assert.notEqual(secretKeyFor('https://registry.example.com'), secretKeyFor('http://registry.example.com'));
    assert.notEqual(secretKeyFor('https://a.example.com/sr'), secretKeyFor('https://a.example.com/other'));
  });
});

describe('reading the registry of avro-studio.json', () => {
  test('url and auth, with comments and a trailing comma', () => {
    assert.deepEqual(readProjectRegistry('{ // team policy\n "registry": { "url": "https://SR.example.com/", "auth": "bearer", "caFile": "ca.pem", },\n}'),
      { url: 'https://sr.example.com', auth: 'bearer', caFile: 'ca.pem' });
  });
  test('auth defaults to none; an unusable URL or a missing section gives nothing', () => {
    assert.deepEqual(readProjectRegistry('{"registry": {"url": "http://localhost:8081"}}'), { url: 'http://localhost:8081', auth: 'none', caFile: undefined });
    assert.equal(readProjectRegistry('{"registry": {"url": "https://u:p@x.example"}}'), undefined);
    assert.equal(readProjectRegistry('{"schemas": []}'), undefined);
    assert.equal(readProjectRegistry('{"registry": '), undefined);
    assert.equal(readProjectRegistry(''), undefined);
  });
});

/** The comments of a JSON(C) text, as the scanner sees them. */
function commentsOf(text: string): string[] {
  const scanner = createScanner(text, false);
  const out: string[] = [];
  for (let kind = scanner.scan(); kind !== SyntaxKind.EOF; kind = scanner.scan()) {
    if (kind === SyntaxKind.LineCommentTrivia || kind === SyntaxKind.BlockCommentTrivia) out.push(scanner.getTokenValue());
  }
  return out;
}

describe('editing avro-studio.json (golden files)', () => {
  const dir = fixture('registry-ui', 'project-file');
  const inputs = fs.readdirSync(dir).filter(f => f.endsWith('.in.jsonc')).sort();
  test('there are cases', () => assert.ok(inputs.length >= 7));
  for (const name of inputs) {
    test(name.replace(/\.in\.jsonc$/, ''), () => {
      const raw = fs.readFileSync(path.join(dir, name), 'utf8');
      const directive = /^\/\/ op: (registry|mapping) (.*)\n/.exec(raw);
      assert.ok(directive, `${name} starts with "// op: registry|mapping {json}"`);
      const body = raw.slice(directive[0].length);
      const before = body.trim() ? body : undefined;
      const arg = JSON.parse(directive[2]);
      const written = directive[1] === 'registry' ? withRegistrySection(before, arg as RegistrySection) : withMappingRule(before, arg as MappingRule);
      assert.ok(written !== undefined, 'the input is a JSON object, so it can be edited');
      const after: string = written;
      const goldenPath = path.join(dir, name.replace(/\.in\.jsonc$/, '.expected.json'));
      if (UPDATE) fs.writeFileSync(goldenPath, after);
      assert.ok(fs.existsSync(goldenPath), `no golden file for ${name}: run with UPDATE_EXPECT=1 and review it`);
      assert.equal(after, fs.readFileSync(goldenPath, 'utf8'));
      // The result is a project file the server reads without a problem, and it says what was asked.
      const parsed = parseProjectConfig(after, '/project');
      assert.deepEqual(parsed.problems.map(p => p.message), []);
      if (directive[1] === 'registry') {
        assert.equal(parsed.config.registry?.url, arg.url);
        assert.equal(parsed.config.registry?.auth, arg.auth);
        assert.equal(parsed.config.registry?.caFile, arg.caFile);
      } else {
        assert.deepEqual(parsed.config.schemas.at(-1)?.files, [arg.files]);
      }
      // Nothing that looks like a secret survives a rewrite.
      assert.doesNotMatch(after, /"(password|token|secret|apiSecret)"\s*:/);
      // Comments in the input are kept.
      for (const comment of commentsOf(body)) assert.ok(after!.includes(comment), `comment kept: ${comment}`);
      assert.ok(parseTree(after), 'valid JSON(C)');
    });
  }

  test('a file that is not a JSON object is not edited', () => {
    assert.equal(withRegistrySection('[1, 2]', { url: 'https://x.example', auth: 'none' }), undefined);
    assert.equal(withMappingRule('"text"', { files: 'a.avsc', subject: 'a' }), undefined);
    assert.equal(withMappingRule('{"schemas": {"files": "a.avsc"}}', { files: 'b.avsc', subject: 'b' }), undefined);
  });

  test('a file nested past the server\'s limit is not read and not edited (nothing throws, however deep)', () => {
    for (const depth of [MAX_PROJECT_FILE_DEPTH + 1, 3_000, 200_000]) {
      const deep = `{"registry": {"url": "https://sr.example.com", "auth": "none", "x": ${'['.repeat(depth)}${']'.repeat(depth)}}, "schemas": []}`;
      assert.equal(readProjectRegistry(deep), undefined, `depth ${depth}`);
      assert.equal(withRegistrySection(deep, { url: 'https://y.example', auth: 'none' }), undefined, `depth ${depth}`);
      assert.equal(withMappingRule(deep, { files: 'a.avsc', subject: 'a' }), undefined, `depth ${depth}`);
    }
    // At the limit it is still a project file.
    const atLimit = `{"registry": {"url": "https://sr.example.com", "auth": "none", "x": ${'['.repeat(MAX_PROJECT_FILE_DEPTH - 2)}${']'.repeat(MAX_PROJECT_FILE_DEPTH - 2)}}}`;
    assert.equal(readProjectRegistry(atLimit)?.url, 'https://sr.example.com');
  });

  test('the confirmation shows exactly the section the file will hold', () => {
    const before = fs.readFileSync(path.join(dir, 'replace-keeps-mtls-drops-secret.in.jsonc'), 'utf8').replace(/^\/\/ op:.*\n/, '');
    const shown = registrySectionText(before, { url: 'https://new-registry.example.com', auth: 'basic' });
    const written = JSON.parse(withRegistrySection(before, { url: 'https://new-registry.example.com', auth: 'basic' })!).registry;
    assert.equal(shown, `"registry": ${JSON.stringify(written, null, 2)}`);
    assert.doesNotMatch(shown, /hunter2/);
    assert.match(shown, /"certFile": "client.pem"/);
  });
});

describe('mapping an unmapped schema', () => {
  test('TopicNameStrategy from the file name, RecordNameStrategy from the fullname, and a folder-wide rule', () => {
    const choices = mappingChoices('events/metering-event.avsc', 'caracal.metering.MeteringEvent');
    assert.deepEqual(choices.map(c => [c.subject, c.rule]), [
      ['metering-event-value', { files: 'events/metering-event.avsc', strategy: 'TopicNameStrategy', topic: 'metering-event' }],
      ['caracal.metering.MeteringEvent', { files: 'events/metering-event.avsc', strategy: 'RecordNameStrategy' }],
      ['metering-event-value', { files: 'events/*.avsc', strategy: 'TopicNameStrategy', topic: '{file}' }],
    ]);
  });
  test('without a named top-level type there is no RecordNameStrategy choice', () => {
    assert.deepEqual(mappingChoices('ids.avsc', undefined).map(c => c.rule.strategy), ['TopicNameStrategy', 'TopicNameStrategy']);
  });
  test('each choice maps the file to the subject it names, by the server\'s own rules', () => {
    for (const choice of mappingChoices('events/metering-event.avsc', 'caracal.metering.MeteringEvent')) {
      const { config } = parseProjectConfig(withMappingRule(undefined, choice.rule)!, '/project');
      const resolved = subjectFor(policyFor(config, 'events/metering-event.avsc'), 'events/metering-event.avsc', 'caracal.metering.MeteringEvent');
      assert.deepEqual(resolved.kind === 'subject' ? resolved.subject : resolved.reason, choice.subject, choice.label);
    }
  });
});

const entry = (uri: string, state: RegistrySyncEntry['state'], extra: Partial<RegistrySyncEntry> = {}): RegistrySyncEntry => ({ uri: `file:///w/${uri}`, state, message: `${uri} is ${state}`, ...extra });

describe('the sync view', () => {
  const entries = [
    entry('b.avsc', 'in-sync', { subject: 'b-value', latestVersion: 3 }),
    entry('a.avsc', 'in-sync', { subject: 'a-value', latestVersion: 1 }),
    entry('c.avsc', 'behind', { subject: 'c-value', localVersionMatch: 2, latestVersion: 4 }),
    entry('d.avsc', 'ahead-incompatible', { subject: 'd-value', latestVersion: 7 }),
    entry('e.avsc', 'unmapped'),
    entry('f.avsc', 'not-registered', { subject: 'f-value' }),
    entry('g.avsc', 'ahead-compatible', { subject: 'g-value', latestVersion: 2 }),
    entry('h.avsc', 'error', { subject: 'h-value' }),
    entry('i.avsc', 'invalid'),
  ];

  test('groups in the order of attention, each sorted by path, with counts', () => {
    assert.deepEqual(groupEntries(entries).map(g => `${g.info.label} (${g.entries.length}): ${g.entries.map(e => e.uri.slice(8)).join(' ')}`), [
      'Local ahead, incompatible (1): w/d.avsc',
      'Invalid locally (1): w/i.avsc',
      'Local ahead, compatible (1): w/g.avsc',
      'Not registered yet (1): w/f.avsc',
      'Registry ahead (1): w/c.avsc',
      'Registry could not be asked (1): w/h.avsc',
      'Unmapped (1): w/e.avsc',
      'In sync (2): w/a.avsc w/b.avsc',
    ]);
  });

  test('a state from a newer server still gets a group, last', () => {
    const groups = groupEntries([entry('x.avsc', 'deleted-upstream' as RegistrySyncEntry['state']), entry('a.avsc', 'in-sync')]);
    assert.deepEqual(groups.map(g => g.info.label), ['In sync', 'deleted-upstream']);
  });

  test('descriptions name the subject and the versions that matter', () => {
    assert.deepEqual(entries.map(entryDescription), [
      'b-value · v3', 'a-value · v1', 'c-value · local v2 < v4', 'd-value · after v7', '', 'f-value', 'g-value · after v2', 'h-value', '',
    ]);
  });

  test('the badge counts what needs an action', () => {
    assert.equal(actionableCount(entries), 5);
  });
});

const prepared = (uri: string, subject: string, plan: Array<[string, string, boolean?]>, extra: Partial<RegistryPrepareRegisterResult> = {}): PreparedDocument => ({
  uri,
  prepared: {
    subject,
    level: 'BACKWARD',
    plan: plan.map(([u, s, done]) => ({ uri: u, subject: s, references: [], alreadyRegistered: done ? { id: 1, version: 1 } : undefined })),
    findings: [],
    message: '',
    ...extra,
  },
});

describe('registering several schemas', () => {
  test('referenced schemas go first, whatever order the view listed them in', () => {
    const order = registrationOrder([
      prepared('order', 'orders-value', [['money', 'com.acme.Money'], ['address', 'com.acme.Address'], ['order', 'orders-value']]),
      prepared('invoice', 'invoices-value', [['money', 'com.acme.Money'], ['invoice', 'invoices-value']]),
      prepared('address', 'com.acme.Address', [['country', 'com.acme.Country', true], ['address', 'com.acme.Address']]),
      prepared('money', 'com.acme.Money', [['money', 'com.acme.Money']]),
    ]);
    assert.deepEqual(order.map(d => d.uri), ['money', 'address', 'order', 'invoice']);
  });

  test('a cycle keeps the given order instead of looping', () => {
    const order = registrationOrder([prepared('a', 'a', [['b', 'b'], ['a', 'a']]), prepared('b', 'b', [['a', 'a'], ['b', 'b']])]);
    assert.deepEqual(order.map(d => d.uri).sort(), ['a', 'b']);
  });

  test('already registered only when every step of the plan is', () => {
    assert.deepEqual(alreadyRegistered(prepared('a', 'a', [['r', 'r', true], ['a', 'a', true]]).prepared), { id: 1, version: 1 });
    assert.equal(alreadyRegistered(prepared('a', 'a', [['r', 'r'], ['a', 'a', true]]).prepared), undefined);
    assert.equal(alreadyRegistered(prepared('a', 'a', []).prepared), undefined);
  });

  test('the confirmation says subject, level, latest version, both verdicts and the order', () => {
    const p = prepared('order', 'orders-value', [['money', 'com.acme.Money'], ['country', 'com.acme.Country', true], ['order', 'orders-value']], {
      latest: { version: 7, id: 42, schema: '{}' },
      registry: { isCompatible: true, messages: [] },
    }).prepared;
    assert.equal(registerConfirmationDetail(p), [
      'Subject: orders-value, compatibility level BACKWARD',
      'Latest registered: version 7 (id 42)',
      'Avro Studio\'s check: no breaking change',
      'The registry\'s verdict: compatible',
      '',
      'Registers, in this order (referenced schemas first):',
      '  1. com.acme.Money',
      '  2. orders-value',
      'Already registered: com.acme.Country (id 1, version 1)',
    ].join('\n'));
  });

  test('a first registration says it creates the subject', () => {
    const p = prepared('m', 'metering-value', [['m', 'metering-value']], { level: undefined }).prepared;
    assert.equal(registerConfirmationDetail(p), [
      'Subject: metering-value',
      'The subject does not exist yet: this registration creates it (version 1).',
      'Avro Studio\'s check: nothing to compare with',
    ].join('\n'));
  });

  test('the summary says exactly what happened to each subject', () => {
    assert.equal(registerSummary({
      ok: false,
      message: 'stopped',
      results: [
        { subject: 'com.acme.Money', outcome: 'registered', id: 5, version: 1 },
        { subject: 'com.acme.Country', outcome: 'already-registered', id: 2, version: 3 },
        { subject: 'orders-value', outcome: 'failed', error: 'registry unreachable' },
        { subject: 'invoices-value', outcome: 'not-attempted' },
      ],
    }), 'com.acme.Money: registered, id 5, version 1; com.acme.Country: already registered (id 2, version 3); orders-value: failed: registry unreachable; invoices-value: not attempted');
  });
});

describe('the registry\'s verdict, readable', () => {
  const confluent = [
    "{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE', description:'The field 'site' at path '/fields/5' in the new schema has no default value and is missing in the old schema', additionalInfo:'site'}",
    '{oldSchemaVersion: 2}',
    "{oldSchema: '{\"type\":\"record\",\"name\":\"MeteringEvent\",\"fields\":[]}'}",
    "{validateFields: 'false', compatibility: 'BACKWARD'}",
  ];

  test('descriptions with their error type; the context entries are dropped', () => {
    assert.deepEqual(readableRegistryMessages(confluent), [
      "The field 'site' at path '/fields/5' in the new schema has no default value and is missing in the old schema (READER_FIELD_MISSING_DEFAULT_VALUE)",
    ]);
  });

  test('other registries\' plain messages are kept, clipped', () => {
    assert.deepEqual(readableRegistryMessages(['Incompatible schema: reader field "x" has no default']), ['Incompatible schema: reader field "x" has no default']);
    assert.equal(readableRegistryMessages(['x'.repeat(500)])[0].length, 240);
  });

  test('the headline stops before the raw messages', () => {
    assert.equal(refusalHeadline(`Not registered: the registry would reject events/m.avsc (subject m-value, BACKWARD): ${confluent.join(' ')}`),
      'Not registered: the registry would reject events/m.avsc (subject m-value, BACKWARD).');
    assert.equal(refusalHeadline('The schema has 2 errors: fix them first.'), 'The schema has 2 errors: fix them first.');
  });

  test('the confirmation lists the registry\'s reasons readably', () => {
    const detail = registerConfirmationDetail({ subject: 'm-value', level: 'BACKWARD', plan: [], findings: [], message: '', latest: { version: 2, id: 3, schema: '{}' }, registry: { isCompatible: false, messages: confluent } });
    assert.match(detail, /The registry's verdict: incompatible\n {2}The field 'site' at path/);
    assert.doesNotMatch(detail, /oldSchema/);
  });
});
