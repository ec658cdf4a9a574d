// `avro-studio init`: proposes a starting avro-studio.json from what the repository holds, shows it, and writes it once confirmed.
import { execFile } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { PROJECT_CONFIG_FILE } from '../config/projectConfig';
import { DEFAULT_LEVEL, levelList, parseCompatibilityLevel, type CompatibilityLevel } from '../domain/compatibility';
import { parseArgs, single, type FlagSpec } from './args';
import { CliError, EXIT_OK, EXIT_USAGE, type CliCommand, type CliIO } from './io';
import { policyKeySupported, propose, surveyRepository, type Survey } from './initSurvey';

export const INIT_USAGE = `Usage: avro-studio init [options] [folder]

Looks at the repository in folder (default: the current directory) and proposes the
${PROJECT_CONFIG_FILE} to start from: a "schemas" rule per folder of .avsc files, the subject
naming the repository's settings use (subject.name.strategy, a Maven plugin's <subjects>,
<topic>-value.avsc file names), a version field the schemas share (schema_version with an integer
or semver default), and compatibility BACKWARD against git:HEAD in a git repository (off
elsewhere). It prints the file, then asks before writing it.

Options:
  -y, --yes          write without asking (for scripts)
  --force            replace an existing ${PROJECT_CONFIG_FILE}
  --level <level>    the compatibility level to write: ${levelList('or')}
                     (default: ${DEFAULT_LEVEL})
  -h, --help         show this help

The file goes to stdout, what was found to stderr. Without --yes the question is asked only when
stdin is a terminal; otherwise nothing is written (run again with --yes).

Exit status: 0 written, or shown and not written (declined, or not a terminal); 2 usage error, an
unreadable folder, or ${PROJECT_CONFIG_FILE} already there (without --force).`;

const FLAGS: readonly FlagSpec[] = [
  { name: 'yes', type: 'boolean', short: 'y' },
  { name: 'force', type: 'boolean' },
  { name: 'level', type: 'string' },
  { name: 'help', type: 'boolean', short: 'h' },
];

/** Whether `dir` is in a git work tree, and whether HEAD names a commit; undefined without git or outside one. */
function gitOf(dir: string, env: CliIO['env']): Promise<Survey['git']> {
  const run = (args: string[]): Promise<string | undefined> =>
    new Promise(resolve => {
      execFile('git', args, { cwd: dir, env: { ...env, GIT_TERMINAL_PROMPT: '0' } as NodeJS.ProcessEnv, timeout: 10_000 }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
    });
  return run(['rev-parse', '--show-toplevel']).then(async root => {
    if (root === undefined) return undefined;
    const head = await run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']);
    return { root, hasCommit: head !== undefined && head !== '' };
  });
}

/** One line from stdin (the answer to the question), or undefined when stdin ends first. */
function readAnswer(stdin: NodeJS.ReadableStream): Promise<string | undefined> {
  return new Promise(resolve => {
    const rl = readline.createInterface({ input: stdin, terminal: false });
    let answered = false;
    rl.once('line', line => {
      answered = true;
      rl.close();
      resolve(line);
    });
    rl.once('close', () => {
      if (!answered) resolve(undefined);
    });
  });
}

function isInteractive(stdin: NodeJS.ReadableStream | undefined): stdin is NodeJS.ReadableStream {
  return !!stdin && (stdin as { isTTY?: boolean }).isTTY === true;
}

async function init(args: readonly string[], io: CliIO): Promise<number> {
  const parsed = parseArgs(args, FLAGS);
  if (parsed.booleans.has('help')) {
    io.stdout.write(INIT_USAGE + '\n');
    return EXIT_OK;
  }
  if (parsed.positionals.length > 1) throw new CliError(`one folder at most, not ${parsed.positionals.length}`);
  const levelText = single(parsed, 'level');
  let level: CompatibilityLevel = DEFAULT_LEVEL;
  if (levelText !== undefined) {
    const l = parseCompatibilityLevel(levelText);
    if (!l) throw new CliError(`--level must be ${levelList('or')}, not '${levelText}'`);
    level = l;
  }
  const root = path.resolve(io.cwd, parsed.positionals[0] ?? '.');
  const stat = await io.fs.stat(root).catch(() => undefined);
  if (stat?.type !== 'directory') throw new CliError(`'${parsed.positionals[0] ?? '.'}' is not a folder`);

  const target = path.join(root, PROJECT_CONFIG_FILE);
  const shown = path.relative(io.cwd, target) || PROJECT_CONFIG_FILE;
  const exists = (await io.fs.stat(target).catch(() => undefined)) !== undefined;
  const force = parsed.booleans.has('force');
  if (exists && !force) throw new CliError(`${shown} already exists: pass --force to replace it (it is not changed otherwise)`);

  const survey = await surveyRepository(root, io.fs, dir => gitOf(dir, io.env));
  const { config, notes } = propose(survey, { level, policyKey: policyKeySupported() });
  const text = JSON.stringify(config, null, 2) + '\n';
  io.stderr.write(`Found in ${path.relative(io.cwd, root) || '.'}:\n${notes.map(n => `  - ${n}\n`).join('')}\n`);
  io.stdout.write(text);

  if (!parsed.booleans.has('yes')) {
    if (!isInteractive(io.stdin)) {
      io.stderr.write(`\nNot written: stdin is not a terminal, so nobody could confirm. Run 'avro-studio init --yes${force ? ' --force' : ''}' to write ${shown}.\n`);
      return EXIT_OK;
    }
    io.stderr.write(`\n${exists ? 'Replace' : 'Write'} ${shown}? [y/N] `);
    const answer = await readAnswer(io.stdin);
    if (!answer || !/^\s*y(es)?\s*$/i.test(answer)) {
      io.stderr.write(`Not written.\n`);
      return EXIT_OK;
    }
  }
  try {
    // Exclusive creation unless --force: a file that appeared since the check is not replaced.
    await fsp.writeFile(target, text, { flag: force ? 'w' : 'wx' });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'EEXIST' ? `${shown} already exists: pass --force to replace it` : `cannot write ${shown}: ${(e as Error).message}`);
  }
  io.stderr.write(`Wrote ${shown}. Next: 'avro-studio check' (exit 0 when nothing breaks); commit ${PROJECT_CONFIG_FILE}.\n`);
  return EXIT_OK;
}

export const initCommand: CliCommand = {
  name: 'init',
  summary: `propose an ${PROJECT_CONFIG_FILE} from what the repository holds, and write it once confirmed`,
  usage: INIT_USAGE,
  run: async (args, io) => {
    try {
      return await init(args, io);
    } catch (err) {
      if (err instanceof CliError) {
        io.stderr.write(`avro-studio init: ${err.message}\n`);
        return EXIT_USAGE;
      }
      throw err;
    }
  },
};
