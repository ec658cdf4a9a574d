// Workspace-relative paths of documents for hovers and completion details ("schemas/address.avsc"), from the server's workspace folders.
import * as path from 'node:path';
import type { ServerContext } from './context';
import { uriToPath } from '../workspace/uris';

/**
 * A function naming documents as seen from the document `fromUri`: relative to the workspace folder
 * that holds them; outside every folder, relative to the folder of `fromUri`; else the file name.
 */
export function displayPathsFrom(ctx: ServerContext, fromUri: string): (uri: string) => string {
  const from = uriToPath(fromUri);
  return (uri: string) => {
    const p = uriToPath(uri);
    if (p === undefined) return lastSegment(uri);
    const folder = ctx.workspaceFolderOf(uri);
    if (folder !== undefined) {
      const rel = path.relative(folder, p);
      if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
    }
    if (from !== undefined) return path.relative(path.dirname(from), p).split(path.sep).join('/');
    return path.basename(p);
  };
}

function lastSegment(uri: string): string {
  const clean = uri.replace(/[?#].*$/, '');
  return clean.slice(clean.lastIndexOf('/') + 1);
}
