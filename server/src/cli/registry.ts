// `avro-studio registry <subcommand>`: Schema Registry from the command line (subjects, versions, pull, push, check, status), one file per subcommand under cli/registry/.
import { parseArgs } from './args';
import { CliError, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { registryCheck, REGISTRY_CHECK_USAGE } from './registry/check';
import { describeRegistryError } from './registry/connect';
import { GLOBAL_FLAGS, GLOBAL_OPTIONS_HELP, RegistryContext, type RegistrySubcommand } from './registry/context';
import { redactedIO } from './registry/output';
import { pullSubcommand } from './registry/pull';
import { pushSubcommand } from './registry/push';
import { statusSubcommand } from './registry/status';
import { subjectsSubcommand } from './registry/subjects';
import { versionsSubcommand } from './registry/versions';
import { RegistryError } from '../registry/types';

/** Every subcommand but check (which is `check --against registry` and parses its own flags). */
const SUBCOMMANDS: readonly RegistrySubcommand[] = [subjectsSubcommand, versionsSubcommand, pullSubcommand, pushSubcommand, statusSubcommand];

export const REGISTRY_USAGE = `Usage: avro-studio registry <subcommand> [options]

Confluent Schema Registry (and compatible: Redpanda, Karapace, Apicurio's ccompat API) from the
command line, for CI and release scripts. avro-studio.json at the root of the repository gives
the registry URL ("registry": {"url", "auth", "caFile", "certFile", "keyFile", "timeoutMs"}) and
which subject each file maps to ("schemas": [{"files", "subject" | "strategy", "topic", "key"}]).

Subcommands:
  subjects [--prefix P] [--deleted]       list the subjects
  versions SUBJECT                        the versions of a subject, with ids and its level
  pull SUBJECT [--version V] [--out FILE | --write [--yes]]
                                          a registered schema as pretty JSON
  push [paths] [--yes] [--dry-run]        register local schemas, referenced ones first, after
                                          lint, our compatibility check and the registry's verdict
  check [paths]                           'avro-studio check --against registry' (reads only)
  status [paths]                          per file: in sync, ahead (compatible or not), behind,
                                          unmapped, not registered (reads only)

${GLOBAL_OPTIONS_HELP}

Credentials come from the environment, never from files or flags:
  AVRO_REGISTRY_USERNAME and AVRO_REGISTRY_PASSWORD   basic (Confluent Cloud: API key and secret)
  AVRO_REGISTRY_TOKEN                                 bearer
"auth" in avro-studio.json ("basic" or "bearer") makes them required. Certificates: "caFile" (a
private CA), "certFile" and "keyFile" (mTLS), PEM files relative to avro-studio.json; TLS
certificates are always verified. No output ever contains a secret.

Exit status: 0 fine; 1 incompatible or invalid schemas; 2 usage, I/O, network or authorisation
failure (the reason is printed, never the secret).
Run 'avro-studio registry <subcommand> --help' for the options of each.`;

function usageOf(sub: RegistrySubcommand): string {
  return sub.usage;
}

async function runSubcommand(sub: RegistrySubcommand, args: readonly string[], io: CliIO): Promise<number> {
  const prefix = `avro-studio registry ${sub.name}`;
  let ctx: RegistryContext;
  try {
    const parsed = parseArgs(args, [...GLOBAL_FLAGS, ...sub.flags]);
    if (parsed.booleans.has('help')) {
      io.stdout.write(usageOf(sub) + '\n');
      return EXIT_OK;
    }
    ctx = new RegistryContext(io, `registry ${sub.name}`, parsed, sub.formats);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`${prefix}: ${err.message}\nRun 'avro-studio registry ${sub.name} --help' for the options.\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
  try {
    return await sub.run(ctx);
  } catch (err) {
    if (err instanceof CliError) {
      io.stderr.write(`${prefix}: ${err.message}\n`);
      return EXIT_USAGE;
    }
    if (err instanceof RegistryError) {
      io.stderr.write(`${prefix}: ${describeRegistryError(err)}\n`);
      return EXIT_USAGE;
    }
    throw err;
  }
}

export const registryCommand: CliCommand = {
  name: 'registry',
  summary: 'Schema Registry: subjects, versions, pull, push, check, status (for CI)',
  usage: REGISTRY_USAGE,
  async run(args, rawIO) {
    const io = redactedIO(rawIO);
    const [name, ...rest] = args;
    if (name === undefined) {
      io.stderr.write(REGISTRY_USAGE + '\n');
      return EXIT_USAGE;
    }
    if (name === '--help' || name === '-h' || name === 'help') {
      const sub = rest[0] === 'check' ? undefined : SUBCOMMANDS.find(s => s.name === rest[0]);
      io.stdout.write((rest[0] === 'check' ? REGISTRY_CHECK_USAGE : sub ? usageOf(sub) : REGISTRY_USAGE) + '\n');
      return EXIT_OK;
    }
    if (name === 'check') return registryCheck(rest, io);
    const sub = SUBCOMMANDS.find(s => s.name === name);
    if (!sub) {
      io.stderr.write(`avro-studio registry: unknown subcommand '${name}' (subjects, versions, pull, push, check, status)\n\n${REGISTRY_USAGE}\n`);
      return EXIT_USAGE;
    }
    return runSubcommand(sub, rest, io);
  },
};
