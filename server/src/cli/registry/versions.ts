// `avro-studio registry versions SUBJECT`: the registered versions of a subject with their ids and references, and the subject's level.
import { RegistryError, type RegisteredSchema } from '../../registry/types';
import { CliError, EXIT_OK } from '../io';
import { GLOBAL_OPTIONS_HELP, type RegistrySubcommand } from './context';
import { escapeControl, stringifyJson } from '../terminal';

const USAGE = `Usage: avro-studio registry versions <subject> [options]

Lists the versions registered under a subject, oldest first, with the id of each, the schema
references it makes, and the subject's compatibility level (its own, else the global one).

Options:
  --deleted              include soft-deleted versions

${GLOBAL_OPTIONS_HELP}

JSON output: {"version": 1, "registry", "subject", "level",
              "versions": [{"version", "id", "references": [{"name", "subject", "version"}]}]}.
Exit status: 0 listed; 2 no such subject, usage, network or authorisation failure.`;

export const versionsSubcommand: RegistrySubcommand = {
  name: 'versions',
  summary: 'the versions of a subject, with ids, references and its level',
  usage: USAGE,
  flags: [{ name: 'deleted', type: 'boolean' }],
  async run(ctx) {
    const [subject, ...rest] = ctx.parsed.positionals;
    if (!subject) throw new CliError('registry versions needs a subject: avro-studio registry versions <subject>');
    if (rest.length) throw new CliError(`registry versions takes one subject, not also '${rest[0]}'`);
    const registry = await ctx.connect();
    const client = registry.client;
    const deleted = ctx.parsed.booleans.has('deleted');
    let numbers: number[];
    try {
      numbers = [...(await client.versions(subject, { deleted }))].sort((a, b) => a - b);
    } catch (e) {
      if (e instanceof RegistryError && e.kind === 'not-found') {
        throw new CliError(`subject "${subject}" does not exist in ${registry.url} ('avro-studio registry subjects' lists the subjects)`);
      }
      throw e;
    }
    const [level, schemas] = await Promise.all([
      client.level(subject),
      Promise.all(numbers.map(v => client.schema(subject, v, { deleted }))),
    ]);
    const latest = numbers[numbers.length - 1];
    if (ctx.format === 'json') {
      const versions = schemas.map(s => ({ version: s.version, id: s.id, references: s.references }));
      ctx.io.stdout.write(stringifyJson({ version: 1, registry: registry.url, subject, level, versions }, 2) + '\n');
      return EXIT_OK;
    }
    const lines = [`${subject}: ${numbers.length} version${numbers.length === 1 ? '' : 's'}, level ${level}`];
    const width = Math.max(...schemas.map(s => String(s.version).length));
    for (const s of schemas) lines.push(`  v${String(s.version).padEnd(width)}  id ${s.id}${s.version === latest ? '  (latest)' : ''}${referenceText(s)}`);
    ctx.io.stdout.write(lines.map(l => escapeControl(l)).join('\n') + '\n');
    return EXIT_OK;
  },
};

function referenceText(s: RegisteredSchema): string {
  if (!s.references.length) return '';
  return `  references ${s.references.map(r => `${r.name} (${r.subject} v${r.version})`).join(', ')}`;
}
