// JSON syntax: parse errors, trailing commas, comments, duplicate keys, nesting depth.
import { Codes, type DiagnosticCode } from '../../codes';
import type { JsonSyntaxErrorKind } from '../../parser/json';
import type { RuleContext } from '../validate';

function codeFor(kind: JsonSyntaxErrorKind): DiagnosticCode {
  switch (kind) {
    case 'trailing-comma': return Codes.TrailingComma;
    case 'too-deep': return Codes.TooDeep;
    case 'empty-document': return Codes.EmptyDocument;
    default: return Codes.JsonSyntax;
  }
}

export function checkSyntax(ctx: RuleContext): void {
  const { json } = ctx.doc;
  for (const e of json.errors) {
    // One error per object or array: what follows a first error there is mostly its echo.
    if (e.silenced) continue;
    ctx.report({ code: codeFor(e.kind), offset: e.offset, length: e.length, message: e.message, data: { kind: e.kind } });
  }
  for (const c of json.comments) {
    ctx.report({
      code: Codes.Comment,
      offset: c.offset,
      length: c.length,
      message: 'Comments are not JSON: Java Avro accepts them, but Schema Registry clients, avsc, Python and most JSON tools reject the file. Move the text into a "doc" attribute.',
    });
  }
  for (const d of json.duplicateKeys) {
    ctx.report({
      code: Codes.DuplicateKey,
      offset: d.first.key.offset,
      length: d.first.key.length,
      message: `"${d.first.key.value}" appears twice in this object: this one is ignored and the later one is used. Remove one of them.`,
      related: [{ uri: ctx.doc.uri, offset: d.property.key.offset, length: d.property.key.length, message: 'the occurrence that is used' }],
      tags: ['unnecessary'],
      data: { key: d.first.key.value },
    });
  }
}
