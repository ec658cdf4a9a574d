// textDocument/foldingRange: the JSON structure, block comments and #region markers, within the client's range limit.
import { FoldingRangeKind, type FoldingRange } from 'vscode-languageserver';
import type { ServerContext } from './context';
import type { Feature } from './features';
import { withDocument } from './requestContext';

export const foldingFeature: Feature = {
  name: 'folding',
  capabilities: () => {
    return { foldingRangeProvider: true };
  },
  register(ctx: ServerContext): void {
    ctx.connection.onFoldingRanges((params, token) =>
      withDocument(ctx, 'textDocument/foldingRange', params, token, { fallback: () => null }, ({ doc, lines }): FoldingRange[] | null => {
        return ctx.service.foldingRanges(doc, lines, ctx.client.editor.foldingRangeLimit).map(r => {
          const range: FoldingRange = { startLine: r.startLine, endLine: r.endLine };
          if (r.kind === 'comment') range.kind = FoldingRangeKind.Comment;
          else if (r.kind === 'region') range.kind = FoldingRangeKind.Region;
          return range;
        });
      }),
    );
  },
};
