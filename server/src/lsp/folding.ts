// textDocument/foldingRange: the JSON structure, block comments and #region markers, within the client's range limit.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import { foldingRanges } from '../service/folding';
import type { ServerContext } from './context';
import { lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';

export const foldingFeature: Feature = {
  name: 'folding',
  capabilities: () => {
    return { foldingRangeProvider: true };
  },
  register(ctx: ServerContext): void {
    ctx.connection.onFoldingRanges((params, token) =>
      runSafeAsync(ctx.logger, () => ctx.runtime.now(), 'textDocument/foldingRange', params.textDocument.uri, (): FoldingRange[] | null => {
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        return foldingRanges(doc.json, doc.text, lineIndexOf(ctx, doc), ctx.client.editor.foldingRangeLimit).map(r => {
          const range: FoldingRange = { startLine: r.startLine, endLine: r.endLine };
          if (r.kind === 'comment') range.kind = FoldingRangeKind.Comment;
          else if (r.kind === 'region') range.kind = FoldingRangeKind.Region;
          return range;
        });
      }, () => null, token),
    );
  },
};
