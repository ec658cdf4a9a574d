// Expands `lint` arguments into files: a file as given, a folder's .avsc files, or a quoted glob (minimatch) over .avsc files.
import * as path from 'node:path';
import { Minimatch } from 'minimatch';
import { crawl } from '../workspace/crawler';
import { ALWAYS_SKIPPED_DIRECTORIES, ExcludeMatcher } from '../workspace/exclude';
import type { FileSystem } from '../workspace/fileSystem';
import { CliError } from './io';

function isAlwaysSkipped(p: string): boolean {
  return ALWAYS_SKIPPED_DIRECTORIES.has(path.basename(p));
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** The leading part of a glob without magic characters (the folder to search from). */
function globBase(pattern: string): string {
  const parts = pattern.split('/');
  const base: string[] = [];
  for (const part of parts) {
    if (new Minimatch(part).hasMagic()) break;
    base.push(part);
  }
  if (base.length === parts.length) base.pop();
  const joined = base.join('/');
  return joined === '' ? (pattern.startsWith('/') ? '/' : '.') : joined;
}

/**
 * Absolute paths of the files to lint, sorted, without duplicates. A missing path or a glob that
 * matches nothing is a usage error (exit 2), and so is a path that is neither a regular file nor a
 * folder (a FIFO, a device, a socket). Explicitly named files are linted whatever their extension
 * and whatever the excludes say; folders and globs select .avsc files not excluded (special files
 * found there are skipped).
 */
export async function resolveTargets(args: readonly string[], cwd: string, fs: FileSystem, exclude: ExcludeMatcher): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    const pattern = toPosix(arg);
    const mm = new Minimatch(pattern, { dot: false });
    if (mm.hasMagic()) {
      const base = path.resolve(cwd, globBase(pattern));
      const stat = await fs.stat(base).catch(() => undefined);
      let matched = 0;
      if (stat?.type === 'directory') {
        const result = await crawl(fs, base, exclude);
        for (const file of result.files) {
          const candidate = path.isAbsolute(arg) ? toPosix(file) : toPosix(path.relative(cwd, file));
          if (mm.match(candidate)) {
            found.add(file);
            matched++;
          }
        }
      }
      if (matched === 0) throw new CliError(`no .avsc files match '${arg}'`);
      continue;
    }
    const abs = path.resolve(cwd, arg);
    let stat;
    try {
      stat = await fs.stat(abs);
    } catch (err) {
      throw new CliError(`cannot read '${arg}': ${(err as Error).message}`);
    }
    if (!stat) throw new CliError(`no such file or directory: '${arg}'`);
    // A FIFO would block the read forever, a device may never end: only regular files are read.
    if (stat.type === 'other') throw new CliError(`'${arg}' is ${stat.kind ?? 'not a regular file'}: only regular files and folders are read`);
    if (stat.type === 'directory') {
      // A folder named on the command line is linted even when the excludes cover it.
      const result = await crawl(fs, abs, exclude.isExcludedDirectory(abs) && !isAlwaysSkipped(abs) ? new ExcludeMatcher(abs, []) : exclude);
      if (result.errors.length) throw new CliError(`cannot read '${result.errors[0].path}': ${result.errors[0].message}`);
      for (const f of result.files) found.add(f);
    } else {
      found.add(abs);
    }
  }
  return [...found].sort();
}
