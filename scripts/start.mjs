// The main job (`npm start`, after the build): lint examples/ as CI would, and say whether the result is what the examples are for; then run the team policy examples (examples/policies/).
//
// examples/*.avsc and examples/common/ are Caracal's real event contracts and must be clean;
// every file in examples/mistakes/ demonstrates classic errors and must be flagged. The report in
// between is exactly what the extension shows in the editor (same service, same rules).
// examples/policies/<team>/ are the BUTTERFLY and Caracal written policies as avro-studio.json files:
// each is copied into a fresh git repository, each of its changes/ applied, and `avro-studio check`
// must fail or pass as the change's change.json says.
import { spawnSync } from 'node:child_process';
import { changesOf, check, EXAMPLES, findingsOf, repositoryWith, teams } from './policy-examples.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'dist', 'cli.js');
const run = args => spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });

console.log("$ avro-studio lint examples --root examples --exclude 'policies/**'\n");
const shown = spawnSync(process.execPath, [cli, 'lint', 'examples', '--root', 'examples', '--exclude', 'policies/**'], { cwd: root, stdio: 'inherit' });
if (shown.status === 2 || shown.error) {
  console.error('\nnpm start: the CLI could not run (see above).');
  process.exit(2);
}

const json = run(['lint', 'examples', '--root', 'examples', '--exclude', 'policies/**', '--format', 'json']);
let report;
try {
  report = JSON.parse(json.stdout);
} catch {
  console.error(`\nnpm start: unexpected output from avro-studio lint --format json:\n${json.stdout}${json.stderr}`);
  process.exit(2);
}
const isMistake = f => f.path.split(/[\\/]/).includes('mistakes');
const problems = f => f.errorCount + f.warningCount;
const dirtyContracts = report.files.filter(f => !isMistake(f) && problems(f) > 0);
const unflagged = report.files.filter(f => isMistake(f) && problems(f) === 0);
const contracts = report.files.filter(f => !isMistake(f)).length;
const mistakes = report.files.filter(isMistake);

console.log('\nWhat this shows:');
console.log(`  ${contracts} event contracts (examples/*.avsc, examples/common/): ${dirtyContracts.length === 0 ? 'clean' : `${dirtyContracts.length} with problems`}`);
console.log(`  ${mistakes.length} files of deliberate mistakes (examples/mistakes/): ${mistakes.reduce((n, f) => n + f.errorCount, 0)} errors and ${mistakes.reduce((n, f) => n + f.warningCount, 0)} warnings reported, as intended`);
for (const f of dirtyContracts) console.error(`  unexpected problems in ${f.path}`);
for (const f of unflagged) console.error(`  nothing reported for ${f.path}, which holds deliberate mistakes`);

// The team policies: every change of every example, through `avro-studio check` in a fresh repository.
let policyFailures = 0;
for (const team of teams()) {
  console.log(`\n== Team policy: examples/policies/${team}/avro-studio.json`);
  for (const change of changesOf(team)) {
    const spec = JSON.parse(fs.readFileSync(path.join(EXAMPLES, team, 'changes', change, 'change.json'), 'utf8'));
    const dir = repositoryWith(team, change);
    try {
      const text = check(dir);
      const found = findingsOf(check(dir, 'json').stdout);
      const ok = text.code === spec.exit && JSON.stringify(found) === JSON.stringify(spec.find);
      if (!ok) policyFailures++;
      console.log(`\n-- ${change}: ${spec.description}\n$ avro-studio check   (exit ${text.code}${ok ? ', as intended' : `, expected ${spec.exit} with ${spec.find.join(', ')}`})`);
      process.stdout.write(text.stdout.split('\n').filter(l => /: (error|warning) AVRO-/.test(l)).map(l => `  ${l}\n`).join(''));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
console.log(`\n  team policy examples: ${policyFailures === 0 ? 'every change fails or passes as intended' : `${policyFailures} changes not as intended`}`);

console.log('\nThe same findings appear in VS Code as you type (npm run package, then install avro-studio.vsix).');
process.exit(dirtyContracts.length === 0 && unflagged.length === 0 && policyFailures === 0 ? 0 : 1);
