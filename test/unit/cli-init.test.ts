// `avro-studio init`: the proposal for real repositories (test/fixtures/cli-init), written only when confirmed, never over an existing file, loadable, and passing `check`.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Readable } from 'node:stream';
import { loadProjectConfigIn } from '../../server/src/config/loadProjectConfig';
import { runCli } from '../../server/src/cli/main';
import type { CliIO } from '../../server/src/cli/io';
import { findVersionField, mavenSubjects, policyKeySupported, propose, schemaFolders, strategiesIn, testFolders } from '../../server/src/cli/initSurvey';
import { nodeFileSystem } from '../../server/src/node/nodeFileSystem';
import { fixture } from '../helpers/paths';
import { CLI, git } from './cli-check-repos';

const FIXTURES = fixture('cli-init');
const made: string[] = [];
after(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fixture repository copied to a temp dir; a git repository with one commit unless `git` is false. */
function repoFrom(name: string, withGit = true): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `avro-init-${name}-`)));
  made.push(dir);
  fs.cpSync(path.join(FIXTURES, name), dir, { recursive: true, filter: src => path.basename(src) !== 'init-expected.json' });
  if (withGit) {
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-gpg-sign', '-m', 'schemas');
  }
  return dir;
}

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  // stdin is /dev/null: not a terminal, as in CI.
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
}

/** init-expected.json as this build writes it: without "policy" when the project file has no such key. */
function expected(name: string): Record<string, unknown> {
  const json = JSON.parse(fs.readFileSync(path.join(FIXTURES, name, 'init-expected.json'), 'utf8')) as Record<string, unknown>;
  if (!policyKeySupported()) delete json.policy;
  return json;
}

async function inProcess(args: string[], cwd: string, stdin: NodeJS.ReadableStream | undefined): Promise<{ exit: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: process.env, stdout: { write: s => void (stdout += s) }, stderr: { write: s => void (stderr += s) }, fs: nodeFileSystem, stdin };
  const exit = await runCli(args, io);
  return { exit, stdout, stderr };
}

/** A stdin that is a terminal where the user types `answer`. */
function terminal(answer: string): NodeJS.ReadableStream {
  return Object.assign(Readable.from([answer]), { isTTY: true });
}

describe('avro-studio init on fixture repositories', () => {
  for (const name of ['integer-records', 'maven-semver']) {
    test(`${name}: --yes writes the proposal, which loads cleanly and passes check; a breaking change then fails check`, async () => {
      const dir = repoFrom(name);
      const r = cli(dir, 'init', '--yes');
      assert.equal(r.status, 0, r.stderr);
      const written = fs.readFileSync(path.join(dir, 'avro-studio.json'), 'utf8');
      assert.equal(r.stdout, written, 'the file shown is the file written');
      assert.deepEqual(JSON.parse(written), expected(name));
      assert.match(r.stderr, /Wrote avro-studio\.json/);
      assert.match(r.stderr, /Version field "schema_version"/);

      const loaded = await loadProjectConfigIn(dir);
      assert.deepEqual(loaded?.problems, []);

      const check = cli(dir, 'check');
      assert.equal(check.status, 0, check.stdout + check.stderr);

      // The baseline is live: a required field added without a default breaks BACKWARD against git:HEAD.
      const schema = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).find(f => f.endsWith('.avsc') && !f.includes('refunds'))!;
      const file = path.join(dir, schema);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"fields": [', '"fields": [\n    { "name": "added_required", "type": "string" },'));
      const broken = cli(dir, 'check');
      assert.equal(broken.status, 1, broken.stdout + broken.stderr);
      assert.match(broken.stdout, /AVRO-400/);
    });
  }

  test('a folder outside git: compatibility off, and check passes', async () => {
    const dir = repoFrom('plain-folder', false);
    const r = cli(dir, 'init', '-y');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'avro-studio.json'), 'utf8')), expected('plain-folder'));
    assert.match(r.stderr, /Not a git repository: compatibility is off/);
    assert.deepEqual((await loadProjectConfigIn(dir))?.problems, []);
    assert.equal(cli(dir, 'check').status, 0);
  });

  test('stdin not a terminal and no --yes: shows the file, writes nothing, says how to write it', () => {
    const dir = repoFrom('integer-records');
    const r = cli(dir, 'init');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), expected('integer-records'));
    assert.match(r.stderr, /Not written: stdin is not a terminal.*avro-studio init --yes/);
    assert.equal(fs.existsSync(path.join(dir, 'avro-studio.json')), false);
  });

  test('an existing avro-studio.json is never replaced without --force', () => {
    const dir = repoFrom('integer-records');
    fs.writeFileSync(path.join(dir, 'avro-studio.json'), '{ "specVersion": "1.12" }\n');
    const r = cli(dir, 'init', '--yes');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /avro-studio\.json already exists: pass --force to replace it/);
    assert.equal(fs.readFileSync(path.join(dir, 'avro-studio.json'), 'utf8'), '{ "specVersion": "1.12" }\n');
    const forced = cli(dir, 'init', '--yes', '--force');
    assert.equal(forced.status, 0, forced.stderr);
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dir, 'avro-studio.json'), 'utf8')), expected('integer-records'));
  });

  test('at a terminal: writes after "y", not after "n" or an empty answer', async () => {
    for (const [answer, writes] of [['y\n', true], ['yes\n', true], ['n\n', false], ['\n', false], ['', false]] as const) {
      const dir = repoFrom('plain-folder', false);
      const r = await inProcess(['init'], dir, terminal(answer));
      assert.equal(r.exit, 0, r.stderr);
      assert.match(r.stderr, /Write avro-studio\.json\? \[y\/N\] /);
      assert.equal(fs.existsSync(path.join(dir, 'avro-studio.json')), writes, `answer ${JSON.stringify(answer)}`);
      if (!writes) assert.match(r.stderr, /Not written\./);
    }
  });

  test('a folder argument and --level; usage errors are exit 2', async () => {
    const dir = repoFrom('integer-records');
    const r = cli(path.dirname(dir), 'init', '--yes', '--level', 'FULL_TRANSITIVE', path.basename(dir));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(fs.readFileSync(path.join(dir, 'avro-studio.json'), 'utf8')).compatibility.level, 'FULL_TRANSITIVE');
    assert.equal(cli(dir, 'init', '--level', 'SIDEWAYS').status, 2);
    assert.equal(cli(dir, 'init', 'no-such-folder').status, 2);
    assert.equal(cli(dir, 'init', '--what').status, 2);
  });
});

describe('init: what it recognises', () => {
  test('subject strategies in Kafka client settings, YAML and Gradle; the most specific class name wins', () => {
    assert.deepEqual(strategiesIn('value.subject.name.strategy=io.confluent.kafka.serializers.subject.TopicRecordNameStrategy'), ['TopicRecordNameStrategy']);
    assert.deepEqual(strategiesIn('spring:\n  kafka:\n    properties:\n      value.subject.name.strategy: io.confluent.kafka.serializers.subject.RecordNameStrategy'), ['RecordNameStrategy']);
    assert.deepEqual(strategiesIn('subjectNameStrategy = "TopicNameStrategy"'), ['TopicNameStrategy']);
    assert.deepEqual(strategiesIn('# nothing about subjects here: RecordNameStrategy'), []);
  });

  test("the Maven plugin's <subjects>", () => {
    assert.deepEqual(mavenSubjects('<subjects>\n <a-value>src/main/avro/A.avsc</a-value>\n <b.key>x/B.avsc</b.key>\n</subjects>'), [
      { subject: 'a-value', file: 'src/main/avro/A.avsc' },
      { subject: 'b.key', file: 'x/B.avsc' },
    ]);
  });

  test('a version field: integer or semver default, carried by at least half the records; a domain field without a default is not one', () => {
    const rec = (fields: string): string => `{"type":"record","name":"R","fields":[${fields}]}`;
    assert.deepEqual(findVersionField([rec('{"name":"schema_version","type":"int","default":1}'), rec('{"name":"schema_version","type":"long","default":4}'), rec('{"name":"x","type":"int"}')]),
      { name: 'schema_version', kind: 'integer', count: 2, records: 3 });
    assert.deepEqual(findVersionField([rec('{"name":"schemaVersion","type":["string","null"],"default":"2.0.1"}')]), { name: 'schemaVersion', kind: 'semver', count: 1, records: 1 });
    assert.equal(findVersionField([rec('{"name":"version","type":"string"}'), rec('{"name":"version","type":"string","default":"v2"}')]), undefined);
    assert.equal(findVersionField([rec('{"name":"schema_version","type":"int","default":1}'), rec('{"name":"a","type":"int"}'), rec('{"name":"b","type":"int"}')]), undefined, 'one record of three is no convention');
  });

  test('folders: source roots stand for their package folders; many folders merge into their parents', () => {
    assert.deepEqual(schemaFolders(['svc/src/main/avro/com/acme/A.avsc', 'svc/src/main/avro/com/acme/b/B.avsc', 'other/src/main/resources/avro/io/x/C.avsc']),
      ['other/src/main/resources/avro', 'svc/src/main/avro']);
    assert.deepEqual(schemaFolders(['a.avsc', 'x/b.avsc']), ['.']);
    const many = Array.from({ length: 12 }, (_, i) => `lang/l${i}/test/s${i}.avsc`).concat(['share/schemas/x.avsc']);
    assert.deepEqual(schemaFolders(many), ['lang', 'share']);
  });

  test('test folders holding schemas are named (their fixtures may be invalid on purpose), the fullest first', () => {
    assert.deepEqual(testFolders(['a/src/test/resources/x.avsc', 'a/src/test/y.avsc', 'lang/c/tests/fail/z.avsc', 'src/main/avro/ok.avsc', 'contest/w.avsc']), ['a/src/test', 'lang/c/tests']);
    const survey = { root: '/r', schemas: ['src/main/avro/a.avsc', 'src/test/avro/bad.avsc'], unreadable: [], subjects: [], git: undefined };
    assert.ok(propose(survey, { level: 'BACKWARD', policyKey: false }).notes.some(n => n.startsWith('1 of them under test folders (src/test)')));
  });

  test('the "policy" key is written exactly when this build reads it', () => {
    const survey = { root: '/r', schemas: ['s/a.avsc'], unreadable: [], subjects: [], git: { root: '/r', hasCommit: true }, versionField: { name: 'schema_version', kind: 'semver' as const, count: 1, records: 1 } };
    assert.deepEqual(propose(survey, { level: 'BACKWARD', policyKey: true }).config.policy, { versionField: { name: 'schema_version', kind: 'semver' } });
    const without = propose(survey, { level: 'BACKWARD', policyKey: false });
    assert.equal(without.config.policy, undefined);
    assert.ok(without.notes.some(n => n.includes('no "policy" setting')));
  });
});
