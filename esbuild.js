// One bundle per entry point; everything but node built-ins is inlined.
const esbuild = require('esbuild');

esbuild
  .build({
    entryPoints: { cli: 'src/cli/main.ts' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outdir: 'dist',
    banner: { js: '#!/usr/bin/env node' },
    sourcemap: true,
    minify: process.argv.includes('--minify'),
    logLevel: 'warning',
  })
  .then(() => require('fs').chmodSync('dist/cli.js', 0o755))
  .catch(() => process.exit(1));
