// Which avro-studio.json applies to a folder: one rule for the CLI, the language server and the client's registry commands.
//
// Imports nothing (see compatibility.ts): each host hands in how it looks at its file system.

/** The project file's name. */
export const PROJECT_FILE_NAME = 'avro-studio.json';

/** How a host looks at its file system for the search: absolute paths (or URI paths) with `/` or its own separator. */
export interface ProjectFileSearch<P> {
  /** Whether `dir` holds a file or folder called `name`. */
  has(dir: P, name: string): Promise<boolean>;
  /** The folder above `dir`; `dir` itself at the top of the file system. */
  parent(dir: P): P;
  same(a: P, b: P): boolean;
}

/**
 * The folder whose avro-studio.json applies to `start`: the nearest one at or above it, not past the
 * root of the git repository that holds it (a folder with a `.git`) nor the top of the file system.
 * undefined when there is none. The CLI looks from the run's root, the editor from each workspace
 * folder's root: the same file as `avro-studio check` run in that folder.
 */
export async function nearestProjectFolder<P>(start: P, search: ProjectFileSearch<P>): Promise<P | undefined> {
  for (let dir = start; ; dir = search.parent(dir)) {
    if (await search.has(dir, PROJECT_FILE_NAME)) return dir;
    if (await search.has(dir, '.git') || search.same(search.parent(dir), dir)) return undefined;
  }
}
