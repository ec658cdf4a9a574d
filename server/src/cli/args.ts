// Command-line flags: --flag value, --flag=value, repeatable flags, short aliases, `--` ends the flags; errors name the flag.
import { CliError } from './io';

export interface FlagSpec {
  /** Long name without dashes: 'format'. */
  name: string;
  /** 'boolean' flags take no value. */
  type: 'boolean' | 'string';
  repeatable?: boolean;
  /** One-letter alias without dash: 'f'. */
  short?: string;
}

export interface ParsedArgs {
  /** Values of string flags (in order for repeatable ones). */
  values: Map<string, string[]>;
  /** Boolean flags that were given. */
  booleans: Set<string>;
  positionals: string[];
}

export function parseArgs(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map(s => [s.name, s]));
  const byShort = new Map(specs.filter(s => s.short).map(s => [s.short!, s]));
  const result: ParsedArgs = { values: new Map(), booleans: new Set(), positionals: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      result.positionals.push(...args.slice(i + 1));
      break;
    }
    let spec: FlagSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      spec = byName.get(name);
      if (!spec) throw new CliError(`unknown option '--${name}'`);
    } else if (arg.startsWith('-') && arg.length > 1) {
      spec = byShort.get(arg.slice(1));
      if (!spec) throw new CliError(`unknown option '${arg}'`);
    } else {
      result.positionals.push(arg);
      continue;
    }
    if (spec.type === 'boolean') {
      if (inline !== undefined) throw new CliError(`option '--${spec.name}' takes no value`);
      result.booleans.add(spec.name);
      continue;
    }
    let value = inline;
    if (value === undefined) {
      if (i + 1 >= args.length) throw new CliError(`option '--${spec.name}' needs a value`);
      value = args[++i];
    }
    const list = result.values.get(spec.name) ?? [];
    if (list.length && !spec.repeatable) throw new CliError(`option '--${spec.name}' is given twice`);
    list.push(value);
    result.values.set(spec.name, list);
  }
  return result;
}

export function single(parsed: ParsedArgs, name: string): string | undefined {
  return parsed.values.get(name)?.[0];
}
