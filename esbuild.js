// Four bundles, one build: the CLI (a small executable, cli.js, that runs the CLI's bundle,
// cliMain.js, from V8's code cache: src/cli/launch.ts), the extension (`vscode` stays external),
// and the worker thread both start to load files on every core (src/node/parseWorker.ts, found
// beside them). Then the code cache: one run of the CLI on the samples, which writes what it
// compiled (cliMain.cache). `--outdir DIR` builds elsewhere than dist/ (the launcher's test).
const esbuild = require('esbuild');
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const at = process.argv.indexOf('--outdir');
const outdir = at >= 0 ? process.argv[at + 1] : 'dist';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir,
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
};

/**
 * The bundles that live in the extension host (and its worker): without comments and whitespace.
 * V8 keeps a script's source for as long as its functions live, and one character beyond ASCII in
 * any comment (ours or a library's) makes all of it two bytes a character: the extension's was
 * 3.9 MB of the host's heap, 1.4 MB this way. esbuild writes the rest as ASCII (`charset`), and the
 * names stay, so stack traces still say which function; the source maps give the line.
 */
const lean = { minifyWhitespace: true };

/**
 * What the CLI compiles on a typical run, kept for the next runs: a `validate` of the samples. Its
 * exit code says what it found (1: errors in the samples' deliberate mistakes); only a run that
 * wrote no cache is a failed build step.
 */
function writeCodeCache() {
  const cache = path.join(outdir, 'cliMain.cache');
  fs.rmSync(cache, { force: true });
  const r = spawnSync(
    process.execPath,
    [path.join(outdir, 'cli.js'), 'validate', path.join(__dirname, 'samples'), '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'],
    {
      env: { ...process.env, PATCHOPS_CODE_CACHE: 'write' },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (!fs.existsSync(cache)) throw new Error(`no code cache was written (the CLI's run ended with ${r.status ?? r.signal})`);
}

Promise.all([
  esbuild.build({ ...common, entryPoints: { cli: 'src/cli/launch.ts' }, banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({ ...common, entryPoints: { cliMain: 'src/cli/main.ts' } }),
  esbuild.build({ ...common, ...lean, entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode'] }),
  esbuild.build({ ...common, ...lean, entryPoints: { parseWorker: 'src/node/parseWorker.ts' } }),
])
  .then(() => {
    fs.chmodSync(path.join(outdir, 'cli.js'), 0o755);
    writeCodeCache();
  })
  .catch((err) => {
    if (err && !err.errors) console.error(`esbuild.js: ${err.message}`); // esbuild has printed its own
    process.exit(1);
  });
