// What completion receives and returns: offsets and plain edits (the LSP layer turns them into ranges).
import type { Command, CompletionItemKind, InsertTextFormat } from 'vscode-languageserver-types';
import type { AvroDocument } from '../model/types';
import type { SchemaIndex } from '../model/schemaIndex';
import type { AvroSettings } from '../settings';

/** Replace `length` characters at `offset` with `newText`. */
export interface CompletionEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface CompletionRequest {
  doc: AvroDocument;
  offset: number;
  /** The workspace's documents (this one included); without it only this document's types are offered. */
  index?: SchemaIndex;
  settings: AvroSettings;
  /** How a document is named in details ("common/money.avsc"); defaults to the last segment of its URI. */
  displayPath?(uri: string): string;
}

export interface AvroCompletionItem {
  label: string;
  kind: CompletionItemKind;
  /** One line next to the label ("record com.acme.Money", "required"). */
  detail?: string;
  /** Markdown. */
  documentation?: string;
  sortText: string;
  filterText?: string;
  /** The main edit: its span holds the cursor and lies on one line (the literal or word being typed). */
  edit: CompletionEdit;
  format: InsertTextFormat;
  /** Edits elsewhere, such as the comma after the previous property. */
  additionalEdits?: CompletionEdit[];
  /** Run after insertion (e.g. open the suggestions again for the value just started). */
  command?: Command;
  preselect?: boolean;
}

export interface AvroCompletionList {
  /** True when typing more may change the list (the client asks again). */
  isIncomplete: boolean;
  items: AvroCompletionItem[];
  /**
   * At a type position: the namespace names are resolved from. Named-type items carry no data (a
   * list can hold thousands): completionItem/resolve finds them again from their label and this.
   */
  namespace?: string;
}
