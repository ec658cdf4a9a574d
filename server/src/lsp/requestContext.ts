// The one preamble of every request about a document: guard, settings, the model, staleness, cancellation, the line index.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';
import type { AvroDocument } from '../service/model/types';
import type { DocumentSnapshot } from '../service/languageService';
import type { LineIndex } from '../service/text';
import type { ServerContext } from './context';
import { INDEX_WAIT_MS, lineIndexOf } from './diagnostics';
import { runSafeAsync } from './guard';
import type { DocumentSettings } from './settings';

/** What a handler gets: the snapshot to hand the language service, and what converts its offsets. */
export interface DocumentRequest {
  uri: string;
  /** The model of the version this answer is for (never changed: a newer version is another object). */
  doc: AvroDocument;
  /** The line index of `doc`'s text: positions in, ranges out. */
  lines: LineIndex;
  settings: DocumentSettings;
  /** The document, the workspace index and the settings, for the language service. */
  snapshot: DocumentSnapshot;
  /** Aborted when the client cancels: hand it to HTTP requests and git processes. */
  signal: AbortSignal;
}

export interface DocumentRequestOptions<T> {
  /** The answer when there is nothing to say (no model, a stale one, a failure). */
  fallback: () => T;
  /** Wait (at most INDEX_WAIT_MS) for the first workspace index: answers that read other files. */
  waitForIndex?: boolean;
  /** Only an open document, at the version the editor holds (completion, hover). */
  openOnly?: boolean;
}

/**
 * Run a request about one document: in runSafeAsync (failures logged and answered with the
 * fallback, cancellation answered as such, an AbortSignal for the work); settings read; the model
 * of the current version taken with its line index; and, when the work awaited and the document
 * changed meanwhile (another version, closed, opened again), the answer is dropped: its offsets
 * are of a text the editor no longer has (ContentModified, which clients drop silently).
 */
export function withDocument<T>(
  ctx: ServerContext,
  method: string,
  params: { textDocument: { uri: string } },
  token: CancellationToken,
  options: DocumentRequestOptions<T>,
  work: (request: DocumentRequest) => T | Promise<T>,
): Promise<T | ResponseError<void>> {
  // (Parameters are checked before any handler runs, lsp/requestParams.ts; read defensively all the same.)
  const uri = params?.textDocument?.uri;
  return runSafeAsync<T>(ctx.logger, () => ctx.runtime.now(), method, uri, async signal => {
    if (options.waitForIndex) await ctx.whenIndexed(INDEX_WAIT_MS);
    const settings = await ctx.settings.get(uri);
    if (token.isCancellationRequested) return options.fallback();
    const doc = ctx.models.get(uri);
    const open = ctx.documents.get(uri);
    if (!doc) return options.fallback();
    if (options.openOnly && (!open || doc.version !== open.version)) return options.fallback();
    const epoch = open?.epoch;
    const version = open?.version;
    const lines = lineIndexOf(ctx, doc);
    const result = await work({ uri, doc, lines, settings, snapshot: { doc, index: ctx.index.schemas, settings: settings.avro }, signal });
    const now = ctx.documents.get(uri);
    if (now?.epoch !== epoch || now?.version !== version) throw stale();
    return result;
  }, options.fallback, token);
}

/** The answer to a request whose document changed while it was computed. */
export function stale(): ResponseError<void> {
  return new ResponseError(LSPErrorCodes.ContentModified, 'The document changed while the request was computed; ask again.');
}
