// Field defaults: the JSON value matches the field's type, nested values and union branches included.
//
// Integers are checked on the raw text of the literal (a JavaScript number loses precision above
// 2^53, and Jackson tells integers from "1.0" by the text). Decisions where implementations differ:
// - Union defaults: the specification up to 1.11, avsc, Python and fastavro require the first
//   branch; Java and the 1.12 specification accept any branch. A value that matches only a later
//   branch is AVRO-222: an error when targeting 1.11, a warning (not portable) with 1.12. The same
//   applies to unions nested inside a default (items of an array, fields of a record).
// - A string default for a float or double field ("NaN", "1.5"): Java converts it with
//   Double.parseDouble, other implementations reject it. Parseable strings are a warning (the only
//   way to write NaN or Infinity, for Java-only consumers); others an error (Java fails too).
// - bytes and fixed defaults: Java checks only that they are strings; the specification maps each
//   character to one byte, so characters above U+00FF and a wrong length for fixed are errors.
// - enum defaults: Java checks only that they are strings; a non-symbol fails when the default is
//   used, so it is an error.
// - float/double defaults beyond the type's range (1e400; 3.5e38 for a float): every parser reads
//   them (as Infinity), so the default silently means something else: AVRO-221.
import { Codes, type Severity } from '../../codes';
import { getProperty, type JsonNumber, type JsonObject, type JsonValue } from '../../parser/json';
import type { AvroSchema, EnumSchema, Field, PrimitiveName, UnionSchema } from '../../model/types';
import { didYouMean, suggest } from '../../util/suggest';
import { ordinal, rawText, shortText, spanOf } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-220 and AVRO-221: the field and where in its default the problem is (a JSON pointer). */
export interface InvalidDefaultData {
  field: string;
  pointer: string;
  /** For a float/double default written as a string that Java parses: the number to write instead. */
  number?: string;
}

/** `data` of AVRO-222: the union and the branch that matched, so a fix can move that branch first. */
export interface UnionDefaultData {
  field: string;
  union: { offset: number; length: number };
  branchIndex: number;
  /** The matching branch as a type name ("null", "string", "array", a fullname). */
  branch: string;
}

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -9223372036854775808n;
const LONG_MAX = 9223372036854775807n;
/** Stop reporting inside one default after this many problems (a wrong 10,000-item array default). */
const MAX_PROBLEMS_PER_DEFAULT = 10;

/** Java's Double.parseDouble grammar (after trim): decimal, hexadecimal, NaN and Infinity, with an optional f/d suffix. */
const JAVA_DOUBLE = /^[+-]?(?:NaN|Infinity|(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?\d+)[fFdD]?)$/;

export function checkDefaults(ctx: RuleContext): void {
  const checker = new DefaultChecker(ctx);
  for (const field of ctx.doc.fields) {
    const value = field.defaultProperty?.value;
    if (value && field.type) checker.checkField(field, field.type, value);
  }
}

class DefaultChecker {
  private readonly is111: boolean;
  private readonly text: string;
  private field!: Field;
  private problems = 0;
  private enumSymbols = new Map<EnumSchema, Set<string>>();

  constructor(private readonly ctx: RuleContext) {
    this.is111 = ctx.settings.specVersion === '1.11';
    this.text = ctx.doc.text;
  }

  checkField(field: Field, type: AvroSchema, value: JsonValue): void {
    this.field = field;
    this.problems = 0;
    const target = this.deref(type);
    // Java converts a string default of a float/double field before validating it.
    if (target && target.kind === 'primitive' && (target.type === 'float' || target.type === 'double') && value.kind === 'string') {
      this.stringForFloatingPoint(target.type, value.value, value);
      return;
    }
    this.explain(type, value, '');
  }

  // ----- matching (no allocation, no messages) -----

  /** The schema a reference stands for; the schema itself otherwise; undefined when unknown. */
  private deref(schema: AvroSchema): AvroSchema | undefined {
    if (schema.kind !== 'reference') return schema;
    return this.ctx.resolve(schema);
  }

  /** Whether `value` is valid for `schema`, accepting any union branch (Java's isValidDefault in 1.12). */
  private matches(schema: AvroSchema | undefined, value: JsonValue): boolean {
    if (!schema) return true; // unknown type: nothing to say
    switch (schema.kind) {
      case 'primitive':
        return this.primitiveMatches(schema.type, value);
      case 'enum':
        return value.kind === 'string' && this.isSymbol(schema, value.value);
      case 'fixed':
        return value.kind === 'string' && firstNonByte(value.value) < 0 && (schema.size === undefined || value.value.length === schema.size);
      case 'array': {
        if (value.kind !== 'array') return false;
        const items = value.items;
        for (let i = 0; i < items.length; i++) if (!this.matches(schema.items, items[i])) return false;
        return true;
      }
      case 'map': {
        if (value.kind !== 'object') return false;
        const props = value.properties;
        for (let i = 0; i < props.length; i++) if (props[i].value && !this.matches(schema.values, props[i].value!)) return false;
        return true;
      }
      case 'record': {
        if (value.kind !== 'object') return false;
        for (const f of schema.fields) {
          const p = getProperty(value, f.name);
          if (p?.value) {
            if (!this.matches(f.type, p.value)) return false;
          } else if (!f.defaultProperty) {
            return false;
          }
        }
        return true;
      }
      case 'union':
        for (const b of schema.branches) if (this.matches(b, value)) return true;
        return false;
      case 'reference':
        return this.matches(this.ctx.resolve(schema), value);
      case 'invalid':
        return true;
    }
  }

  private primitiveMatches(type: PrimitiveName, value: JsonValue): boolean {
    switch (type) {
      case 'null': return value.kind === 'null';
      case 'boolean': return value.kind === 'boolean';
      case 'int': return value.kind === 'number' && value.isIntegerLiteral && this.intInRange(value);
      case 'long': return value.kind === 'number' && value.isIntegerLiteral && this.longInRange(value);
      case 'float':
      case 'double': return value.kind === 'number' && finiteAs(type, value.value);
      case 'string': return value.kind === 'string';
      case 'bytes': return value.kind === 'string' && firstNonByte(value.value) < 0;
    }
  }

  private intInRange(n: JsonNumber): boolean {
    const v = n.value;
    if (v > -2147483000 && v < 2147483000) return true; // far from the edges: the double is exact
    const b = this.bigint(n);
    return b !== undefined && b >= BigInt(INT_MIN) && b <= BigInt(INT_MAX);
  }

  private longInRange(n: JsonNumber): boolean {
    if (Number.isSafeInteger(n.value)) return true;
    const b = this.bigint(n);
    return b !== undefined && b >= LONG_MIN && b <= LONG_MAX;
  }

  private bigint(n: JsonNumber): bigint | undefined {
    try {
      return BigInt(rawText(n, this.text));
    } catch {
      return undefined;
    }
  }

  private isSymbol(schema: EnumSchema, symbol: string): boolean {
    const symbols = schema.symbols;
    if (symbols.length <= 16) {
      for (let i = 0; i < symbols.length; i++) if (symbols[i].name === symbol) return true;
      return false;
    }
    let set = this.enumSymbols.get(schema);
    if (!set) this.enumSymbols.set(schema, (set = new Set(symbols.map(s => s.name))));
    return set.has(symbol);
  }

  // ----- explaining (reports) -----

  /** Report every problem of `value` for `schema` (up to a cap), at the innermost offending value. */
  private explain(schema: AvroSchema | undefined, value: JsonValue, pointer: string): void {
    if (!schema || this.problems >= MAX_PROBLEMS_PER_DEFAULT) return;
    switch (schema.kind) {
      case 'reference':
        this.explain(this.ctx.resolve(schema), value, pointer);
        return;
      case 'invalid':
        return;
      case 'union':
        this.explainUnion(schema, value, pointer);
        return;
      case 'primitive':
        this.explainPrimitive(schema.type, value, pointer);
        return;
      case 'enum': {
        if (value.kind !== 'string') return this.mismatch(schema, value, pointer);
        if (this.isSymbol(schema, value.value)) return;
        const symbols = schema.symbols.map(s => s.name);
        const hint = didYouMean(suggest(value.value, symbols).map(s => s.value));
        const list = symbols.length <= 8 ? symbols.join(', ') : symbols.slice(0, 8).join(', ') + ', ...';
        this.report(Codes.InvalidDefault, value, pointer, `"${value.value}" is not a symbol of the enum "${schema.fullname}"${this.where(pointer)}${hint ? `: ${hint}` : `; the symbols are ${list}.`}`);
        return;
      }
      case 'fixed': {
        if (value.kind !== 'string') return this.mismatch(schema, value, pointer);
        if (this.explainBytes(value.value, value, pointer)) return;
        if (schema.size !== undefined && value.value.length !== schema.size) {
          this.report(Codes.InvalidDefault, value, pointer, `The fixed "${schema.fullname}" holds exactly ${schema.size} byte${schema.size === 1 ? '' : 's'}, but ${shortText(value, this.text)} has ${value.value.length} character${value.value.length === 1 ? '' : 's'}${this.where(pointer)}: write one character (\\u0000 to \\u00ff) per byte.`);
        }
        return;
      }
      case 'array': {
        if (value.kind !== 'array') return this.mismatch(schema, value, pointer);
        const items = value.items;
        for (let i = 0; i < items.length; i++) {
          if (!this.matches(schema.items, items[i]) || this.mayHoldUnions(schema.items)) this.explain(schema.items, items[i], pointer + '/' + i);
        }
        return;
      }
      case 'map': {
        if (value.kind !== 'object') return this.mismatch(schema, value, pointer);
        for (const p of value.properties) {
          if (!p.value) continue;
          if (!this.matches(schema.values, p.value) || this.mayHoldUnions(schema.values)) this.explain(schema.values, p.value, pointer + '/' + escapePointer(p.key.value));
        }
        return;
      }
      case 'record': {
        if (value.kind !== 'object') return this.mismatch(schema, value, pointer);
        this.explainRecord(schema.fields, schema.fullname, value, pointer);
        return;
      }
    }
  }

  /** Whether a value that matches can still hold a union default on a later branch (found only by explain()). */
  private mayHoldUnions(schema: AvroSchema | undefined): boolean {
    if (!schema) return false;
    switch (schema.kind) {
      case 'union': return true;
      case 'array': case 'map': case 'record': return true; // may contain unions; explain() is cheap when all is well
      case 'reference': {
        const t = this.ctx.resolve(schema);
        return t !== undefined && t.kind === 'record';
      }
      default: return false;
    }
  }

  private explainRecord(fields: Field[], fullname: string, value: JsonObject, pointer: string): void {
    const missing: string[] = [];
    for (const f of fields) {
      const p = getProperty(value, f.name);
      if (p?.value) this.explain(f.type, p.value, pointer + '/' + escapePointer(f.name));
      else if (!f.defaultProperty && f.name) missing.push(f.name);
    }
    if (missing.length && this.problems < MAX_PROBLEMS_PER_DEFAULT) {
      const names = missing.map(n => `"${n}"`).join(', ');
      this.report(
        Codes.InvalidDefault,
        value,
        pointer,
        `The default for the record "${fullname}"${this.where(pointer)} has no value for ${missing.length === 1 ? 'the field' : 'the fields'} ${names}, which ${missing.length === 1 ? 'has' : 'have'} no default of ${missing.length === 1 ? 'its' : 'their'} own: add ${missing.length === 1 ? 'it' : 'them'} to the default.`,
      );
    }
  }

  private explainUnion(union: UnionSchema, value: JsonValue, pointer: string): void {
    const branches = union.branches;
    let index = -1;
    for (let i = 0; i < branches.length; i++) {
      if (this.matches(branches[i], value)) {
        index = i;
        break;
      }
    }
    if (index < 0) {
      if (branches.length === 0) return; // empty union: reported by the union rule
      // Explain against the one branch of the value's JSON kind, if there is exactly one.
      let fitting: AvroSchema | undefined;
      let count = 0;
      for (const b of branches) {
        if (jsonKindFits(this.deref(b), value)) {
          fitting = b;
          count++;
        }
      }
      if (count === 1) return this.explain(fitting, value, pointer);
      const names = branches.map(b => `"${this.typeName(b)}"`).join(', ');
      const first = this.deref(branches[0]);
      const expected = first ? (first.kind === 'primitive' ? expectationOfPrimitive(first.type) : this.expectation(first)) : 'a value';
      this.report(
        Codes.InvalidDefault,
        value,
        pointer,
        this.is111
          ? `${shortText(value, this.text)} matches no branch of the union [${names}]${this.where(pointer)}. A union default must match the first branch: write ${expected} (for "${this.typeName(branches[0])}"), or reorder the union.`
          : `${shortText(value, this.text)} matches no branch of the union [${names}]${this.where(pointer)}. Write a value of one of its branches; ${expected} (for the first branch, "${this.typeName(branches[0])}") is the portable choice, as avsc, Python and fastavro accept only the first branch.`,
      );
      return;
    }
    if (index > 0) this.reportLaterBranch(union, index, value, pointer);
    if (this.mayHoldUnions(branches[index])) this.explain(branches[index], value, pointer);
  }

  private reportLaterBranch(union: UnionSchema, index: number, value: JsonValue, pointer: string): void {
    const branch = this.typeName(union.branches[index]);
    const first = this.typeName(union.branches[0]);
    const data: UnionDefaultData = { field: this.field.name, union: spanOf(union.node), branchIndex: index, branch };
    const text = shortText(value, this.text);
    const message = this.is111
      ? `The default ${text}${this.where(pointer)} matches the ${ordinal(index + 1)} branch of the union ("${branch}"), but a union default must match the first branch ("${first}") in Avro 1.11, avsc, Python and fastavro. Move "${branch}" to the front of the union.`
      : `The default ${text}${this.where(pointer)} matches the ${ordinal(index + 1)} branch of the union ("${branch}"): Java and Avro 1.12 accept it, but avsc, Python, fastavro and Avro 1.11 require the first branch ("${first}"). Move "${branch}" to the front of the union to be portable.`;
    this.report(Codes.UnionDefaultNotFirstBranch, value, pointer, message, undefined, this.is111 ? 'error' : undefined, data);
  }

  private explainPrimitive(type: PrimitiveName, value: JsonValue, pointer: string): void {
    switch (type) {
      case 'int':
      case 'long': {
        if (value.kind !== 'number') return this.mismatch(type, value, pointer);
        const raw = rawText(value, this.text);
        if (!value.isIntegerLiteral) {
          const integral = Number.isInteger(value.value) && Number.isSafeInteger(value.value);
          this.report(
            Codes.DefaultOutOfRange,
            value,
            pointer,
            integral
              ? `${raw} is not an integer literal${this.where(pointer)}: Java rejects a fraction or an exponent for "${type}", even when the value is whole. Write ${value.value}.`
              : `${raw} is not an integer${this.where(pointer)}: ${type === 'int' ? 'an' : 'a'} "${type}" default is a whole number. Use "double" for fractions.`,
          );
          return;
        }
        if (type === 'int' ? this.intInRange(value) : this.longInRange(value)) {
          if (type === 'long' && !Number.isSafeInteger(value.value)) {
            this.report(
              Codes.DefaultOutOfRange,
              value,
              pointer,
              `${raw}${this.where(pointer)} is a valid long, but beyond ±9007199254740991 JavaScript numbers lose precision: avsc rejects this default unless it is configured with a long type for big integers. Java and Python read it exactly.`,
              undefined,
              'info',
            );
          }
          return;
        }
        const range = type === 'int' ? `${INT_MIN} to ${INT_MAX}` : `${LONG_MIN} to ${LONG_MAX}`;
        this.report(
          Codes.DefaultOutOfRange,
          value,
          pointer,
          `${raw} is outside the range of "${type}" (${range})${this.where(pointer)}. ${type === 'int' ? 'Use "long" or a smaller default.' : 'Use a smaller default, or a "string" or "bytes"/decimal type for larger numbers.'}`,
        );
        return;
      }
      case 'bytes':
        if (value.kind !== 'string') return this.mismatch(type, value, pointer);
        this.explainBytes(value.value, value, pointer);
        return;
      case 'float':
      case 'double':
        if (value.kind === 'number' && !finiteAs(type, value.value)) {
          const max = type === 'float' ? '3.4028235e38' : '1.7976931348623157e308';
          const sign = value.value < 0 ? '-' : '';
          this.report(
            Codes.DefaultOutOfRange,
            value,
            pointer,
            `${rawText(value, this.text)} is beyond the largest "${type}" (±${max})${this.where(pointer)}: Java, Python and avsc read it as ${sign}Infinity${type === 'double' ? `, and Java writes it back as the string "${sign}Infinity" (so does Schema Registry when it stores the schema), which JSON-based tools reject` : ''}. Write a number within the range.`,
          );
          return;
        }
        if (!this.primitiveMatches(type, value)) this.mismatch(type, value, pointer);
        return;
      default:
        if (!this.primitiveMatches(type, value)) this.mismatch(type, value, pointer);
    }
  }

  /** Characters above U+00FF cannot be bytes; true when reported. */
  private explainBytes(s: string, node: JsonValue, pointer: string): boolean {
    const i = firstNonByte(s);
    if (i < 0) return false;
    const cp = s.codePointAt(i)!;
    const subject = pointer === '' ? `The default of "${this.field.name}"` : `${shortText(node, this.text)}${this.where(pointer)}`;
    this.report(
      Codes.InvalidDefault,
      node,
      pointer,
      `${subject} contains "${String.fromCodePoint(cp)}" (U+${cp.toString(16).toUpperCase().padStart(4, '0')}), which is not a byte: bytes and fixed values are strings with one character per byte, \\u0000 to \\u00ff. Write the bytes as \\u00XX escapes.`,
    );
    return true;
  }

  private stringForFloatingPoint(type: 'float' | 'double', s: string, node: JsonValue): void {
    const trimmed = s.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
    const pointer = '';
    if (!JAVA_DOUBLE.test(trimmed)) {
      this.report(Codes.InvalidDefault, node, pointer, `The default of "${this.field.name}" must be a number (type "${type}"), not the string ${shortText(node, this.text)}. Write a JSON number, e.g. 0.0.`);
      return;
    }
    const special = /NaN|Infinity/.test(trimmed);
    const number = special ? undefined : String(Number(trimmed.replace(/[fFdD]$/, '')));
    const data: InvalidDefaultData = { field: this.field.name, pointer, number };
    this.report(
      Codes.InvalidDefault,
      node,
      pointer,
      special
        ? `The default ${shortText(node, this.text)} is a string: Java converts it to ${trimmed}, but the specification, avsc, Python and fastavro require a JSON number, which cannot express ${trimmed.replace(/^[+]/, '')}. Keep it only if every consumer uses Java.`
        : `The default ${shortText(node, this.text)} is a string: Java converts it to a number, but the specification, avsc, Python and fastavro require a JSON number. Write ${number} without quotes.`,
      undefined,
      'warning',
      data,
    );
  }

  // ----- messages -----

  private mismatch(schema: AvroSchema | string, value: JsonValue, pointer: string): void {
    const type = typeof schema === 'string' ? schema : this.typeName(schema);
    const expected = typeof schema === 'string' ? expectationOfPrimitive(schema) : this.expectation(schema);
    const text = shortText(value, this.text);
    let message = pointer === ''
      ? `The default of "${this.field.name}" must be ${expected} (type "${type}"), not ${text}.`
      : `${text} at ${pointer} in the default of "${this.field.name}" is not ${expected} (type "${type}").`;
    if (pointer === '' && value.kind === 'null' && this.field.typeProperty?.value) {
      const typeNode = this.field.typeProperty.value;
      const written = typeNode.length <= 40 ? rawText(typeNode, this.text).replace(/\s+/g, ' ') : `"${type}"`;
      message += ` To make the field optional, use "type": ["null", ${written}] with "default": null.`;
    } else if (pointer === '' && type === 'string' && value.kind !== 'string') {
      message += ` Write it in quotes if it is meant as text.`;
    } else if (value.kind === 'string' && typeof schema === 'string' && unquotedFits(schema, value.value)) {
      message += ` Write ${value.value.trim()} without quotes.`;
    }
    this.report(Codes.InvalidDefault, value, pointer, message);
  }

  private where(pointer: string): string {
    return pointer === '' ? '' : ` (at ${pointer} in the default of "${this.field.name}")`;
  }

  private typeName(schema: AvroSchema | undefined): string {
    if (!schema) return '?';
    switch (schema.kind) {
      case 'primitive': return schema.type;
      case 'record': case 'enum': case 'fixed': return schema.fullname || schema.kind;
      case 'array': return 'array';
      case 'map': return 'map';
      case 'union': return 'union';
      case 'reference': return this.ctx.resolve(schema)?.fullname ?? schema.name;
      case 'invalid': return '?';
    }
  }

  private expectation(schema: AvroSchema): string {
    switch (schema.kind) {
      case 'primitive': return expectationOfPrimitive(schema.type);
      case 'enum': return 'one of its symbols, as a string';
      case 'fixed': return schema.size !== undefined ? `a string of exactly ${schema.size} character${schema.size === 1 ? '' : 's'}, one per byte` : 'a string with one character per byte';
      case 'array': return 'a JSON array';
      case 'map': return 'a JSON object';
      case 'record': return 'a JSON object with a value for each field';
      default: return 'a valid value';
    }
  }

  private report(code: typeof Codes.InvalidDefault | typeof Codes.DefaultOutOfRange | typeof Codes.UnionDefaultNotFirstBranch, node: JsonValue, pointer: string, message: string, span?: { offset: number; length: number }, severity?: Severity, data?: unknown): void {
    this.problems++;
    const d: InvalidDefaultData = { field: this.field.name, pointer };
    this.ctx.report({ code, ...(span ?? spanOf(node)), message, severity, data: data ?? d });
  }
}

function expectationOfPrimitive(type: string): string {
  switch (type) {
    case 'null': return 'null';
    case 'boolean': return 'true or false';
    case 'int': return 'an integer';
    case 'long': return 'an integer';
    case 'float': case 'double': return 'a number';
    case 'bytes': return 'a string (one character per byte)';
    case 'string': return 'a string';
    default: return 'a valid value';
  }
}

/** Whether a JSON number stays finite as a float or a double (1e400 is Infinity for every reader; 3.5e38 for a float). */
function finiteAs(type: 'float' | 'double', v: number): boolean {
  return type === 'double' ? Number.isFinite(v) : Number.isFinite(Math.fround(v));
}

/** Whether the text of a string default is a JSON literal of the primitive type ("18" for an int, "false" for a boolean). */
function unquotedFits(type: string, text: string): boolean {
  const t = text.trim();
  switch (type) {
    case 'null': return t === 'null';
    case 'boolean': return t === 'true' || t === 'false';
    case 'int': case 'long': return /^-?(0|[1-9]\d*)$/.test(t) && t.length <= 20;
    default: return false;
  }
}

/** Whether a JSON value has the JSON kind used for this schema's values (to explain the right union branch). */
function jsonKindFits(schema: AvroSchema | undefined, value: JsonValue): boolean {
  if (!schema) return false;
  switch (schema.kind) {
    case 'primitive':
      switch (schema.type) {
        case 'null': return value.kind === 'null';
        case 'boolean': return value.kind === 'boolean';
        case 'int': case 'long': case 'float': case 'double': return value.kind === 'number';
        default: return value.kind === 'string';
      }
    case 'enum': case 'fixed': return value.kind === 'string';
    case 'array': return value.kind === 'array';
    case 'map': case 'record': return value.kind === 'object';
    default: return false;
  }
}

/** Index of the first character above U+00FF, or -1. */
function firstNonByte(s: string): number {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return i;
  return -1;
}

function escapePointer(key: string): string {
  if (key.indexOf('~') < 0 && key.indexOf('/') < 0) return key;
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}
