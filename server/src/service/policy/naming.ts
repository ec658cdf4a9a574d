// Policy "naming": the styles of record, enum and fixed names, field names, enum symbols and namespaces (with a required prefix).
import { Codes, type DiagnosticCode } from '../codes';
import type { AvroDocument, NamedSchema } from '../model/types';
import { policyMessage, type PolicyFinding } from './report';
import type { NameStyle, NamingPolicy } from './types';

const STYLE_PATTERNS: Record<NameStyle, RegExp> = {
  PascalCase: /^[A-Z][a-zA-Z0-9]*$/,
  camelCase: /^[a-z][a-zA-Z0-9]*$/,
  snake_case: /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/,
  UPPER_SNAKE_CASE: /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/,
};

export function matchesStyle(name: string, style: NameStyle): boolean {
  return STYLE_PATTERNS[style].test(name);
}

/** The words of a name: split at '_', '-' and case changes ("userID_v2" -> user, id, v2). */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_-]+/)
    .filter(Boolean)
    .map(w => w.toLowerCase());
}

/** The name written in a style ("event_id" -> "eventId" in camelCase); undefined when nothing valid comes out. */
export function toStyle(name: string, style: NameStyle): string | undefined {
  const w = words(name);
  if (w.length === 0) return undefined;
  const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
  let out: string;
  switch (style) {
    case 'PascalCase': out = w.map(cap).join(''); break;
    case 'camelCase': out = w[0] + w.slice(1).map(cap).join(''); break;
    case 'snake_case': out = w.join('_'); break;
    case 'UPPER_SNAKE_CASE': out = w.join('_').toUpperCase(); break;
  }
  return matchesStyle(out, style) ? out : undefined;
}

const NAMESPACE_SEGMENT = /^[a-z][a-z0-9_]*$/;

export function namingFindings(doc: AvroDocument, policy: NamingPolicy): PolicyFinding[] {
  const out: PolicyFinding[] = [];
  const origins = policy.origins ?? {};
  const styleFinding = (code: DiagnosticCode, key: 'records' | 'fields' | 'enumSymbols', what: string, name: string, span: { offset: number; length: number }, style: NameStyle, rename: boolean, owner = ''): void => {
    if (matchesStyle(name, style)) return;
    const suggestion = toStyle(name, style);
    out.push({
      code,
      offset: span.offset,
      length: span.length,
      message: policyMessage(`Policy "naming.${key}": the ${what} "${name}"${key === 'enumSymbols' ? ` of "${owner}"` : ''} is not ${style}${suggestion ? ` (${suggestion})` : ''}.${rename && suggestion ? ' Rename it with an alias for the old name (quick fix).' : ''}`, policy.reason, origins[key] ?? policy.origin),
      data: { policy: { rule: `naming.${key}`, origin: origins[key] ?? policy.origin, renameTo: rename ? suggestion : undefined } },
    });
  };
  for (const t of doc.namedTypes) {
    if (!t.nameNode || !t.hasValidName) continue;
    const nameSpan = simpleNameSpan(t);
    if (policy.records) styleFinding(Codes.PolicyRecordName, 'records', `${t.kind} name`, t.name, nameSpan, policy.records, true);
    if (t.kind === 'enum' && policy.enumSymbols) {
      for (const s of t.symbols) styleFinding(Codes.PolicyEnumSymbolName, 'enumSymbols', 'symbol', s.name, s.node, policy.enumSymbols, false, t.name);
    }
    const ns = policy.namespaces;
    // Where the namespace is written: "namespace", or the dotted name (an inherited namespace is checked where it is written).
    const written = t.nameNode.value.includes('.') ? t.nameNode : t.namespaceNode;
    if (ns && written && t.namespace !== '') {
      const problems: string[] = [];
      if (ns.style === 'lowercase-dotted' && !t.namespace.split('.').every(s => NAMESPACE_SEGMENT.test(s))) problems.push('is not lowercase-dotted (lowercase segments separated by dots, like "com.acme.events")');
      if (ns.prefix && t.namespace !== ns.prefix && !t.namespace.startsWith(ns.prefix + '.')) problems.push(`does not start with "${ns.prefix}"`);
      if (problems.length) {
        out.push({
          code: Codes.PolicyNamespace,
          offset: written.offset,
          length: written.length,
          message: policyMessage(`Policy "naming.namespaces": the namespace "${t.namespace}" of "${t.name}" ${problems.join(' and ')}.`, policy.reason, origins.namespaces ?? policy.origin),
          data: { policy: { rule: 'naming.namespaces', origin: origins.namespaces ?? policy.origin } },
        });
      }
    } else if (ns?.prefix && t.namespace === '' && t.depth === 0) {
      out.push({
        code: Codes.PolicyNamespace,
        offset: t.nameNode.offset,
        length: t.nameNode.length,
        message: policyMessage(`Policy "naming.namespaces": "${t.name}" has no namespace; the team's namespaces start with "${ns.prefix}".`, policy.reason, origins.namespaces ?? policy.origin),
        data: { policy: { rule: 'naming.namespaces', origin: origins.namespaces ?? policy.origin } },
      });
    }
  }
  if (policy.fields) {
    for (const f of doc.fields) {
      if (f.nameNode) styleFinding(Codes.PolicyFieldName, 'fields', 'field name', f.name, f.nameNode, policy.fields, true);
    }
  }
  return out;
}

/** The span of the simple name inside the name string (after the last dot of a dotted name, inside the quotes). */
function simpleNameSpan(t: NamedSchema): { offset: number; length: number } {
  const node = t.nameNode!;
  const raw = node.value;
  const dot = raw.lastIndexOf('.');
  return dot < 0 ? node : { offset: node.offset + 1 + dot + 1, length: raw.length - dot - 1 };
}
