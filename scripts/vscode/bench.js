#!/usr/bin/env node
// PatchOps in a REAL VS Code (code-server), timed: extension activation, time to the first
// diagnostics, the longest task PatchOps ran on the extension host, and the extension host's peak
// RSS on a given workspace. Called by `npm run bench`
// (test/bench/bench.ts) once per workspace; usable alone:
//
//   node scripts/vscode/bench.js <workspaceDir> [--runs N] [--no-build] [--as-of ISO] [--vsix FILE] [--headed]
//
//   0. setup (scripts/vscode/setup.js, cached in .cache/ and idempotent, as for npm run test:vscode)
//   1. npm run build and npm run compile (skip with --no-build: npm run bench has just built)
//   2. package the extension and the test-runner extension (test/vscode/runner) into
//      .cache/vscode-bench/ and install both into a fresh --extensions-dir there
//   3. pin `patchops.asOf` in <workspaceDir>/.vscode/settings.json (other settings there are kept),
//      so the run does not depend on the clock
//   4. per run, cold: a fresh user-data dir and a fresh code-server (so a fresh extension host);
//      Chromium (playwright-core, a new browser context) opens the workspace; PatchOps activates on
//      its own activation event; the runner extension runs out/test/vscode/bench/*.test.js
//      (test/vscode/bench/firstDiagnostics.test.ts) inside the extension host, which waits for the
//      first diagnostics and writes { activationMs, firstDiagnosticsMs, extensionHostRssMb,
//      heapLiveMb, diagnosticsFiles, longestTaskMs, ... } from the extension's own timings
//      (PatchOpsApi.timings(), longestTask()); the
//      extension's log (its output channel) is printed; code-server's whole process group is killed
//   5. up to three more without PatchOps (VS Code alone: a --extensions-dir with only the runner):
//      the same suite waits until the extension host has run as long as it had when the PatchOps
//      runs measured (their median), and writes the same memory figures; VS Code alone varies by
//      ~15 MB from one start to the next, so the baseline is their median; each run's
//      `patchopsShare` is the difference: { rssMb: peak RSS, heapMb: live heap after a full
//      garbage collection }
//   6. the last line printed is JSON: { "workspace": ..., "runs": [ <one object per run> ],
//      "baseline": { extensionHostRssMb, heapLiveMb: the medians }, "baselines": [ <each> ] }
// Exit 1 when any run failed. The code-server machinery is shared with run.js (./codeServer.js).
'use strict';

const fs = require('fs');
const path = require('path');
const { setup, codeServerEnv } = require('./setup');
const { step, vsce, killGroup, writeUserSettings, waitForFile, installExtensions, startCodeServer, launchChromium, cleanups } = require('./codeServer');

const ROOT = path.resolve(__dirname, '..', '..');
const STATE = path.join(ROOT, '.cache', 'vscode-bench');
const AS_OF = '2026-11-23T12:00:00Z';
const RUN_TIMEOUT_MS = 300_000; // the page loads, PatchOps activates and publishes the first diagnostics
const cleanup = cleanups(); // the browser; code-servers' process groups are killed again at exit
const started = Date.now();

function log(msg) {
  const s = ((Date.now() - started) / 1000).toFixed(0).padStart(3);
  console.log(`[vscode-bench ${s}s] ${msg}`);
}

function parseArgs(argv) {
  const o = { workspace: '', runs: 1, build: true, asOf: AS_OF, vsix: '', headed: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--runs') o.runs = Number(argv[++i]);
    else if (a === '--no-build') o.build = false;
    else if (a === '--as-of') o.asOf = argv[++i] || '';
    else if (a === '--vsix') o.vsix = path.resolve(argv[++i] || '');
    else if (a === '--headed') o.headed = true;
    else if (!a.startsWith('--') && !o.workspace) o.workspace = path.resolve(a);
    else usage(`unknown option ${a}`);
  }
  if (!o.workspace) usage('no workspace folder given');
  if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs needs a positive whole number');
  return o;
}

function usage(problem) {
  console.error(`bench.js: ${problem}\nusage: node scripts/vscode/bench.js <workspaceDir> [--runs N] [--no-build] [--as-of ISO] [--vsix FILE] [--headed]`);
  process.exit(2);
}

/** Pins patchops.asOf in the workspace's .vscode/settings.json, keeping what else is there. */
function pinAsOf(workspace, asOf) {
  const file = path.join(workspace, '.vscode', 'settings.json');
  let settings = {};
  if (fs.existsSync(file)) {
    try {
      settings = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new Error(`${file} is not plain JSON (${err.message}); pin patchops.asOf there by hand or remove it`, { cause: err });
    }
  }
  if (settings['patchops.asOf'] === asOf) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify({ ...settings, 'patchops.asOf': asOf }, null, 2)}\n`);
}

/** The PatchOps output channel's log file(s) under a user-data dir (one per extension host). */
function extensionLogs(userDataDir) {
  const found = [];
  const walk = (dir) => {
    for (const e of fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }) : []) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name === 'PatchOps.log') found.push(p);
    }
  };
  walk(path.join(userDataDir, 'logs'));
  return found.sort();
}

async function runOnce({ n, env, csEnv, browser, workspace, extensionsDir, baselineAtMs }) {
  const dir = path.join(STATE, baselineAtMs === undefined ? `run-${n}` : `baseline-${n}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const userDataDir = path.join(dir, 'user-data');
  writeUserSettings(userDataDir);
  const out = path.join(dir, 'bench.json');
  const request = {
    workspace,
    suitesDir: path.join(ROOT, 'out', 'test', 'vscode', 'bench'),
    mochaPath: path.join(ROOT, 'node_modules', 'mocha'),
    results: path.join(dir, 'results.json'),
    log: path.join(dir, 'progress.log'),
    timeout: RUN_TIMEOUT_MS,
    include: '^firstDiagnostics\\.',
  };
  const requestPath = path.join(dir, 'request.json');
  fs.writeFileSync(requestPath, JSON.stringify({ runs: [request] }, null, 2));

  const server = await startCodeServer({
    name: 'code-server',
    node: env.node,
    entry: env.codeServerEntry,
    stateDir: dir,
    userDataDir,
    extensionsDir,
    env: {
      ...csEnv,
      PATCHOPS_VSCODE_TEST_REQUEST: requestPath,
      PATCHOPS_VSCODE_BENCH_OUT: out,
      ...(baselineAtMs === undefined ? {} : { PATCHOPS_VSCODE_BENCH_BASELINE: String(Math.round(baselineAtMs)) }),
    },
    trust: false,
    log,
    onSpawn: (child) => cleanup.server(child, { kill: false }),
  });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const opened = Date.now();
    await page.goto(`${server.base}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    const done = await waitForFile(request.results, RUN_TIMEOUT_MS + 20_000, { logFile: request.log, isAlive: server.alive });
    if (!done) {
      await page.screenshot({ path: path.join(dir, 'timeout.png') }).catch(() => undefined);
      throw new Error(
        `run ${n}: no results within ${(RUN_TIMEOUT_MS + 20_000) / 1000}s (see ${path.relative(ROOT, server.serverLog)}, ${path.relative(ROOT, dir)}/timeout.png)`,
      );
    }
    const results = JSON.parse(fs.readFileSync(request.results, 'utf8'));
    for (const file of extensionLogs(userDataDir)) {
      console.log(`    PatchOps log (${path.relative(userDataDir, file)}):`);
      for (const line of fs.readFileSync(file, 'utf8').trimEnd().split('\n')) console.log(`      ${line}`);
    }
    if (results.failures.length || !fs.existsSync(out)) {
      const why = results.failures.map((f) => `${f.fullTitle}: ${f.message}`).join('\n') || 'the bench suite wrote no measurement';
      throw new Error(`run ${n} failed:\n${why}`);
    }
    const sample = JSON.parse(fs.readFileSync(out, 'utf8'));
    if (baselineAtMs !== undefined) {
      log(
        `baseline (VS Code alone, measured ${Math.round(sample.hostUptimeAtMeasureMs)} ms after the extension host started): peak RSS ${Math.round(sample.extensionHostRssMb)} MB, live heap ${Math.round(sample.heapLiveMb)} MB`,
      );
      return sample;
    }
    log(
      `run ${n}: activation ${sample.activationMs.toFixed(1)} ms, first diagnostics ${Math.round(sample.firstDiagnosticsMs)} ms, longest task ${sample.longestTaskMs.toFixed(1)} ms (${sample.longestTaskName}), opening Plans at ${Math.round(sample.plansOpenedAtMs / 1000)} s ${sample.plansViewLongestTaskMs.toFixed(1)} ms (idle ${sample.idleLongestTaskMs.toFixed(1)} ms), the full collection after the load ${sample.fullCollectionAfterLoadMs.toFixed(1)} ms, extension host peak RSS ${Math.round(sample.extensionHostRssMb)} MB (live heap ${Math.round(sample.heapLiveMb)} MB), ${sample.diagnosticsFiles} files with diagnostics (page opened to result ${Math.round((Date.now() - opened) / 1000)} s)`,
    );
    return sample;
  } finally {
    await context.close().catch(() => undefined);
    await killGroup(server.server);
  }
}

async function main(options) {
  if (!fs.existsSync(options.workspace) || !fs.statSync(options.workspace).isDirectory()) throw new Error(`${options.workspace} is not a folder`);
  log('setup');
  const env = setup();
  if (options.build) {
    log('build: npm run build, npm run compile');
    step('npm', ['run', '--silent', 'build']);
    step('npm', ['run', '--silent', 'compile']);
  }
  for (const needed of ['dist/extension.js', 'out/test/vscode/bench/firstDiagnostics.test.js']) {
    if (!fs.existsSync(path.join(ROOT, needed))) throw new Error(`${needed} is missing (build first: npm run build && npx tsc -p .)`);
  }

  fs.rmSync(STATE, { recursive: true, force: true });
  fs.mkdirSync(STATE, { recursive: true });
  const vsix = options.vsix || path.join(STATE, 'patchops.vsix');
  const runnerVsix = path.join(STATE, 'patchops-test-runner.vsix');
  log(`package: ${options.vsix ? `(given ${vsix}) ` : 'the extension and '}the test runner; install both into a fresh --extensions-dir`);
  if (!options.vsix) vsce(ROOT, vsix);
  vsce(path.join(ROOT, 'test', 'vscode', 'runner'), runnerVsix);
  const csEnv = { ...process.env, ...codeServerEnv() };
  delete csEnv.NODE_OPTIONS;
  const extensionsDir = path.join(STATE, 'extensions');
  installExtensions({
    node: env.node,
    entry: env.codeServerEntry,
    userDataDir: path.join(STATE, 'install-user-data'),
    extensionsDir,
    env: csEnv,
    vsixes: [vsix, runnerVsix],
    ids: ['patchops.patchops', 'patchops-test.patchops-test-runner'],
  });
  // VS Code alone (the baseline): the runner without PatchOps.
  const baselineExtensionsDir = path.join(STATE, 'extensions-baseline');
  installExtensions({
    node: env.node,
    entry: env.codeServerEntry,
    userDataDir: path.join(STATE, 'install-user-data-baseline'),
    extensionsDir: baselineExtensionsDir,
    env: csEnv,
    vsixes: [runnerVsix],
    ids: ['patchops-test.patchops-test-runner'],
  });

  pinAsOf(options.workspace, options.asOf);
  const browser = await launchChromium(env.chromium, { headed: options.headed });
  cleanup.push(() => browser.close());
  const runs = [];
  for (let n = 1; n <= options.runs; n++) {
    log(`run ${n}/${options.runs}: a fresh code-server on ${options.workspace}`);
    runs.push(await runOnce({ n, env, csEnv, browser, workspace: options.workspace, extensionsDir }));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const baselineAtMs = median(runs.map((r) => r.hostUptimeAtMeasureMs));
  const baselines = [];
  for (let n = 1; n <= Math.min(3, options.runs); n++) {
    log(`baseline ${n}: a fresh code-server on the same workspace without PatchOps`);
    baselines.push(
      await runOnce({
        n,
        env,
        csEnv,
        browser,
        workspace: options.workspace,
        extensionsDir: baselineExtensionsDir,
        baselineAtMs,
      }),
    );
  }
  const baseline = {
    extensionHostRssMb: median(baselines.map((b) => b.extensionHostRssMb)),
    heapLiveMb: median(baselines.map((b) => b.heapLiveMb)),
    vscodeVersion: baselines[0].vscodeVersion,
  };
  log(`baseline (median of ${baselines.length}): peak RSS ${Math.round(baseline.extensionHostRssMb)} MB, live heap ${Math.round(baseline.heapLiveMb)} MB`);
  for (const run of runs) run.patchopsShare = { rssMb: run.extensionHostRssMb - baseline.extensionHostRssMb, heapMb: run.heapLiveMb - baseline.heapLiveMb };
  log(
    `PatchOps' share of the extension host: ${runs.map((r) => `peak RSS +${Math.round(r.patchopsShare.rssMb)} MB, live heap +${Math.round(r.patchopsShare.heapMb)} MB`).join('; ')}`,
  );
  return { workspace: options.workspace, asOf: options.asOf, runs, baseline, baselines };
}

if (require.main === module) {
  const options = parseArgs(process.argv.slice(2));
  cleanup.handleSignals();
  main(options).then(
    async (result) => {
      await cleanup.run();
      process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
    },
    async (err) => {
      await cleanup.run();
      console.error(`vscode-bench: FAILED: ${err.message || err}`);
      process.exit(1);
    },
  );
}
