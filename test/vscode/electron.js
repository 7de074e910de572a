#!/usr/bin/env node
// The extension-host suites (out/test/vscode/suite/**/*.test.js) under @vscode/test-electron, for
// machines that can download VS Code (it comes from Microsoft's update server, not from npm).
// Where the download fails (offline machines, CI here) it prints ONE line
//   test-electron: skipped — VS Code cannot be downloaded here (<reason>)
// and exits 0; the same suites then run in code-server through scripts/vscode/run.js.
// Needs `npm run build` and `npm run compile` first (run.js does both).
// Env: PATCHOPS_VSCODE_VERSION (default: the VS Code of the pinned code-server), PATCHOPS_VSCODE_EXECUTABLE
// (use this VS Code instead of downloading), PATCHOPS_TEST_GREP.
// Prints a last line `test-electron: N passed, N failed` when it ran.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');

const REPO = path.resolve(__dirname, '..', '..');
const VERSION = process.env.PATCHOPS_VSCODE_VERSION || '1.139.1';
const AS_OF = '2026-11-23T12:00:00Z';

/** A throwaway copy of samples/ with `patchops.asOf` pinned (the suites edit files). */
function prepareWorkspace(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(REPO, 'samples'), dir, { recursive: true });
  fs.mkdirSync(path.join(dir, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), `${JSON.stringify({ 'patchops.asOf': AS_OF }, null, 2)}\n`);
  return dir;
}

async function main() {
  let testElectron;
  try {
    testElectron = require('@vscode/test-electron');
  } catch (err) {
    console.log(`test-electron: skipped — @vscode/test-electron is not installed (${err.code || err.message})`);
    return 0;
  }
  for (const needed of ['dist/extension.js', 'out/test/vscode/suite']) {
    if (!fs.existsSync(path.join(REPO, needed))) {
      console.log(`test-electron: FAILED — ${needed} is missing (run npm run build and npm run compile first)`);
      return 1;
    }
  }

  let executable = process.env.PATCHOPS_VSCODE_EXECUTABLE;
  if (!executable) {
    try {
      executable = await testElectron.downloadAndUnzipVSCode({
        version: VERSION,
        cachePath: path.join(REPO, '.cache', 'vscode-electron'),
        timeout: 30_000,
        reporter: quietReporter(),
      });
    } catch (err) {
      const reason = String((err && err.message) || err)
        .split('\n')[0]
        .slice(0, 200);
      console.log(`test-electron: skipped — VS Code cannot be downloaded here (${reason})`);
      return 0;
    }
  }

  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    console.log('test-electron: skipped — VS Code was downloaded but there is no display for Electron (run under xvfb-run, or set DISPLAY)');
    return 0;
  }
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-electron-'));
  const workspace = prepareWorkspace(path.join(temp, 'workspace'));
  const resultsFile = path.join(temp, 'results.json');
  try {
    await testElectron.runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO,
      extensionTestsPath: path.join(__dirname, 'runner', 'electronSuites.js'),
      extensionTestsEnv: {
        PATCHOPS_ELECTRON_RESULTS: resultsFile,
        PATCHOPS_TEST_GREP: process.env.PATCHOPS_TEST_GREP,
      },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--user-data-dir',
        path.join(temp, 'user-data'),
      ],
    });
  } catch (err) {
    if (!fs.existsSync(resultsFile)) {
      console.log(`test-electron: FAILED — VS Code ran no suites (${String((err && err.message) || err).split('\n')[0]})`);
      fs.rmSync(temp, { recursive: true, force: true });
      return 1;
    }
  }
  const results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
  fs.rmSync(temp, { recursive: true, force: true });
  for (const f of results.failures) console.log(`  ✗ ${f.fullTitle}\n    ${f.message}`);
  console.log(`test-electron: ${results.passes.length} passed, ${results.failures.length} failed, ${results.pending.length} skipped`);
  return results.failures.length > 0 || results.passes.length === 0 ? 1 : 0;
}

function quietReporter() {
  // Only the outcome matters here; download progress would flood CI logs.
  return { report() {}, error() {} };
}

module.exports = { prepareWorkspace, AS_OF };

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err) => {
      console.log(`test-electron: FAILED — ${err && err.stack ? err.stack : err}`);
      process.exit(1);
    },
  );
}
