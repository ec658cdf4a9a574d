// completionItem/resolve: the detail and documentation of a named type offered in a type position, computed when the client shows it.
import { CompletionItemKind } from 'vscode-languageserver-types';
import { referenceCandidates } from '../model/builder';
import type { SchemaIndex } from '../model/schemaIndex';
import type { AvroDocument, NamedSchema } from '../model/types';
import { idlDeclaration } from '../hover/describe';
import { baseName } from './names';

export interface ResolveRequest {
  /** The document the completion list was for (its own definitions win, as in resolution). */
  doc: AvroDocument | undefined;
  /** The namespace the list's names resolve from (AvroCompletionList.namespace). */
  namespace: string;
  /** The cursor offset of the completion (a definition after it is a forward reference). */
  offset: number;
  index?: SchemaIndex;
  displayPath?(uri: string): string;
}

export interface ResolvedNamedType {
  detail: string;
  /** Markdown. */
  documentation: string;
}

/** The kinds completion gives named types (record, enum, fixed). */
export function isNamedTypeKind(kind: CompletionItemKind | undefined): boolean {
  return kind === CompletionItemKind.Class || kind === CompletionItemKind.Enum || kind === CompletionItemKind.Struct;
}

/** What `label` resolves to from the namespace, as a reference written there would (this document first, then the workspace). */
function find(label: string, request: ResolveRequest): { schema: NamedSchema; text: string } | undefined {
  for (const candidate of referenceCandidates(label, request.namespace)) {
    const local = request.doc?.definitions.get(candidate);
    if (local && request.doc) return { schema: local, text: request.doc.text };
    const other = request.doc ? request.index?.visibleElsewhere(candidate, request.doc)?.target : request.index?.definitionsOf(candidate)[0];
    // A summary (its file is not open): the declaration needs its model, rebuilt from the text.
    const schema = other ? request.index?.schemaOf(other) : undefined;
    const text = schema ? request.index?.textOf(schema.uri) : undefined;
    if (schema && text !== undefined) return { schema, text };
  }
  return undefined;
}

/**
 * Detail ("record com.acme.Money (common/money.avsc)") and Markdown for a named-type item: its IDL
 * declaration, doc, where it is defined and how the inserted `label` resolves.
 */
export function resolveNamedType(label: string, request: ResolveRequest): ResolvedNamedType | undefined {
  const found = find(label, request);
  if (!found) return undefined;
  const { schema, text } = found;
  const local = request.doc !== undefined && schema.uri === request.doc.uri;
  const where = local ? 'this file' : (request.displayPath ?? baseName)(schema.uri);
  const kind = schema.kind === 'record' && schema.isError ? 'error' : schema.kind;
  const parts = ['```avdl\n' + idlDeclaration(schema, text) + '\n```'];
  if (schema.doc) parts.push(schema.doc);
  const notes: string[] = [];
  if (!local) notes.push(`Defined in \`${where}\`.`);
  if (label !== schema.fullname) notes.push(`Written \`${label}\`: from this namespace it resolves to \`${schema.fullname}\`.`);
  if (local && schema.node.offset >= request.offset) notes.push('Defined further down in this file: Avro 1.12 resolves it, Avro 1.11 readers need the definition first.');
  if (notes.length) parts.push(notes.join(' '));
  return { detail: `${kind} ${schema.fullname} (${where})`, documentation: parts.join('\n\n') };
}
