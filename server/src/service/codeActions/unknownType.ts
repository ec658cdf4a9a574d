// Quick fixes for AVRO-303 and AVRO-203 (a type name that resolves nowhere): each "did you mean" spelling, a logical type written as a type, or a new record or enum.
//
// Where a new type goes: Java 1.11 (and avsc) read a file top-down and need a definition before
// its first use, and Schema Registry and most tools parse one file on its own. So the default
// fix defines the type inline, in place of its first use in the file: every later use then
// resolves, in every tool. Teams that keep one type per file get a second fix that creates
// <Name>.avsc next to the schema (a file creation plus its text); the workspace resolves it at
// once, while Java and the registry need it passed as an import or a schema reference.
import { Codes } from '../codes';
import { isPrimitiveName, type ReferenceSchema } from '../model/types';
import { isPlainName } from '../util/names';
import { logicalTypeSpec } from '../util/logicalTypeSpecs';
import { stringContent } from '../util/spans';
import type { UnknownTypeData } from '../validation/rules/references';
import { indentUnit } from '../format/indentation';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

const KEYWORDS = new Set(['record', 'enum', 'array', 'map', 'fixed', 'error']);

function isUnknownTypeData(data: unknown): data is UnknownTypeData {
  const d = data as UnknownTypeData | undefined;
  return !!d && typeof d.name === 'string' && Array.isArray(d.suggestions) && d.suggestions.every(s => typeof s === 'string');
}

export const unknownTypeFix: QuickFixProvider = {
  codes: [Codes.UnknownType, Codes.UnknownTypeKeyword],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isUnknownTypeData(data)) return [];
    const { doc } = request;
    // The reference the diagnostic is about (its span is the name between the quotes).
    const ref = doc.references.find(r => {
      const span = stringContent(r.nameNode, doc.text);
      return span.offset === diagnostic.offset && span.length === diagnostic.length;
    });
    if (!ref || ref.name !== data.name) return [];
    const actions: AvroCodeAction[] = data.suggestions.map(s => ({
      title: `Change to "${s}"`,
      kind: 'quickfix',
      isPreferred: data.suggestions.length === 1,
      edits: [{ uri: doc.uri, edits: [{ offset: diagnostic.offset, length: diagnostic.length, newText: JSON.stringify(s).slice(1, -1) }] }],
    }));
    const logical = logicalTypeAction(request, ref);
    if (logical) actions.push(logical);
    else if (diagnostic.code === Codes.UnknownType) actions.push(...createActions(request, ref));
    return actions;
  },
};

/** "timestamp-millis" written as a type: the underlying type annotated with it. */
function logicalTypeAction(request: CodeActionRequest, ref: ReferenceSchema): AvroCodeAction | undefined {
  const spec = logicalTypeSpec(ref.name);
  // decimal needs a precision the fix cannot guess; duration and uuid-on-fixed need a named fixed.
  const base = spec?.expected.find(e => isPrimitiveName(e));
  if (!spec || !base || ref.name === 'decimal') return undefined;
  const { doc } = request;
  const logicalType = JSON.stringify(ref.name);
  if (ref.node.kind === 'object') {
    // {"type": "timestamp-millis"} -> {"type": "long", "logicalType": "timestamp-millis"}
    const typeProp = ref.node.properties.find(p => p.value === ref.nameNode);
    if (!typeProp || ref.node.properties.some(p => p.key.value === 'logicalType')) return undefined;
    return {
      title: `Write {"type": "${base}", "logicalType": ${logicalType}}`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: doc.uri, edits: [{ offset: ref.nameNode.offset, length: ref.nameNode.length, newText: `"${base}", "logicalType": ${logicalType}` }] }],
    };
  }
  return {
    title: `Write {"type": "${base}", "logicalType": ${logicalType}}`,
    kind: 'quickfix',
    isPreferred: true,
    edits: [{ uri: doc.uri, edits: [{ offset: ref.nameNode.offset, length: ref.nameNode.length, newText: `{"type": "${base}", "logicalType": ${logicalType}}` }] }],
  };
}

function createActions(request: CodeActionRequest, ref: ReferenceSchema): AvroCodeAction[] {
  const { doc } = request;
  const fullname = ref.candidates[0];
  const dot = fullname.lastIndexOf('.');
  const simple = fullname.slice(dot + 1);
  const namespace = dot < 0 ? '' : fullname.slice(0, dot);
  if (!isPlainName(simple) || isPrimitiveName(simple) || KEYWORDS.has(simple) || (namespace && !namespace.split('.').every(isPlainName))) return [];
  // The first use in the file that means the same fullname: the definition must come before the others.
  const first = doc.references.find(r => r.node.kind === 'string' && r.candidates[0] === fullname) ?? ref;
  const nameText = JSON.stringify(ref.name.indexOf('.') >= 0 ? fullname : simple);
  const inline = (kind: 'record' | 'enum'): AvroCodeAction => ({
    title: `Define ${kind} "${simple}" at its first use`,
    kind: 'quickfix',
    edits: [{
      uri: doc.uri,
      edits: [{ offset: first.nameNode.offset, length: first.nameNode.length, newText: `{"type": "${kind}", "name": ${nameText}, ${kind === 'record' ? '"fields"' : '"symbols"'}: []}` }],
    }],
  });
  const actions = [inline('record'), inline('enum')];
  const slash = doc.uri.lastIndexOf('/');
  const fileUri = doc.uri.slice(0, slash + 1) + simple + '.avsc';
  if (slash >= 0 && !request.index.has(fileUri)) {
    const unit = indentUnit(request.formatting);
    const eol = request.formatting.eol;
    const file = (kind: 'record' | 'enum'): AvroCodeAction => {
      const lines = [`"type": "${kind}"`, `"name": ${JSON.stringify(simple)}`];
      if (namespace) lines.push(`"namespace": ${JSON.stringify(namespace)}`);
      lines.push(kind === 'record' ? '"fields": []' : '"symbols": []');
      return {
        title: `Create ${kind} "${simple}" in a new file ${simple}.avsc`,
        kind: 'quickfix',
        edits: [{ uri: fileUri, create: true, edits: [{ offset: 0, length: 0, newText: '{' + eol + lines.map(l => unit + l).join(',' + eol) + eol + '}' + eol }] }],
      };
    };
    actions.push(file('record'), file('enum'));
  }
  return actions;
}
