// Paths that avro-studio.json names stay inside its folder: a project file comes with the repository, so it must not make the tools read files elsewhere on the machine.
//
// An untrusted avro-studio.json could name "file:../../.env" or "file:/proc/self/environ" as a
// baseline, or /home/me/.ssh/id_rsa as a certificate key, and the tools would read it (and quote
// it in messages). So every path a project file names (baselines, CA, certificate and key files)
// is resolved against the project file's folder, symbolic links followed, and refused when it
// ends up outside that folder: first textually when the file is parsed (absolute paths, ".."
// escapes), then on disk right before the read (links). Paths from the user's own settings or
// command-line flags carry no origin and are not confined.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import type { PathOrigin } from '../domain/baselines';

export type { PathOrigin } from '../domain/baselines';

/** A path from a project file that leads outside its folder: the message names the setting, never the file's content. */
export class PathOutsideProjectError extends Error {
  readonly code = 'EOUTSIDE';
  constructor(readonly origin: PathOrigin, readonly written: string, why: string) {
    super(`${origin.setting} names "${written}", which ${why}: a project file may only name files inside its own folder (${origin.root}).`);
  }
}

/** Why a path written in a project file leaves its folder on its face (absolute, or ".." past the folder); undefined when it does not. */
export function textualEscape(written: string): string | undefined {
  if (path.isAbsolute(written) || path.win32.isAbsolute(written) || /^~[/\\]/.test(written)) return 'is an absolute path';
  const normalized = path.posix.normalize(written.split('\\').join('/'));
  if (normalized === '..' || normalized.startsWith('../')) return 'leads out of that folder with ".."';
  return undefined;
}

/** `p` is `root` or below it (both absolute, already resolved). */
export function isInside(root: string, p: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + path.sep) && !path.isAbsolute(rel));
}

/** The real path of `p` (links resolved); for a path that does not exist, its nearest existing folder's real path plus the rest. */
async function realpathOfExisting(p: string): Promise<string> {
  const rest: string[] = [];
  for (let current = p; ; current = path.dirname(current)) {
    try {
      const real = await fsp.realpath(current);
      return rest.length ? path.join(real, ...rest.reverse()) : real;
    } catch {
      if (path.dirname(current) === current) return p;
      rest.push(path.basename(current));
    }
  }
}

/**
 * The absolute path of `written` (relative to `base`, which defaults to the origin's folder), after
 * checking that it stays inside the origin's folder once every symbolic link is resolved. Without
 * an origin (a flag, the user's settings) the path is only resolved. `asWritten`: the path is the
 * one the project file holds (absolute paths and ".." are refused outright); false for a path the
 * tools computed below a confined folder (a file of a baseline folder). Rejects with
 * PathOutsideProjectError.
 */
export async function confinedPath(written: string, origin: PathOrigin | undefined, base = origin?.root ?? '.', asWritten = true): Promise<string> {
  const target = path.resolve(base, written);
  if (!origin) return target;
  const why = asWritten ? textualEscape(written) : undefined;
  if (why) throw new PathOutsideProjectError(origin, written, why);
  const [realRoot, realTarget] = await Promise.all([realpathOfExisting(path.resolve(origin.root)), realpathOfExisting(target)]);
  if (!isInside(realRoot, realTarget)) {
    throw new PathOutsideProjectError(origin, written, isInside(path.resolve(origin.root), target) ? 'is a symbolic link (or goes through one) to a place outside that folder' : 'is outside that folder');
  }
  return target;
}
