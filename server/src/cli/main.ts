// Entry point of the `avro-studio` CLI: dispatches to one subcommand per file (lint, check, compat, registry).
import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { nodeFileSystem } from '../node/nodeFileSystem';
import { packageInfo } from '../node/packageInfo';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { checkCommand } from './check';
import { compatCommand } from './compat';
import { initCommand } from './init';
import { lintCommand } from './lint';
import { registryCommand } from './registry';
import { escapeControl, guardStream } from './terminal';

/** Every subcommand; add new ones here (one file each). */
export const COMMANDS: readonly CliCommand[] = [lintCommand, checkCommand, compatCommand, registryCommand, initCommand];

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map(c => c.name.length));
  return `Usage: avro-studio <command> [options]

Avro Studio on the command line: the editor's checks for Apache Avro schemas (.avsc), for CI.

Commands:
${COMMANDS.map(c => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}
  ${'help'.padEnd(width)}  show the help of a command: avro-studio help <command>

Options:
  --version  print the version
  --help     print this help`;
}

function find(name: string): CliCommand | undefined {
  return COMMANDS.find(c => c.name === name);
}

/**
 * Runs the CLI; resolves to the exit code. Never throws: an unexpected failure is exit 2 with the
 * stack on stderr. Whatever a command writes passes through guardStream: no raw control character
 * from a schema, a file name or a server reaches the terminal.
 */
export async function runCli(argv: readonly string[], rawIO: CliIO): Promise<number> {
  const io: CliIO = { ...rawIO, stdout: guardStream(rawIO.stdout), stderr: guardStream(rawIO.stderr) };
  try {
    const [first, ...rest] = argv;
    if (first === undefined) {
      io.stderr.write(mainHelp() + '\n');
      return EXIT_USAGE;
    }
    if (first === '--version' || first === '-v') {
      io.stdout.write(`avro-studio ${packageInfo().version}\n`);
      return EXIT_OK;
    }
    if (first === '--help' || first === '-h') {
      io.stdout.write(mainHelp() + '\n');
      return EXIT_OK;
    }
    if (first === 'help') {
      if (rest.length === 0) {
        io.stdout.write(mainHelp() + '\n');
        return EXIT_OK;
      }
      const command = find(rest[0]);
      if (!command) {
        io.stderr.write(`avro-studio: unknown command '${escapeControl(rest[0])}'\n\n${mainHelp()}\n`);
        return EXIT_USAGE;
      }
      io.stdout.write(command.usage + '\n');
      return EXIT_OK;
    }
    const command = find(first);
    if (!command) {
      io.stderr.write(`avro-studio: unknown command '${escapeControl(first)}'\n\n${mainHelp()}\n`);
      return EXIT_USAGE;
    }
    return await command.run(rest, io);
  } catch (err) {
    io.stderr.write(`avro-studio: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return EXIT_USAGE;
  }
}

/**
 * Exit status when stdout or stderr was closed by the reader (`... | head -1`): 128 + SIGPIPE, what
 * a Unix tool killed by SIGPIPE reports (Node ignores the signal, so it is set here). Not 1, which
 * means "findings", nor 2: nothing went wrong, the reader stopped listening.
 */
export const EXIT_PIPE_CLOSED = 141;

/** Stop at once, without a word, when a reader closes our output (EPIPE): nobody hears the rest. */
function endQuietlyOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(EXIT_PIPE_CLOSED);
    // Any other write error: say so where we still can, then stop with the I/O status.
    try {
      process.stderr.write(`avro-studio: cannot write the output: ${err.message}\n`);
    } catch {
      // stderr is gone too
    }
    process.exit(EXIT_USAGE);
  });
}

/**
 * Standard input. Node hands a folder (`< somedir`) over as an empty stream, which would read as no
 * lines at all: it is a stream that fails with EISDIR instead.
 */
function standardInput(): NodeJS.ReadableStream {
  let isFolder = false;
  try {
    isFolder = fs.fstatSync(0).isDirectory();
  } catch {
    // no stdin (closed): process.stdin says so when read
  }
  if (!isFolder) return process.stdin;
  return new Readable({
    read() {
      this.destroy(Object.assign(new Error('EISDIR: illegal operation on a directory, read'), { code: 'EISDIR' }));
    },
  });
}

export function nodeIO(): CliIO {
  endQuietlyOnClosedPipe(process.stdout);
  endQuietlyOnClosedPipe(process.stderr);
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    fs: nodeFileSystem,
    get stdin() {
      return standardInput();
    },
  };
}

if (require.main === module) {
  runCli(process.argv.slice(2), nodeIO()).then(code => {
    process.exitCode = code;
  });
}
