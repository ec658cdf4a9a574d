// textDocument/selectionRange: expand selection from a name to its string, property, object... up to the root.
import type { SelectionRange } from 'vscode-languageserver';
import { selectionRanges } from '../service/selectionRanges';
import type { ServerContext } from './context';
import { lineIndexOf } from './diagnostics';
import type { Feature } from './features';
import { runSafeAsync } from './guard';

export const selectionRangesFeature: Feature = {
  name: 'selectionRanges',
  capabilities: () => ({ selectionRangeProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onSelectionRanges((params, token) =>
      runSafeAsync(ctx.logger, () => ctx.runtime.now(), 'textDocument/selectionRange', params.textDocument.uri, (): SelectionRange[] | null => {
        const doc = ctx.models.get(params.textDocument.uri);
        if (!doc) return null;
        const lines = lineIndexOf(ctx, doc);
        // One answer per position, in order; outside the schema, the empty range at the position.
        return params.positions.map(position => {
          const spans = selectionRanges(doc.json, doc.text, lines.offsetAt(position));
          let current: SelectionRange | undefined;
          for (let i = spans.length - 1; i >= 0; i--) current = { range: lines.rangeOf(spans[i].offset, spans[i].length), parent: current };
          return current ?? { range: { start: position, end: position } };
        });
      }, () => null, token),
    );
  },
};
