// Registry credentials for the CLI from the environment (basic or bearer), TLS files named in avro-studio.json, and the secrets to keep out of every output.
//
// Secrets never come from files: AVRO_REGISTRY_USERNAME + AVRO_REGISTRY_PASSWORD (basic: an API key
// and secret on Confluent Cloud) or AVRO_REGISTRY_TOKEN (bearer). The project file may say which
// kind the registry wants ("auth"); then that kind is required. The CA, client certificate and key
// are PEM files whose paths avro-studio.json gives relative to itself (inside its folder), or
// the command line gives (--ca-file, --cert-file, --key-file: anywhere).
import * as path from 'node:path';
import { confinedPath, PathOutsideProjectError } from '../config/confine';
import { PROJECT_CONFIG_FILE, type RegistryConfig } from '../config/projectConfig';
import { readTextFile } from '../node/textFile';
import { FileTooLargeError, NotARegularFileError } from '../workspace/fileSystem';
import type { RegistryAuth } from './types';

export const ENV_USERNAME = 'AVRO_REGISTRY_USERNAME';
export const ENV_PASSWORD = 'AVRO_REGISTRY_PASSWORD';
export const ENV_TOKEN = 'AVRO_REGISTRY_TOKEN';

export type CredentialsResult = { ok: true; auth: RegistryAuth } | { ok: false; message: string };

function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const v = env[name];
  return v === undefined || v === '' ? undefined : v;
}

/**
 * The credentials in `env`. `wanted` is what avro-studio.json asks for ("basic" or "bearer"
 * requires those variables); with "none" or no project file the variables that are set decide.
 * Messages name the variables, never their values.
 */
export function credentialsFromEnvironment(env: Readonly<Record<string, string | undefined>>, wanted: RegistryConfig['auth'] | undefined): CredentialsResult {
  const username = envValue(env, ENV_USERNAME);
  const password = envValue(env, ENV_PASSWORD);
  const token = envValue(env, ENV_TOKEN);
  const basic = (): CredentialsResult => {
    const missing = [username ? undefined : ENV_USERNAME, password ? undefined : ENV_PASSWORD].filter((x): x is string => x !== undefined);
    if (missing.length) {
      const why = wanted === 'basic' ? `the registry in ${PROJECT_CONFIG_FILE} uses basic authentication` : `${username ? ENV_USERNAME : ENV_PASSWORD} is set`;
      return { ok: false, message: `missing credentials: ${why}, but ${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not set. Set ${ENV_USERNAME} and ${ENV_PASSWORD} (on Confluent Cloud: the API key and secret).` };
    }
    return { ok: true, auth: { kind: 'basic', username: username!, password: password! } };
  };
  if (wanted === 'basic') return basic();
  if (wanted === 'bearer') {
    if (!token) return { ok: false, message: `missing credentials: the registry in ${PROJECT_CONFIG_FILE} uses bearer authentication, but ${ENV_TOKEN} is not set. Set it to the token.` };
    return { ok: true, auth: { kind: 'bearer', token } };
  }
  if ((username || password) && token) {
    return { ok: false, message: `both basic (${ENV_USERNAME}/${ENV_PASSWORD}) and bearer (${ENV_TOKEN}) credentials are set: unset one, or say which the registry uses with "auth" under "registry" in ${PROJECT_CONFIG_FILE}.` };
  }
  if (username || password) return basic();
  if (token) return { ok: true, auth: { kind: 'bearer', token } };
  return { ok: true, auth: { kind: 'none' } };
}

/** "none", "basic (user ci-bot)" or "bearer token": how requests authenticate, without the secret. */
export function describeAuth(auth: RegistryAuth): string {
  switch (auth.kind) {
    case 'none': return 'no authentication';
    case 'basic': return `basic authentication as ${auth.username}`;
    case 'bearer': return 'a bearer token';
  }
}

/**
 * Every string that must never appear in an output: the password and token themselves, and the
 * Authorization header values made from them (a misbehaving server may echo a header).
 */
export function secretsOf(auth: RegistryAuth): string[] {
  switch (auth.kind) {
    case 'none': return [];
    case 'basic': return [auth.password, Buffer.from(`${auth.username}:${auth.password}`).toString('base64')];
    case 'bearer': return [auth.token];
  }
}

/**
 * Replace every secret in `text` with "***" (the last line of defence: messages are written not to
 * hold them). Secrets shorter than 3 characters are left alone: replacing them would garble the text.
 */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 3) out = out.split(s).join('***');
  return out;
}

export interface TlsMaterial {
  ca?: string;
  cert?: string;
  key?: string;
}

export type TlsResult = { ok: true; tls: TlsMaterial } | { ok: false; message: string };

/** PEM files are a few KB; a bundle of many CAs stays well under this. */
const MAX_PEM_BYTES = 4 * 1024 * 1024;

/** TLS files given on the command line (--ca-file, --cert-file, --key-file): the user's own, relative to the working directory, not confined. */
export interface TlsFileOverrides {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** The folder the override paths are relative to (the working directory). */
  base: string;
}

/**
 * Read the PEM files `registry` names (caFile, certFile, keyFile), relative to `root`, the folder of
 * avro-studio.json, and never outside it (config/confine.ts: links resolved); a flag's file wins
 * over the project file's and may be anywhere. A file that cannot be read, is outside the project
 * folder or is not PEM is an error naming the setting, never quoting the file.
 */
export async function readTlsFiles(
  registry: RegistryConfig | undefined,
  root: string,
  readFile: (p: string) => Promise<string> = p => readTextFile(p, MAX_PEM_BYTES),
  overrides?: TlsFileOverrides,
): Promise<TlsResult> {
  const tls: TlsMaterial = {};
  const files: Array<[keyof TlsMaterial, 'caFile' | 'certFile' | 'keyFile', string]> = [
    ['ca', 'caFile', 'ca-file'],
    ['cert', 'certFile', 'cert-file'],
    ['key', 'keyFile', 'key-file'],
  ];
  for (const [slot, key, flag] of files) {
    const given = overrides?.[key];
    const file = given ?? registry?.[key];
    if (!file) continue;
    const where = given !== undefined ? `--${flag}` : `"registry.${key}" in ${PROJECT_CONFIG_FILE}`;
    let full: string;
    try {
      full = given !== undefined
        ? path.resolve(overrides!.base, given)
        : await confinedPath(file, { root, setting: `${PROJECT_CONFIG_FILE} "registry.${key}"` });
    } catch (e) {
      if (e instanceof PathOutsideProjectError) return { ok: false, message: `${e.message} On the command line, pass --${flag} for a file elsewhere.` };
      throw e;
    }
    let text: string;
    try {
      text = await readFile(full);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const why = e instanceof NotARegularFileError ? `is ${e.kind}, not a regular file`
        : e instanceof FileTooLargeError ? 'is too large for a PEM file'
        : code === 'ENOENT' ? 'does not exist' : code === 'EISDIR' ? 'is a folder' : `cannot be read (${code ?? (e as Error).message})`;
      return { ok: false, message: `${where}: ${full} ${why}${given !== undefined ? '' : ` (the path is relative to ${PROJECT_CONFIG_FILE})`}.` };
    }
    if (!/-----BEGIN [A-Z0-9 ]+-----/.test(text)) {
      return { ok: false, message: `${where}: ${full} is not a PEM file (no "-----BEGIN ...-----" line).` };
    }
    tls[slot] = text;
  }
  return { ok: true, tls };
}
