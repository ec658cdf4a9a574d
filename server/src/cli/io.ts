// What a CLI command gets from its host: working directory, environment, output streams, the file system (faked in tests).
import type { FileSystem } from '../workspace/fileSystem';

export interface OutputStream {
  write(text: string): void;
  isTTY?: boolean;
}

export interface CliIO {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout: OutputStream;
  stderr: OutputStream;
  fs: FileSystem;
  /** Standard input, for commands that stream it (compat --jsonl). */
  stdin?: NodeJS.ReadableStream;
}

/** One subcommand (`avro-studio <name> ...`): one file per command under cli/. */
export interface CliCommand {
  name: string;
  /** One line for `avro-studio --help`. */
  summary: string;
  /** The full text of `avro-studio help <name>`. */
  usage: string;
  /** Runs the command; resolves to the process exit code (0 ok, 1 findings, 2 usage or I/O error). */
  run(args: readonly string[], io: CliIO): Promise<number>;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** A usage or I/O problem: printed as one line and exit code 2. */
export class CliError extends Error {}
