// The built CLI against hostile input: project files that name files outside their folder, URLs with passwords, terminal escapes in schemas and registry answers, closed pipes, FIFOs, endless files, absurd nesting.
import { after, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { escapeControlCharacters } from '../../server/src/service/util/escape';
import { readFileBytes } from '../../server/src/node/textFile';
import { withoutUserinfo } from '../../server/src/registry/userinfo';
import { escapeControl, escapeOutput } from '../../server/src/cli/terminal';
import { FileTooLargeError, NotARegularFileError } from '../../server/src/workspace/fileSystem';
import { CLI, startRegistry, type CliRun } from './cli-registry-env';
import type { FakeRegistry } from '../registry/fakeRegistry';

const SECRET = 'SECRET_TOKEN=abc123def';
const RECORD = '{"type": "record", "name": "A", "fields": [{"name": "id", "type": "string"}]}\n';
const RECORD_WITH_FIELD = '{"type": "record", "name": "A", "fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]}\n';

/**
 * The built CLI as a child process (asynchronous: the fake registry answers from this process). A
 * run that hangs (a regression: a FIFO read forever) is killed after 30 s and fails its test.
 */
function runCli(args: readonly string[], cwd: string, env: Record<string, string | undefined> = {}, input?: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd,
      env: { PATH: process.env.PATH, HOME: os.tmpdir(), LANG: 'C', NO_COLOR: '1', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ stdout, stderr: signal ? `${stderr}(killed by ${signal})` : stderr, exit: code ?? -1 }));
    child.stdin.on('error', () => undefined);
    child.stdin.end(input ?? '');
  });
}

const roots: string[] = [];
const registries: FakeRegistry[] = [];
after(async () => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  for (const r of registries) await r.stop();
});

/** A temp folder holding `outside/` (secrets) and `proj/` (the workspace, with these files). */
function world(files: Record<string, string>): { root: string; proj: string; outside: string } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-hardening-')));
  roots.push(root);
  const proj = path.join(root, 'proj');
  const outside = path.join(root, 'outside');
  fs.mkdirSync(proj);
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(outside, 'outside.env'), `${SECRET}\n`);
  fs.writeFileSync(path.join(outside, 'string.json'), `"${SECRET} as a JSON string"\n`);
  fs.writeFileSync(path.join(outside, 'old.avsc'), RECORD);
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(proj, rel)), { recursive: true });
    fs.writeFileSync(path.join(proj, rel), text);
  }
  return { root, proj, outside };
}

function project(config: unknown): string {
  return JSON.stringify(config, null, 2);
}

function noSecret(r: CliRun, secret = 'abc123def'): void {
  assert.ok(!r.stdout.includes(secret) && !r.stderr.includes(secret), `the output holds the secret:\n${r.stdout}${r.stderr}`);
}

/** No raw control character (but newline, and the colours --color asks for) and no bidi control anywhere in what the CLI printed. */
function noRawControl(r: CliRun): void {
  const raw = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
  const colour = /\u001b\[(3[136]|90|0)m/g;
  for (const [name, text] of [['stdout', r.stdout.replace(colour, '')], ['stderr', r.stderr]] as const) {
    const m = raw.exec(text);
    assert.equal(m, null, `${name} holds a raw U+${m?.[0].charCodeAt(0).toString(16).padStart(4, '0')} at ${m?.index}: ${JSON.stringify(text.slice(Math.max(0, (m?.index ?? 0) - 40), (m?.index ?? 0) + 40))}`);
  }
}

describe('a project file cannot make the CLI read files outside its folder', () => {
  for (const [what, baseline] of [
    ['a ".." path', 'file:../outside/outside.env'],
    ['an absolute path', 'file:<outside>/outside.env'],
    ['a JSON file holding a string', 'file:../outside/string.json'],
  ] as const) {
    test(`${what} as the baseline: exit 2 naming the setting, nothing read, nothing quoted`, async () => {
      const w = world({ 'a.avsc': RECORD });
      fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ compatibility: { baseline: baseline.replace('<outside>', w.outside) } }));
      const r = await runCli(['check', 'a.avsc'], w.proj);
      assert.equal(r.exit, 2, r.stdout + r.stderr);
      assert.match(r.stderr, /"compatibility\.baseline" names ".*", which (leads out of that folder with "\.\."|is an absolute path)/);
      assert.match(r.stderr, /--against file:PATH/);
      noSecret(r);
      assert.ok(!r.stderr.includes('as a JSON string'));
    });
  }

  test('a rule\'s baseline, and a symbolic link inside the folder that leads out of it', async () => {
    const w = world({ 'events/a.avsc': RECORD });
    fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ schemas: [{ files: 'events/*.avsc', compatibility: { baseline: 'file:../../outside/old.avsc' } }] }));
    const rule = await runCli(['check', 'events/a.avsc'], w.proj);
    assert.equal(rule.exit, 2);
    assert.match(rule.stderr, /"schemas\[0\]\.compatibility\.baseline" names "\.\.\/\.\.\/outside\/old\.avsc"/);

    fs.symlinkSync(path.join(w.outside, 'outside.env'), path.join(w.proj, 'link.avsc'));
    fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ compatibility: { baseline: 'file:link.avsc' } }));
    const link = await runCli(['check', 'events/a.avsc'], w.proj);
    assert.equal(link.exit, 2, link.stdout + link.stderr);
    assert.match(link.stderr, /avro-studio\.json "compatibility\.baseline" names "link\.avsc", which is a symbolic link \(or goes through one\) to a place outside that folder/);
    noSecret(link);

    // A baseline folder inside the project whose file is a link out of it: not read either.
    fs.mkdirSync(path.join(w.proj, 'old/events'), { recursive: true });
    fs.symlinkSync(path.join(w.outside, 'outside.env'), path.join(w.proj, 'old/events/a.avsc'));
    fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ compatibility: { baseline: 'file:old' } }));
    const folder = await runCli(['check', 'events/a.avsc'], w.proj);
    assert.equal(folder.exit, 2, folder.stdout + folder.stderr);
    assert.match(folder.stderr, /symbolic link/);
    noSecret(folder);
  });

  test('a baseline inside the folder that is not a schema: its position, never its text', async () => {
    const w = world({ 'a.avsc': RECORD, 'notes.avsc': `${SECRET}\n`, 'str.avsc': `"${SECRET} in a string"\n` });
    for (const baseline of ['file:notes.avsc', 'file:str.avsc']) {
      fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ compatibility: { baseline } }));
      for (const format of ['text', 'json', 'github', 'junit', 'sarif']) {
        const r = await runCli(['check', 'a.avsc', '--format', format], w.proj);
        assert.ok(r.exit === 0 || r.exit === 1, r.stdout + r.stderr);
        noSecret(r);
      }
    }
    fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ compatibility: { baseline: 'file:notes.avsc' } }));
    const text = await runCli(['check', 'a.avsc', '--no-color'], w.proj);
    assert.match(text.stdout, /AVRO-411 The baseline notes\.avsc of this file is not a valid Avro schema \(line 1, column 1 of notes\.avsc: JSON syntax error, [a-z ]+\)/);
  });

  test('a path from the command line is the user\'s own: --against file: may point anywhere', async () => {
    const w = world({ 'a.avsc': RECORD_WITH_FIELD });
    const r = await runCli(['check', 'a.avsc', '--against', `file:${path.join(w.outside, 'old.avsc')}`, '--no-config'], w.proj);
    assert.equal(r.exit, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /AVRO-400/);
  });

  test('certificate files and mapping globs stay inside the folder too', async () => {
    const w = world({ 'a.avsc': RECORD });
    fs.writeFileSync(path.join(w.outside, 'key.pem'), `-----BEGIN PRIVATE KEY-----\n${SECRET}\n-----END PRIVATE KEY-----\n`);
    const cases: Array<[unknown, RegExp]> = [
      [{ registry: { url: 'http://127.0.0.1:9', caFile: '../outside/key.pem' } }, /"registry\.caFile" names "\.\.\/outside\/key\.pem"/],
      [{ registry: { url: 'http://127.0.0.1:9', certFile: 'c.pem', keyFile: path.join(w.outside, 'key.pem') } }, /"registry\.keyFile" names ".*key\.pem", which is an absolute path/],
      [{ schemas: [{ files: '../outside/**/*.avsc', subject: 'x' }] }, /"schemas\[0\]\.files" must match files inside the folder of avro-studio\.json/],
    ];
    for (const [config, message] of cases) {
      fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project(config));
      const r = await runCli(['registry', 'subjects'], w.proj);
      assert.equal(r.exit, 2, r.stdout + r.stderr);
      assert.match(r.stderr, message);
      noSecret(r);
    }
    // A CA file that is a link out of the folder: refused when it would be read, before any request.
    fs.symlinkSync(path.join(w.outside, 'key.pem'), path.join(w.proj, 'ca.pem'));
    fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ registry: { url: 'http://127.0.0.1:9', caFile: 'ca.pem' } }));
    const linked = await runCli(['registry', 'subjects'], w.proj);
    assert.equal(linked.exit, 2);
    assert.match(linked.stderr, /"registry\.caFile" names "ca\.pem", which is a symbolic link/);
    assert.match(linked.stderr, /--ca-file/);
    noSecret(linked);
  });
});

describe('a URL never shows its password', () => {
  test('withoutUserinfo: parsed or not, inside a message or alone', () => {
    assert.equal(withoutUserinfo('http://u:PW@127.0.0.1:99999'), 'http://127.0.0.1:99999');
    assert.equal(withoutUserinfo('ftp://u:PW@host/x'), 'ftp://host/x');
    assert.equal(withoutUserinfo('not http://u:P@W@host:80 trailing'), 'not http://host:80 trailing');
    assert.equal(withoutUserinfo('"http://u:pa/ss@host"'), '"http://host"');
    assert.equal(withoutUserinfo("--registry 'u:PW@host:8081'"), "--registry 'host:8081'");
    assert.equal(withoutUserinfo('https://registry.example.com:8081/path'), 'https://registry.example.com:8081/path');
  });

  for (const [what, args, config] of [
    ['--registry with an invalid port', ['registry', 'subjects', '--registry', 'http://u:PW-never@127.0.0.1:99999'], undefined],
    ['--registry that is not http(s)', ['registry', 'subjects', '--registry', 'ftp://u:PW-never@host'], undefined],
    ['--registry without a scheme', ['registry', 'subjects', '--registry', 'u:PW-never@host:8081'], undefined],
    ['registry.url with a bad port', ['registry', 'subjects'], { registry: { url: 'http://u:PW-never@host:99999' } }],
    ['registry.url with trailing text', ['registry', 'subjects'], { registry: { url: 'http://u:PW-never@host:80 trailing' } }],
    ['registry.url that is not http(s)', ['check', '--against', 'registry'], { registry: { url: 'ftp://u:PW-never@host' } }],
  ] as const) {
    test(`${what}: exit 2, the message has no password`, async () => {
      const w = world({ 'a.avsc': RECORD });
      if (config) fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project(config));
      const r = await runCli(args, w.proj);
      assert.equal(r.exit, 2, r.stdout + r.stderr);
      assert.ok(r.stderr.length > 0);
      noSecret(r, 'PW-never');
    });
  }
});

const HOSTILE_NAME = '\u001b]0;PWNED\u0007\u001b[2J';
const HOSTILE = `{"type": "record", "name": "R", "doc": "\u202eevil", "fields": [{"name": "x", "type": "${HOSTILE_NAME.replace(/[\u0000-\u001f]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"}]}\n`;

describe('nothing from a schema, a file name or a registry reaches the terminal raw', () => {
  test('escapeControl and escapeOutput: control and bidi characters become \\u escapes; our own colours and newlines stay', () => {
    assert.equal(escapeControl('a\u001b]0;X\u0007b\nc\td\u202e\u0085'), 'a\\u001b]0;X\\u0007b\\u000ac\td\\u202e\\u0085');
    assert.equal(escapeOutput('\u001b[31merror\u001b[0m line\n\u001b]0;x\u0007'), '\u001b[31merror\u001b[0m line\n\\u001b]0;x\\u0007');
  });

  test('a type name with terminal escapes: every format of lint and check, and compat', async () => {
    const w = world({ 'hostile.avsc': HOSTILE, 'ok.avsc': RECORD });
    execFileSync('git', ['init', '-q'], { cwd: w.proj });
    const runs: CliRun[] = [await runCli(['lint', 'hostile.avsc'], w.proj), await runCli(['lint', 'hostile.avsc', '--format', 'json'], w.proj), await runCli(['lint', 'hostile.avsc', '--color'], w.proj)];
    assert.match(runs[0].stdout, /\\u001b\]0;PWNED\\u0007\\u001b\[2J/, 'the name is shown, escaped');
    for (const format of ['text', 'json', 'github', 'junit', 'sarif']) runs.push(await runCli(['check', 'hostile.avsc', '--against', 'file:ok.avsc', '--format', format], w.proj));
    runs.push(await runCli(['compat', 'ok.avsc', 'hostile.avsc'], w.proj));
    runs.push(await runCli(['compat', 'hostile.avsc', 'ok.avsc', '--format', 'json'], w.proj));
    runs.push(await runCli(['compat', '--jsonl'], w.proj, {}, JSON.stringify({ reader: JSON.parse(HOSTILE), writer: JSON.parse(RECORD) }) + '\n'));
    for (const r of runs) noRawControl(r);
    // The JSON outputs still parse, to the same strings.
    const json = JSON.parse(runs[1].stdout) as { files: Array<{ diagnostics: Array<{ message: string }> }> };
    // The service already writes the name escaped into its message (util/escape.ts): JSON carries that text as it is.
    assert.ok(json.files[0].diagnostics.some(d => d.message.includes(escapeControlCharacters(HOSTILE_NAME))), 'JSON keeps the message as the service wrote it');
  });

  test('a file name with escapes, a UTF-16 file (NUL bytes), an unknown command', async () => {
    const w = world({});
    fs.writeFileSync(path.join(w.proj, 'bad\u001b[2Jname.avsc'), '{"type": "strng"}');
    fs.writeFileSync(path.join(w.proj, 'utf16.avsc'), Buffer.from('\ufeff' + RECORD, 'utf16le'));
    for (const r of [await runCli(['lint', '.'], w.proj), await runCli(['lint', '.', '--format', 'json'], w.proj), await runCli(['no\u001b[2Jcommand'], w.proj)]) noRawControl(r);
  });

  test('registry answers with escapes: subject names and error bodies', async () => {
    const reg = await startRegistry(undefined, { auth: undefined });
    registries.push(reg);
    const w = world({});
    fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), project({ registry: { url: reg.url } }));
    reg.faults.respond({ path: '/subjects', status: 200, body: ['orders\u001b]0;PWNED\u0007-value', 'a\u202eb'] });
    const subjects = await runCli(['registry', 'subjects'], w.proj);
    assert.equal(subjects.exit, 0, subjects.stderr);
    assert.match(subjects.stdout, /orders\\u001b\]0;PWNED\\u0007-value/);
    noRawControl(subjects);
    reg.faults.respond({ path: '/subjects', count: Infinity, status: 500, body: { error_code: 50001, message: 'broken \u001b[2J\u001b]0;PWNED\u0007 store' } });
    const failed = await runCli(['registry', 'subjects'], w.proj);
    assert.equal(failed.exit, 2);
    noRawControl(failed);
  });
});

/** Spawn the CLI with `stdin` (a file descriptor or 'pipe'); resolves when it exits. */
function spawnCli(args: string[], cwd: string, stdin: number | 'pipe' | 'ignore' = 'ignore') {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: [stdin, 'pipe', 'pipe'], env: { PATH: process.env.PATH, NO_COLOR: '1' }, timeout: 30_000 });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const done = new Promise<{ exit: number | null; stderr: string }>(resolve => child.on('close', code => resolve({ exit: code, stderr })));
  return { child, done };
}

describe('CLI edges', () => {
  test('a reader that closes stdout (| head -1): every command ends at once, quietly, with 141', async () => {
    const w = world({});
    // compat --jsonl: stdin that keeps coming.
    const jsonl = spawnCli(['compat', '--jsonl'], w.proj, 'pipe');
    const line = '{"reader": "long", "writer": "int"}\n';
    const feed = setInterval(() => jsonl.child.stdin!.write(line.repeat(200)), 5);
    jsonl.child.stdin!.on('error', () => undefined);
    await new Promise<void>(resolve => jsonl.child.stdout!.once('data', () => resolve()));
    jsonl.child.stdout!.destroy();
    const compat = await jsonl.done;
    clearInterval(feed);
    assert.equal(compat.exit, 141, compat.stderr);
    assert.equal(compat.stderr, '');

    // lint with a long report.
    for (let i = 0; i < 300; i++) fs.writeFileSync(path.join(w.proj, `f${i}.avsc`), '{"type": "strng"}');
    const lint = spawnCli(['lint', '.'], w.proj);
    lint.child.stdout!.destroy();
    const linted = await lint.done;
    assert.equal(linted.exit, 141, linted.stderr);
    assert.equal(linted.stderr, '');
  });

  test('compat --jsonl < a folder: exit 2 and why', async () => {
    const w = world({});
    const fd = fs.openSync(w.proj, 'r');
    try {
      const r = await spawnCli(['compat', '--jsonl'], w.proj, fd).done;
      assert.equal(r.exit, 2);
      assert.equal(r.stderr, 'avro-studio compat: cannot read stdin: it is a folder, not JSON lines\n');
    } finally {
      fs.closeSync(fd);
    }
  });

  test('an avro-studio.json nested thousands of levels deep: one clear message, no stack trace', async () => {
    const w = world({ 'a.avsc': RECORD });
    for (const text of ['['.repeat(3000) + ']'.repeat(3000), '{"a":'.repeat(20000) + '1' + '}'.repeat(20000)]) {
      fs.writeFileSync(path.join(w.proj, 'avro-studio.json'), text);
      const r = await runCli(['check', 'a.avsc'], w.proj);
      assert.equal(r.exit, 2);
      assert.match(r.stderr, /avro-studio\.json:1:\d+: avro-studio\.json nests objects and arrays more than 64 levels deep: it is not read/);
      assert.doesNotMatch(r.stderr, /RangeError|internal error|\n\s+at /);
      const registry = await runCli(['registry', 'subjects'], w.proj);
      assert.equal(registry.exit, 2);
      assert.match(registry.stderr, /more than 64 levels deep/);
    }
  });

  test('FIFOs and devices: named on the command line, exit 2 at once; in a folder, skipped; /dev/zero is never read', async () => {
    const w = world({ 'ok.avsc': RECORD });
    execFileSync('mkfifo', [path.join(w.proj, 'pipe.avsc')]);
    const lint = await runCli(['lint', 'pipe.avsc'], w.proj);
    assert.deepEqual([lint.exit, lint.stderr], [2, "avro-studio lint: 'pipe.avsc' is a FIFO (named pipe): only regular files and folders are read\n"]);
    const compat = await runCli(['compat', 'ok.avsc', 'pipe.avsc'], w.proj);
    assert.deepEqual([compat.exit, compat.stderr], [2, "avro-studio compat: 'pipe.avsc' (NEW) is a FIFO (named pipe): compat reads two regular files\n"]);
    const zero = await runCli(['lint', '/dev/zero'], w.proj);
    assert.deepEqual([zero.exit, zero.stderr], [2, "avro-studio lint: '/dev/zero' is a character device: only regular files and folders are read\n"]);
    const zeroCompat = await runCli(['compat', '/dev/zero', 'ok.avsc'], w.proj);
    assert.equal(zeroCompat.exit, 2);
    const folder = await runCli(['lint', '.'], w.proj);
    assert.deepEqual([folder.exit, folder.stdout], [0, 'No problems in 1 file.\n']);
    // A project file that is a FIFO is not opened either.
    execFileSync('mkfifo', [path.join(w.proj, 'avro-studio.json')]);
    const check = await runCli(['check', 'ok.avsc'], w.proj);
    assert.equal(check.exit, 2);
    assert.match(check.stderr, /avro-studio\.json is a FIFO \(named pipe\), not a regular file/);
  });

  test('reading stops at the size limit: AVRO-500 past --max-file-size, and a file whose size lies is read no further', async () => {
    const w = world({ 'big.avsc': RECORD.replace('"id"', `"id", "doc": "${'x'.repeat(3 * 1024 * 1024)}"`), 'small.avsc': RECORD });
    const r = await runCli(['lint', '.', '--max-file-size', '1'], w.proj);
    assert.equal(r.exit, 0, r.stderr);
    assert.match(r.stdout, /^big\.avsc:1:1: warning AVRO-500 This file is 3\.0 MB, over the 1\.0 MB limit for analysis: .* raise the limit with --max-file-size <MB>\.$/m);
    const compat = await runCli(['compat', 'small.avsc', 'big.avsc', '--max-file-size', '1'], w.proj);
    assert.deepEqual([compat.exit, compat.stderr], [2, "avro-studio compat: 'big.avsc' (NEW) is larger than 1.0 MB: raise the limit with --max-file-size <MB>\n"]);
    // /proc files say size 0 and have content: the read stops past the limit instead of trusting the size.
    await assert.rejects(readFileBytes('/proc/self/status', 16), (e: unknown) => e instanceof FileTooLargeError && e.size > 16);
    await assert.rejects(readFileBytes('/dev/zero'), (e: unknown) => e instanceof NotARegularFileError && e.kind === 'a character device');
  });
});

describe('compat --jsonl reads schema text as check and compat OLD NEW do', () => {
  const OLD = '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "string"}]}';
  const NEW_OK = '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "int", "default": 0}]}';
  const NEW_BREAKING = '{"type": "record", "name": "Event", "fields": [{"name": "id", "type": "string"}, {"name": "n", "type": "int"}]}';
  const dressings: Array<[string, (t: string) => string]> = [
    ['a // comment first', t => `// Event, version 2\n${t}`],
    ['a /* block */ comment first', t => `/* generated: do not edit */ ${t}`],
    ['a byte order mark', t => `\ufeff${t}`],
    ['a comment and a BOM', t => `\ufeff/* v2 */\n${t}`],
  ];
  for (const [what, dress] of dressings) {
    test(`${what}: the three paths agree`, async () => {
      for (const [newText, compatible] of [[NEW_OK, true], [NEW_BREAKING, false]] as const) {
        const w = world({ 'old.avsc': dress(OLD), 'new.avsc': dress(newText) });
        const pair = await runCli(['compat', 'old.avsc', 'new.avsc'], w.proj);
        const checked = await runCli(['check', 'new.avsc', '--against', 'file:old.avsc', '--no-config'], w.proj);
        const line = JSON.stringify({ reader: dress(newText), writer: dress(OLD) });
        const jsonl = await runCli(['compat', '--jsonl'], w.proj, {}, line + '\n');
        const verdict = JSON.parse(jsonl.stdout.trim()) as { compatible?: boolean; error?: string };
        assert.equal(verdict.error, undefined, jsonl.stdout);
        assert.deepEqual([pair.exit, checked.exit, jsonl.exit, verdict.compatible], [compatible ? 0 : 1, compatible ? 0 : 1, compatible ? 0 : 1, compatible], `${pair.stdout}${pair.stderr}\n${checked.stdout}${checked.stderr}\n${jsonl.stdout}`);
      }
    });
  }

  test('a string holding only a name is that name; a string holding schema text is read as text', async () => {
    const w = world({});
    const lines = [
      { id: 1, reader: 'long', writer: 'int' },
      { id: 2, reader: ' com.acme.Missing ', writer: 'int' },
      { id: 3, reader: '// the reader\n{"type": "array", "items": "long"}', writer: '{"type": "array", "items": "int"}' },
    ];
    const r = await runCli(['compat', '--jsonl'], w.proj, {}, lines.map(l => JSON.stringify(l)).join('\n') + '\n');
    const out = r.stdout.trim().split('\n').map(l => JSON.parse(l) as { id: number; compatible?: boolean; error?: string });
    assert.deepEqual(out, [
      { id: 1, compatible: true, incompatibilities: [] },
      { id: 2, error: 'reader uses "com.acme.Missing", which it does not define (each schema must be self-contained)', line: 2 },
      { id: 3, compatible: true, incompatibilities: [] },
    ]);
  });

  test('a line nested deeper than Java accepts is answered with an error; the other lines still are', async () => {
    const w = world({});
    const deep = `{"reader": ${'['.repeat(100000)}${']'.repeat(100000)}, "writer": "int"}`;
    const r = await runCli(['compat', '--jsonl'], w.proj, {}, `${deep}\n{"reader": "long", "writer": "int"}\n`);
    assert.equal(r.exit, 2, r.stderr);
    const [first, second] = r.stdout.trim().split('\n').map(l => JSON.parse(l) as { error?: string; line?: number; compatible?: boolean });
    assert.match(first.error ?? '', /Nesting deeper than 1000 levels/);
    assert.equal(first.line, 1);
    assert.equal(second.compatible, true);
  });
});
