// Indexes workspace folders from disk: crawl, read with bounded concurrency, parse in slices that yield to the event loop.
import { FileTooLargeError, type FileSystem } from './fileSystem';
import { ExcludeMatcher } from './exclude';
import { crawl, errorMessage } from './crawler';
import type { WorkspaceIndex } from './workspaceIndex';

export interface WorkspaceFolderSpec {
  /** Absolute path of the folder (or of a single file). */
  path: string;
  /** `avro.workspace.exclude` globs of that folder. */
  exclude: readonly string[];
  /** avro-studio.json's "exclude" globs, relative to the project file's folder. */
  projectExclude?: ReadonlyArray<{ root: string; patterns: readonly string[] }>;
}

export interface LoadOptions {
  /** Called between slices of work so other requests are answered (the server passes setImmediate). */
  yieldToEventLoop?: () => Promise<void>;
  /** Milliseconds of parsing between two yields (default 15). */
  sliceMs?: number;
  now?: () => number;
  /** Progress after each file: files done and files found. */
  onProgress?: (done: number, total: number) => void;
  isCancelled?: () => boolean;
  /** Files read at the same time (default 16). */
  concurrency?: number;
  /**
   * Compute which other documents each file affects (default true). A full index load turns it
   * off: computing it per file would be quadratic, and everything open is re-validated after it.
   */
  trackAffected?: boolean;
}

export interface LoadResult {
  /** Files read and indexed (including those over the size limit, which are recorded but not parsed). */
  files: string[];
  /** Files or folders that could not be read. */
  errors: Array<{ path: string; message: string }>;
  /** Documents whose diagnostics may have changed because of what was (re)loaded (open documents among them). */
  affected: Set<string>;
  durationMs: number;
}

/** Crawl the folders, read every .avsc file not excluded and add it to the index. */
export async function loadWorkspace(fs: FileSystem, folders: readonly WorkspaceFolderSpec[], index: WorkspaceIndex, options: LoadOptions = {}): Promise<LoadResult> {
  const now = options.now ?? (() => Date.now());
  const start = now();
  const errors: Array<{ path: string; message: string }> = [];
  const found: string[] = [];
  const seen = new Set<string>();
  for (const folder of folders) {
    const result = await crawl(fs, folder.path, new ExcludeMatcher(folder.path, folder.exclude, folder.projectExclude), { isCancelled: options.isCancelled });
    errors.push(...result.errors);
    for (const f of result.files) {
      if (!seen.has(f)) {
        seen.add(f);
        found.push(f);
      }
    }
  }
  const affected = new Set<string>();
  // Files indexed before but not found now were deleted or are excluded now.
  for (const folder of folders) {
    for (const p of index.pathsUnder(folder.path)) {
      if (!seen.has(p)) for (const u of index.removeDiskFile(p).affected) affected.add(u);
    }
  }
  const loaded = await readFiles(fs, found, index, affected, errors, { trackAffected: false, ...options }, now);
  return { files: loaded, errors, affected, durationMs: now() - start };
}

/** Read (or re-read) some files into the index, e.g. after file watcher events. */
export async function readFiles(
  fs: FileSystem,
  paths: readonly string[],
  index: WorkspaceIndex,
  affected: Set<string>,
  errors: Array<{ path: string; message: string }>,
  options: LoadOptions = {},
  now: () => number = options.now ?? (() => Date.now()),
): Promise<string[]> {
  const concurrency = options.concurrency ?? 16;
  const sliceMs = options.sliceMs ?? 15;
  const trackAffected = options.trackAffected ?? true;
  const loaded: string[] = [];
  let next = 0;
  let done = 0;
  let sliceStart = now();

  const worker = async (): Promise<void> => {
    while (next < paths.length) {
      if (options.isCancelled?.()) return;
      const p = paths[next++];
      try {
        const stat = await fs.stat(p);
        if (!stat || stat.type !== 'file') {
          for (const u of index.removeDiskFile(p).affected) affected.add(u);
        } else if (stat.size > index.maxFileSize) {
          for (const u of index.setDiskFileOversize(p, stat.size, trackAffected).affected) affected.add(u);
          loaded.push(p);
        } else {
          // Read no further than the limit: a file that grew since the stat (or never ends) is over it too.
          const update = index.setDiskFile(p, await fs.readText(p, index.maxFileSize), trackAffected);
          for (const u of update.affected) affected.add(u);
          loaded.push(p);
        }
      } catch (err) {
        if (err instanceof FileTooLargeError) {
          for (const u of index.setDiskFileOversize(p, err.size, trackAffected).affected) affected.add(u);
          loaded.push(p);
        } else {
          errors.push({ path: p, message: errorMessage(err) });
        }
      }
      done++;
      options.onProgress?.(done, paths.length);
      if (options.yieldToEventLoop && now() - sliceStart > sliceMs) {
        await options.yieldToEventLoop();
        sliceStart = now();
      }
    }
  };
  const workers: Promise<void>[] = [];
  for (let i = 0; i < Math.min(concurrency, paths.length); i++) workers.push(worker());
  await Promise.all(workers);
  loaded.sort();
  return loaded;
}
