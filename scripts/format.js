// `npm run format`: Prettier rewrites every file it owns (see .prettierignore), then the list of
// files not formatted yet (.prettier-pending, which `npm run format:check` skips) is deleted,
// since from then on every file is formatted and checked.
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const prettier = require.resolve('prettier/bin/prettier.cjs');
const r = spawnSync(process.execPath, [prettier, '--write', '--log-level', 'warn', '.'], { cwd: root, stdio: 'inherit' });
if (r.status !== 0) process.exit(r.status ?? 1);
const pending = path.join(root, '.prettier-pending');
if (fs.existsSync(pending)) {
  fs.rmSync(pending);
  console.log('formatted; .prettier-pending deleted: `npm run format:check` now checks every file');
} else {
  console.log('formatted');
}
