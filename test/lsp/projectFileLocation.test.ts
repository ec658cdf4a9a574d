// Which avro-studio.json applies to a workspace folder: the nearest at or above its root, within its git repository, as `avro-studio lint`/`check` run in that folder find it.
//
// A monorepo keeps one avro-studio.json at its root and people open one service's folder: the editor
// must apply the same team rules as CI there, and notice when that file changes.
import { describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { LspTestClient } from '../helpers/lspClient';
import { REPO_ROOT } from '../helpers/paths';

/** "namspace": AVRO-242 (an attribute name that looks like a typo), a warning unless the team turns it off. */
const ORDER = `{
  "type": "record",
  "name": "Order",
  "namspace": "shop",
  "fields": [{"name": "id", "type": "long"}]
}
`;
const TEAM_RULES = '{\n  // The team\'s rules for every service of the repository.\n  "rules": { "AVRO-242": "off" }\n}\n';

function tree(files: Record<string, string>): string {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'avro-studio-projectfile-')));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

function lintCodes(cwd: string): string[] {
  const r = spawnSync(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), 'lint', '--format', 'json', '.'], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH, NO_COLOR: '1' } });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = JSON.parse(r.stdout) as { files: Array<{ diagnostics: Array<{ code: string }> }> };
  return out.files.flatMap(f => f.diagnostics.map(d => d.code)).sort();
}

async function editorCodes(folder: string, file: string, whileOpen?: (client: LspTestClient, codes: () => Promise<string[]>) => Promise<void>): Promise<string[]> {
  const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [folder] });
  try {
    const uri = pathToFileURL(file).href;
    await client.open(uri, fs.readFileSync(file, 'utf8'));
    const codes = async (): Promise<string[]> => {
      await client.idle();
      const report = (await client.pull(uri)) as FullDocumentDiagnosticReport;
      return report.items.map(d => String(d.code)).sort();
    };
    const first = await codes();
    await whileOpen?.(client, codes);
    assert.deepEqual(client.errorLogs(), []);
    return first;
  } finally {
    await client.stop();
  }
}

describe('the project file of a workspace folder', () => {
  test('one at the repository root applies to a service folder opened alone, in the editor as in lint run there', async () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'avro-studio.json': TEAM_RULES, 'services/orders/order.avsc': ORDER });
    try {
      const folder = path.join(root, 'services', 'orders');
      assert.deepEqual(lintCodes(folder), []);
      assert.deepEqual(await editorCodes(folder, path.join(folder, 'order.avsc')), []);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('a change of that file is applied (the folders below it read it again)', async () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'avro-studio.json': TEAM_RULES, 'services/orders/order.avsc': ORDER });
    try {
      const folder = path.join(root, 'services', 'orders');
      await editorCodes(folder, path.join(folder, 'order.avsc'), async (client, codes) => {
        fs.writeFileSync(path.join(root, 'avro-studio.json'), '{}\n');
        await client.watchedFilesChanged([{ uri: pathToFileURL(path.join(root, 'avro-studio.json')).href, type: 2 }]);
        assert.deepEqual(await codes(), ['AVRO-242']);
      });
      assert.deepEqual(lintCodes(folder), ['AVRO-242']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('one above the git repository does not apply (nor to lint)', async () => {
    const root = tree({ 'avro-studio.json': TEAM_RULES, 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/svc/order.avsc': ORDER });
    try {
      const folder = path.join(root, 'repo', 'svc');
      assert.deepEqual(lintCodes(folder), ['AVRO-242']);
      assert.deepEqual(await editorCodes(folder, path.join(folder, 'order.avsc')), ['AVRO-242']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  test('the nearest wins: a service\'s own file replaces the repository\'s', async () => {
    const root = tree({ '.git/HEAD': 'ref: refs/heads/main\n', 'avro-studio.json': TEAM_RULES, 'services/orders/avro-studio.json': '{}\n', 'services/orders/order.avsc': ORDER });
    try {
      const folder = path.join(root, 'services', 'orders');
      assert.deepEqual(lintCodes(folder), ['AVRO-242']);
      assert.deepEqual(await editorCodes(folder, path.join(folder, 'order.avsc')), ['AVRO-242']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
