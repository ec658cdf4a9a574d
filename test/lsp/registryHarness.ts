// Helpers for the registry LSP tests: the server (in process, or the bundle with `client: { process: true }`), the protocol-faithful fake registry, a workspace with avro-studio.json, and a client that answers credentials and records every registry message.
import * as assert from 'node:assert/strict';
import type { CodeLens } from 'vscode-languageserver-protocol';
import type { RegistryCredentialsParams, RegistryCredentialsResult, RegistryStatusParams } from '../../server/src/protocol';
import { LspTestClient, tempWorkspace, type StartOptions } from '../helpers/lspClient';
import { startFakeRegistry, type FakeRegistry, type FakeRegistryOptions } from '../registry/fakeRegistry';
import { StatusLog, type Workspace } from './compatRepo';

export const USER = 'ci-bot';
/** A password that must never appear in any output of the server. */
export const PASSWORD = 'S3cr3t-Pa55word-never-logged';

export interface RegistryWorkspaceOptions {
  /** avro-studio.json without "registry" (added with the fake's URL). */
  project: Record<string, unknown>;
  files: Record<string, string>;
  auth?: 'none' | 'basic' | 'bearer';
}

export interface Harness {
  reg: FakeRegistry;
  ws: Workspace;
  client: LspTestClient;
  status: StatusLog;
  registryStatuses: RegistryStatusParams[];
  credentialRequests: RegistryCredentialsParams[];
  /** workspace/codeLens/refresh requests the server sent. */
  lensRefreshes: number;
  stop(): Promise<void>;
}

export interface HarnessOptions extends RegistryWorkspaceOptions {
  registry?: FakeRegistryOptions;
  /** Seed the registry before the server starts. */
  seed?(reg: FakeRegistry): void;
  client?: StartOptions;
  /** What the client answers to RegistryCredentialsRequest; 'unimplemented': no handler (like other editors). */
  credentials?: RegistryCredentialsResult | 'unimplemented';
}

/** Start the fake registry (basic auth by default), a workspace pointing at it, and the server. */
export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const auth = options.auth ?? 'basic';
  const reg = await startFakeRegistry({ auth: auth === 'basic' ? { basic: { username: USER, password: PASSWORD } } : auth === 'bearer' ? { bearer: PASSWORD } : undefined, ...options.registry });
  options.seed?.(reg);
  const project = { ...options.project, registry: { url: reg.url, auth } };
  const ws = tempWorkspace({ 'avro-studio.json': JSON.stringify(project, null, 2), ...options.files }, 'avro-studio-registry-');
  // An unreachable registry is tried again after 200 ms (not seconds): a test can bring it back.
  const spawned = options.client?.process !== undefined && options.client.process !== false;
  const client = await LspTestClient.start({
    mode: 'pull',
    workspaceFolders: [ws.root],
    settings: { diagnostics: { debounceMs: 20 } },
    ...options.client,
    // In process, an unreachable registry is tried again after 200 ms instead of 5 s.
    ...(spawned ? {} : { runtime: { ...options.client?.runtime, registry: { retryBaseMs: 200, ...options.client?.runtime?.registry } } }),
  });
  const h: Harness = {
    reg,
    ws,
    client,
    status: new StatusLog(client, true),
    registryStatuses: [],
    credentialRequests: [],
    lensRefreshes: 0,
    async stop() {
      await client.stop();
      // h.reg, not reg: a test may replace the registry (it goes away and comes back on the same port).
      await h.reg.stop();
      ws.cleanup();
    },
  };
  client.connection.onNotification('avro/registry/status', (s: RegistryStatusParams) => {
    h.registryStatuses.push(s);
  });
  client.connection.onRequest('workspace/codeLens/refresh', () => {
    h.lensRefreshes++;
    return null;
  });
  if (options.credentials !== 'unimplemented') {
    const answer: RegistryCredentialsResult = options.credentials !== undefined ? options.credentials : auth === 'bearer' ? { auth: 'bearer', token: PASSWORD } : { auth: 'basic', username: USER, password: PASSWORD };
    answerCredentials(h, () => answer);
  }
  return h;
}

/** Every text the server produced: stderr, log messages, and every notification and answer recorded. */
export function everythingSaid(h: Harness, ...answers: unknown[]): string {
  return [
    h.client.stderr,
    ...h.client.logs.map(l => l.message),
    ...h.registryStatuses.map(s => JSON.stringify(s)),
    ...h.status.all.map(s => JSON.stringify(s)),
    ...h.client.published.map(p => JSON.stringify(p)),
    ...answers.map(a => JSON.stringify(a)),
  ].join('\n');
}

/** The password (and its basic-auth encoding) appears nowhere the server wrote. */
export function assertNoSecret(h: Harness, ...answers: unknown[]): void {
  const all = everythingSaid(h, ...answers);
  assert.ok(!all.includes(PASSWORD), 'the password leaked');
  assert.ok(!all.includes(Buffer.from(`${USER}:${PASSWORD}`).toString('base64')), 'the Authorization value leaked');
}

/** Lens titles of a document once `done` holds (lenses are computed behind the request; the test asks again). */
export async function lensesOf(h: Harness, uri: string, done: (lenses: CodeLens[]) => boolean = ls => ls.every(l => !/checking/.test(l.command?.title ?? '')), timeoutMs = 60_000): Promise<CodeLens[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lenses = await h.client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    if (done(lenses)) return lenses;
    if (Date.now() > deadline) throw new Error(`timed out waiting for the lenses of ${uri}: ${JSON.stringify(lenses.map(l => l.command?.title))}`);
    await h.client.idle();
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Wait until `test` holds (polling), or fail with `what` (`timeoutMs` only bounds a failure). */
export async function eventually<T>(what: string, probe: () => T | Promise<T>, test: (v: T) => boolean, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (test(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(v)}`);
    await new Promise(r => setTimeout(r, 50));
  }
}

/** Register a version in the fake directly (history: no compatibility check). */
export function seedVersion(reg: FakeRegistry, subject: string, schema: string, references?: Array<{ name: string; subject: string; version: number }>): { id: number; version: number } {
  return reg.state.register(subject, { schema, references }, false, true);
}

/** Answer RegistryCredentialsRequest with `answer()` from now on (recording each request). */
export function answerCredentials(h: Harness, answer: () => RegistryCredentialsResult): void {
  const handler = (p: RegistryCredentialsParams): RegistryCredentialsResult => {
    h.credentialRequests.push(p);
    return answer();
  };
  h.client.connection.onRequest('avro/registry/credentials', handler as (p: unknown) => unknown);
}
