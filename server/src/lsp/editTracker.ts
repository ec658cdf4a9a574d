// The TextDocuments configuration of the server: open documents are OpenDocuments (one epoch per open), and where each one's text changed since a version is noted, so a large document is re-parsed incrementally (service/model/incremental.ts).
import type { TextDocumentsConfiguration } from 'vscode-languageserver';
import type { TextChange } from '../service/languageService';
import { OpenDocument } from './openDocument';

/** Since `fromVersion` of open `epoch` (whose text had `fromLength` characters), the first `prefix` and the last `suffix` characters are unchanged. */
interface Pending {
  epoch: number;
  fromVersion: number;
  fromLength: number;
  prefix: number;
  suffix: number;
}

/**
 * Every change event is noted as one region of the text that changed since the version the
 * model was last built from; the changes of several didChange notifications in between combine.
 */
export class EditTracker {
  private readonly pending = new Map<string, Pending>();
  private nextEpoch = 1;
  /** The epoch of the latest open of each URI (kept after the close: a close handler compares it). */
  private readonly latest = new Map<string, number>();

  readonly configuration: TextDocumentsConfiguration<OpenDocument> = {
    create: (uri, languageId, version, content) => {
      this.pending.delete(uri);
      const epoch = this.nextEpoch++;
      this.latest.set(uri, epoch);
      return new OpenDocument(uri, languageId, version, content, epoch);
    },
    update: (document, changes, version) => {
      let p = this.pending.get(document.uri);
      if (!p || p.epoch !== document.epoch) {
        const length = document.getText().length;
        p = { epoch: document.epoch, fromVersion: document.version, fromLength: length, prefix: length, suffix: length };
        this.pending.set(document.uri, p);
      }
      // Each change is in the text as the previous ones left it: the unchanged prefix and suffix shrink.
      for (const c of document.apply(changes, version)) {
        p.prefix = Math.min(p.prefix, c.start);
        p.suffix = Math.min(p.suffix, c.before - c.oldEnd);
      }
      return document;
    },
  };

  /** The epoch of the latest open of a URI (undefined: never opened). */
  latestEpoch(uri: string): number | undefined {
    return this.latest.get(uri);
  }

  /**
   * The change from `fromVersion` of open `epoch` to the document's current text (of `length`
   * characters), or undefined when the changes since that version are not known. Either way,
   * later changes are counted from the current version on.
   */
  take(uri: string, epoch: number, fromVersion: number, length: number): TextChange | undefined {
    const p = this.pending.get(uri);
    this.pending.delete(uri);
    if (!p || p.epoch !== epoch || p.fromVersion !== fromVersion) return undefined;
    const prefix = Math.min(p.prefix, p.fromLength, length);
    const suffix = Math.min(p.suffix, p.fromLength - prefix, length - prefix);
    return { start: prefix, oldEnd: p.fromLength - suffix, newEnd: length - suffix };
  }

  /**
   * A close of open `epoch` is being completed: true when the URI was not opened again since (the
   * caller may then swap the closed document out); false when a later open owns it now.
   */
  settleClose(uri: string, epoch: number): boolean {
    if (this.latest.get(uri) !== epoch) return false;
    this.latest.delete(uri);
    return true;
  }

  /** Forget the pending changes of a document (closed). */
  forget(uri: string): void {
    this.pending.delete(uri);
  }
}
