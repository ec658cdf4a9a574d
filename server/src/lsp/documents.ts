// The model of each document: open documents parsed once per (uri, open epoch, version) into the workspace index; closed ones come from disk.
import type { TextDocuments } from 'vscode-languageserver';
import type { AvroDocument } from '../service/model/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { PositionCache } from './conversions';
import type { EditTracker } from './editTracker';
import type { OpenDocument } from './openDocument';

/**
 * A large open document is re-parsed incrementally from its previous version (see
 * WorkspaceIndex.setOpen): the new version shares the unchanged parts of the previous one, which
 * stays valid (a handler that awaits with a model in hand still reads the offsets of that model's
 * own text; it checks the version before answering: lsp/requestContext.ts).
 */
export class DocumentModels {
  /** The open epoch each open document was last indexed for (the index keys open documents by URI and version only). */
  private readonly indexedEpoch = new Map<string, number>();

  constructor(
    private readonly documents: TextDocuments<OpenDocument>,
    private readonly index: WorkspaceIndex,
    /** Told which other documents may need new diagnostics after a document was re-parsed. */
    private readonly onAffected: (uris: readonly string[]) => void,
    /** The edits of open documents since their last parse (none: every parse is a full one). */
    private readonly edits?: EditTracker,
    /** Line indexes, carried over from the previous version after an edit. */
    private readonly positions?: PositionCache,
  ) {}

  /**
   * The current model of a document (open: the editor's version; closed: the file on disk), or
   * undefined when it is unknown or too large to analyse. Every other open document is brought up
   * to date first, so references across files see the latest text of each.
   */
  get(uri: string): AvroDocument | undefined {
    this.syncAll();
    return this.index.get(uri);
  }

  /** Parse the open documents whose (epoch, version) is not the one indexed. */
  syncAll(): void {
    const affected = new Set<string>();
    const edits = this.edits;
    for (const td of this.documents.all()) {
      let path: string | undefined;
      if (this.indexedEpoch.get(td.uri) !== td.epoch) {
        // Opened again (perhaps with the same version) before the previous open's entry was
        // swapped out: that entry is another text, never reused nor re-parsed from.
        path = this.index.pathOf(td.uri);
        if (this.index.isOpen(td.uri)) for (const u of this.index.close(td.uri).update.affected) affected.add(u);
        this.indexedEpoch.set(td.uri, td.epoch);
      }
      const changeSince = edits ? (version: number, length: number) => edits.take(td.uri, td.epoch, version, length) : undefined;
      const update = this.index.setOpen(td.uri, td.version, () => td.getText(), path, changeSince);
      if (update.reparsed && update.doc) this.positions?.edited(update.reparsed.previous, update.doc, update.reparsed.change);
      if (update.doc && update.doc.text === td.getText()) this.positions?.share(update.doc, () => td.lineIndex());
      for (const u of update.affected) affected.add(u);
    }
    if (affected.size) this.onAffected([...affected]);
  }

  /** A document was closed: its next open is parsed afresh. */
  closed(uri: string): void {
    this.indexedEpoch.delete(uri);
  }
}
