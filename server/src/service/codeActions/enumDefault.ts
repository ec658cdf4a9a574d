// Quick fixes for an enum default that is not a symbol: AVRO-206 (the enum's own default) and AVRO-220 on a field of an enum type: pick a symbol, or add the missing one.
import { Codes } from '../codes';
import type { JsonValue } from '../parser/json';
import type { EnumSchema } from '../model/types';
import { isPlainName } from '../util/names';
import { suggest } from '../util/suggest';
import type { EnumDefaultData } from '../validation/rules/enums';
import { defaultTarget } from './defaultTarget';
import { appendArrayItem, end, replaceNode } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

/** At most this many "Change to" actions (the closest symbols first). */
const MAX_CHOICES = 8;

function isEnumDefaultData(data: unknown): data is EnumDefaultData {
  const d = data as EnumDefaultData | undefined;
  return !!d && Array.isArray(d.symbols) && Array.isArray(d.suggestions);
}

export const enumDefaultFix: QuickFixProvider = {
  codes: [Codes.EnumDefaultNotSymbol, Codes.InvalidDefault],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    if (diagnostic.code === Codes.EnumDefaultNotSymbol) {
      if (!isEnumDefaultData(diagnostic.data)) return [];
      const type = request.doc.namedTypes.find((t): t is EnumSchema => {
        const v = t.kind === 'enum' ? t.defaultProperty?.value : undefined;
        return v !== undefined && v.offset <= diagnostic.offset && diagnostic.offset + diagnostic.length <= end(v);
      });
      const value = type?.defaultProperty?.value;
      if (!type || !value) return [];
      return actionsFor(request, type, value, diagnostic.data.suggestions);
    }
    const target = defaultTarget(request, diagnostic);
    if (!target || target.schema?.kind !== 'enum') return [];
    const symbols = target.schema.symbols.map(s => s.name);
    const suggestions = target.value.kind === 'string' ? suggest(target.value.value, symbols).map(s => s.value) : [];
    return actionsFor(request, target.schema, target.value, suggestions);
  },
};

function actionsFor(request: CodeActionRequest, type: EnumSchema, value: JsonValue, suggestions: readonly string[]): AvroCodeAction[] {
  const symbols = type.symbols.map(s => s.name);
  const uri = request.doc.uri;
  const ordered = [...suggestions.filter(s => symbols.includes(s)), ...symbols.filter(s => !suggestions.includes(s))].slice(0, MAX_CHOICES);
  const actions: AvroCodeAction[] = ordered.map(symbol => ({
    title: `Change the default to "${symbol}"`,
    kind: 'quickfix',
    isPreferred: suggestions.length === 1 && symbol === suggestions[0],
    edits: [{ uri, edits: [replaceNode(value, JSON.stringify(symbol))] }],
  }));
  // The default names a symbol the enum lacks (and no symbol is close to it): add it, at the end,
  // as symbols are never reordered.
  if (value.kind === 'string' && suggestions.length === 0 && isPlainName(value.value) && !symbols.includes(value.value) && type.symbolsNode) {
    const owner = type.uri === uri ? request.doc : request.index.get(type.uri);
    if (owner) {
      actions.push({
        title: `Add "${value.value}" to the symbols of "${type.fullname}"`,
        kind: 'quickfix',
        edits: [{ uri: type.uri, edits: [appendArrayItem(owner.text, type.symbolsNode, JSON.stringify(value.value), request)] }],
      });
    }
  }
  return actions;
}
