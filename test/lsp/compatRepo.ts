// Helpers for the compatibility LSP tests: real git repositories in temp dirs, status notifications, applying code actions.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextEdit } from 'vscode-languageserver-protocol';
import type { CompatibilityStatusParams } from '../../server/src/protocol';
import { LineIndex } from '../../server/src/service/text';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';

export type Workspace = ReturnType<typeof tempWorkspace>;

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Avro Studio Tests', GIT_AUTHOR_EMAIL: 'tests@example.invalid',
  GIT_COMMITTER_NAME: 'Avro Studio Tests', GIT_COMMITTER_EMAIL: 'tests@example.invalid',
  GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull,
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });
}

/** A temp folder with these files, made a git repository with one commit of all of them (none: no repository). */
export function repository(files: Record<string, string>, options: { commit?: boolean } = {}): Workspace {
  const ws = tempWorkspace(files, 'avro-studio-compat-');
  if (options.commit !== false) {
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-q', '-m', 'first version');
  }
  return ws;
}

/** Write a file and commit it (moves HEAD). */
export function commit(ws: Workspace, rel: string, text: string, message: string): string {
  ws.write(rel, text);
  git(ws.root, 'add', '-A');
  git(ws.root, 'commit', '-q', '-m', message);
  return git(ws.root, 'rev-parse', '--short', 'HEAD').trim();
}

/** Collects avro/compatibilityStatus notifications; wait for one that matches. */
export class StatusLog {
  readonly all: CompatibilityStatusParams[] = [];
  private waiters: Array<{ test: (s: CompatibilityStatusParams) => boolean; resolve: (s: CompatibilityStatusParams) => void }> = [];

  /** In pull mode nothing is computed until the client asks: the log pulls the document while it waits (as VS Code pulls open documents). */
  constructor(private readonly client: LspTestClient, private readonly pulls: boolean) {
    client.connection.onNotification('avro/compatibilityStatus', (s: CompatibilityStatusParams) => {
      this.all.push(s);
      this.waiters = this.waiters.filter(w => (w.test(s) ? (w.resolve(s), false) : true));
    });
  }

  latest(uri: string): CompatibilityStatusParams | undefined {
    for (let i = this.all.length - 1; i >= 0; i--) if (this.all[i].uri === uri) return this.all[i];
    return undefined;
  }

  /** The latest status of `uri` once it satisfies `test` (now, or when it arrives). */
  /** `timeoutMs` only bounds a failure (a loaded machine must not fail a test that would pass). */
  wait(uri: string, test: (s: CompatibilityStatusParams) => boolean, timeoutMs = 60_000): Promise<CompatibilityStatusParams> {
    const now = this.latest(uri);
    if (now && test(now)) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      let ticker: NodeJS.Timeout | undefined;
      const timer = setTimeout(() => {
        clearInterval(ticker);
        reject(new Error(`timed out waiting for a status of ${uri}; last: ${JSON.stringify(this.latest(uri))}`));
      }, timeoutMs);
      this.waiters.push({ test: s => s.uri === uri && test(s), resolve: s => { clearTimeout(timer); clearInterval(ticker); resolve(s); } });
      if (this.pulls) {
        const pull = (): void => void this.client.pull(uri).catch(() => undefined);
        pull();
        ticker = setInterval(pull, 100);
      }
    });
  }
}

/** Start a client on a workspace folder, with a status log attached before anything is opened. */
export async function startOn(ws: Workspace, options: Parameters<typeof LspTestClient.start>[0] = {}): Promise<{ client: LspTestClient; status: StatusLog }> {
  const client = await LspTestClient.start({ workspaceFolders: [ws.root], ...options });
  return { client, status: new StatusLog(client, options.mode === 'pull') };
}

/** The current diagnostics of a document: pulled (pull mode) or the latest published for its version (push mode). */
export async function diagnosticsOf(client: LspTestClient, uri: string, mode: 'pull' | 'push', test: (ds: Diagnostic[]) => boolean = () => true, timeoutMs = 60_000): Promise<Diagnostic[]> {
  const deadline = Date.now() + timeoutMs;
  if (mode === 'push') {
    const version = client.version(uri);
    const p = await client.waitForDiagnostics(uri, x => (version === undefined || x.version === version) && test(x.diagnostics), { timeoutMs });
    return p.diagnostics;
  }
  // Pull until the test holds: again once the server is idle (a baseline loaded), and at a pace for
  // what it does on its own clock (a git ref polled, a registry reconnected).
  for (;;) {
    const report = await client.pull(uri);
    const items = report.kind === 'full' ? report.items : [];
    if (test(items)) return items;
    if (Date.now() > deadline) throw new Error(`timed out pulling diagnostics of ${uri}: ${JSON.stringify(items.map(d => `${d.code} ${d.message}`))}`);
    await client.idle();
    await new Promise(r => setTimeout(r, 50));
  }
}

export function compatCodes(ds: readonly Diagnostic[]): string[] {
  return ds.map(d => String(d.code)).filter(c => /^AVRO-4\d\d$/.test(c)).sort();
}

export function textOfRange(text: string, d: { range: Diagnostic['range'] }): string {
  const index = new LineIndex(text);
  return text.slice(index.offsetAt(d.range.start), index.offsetAt(d.range.end));
}

/** Ask for the quick fixes of a diagnostic. */
export async function quickFixes(client: LspTestClient, uri: string, d: Diagnostic): Promise<CodeAction[]> {
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
}

/** Apply a code action's edits of one document to the client's text (as the editor would) and send the change. */
export async function applyAction(client: LspTestClient, uri: string, action: CodeAction): Promise<string> {
  const edits: TextEdit[] = action.edit?.changes?.[uri] ?? [];
  if (!edits.length) throw new Error(`"${action.title}" has no edit for ${uri}`);
  let text = client.text(uri);
  const index = new LineIndex(text);
  const sorted = edits.map(e => ({ start: index.offsetAt(e.range.start), end: index.offsetAt(e.range.end), newText: e.newText })).sort((a, b) => b.start - a.start);
  for (const e of sorted) text = text.slice(0, e.start) + e.newText + text.slice(e.end);
  await client.replace(uri, text);
  return text;
}

/** A directory holding a `git` that logs every invocation to `log` and runs the real git. */
export function gitSpy(): { dir: string; log: string; calls(): string[]; cleanup(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'avro-studio-gitspy-'));
  const log = path.join(dir, 'calls.log');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  fs.writeFileSync(path.join(dir, 'git'), `#!/bin/sh\necho "$PWD: $*" >> '${log}'\nexec '${real}' "$@"\n`, { mode: 0o755 });
  return {
    dir,
    log,
    calls: () => (fs.existsSync(log) ? fs.readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
    cleanup: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
