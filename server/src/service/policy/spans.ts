// Where policy findings about a whole schema go: the root type's name, else the document's first character.
import type { AvroDocument } from '../model/types';

export function rootSpan(doc: AvroDocument): { offset: number; length: number } {
  const root = doc.root;
  if (root && (root.kind === 'record' || root.kind === 'enum' || root.kind === 'fixed') && root.nameNode) return { offset: root.nameNode.offset, length: root.nameNode.length };
  const node = doc.json.root;
  return node ? { offset: node.offset, length: 1 } : { offset: 0, length: 0 };
}
