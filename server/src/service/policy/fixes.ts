// Quick fixes of the policy rules, from the diagnostic's data: set the right next version, add the version field, rename with an alias, add a doc stub, make a new field optional.
import { Codes } from '../codes';
import { insertPropertyAfter, prependArrayItem, replaceNode, textOf } from '../codeActions/jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider, TextEdit } from '../codeActions/types';
import { getProperty } from '../parser/json';
import { rename } from '../rename';
import type { PolicyDiagnosticData } from './types';

function dataOf(d: DiagnosticRef): PolicyDiagnosticData['policy'] | undefined {
  const data = d.data as PolicyDiagnosticData | undefined;
  return data && typeof data === 'object' && data.policy && typeof data.policy === 'object' ? data.policy : undefined;
}

function single(request: CodeActionRequest, title: string, edits: TextEdit[], isPreferred = true): AvroCodeAction {
  return { title, kind: 'quickfix', edits: [{ uri: request.doc.uri, edits }], isPreferred };
}

function versionFixes(request: CodeActionRequest, d: DiagnosticRef): AvroCodeAction[] {
  const p = dataOf(d);
  if (p?.replaceWith !== undefined) return [single(request, `Set the version to ${p.replaceWith}`, [replaceNode(d, p.replaceWith)])];
  if (p?.insertField !== undefined) {
    const root = request.doc.root;
    if (root?.kind !== 'record' || !root.fieldsNode) return [];
    return [single(request, `Add the version field ${p.insertField}`, [prependArrayItem(request.doc.text, root.fieldsNode, p.insertField, request)])];
  }
  return [];
}

function renameFix(request: CodeActionRequest, d: DiagnosticRef): AvroCodeAction[] {
  const p = dataOf(d);
  if (!p?.renameTo) return [];
  const result = rename(request.doc, d.offset, p.renameTo, request.index, request.resolve, { addAlias: true });
  if (!result.ok) return [];
  return [{
    title: `Rename to "${p.renameTo}" (the old name stays as an alias)`,
    kind: 'quickfix',
    edits: result.changes.map(c => ({ uri: c.uri, edits: c.edits.map(e => ({ offset: e.offset, length: e.length, newText: e.newText })) })),
    isPreferred: true,
  }];
}

function docFix(request: CodeActionRequest, d: DiagnosticRef): AvroCodeAction[] {
  const p = dataOf(d);
  if (p?.docFor === undefined) return [];
  const owner = [...request.doc.namedTypes.map(t => t.node), ...request.doc.fields.map(f => f.node)].find(n => n.offset === p.docFor);
  if (!owner) return [];
  const after = getProperty(owner, 'name');
  return [single(request, 'Add a "doc" stub', [insertPropertyAfter(request.doc.text, owner, after, '"doc": "TODO: describe it"', request)])];
}

function optionalFix(request: CodeActionRequest, d: DiagnosticRef): AvroCodeAction[] {
  const p = dataOf(d);
  if (!p?.makeOptional) return [];
  const field = request.doc.fields.find(f => f.nameNode && f.nameNode.offset === d.offset);
  const typeValue = field?.typeProperty?.value;
  if (!field || !typeValue || !field.typeProperty) return [];
  const text = request.doc.text;
  const edits: TextEdit[] = [];
  if (typeValue.kind === 'array') {
    const nullAt = typeValue.items.findIndex(i => i.kind === 'string' && i.value === 'null');
    if (nullAt > 0) return [];
    if (nullAt < 0) edits.push(prependArrayItem(text, typeValue, '"null"', request));
  } else {
    edits.push(replaceNode(typeValue, `["null", ${textOf(text, typeValue)}]`));
  }
  const def = field.defaultProperty?.value;
  if (def) edits.push(replaceNode(def, 'null'));
  else edits.push(insertPropertyAfter(text, field.node, field.typeProperty, '"default": null', request));
  return [single(request, `Make "${field.name}" optional (["null", ...] with "default": null)`, edits)];
}

export const policyFixes: QuickFixProvider = {
  codes: [Codes.PolicyVersionMissing, Codes.PolicyVersionNotBumped, Codes.PolicyVersionBumpTooSmall, Codes.PolicyRecordName, Codes.PolicyFieldName, Codes.PolicyTypeDoc, Codes.PolicyFieldDoc, Codes.PolicyNewFieldNotOptional],
  provide(request, d) {
    switch (d.code) {
      case Codes.PolicyVersionMissing:
      case Codes.PolicyVersionNotBumped:
      case Codes.PolicyVersionBumpTooSmall:
        return versionFixes(request, d);
      case Codes.PolicyRecordName:
      case Codes.PolicyFieldName:
        return renameFix(request, d);
      case Codes.PolicyTypeDoc:
      case Codes.PolicyFieldDoc:
        return docFix(request, d);
      case Codes.PolicyNewFieldNotOptional:
        return optionalFix(request, d);
      default:
        return [];
    }
  },
};
