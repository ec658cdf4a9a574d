// Computes the LSP diagnostics of one document: the model from the index, the service's rules, the conversion; AVRO-500 for huge files.
import type { Diagnostic } from 'vscode-languageserver';
import type { AvroDocument } from '../service/model/types';
import { DocumentSummary } from '../service/languageService';
import { LineIndex } from '../service/text';
import { oversizeDiagnostic } from '../workspace/oversize';
import { toLspDiagnostic, toLspDiagnostics } from './conversions';
import type { ServerContext } from './context';
import { formatError } from './guard';
import type { DocumentSettings } from './settings';

/** How long diagnostics wait for the first workspace index before answering with what is known. */
export const INDEX_WAIT_MS = 3000;

const EMPTY_TEXT_INDEX = new LineIndex('');

/** The diagnostics of a document now (synchronous: nothing can change between the computation and the caller's publish). */
export function computeDiagnostics(ctx: ServerContext, uri: string, settings: DocumentSettings): Diagnostic[] {
  const doc = ctx.models.get(uri);
  const oversize = ctx.index.oversize(uri);
  if (oversize !== undefined) {
    const d = oversizeDiagnostic(oversize, ctx.index.maxFileSize, settings.avro, 'the setting avro.maxFileSizeMB');
    return d ? [toLspDiagnostic(d, EMPTY_TEXT_INDEX, () => undefined)] : [];
  }
  if (!doc) return [];
  ctx.runtime.beforeValidate?.(uri);
  const { diagnostics, internalErrors } = ctx.service.validate({ doc, index: ctx.index.schemas, settings: settings.avro }, ctx.runtime.rules);
  // A failing rule is our bug: logged with the document and the rule; the other rules' findings are published.
  for (const f of internalErrors) ctx.logger.error(`Avro Studio: the validation rule ${f.rule} failed on ${uri} (version ${doc.version}); its findings are missing, the other rules' are shown: ${f.stack ?? f.message}`);
  const contributed = contributions(ctx, uri, doc, settings);
  if (diagnostics.length === 0) return filtered(ctx, uri, doc, contributed, settings);
  const own = lineIndexOf(ctx, doc);
  const converted = toLspDiagnostics(diagnostics, own, relatedUri => {
    return relatedUri === doc.uri ? own : linesOfIndexed(ctx, relatedUri);
  });
  return filtered(ctx, uri, doc, contributed.length ? converted.concat(contributed) : converted, settings);
}

/** The filters' say (suppressions, "ignore", accepted findings); a failing filter leaves the diagnostics as they are. */
function filtered(ctx: ServerContext, uri: string, doc: AvroDocument, diagnostics: Diagnostic[], settings: DocumentSettings): Diagnostic[] {
  let out = diagnostics;
  for (const f of ctx.hooks.filters ?? []) {
    try {
      out = f.filter(uri, doc, out, settings);
    } catch (err) {
      ctx.logger.error(formatError(`Avro Studio: the ${f.name} filter failed on ${uri}`, err));
    }
  }
  return out;
}

/** What features add (compatibility findings); one failing contributor costs only its own diagnostics. */
function contributions(ctx: ServerContext, uri: string, doc: AvroDocument, settings: DocumentSettings): Diagnostic[] {
  let out: Diagnostic[] = [];
  for (const c of ctx.hooks.diagnostics) {
    try {
      const found = c.diagnostics(uri, doc, settings);
      if (found.length) out = out.concat(found);
    } catch (err) {
      ctx.logger.error(formatError(`Avro Studio: ${c.name} diagnostics of ${uri} failed`, err));
    }
  }
  return out;
}

export function lineIndexOf(ctx: ServerContext, doc: AvroDocument): LineIndex {
  return ctx.positions.lineIndex(doc, doc.text);
}

/**
 * The line index of any indexed document, for results that point into other files. A file that is
 * not open is a summary: its model is not built, its text is decoded (and its line index kept a
 * while, PositionCache.ofText).
 */
export function linesOfIndexed(ctx: ServerContext, uri: string): LineIndex | undefined {
  const doc = ctx.index.indexed(uri);
  if (!doc) return undefined;
  if (!(doc instanceof DocumentSummary)) return lineIndexOf(ctx, doc);
  return ctx.positions.ofText(doc, () => ctx.index.schemas.textOf(doc.uri) ?? '');
}
