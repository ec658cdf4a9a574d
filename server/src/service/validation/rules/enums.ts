// Enums: symbols are unique, and the enum's own `default` is one of them.
import { Codes } from '../../codes';
import type { EnumSchema, EnumSymbol } from '../../model/types';
import { didYouMean, suggest } from '../../util/suggest';
import { shortText, spanOf, stringContent } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-205: the duplicated symbol and its first occurrence. */
export interface DuplicateSymbolData {
  symbol: string;
  first: { offset: number; length: number };
}

/** `data` of AVRO-206: the symbols to choose from, closest first when the default looks like a typo. */
export interface EnumDefaultData {
  symbols: string[];
  suggestions: string[];
}

export function checkEnums(ctx: RuleContext): void {
  for (const type of ctx.doc.namedTypes) {
    if (type.kind !== 'enum') continue;
    if (type.symbols.length > 1) checkSymbols(ctx, type);
    if (type.defaultProperty?.value) checkDefault(ctx, type);
  }
}

function checkSymbols(ctx: RuleContext, type: EnumSchema): void {
  const seen = new Map<string, EnumSymbol>();
  for (const symbol of type.symbols) {
    const first = seen.get(symbol.name);
    if (!first) {
      seen.set(symbol.name, symbol);
      continue;
    }
    const data: DuplicateSymbolData = { symbol: symbol.name, first: spanOf(first.node) };
    ctx.report({
      code: Codes.DuplicateSymbol,
      ...stringContent(symbol.node, ctx.doc.text),
      message: `"${symbol.name}" is already a symbol of the enum "${type.fullname}": symbols must be unique (Java: "Duplicate enum symbol"). Remove this one.`,
      related: [{ uri: ctx.doc.uri, offset: first.node.offset, length: first.node.length, message: 'first occurrence' }],
      tags: ['unnecessary'],
      data,
    });
  }
}

function checkDefault(ctx: RuleContext, type: EnumSchema): void {
  const value = type.defaultProperty!.value!;
  const symbols = type.symbols.map(s => s.name);
  if (value.kind === 'string' && symbols.includes(value.value)) return;
  const suggestions = value.kind === 'string' ? suggest(value.value, symbols).map(s => s.value) : [];
  const data: EnumDefaultData = { symbols, suggestions };
  const span = value.kind === 'string' ? stringContent(value, ctx.doc.text) : spanOf(value);
  const list = symbols.length <= 8 ? symbols.join(', ') : symbols.slice(0, 8).join(', ') + ', ...';
  const message = value.kind !== 'string'
    ? `The enum default must be one of the symbols as a string, not ${shortText(value, ctx.doc.text)} (Java silently ignores it). Use one of: ${list}.`
    : symbols.length === 0
      ? `The enum default "${value.value}" is not a symbol: "${type.fullname}" has no symbols.`
      : `The enum default "${value.value}" is not a symbol of "${type.fullname}"${suggestions.length ? `: ${didYouMean(suggestions)}` : '.'} Readers use this default for symbols they do not know, so it must be one of: ${list}.`;
  ctx.report({ code: Codes.EnumDefaultNotSymbol, ...span, message, data });
}
