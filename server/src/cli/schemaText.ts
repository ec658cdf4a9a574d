// Schema text -> Avro document for the CLI: one function for every text that is not a workspace file (compat's files, compat --jsonl's values), with the index's parser; and why a text is not a self-contained schema.
//
// `lint` and `check` read files into the workspace index, which parses them with the same
// parseAvroDocument after the file's bytes were decoded (node/textFile.ts: BOM dropped). Texts that
// reach the CLI any other way go through parseSchemaText, so a comment before the schema, or a byte
// order mark, reads the same everywhere.
import { parseAvroDocument } from '../service/languageService';
import { resolverFor } from '../service/languageService';
import type { AvroDocument } from '../service/model/types';

/** The document of a schema text: a leading byte order mark dropped, then the parser `lint` and `check` use. */
export function parseSchemaText(uri: string, text: string): AvroDocument {
  return parseAvroDocument(uri, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

/** Why a document cannot be compared as a self-contained schema (as a registered one is). */
export type SchemaProblem =
  | { kind: 'syntax'; offset: number; message: string }
  | { kind: 'no-schema'; offset: number | undefined; message: string | undefined }
  | { kind: 'unresolved'; offset: number; name: string };

/** The problems of a document that stop a compatibility check: JSON syntax errors (all), else no schema, else names it does not define. */
export function selfContainedProblems(doc: AvroDocument): SchemaProblem[] {
  if (doc.json.errors.length) return doc.json.errors.map(e => ({ kind: 'syntax', offset: e.offset, message: e.message }));
  if (!doc.root) return [{ kind: 'no-schema', offset: doc.diagnostics[0]?.offset, message: doc.diagnostics[0]?.message }];
  const resolve = resolverFor(undefined, doc);
  return doc.references.filter(r => !resolve(r)).map(r => ({ kind: 'unresolved', offset: r.nameNode.offset, name: r.name }));
}

/** A bare Avro name ("int", "com.acme.Money"): in a JSON line, a string holding only a name is that schema, not its text. */
export function isBareName(text: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/.test(text.replace(/^\uFEFF/, '').trim());
}
