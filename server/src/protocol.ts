// Every custom LSP message between the Avro Studio client and server: method names and payloads, used by both sides.
//
// Only plain types here: this file is imported by the client (VS Code) and by the server (Node),
// so it must not import either side's libraries.

/** The settings section the server pulls with workspace/configuration (per document URI). */
export const CONFIGURATION_SECTION = 'avro';

/**
 * The shape of the `avro` settings section as the client stores it (package.json contributes the
 * same keys). The server normalizes it; unknown or invalid values fall back to defaults.
 */
export interface AvroConfiguration {
  /** "1.11" or "1.12": the Avro specification the team targets. */
  specVersion?: string;
  diagnostics?: {
    /** Per-code severity overrides: { "AVRO-242": "off", "AVRO-101": "error" }. */
    severity?: Record<string, string>;
    /** Delay after the last keystroke before diagnostics are computed (push mode), in ms. */
    debounceMs?: number;
  };
  workspace?: {
    /** Glob patterns (relative to a workspace folder) of .avsc files not to index. */
    exclude?: string[];
  };
  /**
   * Files larger than this many megabytes are not analysed: they get one AVRO-500 diagnostic and
   * their named types are not indexed (default 5; 0 or a negative value means no limit).
   */
  maxFileSizeMB?: number;
}

/** Server -> client notification: what the server is doing, for the status bar. */
export const StatusNotification = 'avro/status';

export interface StatusParams {
  /** 'indexing' while the workspace is scanned, 'ready' when idle, 'error' after a failure it recovered from. */
  state: 'starting' | 'indexing' | 'ready' | 'error';
  /** Number of .avsc files indexed in the workspace. */
  indexedFiles: number;
  /** A short human-readable line (shown in the status bar tooltip). */
  message: string;
}

/** Client -> server request: re-index the workspace from disk (command "Avro: Restart / Re-index"). */
export const ReindexRequest = 'avro/reindex';

export interface ReindexResult {
  indexedFiles: number;
  durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Workspace trust. The client says at start (initializationOptions.trusted) whether the workspace is
// trusted, and notifies when the user grants trust. Untrusted: no git process, no registry request.
// ---------------------------------------------------------------------------------------------

/** initializationOptions the VS Code client sends. Other editors may omit it: then the workspace counts as trusted. */
export interface AvroInitializationOptions {
  /** VS Code's workspace.isTrusted at start. */
  trusted?: boolean;
}

/** Client -> server notification: the user trusted the workspace (VS Code's onDidGrantWorkspaceTrust). */
export const WorkspaceTrustedNotification = 'avro/workspaceTrusted';

// ---------------------------------------------------------------------------------------------
// Compatibility (issue "Compatibility"): findings are ordinary diagnostics (AVRO-4xx); these messages
// feed the status bar, the report command and the diff with the baseline.
// ---------------------------------------------------------------------------------------------

/** Server -> client notification: the compatibility state of one document, for the status bar. */
export const CompatibilityStatusNotification = 'avro/compatibilityStatus';

export interface CompatibilityStatusParams {
  uri: string;
  /** The level in force, e.g. "BACKWARD". */
  level: string;
  /** The baseline, e.g. "git:HEAD", "git:history", "file:old.avsc", "registry". */
  baseline: string;
  /**
   * 'checking' while the baseline loads; 'compatible' or 'breaking' after a check; 'new' when the
   * baseline has no earlier version; 'unavailable' when it cannot be read (message says why);
   * 'off' for level NONE or when compatibility checks are disabled.
   */
  state: 'checking' | 'compatible' | 'breaking' | 'new' | 'unavailable' | 'off';
  /** Number of findings (breaking changes) in the document. */
  count: number;
  /** One line: "BACKWARD vs HEAD: 1 breaking change", or why there is no check. */
  message: string;
}

/** Client -> server request: a readable compatibility report of one document (command "Avro: Check Compatibility"). */
export const CheckCompatibilityRequest = 'avro/checkCompatibility';

export interface CheckCompatibilityParams {
  uri: string;
  /** Reload the baseline first (ignore the cache). */
  refresh?: boolean;
}

export interface CompatibilityReportFinding {
  /** "AVRO-400" ... */
  code: string;
  /** Java's type: READER_FIELD_MISSING_DEFAULT_VALUE, TYPE_MISMATCH, ... */
  type: string;
  /** 'backward' (new schema reads old data) or 'forward' (old schema reads new data). */
  direction: 'backward' | 'forward';
  /** The baseline version the finding comes from ("HEAD", "3f2c1ab", "v3"). */
  version: string;
  /** JSON pointer in the reader schema, as Java reports it. */
  location: string;
  message: string;
  /** Where in the checked document (LSP range). */
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

export interface CompatibilityReport {
  uri: string;
  level: string;
  baseline: string;
  state: CompatibilityStatusParams['state'];
  /** The versions checked, newest first, with a one-line description each. */
  versions: Array<{ label: string; description: string }>;
  findings: CompatibilityReportFinding[];
  /** Notes: renames followed, shallow clone, versions skipped... */
  notes: string[];
  /** The whole report as Markdown, ready to show. */
  markdown: string;
}

/** Client -> server request: the baseline text of a document (command "Avro: Compare with Baseline"). */
export const BaselineContentRequest = 'avro/baselineContent';

export interface BaselineContentParams {
  uri: string;
  /** Which version (a label from the report); default the newest. */
  version?: string;
}

export interface BaselineContentResult {
  /** undefined when there is no baseline (message says why). */
  text?: string;
  label?: string;
  baseline: string;
  message?: string;
}

/** Client -> server notification: forget cached baselines and re-check open documents. */
export const RefreshBaselinesNotification = 'avro/refreshBaselines';
