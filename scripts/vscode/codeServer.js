// Shared machinery for driving a real VS Code (code-server, see scripts/vscode/setup.js): packaging
// and installing extensions, quiet user settings, starting code-server in its own process group and
// killing that group, waiting for a file the extension host writes. Used by run.js (the tests) and
// bench.js (activation and first-diagnostics timings).
'use strict';

const { spawn, spawnSync } = require('child_process');
const fs = require('fs');
const http = require('http');
const net = require('net');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs a command to completion; throws with its output (when quiet) if it fails. */
function step(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: ROOT, stdio: opts.quiet ? 'pipe' : 'inherit', encoding: 'utf8', env: opts.env || process.env, input: '' });
  if (r.error || r.status !== 0) {
    const out = opts.quiet ? `\n${r.stdout || ''}${r.stderr || ''}` : '';
    throw new Error(
      `${[cmd, ...args].map((x) => (x.startsWith(ROOT) ? path.relative(ROOT, x) : x)).join(' ')} failed (${r.error ? r.error.message : `exit ${r.status}`})${out}`,
    );
  }
  return r;
}

/** Packages the extension in `cwd` as the VSIX `out`; PatchOps itself with the flags of `npm run package` (its README for users among them). */
function vsce(cwd, out) {
  const bin = path.join(ROOT, 'node_modules', '@vscode', 'vsce', 'vsce');
  const flags =
    path.resolve(cwd) === ROOT
      ? require(path.join(ROOT, 'package.json')).scripts.package.split(' ').slice(2)
      : ['--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links'];
  const r = spawnSync(process.execPath, [bin, 'package', ...flags, '--skip-license', '--out', out], {
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

/** SIGTERM to the child's whole process group, SIGKILL after 5 s. */
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
function writeUserSettings(userDataDir, overrides = {}) {
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
    ...overrides,
  };
  fs.writeFileSync(path.join(dir, 'settings.json'), `${JSON.stringify(settings, null, 2)}\n`);
}

/**
 * Installs VSIX files into `extensionsDir` with code-server's CLI and checks that every id in
 * `ids` is listed afterwards. `cs` runs code-server's entry with the given arguments.
 */
function installExtensions({ node, entry, userDataDir, extensionsDir, env, vsixes, ids }) {
  const cs = (args) => step(node, [entry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...args], { quiet: true, env });
  cs([...vsixes.flatMap((v) => ['--install-extension', v]), '--force']);
  const listed = cs(['--list-extensions', '--show-versions']).stdout;
  for (const id of ids) {
    if (!listed.includes(id)) throw new Error(`${id} is not installed (code-server lists: ${listed.trim()})`);
  }
}

/**
 * Waits until `file` exists (true) or `timeoutMs` passes (false), echoing new complete lines of
 * `logFile` indented; throws when `isAlive()` returns a message instead of true.
 */
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

/**
 * Starts code-server (`node entry`, detached: its own process group, which the caller kills with
 * killGroup) on a free loopback port and waits until it answers /healthz.
 * Returns { base, server, alive, serverLog }; `alive()` is true or a message saying it exited.
 */
async function startCodeServer({ name, node, entry, stateDir, userDataDir, extensionsDir, env, trust, timeoutMs = 90_000, log = console.log, onSpawn }) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = path.join(stateDir, `${name}.log`);
  const logFd = fs.openSync(serverLog, 'a');
  log(`start ${name} on ${base}${trust ? ' with workspace trust on' : ''} (log: ${path.relative(ROOT, serverLog)})`);
  const server = spawn(
    node,
    [
      entry,
      '--auth',
      'none',
      '--bind-addr',
      `127.0.0.1:${port}`,
      '--disable-telemetry',
      '--disable-update-check',
      ...(trust ? [] : ['--disable-workspace-trust']),
      '--disable-getting-started-override',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      extensionsDir,
    ],
    { cwd: stateDir, env, detached: true, stdio: ['ignore', logFd, logFd] },
  );
  fs.closeSync(logFd);
  if (onSpawn) onSpawn(server);
  const alive = () =>
    server.exitCode === null && server.signalCode === null
      ? true
      : `${name} exited (${server.exitCode ?? server.signalCode}); see ${path.relative(ROOT, serverLog)}`;
  const deadline = Date.now() + timeoutMs;
  while (!(await httpOk(`${base}/healthz`))) {
    const ok = alive();
    if (ok !== true) throw new Error(ok);
    if (Date.now() > deadline) throw new Error(`${name} did not answer on ${base} within ${timeoutMs / 1000}s`);
    await sleep(300);
  }
  log(`${name} answers`);
  return { base, server, alive, serverLog };
}

/** Debian's Chromium through playwright-core; our own signal handlers stop code-server first. */
function launchChromium(executablePath, { headed = false } = {}) {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: !headed, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
}

/**
 * What a script must undo however it ends: steps run last-first by `run()` (browsers, temp
 * folders, servers), and code-servers' process groups, killed again at exit whatever happened.
 * `handleSignals()` makes Ctrl-C and termination run them too.
 */
function cleanups() {
  const steps = [];
  const serverPids = new Set();
  const run = async () => {
    while (steps.length) {
      try {
        await steps.pop()();
      } catch {
        /* best effort */
      }
    }
  };
  return {
    push: (fn) => steps.push(fn),
    run,
    /** For startCodeServer's onSpawn: remember the server's group; `kill` also adds it to the steps. */
    server(child, { kill = true } = {}) {
      serverPids.add(child.pid);
      child.once('exit', () => serverPids.delete(child.pid));
      if (kill) steps.push(() => killGroup(child));
    },
    handleSignals() {
      process.on('exit', () => {
        for (const pid of serverPids) {
          try {
            process.kill(-pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      });
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
        process.on(signal, () => {
          console.log(`\n${signal}: stopping code-server`);
          run().finally(() => process.exit(130));
        });
      }
    },
  };
}

module.exports = {
  ROOT,
  CHROMIUM_ARGS,
  sleep,
  step,
  vsce,
  freePort,
  httpOk,
  killGroup,
  writeUserSettings,
  installExtensions,
  waitForFile,
  startCodeServer,
  launchChromium,
  cleanups,
};
