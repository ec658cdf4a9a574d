// The workspace's documents in one SchemaIndex: files from disk, overridden by the editor's open documents; tracks who depends on whom.
import type { DecodedText } from './decode';
import { parseAvroDocument } from '../service/languageService';
import { reparseAvroDocument, type ReparseKind, type TextChange } from '../service/languageService';
import { SchemaIndex } from '../service/languageService';
import type { IndexedDocument } from '../service/languageService';
import type { AvroDocument, TextSource } from '../service/model/types';
import { pathToUri, uriKey } from './uris';

/** Files larger than this are not analysed unless the settings say otherwise (AVRO-500). */
export const DEFAULT_MAX_FILE_SIZE = 5 * 1024 * 1024;

/**
 * Open documents at least this long are re-parsed incrementally after an edit (only the edited
 * top-level field is read again). Below it a full parse takes a few milliseconds, and every model
 * stays as it was built (an incremental re-parse reuses, and so changes, the previous version's).
 */
export const INCREMENTAL_MIN_LENGTH = 64 * 1024;

export type EntryOrigin = 'disk' | 'open';

interface Entry {
  /** The URI the document is indexed under (the client's spelling for open documents). */
  uri: string;
  origin: EntryOrigin;
  /** The editor's version for open documents; 0 for files read from disk. */
  version: number;
  /** The file on disk, when the document is a workspace file. */
  path?: string;
  /** Set when the text is over the size limit: the document is not parsed nor indexed. */
  oversize?: number;
  /** What a file read from disk was decoded from (its encoding and byte order mark). */
  source?: TextSource;
}

export interface IndexUpdate {
  /** The parsed document, or undefined when it was too large to analyse. */
  doc: AvroDocument | undefined;
  /**
   * When an open document was parsed from its previous version and an edit: the previous model
   * (no longer valid: an incremental re-parse reuses its nodes), the edit, and how it was parsed.
   */
  reparsed?: { previous: AvroDocument; change: TextChange; kind: ReparseKind };
  /**
   * Other indexed documents whose diagnostics may change: they reference a fullname the document
   * defined before or defines now, or define one of those fullnames themselves.
   */
  affected: string[];
}

export interface WorkspaceIndexOptions {
  /**
   * Keep files read from disk as summaries (SchemaIndex.setSummary: names, references and text;
   * their models are rebuilt when needed), open documents whole. The language server does: most
   * of a workspace is never opened. Default false: every model is kept (the CLI reads each file
   * once and validates them all).
   */
  summarizeDiskFiles?: boolean;
}

export class WorkspaceIndex {
  readonly schemas = new SchemaIndex();
  private readonly entries = new Map<string, Entry>();
  /** Incremented on every change of the indexed documents (pull diagnostics use it in result ids). */
  private _generation = 0;
  private readonly summarizeDiskFiles: boolean;

  constructor(public maxFileSize: number = DEFAULT_MAX_FILE_SIZE, options: WorkspaceIndexOptions = {}) {
    this.summarizeDiskFiles = options.summarizeDiskFiles ?? false;
  }

  get generation(): number {
    return this._generation;
  }

  /** Number of documents known (indexed or over the size limit). */
  get size(): number {
    return this.entries.size;
  }

  /** The indexed document for a URI (any spelling of a file URI). */
  get(uri: string): AvroDocument | undefined {
    const e = this.entries.get(uriKey(uri));
    return e ? this.schemas.get(e.uri) : undefined;
  }

  /** The document as indexed, without building a model for a summarized one (its text, names and references). */
  indexed(uri: string): IndexedDocument | undefined {
    const e = this.entries.get(uriKey(uri));
    return e ? this.schemas.indexed(e.uri) : undefined;
  }

  /** The size of a document that was too large to analyse, or undefined. */
  oversize(uri: string): number | undefined {
    return this.entries.get(uriKey(uri))?.oversize;
  }

  has(uri: string): boolean {
    return this.entries.has(uriKey(uri));
  }

  isOpen(uri: string): boolean {
    return this.entries.get(uriKey(uri))?.origin === 'open';
  }

  /** The version indexed for an open document (undefined when it is not open here). */
  openVersion(uri: string): number | undefined {
    const e = this.entries.get(uriKey(uri));
    return e?.origin === 'open' ? e.version : undefined;
  }

  /** URIs of every known document. */
  uris(): string[] {
    return [...this.entries.values()].map(e => e.uri);
  }

  /** Workspace files read from disk (not open in the editor), by path. */
  diskPaths(): string[] {
    const out: string[] = [];
    for (const e of this.entries.values()) if (e.origin === 'disk' && e.path) out.push(e.path);
    return out;
  }

  /** Paths of every known file under a folder (open or not). */
  pathsUnder(folder: string): string[] {
    const prefix = folder.endsWith('/') || folder.endsWith('\\') ? folder : folder + (folder.includes('\\') ? '\\' : '/');
    const out: string[] = [];
    for (const e of this.entries.values()) if (e.path && e.path.startsWith(prefix)) out.push(e.path);
    return out;
  }

  /**
   * A file read from disk: its text, or its decoded bytes (the service then knows the encoding). Ignored
   * (returns no change) while the editor has the document open.
   */
  setDiskFile(path: string, content: string | DecodedText, trackAffected = true): IndexUpdate {
    const text = typeof content === 'string' ? content : content.text;
    const source: TextSource | undefined = typeof content === 'string' ? undefined : { encoding: content.encoding, bom: content.bom };
    const uri = pathToUri(path);
    const key = uriKey(uri);
    const existing = this.entries.get(key);
    if (existing?.origin === 'open') {
      existing.path = path;
      return { doc: this.schemas.get(existing.uri), affected: [] };
    }
    return this.put(key, { uri, origin: 'disk', version: 0, path, source }, text, trackAffected);
  }

  /** A file on disk that is too large to analyse (recorded so it can be reported, never read). */
  setDiskFileOversize(path: string, size: number, trackAffected = true): IndexUpdate {
    const uri = pathToUri(path);
    const key = uriKey(uri);
    if (this.entries.get(key)?.origin === 'open') return { doc: undefined, affected: [] };
    return this.put(key, { uri, origin: 'disk', version: 0, path, oversize: size }, undefined, trackAffected);
  }

  /** A file deleted from disk or excluded. Ignored while the editor has it open. */
  removeDiskFile(path: string): IndexUpdate {
    const key = uriKey(pathToUri(path));
    const existing = this.entries.get(key);
    if (!existing) return { doc: undefined, affected: [] };
    if (existing.origin === 'open') {
      existing.path = undefined;
      return { doc: undefined, affected: [] };
    }
    return this.remove(key);
  }

  /**
   * The editor's text of a document. Parses only when (uri, version) differs from what is indexed:
   * this is the parse cache of open documents. `changeSince(version)` tells how the text changed
   * since the version indexed (undefined: unknown), for an incremental re-parse of a large document.
   */
  setOpen(uri: string, version: number, text: () => string, path?: string, changeSince?: (version: number, length: number) => TextChange | undefined): IndexUpdate {
    const key = uriKey(uri);
    const existing = this.entries.get(key);
    if (existing && existing.origin === 'open' && existing.version === version && existing.uri === uri) {
      return { doc: this.schemas.get(existing.uri), affected: [] };
    }
    const content = text();
    let edit: { previous: AvroDocument; change: TextChange } | undefined;
    if (changeSince && existing && existing.origin === 'open' && existing.uri === uri && existing.oversize === undefined) {
      const change = changeSince(existing.version, content.length);
      const previous = this.schemas.get(uri);
      if (change && previous && content.length >= INCREMENTAL_MIN_LENGTH && previous.text.length >= INCREMENTAL_MIN_LENGTH) edit = { previous, change };
    }
    return this.put(key, { uri, origin: 'open', version, path: path ?? existing?.path }, content, true, edit);
  }

  /**
   * The editor closed a document. Returns the path of the workspace file to read back from disk
   * (the caller reads it and calls setDiskFile), or undefined when the document was not a
   * workspace file (then it is dropped from the index now).
   */
  close(uri: string): { path: string | undefined; update: IndexUpdate } {
    const key = uriKey(uri);
    const existing = this.entries.get(key);
    if (!existing || existing.origin !== 'open') return { path: undefined, update: { doc: undefined, affected: [] } };
    const path = existing.path;
    return { path, update: this.remove(key) };
  }

  /** The workspace file behind a document, when known. */
  pathOf(uri: string): string | undefined {
    return this.entries.get(uriKey(uri))?.path;
  }

  /** Remember that an open document is a file of the workspace (so closing it re-reads it). */
  markWorkspaceFile(uri: string, path: string): void {
    const e = this.entries.get(uriKey(uri));
    if (e) e.path = path;
  }

  /** Forget every document read from disk (before a re-index). Open documents stay. */
  clearDisk(): string[] {
    const removed: string[] = [];
    for (const [key, e] of [...this.entries]) {
      if (e.origin !== 'disk') continue;
      this.schemas.delete(e.uri);
      this.entries.delete(key);
      removed.push(e.uri);
    }
    if (removed.length) this._generation++;
    return removed;
  }

  private put(key: string, entry: Entry, text: string | undefined, trackAffected = true, edit?: { previous: AvroDocument; change: TextChange }): IndexUpdate {
    const previous = this.entries.get(key);
    const before = previous ? this.schemas.indexed(previous.uri) : undefined;
    if (previous && previous.uri !== entry.uri) this.schemas.delete(previous.uri);
    this.entries.set(key, entry);
    this._generation++;
    let doc: AvroDocument | undefined;
    let reparsed: IndexUpdate['reparsed'];
    if (text !== undefined && text.length > this.maxFileSize) {
      entry.oversize = text.length;
    }
    if (text !== undefined && entry.oversize === undefined) {
      // (An incremental re-parse leaves the previous version's `definitions` as they were.)
      if (edit) {
        const result = reparseAvroDocument(edit.previous, text, entry.version, edit.change);
        doc = result.doc;
        reparsed = { previous: edit.previous, change: edit.change, kind: result.kind };
      } else {
        doc = parseAvroDocument(entry.uri, text, entry.version, entry.source);
      }
      if (entry.origin === 'disk' && this.summarizeDiskFiles) this.schemas.setSummary(doc);
      else this.schemas.set(doc);
    } else {
      this.schemas.delete(entry.uri);
    }
    return { doc, affected: trackAffected ? this.affectedBy(entry.uri, before, doc) : [], reparsed };
  }

  private remove(key: string): IndexUpdate {
    const previous = this.entries.get(key);
    if (!previous) return { doc: undefined, affected: [] };
    const before = this.schemas.indexed(previous.uri);
    this.schemas.delete(previous.uri);
    this.entries.delete(key);
    this._generation++;
    return { doc: undefined, affected: this.affectedBy(previous.uri, before, undefined) };
  }

  private affectedBy(uri: string, before: IndexedDocument | undefined, after: AvroDocument | undefined): string[] {
    // A definition object both versions share is unchanged (an incremental re-parse reuses what it
    // did not re-read): only the others can change another document's diagnostics.
    const fullnames = new Set<string>();
    if (before) for (const [f, s] of before.definitions) if (after?.definitions.get(f) !== s) fullnames.add(f);
    if (after) for (const [f, s] of after.definitions) if (before?.definitions.get(f) !== s) fullnames.add(f);
    if (fullnames.size === 0) return [];
    const result = new Set(this.schemas.dependentsOf(fullnames));
    for (const f of fullnames) for (const s of this.schemas.definitionsOf(f)) result.add(s.uri);
    result.delete(uri);
    return [...result];
  }
}
