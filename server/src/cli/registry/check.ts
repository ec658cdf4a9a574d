// `avro-studio registry check`: `avro-studio check --against registry`, with the registry's global flags; reads only.
import { CHECK_USAGE, runCheck } from '../check';
import { parseArgs, single } from '../args';
import { CliError, EXIT_USAGE, type CliIO } from '../io';
import { parseTimeout, TLS_FLAGS, TLS_OPTIONS_HELP, tlsOverrides, type RegistryOverrides } from './connect';

export const REGISTRY_CHECK_USAGE = `Usage: avro-studio registry check [options] [paths or globs ...]

The same as 'avro-studio check --against registry': lint plus compatibility of each file with the
versions registered under its subject, at the subject's level (its own, else the global one)
unless --level or avro-studio.json gives one; every registered version for *_TRANSITIVE levels.
Reads only: nothing is registered. A file that maps to no subject, or whose subject does not
exist yet, is reported as new (with the reason), not failed.

Registry options:
  --registry <url>       the registry (default: "registry.url" of avro-studio.json)
  --subject <name>       the subject of the one file given (default: avro-studio.json's mapping)
  --timeout <duration>   per request: 30s, 2500ms (default: "registry.timeoutMs", else 10s)
${TLS_OPTIONS_HELP}

Compatibility options:
  --level <level>              NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE,
                               FULL or FULL_TRANSITIVE (default: avro-studio.json's, else the
                               subject's own level)
  --allow-missing-baseline     report files whose versions cannot be read (registry unreachable,
                               refused credentials) as unchecked instead of exiting 2
  --config <file>              the project file to use (default: the nearest avro-studio.json)
  --no-config                  ignore avro-studio.json (then every file needs --subject)

${CHECK_USAGE.slice(CHECK_USAGE.indexOf('Lint options:'))}`;

const REGISTRY_FLAGS = new Set(['registry', 'subject', 'timeout', ...TLS_FLAGS.map(f => f.name)]);

/** Split the registry flags off, then run `check` against the registry with the rest. */
export async function registryCheck(args: readonly string[], io: CliIO): Promise<number> {
  const rest: string[] = [];
  const own: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const name = a.startsWith('--') ? a.slice(2).split('=')[0] : undefined;
    if (name === 'against') {
      io.stderr.write(`avro-studio registry check: --against is not an option here: it always checks against the registry (use 'avro-studio check --against ...' for git or files)\n`);
      return EXIT_USAGE;
    }
    if (name !== undefined && REGISTRY_FLAGS.has(name)) {
      own.push(a);
      if (!a.includes('=') && i + 1 < args.length) own.push(args[++i]);
      continue;
    }
    if (a === '--') {
      rest.push(...args.slice(i));
      break;
    }
    rest.push(a);
  }
  let overrides: RegistryOverrides;
  try {
    const parsed = parseArgs(own, [
      { name: 'registry', type: 'string' },
      { name: 'subject', type: 'string' },
      { name: 'timeout', type: 'string' },
      ...TLS_FLAGS,
    ]);
    const timeout = single(parsed, 'timeout');
    overrides = { url: single(parsed, 'registry'), subject: single(parsed, 'subject'), timeoutMs: timeout === undefined ? undefined : parseTimeout(timeout), ...tlsOverrides(parsed) };
  } catch (err) {
    if (!(err instanceof CliError)) throw err;
    io.stderr.write(`avro-studio registry check: ${err.message}\n`);
    return EXIT_USAGE;
  }
  return runCheck(['--against', 'registry', ...rest], io, overrides, { name: 'registry check', usage: REGISTRY_CHECK_USAGE });
}
