// The vocabulary of Schema Registry shared by every layer: where a local schema stands against its subject, the connection's states, registry version URIs.
//
// Imports nothing (see compatibility.ts).

/** Where a local schema stands against its subject (the editor's sync view and `avro-studio registry status`). */
export const REGISTRY_SYNC_STATES = [
  'in-sync', // the latest version holds the same schema
  'ahead-compatible', // local differs, compatible at the subject's level: can be registered
  'ahead-incompatible', // local differs and would be rejected
  'behind', // the registry has a newer version than the local one (local equals an older version)
  'not-registered', // the subject does not exist yet
  'unmapped', // maps to no subject
  'invalid', // the local schema has errors
  'error', // the registry could not be asked (the message says why)
] as const;
export type RegistrySyncState = (typeof REGISTRY_SYNC_STATES)[number];

/** A state in words ("ahead (compatible)"), for summaries. */
export const SYNC_STATE_WORDS: Readonly<Record<RegistrySyncState, string>> = {
  'in-sync': 'in sync',
  'ahead-compatible': 'ahead (compatible)',
  'ahead-incompatible': 'ahead (incompatible)',
  behind: 'behind',
  unmapped: 'unmapped',
  'not-registered': 'not registered',
  invalid: 'invalid',
  error: 'could not be checked',
};

/** The registry's state for a workspace folder: 'unconfigured' (no registry in avro-studio.json), 'untrusted' (Restricted Mode: not contacted), then the connection's. */
export const REGISTRY_CONNECTION_STATES = ['unconfigured', 'untrusted', 'connected', 'offline', 'unauthorized', 'error'] as const;
export type RegistryConnectionState = (typeof REGISTRY_CONNECTION_STATES)[number];

/** Credentials for a registry URL as the editor hands them over (null: none stored). Never logged, never written. */
export type RegistryCredentials =
  | { auth: 'basic'; username: string; password: string }
  | { auth: 'bearer'; token: string }
  | null;

/**
 * URI scheme of registry versions shown read-only by the client ("Compare with Registry", related
 * information of registry findings): `avro-registry:/<subject>/v<version>.avsc?<query>` with the query
 * encodeURIComponent(JSON.stringify(RegistryUriQuery)).
 */
export const REGISTRY_URI_SCHEME = 'avro-registry';

export interface RegistryUriQuery {
  /** The workspace folder whose avro-studio.json names the registry (file: URI). */
  folder: string;
  subject: string;
  version: number;
}

/** The registry's state for one workspace folder, as the status bar shows it. */
export interface RegistryFolderStatus {
  /** The workspace folder (file: URI). */
  folder: string;
  url?: string;
  state: RegistryConnectionState;
  /** One line for people; never a secret. */
  message: string;
}
