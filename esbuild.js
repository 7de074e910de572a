// Three bundles, one build: the CLI (an executable), the extension (`vscode` stays external), and
// the worker thread both start to load files on every core (src/node/parseWorker.ts, found beside them).
const esbuild = require('esbuild');
const fs = require('fs');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  outdir: 'dist',
  sourcemap: true,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
};

Promise.all([
  esbuild.build({ ...common, entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } }),
  esbuild.build({ ...common, entryPoints: { extension: 'src/extension/extension.ts' }, external: ['vscode'] }),
  esbuild.build({ ...common, entryPoints: { parseWorker: 'src/node/parseWorker.ts' } }),
])
  .then(() => fs.chmodSync('dist/cli.js', 0o755))
  .catch(() => process.exit(1));
