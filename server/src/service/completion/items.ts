// Building completion items at a cursor context: the edit over the typed token, commas and spaces around it, filter text, snippet escaping.
import { InsertTextFormat, type Command, type CompletionItemKind } from 'vscode-languageserver-types';
import type { CursorContext } from '../cursorContext';
import type { AvroCompletionItem, CompletionEdit } from './types';

/** Reopen the suggestions after inserting (for a value just started: a type, a logical type). */
export const TRIGGER_SUGGEST: Command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

/** Escape literal text for a snippet ($, } and \ are special there). */
export function escapeSnippet(text: string): string {
  return text.replace(/[$}\\]/g, m => '\\' + m);
}

/** A snippet's text as it is inserted with every placeholder at its default (for tests and previews). */
export function expandSnippet(snippet: string): string {
  let i = 0;
  const parse = (stopAtBrace: boolean): string => {
    let s = '';
    while (i < snippet.length) {
      const c = snippet[i];
      if (c === '\\' && i + 1 < snippet.length && '$}\\'.includes(snippet[i + 1])) {
        s += snippet[i + 1];
        i += 2;
      } else if (stopAtBrace && c === '}') {
        i++;
        return s;
      } else if (c === '$') {
        const m = /^\$(\d+)/.exec(snippet.slice(i));
        if (m) {
          i += m[0].length;
          continue;
        }
        const choice = /^\$\{\d+\|([^|]*)\|\}/.exec(snippet.slice(i));
        if (choice) {
          s += choice[1].split(',')[0].replace(/\\(.)/g, '$1');
          i += choice[0].length;
          continue;
        }
        const placeholder = /^\$\{\d+(:|\})/.exec(snippet.slice(i));
        if (placeholder) {
          i += placeholder[0].length;
          if (placeholder[1] === ':') s += parse(true);
          continue;
        }
        s += c;
        i++;
      } else {
        s += c;
        i++;
      }
    }
    return s;
  };
  return parse(false);
}

export interface ItemSpec {
  label: string;
  kind: CompletionItemKind;
  /** The text for the token's place (a snippet unless `plain`), without separators. */
  text: string;
  plain?: boolean;
  detail?: string;
  documentation?: string;
  sortText: string;
  /** What typing filters on, without quotes (quoted here unless the token is a bare word). */
  filter?: string;
  /** A second spelling to filter on (a fullname besides the short name inserted). */
  alsoFilter?: string;
  command?: Command;
  preselect?: boolean;
  /** Do not add the separators (the text replaces a key of a complete property). */
  noSeparators?: boolean;
}

/** What every item at one cursor shares: the span, the separators, how filter text is quoted. */
interface Prepared {
  offset: number;
  length: number;
  before: string;
  after: string;
  /** The comma after the previous value, shared by the items (never mutated). */
  additionalEdits: CompletionEdit[] | undefined;
  /** The filter text is quoted unless a bare word is being typed. */
  quoteFilter: boolean;
}

/** What every item of one request shares, computed once per cursor context (kept on it: it lives and dies with the request). */
function prepare(ctx: CursorContext): Prepared {
  let p = ctx.itemParts as Prepared | undefined;
  if (!p) {
    const sep = ctx.separators;
    p = {
      offset: ctx.token.offset,
      length: ctx.token.length,
      before: sep.spaceBefore ? ' ' : '',
      after: sep.commaAfter ? ',' : '',
      additionalEdits: sep.commaBefore !== undefined ? [{ offset: sep.commaBefore, length: 0, newText: ',' }] : undefined,
      quoteFilter: ctx.token.kind !== 'word',
    };
    ctx.itemParts = p;
  }
  return p;
}

/** The item for `spec` at the cursor: replaces the token, adds the comma before/after and a space after a colon. */
export function makeItem(ctx: CursorContext, spec: ItemSpec): AvroCompletionItem {
  const p = prepare(ctx);
  const separators = !spec.noSeparators;
  const edit: CompletionEdit = { offset: p.offset, length: p.length, newText: separators ? p.before + spec.text + p.after : spec.text };
  const filter = spec.filter ?? spec.label;
  const item: AvroCompletionItem = {
    label: spec.label,
    kind: spec.kind,
    sortText: spec.sortText,
    edit,
    format: spec.plain ? InsertTextFormat.PlainText : InsertTextFormat.Snippet,
    filterText: p.quoteFilter ? (spec.alsoFilter ? `"${filter}" "${spec.alsoFilter}"` : `"${filter}"`) : spec.alsoFilter ? `${filter} ${spec.alsoFilter}` : filter,
  };
  if (spec.detail !== undefined) item.detail = spec.detail;
  if (spec.documentation !== undefined) item.documentation = spec.documentation;
  if (separators && p.additionalEdits) item.additionalEdits = p.additionalEdits;
  if (spec.command) item.command = spec.command;
  if (spec.preselect) item.preselect = true;
  return item;
}

export interface StringValueSpec extends Omit<ItemSpec, 'text' | 'plain' | 'filter' | 'alsoFilter' | 'noSeparators'> {
  /** The string value (a name, a symbol): inserted as a JSON string. */
  value: string;
}

/** Names need no escaping in JSON: the common case skips JSON.stringify. */
const PLAIN_NAME = /^[A-Za-z0-9_.-]*$/;

/**
 * An item whose value is a JSON string (a type name, a symbol, a namespace), inserted quoted in
 * place of the literal being typed. Every item of a list replaces the same span: VS Code ranks
 * items by how well the typed text matches their filter text before their sort text, so items with
 * another span (only the content of the literal, say) would sink below the others. Lean on purpose:
 * a type position can list thousands of named types.
 */
export function makeStringItem(ctx: CursorContext, spec: StringValueSpec): AvroCompletionItem {
  const p = prepare(ctx);
  const quoted = PLAIN_NAME.test(spec.value) ? `"${spec.value}"` : JSON.stringify(spec.value);
  const item: AvroCompletionItem = {
    label: spec.label,
    kind: spec.kind,
    sortText: spec.sortText,
    edit: { offset: p.offset, length: p.length, newText: p.before + quoted + p.after },
    format: InsertTextFormat.PlainText,
    filterText: p.quoteFilter ? quoted : spec.value,
  };
  if (spec.detail !== undefined) item.detail = spec.detail;
  if (spec.documentation !== undefined) item.documentation = spec.documentation;
  if (p.additionalEdits) item.additionalEdits = p.additionalEdits;
  if (spec.command) item.command = spec.command;
  if (spec.preselect) item.preselect = true;
  return item;
}

/** sortText from a group (0 first) and a rank inside it. */
export function sortKey(group: number, rank: number): string {
  return `${group}${String(rank).padStart(4, '0')}`;
}
