// The fake registry's compatibility verdicts: avsc's createResolver as an independent oracle, shaped like Confluent 7.x's answers.
//
// Deliberately NOT our own engine (server/src/service/compatibility): "the registry's verdict beside
// ours" must be able to disagree. The levels, the order of checks and the message envelope follow
// Confluent (CompatibilityChecker, SchemaValidatorBuilder, avro/Difference.java):
// - BACKWARD: reader = new, writer = each old; FORWARD: reader = old, writer = new; FULL: both
//   (forward first, then backward). Plain levels check the latest version only; *_TRANSITIVE check
//   every version, newest first, and stop at the first version that fails.
// - messages: one "{errorType:'...', description:'...', additionalInfo:'...'}" per incompatibility,
//   then "{oldSchemaVersion: N}", "{oldSchema: '...'}", and finally
//   "{validateFields: 'false', compatibility: 'BACKWARD'}".
// Known divergences from Java's SchemaCompatibility (AVRO-NOTES.md section 2):
// - avsc stops at the first problem: at most one incompatibility per direction (Java lists all).
// - avsc rejects a union default that matches a later branch (at parse time: 42201 here).
// - createResolver runs with ignoreNamespaces (Java matches named types by unqualified name), which
//   also strips namespaces from aliases.
// - locations: avsc names no path; the fake finds one only for named types and record fields and
//   leaves the "(path '...')" out of the description otherwise.
import type * as avro from 'avsc';
import { namedDefinition, pointerOfNamed } from './fakeSchemas';

export type FakeLevel =
  | 'NONE'
  | 'BACKWARD'
  | 'BACKWARD_TRANSITIVE'
  | 'FORWARD'
  | 'FORWARD_TRANSITIVE'
  | 'FULL'
  | 'FULL_TRANSITIVE';

export const LEVELS: readonly FakeLevel[] = ['NONE', 'BACKWARD', 'BACKWARD_TRANSITIVE', 'FORWARD', 'FORWARD_TRANSITIVE', 'FULL', 'FULL_TRANSITIVE'];

/** One side of a check: the avsc type, its JSON (for locations) and, for registered versions, its number and stored text. */
export interface CheckedSchema {
  type: avro.Type;
  json: unknown;
  version?: number;
  text?: string;
}

/** Java's messages for `candidate` against `previous` (ascending by version) at `level`; [] when compatible. */
export function compatibilityMessages(level: FakeLevel, candidate: CheckedSchema, previous: CheckedSchema[]): string[] {
  if (level === 'NONE' || previous.length === 0) return [];
  const transitive = level.endsWith('_TRANSITIVE');
  const base = level.replace('_TRANSITIVE', '') as 'BACKWARD' | 'FORWARD' | 'FULL';
  const newestFirst = [...previous].reverse();
  const against = transitive ? newestFirst : newestFirst.slice(0, 1);
  for (const old of against) {
    const messages = strategy(base, candidate, old);
    if (messages.length > 0) {
      messages.push(`{validateFields: 'false', compatibility: '${level}'}`);
      return messages;
    }
  }
  return [];
}

function strategy(base: 'BACKWARD' | 'FORWARD' | 'FULL', candidate: CheckedSchema, old: CheckedSchema): string[] {
  if (base === 'BACKWARD') return withOldSchema(differences(candidate, old, 'new', 'old'), old, true);
  if (base === 'FORWARD') return withOldSchema(differences(old, candidate, 'old', 'new'), old, true);
  return [...withOldSchema(differences(old, candidate, 'old', 'new'), old, false), ...withOldSchema(differences(candidate, old, 'new', 'old'), old, true)];
}

function withOldSchema(messages: string[], old: CheckedSchema, append: boolean): string[] {
  if (messages.length === 0 || !append) return messages;
  if (old.version !== undefined) messages.push(`{oldSchemaVersion: ${old.version}}`);
  const text = old.text ?? JSON.stringify(old.json);
  const max = 10 * 1024;
  messages.push(text.length <= max ? `{oldSchema: '${text}'}` : `{oldSchema: <truncated> '${text.slice(0, max)}...'}`);
  return messages;
}

/** Can `reader` read data written with `writer`? One Java-style Difference string per problem avsc reports (at most one). */
export function differences(reader: CheckedSchema, writer: CheckedSchema, readerName: string, writerName: string): string[] {
  try {
    reader.type.createResolver(writer.type, { ignoreNamespaces: true });
    return [];
  } catch (e) {
    return [describe((e as Error).message, reader, writer, readerName, writerName)];
  }
}

function difference(errorType: string, description: string, additionalInfo: string): string {
  return `{errorType:'${errorType}', description:'${description}', additionalInfo:'${additionalInfo}'}`;
}

function describe(avscMessage: string, reader: CheckedSchema, writer: CheckedSchema, r: string, w: string): string {
  let m = /^no matching field for default-less (.+)\.([^.]+)$/.exec(avscMessage);
  if (m) {
    const [, record, field] = m;
    const def = namedDefinition(reader.json, record) ?? (typeof reader.json === 'object' ? (reader.json as Record<string, unknown>) : undefined);
    const at = pointerOfNamed(reader.json, record) ?? '';
    const index = Array.isArray(def?.fields) ? (def!.fields as Array<{ name?: unknown }>).findIndex(f => f?.name === field) : -1;
    const path = index >= 0 ? `${at}/fields/${index}` : undefined;
    return difference(
      'READER_FIELD_MISSING_DEFAULT_VALUE',
      `The field '${field}'${path ? ` at path '${path}'` : ''} in the ${r} schema has no default value and is missing in the ${w} schema`,
      field,
    );
  }
  m = /^no alias found for (.+)$/.exec(avscMessage);
  if (m) {
    // avsc names the writer's type; the reader's type sits at the same place in the reader schema.
    const name = m[1];
    const at = pointerOfNamed(writer.json, name);
    return difference('NAME_MISMATCH', `The name of the schema has changed${at !== undefined ? ` (path '${at}/name')` : ''}`, `expected: ${name}`);
  }
  m = /^cannot read (.+) as (.+)$/.exec(avscMessage);
  if (m) {
    const writerSide = parseLoose(m[1]);
    const readerSide = parseLoose(m[2]);
    if (typeof readerSide === 'string' && typeof writerSide === 'string') {
      const rDef = namedDefinition(reader.json, readerSide);
      const wDef = namedDefinition(writer.json, writerSide);
      const at = pointerOfNamed(reader.json, readerSide);
      if (rDef?.type === 'enum' && wDef?.type === 'enum') {
        const readerSymbols = new Set(Array.isArray(rDef.symbols) ? (rDef.symbols as string[]) : []);
        const missing = (Array.isArray(wDef.symbols) ? (wDef.symbols as string[]) : []).filter(s => !readerSymbols.has(s));
        return difference(
          'MISSING_ENUM_SYMBOLS',
          `The ${r} schema is missing enum symbols '[${missing.join(', ')}]'${at !== undefined ? ` at path '${at}/symbols'` : ''} in the ${w} schema`,
          `[${missing.join(', ')}]`,
        );
      }
      if (rDef?.type === 'fixed' && wDef?.type === 'fixed') {
        return difference(
          'FIXED_SIZE_MISMATCH',
          `The size of FIXED type field${at !== undefined ? ` at path '${at}/size'` : ''} in the ${r} schema does not match with the ${w} schema`,
          `expected: ${String(wDef.size)}, found: ${String(rDef.size)}`,
        );
      }
    }
    if (Array.isArray(readerSide)) {
      return difference('MISSING_UNION_BRANCH', `The ${r} schema is missing a type inside a union field in the ${w} schema`, `reader union lacking writer type: ${kind(writerSide)}`);
    }
    return difference(
      'TYPE_MISMATCH',
      `The type of a field in the ${r} schema does not match with the ${w} schema`,
      `reader type: ${kind(readerSide)} not compatible with writer type: ${kind(writerSide)}`,
    );
  }
  return difference('TYPE_MISMATCH', `The ${r} schema cannot read data written with the ${w} schema`, avscMessage);
}

function parseLoose(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function kind(side: unknown): string {
  if (Array.isArray(side)) return 'UNION';
  if (typeof side === 'string') return /^(null|boolean|int|long|float|double|bytes|string)$/.test(side) ? side.toUpperCase() : side;
  if (side && typeof side === 'object' && typeof (side as { type?: unknown }).type === 'string') return String((side as { type: string }).type).toUpperCase();
  return String(side);
}
