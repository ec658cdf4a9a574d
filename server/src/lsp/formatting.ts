// textDocument/formatting and rangeFormatting: the editor's indentation options, the setting avro.format.sortKeys, the service's formatter.
import type { FormattingOptions, Range, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { LineIndex } from '../service/text';
import { formatSize } from '../workspace/oversize';
import type { ServerContext } from './context';
import { lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';

export const formattingFeature: Feature = {
  name: 'formatting',
  capabilities: () => ({ documentFormattingProvider: true, documentRangeFormattingProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onDocumentFormatting((params, token) =>
      runSafeAsync(ctx.logger, () => ctx.runtime.now(), 'textDocument/formatting', params.textDocument.uri,
        () => format(ctx, params.textDocument.uri, params.options), () => [], token));
    ctx.connection.onDocumentRangeFormatting((params, token) =>
      runSafeAsync(ctx.logger, () => ctx.runtime.now(), 'textDocument/rangeFormatting', params.textDocument.uri,
        () => format(ctx, params.textDocument.uri, params.options, params.range), () => [], token));
  },
};

async function format(ctx: ServerContext, uri: string, options: FormattingOptions, range?: Range): Promise<LspTextEdit[]> {
  const textDocument = ctx.documents.get(uri);
  if (!textDocument) return [];
  // Over the analysis limit: answered at once, the text not scanned (formatting 20 MB would hold up every other request).
  const size = textDocument.getText().length;
  if (size > ctx.index.maxFileSize) {
    ctx.logger.info(`Avro Studio: ${uri} was not formatted: it is ${formatSize(size)}, over the ${formatSize(ctx.index.maxFileSize)} limit for analysis (the setting avro.maxFileSizeMB).`);
    return [];
  }
  const { sortKeys } = (await ctx.settings.get(uri)).format;
  // The model when the document is analysed; a file too large to analyse is formatted from its text.
  const doc = ctx.models.get(uri);
  const current = doc && doc.version === textDocument.version ? doc : undefined;
  const text = current ? current.text : textDocument.getText();
  const lines = current ? lineIndexOf(ctx, current) : new LineIndex(text);
  const selection = range ? { offset: lines.offsetAt(range.start), length: lines.offsetAt(range.end) - lines.offsetAt(range.start) } : undefined;
  const result = ctx.service.format(current ?? text, {
    tabSize: options.tabSize,
    insertSpaces: options.insertSpaces,
    insertFinalNewline: options.insertFinalNewline === true,
    sortKeys,
  }, selection);
  if (result.skipped) ctx.logger.info(`Avro Studio: ${uri} was not formatted: ${result.skipped}.`);
  return result.edits.map(e => ({ range: lines.rangeOf(e.offset, e.length), newText: e.newText }));
}
