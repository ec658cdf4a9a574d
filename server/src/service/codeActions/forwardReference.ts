// Quick fix for AVRO-304 (a named type used before its definition, which Java 1.11 and avsc reject): move the definition to the first use, and refer to it by name where it was.
//
// The moved definition keeps its fullname: when its namespace was inherited from where it stood and
// the first use is in another namespace, "namespace" is written into it.
import { Codes } from '../codes';
import { getProperty } from '../parser/json';
import type { NamedSchema } from '../model/types';
import type { ForwardReferenceData } from '../validation/rules/references';
import { end, indentationAt, reindent, textOf } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

function isData(data: unknown): data is ForwardReferenceData {
  const d = data as ForwardReferenceData | undefined;
  return !!d && typeof d.fullname === 'string' && !!d.definition && typeof d.definition.offset === 'number';
}

export const forwardReferenceFix: QuickFixProvider = {
  codes: [Codes.ForwardReference],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isData(data)) return [];
    const { doc, index } = request;
    const text = doc.text;
    const target: NamedSchema | undefined = doc.definitions.get(data.fullname);
    if (!target || target.node.offset !== data.definition.offset || target.node.length !== data.definition.length) return [];
    // The first use of the type in the file: the definition goes there.
    const first = doc.references.find(r => r.node.kind === 'string' && r.nameNode.offset < target.node.offset && index.resolve(r, doc)?.target === target);
    if (!first) return [];
    let moved = textOf(text, target.node);
    const nameProp = getProperty(target.node, 'name');
    const explicit = target.namespaceNode !== undefined || (target.nameNode?.value.indexOf('.') ?? -1) >= 0;
    if (!explicit && target.namespace !== first.enclosingNamespace && nameProp) {
      // `"namespace": "..."` after the name, in the moved text.
      const at = end(nameProp) - target.node.offset;
      moved = moved.slice(0, at) + `, "namespace": ${JSON.stringify(target.namespace)}` + moved.slice(at);
    }
    moved = reindent(moved, indentationAt(text, target.node.offset), indentationAt(text, first.nameNode.offset));
    return [{
      title: `Move the definition of "${data.fullname}" to its first use`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{
        uri: doc.uri,
        edits: [
          { offset: first.nameNode.offset, length: first.nameNode.length, newText: moved },
          { offset: target.node.offset, length: target.node.length, newText: JSON.stringify(target.fullname) },
        ],
      }],
    }];
  },
};
