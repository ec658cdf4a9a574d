// Folder baselines (file:DIR): the earlier version of each file at the same path relative to the workspace root, inside the project's folder when avro-studio.json names it.
import * as path from 'node:path';
import type { PathOrigin } from '../domain/baselines';
import { FileBaseline } from './file';
import type { BaselineProvider, BaselineResult } from './types';

export class FolderBaseline implements BaselineProvider {
  /**
   * `folder` is absolute (already confined when a project file names it); `workspaceRoot` is the
   * folder whose relative paths it mirrors (the CLI's --root, the editor's workspace folder);
   * `written` is the path as the setting gives it, for messages.
   */
  constructor(private readonly folder: string, private readonly workspaceRoot: string, private readonly written: string, private readonly origin: PathOrigin | undefined) {}

  async load(filePath: string): Promise<BaselineResult> {
    const relative = path.relative(this.workspaceRoot, filePath);
    if (relative.startsWith('..') || path.isAbsolute(relative)) {
      return { kind: 'unavailable', reason: 'file-missing', message: `${filePath} is outside the workspace (${this.workspaceRoot}), so the baseline folder ${this.written} has no counterpart for it.` };
    }
    const target = path.join(this.folder, relative);
    const result = await new FileBaseline(target, this.workspaceRoot, this.origin, false).load(filePath);
    if (result.kind === 'unavailable' && result.reason === 'file-missing') {
      return { kind: 'none', message: `${relative.split(path.sep).join('/')} is not in the baseline folder ${this.written}: it is new.` };
    }
    return result;
  }
}
