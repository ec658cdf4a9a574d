// Completion: what is legal at the cursor, from the cursor context (keys, types, attribute values, defaults, snippets); never throws.
import { cursorContextAt, type CursorContext } from '../cursorContext';
import { resolverFor, type Resolver } from '../model/schemaIndex';
import { keyItems } from './keys';
import { newFileItems } from './snippets';
import { schemaItems, typeNameItems } from './typeItems';
import type { AvroCompletionItem, AvroCompletionList, CompletionRequest } from './types';
import { attributeValueItems, defaultItems, fieldSnippetItems } from './values';

export type { AvroCompletionItem, AvroCompletionList, CompletionRequest } from './types';
export { isNamedTypeKind, resolveNamedType } from './resolve';

const EMPTY: AvroCompletionList = { isIncomplete: false, items: [] };

export function getCompletions(request: CompletionRequest): AvroCompletionList {
  const { doc } = request;
  const resolve: Resolver = resolverFor(request.index, doc);
  const ctx = cursorContextAt(doc, request.offset, resolve);
  const items = itemsAt(ctx, request, resolve);
  if (!items.length) return EMPTY;
  const namespace = typePositionNamespace(ctx);
  return namespace === undefined ? { isIncomplete: false, items } : { isIncomplete: false, items, namespace };
}

/** The namespace names are resolved from, at a position where named types are offered. */
function typePositionNamespace(ctx: CursorContext): string | undefined {
  if (ctx.position.kind !== 'value') return undefined;
  const slot = ctx.position.slot;
  if (slot.kind === 'schema') return slot.namespace;
  if (slot.kind === 'typeName') return slot.owner.outerNamespace;
  return undefined;
}

function itemsAt(ctx: CursorContext, request: CompletionRequest, resolve: Resolver): AvroCompletionItem[] {
  const p = ctx.position;
  switch (p.kind) {
    case 'none':
      return [];
    case 'key':
      return keyItems(ctx, request.settings, resolve, uri => (uri === request.doc.uri ? request.doc.text : request.index?.textOf(uri) ?? ''));
    case 'value': {
      const slot = p.slot;
      // Only a string can hold a name; a number or keyword there is replaced by any proposal.
      switch (slot.kind) {
        case 'schema':
          if (ctx.emptyDocument) return [...newFileItems(ctx, request), ...schemaItems(ctx, slot, request, resolve)];
          return schemaItems(ctx, slot, request, resolve);
        case 'typeName':
          return typeNameItems(ctx, slot.owner, request);
        case 'fields':
          return [];
        case 'field':
          // An item position of the fields array: a new field object (not inside a string).
          return ctx.token.kind === 'string' ? [] : fieldSnippetItems(ctx, slot, request.doc.text);
        case 'attribute':
          return attributeValueItems(ctx, slot, request);
        case 'default':
          return defaultItems(ctx, slot, resolve);
        case 'other':
          return [];
      }
    }
  }
}
