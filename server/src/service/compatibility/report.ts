// Raw findings of the walk -> Incompatibility: Java's pointers, spans in both documents, messages, fix data.
import { escapeControlCharacters } from '../util/escape';
import type { AvroSchema, Field, NamedSchema, RecordSchema, ReferenceSchema, Span } from '../model/types';
import type { JsonString } from '../parser/json';
import { defaultValueFor } from './defaults';
import {
  INCOMPATIBILITY_CODES,
  type AvroTypeName,
  type DocSpan,
  type Incompatibility,
  type IncompatibilityData,
  type SchemaSide,
} from './types';
import { avroTypeOf, javaAliases, javaFullname, promotes, schemaSpan, spanOf, type Found, type Raw, type Step } from './walk';

export interface ReportContext {
  reader: SchemaSide;
  writer: SchemaSide;
  readerName: string;
  writerName: string;
  fixSide: 'reader' | 'writer' | 'both';
}

/** Describe every finding; a finding reached again through another path (a named type used twice) is reported once. */
export function buildReport(found: readonly Found[], ctx: ReportContext): Incompatibility[] {
  const root = rootStep(ctx);
  const out: Incompatibility[] = [];
  const byKey = new Map<string, Incompatibility>();
  for (const f of found) {
    const inc = describe(f, ctx, root, 0);
    const key = `${inc.type}\u0000${inc.data.kind}\u0000${spanKey(inc.readerSpan)}\u0000${spanKey(inc.writerSpan)}`;
    const first = byKey.get(key);
    if (first) {
      if (first.location !== inc.location && !first.alsoAt.includes(inc.location)) first.alsoAt.push(inc.location);
      continue;
    }
    byKey.set(key, inc);
    out.push(inc);
  }
  return out;
}

function rootStep(ctx: ReportContext): Step {
  return {
    tokens: '', writerBranch: false, readerField: undefined, readerWritten: ctx.reader.schema, writerWritten: ctx.writer.schema,
    readerUri: ctx.reader.doc.uri, writerUri: ctx.writer.doc.uri,
  };
}

function spanKey(s: DocSpan): string {
  return `${s.uri}#${s.offset}:${s.length}`;
}

function describe(found: Found, ctx: ReportContext, root: Step, depth: number): Incompatibility {
  const raw = found.raw;
  const steps: Step[] = [root];
  for (let c = found.path; c; c = c.next) steps.push(c.step);

  // Java's pointer; 1.11 (and python3-avro) restarted it inside a writer union read by a non-union reader.
  const parts: string[] = [];
  let legacyFrom = 0;
  for (const s of steps) {
    if (s.writerBranch) {
      parts.push(s.tokens);
      legacyFrom = parts.length;
    } else if (s.tokens) {
      parts.push(s.tokens);
    }
  }
  if (raw.tail) parts.push(raw.tail);
  const location = '/' + parts.join('/');
  const legacyLocation = '/' + parts.slice(legacyFrom).join('/');

  // A finding about the pair itself is best shown where the pair was written: at the reference, if one was used.
  let readerStep = root;
  for (const s of steps) if (s.readerWritten) readerStep = s;
  const writerStep = steps[steps.length - 1];
  let readerSpan = raw.readerSpan;
  let writerSpan = raw.writerSpan;
  if (raw.readerAtPair && readerStep.readerWritten?.kind === 'reference') readerSpan = { uri: readerStep.readerUri, ...spanOf(readerStep.readerWritten.nameNode) };
  if (raw.writerAtPair && writerStep.writerWritten.kind === 'reference') writerSpan = { uri: writerStep.writerUri, ...spanOf(writerStep.writerWritten.nameNode) };

  const { message, data } = explain(raw, steps, ctx, depth);
  return {
    type: raw.type,
    code: INCOMPATIBILITY_CODES[raw.type],
    location,
    legacyLocation,
    alsoAt: [],
    // Names and symbols from both schemas are quoted: no control or bidi character stays raw.
    message: escapeControlCharacters(message),
    javaMessage: escapeControlCharacters(raw.javaMessage),
    readerSpan,
    writerSpan,
    readerAnchor: anchor(steps, 'reader', ctx.reader, readerSpan),
    writerAnchor: anchor(steps, 'writer', ctx.writer, writerSpan),
    data,
  };
}

/** The span itself when it is in the side's document, else the last reference in that document on the way to it. */
function anchor(steps: Step[], side: 'reader' | 'writer', sideOf: SchemaSide, span: DocSpan): Span {
  const uri = sideOf.doc.uri;
  if (span.uri === uri) return { offset: span.offset, length: span.length };
  let last: Span | undefined;
  for (const s of steps) {
    const written = side === 'reader' ? s.readerWritten : s.writerWritten;
    const at = side === 'reader' ? s.readerUri : s.writerUri;
    if (written?.kind === 'reference' && at === uri) last = spanOf(written.nameNode);
  }
  return last ?? schemaSpan(sideOf.schema);
}

/** Where in the reader a finding is, in words: 'field "tags" (array items)'. */
function whereInReader(steps: Step[], depth: number): { text: string; fieldName: string | undefined } {
  const after: string[] = [];
  let i = steps.length - 1;
  for (; i >= 0; i--) {
    const s = steps[i];
    if (s.readerField) break;
    if (s.writerBranch) after.unshift(`writer union branch ${s.tokens}`);
    else if (s.tokens === 'items') after.unshift('array items');
    else if (s.tokens === 'values') after.unshift('map values');
  }
  const field = i >= 0 ? steps[i].readerField : undefined;
  // Inside the explanation of a union branch, the place is relative to that branch.
  const head = field ? `Field "${field.name}"` : depth > 0 ? 'In it' : 'The schema';
  return { text: after.length ? `${head} (${after.join(', ')})` : head, fieldName: field?.name };
}

/** A short description of a schema for messages: `int`, `long (timestamp-millis)`, `record "com.acme.Order"`. */
export function describeSchema(s: AvroSchema): string {
  switch (s.kind) {
    case 'primitive': return s.logicalType ? `${s.type} (${s.logicalType.name})` : s.type;
    case 'record': case 'enum': case 'fixed': return `${s.kind} "${javaFullname(s)}"`;
    case 'reference': return `"${s.name}"`;
    case 'union': return `union [${s.branches.slice(0, 6).map(describeBranch).join(', ')}${s.branches.length > 6 ? ', ...' : ''}]`;
    case 'array': case 'map': return s.kind;
    default: return 'an invalid schema';
  }
}

function describeBranch(s: AvroSchema): string {
  switch (s.kind) {
    case 'primitive': return s.type;
    case 'record': case 'enum': case 'fixed': return javaFullname(s);
    case 'reference': return s.name;
    default: return s.kind;
  }
}

/** Reader types that can read a writer type (Java's promotions). */
export function readableBy(writer: AvroTypeName): AvroTypeName[] {
  switch (writer) {
    case 'int': return ['int', 'long', 'float', 'double'];
    case 'long': return ['long', 'float', 'double'];
    case 'float': return ['float', 'double'];
    case 'string': return ['string', 'bytes'];
    case 'bytes': return ['bytes', 'string'];
    default: return [writer];
  }
}

function orList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

function quoteList(items: string[]): string {
  const q = items.map(s => `"${s}"`);
  if (q.length <= 1) return q.join('');
  return `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function textOf(side: SchemaSide, uri: string, span: Span): string | undefined {
  return side.doc.uri === uri ? side.doc.text.slice(span.offset, span.offset + span.length) : undefined;
}

function closeOffset(node: { offset: number; length: number; closed: boolean } | undefined): number | undefined {
  return node && node.closed ? node.offset + node.length - 1 : undefined;
}

/** Reader types that can read a writer type (Java's promotions). */
function readerCanRead(reader: AvroTypeName): AvroTypeName[] {
  switch (reader) {
    case 'long': return ['int', 'long'];
    case 'float': return ['int', 'long', 'float'];
    case 'double': return ['int', 'long', 'float', 'double'];
    case 'string': return ['string', 'bytes'];
    case 'bytes': return ['bytes', 'string'];
    default: return [reader];
  }
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Join fix suggestions for the side(s) the user can change. */
function fixes(ctx: ReportContext, onReader: string | undefined, onWriter: string | undefined): string {
  const parts = ctx.fixSide === 'reader' ? [onReader] : ctx.fixSide === 'writer' ? [onWriter] : [onReader, onWriter];
  const text = parts.filter((p): p is string => !!p).join(', or ');
  return text ? `: ${text}.` : '.';
}

function explain(raw: Raw, steps: Step[], ctx: ReportContext, depth: number): { message: string; data: IncompatibilityData } {
  const R = ctx.readerName;
  const W = ctx.writerName;
  const d = raw.detail;
  switch (d.kind) {
    case 'type': {
      const where = whereInReader(steps, depth);
      const readerType = avroTypeOf(d.reader) ?? 'null';
      const writerType = avroTypeOf(d.writer) ?? 'null';
      const can = readableBy(writerType);
      // Named, array and map types read only their own kind: name them as written.
      const fix = fixes(ctx,
        `${R} needs ${d.writer.kind === 'primitive' ? orList(can) : describeSchema(d.writer)} here (or a union with such a branch)`,
        `${W} must write ${d.reader.kind === 'primitive' ? orList(readerCanRead(readerType)) : describeSchema(d.reader)} here`);
      return {
        message: `${where.text}: ${R}'s ${describeSchema(d.reader)} cannot read ${W}'s ${describeSchema(d.writer)}${fix}`,
        data: { kind: 'type-mismatch', readerType, writerType, fieldName: where.fieldName, readableBy: can },
      };
    }
    case 'name': {
      const rFull = javaFullname(d.reader);
      const wFull = javaFullname(d.writer);
      // Java qualifies a reader alias with the reader's namespace: a bare name works when the namespaces agree.
      const suggestedAlias = d.writer.namespace === d.reader.namespace ? d.writer.name : d.writer.namespace ? wFull : undefined;
      const aliasesProp = d.reader.node.properties.find(p => p.key.value === 'aliases');
      const fix = fixes(ctx,
        suggestedAlias ? `rename ${R}'s ${d.reader.kind} to "${d.writer.name}" or add "aliases": ["${suggestedAlias}"] to it` : `rename ${R}'s ${d.reader.kind} to "${d.writer.name}" (an alias cannot name a type without namespace from a type with one)`,
        `rename ${W}'s ${d.writer.kind} back to "${d.reader.name}"`);
      return {
        message: `${capitalize(R)}'s ${d.reader.kind} "${rFull}" does not match ${W}'s ${d.writer.kind} "${wFull}": the names differ and "${rFull}" has no alias "${wFull}"${fix}`,
        data: {
          kind: 'name-mismatch', namedKind: d.reader.kind, readerFullname: rFull, writerFullname: wFull, readerAliases: javaAliases(d.reader), suggestedAlias,
          readerAliasesArray: aliasesProp?.value?.kind === 'array' ? spanOf(aliasesProp.value) : undefined,
        },
      };
    }
    case 'size': {
      const fix = fixes(ctx, `make ${R}'s size ${d.writer.size}`, `make ${W}'s size ${d.reader.size}`);
      return {
        message: `${capitalize(R)}'s fixed "${javaFullname(d.reader)}" has size ${d.reader.size} but ${W}'s has size ${d.writer.size}: the sizes of a fixed must be equal${fix}`,
        data: { kind: 'fixed-size', fixedFullname: javaFullname(d.reader), readerSize: d.reader.size!, writerSize: d.writer.size! },
      };
    }
    case 'symbols': {
      const n = d.missing.length;
      const list = quoteList(d.missing.length > 8 ? [...d.missing.slice(0, 8), `... (${n - 8} more)`] : d.missing);
      const them = n === 1 ? 'it' : 'them';
      const fix = fixes(ctx, `add ${them} to ${R}'s "symbols" or give ${R}'s enum a "default"`, `remove ${them} from ${W}'s enum`);
      return {
        message: `${capitalize(W)}'s enum "${javaFullname(d.writer)}" has ${n === 1 ? 'symbol' : 'symbols'} ${list} that ${R}'s enum "${javaFullname(d.reader)}" lacks, and ${R}'s enum has no default${fix}`,
        data: {
          kind: 'missing-symbols', enumFullname: javaFullname(d.reader), missingSymbols: d.missing, missingSymbolSpans: d.missingSpans,
          symbolsInsertOffset: closeOffset(d.reader.symbolsNode), suggestedDefault: d.reader.symbols[0]?.name,
        },
      };
    }
    case 'missing-field': {
      const f = d.field;
      // The value the "Add default" quick fix inserts (a record field's own default copied when it is in this document).
      const suggested = defaultValueFor(f.type, { resolve: ctx.reader.resolve, textOf: uri => (uri === ctx.reader.doc.uri ? ctx.reader.doc.text : undefined) });
      const aliasNote = f.aliases.length ? ` (nor a field named by its ${f.aliases.length === 1 ? 'alias' : 'aliases'} ${quoteList(f.aliases.map(a => a.name))})` : '';
      const fieldType = f.type?.kind === 'reference' ? ctx.reader.resolve(f.type) : f.type;
      const enumNote = d.enumDefaultOnly && fieldType?.kind === 'enum'
        ? `; the default of its enum "${javaFullname(fieldType)}" does not count (it only stands in for unknown symbols)`
        : '';
      const fix = fixes(ctx,
        suggested !== undefined ? `add "default": ${suggested} to the field` : 'add a "default" to the field',
        `keep (or put back) the field "${f.name}" in ${W}`);
      const typeValue = f.typeProperty?.value;
      const defaultInsertOffset = typeValue ? typeValue.offset + typeValue.length : f.typeProperty ? f.typeProperty.offset + f.typeProperty.length : f.node.offset + 1;
      return {
        message: `Field "${f.name}" of ${R}'s record "${javaFullname(d.reader)}" has no default, and ${W}'s record "${javaFullname(d.writer)}" has no field "${f.name}"${aliasNote}${enumNote}${fix}`,
        data: {
          kind: 'missing-default', fieldName: f.name, field: spanOf(f.node), recordFullname: javaFullname(d.reader), defaultInsertOffset, suggestedDefault: suggested,
          enumDefaultOnly: d.enumDefaultOnly, writerRecordFullname: javaFullname(d.writer), restoreOffset: d.restoreOffset,
          restoreText: textOf(ctx.reader, d.reader.uri, f.node),
          unreadWriterFields: unreadWriterFields(f, d.writer, ctx),
        },
      };
    }
    case 'branch': {
      const where = whereInReader(steps, depth);
      const writerType = avroTypeOf(d.writer) ?? 'null';
      const branchText = branchTextFor(d.writer, raw.writerSpan.uri, ctx);
      let problems: string[] = [];
      let closestNote = '';
      let sameType = false;
      if (d.closest && depth < 3) {
        const branch = d.reader.branches[d.closest.index];
        sameType = d.closest.sameType;
        const sub: Step = {
          tokens: '', writerBranch: false, readerField: undefined, readerWritten: branch, writerWritten: d.writer,
          readerUri: raw.readerSpan.uri, writerUri: raw.writerSpan.uri,
        };
        problems = d.closest.findings.slice(0, 3).map(f => describe(f, ctx, sub, depth + 1).message);
        if (d.closest.findings.length > 3) problems.push(`(and ${d.closest.findings.length - 3} more)`);
        closestNote = sameType
          ? ` Its branch ${d.closest.index} (${describeBranch(branch)}) is the one to fix: ${problems.join(' ')}`
          : ` Its branch ${d.closest.index} (${describeBranch(branch)}) comes closest, but: ${problems.join(' ')}`;
      }
      const what = d.writerBranchIndex !== undefined
        ? `${W}'s union branch ${d.writerBranchIndex} (${describeSchema(d.writer)}) cannot be read by ${R}'s ${describeSchema(d.reader)}`
        : `${R}'s ${describeSchema(d.reader)} has no branch that can read ${W}'s ${describeSchema(d.writer)}`;
      // With a branch of the same type the fix is inside it (the note says what); otherwise add or remove a branch.
      const fix = sameType ? '.' : fixes(ctx,
        `add ${branchText.length > 60 ? `the ${writerType}` : branchText} to ${R}'s union`,
        d.writerBranchIndex !== undefined ? `remove branch ${d.writerBranchIndex} from ${W}'s union` : `make ${W} write a type that a branch of ${R}'s union reads`);
      return {
        message: `${where.text}: ${what}${fix}${closestNote}`,
        data: {
          kind: 'missing-branch', writerType, writerBranchIndex: d.writerBranchIndex, branchText, unionInsertOffset: closeOffset(d.reader.node),
          closestBranch: d.closest ? { index: d.closest.index, sameType, problems } : undefined,
        },
      };
    }
    case 'ambiguous': {
      const matches = d.matches.map(m => ({
        writerField: m.field.name, via: m.alias === undefined ? 'name' as const : 'alias' as const, alias: m.alias, span: spanOf(m.field.nameNode ?? m.field.node),
      }));
      const list = matches.map(m => (m.via === 'name' ? `"${m.writerField}" (by name)` : `"${m.writerField}" (by alias "${m.alias}")`));
      const fix = fixes(ctx, `remove from the field the aliases that name another field of ${W}`, `rename the fields of ${W} so that only one matches`);
      return {
        message: `Field "${d.field.name}" of ${R}'s record "${javaFullname(d.reader)}" matches several fields of ${W}'s record "${javaFullname(d.writer)}": ${list.join(' and ')}. Java's schema resolution fails on this and Schema Registry reports the schemas as incompatible${fix}`,
        data: { kind: 'ambiguous-field', fieldName: d.field.name, matches },
      };
    }
  }
}

/**
 * Writer fields no reader field reads by name or alias and whose type the field could plausibly read
 * (same kind, a promotion, or a union on either side), the one at the field's position first:
 * candidates for the old name of a renamed field.
 */
function unreadWriterFields(field: Field, writer: RecordSchema, ctx: ReportContext, max = 5): string[] {
  const read = new Set<string>();
  for (const rf of field.record.fields) {
    read.add(rf.name);
    for (const a of rf.aliases) read.add(a.name);
  }
  const kindOf = (s: AvroSchema | undefined, side: SchemaSide): AvroTypeName | undefined => {
    const t = s?.kind === 'reference' ? side.resolve(s) : s;
    return t ? avroTypeOf(t) : undefined;
  };
  const rt = kindOf(field.type, ctx.reader);
  const unread = writer.fields.filter(wf => {
    if (read.has(wf.name)) return false;
    const wt = kindOf(wf.type, ctx.writer);
    return !rt || !wt || rt === wt || rt === 'union' || wt === 'union' || promotes(wt, rt);
  });
  const at = unread.findIndex(wf => wf.index === field.index);
  if (at > 0) unread.unshift(...unread.splice(at, 1));
  return unread.slice(0, max).map(wf => wf.name);
}

/** What to add to a reader union to read a writer type: its name if the reader knows it, else its definition. */
function branchTextFor(w: AvroSchema, writerUri: string, ctx: ReportContext): string {
  switch (w.kind) {
    case 'primitive': return JSON.stringify(w.type);
    case 'record': case 'enum': case 'fixed': {
      const full = javaFullname(w);
      if (readerKnows(ctx.reader, w)) return JSON.stringify(full);
      return textOf(ctx.writer, w.uri, w.node) ?? JSON.stringify(full);
    }
    default:
      return textOf(ctx.writer, writerUri, w.node) ?? JSON.stringify(w.kind);
  }
}

function readerKnows(reader: SchemaSide, w: NamedSchema): boolean {
  const full = javaFullname(w);
  if (reader.doc.definitions.has(full)) return true;
  // Would the name, written in the reader, resolve (to a definition in another workspace file)?
  const nameNode: JsonString = { kind: 'string', offset: -1, length: 0, value: full };
  const probe: ReferenceSchema = { kind: 'reference', node: nameNode, depth: 0, nameNode, name: full, candidates: [full], enclosingNamespace: '', uri: reader.doc.uri };
  return reader.resolve(probe) !== undefined;
}
