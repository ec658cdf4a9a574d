// Names: type and field names, namespaces, aliases and enum symbols follow Avro's name rules.
//
// Names match [A-Za-z_][A-Za-z0-9_]*. Java's parser also accepts non-ASCII letters and digits
// (Character.isLetter), which the specification, avsc, Python and the C/C++/Rust implementations
// reject: those are reported with the same code as a warning, since a Java-only pipeline works.
// Java 1.11 does not check namespaces at all, 1.12 does; avsc does; both versions report AVRO-301.
import { Codes, type DiagnosticCode } from '../../codes';
import type { JsonString } from '../../parser/json';
import { isPrimitiveName, type Alias, type NamedSchema } from '../../model/types';
import { checkName, checkNamespace, describeChar, isPlainName, validNameFor, validNamespaceFor, type NameProblem } from '../../util/names';
import { stringContent, stringPart } from '../../util/spans';
import type { RuleContext } from '../validate';

/** `data` of AVRO-300, AVRO-307 and AVRO-310: what was named and a valid replacement. */
export interface InvalidNameData {
  /** 'record' | 'error' | 'enum' | 'fixed' | 'field' | 'alias' | 'symbol'. */
  kind: string;
  name: string;
  /** A valid spelling to propose, when one can be derived. */
  suggestion?: string;
}

/** `data` of AVRO-301: the namespace and a valid replacement for the whole string. */
export interface InvalidNamespaceData {
  namespace: string;
  suggestion: string;
}

/** `data` of AVRO-309: the namespace that has no effect and the one in effect. */
export interface NamespaceIgnoredData {
  ignored: string;
  effective: string;
}

export function checkNames(ctx: RuleContext): void {
  const { doc } = ctx;
  const types = doc.namedTypes;
  for (let i = 0; i < types.length; i++) checkNamedType(ctx, types[i]);
  const fields = doc.fields;
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i];
    const nameNode = field.nameNode;
    if (nameNode && !isPlainName(nameNode.value)) checkSimpleName(ctx, Codes.InvalidName, nameNode, 'field', 'field name');
    const aliases = field.aliases;
    for (let j = 0; j < aliases.length; j++) checkFieldAlias(ctx, aliases[j]);
  }
}

function kindOf(type: NamedSchema): string {
  return type.kind === 'record' && type.isError ? 'error' : type.kind;
}

function checkNamedType(ctx: RuleContext, type: NamedSchema): void {
  const text = ctx.doc.text;
  const kind = kindOf(type);
  const nameNode = type.nameNode;
  if (nameNode) {
    const written = nameNode.value;
    const dot = written.lastIndexOf('.');
    if (dot < 0) {
      checkTypeName(ctx, type, nameNode, written, 0, kind);
    } else {
      // A dotted name is the fullname: its namespace part follows the namespace rules.
      const namespacePart = written.slice(0, dot);
      reportNamespace(ctx, nameNode, namespacePart, 0, `The namespace part "${namespacePart}" of the ${kind} name "${written}"`);
      checkTypeName(ctx, type, nameNode, written.slice(dot + 1), dot + 1, kind);
      if (type.namespaceNode) {
        const ignored = type.namespaceNode.value;
        const span = stringContent(type.namespaceNode, text);
        const data: NamespaceIgnoredData = { ignored, effective: namespacePart };
        ctx.report({
          code: Codes.NamespaceIgnored,
          ...span,
          message: ignored === namespacePart
            ? `"namespace" has no effect: the name "${written}" already contains the namespace. Remove "namespace" (or write the simple name "${written.slice(dot + 1)}").`
            : `"namespace": "${ignored}" is ignored: the name "${written}" contains dots, so it is the fullname and the namespace is "${namespacePart}". Remove "namespace", or write the simple name "${written.slice(dot + 1)}" to use "${ignored}".`,
          tags: ['unnecessary'],
          data,
        });
      }
    }
  }
  if (type.namespaceNode && !(nameNode && nameNode.value.indexOf('.') >= 0)) {
    reportNamespace(ctx, type.namespaceNode, type.namespaceNode.value, 0, `The namespace "${type.namespaceNode.value}"`);
  }
  for (const alias of type.aliases) checkTypeAlias(ctx, alias, kind);
  if (type.kind === 'enum') {
    const symbols = type.symbols;
    for (let i = 0; i < symbols.length; i++) {
      if (!isPlainName(symbols[i].name)) checkSimpleName(ctx, Codes.InvalidSymbol, symbols[i].node, 'symbol', 'enum symbol');
    }
  }
}

/** The simple name of a named type: a valid name that is not a primitive type name. */
function checkTypeName(ctx: RuleContext, type: NamedSchema, node: JsonString, name: string, start: number, kind: string): void {
  const text = ctx.doc.text;
  const a = kind === 'enum' || kind === 'error' ? 'an' : 'a';
  if (isPrimitiveName(name)) {
    const span = stringPart(node, text, start, start + name.length);
    const suggestion = name[0].toUpperCase() + name.slice(1) + 'Value';
    const data: InvalidNameData = { kind, name, suggestion };
    ctx.report({
      code: Codes.PrimitiveAsName,
      ...span,
      message: type.namespace === ''
        ? `"${name}" is a primitive type and cannot name ${a} ${kind} (Java: "Schemas may not be named after primitives"). Rename the ${kind}, e.g. "${suggestion}".`
        : `"${name}" is a primitive type and cannot name ${a} ${kind}, even in a namespace: Java accepts "${type.fullname}", but the specification and avsc do not, and a bare "${name}" always means the primitive. Rename the ${kind}, e.g. "${suggestion}".`,
      data,
    });
    return;
  }
  const problem = checkName(name);
  if (!problem) return;
  if (problem.kind === 'empty') {
    const span = start === 0 ? { offset: node.offset, length: node.length } : stringPart(node, text, start - 1, start);
    const data: InvalidNameData = { kind, name: node.value };
    ctx.report({
      code: Codes.InvalidName,
      ...span,
      message: start === 0
        ? `The ${kind} name is empty: give the ${kind} a name such as "${kind === 'enum' ? 'OrderStatus' : kind === 'fixed' ? 'Sha256' : 'OrderPlaced'}" (letters, digits and _, not starting with a digit).`
        : `The ${kind} name "${node.value}" ends with a dot: the part after the last dot is the name, and it is empty. Add the name after the dot.`,
      data,
    });
    return;
  }
  reportName(ctx, Codes.InvalidName, node, name, start, problem, kind, `${kind} name`);
}

function checkSimpleName(ctx: RuleContext, code: DiagnosticCode, node: JsonString, kind: string, what: string): void {
  const problem = checkName(node.value);
  if (!problem) return;
  if (problem.kind === 'empty') {
    const data: InvalidNameData = { kind, name: '' };
    ctx.report({ code, offset: node.offset, length: node.length, message: `The ${what} is empty: write a name (letters, digits and _, not starting with a digit).`, data });
    return;
  }
  reportName(ctx, code, node, node.value, 0, problem, kind, what);
}

function reportName(ctx: RuleContext, code: DiagnosticCode, node: JsonString, name: string, start: number, problem: Exclude<NameProblem, { kind: 'empty' }>, kind: string, what: string): void {
  const text = ctx.doc.text;
  const span = stringPart(node, text, start, start + name.length);
  const suggestion = validNameFor(name);
  const data: InvalidNameData = { kind, name, suggestion };
  const fix = suggestion ? ` Rename it, e.g. "${suggestion}".` : '';
  if (problem.kind === 'non-ascii') {
    ctx.report({
      code,
      ...span,
      severity: 'warning',
      message: `The ${what} "${name}" contains the non-ASCII character ${describeChar(problem.char)}: Java accepts it, but the Avro specification ([A-Za-z_][A-Za-z0-9_]*), avsc, Python and the other implementations reject it.${fix}`,
      data,
    });
    return;
  }
  const why = problem.index === 0 && problem.char >= '0' && problem.char <= '9'
    ? 'a name starts with a letter or _, not a digit'
    : `${describeChar(problem.char)} is not allowed; names use only letters A-Z, a-z, digits and _`;
  ctx.report({
    code,
    ...span,
    message: `Invalid ${what} "${name}": ${why}.${fix}`,
    data,
  });
}

function reportNamespace(ctx: RuleContext, node: JsonString, namespace: string, start: number, subject: string): void {
  const problem = checkNamespace(namespace);
  if (!problem) return;
  const text = ctx.doc.text;
  const suggestion = validNamespaceFor(namespace);
  const data: InvalidNamespaceData = { namespace, suggestion };
  const fix = suggestion && suggestion !== namespace ? ` Use e.g. "${suggestion}".` : '';
  const p = problem.problem;
  if (p.kind === 'empty') {
    // An empty part: a leading, trailing or doubled dot. Point at the dot(s) around it.
    const from = Math.max(0, problem.start - 1);
    const to = Math.min(namespace.length, problem.end + 1);
    const span = stringPart(node, text, start + from, start + to);
    ctx.report({
      code: Codes.InvalidNamespace,
      ...span,
      message: `${subject} has an empty part (a leading, trailing or doubled dot): a namespace is names separated by single dots.${fix}`,
      data,
    });
    return;
  }
  const span = stringPart(node, text, start + problem.start, start + problem.end);
  if (p.kind === 'non-ascii') {
    ctx.report({
      code: Codes.InvalidNamespace,
      ...span,
      severity: 'warning',
      message: `${subject} contains the non-ASCII character ${describeChar(p.char)} in "${problem.part}": Java accepts it, but the Avro specification, avsc, Python and the other implementations reject it.${fix}`,
      data,
    });
    return;
  }
  const why = p.index === 0 && p.char >= '0' && p.char <= '9' ? 'starts with a digit' : `contains ${describeChar(p.char)}`;
  ctx.report({
    code: Codes.InvalidNamespace,
    ...span,
    message: `${subject} is invalid: its part "${problem.part}" ${why}; each dot-separated part must be a name (letters A-Z, a-z, digits and _, not starting with a digit). Java 1.12, avsc and Python reject it.${fix}`,
    data,
  });
}

/** Aliases of named types: a name, or a fullname whose namespace part is a valid namespace. */
function checkTypeAlias(ctx: RuleContext, alias: Alias, kind: string): void {
  const node = alias.node;
  const written = alias.name;
  const dot = written.lastIndexOf('.');
  if (dot >= 0) reportNamespace(ctx, node, written.slice(0, dot), 0, `The namespace part of the alias "${written}"`);
  const simple = written.slice(dot + 1);
  const problem = checkName(simple);
  if (!problem) return;
  if (problem.kind === 'empty') {
    const data: InvalidNameData = { kind: 'alias', name: written };
    ctx.report({ code: Codes.InvalidAlias, offset: node.offset, length: node.length, message: `The ${kind} alias ${written === '' ? 'is empty' : `"${written}" ends with a dot`}: an alias is the name (or fullname) of an earlier version of this ${kind}. Write the name or remove the alias.`, data });
    return;
  }
  reportName(ctx, Codes.InvalidAlias, node, simple, dot + 1, problem, 'alias', `${kind} alias`);
}

/** Aliases of fields: plain names (no namespace). */
function checkFieldAlias(ctx: RuleContext, alias: Alias): void {
  const node = alias.node;
  const dot = alias.name.indexOf('.');
  if (dot >= 0) {
    const last = alias.name.slice(alias.name.lastIndexOf('.') + 1);
    const suggestion = checkName(last) ? validNameFor(alias.name) : last;
    const data: InvalidNameData = { kind: 'alias', name: alias.name, suggestion };
    ctx.report({
      code: Codes.InvalidAlias,
      ...stringContent(node, ctx.doc.text),
      message: `The field alias "${alias.name}" contains a dot: field aliases are plain names (the old name of the field), without a namespace.${suggestion ? ` Write "${suggestion}".` : ''}`,
      data,
    });
    return;
  }
  checkSimpleName(ctx, Codes.InvalidAlias, node, 'alias', 'field alias');
}
