// Mocha entry point that VS Code's extension host loads through extensionTestsPath (the @vscode/test-electron contract: run()).
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

exports.run = function run() {
  const resultsFile = process.env.AVRO_E2E_RESULTS;
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  const results = { passes: [], failures: [], vscode: require('vscode').version, node: process.version, durations: {} };
  return new Promise((resolve, reject) => {
    const runner = mocha.run(failures => {
      if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));
      if (failures) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
    runner.on('pass', t => { results.passes.push(t.fullTitle()); results.durations[t.fullTitle()] = t.duration; });
    runner.on('fail', (t, err) => results.failures.push({ title: t.fullTitle(), error: String((err && err.stack) || err) }));
  });
};
