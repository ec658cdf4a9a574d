// Quick fix for AVRO-241 (`default` written inside the type, where readers ignore it): move it to the field, or remove it when the field has its own.
import { Codes } from '../codes';
import type { JsonObject } from '../parser/json';
import type { MisplacedDefaultData } from '../validation/rules/misplaced';
import { end, fieldOfNode, insertPropertyAfter, nodeAt, removeProperties, textOf } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider } from './types';

function isData(data: unknown): data is MisplacedDefaultData {
  const d = data as MisplacedDefaultData | undefined;
  return !!d && !!d.property && typeof d.property.offset === 'number' && typeof d.fieldHasDefault === 'boolean';
}

export const misplacedDefaultFix: QuickFixProvider = {
  codes: [Codes.MisplacedDefault],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isData(data)) return [];
    const { doc } = request;
    const text = doc.text;
    // The type object holding the misplaced default.
    const owner: JsonObject | undefined = nodeAt(doc.json.root, data.property.offset, data.property.length, 'object');
    const index = owner?.properties.findIndex(p => p.offset === data.property.offset && p.length === data.property.length) ?? -1;
    if (!owner || index < 0) return [];
    const property = owner.properties[index];
    const removal = removeProperties(text, owner, new Set([index]));
    const field = data.field ? fieldOfNode(doc, data.field) : undefined;
    if (!field || data.fieldHasDefault || !property.value || !field.typeProperty) {
      return [{ title: 'Remove the ignored "default"', kind: 'quickfix', isPreferred: data.fieldHasDefault, edits: [{ uri: doc.uri, edits: removal }] }];
    }
    const insertion = insertPropertyAfter(text, field.node, field.typeProperty, `"default": ${textOf(text, property.value)}`, request);
    // The insertion point is the end of the field's type, after the type object: never inside the removed span.
    if (insertion.offset < end(owner)) return [];
    return [{
      title: `Move "default" to the field${field.name ? ` "${field.name}"` : ''}`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: doc.uri, edits: [...removal, insertion] }],
    }];
  },
};
