// PatchOps test runner: a throwaway extension installed only into the test code-server by
// scripts/vscode/run.js. When PATCHOPS_VSCODE_TEST_REQUEST names a request file
//   { "suitesDir": ..., "mochaPath": ..., "results": ..., "log": ..., "workspace": ..., "timeout": ms,
//     "grep": ..., "include": regexp, "exclude": regexp }
// or { "runs": [ <such objects> ] } (one per workspace: run.js opens several in turn), and this
// window's first workspace folder is a run's `workspace`, it runs that run's suites once (a claim
// file next to `results` keeps a reloaded window from running them twice) and writes `results`
// (written to a temporary name, then renamed, so the orchestrator never reads half a file).
// It declares support for untrusted workspaces: one phase runs suites in Restricted Mode.
'use strict';

const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const { runSuites } = require('./mochaRunner');

function activate(context) {
  const requestPath = process.env.PATCHOPS_VSCODE_TEST_REQUEST;
  if (!requestPath) return;
  let requests;
  try {
    const parsed = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
    requests = Array.isArray(parsed.runs) ? parsed.runs : [parsed];
  } catch (err) {
    console.error(`patchops-test-runner: cannot read ${requestPath}: ${err.message}`);
    return;
  }
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  if (!folder) return;
  const request = requests.find((r) => r.workspace && path.resolve(folder.uri.fsPath) === path.resolve(r.workspace));
  if (!request) return;
  try {
    fs.writeFileSync(`${request.results}.claim`, String(process.pid), { flag: 'wx' });
  } catch {
    return; // already ran (or running) in an earlier extension host
  }
  const logLine = (line) => {
    try {
      fs.appendFileSync(request.log, `${line}\n`);
    } catch {
      /* the log is a courtesy; results matter */
    }
  };
  logLine(`extension host: VS Code ${vscode.version}, node ${process.version}, pid ${process.pid}${vscode.workspace.isTrusted ? '' : ', Restricted Mode'}`);
  const run = async () => {
    let results;
    try {
      results = await runSuites({
        suitesDir: request.suitesDir,
        mochaPath: request.mochaPath,
        timeout: request.timeout,
        grep: request.grep,
        include: request.include,
        exclude: request.exclude,
        log: logLine,
      });
    } catch (err) {
      results = {
        passes: [],
        failures: [{ title: 'runner', fullTitle: 'runner', message: String(err && err.message), stack: String(err && err.stack) }],
        pending: [],
        stats: {},
      };
    }
    results.vscodeVersion = vscode.version;
    try {
      // Leave the window as the UI tests expect it: no editors the suites opened.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } catch {
      /* not fatal */
    }
    const tmp = `${request.results}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
    fs.renameSync(tmp, request.results);
  };
  // Give the workbench a moment to finish restoring before the suites start driving it.
  const timer = setTimeout(() => void run(), 500);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
}

function deactivate() {}

module.exports = { activate, deactivate };
