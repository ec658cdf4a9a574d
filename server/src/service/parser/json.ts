// JSON (with comments) -> a small offset-carrying tree, built on jsonc-parser's scanner; never throws.
import { createScanner, ScanError } from 'jsonc-parser';

export type JsonValue = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

interface JsonNodeBase {
  /** Offset of the first character of the node in the document text. */
  offset: number;
  /** Length in UTF-16 code units. */
  length: number;
}

export interface JsonObject extends JsonNodeBase {
  kind: 'object';
  properties: JsonProperty[];
  /** False when the closing brace is missing (the document ended or recovery skipped it). */
  closed: boolean;
}

export interface JsonProperty extends JsonNodeBase {
  kind: 'property';
  key: JsonString;
  /** Offset of the ':' or -1 when it is missing. */
  colonOffset: number;
  value: JsonValue | undefined;
}

export interface JsonArray extends JsonNodeBase {
  kind: 'array';
  items: JsonValue[];
  closed: boolean;
}

export interface JsonString extends JsonNodeBase {
  kind: 'string';
  value: string;
}

export interface JsonNumber extends JsonNodeBase {
  kind: 'number';
  value: number;
  /** True when the literal has no fraction and no exponent (decide integer-ness on the text, not the double). */
  isIntegerLiteral: boolean;
}

export interface JsonBoolean extends JsonNodeBase {
  kind: 'boolean';
  value: boolean;
}

export interface JsonNull extends JsonNodeBase {
  kind: 'null';
  value: null;
}

export type JsonSyntaxErrorKind =
  | 'unexpected-token'
  | 'value-expected'
  | 'property-name-expected'
  | 'colon-expected'
  | 'comma-expected'
  | 'close-brace-expected'
  | 'close-bracket-expected'
  | 'trailing-comma'
  | 'end-of-file-expected'
  | 'unterminated-string'
  | 'unterminated-comment'
  | 'invalid-number'
  | 'invalid-unicode'
  | 'invalid-escape'
  | 'invalid-character'
  | 'too-deep'
  | 'empty-document';

export interface JsonSyntaxError {
  kind: JsonSyntaxErrorKind;
  offset: number;
  length: number;
  message: string;
}

export interface JsonComment {
  offset: number;
  length: number;
  block: boolean;
}

export interface JsonDuplicateKey {
  /** The later occurrence (the one Jackson keeps). */
  property: JsonProperty;
  /** The earlier occurrence. */
  first: JsonProperty;
}

export interface JsonParseResult {
  root: JsonValue | undefined;
  errors: JsonSyntaxError[];
  comments: JsonComment[];
  duplicateKeys: JsonDuplicateKey[];
}

/**
 * Jackson's default maximum nesting depth (StreamReadConstraints, 2.15+), which Java Avro and so
 * Confluent Schema Registry inherit: deeper documents are rejected there, so we stop building there.
 */
export const MAX_NESTING_DEPTH = 1000;

/** jsonc-parser's SyntaxKind values (a const enum in its typings). */
const enum Tok {
  OpenBrace = 1,
  CloseBrace = 2,
  OpenBracket = 3,
  CloseBracket = 4,
  Comma = 5,
  Colon = 6,
  Null = 7,
  True = 8,
  False = 9,
  String = 10,
  Number = 11,
  LineComment = 12,
  BlockComment = 13,
  LineBreak = 14,
  Trivia = 15,
  Unknown = 16,
  EOF = 17,
}

/** Parse JSON with comments into a tree. Errors never stop the parse: a partial tree is always returned. */
export function parseJson(text: string, maxDepth = MAX_NESTING_DEPTH): JsonParseResult {
  const scanner = createScanner(text, true);
  const errors: JsonSyntaxError[] = [];
  const comments: JsonComment[] = [];
  const duplicateKeys: JsonDuplicateKey[] = [];
  let token: Tok = Tok.EOF;
  let tokenOffset = 0;
  let tokenLength = 0;
  let depth = 0;
  let tooDeepReported = false;

  function error(kind: JsonSyntaxErrorKind, message: string, offset = tokenOffset, length = tokenLength): void {
    // One error per offset: recovery can otherwise report the same spot twice.
    const last = errors[errors.length - 1];
    if (last && last.offset === offset && last.kind !== "trailing-comma") return;
    errors.push({ kind, offset, length, message });
  }

  function scanError(): void {
    const e = scanner.getTokenError() as number;
    if (e === (ScanError.None as number)) return;
    switch (e) {
      case ScanError.UnexpectedEndOfString as number:
        error('unterminated-string', 'Unterminated string: add the closing quote (").');
        break;
      case ScanError.UnexpectedEndOfComment as number:
        error('unterminated-comment', 'Unterminated block comment: add the closing */.');
        break;
      case ScanError.UnexpectedEndOfNumber as number:
        error('invalid-number', `Invalid number '${text.substr(tokenOffset, tokenLength)}': a digit is expected.`);
        break;
      case ScanError.InvalidUnicode as number:
        error('invalid-unicode', 'Invalid \\u escape: four hexadecimal digits are expected.');
        break;
      case ScanError.InvalidEscapeCharacter as number:
        error('invalid-escape', 'Invalid escape sequence in string: use one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.');
        break;
      case ScanError.InvalidCharacter as number:
        error('invalid-character', 'Invalid character in string: control characters must be escaped.');
        break;
    }
  }

  // Whitespace and comments are skipped inside the scanner (the fast path). Comments are rare, so
  // they are found by looking for a '/' between two tokens and re-scanning only that gap.
  let previousEnd = 0;
  let nextSlash = text.indexOf('/');

  function collectComments(from: number, to: number): void {
    const gap = createScanner(text, false);
    gap.setPosition(from);
    for (;;) {
      const t = gap.scan() as number as Tok;
      const offset = gap.getTokenOffset();
      if (t === Tok.EOF || offset >= to) return;
      if (t === Tok.LineComment || t === Tok.BlockComment) {
        comments.push({ offset, length: gap.getTokenLength(), block: t === Tok.BlockComment });
        if (t === Tok.BlockComment && (gap.getTokenError() as number) === (ScanError.UnexpectedEndOfComment as number)) {
          error('unterminated-comment', 'Unterminated block comment: add the closing */.', offset, gap.getTokenLength());
        }
      }
    }
  }

  /** Advance to the next significant token. */
  function next(): Tok {
    for (;;) {
      const t = scanner.scan() as number as Tok;
      tokenOffset = scanner.getTokenOffset();
      tokenLength = scanner.getTokenLength();
      if (nextSlash >= 0 && nextSlash < tokenOffset + tokenLength) {
        if (nextSlash < tokenOffset) collectComments(previousEnd, tokenOffset);
        nextSlash = text.indexOf('/', tokenOffset + tokenLength);
      }
      previousEnd = tokenOffset + tokenLength;
      if (t === Tok.Unknown) {
        error('unexpected-token', `Unexpected character '${text.substr(tokenOffset, Math.min(tokenLength, 20))}': JSON allows only objects, arrays, strings, numbers, true, false and null.`);
        continue;
      }
      if (t === Tok.String || t === Tok.Number) scanError();
      token = t;
      return t;
    }
  }

  function describe(t: Tok): string {
    switch (t) {
      case Tok.EOF:
        return 'the end of the file';
      case Tok.String:
        return `string ${text.substr(tokenOffset, Math.min(tokenLength, 40))}`;
      default:
        return `'${text.substr(tokenOffset, Math.min(tokenLength, 20))}'`;
    }
  }

  /** Skip a whole nested value without building nodes (used past the depth limit). */
  function skipNested(): void {
    let level = 0;
    do {
      if (token === Tok.OpenBrace || token === Tok.OpenBracket) level++;
      else if (token === Tok.CloseBrace || token === Tok.CloseBracket) level--;
      else if (token === Tok.EOF) return;
      next();
    } while (level > 0);
  }

  function parseValue(): JsonValue | undefined {
    switch (token) {
      case Tok.OpenBrace:
      case Tok.OpenBracket:
        if (depth >= maxDepth) {
          if (!tooDeepReported) {
            tooDeepReported = true;
            error('too-deep', `Nesting deeper than ${maxDepth} levels: Java Avro and Schema Registry (Jackson) reject documents nested this deeply; the content below this point is not analysed.`, tokenOffset, 1);
          }
          skipNested();
          return undefined;
        }
        return token === Tok.OpenBrace ? parseObject() : parseArray();
      case Tok.String: {
        const node: JsonString = { kind: 'string', offset: tokenOffset, length: tokenLength, value: scanner.getTokenValue() };
        next();
        return node;
      }
      case Tok.Number: {
        const raw = scanner.getTokenValue();
        let value = Number(raw);
        if (Number.isNaN(value)) value = 0;
        const node: JsonNumber = {
          kind: 'number', offset: tokenOffset, length: tokenLength, value,
          isIntegerLiteral: raw.indexOf('.') < 0 && raw.indexOf('e') < 0 && raw.indexOf('E') < 0,
        };
        next();
        return node;
      }
      case Tok.True:
      case Tok.False: {
        const node: JsonBoolean = { kind: 'boolean', offset: tokenOffset, length: tokenLength, value: token === Tok.True };
        next();
        return node;
      }
      case Tok.Null: {
        const node: JsonNull = { kind: 'null', offset: tokenOffset, length: tokenLength, value: null };
        next();
        return node;
      }
      default:
        return undefined;
    }
  }

  // Nodes are allocated bottom-up (children before their parent) so that V8's young-generation
  // collections see few old-to-new pointers: building a large tree top-down is dominated by them.

  function parseObject(): JsonObject {
    const start = tokenOffset;
    const properties: JsonProperty[] = [];
    depth++;
    next(); // consume '{'
    let seen: Map<string, JsonProperty> | undefined;
    let needComma = false;
    while (token !== Tok.CloseBrace && token !== Tok.EOF) {
      if (token === Tok.Comma) {
        if (!needComma) error('value-expected', 'A property is expected before this comma.');
        const commaOffset = tokenOffset;
        if (next() === Tok.CloseBrace) error('trailing-comma', 'Trailing comma: JSON does not allow a comma before }. Remove it.', commaOffset, 1);
        needComma = false;
        continue;
      }
      if (needComma) {
        // Recovery for a missing comma: report at the end of the previous property.
        const prev = properties[properties.length - 1];
        if (token === Tok.String || token === Tok.OpenBrace || token === Tok.OpenBracket) {
          error('comma-expected', 'Expected a comma between properties.', prev.offset + prev.length, 0);
        } else {
          error('comma-expected', `Expected ',' or '}' but found ${describe(token)}.`);
          if (token === Tok.CloseBracket) break; // a ']' closes an outer array: leave it to the caller
          next();
          continue;
        }
      }
      if (token !== Tok.String) {
        error('property-name-expected', `A property name in double quotes is expected, found ${describe(token)}.`);
        if (token === Tok.CloseBracket) break;
        // Skip this token (and a nested value, which is most likely a value typed without its key).
        if (token === Tok.OpenBrace || token === Tok.OpenBracket) skipNested();
        else next();
        continue;
      }
      const keyOffset = tokenOffset;
      const keyLength = tokenLength;
      const keyValue = scanner.getTokenValue();
      let colonOffset = -1;
      let value: JsonValue | undefined;
      if (next() === Tok.Colon) {
        colonOffset = tokenOffset;
        next();
        value = parseValue();
        if (!value) error('value-expected', `A value is expected after the colon, found ${describe(token)}.`, colonOffset + 1, 0);
      } else {
        error('colon-expected', `Expected ':' after the property name ${text.substr(keyOffset, Math.min(keyLength, 40))}.`, keyOffset + keyLength, 0);
        if (token === Tok.String || token === Tok.Number || token === Tok.True || token === Tok.False || token === Tok.Null || token === Tok.OpenBrace || token === Tok.OpenBracket) {
          value = parseValue(); // "name" "value": the colon was forgotten
        }
      }
      const key: JsonString = { kind: 'string', offset: keyOffset, length: keyLength, value: keyValue };
      const end = value ? value.offset + value.length : colonOffset >= 0 ? colonOffset + 1 : keyOffset + keyLength;
      const prop: JsonProperty = { kind: 'property', offset: keyOffset, length: end - keyOffset, key, colonOffset, value };
      // Duplicate keys: a linear scan is cheapest for the handful of keys an Avro object has.
      const n = properties.length;
      if (n < 16) {
        for (let i = 0; i < n; i++) {
          if (properties[i].key.value === keyValue) {
            duplicateKeys.push({ property: prop, first: properties[i] });
            break;
          }
        }
      } else {
        if (seen === undefined) {
          seen = new Map();
          for (let i = 0; i < n; i++) if (!seen.has(properties[i].key.value)) seen.set(properties[i].key.value, properties[i]);
        }
        const first = seen.get(keyValue);
        if (first !== undefined) duplicateKeys.push({ property: prop, first });
        else seen.set(keyValue, prop);
      }
      properties.push(prop);
      needComma = true;
    }
    depth--;
    if (token === Tok.CloseBrace) {
      const node: JsonObject = { kind: 'object', offset: start, length: tokenOffset + 1 - start, properties, closed: true };
      next();
      return node;
    }
    error('close-brace-expected', "Expected '}': this object is not closed.", start, 1);
    return { kind: 'object', offset: start, length: endOfLast(properties, start + 1) - start, properties, closed: false };
  }

  function parseArray(): JsonArray {
    const start = tokenOffset;
    const items: JsonValue[] = [];
    depth++;
    next(); // consume '['
    let needComma = false;
    while (token !== Tok.CloseBracket && token !== Tok.EOF) {
      if (token === Tok.Comma) {
        if (!needComma) error('value-expected', 'A value is expected before this comma.');
        const commaOffset = tokenOffset;
        if (next() === Tok.CloseBracket) error('trailing-comma', 'Trailing comma: JSON does not allow a comma before ]. Remove it.', commaOffset, 1);
        needComma = false;
        continue;
      }
      if (token === Tok.CloseBrace) {
        error('close-bracket-expected', `Expected ']' but found '}'.`);
        break; // leave '}' to the enclosing object
      }
      if (needComma) {
        const prev = items[items.length - 1];
        error('comma-expected', 'Expected a comma between array items.', prev.offset + prev.length, 0);
      }
      const value = parseValue();
      if (value) {
        items.push(value);
        needComma = true;
      } else {
        error('value-expected', `A value is expected, found ${describe(token)}.`);
        next();
      }
    }
    depth--;
    if (token === Tok.CloseBracket) {
      const node: JsonArray = { kind: 'array', offset: start, length: tokenOffset + 1 - start, items, closed: true };
      next();
      return node;
    }
    error('close-bracket-expected', "Expected ']': this array is not closed.", start, 1);
    return { kind: 'array', offset: start, length: endOfLast(items, start + 1) - start, items, closed: false };
  }

  next();
  let root: JsonValue | undefined;
  if (token === Tok.EOF) {
    errors.push({ kind: 'empty-document', offset: 0, length: 0, message: 'The file is empty: an Avro schema is a JSON object, array or string.' });
  } else {
    root = parseValue();
    if (!root) {
      error('value-expected', `An Avro schema is expected (a JSON object, array or string), found ${describe(token)}.`);
      next();
    }
    while (token !== Tok.EOF) {
      // Unbalanced closers or a second top-level value: report once, keep scanning for trivia/comments.
      error('end-of-file-expected', `Unexpected ${describe(token)} after the end of the schema: a file holds one schema.`);
      if (token === Tok.OpenBrace || token === Tok.OpenBracket) skipNested();
      else next();
      // Report the first offence only.
      while (token !== Tok.EOF) next();
    }
  }
  return { root, errors, comments, duplicateKeys };
}

function endOfLast(nodes: Array<{ offset: number; length: number }>, fallback: number): number {
  const last = nodes[nodes.length - 1];
  return last ? last.offset + last.length : fallback;
}

/** The property with this key (the last one, as Jackson keeps the last duplicate). */
export function getProperty(obj: JsonObject, key: string): JsonProperty | undefined {
  const props = obj.properties;
  for (let i = props.length - 1; i >= 0; i--) if (props[i].key.value === key) return props[i];
  return undefined;
}

/** The JSON value of a node as a plain JavaScript value (for defaults and messages). */
export function toPlainValue(node: JsonValue): unknown {
  switch (node.kind) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.properties) if (p.value) o[p.key.value] = toPlainValue(p.value);
      return o;
    }
    case 'array':
      return node.items.map(toPlainValue);
    default:
      return node.value;
  }
}

/** The innermost nodes containing the offset, outermost first (properties included). */
export function pathAtOffset(root: JsonValue | undefined, offset: number): Array<JsonValue | JsonProperty> {
  const path: Array<JsonValue | JsonProperty> = [];
  let node: JsonValue | JsonProperty | undefined = root;
  while (node && offset >= node.offset && (offset <= node.offset + node.length || isOpen(node))) {
    path.push(node);
    let child: JsonValue | JsonProperty | undefined;
    if (node.kind === 'object') {
      child = node.properties.find(p => offset >= p.offset && offset <= p.offset + p.length);
    } else if (node.kind === 'array') {
      child = node.items.find(v => offset >= v.offset && offset <= v.offset + v.length);
    } else if (node.kind === 'property') {
      if (node.value && offset >= node.value.offset && offset <= node.value.offset + node.value.length) child = node.value;
      else if (offset >= node.key.offset && offset <= node.key.offset + node.key.length) child = node.key;
    }
    node = child;
  }
  return path;
}

function isOpen(node: JsonValue | JsonProperty): boolean {
  return (node.kind === 'object' || node.kind === 'array') && !node.closed;
}
