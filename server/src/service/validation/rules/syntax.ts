// JSON syntax: parse errors, trailing commas, comments, duplicate keys, nesting depth.
import { Codes, type DiagnosticCode } from '../../codes';
import type { JsonSyntaxErrorKind } from '../../parser/json';
import type { TextEncodingName } from '../../model/types';
import type { RuleContext } from '../validate';
import { isSuppressionComment } from '../../suppression/inline';
import { checkEnvelope } from './envelope';

function codeFor(kind: JsonSyntaxErrorKind): DiagnosticCode {
  switch (kind) {
    case 'trailing-comma': return Codes.TrailingComma;
    case 'too-deep': return Codes.TooDeep;
    case 'empty-document': return Codes.EmptyDocument;
    default: return Codes.JsonSyntax;
  }
}

/** How an encoding is named in messages. */
const ENCODING_NAMES: Readonly<Record<TextEncodingName, string>> = {
  'utf-8': 'UTF-8', 'utf-16le': 'UTF-16 (little-endian)', 'utf-16be': 'UTF-16 (big-endian)', 'utf-32le': 'UTF-32 (little-endian)', 'utf-32be': 'UTF-32 (big-endian)',
};

/** `data` of AVRO-106: what the file was decoded from ('in-text' for a U+FEFF in an editor's text). */
export interface EncodingData {
  encoding: TextEncodingName;
  bom: boolean | 'in-text';
}

/**
 * One diagnostic for a file that is not plain UTF-8: UTF-16 or UTF-32 (an error: only Java reading
 * the file from bytes detects it), or UTF-8 with a byte order mark (a warning: Java skips it, as it
 * accepts comments, but Python, avsc and Java reading a String fail). The text was decoded at the
 * I/O edge and is analysed as what it really holds.
 */
function checkEncoding(ctx: RuleContext): void {
  const { source, text } = ctx.doc;
  const inText = text.charCodeAt(0) === 0xfeff;
  const encoding = source?.encoding ?? 'utf-8';
  const bom = source?.bom ?? false;
  if (encoding === 'utf-8' && !bom && !inText) return;
  const save = 'Save it as UTF-8 without a BOM (VS Code: the encoding in the status bar, then "Save with Encoding", "UTF-8").';
  const at = { offset: 0, length: inText ? 1 : 0 };
  if (encoding !== 'utf-8') {
    ctx.report({
      code: Codes.Encoding,
      ...at,
      message: `This file is ${ENCODING_NAMES[encoding]}${bom ? ' with a byte order mark' : ''}, not UTF-8: Java reads it (Jackson detects the encoding), but Python, avsc, Schema Registry clients and most JSON tools read .avsc files as UTF-8 and fail on it. ${save}`,
      data: { encoding, bom } satisfies EncodingData,
    });
    return;
  }
  ctx.report({
    code: Codes.Encoding,
    ...at,
    severity: 'warning',
    message: `This file starts with a UTF-8 byte order mark (BOM): Java reading the file skips it, but Python ("Unexpected UTF-8 BOM"), avsc, Java reading the text as a string (a Schema Registry request) and JSON tools fail on it. ${save}`,
    data: { encoding, bom: bom || 'in-text' } satisfies EncodingData,
  });
}

export function checkSyntax(ctx: RuleContext): void {
  checkEncoding(ctx);
  // A protocol or a registry payload: one diagnostic says what the file is (its syntax included).
  if (ctx.doc.envelope) return checkEnvelope(ctx, ctx.doc.envelope);
  const { json } = ctx.doc;
  for (const e of json.errors) {
    // One error per object or array: what follows a first error there is mostly its echo.
    if (e.silenced) continue;
    ctx.report({ code: codeFor(e.kind), offset: e.offset, length: e.length, message: e.message, data: { kind: e.kind } });
  }
  for (const c of json.comments) {
    // A suppression comment is Avro Studio's own (stripped before registering): not reported.
    if (isSuppressionComment(ctx.doc.text, c)) continue;
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
