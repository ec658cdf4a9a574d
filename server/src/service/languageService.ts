// The one entry point of the pure service (as vscode-json-languageservice's getLanguageService, rust-analyzer's Analysis): features over an immutable snapshot, plain results with offsets.
//
// Code outside service/ reaches the service through this file only (test/unit/layering.test.ts;
// the exceptions are the vocabulary every layer speaks: model/types, codes, text, settings).
// `createLanguageService()` returns the features: each method takes a snapshot (a document, the
// workspace index it is resolved against, the settings that apply) and returns plain data with
// UTF-16 offsets; the front-ends convert positions (lsp/, cli/). It is a thin façade: every method
// delegates to the one-feature-per-file module that implements it. Below it, the building blocks
// front-ends and the project layer compose themselves (the index, parsing, the compatibility
// engine) are re-exported by name.
//
// The snapshot is immutable: an AvroDocument is never changed once built (an incremental re-parse
// shares the unchanged parts of the previous version, model/incremental.ts), and what the service
// caches about a document lives with the document (model/documentCache.ts), never in a module.
import { getCodeActions } from './codeActions';
import type { AvroCodeAction, CodeActionRequest } from './codeActions/types';
import { getCompletions, resolveNamedType } from './completion';
import type { ResolvedNamedType, ResolveRequest } from './completion/resolve';
import type { AvroCompletionList, CompletionRequest } from './completion/types';
import { foldingRanges, type AvroFoldingRange } from './folding';
import { formatDocument, type FormatOptions, type FormatResult } from './format';
import { getHover, type AvroHover, type HoverRequest } from './hover';
import { parseAvroDocument } from './model/builder';
import { reparseAvroDocument, type ReparseKind, type TextChange } from './model/incremental';
import { SchemaIndex, resolverFor } from './model/schemaIndex';
import type { AvroDocument, TextSource } from './model/types';
import { findDefinition, type DefinitionLink } from './navigation/definition';
import { findHighlights, type Highlight } from './navigation/highlights';
import { findReferences } from './navigation/references';
import { prepareRename, rename, type PrepareRenameResult, type RenameOptions, type RenameResult } from './rename';
import { selectionRanges } from './selectionRanges';
import type { AvroSettings } from './settings';
import { documentSymbols, workspaceSymbols, type AvroDocumentSymbol, type WorkspaceSymbolMatch } from './symbols';
import type { LineIndex } from './text';
import { RULES } from './validation/rules';
import { runRules, type Rule, type RuleFailure, type ValidationRun } from './validation/validate';
import type { Span } from './model/types';

/** What the workspace looks like for one request: every document's named types, and the settings. Never changed once handed in. */
export interface Snapshot {
  /** The workspace's documents (the one asked about included). */
  index: SchemaIndex;
  settings: AvroSettings;
}

/** A snapshot and the document a request is about (the version the answer is for). */
export interface DocumentSnapshot extends Snapshot {
  doc: AvroDocument;
}

/** What the host adds to a hover: hashing, paths and lines it knows better (see HoverRequest). */
export type HoverHost = Omit<HoverRequest, 'doc' | 'offset' | 'index' | 'settings'>;
/** What the host adds to code actions (see CodeActionRequest). */
export type CodeActionHost = Omit<CodeActionRequest, 'doc' | 'index' | 'resolve' | 'settings'>;

export interface LanguageService {
  /** The model of a text (`source`: the encoding it was decoded from, when read from bytes). */
  parse(uri: string, text: string, version?: number, source?: TextSource): AvroDocument;
  /** The model of an edited text, sharing what did not change with `previous` (which stays valid). */
  reparse(previous: AvroDocument, text: string, version: number, change: TextChange): { doc: AvroDocument; kind: ReparseKind };
  /** Every rule's diagnostics; a failing rule is returned in `internalErrors`, the others' findings stay. */
  validate(s: DocumentSnapshot, rules?: readonly Rule[]): ValidationRun;
  hover(s: DocumentSnapshot, offset: number, host?: HoverHost): AvroHover | undefined;
  completions(s: DocumentSnapshot, offset: number, displayPath?: CompletionRequest['displayPath']): AvroCompletionList;
  /** The documentation of a named-type completion item, computed when the editor shows it. */
  resolveCompletion(label: string, request: ResolveRequest): ResolvedNamedType | undefined;
  definition(s: DocumentSnapshot, offset: number): DefinitionLink[];
  references(s: DocumentSnapshot, offset: number, includeDeclaration: boolean): ReturnType<typeof findReferences>;
  highlights(s: DocumentSnapshot, offset: number): Highlight[];
  prepareRename(s: DocumentSnapshot, offset: number): PrepareRenameResult | undefined;
  rename(s: DocumentSnapshot, offset: number, newName: string, options?: RenameOptions): RenameResult;
  codeActions(s: DocumentSnapshot, request: CodeActionHost, only?: readonly string[]): AvroCodeAction[];
  documentSymbols(doc: AvroDocument): AvroDocumentSymbol[];
  workspaceSymbols(index: SchemaIndex, query: string): WorkspaceSymbolMatch[];
  foldingRanges(doc: AvroDocument, lines: LineIndex, rangeLimit?: number): AvroFoldingRange[];
  selectionRanges(doc: AvroDocument, offset: number): Span[];
  /** Formatting edits of a document (its model, or its text when it is too large to analyse). */
  format(doc: AvroDocument | string, options: FormatOptions, selection?: Span): FormatResult;
}

/** The service's features. Stateless: one object serves any number of servers, CLIs and tests side by side. */
export function createLanguageService(): LanguageService {
  return {
    parse: (uri, text, version = 0, source) => parseAvroDocument(uri, text, version, source),
    reparse: (previous, text, version, change) => reparseAvroDocument(previous, text, version, change),
    validate: (s, rules = RULES) => runRules(s.doc, s.settings, s.index, rules),
    hover: (s, offset, host = {}) => getHover({ ...host, doc: s.doc, offset, index: s.index, settings: s.settings }),
    completions: (s, offset, displayPath) => getCompletions({ doc: s.doc, offset, index: s.index, settings: s.settings, displayPath }),
    resolveCompletion: (label, request) => resolveNamedType(label, request),
    definition: (s, offset) => findDefinition(s.doc, offset, s.index, resolverFor(s.index, s.doc)),
    references: (s, offset, includeDeclaration) => findReferences(s.doc, offset, s.index, resolverFor(s.index, s.doc), includeDeclaration),
    highlights: (s, offset) => findHighlights(s.doc, offset, s.index, resolverFor(s.index, s.doc)),
    prepareRename: (s, offset) => prepareRename(s.doc, offset, s.index, resolverFor(s.index, s.doc)),
    rename: (s, offset, newName, options) => rename(s.doc, offset, newName, s.index, resolverFor(s.index, s.doc), options),
    codeActions: (s, request, only) => getCodeActions({ ...request, doc: s.doc, index: s.index, resolve: resolverFor(s.index, s.doc), settings: s.settings }, only),
    documentSymbols: doc => documentSymbols(doc),
    workspaceSymbols: (index, query) => workspaceSymbols(index, query),
    foldingRanges: (doc, lines, rangeLimit) => foldingRanges(doc.json, doc.text, lines, rangeLimit),
    selectionRanges: (doc, offset) => selectionRanges(doc.json, doc.text, offset),
    format: (doc, options, selection) => formatDocument(doc, options, selection),
  };
}

// ---------------------------------------------------------------------------------------------
// Building blocks the front-ends and the project layer compose (by name: nothing else leaks)
// ---------------------------------------------------------------------------------------------

export { SchemaIndex, resolverFor, parseAvroDocument, reparseAvroDocument };
export type { ReparseKind, TextChange, Rule, RuleFailure, ValidationRun };
export type { CompilationUnits, UnitMembership, Resolver } from './model/schemaIndex';
export { DocumentSummary, type IndexedDocument } from './model/summary';
export { canonicalForm, crc64Avro, fingerprintCrc64 } from './model/canonical';
export { parseJson, type JsonValue } from './parser/json';
export { validateDocument } from './validation/validate';
export type { AvroDiagnostic } from './validation/diagnostic';
export { checkCompatibility } from './compatibility/engine';
export { checkLevel, levelPlan, COMPATIBILITY_LEVELS, type Baseline, type Direction, type LevelResult } from './compatibility/levels';
export { compatibilityFindings, compatibilityNoteDiagnostics, isCompatDiagnosticData, type CompatibilityFinding } from './compatibility/diagnostics';
export { lensAnchor, registryLensText, type LensInput, type LensState } from './codeLens';
export { DEFAULT_RENAME_OPTIONS, RENAME_ANNOTATIONS, type RenameOptions, type RenameDocumentEdits } from './rename';
export { isNamedTypeKind } from './completion';
export { expandSnippet } from './completion/items';
export type { AvroCompletionList } from './completion/types';
export type { AvroCodeAction, DiagnosticRef, ProjectFileRef } from './codeActions/types';
export type { FingerprintCache, Fingerprints } from './hover';
export type { AvroDocumentSymbol, AvroSymbolKind } from './symbols';
export { detectEol, detectIndentation } from './format/indentation';
export { stringContent } from './util/spans';
export { mapLimit } from './util/mapLimit';
// The team's policy: its vocabulary (read by config/), the findings under the cursor (hover) and the rules against a baseline (project/checkFile.ts).
export { BREAKING_RULES, NAME_STYLES, NAMESPACE_STYLES, type BreakingRule, type NameStyle, type NamespaceStyle, type NamingPolicy, type PolicyOrigin, type PolicySettings, type VersionKind } from './policy/types';
export { policyFindings } from './policy/validate';
export { policyHoverMarkdown } from './policy/hover';
export { policyEvolutionDiagnostics } from './policy/evolution';
// "Ignore AVRO-xxx here…" for a finding (adopting a repository with findings).
export { suppressionActions } from './codeActions/suppress';
// Suppression comments (read, and removed before a schema is registered) and the fingerprint of a finding (accepted findings).
export { inlineSuppressions, withoutSuppressionComments, type InlineSuppression } from './suppression/inline';
export { messageHash, schemaPathAt } from './suppression/fingerprint';
