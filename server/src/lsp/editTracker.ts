// Records where each open document's text changed since a version, so a large document is re-parsed incrementally (service/model/incremental.ts).
import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { TextChange } from '../service/model/incremental';

/** Since `fromVersion` (whose text had `fromLength` characters), the first `prefix` and the last `suffix` characters are unchanged. */
interface Pending {
  fromVersion: number;
  fromLength: number;
  prefix: number;
  suffix: number;
}

/**
 * The TextDocuments configuration of the server: the documents are vscode-languageserver-textdocument's,
 * and every change event is noted, as one region of the text that changed since the version the
 * model was last built from. The changes of several didChange notifications in between combine.
 */
export class EditTracker {
  private readonly pending = new Map<string, Pending>();

  readonly configuration: TextDocumentsConfiguration<TextDocument> = {
    create: (uri, languageId, version, content) => {
      this.pending.delete(uri);
      return TextDocument.create(uri, languageId, version, content);
    },
    update: (document, changes, version) => {
      let p = this.pending.get(document.uri);
      if (!p) {
        const length = document.getText().length;
        p = { fromVersion: document.version, fromLength: length, prefix: length, suffix: length };
        this.pending.set(document.uri, p);
      }
      // One change at a time: each range is in the text as the previous changes left it.
      for (const change of changes) {
        const before = document.getText().length;
        if ('range' in change) {
          const start = document.offsetAt(change.range.start);
          const end = document.offsetAt(change.range.end);
          p.prefix = Math.min(p.prefix, start, end);
          p.suffix = Math.min(p.suffix, before - Math.max(start, end));
        } else {
          p.prefix = 0;
          p.suffix = 0;
        }
        document = TextDocument.update(document, [change as TextDocumentContentChangeEvent], version);
      }
      return document;
    },
  };

  /**
   * The change from `fromVersion` to the document's current text (of `length` characters), or
   * undefined when the changes since that version are not known. Either way, later changes are
   * counted from the current version on.
   */
  take(uri: string, fromVersion: number, length: number): TextChange | undefined {
    const p = this.pending.get(uri);
    this.pending.delete(uri);
    if (!p || p.fromVersion !== fromVersion) return undefined;
    const prefix = Math.min(p.prefix, p.fromLength, length);
    const suffix = Math.min(p.suffix, p.fromLength - prefix, length - prefix);
    return { start: prefix, oldEnd: p.fromLength - suffix, newEnd: length - suffix };
  }

  /** Forget a document (closed). */
  forget(uri: string): void {
    this.pending.delete(uri);
  }
}
