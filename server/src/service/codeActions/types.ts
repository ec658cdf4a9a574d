// What a code action provider receives and returns: offsets and plain edits, keyed by diagnostic code and data.
import type { DiagnosticCode } from '../codes';
import type { AvroDocument } from '../model/types';
import type { SchemaIndex, Resolver } from '../model/schemaIndex';
import type { AvroSettings } from '../settings';

/** A text edit: replace `length` characters at `offset` with `newText`. */
export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface DocumentEdits {
  uri: string;
  edits: TextEdit[];
  /**
   * The document does not exist yet: create it (empty, failing if a file is there meanwhile), then
   * apply `edits` (inserts at offset 0). Clients that cannot create files are not offered the action.
   */
  create?: boolean;
}

export type AvroCodeActionKind = 'quickfix' | 'refactor.rewrite' | 'source';

export interface AvroCodeAction {
  title: string;
  kind: AvroCodeActionKind;
  /** Edits to apply (several documents for renames and cross-file fixes). */
  edits: DocumentEdits[];
  /** The fix VS Code applies with "Auto Fix" and highlights first. */
  isPreferred?: boolean;
  /** Index of the diagnostic (in the request's list) this action fixes. */
  fixes?: number;
}

/** A diagnostic as the client hands it back: its code, span and the `data` the service attached. */
export interface DiagnosticRef {
  code: DiagnosticCode;
  offset: number;
  length: number;
  message: string;
  data?: unknown;
}

export interface CodeActionRequest {
  doc: AvroDocument;
  index: SchemaIndex;
  resolve: Resolver;
  settings: AvroSettings;
  /** The selection or cursor span the actions are asked for. */
  offset: number;
  length: number;
  /** Diagnostics at that span (from the client). */
  diagnostics: DiagnosticRef[];
  /** Editor indentation: used when an edit inserts new JSON. */
  formatting: { tabSize: number; insertSpaces: boolean; eol: string };
  /** The project file (avro-studio.json) fixes may add to, when the document is in a folder that can have one. */
  project?: ProjectFileRef;
}

/** The project file as the fixes that edit it see it: where it is (or would be), its text, and paths relative to it. */
export interface ProjectFileRef {
  uri: string;
  /** Its text; undefined when there is none yet (a fix creates it). */
  text: string | undefined;
  /** A document's path relative to the project file's folder, with `/` (undefined: outside it). */
  relativePath(uri: string): string | undefined;
}

/** A family of fixes: which diagnostic codes it handles, and the actions for one diagnostic. */
export interface QuickFixProvider {
  codes: readonly DiagnosticCode[];
  provide(request: CodeActionRequest, diagnostic: DiagnosticRef): AvroCodeAction[];
}

/** Actions not tied to a diagnostic (refactorings and source actions at the cursor). */
export interface AssistProvider {
  provide(request: CodeActionRequest): AvroCodeAction[];
}
