// Finds and reads avro-studio.json: the nearest one at or above a directory (a workspace folder's root in the editor, the run's root in the CLI).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { readTextFile } from '../node/textFile';
import { FileTooLargeError, NotARegularFileError } from '../workspace/fileSystem';
import { formatSize } from '../workspace/oversize';
import { nearestProjectFolder } from '../domain/projectFile';
import { emptyProjectConfig, parseProjectConfig, PROJECT_CONFIG_FILE, type ParsedProjectConfig } from './projectConfig';

export interface LoadedProjectConfig extends ParsedProjectConfig {
  /** Absolute path of the file that was read. */
  file: string;
  /** Its text (positions of problems and of "ignore" entries), when it could be read. */
  text?: string;
}

/**
 * A project file larger than this is not read: real ones are a few KB, and parsing 50 MB would stall
 * the server for seconds. It gets one problem instead, and the folder no configuration.
 */
export const MAX_PROJECT_FILE_SIZE = 1024 * 1024;

/** Read `<folder>/avro-studio.json`; undefined when there is none. Unreadable or oversized files are a problem, not an exception. */
export async function loadProjectConfigIn(folder: string): Promise<LoadedProjectConfig | undefined> {
  const file = path.join(folder, PROJECT_CONFIG_FILE);
  let text: string;
  try {
    // A regular file only: a FIFO named avro-studio.json would block the read forever.
    text = await readTextFile(file, MAX_PROJECT_FILE_SIZE);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    const why = e instanceof NotARegularFileError
      ? `is ${e.kind}, not a regular file`
      : e instanceof FileTooLargeError
      ? `is ${formatSize(e.size)}, over the ${formatSize(MAX_PROJECT_FILE_SIZE)} limit for a project file: it was not read, so no rules, units, registry, compatibility policy or subject mapping apply to this folder. A project file holds settings only; remove what does not belong in it`
      : `cannot be read (${code ?? String(e)})`;
    return { file, config: emptyProjectConfig(folder), problems: [{ offset: 0, length: 0, message: `${file} ${why}.` }] };
  }
  return { file, text, ...parseProjectConfig(text, folder, file) };
}

/** The project file that applies to `start` (domain/projectFile.ts: the nearest at or above it, within its git repository). */
export async function findProjectConfig(start: string): Promise<LoadedProjectConfig | undefined> {
  const folder = await nearestProjectFolder(path.resolve(start), {
    has: (dir, name) => fs.lstat(path.join(dir, name)).then(() => true, () => false),
    parent: dir => path.dirname(dir),
    same: (a, b) => a === b,
  });
  return folder === undefined ? undefined : loadProjectConfigIn(folder);
}
