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
//   7. editor faults (issue 7; workspaces from scripts/vscode/faultWorkspaces.js): the same browser
//      opens a git repository with 1,000 plans on two branches; the runner runs faults-branch*
//      (phase 3). Then a SECOND code-server, WITHOUT --disable-workspace-trust (trust on, never
//      granted) and with a marker-writing `git` first on PATH, opens a hostile repository in
//      Restricted Mode: the runner runs faults-restricted* inside it, then the UI test
//      faults-restricted* checks the workbench (phase 4). Suites and UI tests named faults-branch*
//      and faults-restricted* run only in these phases.
//   8. every code-server's whole process group is killed (also on failure or Ctrl-C)
// The code-server machinery (packaging, install, start, kill) lives in scripts/vscode/codeServer.js,
// shared with scripts/vscode/bench.js.
// Last line: `vscode: N passed, N failed, N skipped`; exit 1 when anything failed.
//
// Options: --grep TEXT (every phase; the fault phases only run when it says fault, branch
// or restrict), --suites-only, --ui-only, --no-build, --no-faults (skip phases 3 and 4),
// --keep (no fault phases; leave code-server running and print its URL; Ctrl-C ends it),
// --headed (needs a display), --vsix FILE (test this extension package instead of packaging the
// working tree).
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { setup, codeServerEnv } = require('./setup');
const codeServer = require('./codeServer');
const { step, vsce, killGroup, writeUserSettings, waitForFile, installExtensions, launchChromium } = codeServer;
const { prepareWorkspace } = require('../../test/vscode/electron');
const { OWN_WORKSPACE } = require('../../test/vscode/runner/mochaRunner');
const { prepareBranchWorkspace, prepareRestrictedWorkspace } = require('./faultWorkspaces');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const STATE = path.join(CACHE, 'vscode-test');
const RESULTS_DIR = path.join(ROOT, 'test-results');
const TIMEOUTS = {
  server: 90_000, // code-server answers /healthz
  suites: 300_000, // phase 1: the page loads, the extension host starts, every suite runs
  uiTest: 60_000, // each UI test
  branch: 300_000, // phase 3: the 1,000-plan workspace loads, the branch switch settles
  restricted: 120_000, // phase 4: the Restricted Mode window's suite
};

const options = parseArgs(process.argv.slice(2));
const cleanup = codeServer.cleanups(); // browsers, temp folders, code-servers' process groups
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];
const started = Date.now();
let setupEnv; // what setup() found: node, code-server, chromium

function parseArgs(argv) {
  const o = { grep: process.env.PATCHOPS_TEST_GREP || '', suites: true, ui: true, build: true, keep: false, headed: false, vsix: '', faults: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--grep') o.grep = argv[++i] || '';
    else if (a === '--suites-only') o.ui = false;
    else if (a === '--ui-only') o.suites = false;
    else if (a === '--no-build') o.build = false;
    else if (a === '--keep') o.keep = true;
    else if (a === '--headed') o.headed = true;
    else if (a === '--vsix') o.vsix = path.resolve(argv[++i] || '');
    else if (a === '--no-faults') o.faults = false;
    else {
      console.error(`run.js: unknown option ${a}`);
      process.exit(2);
    }
  }
  // --keep stays in the samples windows; a --grep that names no fault test skips the fault phases.
  if (o.keep || (o.grep && !/fault|branch|restrict/i.test(o.grep))) o.faults = false;
  return o;
}

function log(msg) {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
  console.log(`[vscode ${s}s] ${msg}`);
}

function addResults(phase, results) {
  totals.passed += results.passes.length;
  totals.failed += results.failures.length;
  totals.skipped += results.pending.length;
  for (const f of results.failures) failures.push({ phase, ...f });
}

async function main() {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  // Our screenshots are test-results/vscode-*.png (other test suites write there too).
  for (const name of fs.readdirSync(RESULTS_DIR)) if (/^vscode-.*\.png$/.test(name)) fs.rmSync(path.join(RESULTS_DIR, name));
  log('setup');
  const env = setup();
  setupEnv = env;

  if (options.build) {
    log('build: npm run build, npm run compile');
    // tsc never deletes: a suite renamed or removed would still run from a stale out/ file.
    fs.rmSync(path.join(ROOT, 'out', 'test', 'vscode'), { recursive: true, force: true });
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
  log('install both extensions into a fresh --extensions-dir');
  installExtensions({
    node: env.node,
    entry: env.codeServerEntry,
    userDataDir,
    extensionsDir,
    env: csEnv,
    vsixes: [vsix, runnerVsix],
    ids: ['patchops.patchops', 'patchops-test.patchops-test-runner'],
  });

  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-vscode-'));
  cleanup.push(() => fs.rmSync(temp, { recursive: true, force: true }));
  const wsSuites = prepareWorkspace(path.join(temp, 'suites-workspace'));
  const wsUi = prepareWorkspace(path.join(temp, 'ui-workspace'));
  // The fault phases' own workspaces (issue 7): a git repository with 1,000 plans on two branches,
  // and a hostile repository opened in Restricted Mode. See scripts/vscode/faultWorkspaces.js.
  const faults = options.faults
    ? {
        branch: prepareBranchWorkspace(path.join(temp, 'branch-workspace')),
        restricted: prepareRestrictedWorkspace(path.join(temp, 'restricted-workspace'), path.join(temp, 'restricted-trap')),
      }
    : undefined;
  if (faults) log(`fault workspaces: ${faults.branch} (1,000 plans, 2 branches), ${faults.restricted.workspace} (Restricted Mode)`);

  const run = (name, workspace, filter) => ({
    workspace,
    suitesDir: path.join(ROOT, 'out', 'test', 'vscode', 'suite'),
    mochaPath: path.join(ROOT, 'node_modules', 'mocha'),
    results: path.join(STATE, `${name}-results.json`),
    log: path.join(STATE, `${name}-progress.log`),
    timeout: 30_000,
    grep: options.grep || undefined,
    ...filter,
  });
  const request = run('suite', wsSuites, { exclude: OWN_WORKSPACE });
  const branchRun = faults && run('branch', faults.branch, { include: '^faults-branch[.-]' });
  const requestPath = path.join(STATE, 'request.json');
  fs.writeFileSync(requestPath, JSON.stringify({ runs: [request, ...(branchRun ? [branchRun] : [])] }, null, 2));

  const first = await startCodeServer({ name: 'code-server', userDataDir, env: { ...csEnv, PATCHOPS_VSCODE_TEST_REQUEST: requestPath }, trust: false });
  const base = first.base;

  // Playwright's own signal handlers would exit before code-server is stopped: ours do both.
  const browser = await launchChromium(env.chromium, { headed: options.headed });
  cleanup.push(() => browser.close());
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();

  if (options.suites) {
    log(`phase 1: extension-host suites (workspace ${wsSuites})`);
    await runSuitesPhase({ phase: 'suites', page, base, request, server: first, timeoutMs: TIMEOUTS.suites });
  }

  if (options.ui) {
    log(`phase 2: UI tests (workspace ${wsUi})`);
    const workbench = require(path.join(ROOT, 'out', 'test', 'vscode', 'ui', 'workbench.js'));
    workbench.setUiContext({ page, baseUrl: base, workspace: wsUi, screenshots: RESULTS_DIR, repo: ROOT });
    const results = await runUiTests({ exclude: OWN_WORKSPACE });
    log(`phase 2: ${results.passes.length} passed, ${results.failures.length} failed, ${results.pending.length} skipped`);
    addResults('ui', results);
  }

  if (options.keep) {
    log(`--keep: code-server stays up at ${base}/?folder=${encodeURIComponent(wsUi)} — Ctrl-C to stop`);
    await new Promise(() => undefined);
  }

  if (faults && options.suites) {
    log(`phase 3: a branch switch that changes 1,000 files (workspace ${faults.branch})`);
    await runSuitesPhase({ phase: 'branch', page, base, request: branchRun, server: first, timeoutMs: TIMEOUTS.branch });
  }

  if (faults) {
    // Phase 4: a second code-server WITHOUT --disable-workspace-trust, with workspace trust on and
    // never granted, a `git` wrapper first on its PATH; the extension-host suite, then the UI test.
    await killGroup(first.server);
    const trap = faults.restricted;
    const restrictedUserData = path.join(STATE, 'user-data-restricted');
    writeUserSettings(restrictedUserData, {
      'security.workspace.trust.enabled': true,
      'security.workspace.trust.startupPrompt': 'never', // opens in Restricted Mode without asking
      'security.workspace.trust.banner': 'always',
      'security.workspace.trust.untrustedFiles': 'open',
    });
    const trapJson = JSON.stringify({ workspace: trap.workspace, markers: trap.markers, bin: trap.bin, approved: trap.approved });
    const restrictedRun = run('restricted', trap.workspace, { include: '^faults-restricted[.-]' });
    const restrictedRequest = path.join(STATE, 'request-restricted.json');
    fs.writeFileSync(restrictedRequest, JSON.stringify({ runs: [restrictedRun] }, null, 2));
    const second = await startCodeServer({
      name: 'code-server-restricted',
      userDataDir: restrictedUserData,
      trust: true,
      // VSCODE_CLI=1: VS Code's server then keeps this environment for the extension host instead of
      // replacing PATH with a login shell's (so the git it would find is the wrapper).
      env: {
        ...csEnv,
        PATH: `${trap.bin}${path.delimiter}${csEnv.PATH || ''}`,
        VSCODE_CLI: '1',
        PATCHOPS_VSCODE_TEST_REQUEST: restrictedRequest,
        PATCHOPS_TEST_RESTRICTED: trapJson,
      },
    });
    if (options.suites) {
      log(`phase 4: Restricted Mode, extension-host suite (workspace ${trap.workspace})`);
      await runSuitesPhase({ phase: 'restricted', page, base: second.base, request: restrictedRun, server: second, timeoutMs: TIMEOUTS.restricted });
    }
    if (options.ui) {
      log('phase 4: Restricted Mode, UI test');
      const workbench = require(path.join(ROOT, 'out', 'test', 'vscode', 'ui', 'workbench.js'));
      workbench.setUiContext({ page, baseUrl: second.base, workspace: trap.workspace, screenshots: RESULTS_DIR, repo: ROOT });
      process.env.PATCHOPS_TEST_RESTRICTED = trapJson;
      try {
        const results = await runUiTests({ include: '^faults-restricted[.-]' });
        log(`phase 4 (UI): ${results.passes.length} passed, ${results.failures.length} failed, ${results.pending.length} skipped`);
        addResults('restricted-ui', results);
      } finally {
        delete process.env.PATCHOPS_TEST_RESTRICTED;
      }
    }
  }
}

/** Starts a code-server (its own process group, killed on exit) and waits until it answers. */
function startCodeServer({ name, userDataDir, env, trust }) {
  return codeServer.startCodeServer({
    name,
    node: setupEnv.node,
    entry: setupEnv.codeServerEntry,
    stateDir: STATE,
    userDataDir,
    extensionsDir: path.join(STATE, 'extensions'),
    env,
    trust,
    timeoutMs: TIMEOUTS.server,
    log,
    onSpawn: (server) => cleanup.server(server),
  });
}

/** Opens `request.workspace` in the page; the runner extension runs its suites; collects the results. */
async function runSuitesPhase({ phase, page, base, request, server, timeoutMs }) {
  const started = Date.now();
  await page.goto(`${base}/?folder=${encodeURIComponent(request.workspace)}`, { waitUntil: 'domcontentloaded' });
  const ok = await waitForFile(request.results, timeoutMs, { logFile: request.log, isAlive: server.alive });
  if (!ok) {
    await page.screenshot({ path: path.join(RESULTS_DIR, `vscode-${phase}-timeout.png`) }).catch(() => undefined);
    const claimed = fs.existsSync(`${request.results}.claim`);
    totals.failed += 1;
    failures.push({
      phase,
      fullTitle: `extension-host suites (${phase})`,
      message: claimed
        ? `the suites started but wrote no results within ${timeoutMs / 1000}s (a hung test?)`
        : `the test runner never started within ${timeoutMs / 1000}s (extension host not up, or the runner extension did not activate; see ${path.relative(ROOT, server.serverLog)} and test-results/vscode-${phase}-timeout.png)`,
    });
    return;
  }
  const results = JSON.parse(fs.readFileSync(request.results, 'utf8'));
  log(
    `${phase} (VS Code ${results.vscodeVersion}): ${results.passes.length} passed, ${results.failures.length} failed, ${results.pending.length} skipped in ${Math.round((Date.now() - started) / 1000)}s`,
  );
  addResults(phase, results);
}

function runUiTests(filter = {}) {
  const { runSuites } = require(path.join(ROOT, 'test', 'vscode', 'runner', 'mochaRunner.js'));
  return runSuites({
    suitesDir: path.join(ROOT, 'out', 'test', 'vscode', 'ui'),
    mochaPath: path.join(ROOT, 'node_modules', 'mocha'),
    timeout: TIMEOUTS.uiTest,
    grep: options.grep || undefined,
    log: (line) => console.log(`    ${line}`),
    ...filter,
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
  await cleanup.run();
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
  cleanup.handleSignals();
  main().then(
    () => finish(),
    (err) => finish(err),
  );
}
