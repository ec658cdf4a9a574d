// The CLI's registry connection: URL from --registry or avro-studio.json, credentials from the environment, TLS files from the project file; registry failures as one clear line.
import * as path from 'node:path';
import type { LoadedProjectConfig } from '../../config/loadProjectConfig';
import { PROJECT_CONFIG_FILE } from '../../config/projectConfig';
import { createRegistryClient } from '../../registry/client';
import { credentialsFromEnvironment, describeAuth, ENV_PASSWORD, ENV_TOKEN, ENV_USERNAME, readTlsFiles, secretsOf } from '../../registry/credentials';
import { RegistryError, type RegistryAuth, type RegistryClient } from '../../registry/types';
import { withoutUserinfo } from '../../registry/userinfo';
import { pathToUri } from '../../workspace/uris';
import { single, type ParsedArgs } from '../args';
import { CliError, type CliIO } from '../io';

/** What the command line says about the registry, over avro-studio.json. */
export interface RegistryOverrides {
  /** --registry URL: replaces "registry.url" (auth kind, TLS files and timeout still come from the project file). */
  url?: string;
  /** --subject NAME: the subject of the one file given. */
  subject?: string;
  /** --timeout: per request, ms. */
  timeoutMs?: number;
  /** --ca-file, --cert-file, --key-file: PEM files anywhere (relative to the working directory), over the project file's. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** The TLS flags every registry command takes (the project file's paths must stay inside its folder; these need not). */
export const TLS_FLAGS = [
  { name: 'ca-file', type: 'string' },
  { name: 'cert-file', type: 'string' },
  { name: 'key-file', type: 'string' },
] as const;

export const TLS_OPTIONS_HELP = `  --ca-file <file>       PEM file of the CA that signs the registry's certificate (default:
                         "registry.caFile" of avro-studio.json, which must lie inside its folder)
  --cert-file <file>, --key-file <file>
                         client certificate and key for mTLS (default: "registry.certFile" and
                         "registry.keyFile"); these paths may be anywhere, e.g. $RUNNER_TEMP`;

/** --ca-file, --cert-file and --key-file from parsed flags. */
export function tlsOverrides(parsed: ParsedArgs): Pick<RegistryOverrides, 'caFile' | 'certFile' | 'keyFile'> {
  const out: Pick<RegistryOverrides, 'caFile' | 'certFile' | 'keyFile'> = {};
  const ca = single(parsed, 'ca-file');
  const cert = single(parsed, 'cert-file');
  const key = single(parsed, 'key-file');
  if ((cert === undefined) !== (key === undefined)) throw new CliError('--cert-file and --key-file go together (mTLS needs both)');
  if (ca !== undefined) out.caFile = ca;
  if (cert !== undefined) out.certFile = cert;
  if (key !== undefined) out.keyFile = key;
  return out;
}

export interface ConnectedRegistry {
  client: RegistryClient;
  url: string;
  auth: RegistryAuth;
  /** The secrets in use (redacted from messages). */
  secrets: string[];
  /** The folder of avro-studio.json (or the working directory) as a file: URI: registry version URIs name it. */
  folder: string;
  /** "http://registry:8081 (basic authentication as ci)". */
  description: string;
}

/** "30s", "2500ms", "1.5" (seconds): per-request time limit in ms. */
export function parseTimeout(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/i.exec(text);
  if (!m) throw new CliError(`--timeout needs a duration such as 30s, 2500ms or 10 (seconds), not '${text}'`);
  const ms = m[2]?.toLowerCase() === 'ms' ? Number(m[1]) : Number(m[1]) * 1000;
  if (!(ms > 0)) throw new CliError(`--timeout must be more than 0, not '${text}'`);
  return Math.round(ms);
}

function checkedUrl(text: string, where: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new CliError(`${where} must be an http(s) URL such as https://registry.example.com:8081, not '${withoutUserinfo(text)}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new CliError(`${where} must be an http(s) URL, not '${withoutUserinfo(text)}'`);
  if (url.username || url.password) {
    throw new CliError(`${where} must not contain credentials: set ${ENV_USERNAME} and ${ENV_PASSWORD} (basic) or ${ENV_TOKEN} (bearer) in the environment instead`);
  }
  return text.replace(/\/+$/, '');
}

/**
 * The registry client for a run. Usage problems (no registry, missing credentials, unreadable
 * certificate files) throw CliError (exit 2); nothing is sent yet.
 */
export async function connectRegistry(project: LoadedProjectConfig | undefined, overrides: RegistryOverrides, io: CliIO): Promise<ConnectedRegistry> {
  const config = project?.config.registry;
  const url = overrides.url !== undefined ? checkedUrl(overrides.url, '--registry') : config?.url;
  if (!url) {
    const where = project ? `"registry": {"url": "https://..."} to ${path.relative(io.cwd, project.file) || PROJECT_CONFIG_FILE}` : `an ${PROJECT_CONFIG_FILE} with "registry": {"url": "https://..."}`;
    throw new CliError(`no Schema Registry: pass --registry URL, or add ${where}`);
  }
  const credentials = credentialsFromEnvironment(io.env, config?.auth);
  if (!credentials.ok) throw new CliError(credentials.message);
  const tls = await readTlsFiles(config, project?.config.root ?? io.cwd, undefined, { caFile: overrides.caFile, certFile: overrides.certFile, keyFile: overrides.keyFile, base: io.cwd });
  if (!tls.ok) throw new CliError(tls.message);
  const auth = credentials.auth;
  const client = createRegistryClient({ url, auth, ...tls.tls, timeoutMs: overrides.timeoutMs ?? config?.timeoutMs });
  return {
    client,
    url,
    auth,
    secrets: secretsOf(auth),
    folder: pathToUri(project?.config.root ?? io.cwd),
    description: `${url} (${describeAuth(auth)})`,
  };
}

/** One line for a registry failure: the client's explanation, plus where the CLI takes the setting from; never a secret. */
export function describeRegistryError(e: unknown): string {
  if (!(e instanceof RegistryError)) return e instanceof Error ? e.message : String(e);
  const base = e.message;
  const end = /[.!?)]$/.test(base) ? '' : '.';
  switch (e.kind) {
    case 'unauthorized':
      return `${base}${end} The CLI takes the credentials from ${ENV_USERNAME} and ${ENV_PASSWORD}, or ${ENV_TOKEN}.`;
    case 'tls':
      if (/client certificate/i.test(base)) return `${base}${end} The CLI takes it from "registry.certFile" and "registry.keyFile" of ${PROJECT_CONFIG_FILE}.`;
      if (/\bCA\b/.test(base)) return `${base}${end} The CLI takes the CA from "registry.caFile" of ${PROJECT_CONFIG_FILE}.`;
      return base;
    case 'network':
      return `${base}${end} --registry or "registry.url" of ${PROJECT_CONFIG_FILE} gives the address.`;
    case 'timeout':
      return `${base}${end} --timeout or "registry.timeoutMs" of ${PROJECT_CONFIG_FILE} sets the limit.`;
    default:
      return base;
  }
}
