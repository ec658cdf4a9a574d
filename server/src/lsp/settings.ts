// Settings per document: pulled with workspace/configuration (section `avro`, scopeUri), cached as a promise per URI.
import type { Connection } from 'vscode-languageserver';
import { CONFIGURATION_SECTION, type AvroConfiguration } from '../protocol';
import { normalizeSettings, type AvroSettings } from '../service/settings';
import { withProjectRules } from '../config/fileSettings';
import type { ProjectConfig } from '../config/projectConfig';
import { uriToPath } from '../workspace/uris';
import { DEFAULT_RENAME_OPTIONS, type RenameOptions } from '../service/languageService';
import { DEFAULT_EXCLUDE } from '../workspace/exclude';
import { DEFAULT_MAX_FILE_SIZE } from '../workspace/workspaceIndex';
import { readCompatibilitySettings, type CompatibilitySettings } from './compat/settings';
import { formatError } from './guard';
import type { Logger } from './runtime';

export const DEFAULT_DEBOUNCE_MS = 200;

/** Everything the server reads from the `avro` section for one document or folder. */
export interface DocumentSettings {
  avro: AvroSettings;
  /** Push diagnostics: delay after the last change, in ms. */
  debounceMs: number;
  /** Exclude globs of the folder (read from the folder's settings). */
  exclude: string[];
  /** Texts longer than this are not analysed (AVRO-500). */
  maxFileSize: number;
  /** avro.compatibility.* (the project file may override level and baseline per file). */
  compatibility: CompatibilitySettings;
  /** avro.rename.addAlias: a renamed named type keeps its old fullname as an alias (readers of old data still resolve it). */
  rename: RenameOptions;
  /** avro.format.sortKeys: the formatter puts schema attributes in the canonical order. */
  format: { sortKeys: boolean };
}

/** Read an untrusted `avro` settings object (as the client sends it); anything invalid falls back to its default. */
export function readConfiguration(raw: unknown): DocumentSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as AvroConfiguration;
  const diagnostics = r.diagnostics && typeof r.diagnostics === 'object' ? r.diagnostics : {};
  const workspace = r.workspace && typeof r.workspace === 'object' ? r.workspace : {};
  const debounce = diagnostics.debounceMs;
  const exclude = Array.isArray(workspace.exclude) ? workspace.exclude.filter((p): p is string => typeof p === 'string') : [...DEFAULT_EXCLUDE];
  let maxFileSize = DEFAULT_MAX_FILE_SIZE;
  if (typeof r.maxFileSizeMB === 'number' && Number.isFinite(r.maxFileSizeMB)) {
    maxFileSize = r.maxFileSizeMB > 0 ? Math.round(r.maxFileSizeMB * 1024 * 1024) : Number.POSITIVE_INFINITY;
  }
  return {
    avro: normalizeSettings({ specVersion: r.specVersion, severity: diagnostics.severity }),
    debounceMs: typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0 ? Math.min(debounce, 10_000) : DEFAULT_DEBOUNCE_MS,
    exclude,
    maxFileSize,
    compatibility: readCompatibilitySettings(r.compatibility),
    rename: { addAlias: typeof r.rename?.addAlias === 'boolean' ? r.rename.addAlias : DEFAULT_RENAME_OPTIONS.addAlias },
    format: { sortKeys: r.format?.sortKeys === true },
  };
}

/**
 * Settings of each document, pulled from the client when it supports workspace/configuration;
 * otherwise the last `settings.avro` the client pushed with didChangeConfiguration (or defaults).
 * Never kept in globals beyond this cache; cleared on didChangeConfiguration.
 */
export class SettingsCache {
  private readonly promises = new Map<string, Promise<DocumentSettings>>();
  private readonly resolved = new Map<string, DocumentSettings>();
  private pushed: DocumentSettings = readConfiguration(undefined);
  private _generation = 0;

  constructor(
    private readonly connection: Connection,
    private readonly supportsConfiguration: () => boolean,
    private readonly logger: Logger,
    /** The avro-studio.json that applies to a URI, if any. */
    private readonly projectConfig?: (scopeUri: string) => Promise<ProjectConfig | undefined>,
  ) {}

  /** Changes whenever the settings may have changed (part of pull diagnostics result ids). */
  get generation(): number {
    return this._generation;
  }

  /** Settings for a document or folder URI (undefined: the window's settings). */
  get(scopeUri: string | undefined): Promise<DocumentSettings> {
    const key = scopeUri ?? '';
    let p = this.promises.get(key);
    if (!p) {
      const base = !this.supportsConfiguration()
        ? Promise.resolve(this.pushed)
        : this.connection.workspace.getConfiguration({ scopeUri, section: CONFIGURATION_SECTION }).then(
          raw => readConfiguration(raw),
          err => {
            this.logger.warn(formatError(`Avro Studio: reading the settings of ${scopeUri ?? 'the window'} failed; using defaults`, err));
            return readConfiguration(undefined);
          },
        );
      p = base.then(s => this.withProjectFile(scopeUri, s));
      const pending = p;
      pending.then(s => {
        if (this.promises.get(key) === pending) this.resolved.set(key, s);
      });
      this.promises.set(key, p);
    }
    return p;
  }

  /**
   * The team's avro-studio.json decides the specification version and the rule severities it names
   * (as for `lint` and `check` in CI): it wins over the editor settings, file by file.
   */
  private async withProjectFile(scopeUri: string | undefined, s: DocumentSettings): Promise<DocumentSettings> {
    if (!this.projectConfig || scopeUri === undefined) return s;
    const config = await this.projectConfig(scopeUri).catch(() => undefined);
    const filePath = uriToPath(scopeUri);
    if (!config || filePath === undefined) return s;
    const avro = withProjectRules(s.avro, config, filePath);
    return avro === s.avro ? s : { ...s, avro };
  }

  /** The settings of a URI if they were already received (to pick a debounce delay without waiting). */
  peek(scopeUri: string | undefined): DocumentSettings | undefined {
    return this.resolved.get(scopeUri ?? '') ?? (this.supportsConfiguration() ? undefined : this.pushed);
  }

  /** didChangeConfiguration: forget everything; `settings` is the payload's `avro` section for clients that push. */
  reset(pushedAvroSection?: unknown): void {
    this.promises.clear();
    this.resolved.clear();
    if (pushedAvroSection !== undefined) this.pushed = readConfiguration(pushedAvroSection);
    this._generation++;
  }

  forget(uri: string): void {
    this.promises.delete(uri);
    this.resolved.delete(uri);
  }
}
