// The avro-studio.json of each workspace folder, for the editor: the nearest one at or above the folder's root, as
// `avro-studio check` run in that folder finds it (config/loadProjectConfig.ts findProjectConfig); read once per
// server (ctx.projectConfigs), cached, read again after invalidate().
import * as path from 'node:path';
import { findProjectConfig, type LoadedProjectConfig } from '../../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE, type ProjectConfig } from '../../config/projectConfig';

export type ProjectConfigState = { state: 'loading' } | { state: 'ready'; config: LoadedProjectConfig | undefined };

export class ProjectConfigs {
  private readonly loaded = new Map<string, LoadedProjectConfig | undefined>();
  private readonly loading = new Map<string, Promise<LoadedProjectConfig | undefined>>();
  private readonly listeners: Array<(folder: string) => void> = [];

  constructor(
    private readonly log: (message: string) => void,
    /** Told of every read as it starts (the server counts it as work under way). */
    private readonly started: (load: Promise<unknown>) => void = () => undefined,
  ) {}

  /** Call `listener` whenever a folder's project file was read (the first time or after a change). */
  onLoaded(listener: (folder: string) => void): void {
    this.listeners.push(listener);
  }

  /** The project file of a workspace folder now; starts reading it when it was not read yet. */
  peek(folder: string): ProjectConfigState {
    if (this.loaded.has(folder)) return { state: 'ready', config: this.loaded.get(folder) };
    void this.ensure(folder);
    return { state: 'loading' };
  }

  ensure(folder: string): Promise<LoadedProjectConfig | undefined> {
    if (this.loaded.has(folder)) return Promise.resolve(this.loaded.get(folder));
    const pending = this.loading.get(folder);
    if (pending) return pending;
    const p: Promise<LoadedProjectConfig | undefined> = findProjectConfig(folder).catch(() => undefined).then(config => {
      // Superseded by invalidate() meanwhile: the newer read decides.
      if (this.loading.get(folder) !== p) return config;
      this.loaded.set(folder, config);
      this.loading.delete(folder);
      for (const problem of config?.problems ?? []) this.log(`Avro Studio: ${problem.message} (${config!.file})`);
      for (const listener of this.listeners) listener(folder);
      return config;
    });
    this.loading.set(folder, p);
    this.started(p);
    return p;
  }

  /** The project files read so far (one per workspace folder that has one). */
  loadedConfigs(): ProjectConfig[] {
    const out: ProjectConfig[] = [];
    for (const c of this.loaded.values()) if (c) out.push(c.config);
    return out;
  }

  /**
   * Forget the project files (all, or what a change of `file` affects: every folder at or below the
   * file's directory, since the nearest project file of each may now be another): they are read
   * again when next needed.
   */
  invalidate(file?: string): void {
    if (file !== undefined && path.basename(file) !== PROJECT_CONFIG_FILE) return;
    if (file === undefined) {
      this.loaded.clear();
      this.loading.clear();
      return;
    }
    const dir = path.dirname(file);
    const affected = (folder: string): boolean => {
      const rel = path.relative(dir, folder);
      return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
    };
    for (const folder of [...this.loaded.keys(), ...this.loading.keys()]) {
      if (!affected(folder)) continue;
      this.loaded.delete(folder);
      this.loading.delete(folder);
    }
  }
}
