// A new, empty .avsc file: a whole record skeleton named after the file, in the namespace its neighbours use.
import { CompletionItemKind } from 'vscode-languageserver-types';
import type { CursorContext } from '../cursorContext';
import { rootNamespaceOf } from '../model/summary';
import { escapeSnippet, makeItem, sortKey } from './items';
import type { AvroCompletionItem, CompletionRequest } from './types';

/** "order-created.avsc" -> "OrderCreated"; undefined when nothing usable is left. */
export function recordNameFromUri(uri: string): string | undefined {
  let file = uri.replace(/[?#].*$/, '');
  file = file.slice(file.lastIndexOf('/') + 1);
  try {
    file = decodeURIComponent(file);
  } catch {
    // keep it
  }
  file = file.replace(/\.avsc$/i, '');
  const words = file.split(/[^A-Za-z0-9]+/).filter(w => w !== '');
  if (words.length === 0) return undefined;
  let name = words.map(w => w[0].toUpperCase() + w.slice(1)).join('');
  if (/^[0-9]/.test(name)) name = '_' + name;
  return name;
}

/**
 * The namespace a new file most likely wants: the most common top-level namespace of the files in
 * the same folder, else of the whole workspace.
 */
export function likelyNamespace(request: CompletionRequest): string | undefined {
  const uri = request.doc.uri;
  const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
  const near = new Map<string, number>();
  const all = new Map<string, number>();
  if (request.index) {
    for (const d of request.index.indexedDocuments()) {
      const ns = d.uri === uri ? undefined : rootNamespaceOf(d);
      if (!ns) continue;
      all.set(ns, (all.get(ns) ?? 0) + 1);
      if (d.uri.slice(0, d.uri.lastIndexOf('/') + 1) === folder) near.set(ns, (near.get(ns) ?? 0) + 1);
    }
  }
  const best = (m: Map<string, number>): string | undefined => [...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  return best(near) ?? best(all);
}

export function newFileItems(ctx: CursorContext, request: CompletionRequest): AvroCompletionItem[] {
  const name = recordNameFromUri(request.doc.uri) ?? 'MyRecord';
  const namespace = likelyNamespace(request) ?? 'com.example';
  const text = [
    '{',
    '\t"type": "record",',
    `\t"name": "\${1:${escapeSnippet(name)}}",`,
    `\t"namespace": "\${2:${escapeSnippet(namespace)}}",`,
    '\t"doc": "${3}",',
    '\t"fields": [',
    '\t\t{ "name": "${4:id}", "type": "${5:string}" }$0',
    '\t]',
    '}',
  ].join('\n');
  return [makeItem(ctx, {
    label: 'record schema',
    kind: CompletionItemKind.Snippet,
    text,
    detail: `new record ${namespace}.${name}`,
    documentation: 'A whole record schema for a new file: name, namespace, doc and a first field.',
    sortText: sortKey(0, 0),
    filter: 'record',
    preselect: true,
  })];
}
