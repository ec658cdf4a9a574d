// Entry points of the compatibility engine: can a reader schema read what a writer schema wrote? Pure, never throws.
import { parseAvroDocument } from '../model/builder';
import { resolverFor } from '../model/schemaIndex';
import type { AvroDocument } from '../model/types';
import { buildReport } from './report';
import { Codes } from '../codes';
import type { CheckOptions, CompatibilityResult, NamespaceChangeNote, SchemaSide } from './types';
import { javaFullname, schemaSpan, Walk } from './walk';

/**
 * Every incompatibility between a reader and a writer schema, with Java's SchemaCompatibility
 * semantics (Avro >= 1.11, as Confluent Schema Registry runs it), in Java's order. Parts that
 * cannot be checked (unresolved names, invalid schemas) are skipped and make `complete` false; a
 * root that is no schema at all makes the result neither compatible nor complete.
 */
export function checkCompatibility(reader: SchemaSide, writer: SchemaSide, options: CheckOptions = {}): CompatibilityResult {
  // Nothing readable on one side: nothing can be shown compatible.
  if (reader.schema.kind === 'invalid' || writer.schema.kind === 'invalid') return { compatible: false, incompatibilities: [], notes: [], complete: false, unresolved: [] };
  const walk = new Walk(reader, writer);
  const found = walk.run();
  const incompatibilities = buildReport(found, {
    reader,
    writer,
    readerName: options.readerName ?? 'the reader',
    writerName: options.writerName ?? 'the writer',
    fixSide: options.fixSide ?? 'both',
  });
  const notes: NamespaceChangeNote[] = walk.namespaceChanges.map(c => ({
    code: Codes.CompatNamespaceChanged,
    namedKind: c.reader.kind,
    readerFullname: javaFullname(c.reader),
    writerFullname: javaFullname(c.writer),
    readerSpan: { uri: c.readerUri, ...schemaSpan(c.reader) },
    writerSpan: { uri: c.writerUri, ...schemaSpan(c.writer) },
  }));
  return {
    compatible: incompatibilities.length === 0,
    incompatibilities,
    notes,
    complete: walk.complete,
    unresolved: walk.unresolved,
  };
}

export interface TextCheckResult extends CompatibilityResult {
  reader: AvroDocument;
  writer: AvroDocument;
}

/**
 * Parse two schema texts (each self-contained, like a registry version) and check them. When a text
 * holds no readable schema the check cannot be made: `compatible` and `complete` are both false and
 * the documents' diagnostics say why.
 */
export function checkSchemaTexts(
  readerText: string,
  writerText: string,
  options: CheckOptions & { readerUri?: string; writerUri?: string } = {},
): TextCheckResult {
  const reader = parseAvroDocument(options.readerUri ?? 'inmemory:///reader.avsc', readerText);
  const writer = parseAvroDocument(options.writerUri ?? 'inmemory:///writer.avsc', writerText);
  if (!reader.root || !writer.root) {
    return { compatible: false, incompatibilities: [], notes: [], complete: false, unresolved: [], reader, writer };
  }
  const result = checkCompatibility(
    { doc: reader, schema: reader.root, resolve: resolverFor(undefined, reader) },
    { doc: writer, schema: writer.root, resolve: resolverFor(undefined, writer) },
    options,
  );
  return { ...result, reader, writer };
}
