// Quick fix for AVRO-222 (a union default that matches a later branch only): move that branch to the front of the union.
//
// The one fix that reorders a union: readers match union branches by type, not by position, so the
// change is compatible, and it is what avsc, Python, fastavro and Avro 1.11 need. The other
// branches keep their order and the text between the branches stays where it is.
import { Codes } from '../codes';
import type { UnionDefaultData } from '../validation/rules/defaults';
import { textOf } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider, TextEdit } from './types';
import type { UnionSchema } from '../model/types';

function isUnionDefaultData(data: unknown): data is UnionDefaultData {
  const d = data as UnionDefaultData | undefined;
  return !!d && typeof d.branchIndex === 'number' && !!d.union && typeof d.union.offset === 'number' && typeof d.branch === 'string';
}

/** The edit that moves branch `index` of a union to the front, keeping the separators (and so the layout) in place. */
export function moveBranchFirst(text: string, union: UnionSchema, index: number): TextEdit | undefined {
  const items = union.node.items;
  if (index <= 0 || index >= items.length) return undefined;
  const parts: string[] = [textOf(text, items[index])];
  for (let i = 0; i < index; i++) {
    parts.push(text.slice(items[i].offset + items[i].length, items[i + 1].offset), textOf(text, items[i]));
  }
  const from = items[0].offset;
  const to = items[index].offset + items[index].length;
  return { offset: from, length: to - from, newText: parts.join('') };
}

export const unionDefaultFix: QuickFixProvider = {
  codes: [Codes.UnionDefaultNotFirstBranch],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isUnionDefaultData(data)) return [];
    const union = request.doc.schemas.find((s): s is UnionSchema => s.kind === 'union' && s.node.offset === data.union.offset && s.node.length === data.union.length);
    if (!union) return [];
    const edit = moveBranchFirst(request.doc.text, union, data.branchIndex);
    if (!edit) return [];
    return [{
      title: `Move "${data.branch}" to the front of the union`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: request.doc.uri, edits: [edit] }],
    }];
  },
};
