// Finds the .avsc files of a folder tree: skips excluded folders, never follows linked folders, reports unreadable ones.
import * as path from 'node:path';
import type { FileSystem } from './fileSystem';
import type { ExcludeMatcher } from './exclude';

export interface CrawlResult {
  /** Absolute paths of the .avsc files found, sorted. */
  files: string[];
  /** Folders that could not be read, with the reason. */
  errors: Array<{ path: string; message: string }>;
}

export interface CrawlOptions {
  /** The file name suffix to collect (default `.avsc`). */
  extension?: string;
  /** Folders read at the same time (default 16). */
  concurrency?: number;
  /** Stop early (the result holds what was found so far). */
  isCancelled?: () => boolean;
}

/** Every matching file under `root`; a root that is a file is returned as it is, whatever its extension. */
export async function crawl(fs: FileSystem, root: string, exclude: ExcludeMatcher, options: CrawlOptions = {}): Promise<CrawlResult> {
  const extension = (options.extension ?? '.avsc').toLowerCase();
  const concurrency = options.concurrency ?? 16;
  const files: string[] = [];
  const errors: Array<{ path: string; message: string }> = [];
  const queue: string[] = [];
  let active = 0;
  try {
    const stat = await fs.stat(root);
    if (!stat) {
      errors.push({ path: root, message: `no such file or directory: ${root}` });
    } else if (stat.type === 'directory') {
      queue.push(root);
    } else if (stat.type === 'file') {
      files.push(root);
    }
  } catch (err) {
    errors.push({ path: root, message: errorMessage(err) });
  }

  await new Promise<void>(resolve => {
    const pump = (): void => {
      if (options.isCancelled?.()) queue.length = 0;
      while (active < concurrency && queue.length > 0) {
        const dir = queue.pop()!;
        active++;
        fs.readDirectory(dir).then(
          entries => {
            for (const e of entries) {
              const p = path.join(dir, e.name);
              if (e.type === 'directory') {
                if (!exclude.isExcludedDirectory(p)) queue.push(p);
              } else if (e.type === 'file' && e.name.toLowerCase().endsWith(extension)) {
                if (!exclude.isExcludedFile(p)) files.push(p);
              }
            }
          },
          (err: unknown) => errors.push({ path: dir, message: errorMessage(err) }),
        ).finally(() => {
          active--;
          pump();
        });
      }
      if (active === 0 && queue.length === 0) resolve();
    };
    pump();
  });
  files.sort();
  return { files, errors };
}

export function errorMessage(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown };
    if (typeof e.code === 'string' && typeof e.message === 'string') return e.message;
    if (typeof e.message === 'string') return e.message;
  }
  return String(err);
}
