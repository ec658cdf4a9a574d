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
