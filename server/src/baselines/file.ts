// File baselines: another file on disk holds the earlier version (file:PATH); a path from avro-studio.json stays inside its folder.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { confinedPath, PathOutsideProjectError, type PathOrigin } from '../config/confine';
import { readTextFile } from '../node/textFile';
import { NotARegularFileError } from '../workspace/fileSystem';
import type { BaselineProvider, BaselineResult } from './types';

export class FileBaseline implements BaselineProvider {
  /**
   * `baselinePath` is absolute, or relative to `base` (the workspace folder or the current
   * directory). With an `origin` (the project file that names it) it must stay inside the origin's
   * folder, links resolved: otherwise it is never read, and the result names the setting.
   */
  constructor(
    private readonly baselinePath: string,
    private readonly base: string,
    private readonly origin?: PathOrigin,
    /** False when the tools computed the path below a confined folder (file:DIR): only links are checked. */
    private readonly asWritten = true,
  ) {}

  async load(filePath: string): Promise<BaselineResult> {
    let target: string;
    try {
      target = await confinedPath(this.baselinePath, this.origin, this.base, this.asWritten);
    } catch (e) {
      if (e instanceof PathOutsideProjectError) return { kind: 'unavailable', reason: 'outside-project', message: e.message };
      throw e;
    }
    if (path.resolve(filePath) === target) {
      return { kind: 'none', message: `The baseline ${this.baselinePath} is the file itself: nothing to compare.` };
    }
    try {
      const text = await readTextFile(target);
      return {
        kind: 'ok',
        versions: [{ label: path.basename(target), description: target, text, uri: pathToFileURL(target).toString(), path: target }],
        notes: [],
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = e instanceof NotARegularFileError
        ? `is ${e.kind}, not a regular file`
        : code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(e)})`;
      return { kind: 'unavailable', reason: 'file-missing', message: `The baseline file ${this.baselinePath} ${why}.` };
    }
  }
}
