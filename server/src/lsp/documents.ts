// The model of each document: open documents parsed once per (uri, version) into the workspace index; closed ones come from disk.
import type { TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { AvroDocument } from '../service/model/types';
import type { WorkspaceIndex } from '../workspace/workspaceIndex';
import type { PositionCache } from './conversions';
import type { EditTracker } from './editTracker';

/**
 * A large open document is re-parsed incrementally from its previous version (see
 * WorkspaceIndex.setOpen): that version's model must not be used after a newer one was parsed.
 * Code that awaits between getting a model and reading offsets from it gets the model again.
 */
export class DocumentModels {
  constructor(
    private readonly documents: TextDocuments<TextDocument>,
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

  /** Parse the open documents whose version is not the one indexed. */
  syncAll(): void {
    const affected = new Set<string>();
    const edits = this.edits;
    for (const td of this.documents.all()) {
      const changeSince = edits ? (version: number, length: number) => edits.take(td.uri, version, length) : undefined;
      const update = this.index.setOpen(td.uri, td.version, () => td.getText(), undefined, changeSince);
      if (update.reparsed && update.doc) this.positions?.edited(update.reparsed.previous, update.doc, update.reparsed.change);
      for (const u of update.affected) affected.add(u);
    }
    if (affected.size) this.onAffected([...affected]);
  }
}
