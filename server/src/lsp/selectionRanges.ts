// textDocument/selectionRange: expand selection from a name to its string, property, object... up to the root.
import type { SelectionRange } from 'vscode-languageserver';
import type { ServerContext } from './context';
import type { Feature } from './features';
import { withDocument } from './requestContext';

export const selectionRangesFeature: Feature = {
  name: 'selectionRanges',
  capabilities: () => ({ selectionRangeProvider: true }),
  register(ctx: ServerContext): void {
    ctx.connection.onSelectionRanges((params, token) =>
      withDocument(ctx, 'textDocument/selectionRange', params, token, { fallback: () => null }, ({ doc, lines }): SelectionRange[] | null => {
        // One answer per position, in order; outside the schema, the empty range at the position.
        return params.positions.map(position => {
          const spans = ctx.service.selectionRanges(doc, lines.offsetAt(position));
          let current: SelectionRange | undefined;
          for (let i = spans.length - 1; i >= 0; i--) current = { range: lines.rangeOf(spans[i].offset, spans[i].length), parent: current };
          return current ?? { range: { start: position, end: position } };
        });
      }),
    );
  },
};
