// Find references: every occurrence in the workspace of the named type, field or enum symbol under the cursor (offsets).
import type { Resolver, SchemaIndex } from '../model/schemaIndex';
import type { AvroDocument, Span } from '../model/types';
import { stringContent } from '../util/spans';
import { isDefinition, occurrencesOf } from './occurrences';
import { symbolOf, targetAt } from './target';

export interface SpanInDocument extends Span {
  uri: string;
}

/**
 * References of what is under the cursor, across every indexed document (open and on disk):
 * - a named type: every reference that resolves to its fullname; with `includeDeclaration`, every
 *   definition of the fullname (copies inlined in several files are the same type, so all count);
 * - a field: the field's name in each definition of its record, and the keys naming it in default
 *   values of that record;
 * - an enum symbol: the symbol, the enum's default and field defaults that use it.
 * Spans cover the text between the quotes. Files are in index order, occurrences in text order.
 */
export function findReferences(doc: AvroDocument, offset: number, index: SchemaIndex, resolve: Resolver, includeDeclaration: boolean): SpanInDocument[] {
  const target = targetAt(doc, offset, resolve);
  if (!target) return [];
  const symbol = symbolOf(target, doc, index, resolve);
  if (!symbol) return [];
  const out: SpanInDocument[] = [];
  const texts = new Map<string, string>([[doc.uri, doc.text]]);
  for (const o of occurrencesOf(symbol, index)) {
    if (!includeDeclaration && isDefinition(o)) continue;
    let text = texts.get(o.uri);
    if (text === undefined) {
      text = index.textOf(o.uri);
      if (text === undefined) continue;
      texts.set(o.uri, text);
    }
    out.push({ uri: o.uri, ...stringContent(o.node, text) });
  }
  return out;
}
