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
  /**
   * Found after an earlier error in the same object or array (before it closed): most likely the
   * same mistake seen again (a missing quote shifts every later string). Not shown to users.
   */
  silenced?: true;
}

export interface JsonComment {
  offset: number;
  length: number;
  block: boolean;
}

export interface JsonDuplicateKey {
  /** The later occurrence (the last one is the one Jackson keeps). */
  property: JsonProperty;
  /**
   * The previous occurrence of the key (the nearest earlier one), so that a key written three times
   * gives two pairs (1st, 2nd) and (2nd, 3rd): every ignored occurrence is the `first` of one pair.
   */
  first: JsonProperty;
}

export interface JsonParseResult {
  root: JsonValue | undefined;
  errors: JsonSyntaxError[];
  comments: JsonComment[];
  duplicateKeys: JsonDuplicateKey[];
  /**
   * Start offsets (ascending) of the objects and arrays that reported a syntax error: later errors
   * inside each of them up to its end were not reported (one error per region).
   */
  silenced: number[];
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

/**
 * Strings an Avro document repeats thousands of times: attribute names, type names, logical types.
 * The tokenizer recognises them in the text and uses these constants instead of scanning and
 * copying each occurrence: the tree then shares one (internalized) string per word, which also
 * makes every later comparison of a key with an attribute name a pointer comparison.
 */
const KNOWN_STRINGS = [
  'type', 'name', 'namespace', 'doc', 'default', 'fields', 'symbols', 'items', 'values', 'size', 'aliases', 'order',
  'logicalType', 'precision', 'scale',
  'null', 'boolean', 'int', 'long', 'float', 'double', 'bytes', 'string', 'record', 'enum', 'array', 'map', 'fixed', 'error',
  'decimal', 'uuid', 'date', 'time-millis', 'time-micros', 'timestamp-millis', 'timestamp-micros', 'timestamp-nanos',
  'local-timestamp-millis', 'local-timestamp-micros', 'local-timestamp-nanos', 'duration', 'big-decimal',
  'ascending', 'descending', 'ignore',
];

/** KNOWN_STRINGS by their first character (ASCII code). */
const KNOWN_BY_FIRST: Array<string[] | undefined> = [];
for (const word of KNOWN_STRINGS) (KNOWN_BY_FIRST[word.charCodeAt(0)] ??= []).push(word);

/** The known string quoted at `quote` (the offset of its opening '"'), or undefined. */
function knownStringAt(text: string, quote: number): string | undefined {
  const candidates = KNOWN_BY_FIRST[text.charCodeAt(quote + 1)];
  if (candidates === undefined) return undefined;
  for (let i = 0; i < candidates.length; i++) {
    const word = candidates[i];
    const end = quote + 1 + word.length;
    if (text.charCodeAt(end) === 34 /* " */ && text.startsWith(word, quote + 1)) return word;
  }
  return undefined;
}

/** Parse JSON with comments into a tree. Errors never stop the parse: a partial tree is always returned. */
export function parseJson(text: string, maxDepth = MAX_NESTING_DEPTH): JsonParseResult {
  return parse(text, maxDepth, undefined) as JsonParseResult;
}

/** The result of re-reading one array item in place (see parseArrayItemAt). */
export interface JsonItemParseResult {
  /** The item as read, or undefined when there is no value at the start. */
  value: JsonValue | undefined;
  /** False when reading the item went past the end of the range (a token or a container crossed it). */
  endsAtRangeEnd: boolean;
  errors: JsonSyntaxError[];
  comments: JsonComment[];
  duplicateKeys: JsonDuplicateKey[];
  silenced: number[];
}

/**
 * Read the array item that starts at `start` and should end exactly at `end` (an incremental
 * re-parse of one edited item), as parseJson would read it at that place of the whole text:
 * `depth` is the number of containers around it. Offsets are offsets into `text`. The caller
 * checks that the item is what it expects (a closed object ending at `end`).
 */
export function parseArrayItemAt(text: string, start: number, end: number, depth: number, maxDepth = MAX_NESTING_DEPTH): JsonItemParseResult {
  return parse(text, maxDepth, { start, end, depth }) as JsonItemParseResult;
}

interface ItemRange {
  start: number;
  end: number;
  depth: number;
}

function parse(text: string, maxDepth: number, item: ItemRange | undefined): JsonParseResult | JsonItemParseResult {
  // Without trivia skipping: whitespace is skipped by next(), comments come back as tokens.
  const scanner = createScanner(text, false);
  const errors: JsonSyntaxError[] = [];
  const comments: JsonComment[] = [];
  const duplicateKeys: JsonDuplicateKey[] = [];
  let token: Tok = Tok.EOF;
  let tokenOffset = 0;
  let tokenLength = 0;
  let depth = item ? item.depth : 0;
  let tooDeepReported = false;

  // One error per offset: recovery (an unclosed container handing a closer to its parent) can
  // otherwise report the same spot several times. A trailing comma does not block its offset.
  const errorOffsets = new Set<number>();
  // One error per region: after a syntax error in an object or array, what follows in it up to its
  // end (its closer, or where recovery ends it) is mostly the same mistake seen again (a missing
  // quote shifts every later string), so further errors there are marked `silenced`; the parse goes
  // on and the rest of the file is analysed. `errored[i]` is set when container i of the open ones
  // (outermost first) has an unsilenced error; `erroredOpen` counts them. A trailing comma is fully
  // recovered: it is never silenced and never silences what follows. A missing comma before the
  // next property or item, and a bad escape, character or number inside one token (`clean`), are
  // recovered exactly too: they silence nothing (two forgotten commas are two errors), but are
  // silenced after another error.
  const errored: boolean[] = [];
  const openStarts: number[] = [];
  const silenced: number[] = [];
  let erroredOpen = 0;
  let reported = 0;
  function error(kind: JsonSyntaxErrorKind, message: string, offset = tokenOffset, length = tokenLength, clean = false): void {
    if (errorOffsets.has(offset)) return;
    if (kind !== 'trailing-comma') {
      errorOffsets.add(offset);
      if (erroredOpen > 0) {
        errors.push({ kind, offset, length, message, silenced: true });
        return;
      }
      const top = errored.length - 1;
      if (top >= 0 && !clean) {
        errored[top] = true;
        erroredOpen++;
        silenced.push(openStarts[top]);
      }
      reported++;
    }
    errors.push({ kind, offset, length, message });
  }
  function openContainer(): void {
    errored.push(false);
    openStarts.push(tokenOffset);
  }
  function closeContainer(): void {
    openStarts.pop();
    if (errored.pop()) erroredOpen--;
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
        error('invalid-number', `Invalid number '${text.substr(tokenOffset, tokenLength)}': a digit is expected.`, tokenOffset, tokenLength, true);
        break;
      case ScanError.InvalidUnicode as number:
        error('invalid-unicode', 'Invalid \\u escape: four hexadecimal digits are expected.', tokenOffset, tokenLength, true);
        break;
      case ScanError.InvalidEscapeCharacter as number:
        error('invalid-escape', 'Invalid escape sequence in string: use one of \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX.', tokenOffset, tokenLength, true);
        break;
      case ScanError.InvalidCharacter as number:
        error('invalid-character', 'Invalid character in string: control characters must be escaped.', tokenOffset, tokenLength, true);
        break;
    }
  }

  // The tokenizer: whitespace, the six structural characters, plain strings (no escape), integers
  // of up to 15 digits and the keywords are read here; everything else (escapes, fractions,
  // exponents, comments, anything malformed) is scanned by jsonc-parser's scanner, positioned on
  // the token, so every error is its. (Its trivia loop builds a string of every whitespace run,
  // and its string scan builds each value from pieces: on pretty-printed files that garbage, not
  // the tokens, dominated the scanner's cost and the young-generation GC.)
  // The end of what is read (an item's range ends before the end of the text).
  const length = item ? item.end : text.length;
  // A byte order mark left in the text (an editor that keeps it) is not JSON, but not a syntax
  // error either: the encoding rule reports it once (AVRO-106).
  let pos = item ? item.start : text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let tokenValue = '';
  /** The value of a number token, and whether its literal has no fraction and no exponent. */
  let tokenNumber = 0;
  let tokenInteger = true;

  /** Advance to the next significant token. */
  function next(): Tok {
    for (;;) {
      let p = pos;
      let c = text.charCodeAt(p);
      while (c === 32 || c === 10 || c === 13 || c === 9) c = text.charCodeAt(++p);
      tokenOffset = p;
      if (p >= length) {
        pos = length;
        tokenOffset = length;
        tokenLength = 0;
        return (token = Tok.EOF);
      }
      switch (c) {
        case 123: pos = p + 1; tokenLength = 1; return (token = Tok.OpenBrace);
        case 125: pos = p + 1; tokenLength = 1; return (token = Tok.CloseBrace);
        case 91: pos = p + 1; tokenLength = 1; return (token = Tok.OpenBracket);
        case 93: pos = p + 1; tokenLength = 1; return (token = Tok.CloseBracket);
        case 58: pos = p + 1; tokenLength = 1; return (token = Tok.Colon);
        case 44: pos = p + 1; tokenLength = 1; return (token = Tok.Comma);
        case 34: {
          const known = knownStringAt(text, p);
          if (known !== undefined) {
            tokenLength = known.length + 2;
            pos = p + tokenLength;
            tokenValue = known;
            return (token = Tok.String);
          }
          // A plain string (no escape, no control character, closed before the line ends) is a
          // slice of the text; anything else is left to the scanner, which knows every error.
          let q = p + 1;
          let ch = text.charCodeAt(q);
          while (ch !== 34 && ch !== 92 && ch >= 32) ch = text.charCodeAt(++q);
          if (ch === 34) {
            tokenLength = q + 1 - p;
            pos = q + 1;
            tokenValue = text.slice(p + 1, q);
            return (token = Tok.String);
          }
          break;
        }
        case 45: case 48: case 49: case 50: case 51: case 52: case 53: case 54: case 55: case 56: case 57: {
          // An integer of at most 15 digits (exact in a double) is computed here, without a string;
          // fractions, exponents, longer and malformed numbers are left to the scanner.
          let q = c === 45 ? p + 1 : p;
          let d = text.charCodeAt(q);
          if (d >= 48 && d <= 57) {
            let value = d - 48;
            d = text.charCodeAt(++q);
            if (value !== 0) {
              while (d >= 48 && d <= 57) {
                value = value * 10 + (d - 48);
                d = text.charCodeAt(++q);
              }
            }
            if (d !== 46 && d !== 101 && d !== 69 && q - p - (c === 45 ? 1 : 0) <= 15) {
              tokenLength = q - p;
              pos = q;
              tokenNumber = c === 45 ? -value : value;
              tokenInteger = true;
              return (token = Tok.Number);
            }
          }
          break;
        }
        case 116: // true
          if (text.startsWith('true', p) && isDelimiter(text.charCodeAt(p + 4))) {
            tokenLength = 4;
            pos = p + 4;
            return (token = Tok.True);
          }
          break;
        case 102: // false
          if (text.startsWith('false', p) && isDelimiter(text.charCodeAt(p + 5))) {
            tokenLength = 5;
            pos = p + 5;
            return (token = Tok.False);
          }
          break;
        case 110: // null
          if (text.startsWith('null', p) && isDelimiter(text.charCodeAt(p + 4))) {
            tokenLength = 4;
            pos = p + 4;
            return (token = Tok.Null);
          }
          break;
      }
      scanner.setPosition(p);
      const t = scanner.scan() as number as Tok;
      tokenLength = scanner.getTokenLength();
      pos = p + tokenLength;
      switch (t) {
        case Tok.String:
          tokenValue = scanner.getTokenValue();
          scanError();
          return (token = t);
        case Tok.Number: {
          const raw = scanner.getTokenValue();
          const value = Number(raw);
          tokenNumber = Number.isNaN(value) ? 0 : value;
          tokenInteger = raw.indexOf('.') < 0 && raw.indexOf('e') < 0 && raw.indexOf('E') < 0;
          scanError();
          return (token = t);
        }
        case Tok.True:
        case Tok.False:
        case Tok.Null:
          return (token = t);
        case Tok.LineComment:
        case Tok.BlockComment:
          comments.push({ offset: p, length: tokenLength, block: t === Tok.BlockComment });
          if ((scanner.getTokenError() as number) === (ScanError.UnexpectedEndOfComment as number)) {
            error('unterminated-comment', 'Unterminated block comment: add the closing */.', p, tokenLength);
          }
          continue;
        default:
          error('unexpected-token', `Unexpected character '${text.substr(tokenOffset, Math.min(tokenLength, 20))}': JSON allows only objects, arrays, strings, numbers, true, false and null.`);
          continue;
      }
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

  /** End of the last token skipNested() consumed. */
  let skippedEnd = 0;

  /** Skip a whole nested value without building nodes (used past the depth limit). */
  function skipNested(): void {
    let level = 0;
    do {
      if (token === Tok.OpenBrace || token === Tok.OpenBracket) level++;
      else if (token === Tok.CloseBrace || token === Tok.CloseBracket) level--;
      else if (token === Tok.EOF) return;
      skippedEnd = tokenOffset + tokenLength;
      next();
    } while (level > 0);
  }

  /** Set when parseValue skipped a value nested too deeply: callers drop it without another error. */
  let skippedTooDeep = false;

  // Where the value parseValue() just returned ends, and whether it is an unclosed container: read
  // from here rather than from the node, whose shape varies (a polymorphic load on every property).
  let valueEnd = 0;
  let valueUnclosed = false;

  /** `inArray`: the value is an array item (an object there ends early on a stray '{' or '['). */
  function parseValue(inArray: boolean): JsonValue | undefined {
    switch (token) {
      case Tok.OpenBrace:
      case Tok.OpenBracket:
        if (depth >= maxDepth) {
          if (!tooDeepReported) {
            tooDeepReported = true;
            error('too-deep', `Nesting deeper than ${maxDepth} levels: Java Avro and Schema Registry (Jackson) reject documents nested this deeply; the content below this point is not analysed.`, tokenOffset, 1);
          }
          skipNested();
          skippedTooDeep = true;
          return undefined;
        }
        return token === Tok.OpenBrace ? parseObject(inArray) : parseArray();
      case Tok.String: {
        const node: JsonString = { kind: 'string', offset: tokenOffset, length: tokenLength, value: tokenValue };
        valueEnd = tokenOffset + tokenLength;
        valueUnclosed = false;
        next();
        return node;
      }
      case Tok.Number: {
        const node: JsonNumber = { kind: 'number', offset: tokenOffset, length: tokenLength, value: tokenNumber, isIntegerLiteral: tokenInteger };
        valueEnd = tokenOffset + tokenLength;
        valueUnclosed = false;
        next();
        return node;
      }
      case Tok.True:
      case Tok.False: {
        const node: JsonBoolean = { kind: 'boolean', offset: tokenOffset, length: tokenLength, value: token === Tok.True };
        valueEnd = tokenOffset + tokenLength;
        valueUnclosed = false;
        next();
        return node;
      }
      case Tok.Null: {
        const node: JsonNull = { kind: 'null', offset: tokenOffset, length: tokenLength, value: null };
        valueEnd = tokenOffset + tokenLength;
        valueUnclosed = false;
        next();
        return node;
      }
      default:
        return undefined;
    }
  }

  // Nodes are allocated bottom-up (children before their parent) so that V8's young-generation
  // collections see few old-to-new pointers: building a large tree top-down is dominated by them.

  // Children are collected on one shared stack and copied into an array of the exact size when
  // their container ends: a growing `[]` reserves 17 slots on its first push, which for the two
  // to five children of a typical Avro object more than doubled the tree's size.
  const stack: Array<JsonProperty | JsonValue> = [];

  function parseObject(inArray: boolean): JsonObject {
    const start = tokenOffset;
    const base = stack.length;
    depth++;
    openContainer();
    next(); // consume '{'
    let seen: Map<string, JsonProperty> | undefined;
    let needComma = false;
    while (token !== Tok.CloseBrace && token !== Tok.EOF) {
      // An array item meeting '{' or '[' where a property belongs was not closed: typing a new item
      // in front of an existing one, or a deleted '}'. Ending it here lets the array read the
      // following items normally, instead of every later item becoming a key-less value in it.
      if (inArray && (token === Tok.OpenBrace || token === Tok.OpenBracket)) break;
      if (token === Tok.Comma) {
        if (!needComma) error('value-expected', 'A property is expected before this comma.');
        const commaOffset = tokenOffset;
        if (next() === Tok.CloseBrace) error('trailing-comma', 'Trailing comma: JSON does not allow a comma before }. Remove it.', commaOffset, 1);
        needComma = false;
        continue;
      }
      if (needComma) {
        // Recovery for a missing comma: report at the end of the previous property.
        const prev = stack[stack.length - 1];
        if (token === Tok.String || token === Tok.OpenBrace || token === Tok.OpenBracket) {
          error('comma-expected', 'Expected a comma between properties.', prev.offset + prev.length, 0, true);
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
      const keyValue = tokenValue;
      let colonOffset = -1;
      let value: JsonValue | undefined;
      if (next() === Tok.Colon) {
        colonOffset = tokenOffset;
        const errorCount = errors.length;
        next();
        skippedTooDeep = false;
        value = parseValue(false);
        // No second error when the value was skipped (too deep) or was an unexpected token (reported by next()).
        if (!value && !skippedTooDeep && errors.length === errorCount) {
          error('value-expected', `A value is expected after the colon, found ${describe(token)}.`, colonOffset + 1, 0);
        }
      } else {
        error('colon-expected', `Expected ':' after the property name ${text.substr(keyOffset, Math.min(keyLength, 40))}.`, keyOffset + keyLength, 0);
        if (token === Tok.String || token === Tok.Number || token === Tok.True || token === Tok.False || token === Tok.Null || token === Tok.OpenBrace || token === Tok.OpenBracket) {
          value = parseValue(false); // "name" "value": the colon was forgotten
        }
      }
      const key: JsonString = { kind: 'string', offset: keyOffset, length: keyLength, value: keyValue };
      const end = value ? valueEnd : colonOffset >= 0 ? colonOffset + 1 : keyOffset + keyLength;
      const prop: JsonProperty = { kind: 'property', offset: keyOffset, length: end - keyOffset, key, colonOffset, value };
      // Duplicate keys: a linear scan is cheapest for the handful of keys an Avro object has.
      const n = stack.length - base;
      if (n < 16) {
        for (let i = stack.length - 1; i >= base; i--) {
          const other = stack[i] as JsonProperty;
          if (other.key.value === keyValue) {
            duplicateKeys.push({ property: prop, first: other });
            break;
          }
        }
      } else {
        if (seen === undefined) {
          seen = new Map();
          for (let i = base; i < stack.length; i++) seen.set((stack[i] as JsonProperty).key.value, stack[i] as JsonProperty);
        }
        const previous = seen.get(keyValue);
        if (previous !== undefined) duplicateKeys.push({ property: prop, first: previous });
        seen.set(keyValue, prop);
      }
      stack.push(prop);
      needComma = true;
    }
    depth--;
    const properties = stack.slice(base) as JsonProperty[];
    stack.length = base;
    if (token === Tok.CloseBrace) {
      const node: JsonObject = { kind: 'object', offset: start, length: tokenOffset + 1 - start, properties, closed: true };
      valueEnd = tokenOffset + 1;
      valueUnclosed = false;
      closeContainer();
      next();
      return node;
    }
    error('close-brace-expected', "Expected '}': this object is not closed.", start, 1);
    closeContainer();
    valueEnd = endOfLast(properties, start + 1);
    valueUnclosed = true;
    return { kind: 'object', offset: start, length: valueEnd - start, properties, closed: false };
  }

  function parseArray(): JsonArray {
    const start = tokenOffset;
    const base = stack.length;
    depth++;
    openContainer();
    next(); // consume '['
    let needComma = false;
    /** End of the previous item (or of a value skipped as too deep), for a missing comma's position. */
    let previousEnd = start + 1;
    /** The previous item is an unclosed object or array: its error already explains a missing comma. */
    let previousUnclosed = false;
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
      if (needComma && !previousUnclosed) error('comma-expected', 'Expected a comma between array items.', previousEnd, 0, true);
      skippedTooDeep = false;
      const value = parseValue(true);
      if (value) {
        stack.push(value);
        previousEnd = valueEnd;
        previousUnclosed = valueUnclosed;
        needComma = true;
      } else if (skippedTooDeep) {
        previousEnd = skippedEnd;
        previousUnclosed = false;
        needComma = true;
      } else {
        error('value-expected', `A value is expected, found ${describe(token)}.`);
        next();
      }
    }
    depth--;
    const items = stack.slice(base) as JsonValue[];
    stack.length = base;
    if (token === Tok.CloseBracket) {
      const node: JsonArray = { kind: 'array', offset: start, length: tokenOffset + 1 - start, items, closed: true };
      valueEnd = tokenOffset + 1;
      valueUnclosed = false;
      closeContainer();
      next();
      return node;
    }
    error('close-bracket-expected', "Expected ']': this array is not closed.", start, 1);
    closeContainer();
    valueEnd = endOfLast(items, start + 1);
    valueUnclosed = true;
    return { kind: 'array', offset: start, length: valueEnd - start, items, closed: false };
  }

  next();
  if (item) {
    const value = token === Tok.EOF ? undefined : parseValue(true);
    // Past the range: the item (or a token in it) did not end where the caller expects.
    const endsAtRangeEnd = token === Tok.EOF && value !== undefined && valueEnd === item.end;
    const result: JsonItemParseResult = { value, endsAtRangeEnd, errors, comments, duplicateKeys, silenced: silenced.sort(ascending) };
    return result;
  }
  let root: JsonValue | undefined;
  if (token === Tok.EOF) {
    errors.push({ kind: 'empty-document', offset: 0, length: 0, message: 'The file is empty: an Avro schema is a JSON object, array or string.' });
  } else {
    root = parseValue(false);
    if (!root) {
      error('value-expected', `An Avro schema is expected (a JSON object, array or string), found ${describe(token)}.`);
      next();
    }
    while (token !== Tok.EOF) {
      // Unbalanced closers or a second top-level value: report once (not at all when an earlier
      // error explains the imbalance), keep scanning for trivia/comments.
      if (reported > 0) erroredOpen++;
      error('end-of-file-expected', `Unexpected ${describe(token)} after the end of the schema: a file holds one schema.`);
      if (token === Tok.OpenBrace || token === Tok.OpenBracket) skipNested();
      else next();
      // Report the first offence only.
      while (token !== Tok.EOF) next();
    }
  }
  return { root, errors, comments, duplicateKeys, silenced: silenced.sort(ascending) };
}

function ascending(a: number, b: number): number {
  return a - b;
}

/** Whether a character ends a keyword for jsonc-parser's scanner (whitespace, a structural character, '"', '/', or the end). */
function isDelimiter(c: number): boolean {
  switch (c) {
    case 32: case 9: case 10: case 13: case 123: case 125: case 91: case 93: case 34: case 58: case 44: case 47:
      return true;
    default:
      return c !== c; // NaN: the end of the text
  }
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
  while (node && offset >= node.offset && (offset <= node.offset + node.length || isOpen(node) || (node.kind === 'property' && node.value !== undefined && isOpen(node.value)))) {
    path.push(node);
    let child: JsonValue | JsonProperty | undefined;
    if (node.kind === 'object') {
      child = node.properties.find(p => offset >= p.offset && offset <= p.offset + p.length);
      // An unclosed container runs to the end of the text: past its last child, the path goes on into it.
      const last: JsonProperty | undefined = node.properties[node.properties.length - 1];
      if (!child && last && offset > last.offset && last.value && isOpen(last.value)) child = last;
    } else if (node.kind === 'array') {
      child = node.items.find(v => offset >= v.offset && offset <= v.offset + v.length);
      const last: JsonValue | undefined = node.items[node.items.length - 1];
      if (!child && last && offset > last.offset && isOpen(last)) child = last;
    } else if (node.kind === 'property') {
      if (node.value && offset >= node.value.offset && (offset <= node.value.offset + node.value.length || isOpen(node.value))) child = node.value;
      else if (offset >= node.key.offset && offset <= node.key.offset + node.key.length) child = node.key;
    }
    node = child;
  }
  return path;
}

function isOpen(node: JsonValue | JsonProperty): boolean {
  return (node.kind === 'object' || node.kind === 'array') && !node.closed;
}
