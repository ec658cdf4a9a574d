// `avro-studio compat` through the built CLI: OLD NEW at each level with golden outputs and exit codes, and --jsonl streaming, error lines, throughput.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { packageInfo } from '../../server/src/node/packageInfo';
import { fixture } from '../helpers/paths';
import { CLI, runCli, VERSIONS, type CliRun } from './cli-check-repos';

const UPDATE = process.env.UPDATE_EXPECT === '1';
const EXPECTED = fixture('cli-check', 'compat-expected');
const PAIRS = fixture('cli-check', 'pairs.jsonl');

interface Case {
  name: string;
  args: string[];
  exit: number;
  stdin?: string;
}

const CASES: Case[] = [
  { name: 'backward-failing', args: ['compat', 'money.v1.avsc', 'money.v2-breaking.avsc'], exit: 1 },
  { name: 'backward-passing', args: ['compat', 'audit-entry.v1.avsc', 'audit-entry.v2-removed-field.avsc'], exit: 0 },
  { name: 'forward-failing', args: ['compat', 'audit-entry.v1.avsc', 'audit-entry.v2-removed-field.avsc', '--level', 'FORWARD'], exit: 1 },
  { name: 'forward-passing', args: ['compat', 'money.v1.avsc', 'money.v2-breaking.avsc', '--level', 'forward'], exit: 0 },
  { name: 'full-failing', args: ['compat', 'usage-report.h3.avsc', 'usage-report.work.avsc', '--level', 'FULL'], exit: 1 },
  { name: 'full-transitive-is-full', args: ['compat', 'usage-report.h3.avsc', 'usage-report.work.avsc', '--level', 'FULL_TRANSITIVE'], exit: 1 },
  { name: 'json-failing', args: ['compat', 'usage-report.h1.avsc', 'usage-report.work.avsc', '--level', 'FULL', '--format', 'json'], exit: 1 },
  { name: 'json-passing', args: ['compat', 'usage-report.h2.avsc', 'usage-report.h3.avsc', '--format', 'json'], exit: 0 },
  { name: 'none', args: ['compat', 'money.v1.avsc', 'usage-report.h1.avsc', '--level', 'NONE'], exit: 0 },
  { name: 'not-self-contained', args: ['compat', 'metering-event.v1.avsc', 'metering-event.v2.avsc'], exit: 2 },
  { name: 'invalid-json', args: ['compat', 'money.v1.avsc', 'broken.avsc'], exit: 2 },
  { name: 'missing-file', args: ['compat', 'money.v1.avsc', 'nope.avsc'], exit: 2 },
  { name: 'one-file', args: ['compat', 'money.v1.avsc'], exit: 2 },
  { name: 'bad-level', args: ['compat', 'money.v1.avsc', 'money.v1.avsc', '--level', 'BACKWARDS'], exit: 2 },
  { name: 'jsonl-with-files', args: ['compat', '--jsonl', 'money.v1.avsc'], exit: 2 },
  { name: 'help-compat', args: ['help', 'compat'], exit: 0 },
  // Good pairs, incompatible pairs, malformed lines: every line answered, in order; exit 2 (some line could not be checked).
  { name: 'jsonl-mixed', args: ['compat', '--jsonl'], exit: 2, stdin: fs.readFileSync(PAIRS, 'utf8') },
  { name: 'jsonl-incompatible', args: ['compat', '--jsonl'], exit: 1, stdin: '{"reader": "int", "writer": "long"}\n{"reader": "long", "writer": "int"}\n' },
  { name: 'jsonl-compatible', args: ['compat', '--jsonl'], exit: 0, stdin: '{"reader": "long", "writer": "int"}\r\n{"reader": "string", "writer": "bytes"}' },
];

function render(c: Case, r: CliRun): string {
  const norm = (s: string) => s.split(packageInfo().version).join('<version>');
  return `$ avro-studio ${c.args.join(' ')}${c.stdin !== undefined ? ' < input' : ''}\nexit ${r.exit}\n--- stdout\n${norm(r.stdout)}--- stderr\n${norm(r.stderr)}`;
}

describe('avro-studio compat (golden outputs, built CLI)', () => {
  for (const c of CASES) {
    test(c.name, () => {
      const r = runCli(c.args, VERSIONS, {}, c.stdin ?? '');
      const actual = render(c, r);
      const file = path.join(EXPECTED, `${c.name}.txt`);
      if (UPDATE) fs.writeFileSync(file, actual);
      assert.equal(r.exit, c.exit, `exit code of ${c.name}\n${r.stdout}${r.stderr}`);
      assert.equal(actual, fs.readFileSync(file, 'utf8'));
    });
  }
  test('every golden file belongs to a case', () => {
    const names = new Set(CASES.map(c => `${c.name}.txt`));
    assert.deepEqual(fs.readdirSync(EXPECTED).filter(f => !names.has(f)), []);
  });
});

describe('avro-studio compat: behaviour', () => {
  test('BACKWARD: NEW is the reader; FORWARD: OLD is the reader; positions in both files', () => {
    const backward = JSON.parse(runCli(['compat', 'money.v1.avsc', 'money.v2-breaking.avsc', '--format', 'json'], VERSIONS).stdout);
    assert.equal(backward.compatible, false);
    const [finding] = backward.incompatibilities;
    assert.equal(finding.type, 'READER_FIELD_MISSING_DEFAULT_VALUE');
    assert.equal(finding.location, '/fields/2');
    const newText = fs.readFileSync(path.join(VERSIONS, 'money.v2-breaking.avsc'), 'utf8').split('\n');
    assert.equal(newText[finding.new.range.start.line - 1].slice(finding.new.range.start.column - 1, finding.new.range.end.column - 1), '"scale"');
    assert.equal(finding.old.path, 'money.v1.avsc');
    // The same pair the other way round is the FORWARD check.
    const forward = JSON.parse(runCli(['compat', 'money.v2-breaking.avsc', 'money.v1.avsc', '--level', 'FORWARD', '--format', 'json'], VERSIONS).stdout);
    assert.equal(forward.compatible, false);
    assert.equal(forward.incompatibilities[0].type, 'READER_FIELD_MISSING_DEFAULT_VALUE');
    assert.equal(forward.incompatibilities[0].direction, 'FORWARD');
    assert.deepEqual(forward.incompatibilities[0].old.range.start, finding.new.range.start);
  });

  test('--jsonl streams: each answer is written before the next line is read', async () => {
    const child = spawn(process.execPath, [CLI, 'compat', '--jsonl'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let buffer = '';
    const waiters: Array<(line: string) => void> = [];
    const lines: string[] = [];
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        const w = waiters.shift();
        if (w) w(line);
        else lines.push(line);
      }
    });
    const next = () => new Promise<string>(resolve => (lines.length ? resolve(lines.shift()!) : waiters.push(resolve)));
    const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
    child.stdin.write('{"id": "a", "reader": "long", "writer": "int"}\n');
    assert.deepEqual(JSON.parse(await next()), { id: 'a', compatible: true, incompatibilities: [] });
    child.stdin.write('{"id": "b", "reader": "int", "writer": "long"}\n');
    assert.equal(JSON.parse(await next()).compatible, false);
    child.stdin.write('{"id": "c", "reader": \n');
    assert.deepEqual(Object.keys(JSON.parse(await next())), ['error', 'line']);
    child.stdin.end();
    assert.equal(await exited, 2);
  });

  // How many pairs per second: `npm run bench` (section "limits"); here, that 5,000 pairs in one stream all come out, in order.
  test('--jsonl: thousands of small pairs in one stream, one answer each, in order', async () => {
    const fields = (n: number, extra: boolean) =>
      Array.from({ length: n }, (_, i) => ({ name: `f${i}`, type: i % 3 === 0 ? 'long' : i % 3 === 1 ? 'string' : ['null', 'int'], ...(i % 3 === 2 ? { default: null } : {}) }))
        .concat(extra ? [{ name: 'added', type: 'string' } as never] : []);
    const pairs: string[] = [];
    for (let i = 0; i < 5000; i++) {
      pairs.push(JSON.stringify({ id: i, reader: { type: 'record', name: 'Event', namespace: 'com.acme', fields: fields(8, i % 2 === 1) }, writer: { type: 'record', name: 'Event', namespace: 'com.acme', fields: fields(8, false) } }));
    }
    const input = pairs.join('\n') + '\n';
    const r = runCli(['compat', '--jsonl'], VERSIONS, {}, input);
    const out = r.stdout.trimEnd().split('\n').map(l => JSON.parse(l) as { id: number; compatible: boolean });
    assert.equal(out.length, 5000);
    assert.deepEqual(out.slice(0, 4).map(o => [o.id, o.compatible]), [[0, true], [1, false], [2, true], [3, false]]);
    assert.deepEqual(out.map(o => o.id), pairs.map((_, i) => i), 'in order');
    assert.equal(r.exit, 1);
  });
});
