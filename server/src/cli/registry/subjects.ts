// `avro-studio registry subjects`: the registry's subjects, optionally by prefix and with soft-deleted ones.
import { single } from '../args';
import { CliError, EXIT_OK } from '../io';
import { GLOBAL_OPTIONS_HELP, type RegistrySubcommand } from './context';
import { escapeControl, stringifyJson } from '../terminal';

const USAGE = `Usage: avro-studio registry subjects [--prefix <prefix>] [--deleted] [options]

Lists the subjects of the registry, one per line (sorted).

Options:
  --prefix <prefix>      only subjects that start with it
  --deleted              include soft-deleted subjects

${GLOBAL_OPTIONS_HELP}

JSON output: {"version": 1, "registry": URL, "subjects": [...]}.
Exit status: 0 listed; 2 usage, network or authorisation failure.`;

export const subjectsSubcommand: RegistrySubcommand = {
  name: 'subjects',
  summary: 'list the subjects (--prefix, --deleted)',
  usage: USAGE,
  flags: [
    { name: 'prefix', type: 'string' },
    { name: 'deleted', type: 'boolean' },
  ],
  async run(ctx) {
    if (ctx.parsed.positionals.length) throw new CliError(`registry subjects takes no arguments, not '${ctx.parsed.positionals[0]}'`);
    const registry = await ctx.connect();
    const subjects = [...(await registry.client.subjects({ prefix: single(ctx.parsed, 'prefix'), deleted: ctx.parsed.booleans.has('deleted') }))].sort();
    if (ctx.format === 'json') {
      ctx.io.stdout.write(stringifyJson({ version: 1, registry: registry.url, subjects }, 2) + '\n');
    } else {
      ctx.io.stdout.write(subjects.map(s => escapeControl(s) + '\n').join(''));
      ctx.io.stderr.write(`${subjects.length} subject${subjects.length === 1 ? '' : 's'} in ${registry.url}\n`);
    }
    return EXIT_OK;
  },
};
