// What every `avro-studio registry` subcommand shares: the global flags, the project file, the connection, the local schemas and their subjects.
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../../config/loadProjectConfig';
import { mapFile, type FileMapping } from '../../registry/mapping';
import { LineIndex } from '../../service/text';
import type { AvroDiagnostic } from '../../service/languageService';
import { DEFAULT_EXCLUDE } from '../../workspace/exclude';
import { uriToPath } from '../../workspace/uris';
import { single, type FlagSpec, type ParsedArgs } from '../args';
import { filterFile } from '../adoption';
import { CliError, type CliIO } from '../io';
import { CLI_MAX_FILE_SIZE_MB, lintFiles, type LintedFile, type LintRun } from '../lint';
import { loadProjectFile } from '../project';
import { connectRegistry, parseTimeout, TLS_FLAGS, TLS_OPTIONS_HELP, tlsOverrides, type ConnectedRegistry, type RegistryOverrides } from './connect';
import { formatLocation } from '../location';

/** Flags every subcommand takes. */
export const GLOBAL_FLAGS: readonly FlagSpec[] = [
  { name: 'registry', type: 'string' },
  { name: 'subject', type: 'string' },
  { name: 'root', type: 'string' },
  { name: 'config', type: 'string' },
  { name: 'no-config', type: 'boolean' },
  { name: 'format', type: 'string', short: 'f' },
  { name: 'timeout', type: 'string' },
  ...TLS_FLAGS,
  { name: 'help', type: 'boolean', short: 'h' },
];

export const GLOBAL_OPTIONS_HELP = `Global options:
  --registry <url>       the registry (default: "registry.url" of avro-studio.json; auth kind,
                         certificate files and timeout still come from the project file)
  --subject <name>       the subject of the one file given (default: avro-studio.json's mapping)
  --root <dir>           workspace root: schemas are found and named types resolved under it
                         (default: .)
  --config <file>        the project file (default: the nearest avro-studio.json in --root or a
                         folder above it); --no-config ignores it
  -f, --format <format>  text or json (default: text)
  --timeout <duration>   per request: 30s, 2500ms (default: "registry.timeoutMs", else 10s)
${TLS_OPTIONS_HELP}
  -h, --help             show this help`;

export type RegistryFormat = 'text' | 'json';

export class RegistryContext {
  readonly root: string;
  readonly format: RegistryFormat;
  readonly overrides: RegistryOverrides;
  private readonly configFile: string | undefined;
  private readonly noConfig: boolean;
  private projectValue: Promise<LoadedProjectConfig | undefined> | undefined;
  private connection: Promise<ConnectedRegistry> | undefined;

  constructor(
    readonly io: CliIO,
    /** "registry push": the prefix of every message. */
    readonly command: string,
    readonly parsed: ParsedArgs,
    formats: readonly string[] = ['text', 'json'],
  ) {
    const format = single(parsed, 'format') ?? 'text';
    if (!formats.includes(format)) throw new CliError(`--format must be ${formats.join(' or ')}, not '${format}'`);
    this.format = format as RegistryFormat;
    this.root = path.resolve(io.cwd, single(parsed, 'root') ?? '.');
    const config = single(parsed, 'config');
    this.noConfig = parsed.booleans.has('no-config');
    if (config !== undefined && this.noConfig) throw new CliError('--config and --no-config exclude each other');
    this.configFile = config === undefined ? undefined : path.resolve(io.cwd, config);
    const timeout = single(parsed, 'timeout');
    const subject = single(parsed, 'subject');
    if (subject !== undefined && !subject.trim()) throw new CliError('--subject needs a subject name');
    this.overrides = { url: single(parsed, 'registry'), subject: subject?.trim(), timeoutMs: timeout === undefined ? undefined : parseTimeout(timeout), ...tlsOverrides(parsed) };
  }

  /** avro-studio.json (read once); a project file with problems is a usage error. */
  project(): Promise<LoadedProjectConfig | undefined> {
    return (this.projectValue ??= loadProjectFile(this.root, this.configFile, this.noConfig, this.io));
  }

  /** The registry client (made once; nothing is sent until a request is made). */
  connect(): Promise<ConnectedRegistry> {
    return (this.connection ??= this.project().then(p => connectRegistry(p, this.overrides, this.io)));
  }

  /** Index every schema under --root and validate `targets` (files, folders, globs; default: the root). */
  async lint(targets: readonly string[]): Promise<LintRun> {
    const project = await this.project();
    const run = await lintFiles(
      {
        root: this.root,
        format: 'text',
        maxWarnings: undefined,
        specVersion: undefined,
        severity: {},
        exclude: [...DEFAULT_EXCLUDE],
        quiet: false,
        color: false,
        targets: targets.length ? [...targets] : [this.root],
        config: this.configFile,
        noConfig: this.noConfig,
        maxFileSize: CLI_MAX_FILE_SIZE_MB * 1024 * 1024,
      },
      this.io,
      this.command,
      project,
    );
    if (this.overrides.subject !== undefined && run.files.length !== 1) {
      throw new CliError(`--subject names the subject of one file, but ${run.files.length} files are given: name one file, or map them in avro-studio.json`);
    }
    // Findings the team suppressed, ignored or accepted do not stop a registry command either (as in lint and check).
    return { ...run, files: run.files.map(f => ({ ...f, diagnostics: filterFile(run.adoption, f, f.diagnostics, false).diagnostics })) };
  }

  /** The subject of a schema file (--subject for the one file given, else the project file's mapping). */
  async mapping(file: Pick<LintedFile, 'path' | 'doc'>): Promise<FileMapping> {
    return mapFile((await this.project())?.config, file.path, file.doc, { subject: this.overrides.subject });
  }

  /** A path for messages: relative to the working directory. */
  display(pathOrUri: string): string {
    const p = pathOrUri.startsWith('file:') ? uriToPath(pathOrUri) ?? pathOrUri : pathOrUri;
    const rel = path.relative(this.io.cwd, p);
    return rel === '' ? path.basename(p) : rel;
  }

  /** "path:line:col: severity CODE message", as lint and check print them. */
  diagnosticLine(file: Pick<LintedFile, 'path' | 'doc'>, d: Pick<AvroDiagnostic, 'offset' | 'severity' | 'code' | 'message'>, lines = new LineIndex(file.doc.text)): string {
    const at = lines.positionAt(d.offset);
    return `${formatLocation(this.display(file.path), at)}: ${d.severity} ${d.code} ${d.message.replace(/\s*\r?\n\s*/g, ' ')}`;
  }
}

/** One `avro-studio registry <name>` subcommand (one file each under cli/registry/). */
export interface RegistrySubcommand {
  name: string;
  /** One line for `avro-studio registry --help`. */
  summary: string;
  /** The full text of `avro-studio registry <name> --help`. */
  usage: string;
  /** Its own flags (the global ones are added). */
  flags: readonly FlagSpec[];
  /** Output formats it accepts (default text and json). */
  formats?: readonly string[];
  run(ctx: RegistryContext): Promise<number>;
}
