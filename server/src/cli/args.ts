// Command-line flags on node:util.parseArgs: --flag value, --flag=value, repeatable flags, short aliases, `--` ends the flags; errors name the flag.
import { parseArgs as nodeParseArgs } from 'node:util';
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

/**
 * Parse `args` with Node's util.parseArgs (its tokens, so that errors are ours and name the flag:
 * an unknown option, a value given to a boolean flag, a missing value, a flag given twice).
 */
export function parseArgs(args: readonly string[], specs: readonly FlagSpec[]): ParsedArgs {
  const byName = new Map(specs.map(s => [s.name, s]));
  const options: Record<string, { type: 'boolean' | 'string'; short?: string; multiple?: boolean }> = {};
  for (const s of specs) options[s.name] = { type: s.type, ...(s.short ? { short: s.short } : {}), multiple: true };
  const { tokens } = nodeParseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const result: ParsedArgs = { values: new Map(), booleans: new Set(), positionals: [] };
  for (const token of tokens) {
    if (token.kind === 'positional') {
      result.positionals.push(token.value);
      continue;
    }
    if (token.kind === 'option-terminator') continue;
    const spec = byName.get(token.name);
    if (!spec) throw new CliError(`unknown option '${token.rawName}'`);
    if (spec.type === 'boolean') {
      if (token.inlineValue) throw new CliError(`option '--${spec.name}' takes no value`);
      result.booleans.add(spec.name);
      continue;
    }
    if (token.value === undefined) throw new CliError(`option '--${spec.name}' needs a value`);
    const list = result.values.get(spec.name) ?? [];
    if (list.length && !spec.repeatable) throw new CliError(`option '--${spec.name}' is given twice`);
    list.push(token.value);
    result.values.set(spec.name, list);
  }
  return result;
}

export function single(parsed: ParsedArgs, name: string): string | undefined {
  return parsed.values.get(name)?.[0];
}
