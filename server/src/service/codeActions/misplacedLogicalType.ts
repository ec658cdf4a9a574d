// Quick fix for AVRO-240 (`logicalType` written on the field, where readers ignore it): move it, with precision and scale, into the field's type.
import { Codes } from '../codes';
import type { JsonValue } from '../parser/json';
import type { MisplacedLogicalTypeData } from '../validation/rules/misplaced';
import { end, indentationAt, inlineObject, removeProperties, startsLine, textOf } from './jsonEdits';
import type { AvroCodeAction, CodeActionRequest, DiagnosticRef, QuickFixProvider, TextEdit } from './types';

type Span = { offset: number; length: number };

function isSpan(s: unknown): s is Span {
  return !!s && typeof (s as Span).offset === 'number' && typeof (s as Span).length === 'number';
}

function isData(data: unknown): data is MisplacedLogicalTypeData {
  const d = data as MisplacedLogicalTypeData | undefined;
  return !!d && typeof d.logicalType === 'string' && isSpan(d.type) && Array.isArray(d.properties) && d.properties.every(isSpan);
}

const same = (a: Span, b: Span): boolean => a.offset === b.offset && a.length === b.length;

export const misplacedLogicalTypeFix: QuickFixProvider = {
  codes: [Codes.MisplacedLogicalType],
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[] {
    const data = diagnostic.data;
    if (!isData(data)) return [];
    const { doc } = request;
    const text = doc.text;
    const field = doc.fields.find(f => f.typeProperty?.value !== undefined && same(f.typeProperty.value, data.type));
    const typeValue = field?.typeProperty?.value;
    if (!field || !typeValue) return [];
    const props = field.node.properties;
    const moved = data.properties.map(span => props.findIndex(p => same(p, span)));
    if (moved.some(i => i < 0)) return [];
    let target: JsonValue | undefined = typeValue;
    if (data.branchIndex !== undefined) target = typeValue.kind === 'array' ? typeValue.items[data.branchIndex] : undefined;
    if (!target) return [];
    const movedTexts = moved.map(i => textOf(text, props[i]));
    let typeEdit: TextEdit;
    if (target.kind === 'string') {
      typeEdit = { offset: target.offset, length: target.length, newText: inlineObject([['type', textOf(text, target)]]).slice(0, -1) + ', ' + movedTexts.join(', ') + '}' };
    } else if (target.kind === 'object' && target.properties.length > 0) {
      const last = target.properties[target.properties.length - 1];
      const separator = startsLine(text, last.offset) ? ',' + request.formatting.eol + indentationAt(text, last.offset) : ', ';
      typeEdit = { offset: end(last), length: 0, newText: separator + movedTexts.join(separator) };
    } else {
      return [];
    }
    return [{
      title: `Move "logicalType": ${JSON.stringify(data.logicalType)} into the ${data.branchIndex !== undefined ? 'union branch' : 'type'}`,
      kind: 'quickfix',
      isPreferred: true,
      edits: [{ uri: doc.uri, edits: [typeEdit, ...removeProperties(text, field.node, new Set(moved))] }],
    }];
  },
};
