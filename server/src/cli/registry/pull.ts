// `avro-studio registry pull SUBJECT`: a registered schema as pretty JSON, to stdout, to a file, or over the local file that maps to the subject.
import * as path from 'node:path';
import { RegistryError, type RegisteredSchema } from '../../registry/types';
import { single } from '../args';
import { CliError, EXIT_OK, EXIT_USAGE } from '../io';
import { confirm } from './confirm';
import { GLOBAL_OPTIONS_HELP, type RegistryContext, type RegistrySubcommand } from './context';
import { prettySchema, writeFileAtomic } from './files';
import { escapeControl, stringifyJson } from '../terminal';

const USAGE = `Usage: avro-studio registry pull <subject> [--version <n>] [--out <file> | --write [--yes]] [options]

Prints a registered schema as pretty JSON (2 spaces), or writes it to a file.

Options:
  --version <n>          the version (default: the latest)
  --out <file>           write it to this file (replaced atomically)
  --write                write it over the local schema that maps to the subject in
                         avro-studio.json (asks first; local edits and comments are replaced)
  -y, --yes              do not ask (needed with --write when stdin is not a terminal)

${GLOBAL_OPTIONS_HELP}

Referenced schemas (schema references) are named on stderr, not pulled.
JSON output: {"version": 1, "registry", "subject", "schemaVersion", "id", "references", "schema",
              "written"} ("schema" is the pretty text; "written" the file, or null).
Exit status: 0 printed or written (or nothing to change); 2 no such subject or version, no file
maps to the subject, not confirmed, usage, I/O, network or authorisation failure.`;

export const pullSubcommand: RegistrySubcommand = {
  name: 'pull',
  summary: 'a registered schema as pretty JSON: stdout, --out FILE, or --write to the mapped file',
  usage: USAGE,
  flags: [
    { name: 'version', type: 'string' },
    { name: 'out', type: 'string' },
    { name: 'write', type: 'boolean' },
    { name: 'yes', type: 'boolean', short: 'y' },
  ],
  async run(ctx) {
    const [subject, ...rest] = ctx.parsed.positionals;
    if (!subject) throw new CliError('registry pull needs a subject: avro-studio registry pull <subject>');
    if (rest.length) throw new CliError(`registry pull takes one subject, not also '${rest[0]}'`);
    if (ctx.overrides.subject !== undefined) throw new CliError('registry pull takes the subject as its argument, not --subject');
    const versionText = single(ctx.parsed, 'version');
    let version: number | 'latest' = 'latest';
    if (versionText !== undefined && versionText !== 'latest') {
      if (!/^[1-9]\d*$/.test(versionText)) throw new CliError(`--version must be a version number (1, 2, ...) or latest, not '${versionText}'`);
      version = Number(versionText);
    }
    const out = single(ctx.parsed, 'out');
    const write = ctx.parsed.booleans.has('write');
    if (out !== undefined && write) throw new CliError('--out and --write exclude each other: --out names the file, --write uses the mapped one');

    // The target file first: a pull that cannot be written should not need the registry.
    const target = out !== undefined ? path.resolve(ctx.io.cwd, out) : write ? await mappedFile(ctx, subject) : undefined;
    const registry = await ctx.connect();
    let schema: RegisteredSchema;
    try {
      schema = await registry.client.schema(subject, version);
    } catch (e) {
      if (e instanceof RegistryError && e.kind === 'not-found') {
        const what = version === 'latest' ? `subject "${subject}" does not exist` : `subject "${subject}" has no version ${version}`;
        throw new CliError(`${what} in ${registry.url} ('avro-studio registry ${version === 'latest' ? 'subjects' : `versions ${subject}`}' lists what there is)`);
      }
      throw e;
    }
    const pretty = prettySchema(schema.schema);
    const label = `${schema.subject} v${schema.version} (id ${schema.id})`;
    if (schema.references.length) {
      ctx.io.stderr.write(escapeControl(`${label} references ${schema.references.map(r => `${r.name} (${r.subject} v${r.version})`).join(', ')}: pull those subjects too to have every type.`) + '\n');
    }
    let written: string | null = null;
    if (target) {
      const current = await ctx.io.fs.readFile(target).catch(() => undefined);
      if (current === pretty) {
        ctx.io.stderr.write(escapeControl(`${ctx.display(target)} already holds ${label}: nothing to write.`) + '\n');
      } else {
        if (write && !ctx.parsed.booleans.has('yes')) {
          const answer = await confirm(ctx.io, `Replace ${ctx.display(target)} with ${label}? Local edits and comments in it are lost.`);
          if (answer !== 'yes') {
            ctx.io.stderr.write(
              answer === 'not-interactive'
                ? `avro-studio registry pull: --write replaces ${ctx.display(target)}; stdin is not a terminal, so pass --yes to confirm. Nothing was written.\n`
                : 'Nothing was written.\n',
            );
            return EXIT_USAGE;
          }
        }
        try {
          await writeFileAtomic(target, pretty);
        } catch (e) {
          throw new CliError(`cannot write '${ctx.display(target)}': ${(e as Error).message}`);
        }
        written = target;
        ctx.io.stderr.write(escapeControl(`Wrote ${label} to ${ctx.display(target)}.`) + '\n');
      }
    }
    if (ctx.format === 'json') {
      const result = { version: 1, registry: registry.url, subject: schema.subject, schemaVersion: schema.version, id: schema.id, references: schema.references, schema: pretty, written: written && ctx.display(written) };
      ctx.io.stdout.write(stringifyJson(result, 2) + '\n');
    } else if (!target) {
      ctx.io.stdout.write(pretty);
    }
    return EXIT_OK;
  },
};

/** The one local schema that maps to `subject` (avro-studio.json); a usage error when none or several do. */
async function mappedFile(ctx: RegistryContext, subject: string): Promise<string> {
  const project = await ctx.project();
  if (!project) throw new CliError(`--write needs avro-studio.json to find the file of "${subject}"; without one, name the file with --out`);
  const run = await ctx.lint([project.config.root]);
  const matches: string[] = [];
  for (const file of run.files) {
    const mapping = await ctx.mapping(file);
    if (mapping.resolution.kind === 'subject' && mapping.resolution.subject === subject) matches.push(file.path);
  }
  if (matches.length === 0) throw new CliError(`no schema under ${ctx.display(project.config.root) || '.'} maps to "${subject}" in ${ctx.display(project.file)}: name the file with --out, or add a rule to "schemas"`);
  if (matches.length > 1) throw new CliError(`${matches.length} schemas map to "${subject}" (${matches.map(m => ctx.display(m)).join(', ')}): name the file with --out`);
  return matches[0];
}
