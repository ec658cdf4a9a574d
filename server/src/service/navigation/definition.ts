// Go to definition: from a type name, a reference, an alias, a field or an enum symbol to where it is defined (offsets).
import type { Resolver, SchemaIndex } from '../model/schemaIndex';
import type { AvroDocument, Span } from '../model/types';
import type { TypeDefinition } from '../model/summary';
import { stringContent } from '../util/spans';
import { targetAt } from './target';

/** A definition target with the span the request was made on (LSP's LocationLink, in offsets). */
export interface DefinitionLink {
  /** The name under the cursor (the text between its quotes). */
  origin: Span;
  uri: string;
  /** The whole definition: the type object, the field object, or the symbol string. */
  target: Span;
  /** The name inside it (between its quotes). */
  targetSelection: Span;
}

/**
 * The definitions of what is under the cursor. A reference resolves as the validator resolves it:
 * a definition in the same document wins; otherwise the one its compilation unit or the folder
 * tree makes visible (model/schemaIndex). On a definition's
 * own name the definition itself is returned (LSP convention: the editor then offers references).
 * An alias names an earlier fullname: it has a target only while a type with that fullname exists.
 */
export function findDefinition(doc: AvroDocument, offset: number, index: SchemaIndex, resolve: Resolver): DefinitionLink[] {
  const target = targetAt(doc, offset, resolve);
  if (!target) return [];
  const origin = stringContent(target.node, doc.text);
  const typeLinks = (schemas: readonly TypeDefinition[]): DefinitionLink[] => {
    const out: DefinitionLink[] = [];
    for (const s of schemas) {
      if (!s.nameNode) continue;
      const text = s.uri === doc.uri ? doc.text : index.textOf(s.uri);
      if (text === undefined) continue;
      out.push({ origin, uri: s.uri, target: { offset: s.node.offset, length: s.node.length }, targetSelection: stringContent(s.nameNode, text) });
    }
    return out.sort((a, b) => (a.uri === doc.uri ? -1 : b.uri === doc.uri ? 1 : a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  };
  const ofFullname = (fullname: string): TypeDefinition[] => {
    const local = doc.definitions.get(fullname);
    return local ? [local] : [...index.definitionsOf(fullname)];
  };
  switch (target.kind) {
    case 'type-definition':
      return typeLinks([target.schema]);
    case 'type-reference': {
      // Where the reference resolves, as the validator and a build resolve it (the nearest
      // definition, or the one of its compilation unit).
      const schema = resolve(target.reference);
      return schema ? typeLinks([schema]) : [];
    }
    case 'type-alias':
      return typeLinks(ofFullname(target.alias.fullname));
    case 'field-definition': {
      const f = target.field;
      return [{ origin, uri: doc.uri, target: { offset: f.node.offset, length: f.node.length }, targetSelection: origin }];
    }
    case 'field-key': {
      const record = target.record;
      const field = record.fields.find(f => f.name === target.node.value);
      const text = record.uri === doc.uri ? doc.text : index.textOf(record.uri);
      if (!field?.nameNode || text === undefined) return [];
      return [{ origin, uri: record.uri, target: { offset: field.node.offset, length: field.node.length }, targetSelection: stringContent(field.nameNode, text) }];
    }
    case 'symbol-definition':
      return [{ origin, uri: doc.uri, target: { offset: target.node.offset, length: target.node.length }, targetSelection: origin }];
    case 'symbol-use': {
      const e = target.enum;
      const symbol = e.symbols.find(s => s.name === target.node.value);
      const text = e.uri === doc.uri ? doc.text : index.textOf(e.uri);
      if (!symbol || text === undefined) return [];
      return [{ origin, uri: e.uri, target: { offset: symbol.node.offset, length: symbol.node.length }, targetSelection: stringContent(symbol.node, text) }];
    }
    default:
      return [];
  }
}
