// Document highlights: the named type, field or enum symbol under the cursor wherever it occurs in this document.
import type { Resolver, SchemaIndex } from '../model/schemaIndex';
import type { AvroDocument, Span } from '../model/types';
import { stringContent } from '../util/spans';
import { isDefinition, occurrencesOf } from './occurrences';
import { symbolOf, targetAt } from './target';

export interface Highlight extends Span {
  /** 'write' for a definition (a name being defined), 'read' for a use. */
  kind: 'read' | 'write';
}

/**
 * Highlights in `doc`: definitions are 'write', uses 'read'. A reference that resolves nowhere
 * highlights the other references written the same way (they are all the same missing type).
 */
export function findHighlights(doc: AvroDocument, offset: number, index: SchemaIndex, resolve: Resolver): Highlight[] {
  const target = targetAt(doc, offset, resolve);
  if (!target) return [];
  const symbol = symbolOf(target, doc, index, resolve);
  if (!symbol) {
    if (target.kind !== 'type-reference') return [];
    const name = target.reference.candidates[0];
    return doc.references
      .filter(r => r.candidates[0] === name && !resolve(r))
      .map(r => ({ ...stringContent(r.nameNode, doc.text), kind: 'read' as const }));
  }
  return occurrencesOf(symbol, index, doc).map(o => ({ ...stringContent(o.node, doc.text), kind: isDefinition(o) ? 'write' as const : 'read' as const }));
}
