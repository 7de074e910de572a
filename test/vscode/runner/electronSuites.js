// The `extensionTestsPath` module for @vscode/test-electron (see test/vscode/electron.js): runs
// the same extension-host suites as the code-server runner, in an Electron VS Code.
'use strict';

const fs = require('fs');
const path = require('path');
const { runSuites, OWN_WORKSPACE } = require('./mochaRunner');

const REPO = path.resolve(__dirname, '..', '..', '..');

async function run() {
  const results = await runSuites({
    suitesDir: process.env.PATCHOPS_SUITES_DIR || path.join(REPO, 'out', 'test', 'vscode', 'suite'),
    mochaPath: process.env.PATCHOPS_MOCHA_PATH || path.join(REPO, 'node_modules', 'mocha'),
    timeout: Number(process.env.PATCHOPS_SUITE_TIMEOUT) || 30000,
    grep: process.env.PATCHOPS_TEST_GREP || undefined,
    exclude: OWN_WORKSPACE, // they need workspaces only scripts/vscode/run.js prepares
    log: (line) => console.log(line),
  });
  if (process.env.PATCHOPS_ELECTRON_RESULTS) fs.writeFileSync(process.env.PATCHOPS_ELECTRON_RESULTS, JSON.stringify(results, null, 2));
  if (results.failures.length > 0) throw new Error(`${results.failures.length} extension-host test(s) failed`);
}

module.exports = { run };
