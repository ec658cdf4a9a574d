// Every custom LSP message between the Avro Studio client and server: one typed constant per message (RequestType / NotificationType), each payload declared once.
//
// Imported by the client (VS Code) and by the language server (lsp/, server.ts) only: the CLI, the
// project layer, baselines and the registry client never import it (test/unit/layering.test.ts).
// Its only imports are vscode-languageserver-protocol's message types and the shared vocabulary
// (domain/: levels, baselines, sync states), so the client bundle takes nothing else of the server.
import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { CompatibilityState } from './domain/compatibility';
import type { RegistryCredentials, RegistryFolderStatus, RegistrySyncState } from './domain/registry';

export { COMPATIBILITY_LEVELS, LEVEL_MEANINGS, type CompatibilityLevel, type CompatibilityState } from './domain/compatibility';
export { BASELINE_URI_SCHEME, type BaselineUriQuery } from './domain/baselines';
export { nearestProjectFolder, PROJECT_FILE_NAME, type ProjectFileSearch } from './domain/projectFile';
export { REGISTRY_SYNC_STATES, REGISTRY_URI_SCHEME, type RegistrySyncState, type RegistryUriQuery } from './domain/registry';

/**
 * Removes user:password@ from any URL in a text, parsed or not: every message that shows a URL
 * (server, CLI, client) passes it through this one function. Re-exported here so the client has it.
 */
export { withoutUserinfo } from './registry/userinfo';
// The client reads avro-studio.json's registry section itself, within the server's nesting limit.
export { MAX_PROJECT_FILE_DEPTH, tooDeepAt } from './config/projectFileDepth';

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
  format?: {
    /**
     * Formatting puts the keys of schema objects in the order type, name, namespace, doc, aliases,
     * then the rest, and of fields name, type, doc, aliases, then the rest (default false).
     */
    sortKeys?: boolean;
  };
  /**
   * Compatibility checks while typing. The project file avro-studio.json, where it sets a level or
   * a baseline for a file, wins over these (it is the team's policy, the one CI applies).
   */
  compatibility?: {
    /** false turns the checks off for you (the project file cannot turn them on). Default true. */
    enabled?: boolean;
    /** NONE, BACKWARD (default), BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE. */
    level?: string;
    /** "git:HEAD" (default), "git:<ref>", "git:history", "file:<path>" or "registry". */
    baseline?: string;
  };
  rename?: {
    /**
     * Renaming a named type or a field adds its old name to "aliases", so that readers with the new
     * schema still resolve data written with the old one (default true).
     */
    addAlias?: boolean;
  };
  registry?: {
    /** Show the registry CodeLens (subject, latest version, sync state) above the top-level type (default true). */
    codeLens?: boolean;
  };
}

/** Server -> client notification: what the server is doing, for the status bar. */
export const StatusNotification = new NotificationType<StatusParams>('avro/status');

export interface StatusParams {
  /** 'indexing' while the workspace is scanned, 'ready' when idle, 'error' after a failure it recovered from. */
  state: 'starting' | 'indexing' | 'ready' | 'error';
  /** Number of .avsc files indexed in the workspace. */
  indexedFiles: number;
  /** A short human-readable line (shown in the status bar tooltip). */
  message: string;
}

/** Client -> server request: re-index the workspace from disk (command "Avro: Restart / Re-index"). */
export const ReindexRequest = new RequestType0<ReindexResult, void>('avro/reindex');

export interface ReindexResult {
  indexedFiles: number;
  durationMs: number;
}

/**
 * Client -> server request (no parameters; answered null) once the server has acted on everything
 * it was told before it: debounced validations run and their diagnostics published, the workspace
 * index and file events applied, avro-studio.json files and baselines loaded, registry lenses
 * computed, refresh requests sent. For scripts and tests that need to know the diagnostics of an
 * edit are final instead of sleeping. Polling in the background (git refs, the registry's refresh
 * and reconnection attempts) does not count: the work a poll starts does.
 */
export const IdleRequest = new RequestType0<null, void>('avro/idle');

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
export const WorkspaceTrustedNotification = new NotificationType0('avro/workspaceTrusted');

// ---------------------------------------------------------------------------------------------
// Compatibility (issue "Compatibility"): findings are ordinary diagnostics (AVRO-4xx); these messages
// feed the status bar, the report command and the diff with the baseline.
// ---------------------------------------------------------------------------------------------

/** Server -> client notification: the compatibility state of one document, for the status bar. */
export const CompatibilityStatusNotification = new NotificationType<CompatibilityStatusParams>('avro/compatibilityStatus');

export interface CompatibilityStatusParams {
  uri: string;
  /** The level in force, e.g. "BACKWARD". */
  level: string;
  /** The baseline, e.g. "git:HEAD", "git:history", "file:old.avsc", "registry". */
  baseline: string;
  /** Where the file stands (domain/compatibility.ts says what each state means); `message` says why. */
  state: CompatibilityState;
  /** Number of findings (breaking changes) in the document. */
  count: number;
  /** One line: "BACKWARD vs HEAD: 1 breaking change", or why there is no check. */
  message: string;
}

/** Client -> server request: a readable compatibility report of one document (command "Avro: Check Compatibility"). */
export const CheckCompatibilityRequest = new RequestType<CheckCompatibilityParams, CompatibilityReport, void>('avro/checkCompatibility');

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
  state: CompatibilityState;
  /** The versions checked, newest first, with a one-line description each. */
  versions: Array<{ label: string; description: string }>;
  findings: CompatibilityReportFinding[];
  /** Notes: renames followed, shallow clone, versions skipped... */
  notes: string[];
  /** The whole report as Markdown, ready to show. */
  markdown: string;
}

/** Client -> server request: the baseline text of a document (command "Avro: Compare with Baseline"). */
export const BaselineContentRequest = new RequestType<BaselineContentParams, BaselineContentResult, void>('avro/baselineContent');

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
export const RefreshBaselinesNotification = new NotificationType0('avro/refreshBaselines');

// ---------------------------------------------------------------------------------------------
// Parsing Canonical Form and fingerprints (commands "Avro: Copy Parsing Canonical Form" and
// "Avro: Copy Fingerprint").
// ---------------------------------------------------------------------------------------------

/**
 * Client -> server request: the Parsing Canonical Form and the fingerprints of the schema at a
 * position: the named type whose definition holds the position (or the one a type name there
 * refers to), else the document's top-level schema.
 */
export const CanonicalFormRequest = new RequestType<CanonicalFormParams, CanonicalFormResult, void>('avro/canonicalForm');

export interface CanonicalFormParams {
  uri: string;
  /** The cursor (LSP position); without it, the top-level schema. */
  position?: { line: number; character: number };
}

export interface CanonicalFormResult {
  /** What the form is of, for messages: 'record "com.acme.Order"', 'the top-level schema'. */
  subject: string;
  /** The fullname of the named type, when the schema is one. */
  fullname?: string;
  /** undefined when there is none (error says why). */
  canonicalForm?: string;
  fingerprints?: {
    /** CRC-64-AVRO as avro-tools `fingerprint` prints it: 16 hex digits, little-endian (the single-object encoding header). */
    crc64: string;
    /** The same as Java's SchemaNormalization.parsingFingerprint64 returns it: a signed long, in decimal. */
    crc64Long: string;
    /** MD5 of the canonical form's UTF-8 bytes, hex. */
    md5: string;
    /** SHA-256 of the canonical form's UTF-8 bytes, hex. */
    sha256: string;
  };
  /** Why there is no canonical form: a reference that does not resolve, an incomplete schema, not a schema. */
  error?: string;
}

// ---------------------------------------------------------------------------------------------
// Schema Registry (issue "Schema Registry"). The registry URL and subject mapping live in
// avro-studio.json; secrets live in VS Code's SecretStorage and reach the server only on demand,
// in memory, through RegistryCredentialsRequest (never in settings, files or logs).
// ---------------------------------------------------------------------------------------------

// Registry versions open under REGISTRY_URI_SCHEME (domain/registry.ts), served through RegistrySchemaRequest.

/** Server -> client request: the credentials for a registry URL (the client reads SecretStorage). */
export const RegistryCredentialsRequest = new RequestType<RegistryCredentialsParams, RegistryCredentialsResult, void>('avro/registry/credentials');

export interface RegistryCredentialsParams {
  /** The registry base URL the credentials are for (secrets are stored per URL). */
  url: string;
  /** 'basic' or 'bearer': what avro-studio.json asks for. */
  auth: 'basic' | 'bearer';
}

/** undefined/null: none stored (the server then warns once and suggests "Avro: Set Registry Credentials"). */
export type RegistryCredentialsResult = RegistryCredentials;

/** Client -> server notification: credentials changed (set or cleared): drop cached connections and re-check. */
export const RegistryCredentialsChangedNotification = new NotificationType0('avro/registry/credentialsChanged');

/** The registry's state for a workspace folder ('unconfigured': no registry in avro-studio.json; 'untrusted': not contacted in Restricted Mode). */
export type RegistryStatusParams = RegistryFolderStatus;

/** Server -> client notification: the registry's state for a workspace folder (status bar, one warning per change). */
export const RegistryStatusNotification = new NotificationType<RegistryStatusParams>('avro/registry/status');

/** Client -> server request: "Avro: Test Connection". */
export const RegistryTestConnectionRequest = new RequestType<RegistryTestConnectionParams, RegistryTestConnectionResult, void>('avro/registry/testConnection');

export interface RegistryTestConnectionParams {
  /** A workspace folder (file: URI); the first with a registry when omitted. */
  folder?: string;
}

export interface RegistryTestConnectionResult {
  ok: boolean;
  url?: string;
  /** 'none' | 'basic' | 'bearer' (never the secret). */
  auth?: string;
  /** The global compatibility level. */
  level?: string;
  /** READWRITE / READONLY / IMPORT, or undefined when the server has no /mode (Karapace). */
  mode?: string;
  subjects?: number;
  durationMs?: number;
  message: string;
}

/** Client -> server request: which subject a document maps to, and why (CodeLens, commands). */
export const RegistrySubjectRequest = new RequestType<RegistrySubjectParams, RegistrySubjectResult, void>('avro/registry/subject');

export interface RegistrySubjectParams {
  uri: string;
}

export interface RegistrySubjectResult {
  folder?: string;
  subject?: string;
  /** 'explicit subject', 'TopicNameStrategy', ...; or why it maps nowhere. */
  how?: string;
  unmappedReason?: string;
}

/** Client -> server request: "Avro: Check Compatibility with Registry": our findings and the registry's own verdict. */
export const RegistryCheckRequest = new RequestType<RegistryCheckParams, RegistryCheckResult, void>('avro/registry/check');

export interface RegistryCheckParams {
  uri: string;
}

export interface RegistryCheckResult {
  subject?: string;
  /** The subject's effective level (its own, else the global one). */
  level?: string;
  /** Versions checked, newest first. */
  versions: number[];
  /** Our engine's findings, per version, located in the document. */
  findings: CompatibilityReportFinding[];
  /** The registry's own answer (POST /compatibility ... ?verbose=true). */
  registry?: { isCompatible: boolean; messages: string[] };
  /** True when ours and the registry's verdicts differ (shown, never hidden). */
  disagreement: boolean;
  markdown: string;
  error?: string;
}

/**
 * Client -> server request: everything the "Register Schema" confirmation shows, computed without
 * writing anything: subject, level, local findings, the registry's verdict, the diff base (latest
 * registered text), referenced schemas that must be registered first (dependency order), and whether
 * this exact schema is already registered.
 */
export const RegistryPrepareRegisterRequest = new RequestType<RegistryPrepareRegisterParams, RegistryPrepareRegisterResult, void>('avro/registry/prepareRegister');

export interface RegistryPrepareRegisterParams {
  uri: string;
}

export interface RegistryPlannedRegistration {
  uri: string;
  subject: string;
  /** Fullnames this schema references from other files (registered as schema references). */
  references: Array<{ name: string; subject: string }>;
  alreadyRegistered?: { id: number; version: number };
}

export interface RegistryPrepareRegisterResult {
  subject?: string;
  level?: string;
  /** Registrations in dependency order: referenced schemas first, the document last. */
  plan: RegistryPlannedRegistration[];
  /** Text of the latest registered version (for the diff), when the subject exists. */
  latest?: { version: number; id: number; schema: string };
  findings: CompatibilityReportFinding[];
  registry?: { isCompatible: boolean; messages: string[] };
  /** Why registering is refused (incompatible, invalid, unmapped, offline...), when it is. */
  blocked?: string;
  message: string;
  /**
   * The version of the open document the plan was computed on (0 for a file that is not open),
   * and a hash of the text of every planned file. Send both back in RegistryRegisterParams
   * (`version`, `contentHash`): registering is refused when anything changed since the confirmation.
   */
  documentVersion?: number;
  contentHash?: string;
}

/** Client -> server request: register after the user confirmed (re-checks; refuses if anything changed). */
export const RegistryRegisterRequest = new RequestType<RegistryRegisterParams, RegistryRegisterResult, void>('avro/registry/register');

export interface RegistryRegisterParams {
  uri: string;
  /** The document version the user confirmed; a newer one is refused. */
  version: number;
  /** The latest registered version the user saw (undefined: the subject did not exist). */
  expectedLatest?: number;
  /** From RegistryPrepareRegisterResult.contentHash: refuse when any planned file's text changed since. */
  contentHash?: string;
}

export interface RegistryRegisterResult {
  /** One entry per planned registration, in order, saying exactly what happened to each. */
  results: Array<{ subject: string; outcome: 'registered' | 'already-registered' | 'failed' | 'not-attempted'; id?: number; version?: number; error?: string }>;
  ok: boolean;
  message: string;
}

/**
 * Client -> server requests for browsing: subjects, versions, one version's text. Failures (offline,
 * unauthorized, untrusted, unknown subject) are answered as a ResponseError whose message is for
 * people (never a secret): their results have no `error` field.
 */
export const RegistrySubjectsRequest = new RequestType<RegistrySubjectsParams, RegistrySubjectsResult, void>('avro/registry/subjects');
export const RegistryVersionsRequest = new RequestType<RegistryVersionsParams, RegistryVersionsResult, void>('avro/registry/versions');
export const RegistrySchemaRequest = new RequestType<RegistrySchemaParams, RegistrySchemaResult, void>('avro/registry/schema');

export interface RegistryFolderParams {
  /** A workspace folder (file: URI); the first with a registry when omitted. */
  folder?: string;
}

export interface RegistrySubjectsParams extends RegistryFolderParams {
  /** Only subjects starting with this (GET /subjects?subjectPrefix=). */
  prefix?: string;
}

/** The subjects (not deleted), sorted. */
export interface RegistrySubjectsResult {
  subjects: string[];
}

/** The subject's versions, ascending (as GET /subjects/{s}/versions). */
export interface RegistryVersionsResult {
  subject: string;
  versions: number[];
}

export interface RegistryVersionsParams extends RegistryFolderParams {
  subject: string;
}

export interface RegistrySchemaParams extends RegistryFolderParams {
  subject: string;
  version: number | 'latest';
}

export interface RegistrySchemaResult {
  subject: string;
  version: number;
  id: number;
  schema: string;
  /** The schema pretty-printed (2 spaces) for display and for writing to a file. */
  pretty: string;
}

/** Client -> server request: "Avro: Sync Workspace with Registry": the state of every mapped schema. */
export const RegistrySyncStatusRequest = new RequestType<RegistrySyncStatusParams, RegistrySyncStatusResult, void>('avro/registry/syncStatus');

/** One workspace folder (file: URI); the first with a registry when omitted. */
export type RegistrySyncStatusParams = RegistryFolderParams;

export interface RegistrySyncEntry {
  uri: string;
  subject?: string;
  state: RegistrySyncState;
  localVersionMatch?: number;
  latestVersion?: number;
  message: string;
}

export interface RegistrySyncStatusResult {
  folder?: string;
  entries: RegistrySyncEntry[];
  message: string;
}

/** Client -> server request: set a subject's (or the global) compatibility level, after the user confirmed. */
export const RegistrySetLevelRequest = new RequestType<RegistrySetLevelParams, RegistrySetLevelResult, void>('avro/registry/setLevel');

export interface RegistrySetLevelParams extends RegistryFolderParams {
  /** undefined: the global level. */
  subject?: string;
  level: string;
}

// --- Schema Registry: additions by the VS Code client ("registry-ui"), additive only -------------

/**
 * The VS Code commands of the Schema Registry feature (the client registers them; the server may
 * name them in CodeLenses and code actions). Arguments: those taking a schema accept its URI as a
 * string (what a CodeLens carries) or a vscode.Uri; without one they act on the active editor.
 */
export const RegistryCommands = {
  configure: 'avro.registry.configure',
  setCredentials: 'avro.registry.setCredentials',
  /** Optional argument: a workspace folder URI (string). */
  testConnection: 'avro.registry.testConnection',
  /** Argument: the schema URI. */
  checkCompatibility: 'avro.registry.checkCompatibility',
  /** Argument: the schema URI ("Register…" lens of ahead-compatible and not-registered schemas). */
  register: 'avro.registry.register',
  /** Optional argument: the schema URI (then its subject is pulled into that file). */
  pull: 'avro.registry.pull',
  /** Argument: the schema URI; optional second argument: a registry version number. */
  compare: 'avro.registry.compare',
  compareVersions: 'avro.registry.compareVersions',
  sync: 'avro.registry.sync',
  /** Optional argument: the schema URI (its subject) or `{ folder, subject }`. */
  showVersions: 'avro.registry.showVersions',
  /** Optional argument: the schema URI (its subject's level) or `{ folder, subject? }`. */
  setLevel: 'avro.registry.setLevel',
  /** Argument: the schema URI ("Add mapping…" lens of unmapped schemas). */
  addMapping: 'avro.registry.addMapping',
  refreshSync: 'avro.registry.refreshSync',
  registerAllCompatible: 'avro.registry.registerAllCompatible',
  pullAllBehind: 'avro.registry.pullAllBehind',
  /** Argument: the schema URI: opens it at its first problem. */
  openProblem: 'avro.registry.openProblem',
} as const;

/** Result of RegistrySetLevelRequest. */
export interface RegistrySetLevelResult {
  ok: boolean;
  /** The level now in force. */
  level?: string;
  message: string;
}
