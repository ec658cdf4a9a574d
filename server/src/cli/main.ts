// Entry point of the `avro-studio` CLI: dispatches to one subcommand per file (lint, check, compat, registry).
import { nodeFileSystem } from '../node/nodeFileSystem';
import { packageInfo } from '../node/packageInfo';
import { EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { checkCommand } from './check';
import { compatCommand } from './compat';
import { lintCommand } from './lint';
import { registryCommand } from './registry';

/** Every subcommand; add new ones here (one file each). */
export const COMMANDS: readonly CliCommand[] = [lintCommand, checkCommand, compatCommand, registryCommand];

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

/** Runs the CLI; resolves to the exit code. Never throws: an unexpected failure is exit 2 with the stack on stderr. */
export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
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
        io.stderr.write(`avro-studio: unknown command '${rest[0]}'\n\n${mainHelp()}\n`);
        return EXIT_USAGE;
      }
      io.stdout.write(command.usage + '\n');
      return EXIT_OK;
    }
    const command = find(first);
    if (!command) {
      io.stderr.write(`avro-studio: unknown command '${first}'\n\n${mainHelp()}\n`);
      return EXIT_USAGE;
    }
    return await command.run(rest, io);
  } catch (err) {
    io.stderr.write(`avro-studio: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    return EXIT_USAGE;
  }
}

export function nodeIO(): CliIO {
  return { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr, fs: nodeFileSystem, stdin: process.stdin };
}

if (require.main === module) {
  runCli(process.argv.slice(2), nodeIO()).then(code => {
    process.exitCode = code;
  });
}
