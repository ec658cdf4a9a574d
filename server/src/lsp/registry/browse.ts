// The registry requests that only read or set one thing: test the connection, a document's subject, subjects, versions, one version's text, the compatibility level.
import { applyEdits, format } from 'jsonc-parser';
import { ResponseError, LSPErrorCodes } from 'vscode-languageserver';
import type {
  RegistryFolderParams,
  RegistrySchemaParams,
  RegistrySchemaResult,
  RegistrySetLevelParams,
  RegistrySetLevelResult,
  RegistrySubjectParams,
  RegistrySubjectResult,
  RegistrySubjectsParams,
  RegistrySubjectsResult,
  RegistryTestConnectionParams,
  RegistryTestConnectionResult,
  RegistryVersionsParams,
  RegistryVersionsResult,
} from '../../protocol';
import { RegistryError, type CompatibilityLevelName } from '../../registry/types';
import { COMPATIBILITY_LEVELS } from '../../service/languageService';
import type { ServerContext } from '../context';
import { INDEX_WAIT_MS } from '../diagnostics';
import type { FolderLookup, RegistryFolder, RegistryFolders } from './folders';
import { subjectOf } from './plan';

/** A request that needs the registry fails with a message for people (no secret: messages are redacted by the session). */
function fail(message: string): never {
  throw new ResponseError(LSPErrorCodes.RequestFailed, message);
}

async function folderOf(folders: RegistryFolders, params: RegistryFolderParams | undefined): Promise<RegistryFolder> {
  const found: FolderLookup = await folders.resolve(params?.folder);
  if (!found.ok) fail(found.message);
  return found.value;
}

/**
 * What the registry said (a RegistryError: a message for people) becomes the request's error; a
 * cancellation goes to the handler's wrapper (RequestCancelled); anything else is our bug, left to
 * the handler's guard (logged).
 */
async function guarded<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (signal?.aborted) throw err;
    if (err instanceof RegistryError) fail(err.message);
    throw err;
  }
}

/** The schema pretty-printed with 2 spaces, every token as registered (numbers keep their digits). */
export function prettySchema(text: string): string {
  try {
    return applyEdits(text, format(text, undefined, { tabSize: 2, insertSpaces: true, eol: '\n' })) + '\n';
  } catch {
    return text;
  }
}

export async function testConnection(ctx: ServerContext, folders: RegistryFolders, params: RegistryTestConnectionParams | undefined, signal?: AbortSignal): Promise<RegistryTestConnectionResult> {
  const found = await folders.resolve(params?.folder);
  if (!found.ok) return { ok: false, message: found.message };
  const { session, registry } = found.value;
  const start = ctx.runtime.now();
  try {
    const level = await session.live.level(undefined, signal);
    const mode = await session.live.mode(undefined, signal).catch(err => {
      if (err instanceof RegistryError && (err.kind === 'not-found' || err.kind === 'forbidden')) return undefined;
      throw err;
    });
    const subjects = await session.live.subjects({ signal });
    const durationMs = Math.round(ctx.runtime.now() - start);
    const auth = registry.auth;
    const modeText = mode ? `, mode ${mode}` : ', no /mode endpoint';
    return {
      ok: true,
      url: registry.url,
      auth,
      level,
      mode,
      subjects: subjects.length,
      durationMs,
      message: `Connected to ${registry.url} (${auth === 'none' ? 'no authentication' : auth === 'basic' ? 'basic authentication' : 'bearer token'}) in ${durationMs} ms: global level ${level}${modeText}, ${subjects.length} subject${subjects.length === 1 ? '' : 's'}.`,
    };
  } catch (err) {
    if (signal?.aborted) throw err;
    const message = err instanceof Error ? err.message : String(err);
    return { ok: false, url: registry.url, auth: registry.auth, durationMs: Math.round(ctx.runtime.now() - start), message };
  }
}

export async function subjectOfDocument(ctx: ServerContext, folders: RegistryFolders, params: RegistrySubjectParams): Promise<RegistrySubjectResult> {
  await ctx.whenIndexed(INDEX_WAIT_MS);
  const folderPath = folders.folderOfDocument(params.uri);
  const doc = ctx.models.get(params.uri);
  if (folderPath === undefined) return { unmappedReason: 'The file is not in a workspace folder, so no avro-studio.json maps it to a subject.' };
  const project = await folders.project(folderPath);
  const found = await folders.lookup(folderPath);
  const folderUri = found.ok ? found.value.folderUri : undefined;
  if (!project) return { folder: folderUri, unmappedReason: found.ok ? undefined : found.message };
  // The mapping is local: it needs no request, so it is answered in Restricted Mode too.
  const pseudo = { folder: folderPath, project } as RegistryFolder;
  const mapping = doc ? subjectOf(ctx, pseudo, doc).resolution : undefined;
  if (!mapping) return { folder: folderUri, unmappedReason: `${params.uri} is not a schema Avro Studio knows.` };
  if (mapping.kind === 'unmapped') return { folder: folderUri, unmappedReason: mapping.reason };
  return { folder: folderUri, subject: mapping.subject, how: mapping.how };
}

export async function listSubjects(folders: RegistryFolders, params: RegistrySubjectsParams | undefined, signal?: AbortSignal): Promise<RegistrySubjectsResult> {
  const folder = await folderOf(folders, params);
  return guarded(async () => ({ subjects: [...await folder.session.live.subjects({ prefix: params?.prefix, signal })].sort() }), signal);
}

export async function listVersions(folders: RegistryFolders, params: RegistryVersionsParams, signal?: AbortSignal): Promise<RegistryVersionsResult> {
  const folder = await folderOf(folders, params);
  if (!params?.subject) fail('Which subject? The request names none.');
  return guarded(async () => ({ subject: params.subject, versions: [...await folder.session.live.versions(params.subject, { signal })].sort((a, b) => a - b) }), signal);
}

export async function schemaVersion(folders: RegistryFolders, params: RegistrySchemaParams, signal?: AbortSignal): Promise<RegistrySchemaResult> {
  const folder = await folderOf(folders, params);
  if (!params?.subject) fail('Which subject? The request names none.');
  const version = params.version === 'latest' || typeof params.version === 'number' ? params.version : 'latest';
  return guarded(async () => {
    // A numbered version never changes: the session serves it from memory after the first read.
    const s = version === 'latest' ? await folder.session.live.schema(params.subject, 'latest', { signal }) : await folder.session.cached.schema(params.subject, version, { signal });
    return { subject: s.subject, version: s.version, id: s.id, schema: s.schema, pretty: prettySchema(s.schema) };
  }, signal);
}

export async function setLevel(folders: RegistryFolders, params: RegistrySetLevelParams, written: (folder: RegistryFolder) => void): Promise<RegistrySetLevelResult> {
  const found = await folders.resolve(params?.folder);
  if (!found.ok) return { ok: false, message: found.message };
  const level = typeof params.level === 'string' ? params.level.trim().toUpperCase() : '';
  if (!(COMPATIBILITY_LEVELS as readonly string[]).includes(level)) {
    return { ok: false, message: `${JSON.stringify(params.level)} is not a compatibility level: use one of ${COMPATIBILITY_LEVELS.join(', ')}.` };
  }
  const folder = found.value;
  const what = params.subject ? `subject ${params.subject}` : 'the global level';
  try {
    const now = await folder.session.live.setLevel(level as CompatibilityLevelName, params.subject || undefined);
    written(folder);
    return { ok: true, level: now, message: `The compatibility level of ${what} is ${now} now.` };
  } catch (err) {
    return { ok: false, message: `The level of ${what} was not changed: ${err instanceof Error ? err.message : String(err)}` };
  }
}
