// `avro-studio compat`: two schema files at a Confluent level (exit 0/1/2), or reader/writer pairs as JSON lines on stdin, streamed.
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { parseJson, type JsonValue } from '../service/languageService';
import { resolverFor } from '../service/languageService';
import type { AvroDocument } from '../service/model/types';
import { checkCompatibility } from '../service/languageService';
import { compatibilityFindings } from '../service/languageService';
import { checkLevel, type Direction } from '../service/languageService';
import { levelList, parseCompatibilityLevel, type CompatibilityLevel } from '../domain/compatibility';
import { normalizeSettings } from '../service/settings';
import { LineIndex, type Range } from '../service/text';
import { pathToUri } from '../workspace/uris';
import { packageInfo } from '../node/packageInfo';
import { FileTooLargeError } from '../workspace/fileSystem';
import { formatSize } from '../workspace/oversize';
import { parseArgs, single, type FlagSpec } from './args';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { readMaxFileSize } from './lint';
import { displayPath } from './report';
import { isBareName, parseSchemaText, selfContainedProblems } from './schemaText';
import { escapeControl, stringifyJson } from './terminal';
import { formatLocation, oneBased } from './location';

export const COMPAT_USAGE = `Usage: avro-studio compat [options] OLD NEW
       avro-studio compat --jsonl < pairs.jsonl

Checks two versions of a schema with Java's SchemaCompatibility rules, as Confluent Schema
Registry does: OLD is the earlier version (the registered one), NEW the proposed one. Each file
must be self-contained, as a registered schema is (use 'avro-studio check' for schemas that use
named types from other files).

Options:
  --level <level>       BACKWARD (default): NEW can read data written with OLD (upgrade
                        consumers first); FORWARD: OLD can read data written with NEW (upgrade
                        producers first); FULL: both; NONE: nothing is checked. With one OLD
                        version, *_TRANSITIVE levels check the same as their plain levels.
  -f, --format text|json
                        text (default): path:line:column: severity AVRO-xxx message in NEW,
                        then the matching place in OLD, then a verdict line; json: one object
                        { "version": 1, "tool", "level", "old", "new", "compatible", "complete",
                          "checks": [...], "incompatibilities": [ { "code", "type", "direction",
                          "location", "message", "javaMessage", "new": {"path", "range"},
                          "old": {"path", "range"} } ] }  (lines and columns 1-based)
  --max-file-size <MB>  larger files are refused (default: 64; 0: no limit); only regular
                        files are read (a FIFO or a device is refused)
  --jsonl               read one JSON object per line on stdin:
                          {"reader": <schema>, "writer": <schema>, "id"?: <any>}
                        where a schema is the schema as JSON or a string holding its text (as
                        Schema Registry returns it; read exactly as 'check' reads a file:
                        comments and a byte order mark are fine), or a string holding only a
                        name ("int", "com.acme.Money"); write one line per input line, in order,
                        as soon as it is read:
                          {"id"?, "compatible": true|false,
                           "incompatibilities": [{"type", "location", "message"}]}
                        or {"id"?, "error": "...", "line": n} for a line that cannot be checked
                        (not JSON, no reader/writer, not a schema, a name it does not define).
                        Blank lines are skipped. The check is exactly "can reader read the
                        writer's data" (the reader is the new schema under BACKWARD).
  -h, --help            show this help

Exit status: 0 compatible; 1 incompatible; 2 usage error, unreadable file, or a file that is not
a self-contained schema. With --jsonl: 0 every pair compatible, 1 some pair incompatible, 2 some
line could not be checked (every line is still answered) or stdin could not be read.`;

const FLAGS: readonly FlagSpec[] = [
  { name: 'level', type: 'string' },
  { name: 'format', type: 'string', short: 'f' },
  { name: 'jsonl', type: 'boolean' },
  { name: 'max-file-size', type: 'string' },
  { name: 'help', type: 'boolean', short: 'h' },
];

interface CompatOptions {
  level: CompatibilityLevel;
  format: 'text' | 'json';
  jsonl: boolean;
  old: string;
  new: string;
  maxFileSize: number;
}

function readOptions(args: readonly string[]): CompatOptions | 'help' {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.booleans.has('help')) return 'help';
  const jsonl = parsed.booleans.has('jsonl');
  const levelText = single(parsed, 'level');
  const formatText = single(parsed, 'format');
  if (jsonl) {
    if (parsed.positionals.length) throw new CliError('--jsonl reads the pairs from stdin: give no OLD and NEW files');
    if (levelText !== undefined) throw new CliError('--level does not apply to --jsonl: each line names its reader and its writer');
    if (formatText !== undefined) throw new CliError('--format does not apply to --jsonl: the output is JSON lines');
    if (single(parsed, 'max-file-size') !== undefined) throw new CliError('--max-file-size does not apply to --jsonl: it reads stdin');
    return { level: 'BACKWARD', format: 'json', jsonl, old: '', new: '', maxFileSize: 0 };
  }
  if (parsed.positionals.length !== 2) {
    throw new CliError(parsed.positionals.length < 2 ? 'compat needs two files: OLD (the earlier version) and NEW' : `compat takes two files, OLD and NEW, not ${parsed.positionals.length}`);
  }
  const format = formatText ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be 'text' or 'json', not '${format}'`);
  let level: CompatibilityLevel = 'BACKWARD';
  if (levelText !== undefined) {
    const parsed = parseCompatibilityLevel(levelText);
    if (!parsed) throw new CliError(`--level must be ${levelList('or')}, not '${levelText}'`);
    level = parsed;
  }
  return { level, format, jsonl, old: parsed.positionals[0], new: parsed.positionals[1], maxFileSize: readMaxFileSize(parsed) };
}

// ---- OLD NEW ----

interface SchemaFile {
  display: string;
  doc: AvroDocument;
  lines: LineIndex;
}

async function readSchema(arg: string, role: 'OLD' | 'NEW', io: CliIO, maxFileSize: number): Promise<SchemaFile> {
  const abs = path.resolve(io.cwd, arg);
  let text: string;
  try {
    const stat = await io.fs.stat(abs);
    if (!stat) throw new CliError(`no such file: '${arg}' (${role})`);
    if (stat.type !== 'file') throw new CliError(`'${arg}' (${role}) is ${stat.type === 'directory' ? 'a folder' : stat.kind ?? 'not a regular file'}: compat reads two regular files`);
    text = await io.fs.readFile(abs, maxFileSize);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof FileTooLargeError) throw new CliError(`'${arg}' (${role}) is larger than ${formatSize(maxFileSize)}: raise the limit with --max-file-size <MB>`);
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `no such file: '${arg}' (${role})` : `cannot read '${arg}' (${role}): ${(e as Error).message}`);
  }
  const doc = parseSchemaText(pathToUri(abs), text);
  const display = displayPath(io.cwd, abs);
  const lines = new LineIndex(doc.text);
  const at = (offset: number) => formatLocation(display, lines.positionAt(offset));
  const problems = selfContainedProblems(doc);
  const first = problems[0];
  if (first?.kind === 'syntax') throw new CliError(`${role} is not valid JSON:\n${problems.slice(0, 5).map(p => `${at(p.offset ?? 0)}: ${p.kind === 'syntax' ? p.message : ''}`).join('\n')}`);
  if (first?.kind === 'no-schema') throw new CliError(`${role} (${display}) holds no schema${first.message !== undefined ? `: ${at(first.offset ?? 0)}: ${first.message}` : ''}`);
  if (first?.kind === 'unresolved') {
    throw new CliError(`${at(first.offset)}: ${role} uses "${first.name}", which it does not define: compat compares self-contained schemas (as registered); use 'avro-studio check' for schemas that use named types from other files`);
  }
  return { display, doc, lines };
}

interface JsonPos { line: number; column: number }
function jsonRange(r: Range): { start: JsonPos; end: JsonPos } {
  return { start: oneBased(r.start), end: oneBased(r.end) };
}

const READS: Record<Direction, (o: string, n: string) => string> = {
  BACKWARD: (o, n) => `${n} reads data written with ${o}`,
  FORWARD: (o, n) => `${o} reads data written with ${n}`,
};

async function compareFiles(options: CompatOptions, io: CliIO): Promise<number> {
  const oldFile = await readSchema(options.old, 'OLD', io, options.maxFileSize);
  const newFile = await readSchema(options.new, 'NEW', io, options.maxFileSize);
  const candidate = { doc: newFile.doc, schema: newFile.doc.root!, resolve: resolverFor(undefined, newFile.doc) };
  const previous = { label: oldFile.display, side: { doc: oldFile.doc, schema: oldFile.doc.root!, resolve: resolverFor(undefined, oldFile.doc) } };
  const result = checkLevel(options.level, candidate, [previous]);
  // Placed as `check` and the editor place them (a removed field: where it was), every code reported.
  const findings = compatibilityFindings(result.findings, normalizeSettings({}), newFile.doc).map(({ finding: g, offset, length }) => ({
    g,
    newRange: newFile.lines.rangeOf(offset, length),
    oldRange: g.baselineSpan.uri === oldFile.doc.uri ? oldFile.lines.rangeOf(g.baselineSpan.offset, g.baselineSpan.length) : undefined,
  }));
  const exit = result.compatible ? EXIT_OK : EXIT_FINDINGS;
  if (options.format === 'json') {
    const info = packageInfo();
    io.stdout.write(stringifyJson({
      version: 1,
      tool: { name: info.name, version: info.version },
      level: options.level,
      old: { path: oldFile.display },
      new: { path: newFile.display },
      compatible: result.compatible,
      complete: result.complete,
      checks: result.checks.map(c => ({ direction: c.direction, compatible: c.compatible, complete: c.complete, incompatibilities: c.incompatibilities })),
      incompatibilities: findings.map(({ g, newRange, oldRange }) => ({
        code: g.incompatibility.code,
        type: g.incompatibility.type,
        direction: g.direction,
        location: g.incompatibility.location,
        message: g.message,
        javaMessage: g.incompatibility.javaMessage,
        new: { path: newFile.display, range: jsonRange(newRange) },
        old: oldRange ? { path: oldFile.display, range: jsonRange(oldRange) } : null,
      })),
      exitCode: exit,
    }, 2) + '\n');
    return exit;
  }
  const lines: string[] = [];
  // File names and messages (which quote the schemas) are escaped for the terminal.
  const oldName = escapeControl(oldFile.display);
  const newName = escapeControl(newFile.display);
  for (const { g, newRange, oldRange } of findings) {
    const inc = g.incompatibility;
    lines.push(`${formatLocation(newName, newRange.start)}: error ${inc.code} ${escapeControl(g.message.replace(/\s*\r?\n\s*/g, ' '))}`);
    const where = `${inc.type} at ${escapeControl(inc.location)} in the ${g.direction === 'BACKWARD' ? 'new' : 'old'} schema, the reader`;
    lines.push(oldRange ? `  ${formatLocation(oldName, oldRange.start)}: the old schema here (${where})` : `  (${where})`);
  }
  const directions = result.checks.map(c => c.direction);
  const reads = directions.map(d => READS[d](oldName, newName)).join(', and ');
  if (options.level === 'NONE') lines.push('Level NONE: nothing to check.');
  else if (result.compatible) lines.push(`Compatible at ${options.level}: ${reads}.`);
  else lines.push(`Incompatible at ${options.level}: ${findings.length} ${findings.length === 1 ? 'incompatibility' : 'incompatibilities'} (needed: ${reads}).`);
  io.stdout.write(lines.join('\n') + '\n');
  return exit;
}

// ---- --jsonl ----

/** Where a value sits in the line: the schema text of a reader or writer (undefined: not a schema). */
function schemaTextOf(node: JsonValue | undefined, line: string): string | undefined {
  if (!node) return undefined;
  // A string holds the schema's text (as Schema Registry returns it), or only a name: "int", "com.acme.Money".
  if (node.kind === 'string') return isBareName(node.value) ? JSON.stringify(node.value.replace(/^\uFEFF/, '').trim()) : node.value;
  // The schema as JSON: its text exactly as written (a default of 1.0 stays 1.0).
  if (node.kind === 'object' || node.kind === 'array') return line.slice(node.offset, node.offset + node.length);
  return undefined;
}

export interface JsonlResult {
  id?: unknown;
  /** For errors: the 1-based line of the input. */
  line?: number;
  compatible?: boolean;
  incompatibilities?: Array<{ type: string; location: string; message: string }>;
  error?: string;
}

/** The first reason a side cannot be checked, in the words the other paths use. */
function problemOf(doc: AvroDocument, role: string): string | undefined {
  const first = selfContainedProblems(doc)[0];
  if (!first) return undefined;
  switch (first.kind) {
    case 'syntax': return `${role} is not valid JSON at offset ${first.offset}: ${first.message}`;
    case 'no-schema': return `${role} holds no schema${first.message !== undefined ? `: ${first.message}` : ''}`;
    case 'unresolved': return `${role} uses "${first.name}", which it does not define (each schema must be self-contained)`;
  }
}

/** Check one input line; never throws. */
export function checkJsonLine(line: string): JsonlResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    // The service's parser says where and what, in the same words on every Node version.
    const first = parseJson(line).errors[0];
    return { error: first ? `not valid JSON at column ${first.offset + 1}: ${first.message}` : 'not valid JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { error: 'not a JSON object: expected {"reader": <schema>, "writer": <schema>}' };
  // The tree gives each value's text as written; it also stops at the nesting depth Java's parser accepts.
  const tree = parseJson(line);
  if (tree.errors.length) return { error: `not valid JSON at column ${tree.errors[0].offset + 1}: ${tree.errors[0].message}` };
  const v = value as Record<string, unknown>;
  const out: JsonlResult = 'id' in v ? { id: v.id } : {};
  // The last of duplicate keys wins, as in JSON.parse.
  const member = (key: string): JsonValue | undefined => {
    const props = tree.root?.kind === 'object' ? tree.root.properties : [];
    for (let i = props.length - 1; i >= 0; i--) if (props[i].key.value === key) return props[i].value;
    return undefined;
  };
  const readerText = schemaTextOf(member('reader'), line);
  const writerText = schemaTextOf(member('writer'), line);
  if (readerText === undefined || writerText === undefined) {
    const missing = [readerText === undefined ? 'reader' : '', writerText === undefined ? 'writer' : ''].filter(Boolean).join(' and ');
    return { ...out, error: `"${missing}" missing or not a schema: expected {"reader": <schema>, "writer": <schema>}` };
  }
  const reader = parseSchemaText('inmemory:///reader.avsc', readerText);
  const writer = parseSchemaText('inmemory:///writer.avsc', writerText);
  const problem = problemOf(reader, 'reader') ?? problemOf(writer, 'writer');
  if (problem) return { ...out, error: problem };
  const result = checkCompatibility(
    { doc: reader, schema: reader.root!, resolve: resolverFor(undefined, reader) },
    { doc: writer, schema: writer.root!, resolve: resolverFor(undefined, writer) },
  );
  return {
    ...out,
    compatible: result.compatible,
    incompatibilities: result.incompatibilities.map(i => ({ type: i.type, location: i.location, message: i.message })),
  };
}

/** A line longer than this is answered with an error and skipped (stdin may never end). */
const MAX_LINE = 64 * 1024 * 1024;

/** The lines of a stream (LF or CRLF), decoded as UTF-8; a read error (stdin is a folder, ...) rejects. */
async function* linesOf(input: NodeJS.ReadableStream): AsyncGenerator<string | { tooLong: true }> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let skipping = false;
  const emit = (text: string): string => (text.endsWith('\r') ? text.slice(0, -1) : text);
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n')) {
      const head = text.slice(0, nl);
      text = text.slice(nl + 1);
      if (skipping) {
        skipping = false;
        pending = '';
        continue;
      }
      yield emit(pending + head);
      pending = '';
    }
    if (skipping) continue;
    pending += text;
    if (pending.length > MAX_LINE) {
      yield { tooLong: true };
      pending = '';
      skipping = true;
    }
  }
  const rest = pending + decoder.end();
  if (!skipping && rest) yield emit(rest);
}

async function compareLines(io: CliIO): Promise<number> {
  if (!io.stdin) throw new CliError('--jsonl needs stdin');
  let anyIncompatible = false;
  let anyError = false;
  let lineNumber = 0;
  try {
    for await (const line of linesOf(io.stdin)) {
      lineNumber++;
      if (typeof line === 'string' && !line.trim()) continue;
      const result: JsonlResult = typeof line === 'string' ? checkJsonLine(line) : { error: `the line is longer than ${formatSize(MAX_LINE)}: not read` };
      if (result.error !== undefined) {
        anyError = true;
        result.line = lineNumber;
      }
      else if (!result.compatible) anyIncompatible = true;
      io.stdout.write(stringifyJson(result) + '\n');
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EISDIR' ? 'cannot read stdin: it is a folder, not JSON lines' : `cannot read stdin: ${(e as Error).message}`);
  }
  return anyError ? EXIT_USAGE : anyIncompatible ? EXIT_FINDINGS : EXIT_OK;
}

export const compatCommand: CliCommand = {
  name: 'compat',
  summary: 'compatibility of two schema files (OLD NEW), or of reader/writer pairs as JSON lines',
  usage: COMPAT_USAGE,
  async run(args, io) {
    let options: CompatOptions | 'help';
    try {
      options = readOptions(args);
    } catch (err) {
      if (err instanceof CliError) {
        io.stderr.write(`avro-studio compat: ${err.message}\n\n${COMPAT_USAGE}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
    if (options === 'help') {
      io.stdout.write(COMPAT_USAGE + '\n');
      return EXIT_OK;
    }
    try {
      return options.jsonl ? await compareLines(io) : await compareFiles(options, io);
    } catch (err) {
      if (err instanceof CliError) {
        io.stderr.write(`avro-studio compat: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
  },
};
