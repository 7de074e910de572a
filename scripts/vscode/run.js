#!/usr/bin/env node
// `npm run test:vscode`: the extension against a REAL VS Code, from nothing.
//
//   0. setup (scripts/vscode/setup.js; cached in .cache/): Node 24, Debian packages, Chromium, code-server
//   1. npm run build (dist/cli.js, dist/extension.js) and npm run compile (out/test/vscode/**)
//   2. @vscode/test-electron: runs the suites where VS Code can be downloaded, else says "skipped"
//   3. package the extension VSIX (.cache/patchops.vsix) and the test-runner extension
//      (test/vscode/runner); install both into a fresh --extensions-dir
//   4. two throwaway copies of samples/ (suites edit files; the UI tests get pristine ones), each
//      with .vscode/settings.json pinning patchops.asOf
//   5. start code-server on a free loopback port; Chromium (playwright-core) opens the first
//      workspace: the extension host starts, the runner extension runs the mocha suites
//      out/test/vscode/suite/**/*.test.js inside it and writes a results file (phase 1)
//   6. the same browser opens the second workspace; mocha runs the UI tests
//      out/test/vscode/ui/**/*.test.js against the workbench DOM, screenshots in test-results/ (phase 2)
//   7. code-server's whole process group is killed (also on failure or Ctrl-C)
// Last line: `vscode: N passed, N failed, N skipped`; exit 1 when anything failed.
//
// Options: --grep TEXT (both phases), --suites-only, --ui-only, --no-build, --keep (leave
// code-server running and print its URL; Ctrl-C ends it), --headed (needs a display),
// --vsix FILE (test this extension package instead of packaging the working tree).
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { setup, codeServerEnv } = require('./setup');
const { prepareWorkspace } = require('../../test/vscode/electron');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const STATE = path.join(CACHE, 'vscode-test');
const RESULTS_DIR = path.join(ROOT, 'test-results');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const TIMEOUTS = {
  server: 90_000, // code-server answers /healthz
  suites: 300_000, // phase 1: the page loads, the extension host starts, every suite runs
  uiTest: 60_000, // each UI test
};

const options = parseArgs(process.argv.slice(2));
const cleanups = [];
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = Date.now();
let serverPid; // code-server's process group, killed again on exit whatever happened

function parseArgs(argv) {
  const o = { grep: process.env.PATCHOPS_TEST_GREP || '', suites: true, ui: true, build: true, keep: false, headed: false, vsix: '' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep') o.grep = argv[++i] || '';
    else if (a === '--suites-only') o.ui = false;
    else if (a === '--ui-only') o.suites = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--headed') o.headed = true;
    else if (a === '--vsix') o.vsix = path.resolve(argv[++i] || '');
    else {
      console.error(`run.js: unknown option ${a}`);
      process.exit(2);
    }
  }
  return o;
}

function log(msg) {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
  console.log(`[vscode ${s}s] ${msg}`);
}

function step(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: opts.quiet ? 'pipe' : 'inherit', encoding: 'utf8', env: opts.env || process.env, input: '' });
  if (r.error || r.status !== 0) {
    const out = opts.quiet ? `\n${r.stdout || ''}${r.stderr || ''}` : '';
    throw new Error(`${[cmd, ...args].map((x) => (x.startsWith(ROOT) ? path.relative(ROOT, x) : x)).join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`})${out}`);
  }
  return r;
}

function vsce(cwd, out) {
  const bin = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const r = spawnSync(process.execPath, [bin, 'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', out], {
    cwd,
    encoding: 'utf8',
    input: '', // never wait for an answer to a prompt
  });
  if (r.status !== 0) throw new Error(`vsce package in ${path.relative(ROOT, cwd) || '.'} failed:\n${r.stdout}${r.stderr}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function httpOk(url) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode !== undefined && res.statusCode < 500);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch {
      /* best effort */
    }
  }
}

function killGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(hard);
      resolve();
    };
    child.once('exit', done);
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      done();
      return;
    }
    const hard = setTimeout(() => {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
      setTimeout(resolve, 500);
    }, 5000);
  });
}

/** Writes user settings that keep the workbench quiet and predictable for tests. */
function writeUserSettings(userDataDir) {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  const settings = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'git.enabled': false,
    'git.openRepositoryInParentFolders': 'never',
    'editor.codeLens': true,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    'workbench.editor.enablePreview': false,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

function addResults(phase, results) {
  totals.passed += results.passes.length;
  totals.failed += results.failures.length;
  totals.skipped += results.pending.length;
  for (const f of results.failures) failures.push({ phase, ...f });
}

async function waitForFile(file, timeoutMs, { logFile, isAlive }) {
  const deadline = Date.now() + timeoutMs;
  let shown = 0;
  const flush = () => {
    if (!logFile || !fs.existsSync(logFile)) return;
    const text = fs.readFileSync(logFile, 'utf8');
    if (text.length > shown) {
      const chunk = text.slice(shown);
      const complete = chunk.lastIndexOf('\n') + 1;
      if (complete > 0) {
        for (const line of chunk.slice(0, complete - 1).split('\n')) console.log(`    ${line}`);
        shown += complete;
      }
    }
  };
  while (Date.now() < deadline) {
    flush();
    if (fs.existsSync(file)) {
      flush();
      return true;
    }
    const alive = isAlive();
    if (alive !== true) throw new Error(alive);
    await sleep(250);
  }
  flush();
  return false;
}

async function main() {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  // Our screenshots are test-results/vscode-*.png (other test suites write there too).
  for (const name of fs.readdirSync(RESULTS_DIR)) if (/^vscode-.*\.png$/.test(name)) fs.rmSync(path.join(RESULTS_DIR, name));
  log('setup');
  const env = setup();

  if (options.build) {
    log('build: npm run build, npm run compile');
    step('npm', ['run', '--silent', 'build']);
    step('npm', ['run', '--silent', 'compile']);
  }
  for (const needed of ['dist/extension.js', 'dist/cli.js', 'out/test/vscode/suite', 'out/test/vscode/ui']) {
    if (!fs.existsSync(path.join(ROOT, needed))) throw new Error(`${needed} is missing after the build`);
  }

  if (options.suites) {
    log('@vscode/test-electron');
    const r = spawnSync(process.execPath, [path.join(ROOT, 'test', 'vscode', 'electron.js')], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, PATCHOPS_TEST_GREP: options.grep },
      timeout: 20 * 60_000,
    });
    process.stdout.write((r.stdout || '') + (r.stderr || ''));
    const summary = /test-electron: (\d+) passed, (\d+) failed, (\d+) skipped/.exec(r.stdout || '');
    if (summary) {
      totals.passed += Number(summary[1]);
      totals.failed += Number(summary[2]);
      totals.skipped += Number(summary[3]);
      if (Number(summary[2])) failures.push({ phase: 'test-electron', fullTitle: `${summary[2]} extension-host test(s) under Electron`, message: 'see above' });
    } else if (r.status !== 0) {
      totals.failed += 1;
      failures.push({ phase: 'test-electron', fullTitle: 'test/vscode/electron.js', message: `exit ${r.status ?? r.signal}` });
    }
  }

  const vsix = options.vsix || path.join(CACHE, 'patchops.vsix');
  const runnerVsix = path.join(CACHE, 'patchops-test-runner.vsix');
  log(`package: ${options.vsix ? `(given ${vsix}) ` : '.cache/patchops.vsix and '}the test runner`);
  if (!options.vsix) vsce(ROOT, vsix);
  vsce(path.join(ROOT, 'test', 'vscode', 'runner'), runnerVsix);

  // A fresh state folder per run: user data, extensions, request and results.
  fs.rmSync(STATE, { recursive: true, force: true });
  const userDataDir = path.join(STATE, 'user-data');
  const extensionsDir = path.join(STATE, 'extensions');
  fs.mkdirSync(STATE, { recursive: true });
  writeUserSettings(userDataDir);
  const csEnv = { ...process.env, ...codeServerEnv() };
  delete csEnv.NODE_OPTIONS;
  const cs = (args, quiet = true) => step(env.node, [env.codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...args], { quiet, env: csEnv });
  log('install both extensions into a fresh --extensions-dir');
  cs(['--install-extension', vsix, '--install-extension', runnerVsix, '--force']);
  const listed = cs(['--list-extensions', '--show-versions']).stdout;
  for (const id of ['patchops.patchops', 'patchops-test.patchops-test-runner']) {
    if (!listed.includes(id)) throw new Error(`${id} is not installed (code-server lists: ${listed.trim()})`);
  }

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-vscode-'));
  cleanups.push(() => fs.rmSync(temp, { recursive: true, force: true }));
  const wsSuites = prepareWorkspace(path.join(temp, 'suites-workspace'));
  const wsUi = prepareWorkspace(path.join(temp, 'ui-workspace'));

  const request = {
    workspace: wsSuites,
    suitesDir: path.join(ROOT, 'out', 'test', 'vscode', 'suite'),
    mochaPath: path.join(ROOT, 'node_modules', 'mocha'),
    results: path.join(STATE, 'suite-results.json'),
    log: path.join(STATE, 'suite-progress.log'),
    timeout: 30_000,
    grep: options.grep || undefined,
  };
  const requestPath = path.join(STATE, 'request.json');
  fs.writeFileSync(requestPath, JSON.stringify(request, null, 2));

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = path.join(STATE, 'code-server.log');
  const logFd = fs.openSync(serverLog, 'a');
  log(`start code-server on ${base} (log: ${path.relative(ROOT, serverLog)})`);
  const server = spawn(
    env.node,
    [
      env.codeServerEntry,
      '--auth', 'none',
      '--bind-addr', `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      wsSuites,
    ],
    { cwd: STATE, env: { ...csEnv, PATCHOPS_VSCODE_TEST_REQUEST: requestPath }, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  serverPid = server.pid;
  cleanups.push(() => killGroup(server).then(() => (serverPid = undefined)));
  const serverAlive = () => (server.exitCode === null && server.signalCode === null ? true : `code-server exited (${server.exitCode ?? server.signalCode}); see ${path.relative(ROOT, serverLog)}`);

  const serverDeadline = Date.now() + TIMEOUTS.server;
  while (!(await httpOk(`${base}/healthz`))) {
    const alive = serverAlive();
    if (alive !== true) throw new Error(alive);
    if (Date.now() > serverDeadline) throw new Error(`code-server did not answer on ${base} within ${TIMEOUTS.server / 1000}s`);
    await sleep(300);
  }
  log('code-server answers');

  const { chromium } = require('playwright-core');
  // Playwright's own signal handlers would exit before code-server is stopped: ours do both.
  const browser = await chromium.launch({
    executablePath: env.chromium,
    args: CHROMIUM_ARGS,
    headless: !options.headed,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  cleanups.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();

  if (options.suites) {
    log(`phase 1: extension-host suites (workspace ${wsSuites})`);
    await page.goto(`${base}/?folder=${encodeURIComponent(wsSuites)}`, { waitUntil: 'domcontentloaded' });
    const ok = await waitForFile(request.results, TIMEOUTS.suites, { logFile: request.log, isAlive: serverAlive });
    if (!ok) {
      await page.screenshot({ path: path.join(RESULTS_DIR, 'vscode-phase1-timeout.png') }).catch(() => undefined);
      const claimed = fs.existsSync(`${request.results}.claim`);
      totals.failed += 1;
      failures.push({
        phase: 'suites',
        fullTitle: 'extension-host suites',
        message: claimed
          ? `the suites started but wrote no results within ${TIMEOUTS.suites / 1000}s (a hung test?)`
          : `the test runner never started within ${TIMEOUTS.suites / 1000}s (extension host not up, or the runner extension did not activate; see ${path.relative(ROOT, serverLog)} and test-results/vscode-phase1-timeout.png)`,
      });
    } else {
      const results = JSON.parse(fs.readFileSync(request.results, 'utf8'));
      log(`phase 1 (VS Code ${results.vscodeVersion}): ${results.passes.length} passed, ${results.failures.length} failed, ${results.pending.length} skipped`);
      addResults('suites', results);
    }
  }

  if (options.ui) {
    log(`phase 2: UI tests (workspace ${wsUi})`);
    const workbench = require(path.join(ROOT, 'out', 'test', 'vscode', 'ui', 'workbench.js'));
    workbench.setUiContext({ page, baseUrl: base, workspace: wsUi, screenshots: RESULTS_DIR, repo: ROOT });
    const results = await runUiTests();
    log(`phase 2: ${results.passes.length} passed, ${results.failures.length} failed, ${results.pending.length} skipped`);
    addResults('ui', results);
  }

  if (options.keep) {
    log(`--keep: code-server stays up at ${base}/?folder=${encodeURIComponent(wsUi)} — Ctrl-C to stop`);
    await new Promise(() => undefined);
  }
}

function runUiTests() {
  const { runSuites } = require(path.join(ROOT, 'test', 'vscode', 'runner', 'mochaRunner.js'));
  return runSuites({
    suitesDir: path.join(ROOT, 'out', 'test', 'vscode', 'ui'),
    mochaPath: path.join(ROOT, 'node_modules', 'mocha'),
    timeout: TIMEOUTS.uiTest,
    grep: options.grep || undefined,
    log: (line) => console.log(`    ${line}`),
  });
}

let finishing = false;
async function finish(error) {
  if (finishing) return;
  finishing = true;
  if (error) {
    totals.failed += 1;
    failures.push({ phase: 'orchestrator', fullTitle: 'scripts/vscode/run.js', message: error.message || String(error) });
  }
  await cleanup();
  if (failures.length) {
    console.log('\nFailures:');
    for (const f of failures) {
      const lines = String(f.message).split('\n');
      const shown = lines.slice(0, 8).concat(lines.length > 8 ? [`… (${lines.length - 8} more lines)`] : []);
      console.log(`  [${f.phase}] ${f.fullTitle}\n${shown.map((l) => `      ${l}`).join('\n')}`);
    }
  }
  log(`done in ${Math.round((Date.now() - started) / 1000)}s`);
  if (totals.passed === 0 && totals.failed === 0) {
    totals.failed += 1; // nothing ran: that is not a pass
    console.log('no test ran');
  }
  console.log(`vscode: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
  process.exit(totals.failed > 0 ? 1 : 0);
}

if (require.main === module) {
  process.on('exit', () => {
    if (!serverPid) return;
    try {
      process.kill(-serverPid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      console.log(`\n${signal}: stopping code-server`);
      cleanup().finally(() => process.exit(130));
    });
  }
  main().then(() => finish(), (err) => finish(err));
}
