// Quick fixes that remove what is written twice or once too often: AVRO-102 (a trailing comma), AVRO-103 (an ignored duplicate key), AVRO-205 (a duplicate enum symbol), AVRO-211 (a duplicate union branch).
//
// The first enum symbol and the first union branch stay: their positions are part of the binary
// encoding, so only the later duplicate goes. Of a duplicate key, the ignored (earlier) one goes.
import { Codes } from '../codes';
import type { EnumSchema, UnionSchema } from '../model/types';
import { stringContent } from '../util/spans';
import { end, nodeAt, removeItems, removeProperties } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider, TextEdit } from './types';

function action(request: CodeActionRequest, title: string, edits: TextEdit[]): AvroCodeAction[] {
  return edits.length ? [{ title, kind: 'quickfix', isPreferred: true, edits: [{ uri: request.doc.uri, edits }] }] : [];
}

export const duplicatesFix: QuickFixProvider = {
  codes: [Codes.TrailingComma, Codes.DuplicateKey, Codes.DuplicateSymbol, Codes.DuplicateUnionBranch],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const { doc } = request;
    const text = doc.text;
    const at = (s: { offset: number; length: number }): boolean => s.offset === diagnostic.offset && s.length === diagnostic.length;
    switch (diagnostic.code) {
      case Codes.TrailingComma:
        if (diagnostic.length !== 1 || text.charCodeAt(diagnostic.offset) !== 44) return [];
        return action(request, 'Remove the trailing comma', [{ offset: diagnostic.offset, length: 1, newText: '' }]);
      case Codes.DuplicateKey: {
        const obj = nodeAt(doc.json.root, diagnostic.offset, diagnostic.length, 'object');
        const i = obj ? obj.properties.findIndex(p => at(p.key)) : -1;
        if (!obj || i < 0) return [];
        return action(request, `Remove the ignored "${obj.properties[i].key.value}"`, removeProperties(text, obj, new Set([i])));
      }
      case Codes.DuplicateSymbol: {
        for (const t of doc.namedTypes) {
          if (t.kind !== 'enum' || !t.symbolsNode || t.symbolsNode.offset > diagnostic.offset || end(t.symbolsNode) < diagnostic.offset) continue;
          const items = (t as EnumSchema).symbolsNode!.items;
          const i = items.findIndex(item => item.kind === 'string' && at(stringContent(item, text)));
          if (i > 0) return action(request, `Remove the duplicate symbol "${(items[i] as { value: string }).value}"`, removeItems(text, t.symbolsNode, new Set([i])));
        }
        return [];
      }
      case Codes.DuplicateUnionBranch: {
        const union = doc.schemas.find((s): s is UnionSchema => s.kind === 'union' && s.node.items.some(at));
        if (!union) return [];
        const i = union.node.items.findIndex(at);
        if (i <= 0) return [];
        // Short branches are quoted in the title; long ones (a whole type object) are named by position.
        const shown = text.slice(diagnostic.offset, end(diagnostic)).replace(/\s+/g, ' ');
        const title = shown.length <= 40 ? `Remove the duplicate branch ${shown}` : `Remove the duplicate branch (branch ${i + 1} of the union)`;
        return action(request, title, removeItems(text, union.node, new Set([i])));
      }
      default:
        return [];
    }
  },
};
