// The editor and CI agree on real repositories: each repository of the real-world corpus as a workspace folder of the language server, every file's errors (code, line) equal to avro-studio lint's.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FullDocumentDiagnosticReport } from 'vscode-languageserver-protocol';
import { DIST } from '../helpers/paths';
import { sharedPath } from '../helpers/shared';
import { fileUri, LspTestClient } from '../helpers/lspClient';
import type { JsonLintOutput } from '../../server/src/cli/formats/json';

const CORPUS = sharedPath(path.join('corpus', 'realworld', 'files'));

/** Errors as "code line" per file path (relative to the repository), from the CLI. */
function cliErrors(dir: string): Map<string, string[]> {
  const r = spawnSync(process.execPath, [path.join(DIST, 'cli.js'), 'lint', dir, '--root', dir, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const out = JSON.parse(r.stdout) as JsonLintOutput;
  const map = new Map<string, string[]>();
  for (const f of out.files) {
    map.set(path.relative(dir, path.resolve(f.path)), f.diagnostics.filter(d => d.severity === 'error').map(d => `${d.code} ${d.range.start.line}`).sort());
  }
  return map;
}

test('the language server reports the errors avro-studio lint reports, file by file, on every corpus repository', { skip: !CORPUS && !process.env.CI ? 'no ../shared/corpus/realworld here (set AVRO_STUDIO_SHARED)' : false }, async () => {
  assert.ok(CORPUS, 'the real-world corpus is required in CI');
  const repos = fs.readdirSync(CORPUS).filter(r => fs.statSync(path.join(CORPUS, r)).isDirectory()).sort();
  const differences: string[] = [];
  let compared = 0;
  for (const repo of repos) {
    const dir = path.join(CORPUS, repo);
    const expected = cliErrors(dir);
    const client = await LspTestClient.start({ mode: 'pull', workspaceFolders: [dir] });
    try {
      for (const [file, errors] of expected) {
        const report = (await client.pull(fileUri(path.join(dir, file)))) as FullDocumentDiagnosticReport;
        // The editor's lines are 0-based, the CLI's 1-based.
        const editor = report.items.filter(d => d.severity === 1).map(d => `${d.code} ${d.range.start.line + 1}`).sort();
        compared++;
        if (JSON.stringify(editor) !== JSON.stringify(errors)) differences.push(`${repo}/${file}: editor [${editor.join(', ')}], lint [${errors.join(', ')}]`);
      }
    } finally {
      await client.stop();
    }
  }
  assert.ok(compared > 1200, `every file was compared (${compared})`);
  assert.deepEqual(differences, []);
});
