// References: every use of a named type resolves (in this file or the workspace), and before its definition with 1.11.
//
// Java 1.11's parser needs a name defined before it is used ("Undefined name"); Java 1.12's
// ParseContext returns an unresolved placeholder and resolves it once the whole file is read, so
// forward references are fine there. `{"type": "Money"}` (a name in object form) resolves like
// "Money" here; that it is not portable is the namedTypeObjects rule's (AVRO-223).
import { Codes } from '../../codes';
import { PRIMITIVE_TYPES, type ReferenceSchema } from '../../model/types';
import type { TypeDefinition } from '../../model/summary';
import { didYouMean, suggest } from '../../util/suggest';
import { stringContent } from '../../util/spans';
import { logicalTypeSpec } from '../../util/logicalTypeSpecs';
import type { RuleContext } from '../validate';
import { relativePathBetween } from '../../util/uris';

/** `data` of AVRO-303 and AVRO-203: spellings that would resolve, best first (replacement text for the name). */
export interface UnknownTypeData {
  name: string;
  suggestions: string[];
}

/** `data` of AVRO-304: where the used type is defined (a fix can move that definition up). */
export interface ForwardReferenceData {
  fullname: string;
  definition: { offset: number; length: number };
}

/** `data` of AVRO-311: the fullname and the equally near, different definitions (URIs), the one chosen first. */
export interface AmbiguousReferenceData {
  fullname: string;
  candidates: string[];
}

/** Type names from other schema languages, and what Avro calls them. */
const FOREIGN_TYPE_NAMES: Readonly<Record<string, string>> = {
  integer: 'int', int32: 'int', short: 'int', int64: 'long', bigint: 'long', bool: 'boolean',
  str: 'string', text: 'string', varchar: 'string', char: 'string', number: 'double', float64: 'double',
  float32: 'float', binary: 'bytes', byte: 'bytes', object: 'record', struct: 'record', list: 'array',
  dict: 'map', dictionary: 'map',
};

/** The values of "type" that introduce a schema object rather than name a type. */
const TYPE_KEYWORDS = ['record', 'enum', 'array', 'map', 'fixed', 'error'] as const;

export function checkReferences(ctx: RuleContext): void {
  const { doc, index } = ctx;
  const is111 = ctx.settings.specVersion === '1.11';
  const suggestions = new Map<string, string[]>();
  let catalog: NameCatalog | undefined; // built on the first unknown name only
  for (const ref of doc.references) {
    // The target's names and spans are all the messages need: no model of another file is built.
    const resolution = index.resolveDefinition(ref, doc);
    if (resolution) {
      if (resolution.forward && is111 && !resolvesBefore(ctx, ref)) reportForward(ctx, ref, resolution.target);
      if (resolution.ambiguous) reportAmbiguous(ctx, ref, resolution.ambiguous);
      if (resolution.nullNamespaceFallback) reportNullNamespaceFallback(ctx, ref, resolution.target);
      continue;
    }
    const key = ref.enclosingNamespace + '\u0000' + ref.name + '\u0000' + ref.node.kind;
    let found = suggestions.get(key);
    if (!found) {
      catalog ??= new NameCatalog(ctx);
      suggestions.set(key, (found = catalog.suggestionsFor(ref)));
    }
    reportUnknown(ctx, ref, found);
  }
}

/**
 * What Java 1.11 sees at the reference: a candidate defined earlier in this file, or in another
 * file (parsed before, or a registry reference), resolves even if a later definition matches first.
 */
function resolvesBefore(ctx: RuleContext, ref: ReferenceSchema): boolean {
  for (const candidate of ref.candidates) {
    const local = ctx.doc.definitions.get(candidate);
    if (local && local.node.offset < ref.nameNode.offset) return true;
    if (ctx.index.visibleElsewhere(candidate, ctx.doc)) return true;
  }
  return false;
}

function reportAmbiguous(ctx: RuleContext, ref: ReferenceSchema, candidates: readonly TypeDefinition[]): void {
  const fullname = candidates[0].fullname;
  const paths = candidates.map(c => relativePathBetween(ctx.doc.uri, c.uri));
  const data: AmbiguousReferenceData = { fullname, candidates: candidates.map(c => c.uri) };
  ctx.report({
    code: Codes.AmbiguousReference,
    ...stringContent(ref.nameNode, ctx.doc.text),
    message: `"${ref.name}"${ref.name === fullname ? '' : ` (${fullname})`} has equally near definitions that differ: ${paths.slice(0, -1).join(', ')} and ${paths[paths.length - 1]}. A build compiles whichever it parses first; this file is checked against ${paths[0]}. Declare this file's compilation unit in avro-studio.json ("units"), or make the definitions identical.`,
    related: candidates.map(c => {
      const at = c.nameNode ?? c.node;
      return { uri: c.uri, offset: at.offset, length: at.length, message: `a definition of "${fullname}"` };
    }),
    data,
  });
}

function reportNullNamespaceFallback(ctx: RuleContext, ref: ReferenceSchema, target: TypeDefinition): void {
  const at = target.nameNode ?? target.node;
  ctx.report({
    code: Codes.NullNamespaceFallback,
    ...stringContent(ref.nameNode, ctx.doc.text),
    message: `"${ref.name}" is looked up as "${ref.candidates[0]}" here (the enclosing namespace is "${ref.enclosingNamespace}"); only Java falls back to "${target.fullname}" of the null namespace. avsc, Python and the other implementations that do not fall back fail with an unknown type. Give "${target.fullname}" a namespace and write its fullname, or move this type to the null namespace.`,
    related: [{ uri: target.uri, offset: at.offset, length: at.length, message: `"${target.fullname}" is defined in the null namespace here` }],
  });
}

function reportForward(ctx: RuleContext, ref: ReferenceSchema, target: TypeDefinition): void {
  const definition = target.nameNode ?? target.node;
  const data: ForwardReferenceData = { fullname: target.fullname, definition: { offset: target.node.offset, length: target.node.length } };
  ctx.report({
    code: Codes.ForwardReference,
    ...stringContent(ref.nameNode, ctx.doc.text),
    message: `"${ref.name}" is used before its definition: Avro 1.11's parser (Java "Undefined name", also avsc) reads the file top-down and rejects it. Move the definition of "${target.fullname}" above its first use, or target Avro 1.12, which resolves forward references.`,
    related: [{ uri: target.uri, offset: definition.offset, length: definition.length, message: `"${target.fullname}" is defined here` }],
    data,
  });
}

function reportUnknown(ctx: RuleContext, ref: ReferenceSchema, suggestions: string[]): void {
  const span = stringContent(ref.nameNode, ctx.doc.text);
  const data: UnknownTypeData = { name: ref.name, suggestions };
  const hint = didYouMean(suggestions);
  const spec = logicalTypeSpec(ref.name);
  if (spec) {
    const base = spec.expected[0].replace(/\(.*$/, '');
    const example = base === 'fixed'
      ? `{"type": "fixed", "name": "Duration", "size": 12, "logicalType": "${ref.name}"}`
      : `{"type": "${base}", "logicalType": "${ref.name}"${ref.name === 'decimal' ? ', "precision": 10, "scale": 2' : ''}}`;
    ctx.report({
      code: ref.node.kind === 'object' ? Codes.UnknownTypeKeyword : Codes.UnknownType,
      ...span,
      message: `"${ref.name}" is a logical type, not a type: it annotates ${spec.expected.map(e => `"${e}"`).join(' or ')}. Write ${example}${ref.node.kind === 'object' ? '' : ' as the type'}.`,
      data,
    });
    return;
  }
  if (ref.node.kind === 'object') {
    // {"type": "recrod"}: the value of "type" in a schema object.
    ctx.report({
      code: Codes.UnknownTypeKeyword,
      ...span,
      message: hint
        ? `Unknown type "${ref.name}": ${hint}`
        : `Unknown type "${ref.name}": the "type" of a schema object is record, enum, array, map, fixed or a primitive type (string, int, long, ...). A defined record, enum or fixed is referenced by its name as a string ("type": "Money"), not in an object.`,
      data,
    });
    return;
  }
  if ((TYPE_KEYWORDS as readonly string[]).includes(ref.name)) {
    const example = ref.name === 'enum' ? '{"type": "enum", "name": "Status", "symbols": ["ACTIVE", "CLOSED"]}'
      : ref.name === 'array' ? '{"type": "array", "items": "string"}'
      : ref.name === 'map' ? '{"type": "map", "values": "string"}'
      : ref.name === 'fixed' ? '{"type": "fixed", "name": "Sha256", "size": 32}'
      : `{"type": "${ref.name}", "name": "Address", "fields": [...]}`;
    ctx.report({
      code: Codes.UnknownType,
      ...span,
      message: `"${ref.name}" alone is not a type: ${ref.name === 'array' || ref.name === 'enum' || ref.name === 'error' ? 'an' : 'a'} ${ref.name} is written as an object, e.g. "type": ${example}.`,
      data,
    });
    return;
  }
  const units = ctx.index.unitsOf(ctx.doc.uri);
  const hidden = units.length ? ref.candidates.flatMap(c => ctx.index.definitionsOf(c)).find(s => s.uri !== ctx.doc.uri) : undefined;
  if (hidden) {
    const at = hidden.nameNode ?? hidden.node;
    ctx.report({
      code: Codes.UnknownType,
      ...span,
      message: `Unknown type "${ref.name}" in the compilation unit ${units.map(u => u.label).join(', ')} of avro-studio.json: "${hidden.fullname}" is defined in ${relativePathBetween(ctx.doc.uri, hidden.uri)}, which is not compiled with this file. Add that file to the unit's "imports" (or its "files").`,
      related: [{ uri: hidden.uri, offset: at.offset, length: at.length, message: `"${hidden.fullname}" is defined here, outside the unit` }],
      data,
    });
    return;
  }
  const looked = ref.candidates.length > 1 ? ` (looked up as "${ref.candidates.join('" and "')}")` : '';
  // The right simple name in another namespace: say where it was looked for.
  const elsewhere = ref.name.indexOf('.') < 0 && suggestions.length > 0 && suggestions.every(s => s.endsWith('.' + ref.name));
  ctx.report({
    code: Codes.UnknownType,
    ...span,
    message: elsewhere
      ? `Unknown type "${ref.name}": there is no "${ref.name}" in the namespace "${ref.enclosingNamespace}" or the null namespace; ${hint}`
      : hint
      ? `Unknown type "${ref.name}": ${hint}`
      : `Unknown type "${ref.name}"${looked}: no record, enum or fixed with this name is defined in this file or in the workspace. Define it, fix the name, or use a primitive type.`,
    data,
  });
}

/**
 * Every name a reference could mean (workspace fullnames, primitives, keywords), indexed for
 * suggestions. Exact and case-insensitive matches are map lookups (a namespace typo, "money" for
 * "Money"); the fuzzy scan is bounded by a budget of comparisons per validation, so a document
 * with thousands of unknown names (a renamed namespace, a half-typed file) stays fast.
 */
class NameCatalog {
  private readonly fullnames: Set<string>;
  /** lower-case simple name -> fullnames */
  private readonly bySimple = new Map<string, string[]>();
  /** lower-case fullname -> fullnames */
  private readonly byFull = new Map<string, string[]>();
  private budget = 100_000;

  constructor(ctx: RuleContext) {
    this.fullnames = new Set<string>(ctx.index.fullnames());
    for (const f of ctx.doc.definitions.keys()) this.fullnames.add(f);
    for (const f of this.fullnames) {
      push(this.byFull, f.toLowerCase(), f);
      push(this.bySimple, f.slice(f.lastIndexOf('.') + 1).toLowerCase(), f);
    }
  }

  suggestionsFor(ref: ReferenceSchema): string[] {
    const written = ref.name;
    const lower = written.toLowerCase();
    const dotted = written.indexOf('.') >= 0;
    const builtins: string[] = ref.node.kind === 'object' ? [...PRIMITIVE_TYPES, ...TYPE_KEYWORDS] : [...PRIMITIVE_TYPES];
    const out: string[] = [];
    const add = (spelling: string): void => {
      if (spelling !== written && !out.includes(spelling)) out.push(spelling);
    };
    const foreign = FOREIGN_TYPE_NAMES[lower];
    if (foreign && builtins.includes(foreign)) add(foreign);
    // Exact up to case, or the right simple name in another namespace: no need to guess further.
    const exact = [...(this.byFull.get(lower) ?? []), ...(this.bySimple.get(dotted ? lower.slice(lower.lastIndexOf('.') + 1) : lower) ?? [])];
    const simpleWritten = written.slice(written.lastIndexOf('.') + 1);
    const rank = (f: string): number => (f === written ? 0 : f === simpleWritten || f.endsWith('.' + simpleWritten) ? 1 : 2);
    exact.sort((a, b) => rank(a) - rank(b)); // exact case before case slips
    for (const f of exact) add(shortestSpelling(f, ref.enclosingNamespace, this.fullnames));
    for (const b of builtins) if (b === lower) add(b);
    if (out.length) return out.slice(0, 3);
    // Fuzzy: compare what was written with the same form of each candidate.
    const forms = new Map<string, string[]>();
    for (const b of builtins) forms.set(b, [b]);
    const source = dotted ? this.byFull : this.bySimple;
    if (this.budget < source.size) return out;
    this.budget -= source.size;
    for (const fullnames of source.values()) {
      const f = fullnames[0];
      const form = dotted ? f : f.slice(f.lastIndexOf('.') + 1);
      const list = forms.get(form) ?? [];
      for (const full of fullnames) list.push(shortestSpelling(full, ref.enclosingNamespace, this.fullnames));
      forms.set(form, list);
    }
    for (const s of suggest(written, forms.keys(), { limit: 5, withinBest: 1 })) for (const spelling of forms.get(s.value)!) add(spelling);
    return out.slice(0, 3);
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The shortest way to write `fullname` so that it resolves from `namespace` (Java's lookup order). */
export function shortestSpelling(fullname: string, namespace: string, defined: ReadonlySet<string>): string {
  const dot = fullname.lastIndexOf('.');
  const space = dot < 0 ? '' : fullname.slice(0, dot);
  const simple = fullname.slice(dot + 1);
  if (space === namespace) return simple;
  if (space === '' && !defined.has(namespace + '.' + simple)) return simple;
  return fullname;
}
