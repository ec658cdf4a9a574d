// File baselines: another file on disk holds the earlier version (file:PATH).
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BaselineProvider, BaselineResult } from './types';

export class FileBaseline implements BaselineProvider {
  /** `baselinePath` is absolute, or relative to `base` (the workspace folder or the current directory). */
  constructor(private readonly baselinePath: string, private readonly base: string) {}

  async load(filePath: string): Promise<BaselineResult> {
    const target = path.resolve(this.base, this.baselinePath);
    if (path.resolve(filePath) === target) {
      return { kind: 'none', message: `The baseline ${this.baselinePath} is the file itself: nothing to compare.` };
    }
    try {
      const text = await fs.readFile(target, 'utf8');
      return {
        kind: 'ok',
        versions: [{ label: path.basename(target), description: target, text, uri: pathToFileURL(target).toString(), path: target }],
        notes: [],
      };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? String(e)})`;
      return { kind: 'unavailable', reason: 'file-missing', message: `The baseline file ${this.baselinePath} ${why}.` };
    }
  }
}
