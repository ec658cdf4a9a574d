// Entry point of the language server on Node (bin avro-studio-language-server): --stdio, --node-ipc or --socket=N.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer, SERVER_NAME } from '../server';
import { formatError } from '../lsp/guard';
import { paramsValidation } from '../lsp/requestParams';
import { nodeRuntime } from './runtime';
import { packageInfo } from './packageInfo';

const HELP = `Usage: ${SERVER_NAME} --stdio | --node-ipc | --socket=<port>

The Avro Studio language server: diagnostics for Apache Avro schemas (.avsc), named types
resolved across the workspace. Speaks the Language Server Protocol; use it from any editor
(Neovim, Emacs, Helix, Sublime, ...). Settings are read from the client's "avro" section.

Options:
  --stdio          talk JSON-RPC over stdin/stdout
  --node-ipc       talk over Node IPC (when started by a Node client with TransportKind.ipc)
  --socket=<port>  connect to a socket on this port
  --version        print the version and exit
  --help           print this help and exit`;

function main(argv: string[]): void {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(HELP + '\n');
    return;
  }
  if (argv.includes('--version') || argv.includes('-v')) {
    process.stdout.write(`${SERVER_NAME} ${packageInfo().version}\n`);
    return;
  }
  if (!argv.some(a => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket=') || a.startsWith('--pipe='))) {
    process.stderr.write(`${SERVER_NAME}: choose a transport.\n\n${HELP}\n`);
    process.exitCode = 2;
    return;
  }

  // Parameters are checked before any handler runs (malformed: InvalidParams), in one place.
  const connection = createConnection(ProposedFeatures.all, { messageStrategy: paramsValidation() });
  // Never die on a stray exception: log it; the connection closing ends the process.
  process.on('uncaughtException', err => connection.console.error(formatError('Avro Studio: uncaught exception', err)));
  process.on('unhandledRejection', err => connection.console.error(formatError('Avro Studio: unhandled rejection', err)));

  startServer(connection, nodeRuntime(), packageInfo().version);
}

main(process.argv.slice(2));
