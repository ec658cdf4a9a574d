// The team policy in the editor, through the real server: the BUTTERFLY example in a git repository, a breaking change while typing (AVRO-620, AVRO-602 from the check against git:HEAD; AVRO-641 from validation), the hover that explains a finding and links to its line of avro-studio.json, the quick fix that sets the right version, and an invalid policy shown on its line of avro-studio.json.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, FullDocumentDiagnosticReport, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { LspTestClient, tempWorkspace } from '../helpers/lspClient';
import { REPO_ROOT } from '../helpers/paths';
import { StatusLog } from './compatRepo';

const EXAMPLE = path.join(REPO_ROOT, 'examples', 'policies', 'butterfly');
const FILE = 'butterfly-common/src/main/avro/PerceptionSignalEvent.avsc';

function filesOf(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'changes') continue;
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, filesOf(p, `${prefix}${entry.name}/`));
    else out[`${prefix}${entry.name}`] = fs.readFileSync(p, 'utf8');
  }
  return out;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, env: { ...process.env, GIT_AUTHOR_NAME: 'Dev', GIT_AUTHOR_EMAIL: 'dev@example.com', GIT_COMMITTER_NAME: 'Dev', GIT_COMMITTER_EMAIL: 'dev@example.com', GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull }, stdio: 'ignore' });
}

async function items(client: LspTestClient, uri: string): Promise<Diagnostic[]> {
  return ((await client.pull(uri)) as FullDocumentDiagnosticReport).items;
}

describe('the team policy in the editor', () => {
  test('BUTTERFLY: a removed field and a new camelCase field while typing; hover links to the rule; the fix sets 2.0.0', async () => {
    const ws = tempWorkspace(filesOf(EXAMPLE), 'avro-policy-lsp-');
    git(ws.root, 'init', '-q', '-b', 'main');
    git(ws.root, 'add', '-A');
    git(ws.root, 'commit', '-q', '--no-gpg-sign', '-m', 'schemas');
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const status = new StatusLog(client, true);
      const uri = ws.uri(FILE);
      const original = fs.readFileSync(ws.path(FILE), 'utf8');
      const edited = original
        .replace('    {"name": "strength", "type": "double", "doc": "Signal strength between 0 and 1."},\n', '')
        .replace('    {"name": "scope_id"', '    {"name": "detectorName", "type": ["null", "string"], "default": null, "doc": "The detector."},\n    {"name": "scope_id"');
      await client.open(uri, edited);
      await status.wait(uri, s => s.state !== 'checking');
      const found = await items(client, uri);
      const summary = found.map(d => `${d.range.start.line + 1}:${String(d.code)}`).sort();
      assert.deepEqual(summary, ['6:AVRO-620', '7:AVRO-602', '9:AVRO-641']);

      // Hover on the version: the rule, the team's setting and a link to its line.
      const bump = found.find(d => d.code === 'AVRO-602')!;
      const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: bump.range.start }) as Hover;
      const markdown = (hover.contents as MarkupContent).value;
      assert.match(markdown, /\*\*AVRO-602\*\* Policy: the schema changed but its version did not grow/);
      const configUri = ws.uri('avro-studio.json');
      const versionLine = fs.readFileSync(ws.path('avro-studio.json'), 'utf8').split('\n').findIndex(l => l.includes('"versionField"')) + 1;
      assert.ok(markdown.includes(`[avro-studio.json, line ${versionLine}](${configUri}#L${versionLine})`), markdown);
      // Hover on the field name: the naming rule (found by validation, no baseline needed).
      const naming = found.find(d => d.code === 'AVRO-641')!;
      const hover2 = await client.request('textDocument/hover', { textDocument: { uri }, position: naming.range.start }) as Hover;
      assert.match((hover2.contents as MarkupContent).value, /\*\*AVRO-641\*\*.*\n\nField names follow the team's style/);

      // The quick fix of AVRO-602 sets the next MAJOR version.
      const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: bump.range, context: { diagnostics: [bump], only: ['quickfix'] } }) as CodeAction[];
      const fix = actions.find(a => a.title === 'Set the version to "2.0.0"');
      assert.ok(fix, JSON.stringify(actions.map(a => a.title)));
      assert.equal(fix.edit?.changes?.[uri]?.[0].newText, '"2.0.0"');
      assert.deepEqual(client.errorLogs(), []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });

  test('an invalid policy: one problem on its line of avro-studio.json; cleared once fixed', async () => {
    const config = '{\n  "policy": {\n    "versionField": {"kind": "date"}\n  }\n}\n';
    const ws = tempWorkspace({ 'avro-studio.json': config, 'a.avsc': '{"type": "record", "name": "A", "fields": []}' });
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [ws.root] });
    try {
      const configUri = ws.uri('avro-studio.json');
      await client.open(ws.uri('a.avsc'), '{"type": "record", "name": "A", "fields": []}');
      const published = await client.waitForDiagnostics(configUri, p => p.diagnostics.length > 0);
      assert.equal(published.diagnostics.length, 1);
      assert.equal(published.diagnostics[0].range.start.line, 2);
      assert.match(String(published.diagnostics[0].message), /"policy\.versionField\.kind" must be "semver"/);
      ws.write('avro-studio.json', config.replace('"date"', '"integer"'));
      await client.watchedFilesChanged([{ uri: configUri, type: 2 }]);
      await client.pull(ws.uri('a.avsc'));
      await client.idle();
      assert.deepEqual(client.publishedFor(configUri).at(-1)?.diagnostics, []);
    } finally {
      await client.stop();
      ws.cleanup();
    }
  });
});
