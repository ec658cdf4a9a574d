// `avro-studio compat`: two schema files at a Confluent level (exit 0/1/2), or reader/writer pairs as JSON lines on stdin, streamed.
import * as path from 'node:path';
import * as readline from 'node:readline';
import { parseAvroDocument } from '../service/model/builder';
import { parseJson } from '../service/parser/json';
import { resolverFor } from '../service/model/schemaIndex';
import type { AvroDocument } from '../service/model/types';
import { checkSchemaTexts } from '../service/compatibility/engine';
import { checkLevel, groupFindings, isCompatibilityLevel, type CompatibilityLevel, type Direction } from '../service/compatibility/levels';
import { LineIndex, type Range } from '../service/text';
import { pathToUri } from '../workspace/uris';
import { packageInfo } from '../node/packageInfo';
import { parseArgs, single, type FlagSpec } from './args';
import { CliError, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { displayPath } from './report';
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
  --jsonl               read one JSON object per line on stdin:
                          {"reader": <schema>, "writer": <schema>, "id"?: <any>}
                        where a schema is the schema as JSON or a string holding its text (as
                        Schema Registry returns it); write one line per input line, in order,
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
  { name: 'help', type: 'boolean', short: 'h' },
];

interface CompatOptions {
  level: CompatibilityLevel;
  format: 'text' | 'json';
  jsonl: boolean;
  old: string;
  new: string;
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
    return { level: 'BACKWARD', format: 'json', jsonl, old: '', new: '' };
  }
  if (parsed.positionals.length !== 2) {
    throw new CliError(parsed.positionals.length < 2 ? 'compat needs two files: OLD (the earlier version) and NEW' : `compat takes two files, OLD and NEW, not ${parsed.positionals.length}`);
  }
  const format = formatText ?? 'text';
  if (format !== 'text' && format !== 'json') throw new CliError(`--format must be 'text' or 'json', not '${format}'`);
  let level: CompatibilityLevel = 'BACKWARD';
  if (levelText !== undefined) {
    const upper = levelText.toUpperCase();
    if (!isCompatibilityLevel(upper)) throw new CliError(`--level must be NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE, not '${levelText}'`);
    level = upper;
  }
  return { level, format, jsonl, old: parsed.positionals[0], new: parsed.positionals[1] };
}

// ---- OLD NEW ----

interface SchemaFile {
  display: string;
  doc: AvroDocument;
  lines: LineIndex;
}

async function readSchema(arg: string, role: 'OLD' | 'NEW', io: CliIO): Promise<SchemaFile> {
  const abs = path.resolve(io.cwd, arg);
  let text: string;
  try {
    text = await io.fs.readFile(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `no such file: '${arg}' (${role})` : `cannot read '${arg}' (${role}): ${(e as Error).message}`);
  }
  const doc = parseAvroDocument(pathToUri(abs), text);
  const display = displayPath(io.cwd, abs);
  const lines = new LineIndex(text);
  const at = (offset: number) => formatLocation(display, lines.positionAt(offset));
  const syntax = doc.json.errors.slice(0, 5).map(e => `${at(e.offset)}: ${e.message}`);
  if (syntax.length) throw new CliError(`${role} is not valid JSON:\n${syntax.join('\n')}`);
  if (!doc.root) throw new CliError(`${role} (${display}) holds no schema${doc.diagnostics[0] ? `: ${at(doc.diagnostics[0].offset)}: ${doc.diagnostics[0].message}` : ''}`);
  const resolve = resolverFor(undefined, doc);
  const missing = doc.references.filter(r => !resolve(r));
  if (missing.length) {
    throw new CliError(`${at(missing[0].nameNode.offset)}: ${role} uses "${missing[0].name}", which it does not define: compat compares self-contained schemas (as registered); use 'avro-studio check' for schemas that use named types from other files`);
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
  const oldFile = await readSchema(options.old, 'OLD', io);
  const newFile = await readSchema(options.new, 'NEW', io);
  const candidate = { doc: newFile.doc, schema: newFile.doc.root!, resolve: resolverFor(undefined, newFile.doc) };
  const previous = { label: oldFile.display, side: { doc: oldFile.doc, schema: oldFile.doc.root!, resolve: resolverFor(undefined, oldFile.doc) } };
  const result = checkLevel(options.level, candidate, [previous]);
  const findings = groupFindings(result.findings).map(g => ({
    g,
    newRange: newFile.lines.rangeOf(g.span.offset, g.span.length),
    oldRange: g.baselineSpan.uri === oldFile.doc.uri ? oldFile.lines.rangeOf(g.baselineSpan.offset, g.baselineSpan.length) : undefined,
  }));
  const exit = result.compatible ? EXIT_OK : EXIT_FINDINGS;
  if (options.format === 'json') {
    const info = packageInfo();
    io.stdout.write(JSON.stringify({
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
    }, null, 2) + '\n');
    return exit;
  }
  const lines: string[] = [];
  for (const { g, newRange, oldRange } of findings) {
    const inc = g.incompatibility;
    lines.push(`${formatLocation(newFile.display, newRange.start)}: error ${inc.code} ${g.message.replace(/\s*\r?\n\s*/g, ' ')}`);
    const where = `${inc.type} at ${inc.location} in the ${g.direction === 'BACKWARD' ? 'new' : 'old'} schema, the reader`;
    lines.push(oldRange ? `  ${formatLocation(oldFile.display, oldRange.start)}: the old schema here (${where})` : `  (${where})`);
  }
  const directions = result.checks.map(c => c.direction);
  const reads = directions.map(d => READS[d](oldFile.display, newFile.display)).join(', and ');
  if (options.level === 'NONE') lines.push('Level NONE: nothing to check.');
  else if (result.compatible) lines.push(`Compatible at ${options.level}: ${reads}.`);
  else lines.push(`Incompatible at ${options.level}: ${findings.length} ${findings.length === 1 ? 'incompatibility' : 'incompatibilities'} (needed: ${reads}).`);
  io.stdout.write(lines.join('\n') + '\n');
  return exit;
}

// ---- --jsonl ----

/** A schema given in a JSON line: the schema as JSON, or a string holding its text (a bare name is the schema "name"). */
function schemaText(value: unknown): string | undefined {
  if (typeof value === 'string') return /^\s*[{["]/.test(value) ? value : JSON.stringify(value);
  if (value !== null && typeof value === 'object') return JSON.stringify(value);
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

function problemOf(doc: AvroDocument, role: string): string | undefined {
  const e = doc.json.errors[0];
  if (e) return `${role} is not valid JSON at offset ${e.offset}: ${e.message}`;
  if (!doc.root) return `${role} holds no schema${doc.diagnostics[0] ? `: ${doc.diagnostics[0].message}` : ''}`;
  return undefined;
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
  const v = value as Record<string, unknown>;
  const out: JsonlResult = 'id' in v ? { id: v.id } : {};
  const reader = schemaText(v.reader);
  const writer = schemaText(v.writer);
  if (reader === undefined || writer === undefined) {
    const missing = [reader === undefined ? 'reader' : '', writer === undefined ? 'writer' : ''].filter(Boolean).join(' and ');
    return { ...out, error: `"${missing}" missing or not a schema: expected {"reader": <schema>, "writer": <schema>}` };
  }
  const result = checkSchemaTexts(reader, writer);
  const problem = problemOf(result.reader, 'reader') ?? problemOf(result.writer, 'writer');
  if (problem) return { ...out, error: problem };
  if (result.unresolved.length) {
    const u = result.unresolved[0];
    return { ...out, error: `${u.side} uses "${u.name}", which it does not define (each schema must be self-contained)` };
  }
  return {
    ...out,
    compatible: result.compatible,
    incompatibilities: result.incompatibilities.map(i => ({ type: i.type, location: i.location, message: i.message })),
  };
}

async function compareLines(io: CliIO): Promise<number> {
  if (!io.stdin) throw new CliError('--jsonl needs stdin');
  let anyIncompatible = false;
  let anyError = false;
  let lineNumber = 0;
  const rl = readline.createInterface({ input: io.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of rl) {
      lineNumber++;
      if (!line.trim()) continue;
      const result = checkJsonLine(line);
      if (result.error !== undefined) {
        anyError = true;
        result.line = lineNumber;
      }
      else if (!result.compatible) anyIncompatible = true;
      io.stdout.write(JSON.stringify(result) + '\n');
    }
  } catch (e) {
    throw new CliError(`cannot read stdin: ${(e as Error).message}`);
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
