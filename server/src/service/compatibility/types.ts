// Public types of the compatibility engine: reader/writer sides, incompatibilities, their data for fixes.
import { Codes, type DiagnosticCode } from '../codes';
import type { AvroDocument, AvroSchema, Span } from '../model/types';
import type { Resolver } from '../model/schemaIndex';

/** One side of a check: a schema of a document and how its references to named types resolve. */
export interface SchemaSide {
  doc: AvroDocument;
  /** Usually `doc.root`; any schema of the document (or of a document `resolve` reaches) works. */
  schema: AvroSchema;
  resolve: Resolver;
}

/**
 * The six incompatibility types of Java's SchemaCompatibility, plus one for the case where Java
 * gives up: a reader field that matches several writer fields (by name and by alias, or by two
 * aliases). Java throws AvroRuntimeException "Reader record field ... matches multiple fields in
 * writer record schema ..." there, which Schema Registry turns into an incompatible verdict.
 */
export type IncompatibilityType =
  | 'NAME_MISMATCH'
  | 'FIXED_SIZE_MISMATCH'
  | 'MISSING_ENUM_SYMBOLS'
  | 'READER_FIELD_MISSING_DEFAULT_VALUE'
  | 'TYPE_MISMATCH'
  | 'MISSING_UNION_BRANCH'
  | 'AMBIGUOUS_FIELD_MATCH';

export const INCOMPATIBILITY_CODES: Readonly<Record<IncompatibilityType, DiagnosticCode>> = {
  READER_FIELD_MISSING_DEFAULT_VALUE: Codes.CompatReaderFieldMissingDefault,
  TYPE_MISMATCH: Codes.CompatTypeMismatch,
  NAME_MISMATCH: Codes.CompatNameMismatch,
  FIXED_SIZE_MISMATCH: Codes.CompatFixedSizeMismatch,
  MISSING_ENUM_SYMBOLS: Codes.CompatMissingEnumSymbols,
  MISSING_UNION_BRANCH: Codes.CompatMissingUnionBranch,
  AMBIGUOUS_FIELD_MATCH: Codes.CompatAmbiguousField,
};

/** A span in a named document: reader and writer fragments may live in other workspace files. */
export interface DocSpan extends Span {
  uri: string;
}

/** Avro type names as Java's Schema.Type spells them, lower-cased ("int", "record", "union"). */
export type AvroTypeName =
  | 'null' | 'boolean' | 'int' | 'long' | 'float' | 'double' | 'bytes' | 'string'
  | 'record' | 'enum' | 'fixed' | 'array' | 'map' | 'union';

/**
 * Facts for quick fixes, one shape per kind of fix (`kind`). Offsets are in the document of the
 * span they go with (reader data: `readerSpan.uri`; writer data: `writerSpan.uri`). Note: a reader
 * field missing from the writer whose enum has a default is a TYPE_MISMATCH in Java, but its data
 * is the 'missing-default' shape (the fix is the same: a field default).
 */
export type IncompatibilityData =
  | ReaderFieldMissingDefaultData
  | TypeMismatchData
  | NameMismatchData
  | FixedSizeMismatchData
  | MissingEnumSymbolsData
  | MissingUnionBranchData
  | AmbiguousFieldMatchData;

export interface ReaderFieldMissingDefaultData {
  kind: 'missing-default';
  fieldName: string;
  /** The reader field object (reader document). */
  field: Span;
  /** Fullname of the reader record. */
  recordFullname: string;
  /** Where `, "default": ...` goes in the reader: right after the field's "type" value. */
  defaultInsertOffset: number;
  /** A valid default for the field's type as JSON text, when there is an obvious one. */
  suggestedDefault: string | undefined;
  /** Java says TYPE_MISMATCH for this case; true when the field's enum has a default (which Java consults, then fails). */
  enumDefaultOnly: boolean;
  /** Fullname of the writer record that lacks the field. */
  writerRecordFullname: string;
  /** Where the field would be put back in the writer (writer document): after the writer field matching the previous reader field. */
  restoreOffset: number;
  /** The reader field's text, to put back into the writer (undefined when the field is in another document). */
  restoreText: string | undefined;
  /**
   * Fields of the writer record that no reader field reads (by name or by alias), the one at the
   * field's own position first: when the field was renamed, its old name is among them (at most 5).
   */
  unreadWriterFields: string[];
}

export interface TypeMismatchData {
  kind: 'type-mismatch';
  readerType: AvroTypeName;
  writerType: AvroTypeName;
  /** The reader field whose type this is, when the mismatch is at a field's type. */
  fieldName: string | undefined;
  /** Reader types that could read the writer's type (the type itself and its promotions). */
  readableBy: AvroTypeName[];
}

export interface NameMismatchData {
  kind: 'name-mismatch';
  namedKind: 'record' | 'enum' | 'fixed';
  readerFullname: string;
  writerFullname: string;
  /** The reader's aliases as Java sees them (qualified with the reader's namespace). */
  readerAliases: string[];
  /**
   * The alias to add to the reader so it matches the writer: the bare name when the namespaces
   * agree; undefined when no alias can (a reader with a namespace cannot alias a type without one).
   */
  suggestedAlias: string | undefined;
  /** The reader's "aliases" array, when it has one (reader document). */
  readerAliasesArray: Span | undefined;
}

export interface FixedSizeMismatchData {
  kind: 'fixed-size';
  fixedFullname: string;
  readerSize: number;
  writerSize: number;
}

export interface MissingEnumSymbolsData {
  kind: 'missing-symbols';
  enumFullname: string;
  /** Writer symbols the reader lacks, sorted as Java sorts them. */
  missingSymbols: string[];
  /** Where the writer defines each of them (writer document). */
  missingSymbolSpans: Span[];
  /** Offset just before the reader's closing ']' of "symbols" (reader document), when the array is closed. */
  symbolsInsertOffset: number | undefined;
  /** The reader symbol a "default" could name (the first one), when the reader has symbols. */
  suggestedDefault: string | undefined;
}

export interface MissingUnionBranchData {
  kind: 'missing-branch';
  /** The writer type no reader branch can read. */
  writerType: AvroTypeName;
  /** Its index in the writer union, when the writer is a union. */
  writerBranchIndex: number | undefined;
  /** The branch to add to the reader union, as JSON text (a name for named types). */
  branchText: string;
  /** Offset just before the reader union's closing ']' (reader document), when the array is closed. */
  unionInsertOffset: number | undefined;
  /**
   * Why the closest reader branch (same name, else same kind) cannot read the writer type. With
   * `sameType` (the same named type, or the union's array or map) the fix is inside that branch: a
   * union cannot hold a second one.
   */
  closestBranch: { index: number; sameType: boolean; problems: string[] } | undefined;
}

export interface AmbiguousFieldMatchData {
  kind: 'ambiguous-field';
  fieldName: string;
  /** The writer fields the reader field matches, and how. */
  matches: Array<{ writerField: string; via: 'name' | 'alias'; alias?: string; span: Span }>;
}

export interface Incompatibility {
  type: IncompatibilityType;
  /** The diagnostic code for this type (AVRO-4xx). */
  code: DiagnosticCode;
  /**
   * JSON pointer into the reader schema, as Java's SchemaCompatibility (1.12, current) reports it,
   * e.g. "/fields/1/type/symbols". Inside a writer union read by a non-union reader, the writer
   * branch index is part of the pointer ("/fields/0/type/1"), as in Java >= 1.12.
   */
  location: string;
  /**
   * The pointer as Java 1.11 and python3-avro report it: they restart at "/" inside a writer union
   * read by a non-union reader (so "/" where 1.12 says "/fields/0/type/1").
   */
  legacyLocation: string;
  /** Other places that reach the same reader/writer fragments (a named type used twice); Java repeats the finding there. */
  alsoAt: string[];
  /** Plain language: what is wrong, naming the field/symbol/type, and what to do. */
  message: string;
  /** Exactly what Java's Incompatibility.getMessage() says. */
  javaMessage: string;
  /** The most specific reader node (may be in another document than the reader side's, for a named type defined there). */
  readerSpan: DocSpan;
  /** The most specific writer node; for something the writer lacks, the place where it would be. */
  writerSpan: DocSpan;
  /** `readerSpan` when it is in the reader side's document, else the reference there that leads to it. */
  readerAnchor: Span;
  /** `writerSpan` when it is in the writer side's document, else the reference there that leads to it. */
  writerAnchor: Span;
  data: IncompatibilityData;
}

/** A reference that resolves nowhere: that part of the schemas was not checked. */
export interface UnresolvedReference {
  side: 'reader' | 'writer';
  name: string;
  span: DocSpan;
}

/**
 * A reader and a writer named type matched by their unqualified name although their namespaces
 * differ: compatible for Java >= 1.9 (and so Schema Registry), which compare unqualified names,
 * but not for Java 1.8 readers and avsc's default resolver, which compare full names (a reader
 * alias naming the writer's fullname satisfies both, and then there is no note).
 */
export interface NamespaceChangeNote {
  code: DiagnosticCode;
  namedKind: 'record' | 'enum' | 'fixed';
  readerFullname: string;
  writerFullname: string;
  /** The reader's and the writer's name nodes (possibly in other documents than the sides'). */
  readerSpan: DocSpan;
  writerSpan: DocSpan;
}

export interface CompatibilityResult {
  /** True when the reader can read everything the writer writes (as far as the schemas could be checked). */
  compatible: boolean;
  /** Every incompatibility, in Java's order. */
  incompatibilities: Incompatibility[];
  /** Things that are compatible here but not for every reader (not counted as incompatibilities). */
  notes: NamespaceChangeNote[];
  /** False when part of a schema could not be checked (unresolved names, invalid or missing types). */
  complete: boolean;
  unresolved: UnresolvedReference[];
}

export interface CheckOptions {
  /** How messages name the reader and the writer (default "the reader", "the writer"). */
  readerName?: string;
  writerName?: string;
  /**
   * Which schema the user can still change, so messages suggest fixes there: the edited schema is
   * the reader under BACKWARD and the writer under FORWARD (a registered version is immutable).
   * Default 'both'.
   */
  fixSide?: 'reader' | 'writer' | 'both';
}
