// First the static checks (ESLint, Prettier, unused exports: a failure stops the run with a line
// saying which and how to fix it), then the compiled mocha suite once per time zone (results must
// not depend on the machine's zone), then one closing line: "tests: N passed, N failed, N skipped".
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ZONES = (process.env.PATCHOPS_TEST_ZONES || 'UTC,Pacific/Chatham').split(',');
const root = path.join(__dirname, '..');

if (process.argv[2] === '--child') runChild(process.argv[3]);
else {
  runChecks();
  runAll();
}

/** The package.json scripts that must pass before the tests run, and what fixes a failure. */
function runChecks() {
  const CHECKS = [
    { script: 'lint', fix: 'fix the ESLint problems above (`npm run lint -- --fix` fixes some)' },
    { script: 'format:check', fix: 'format the files above with `npx prettier --write <file>…`' },
    { script: 'unused-exports', fix: 'see above (`npm run unused-exports -- --fix` drops `export` where only its file uses a name)' },
  ];
  if (process.env.PATCHOPS_TEST_GREP) {
    console.log(`checks skipped (${CHECKS.map((c) => c.script).join(', ')}): PATCHOPS_TEST_GREP runs a part of the tests only`);
    return;
  }
  // npm sets npm_execpath when it runs this script; run by hand, the npm on the PATH.
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  for (const check of CHECKS) {
    console.log(`\n=== npm run ${check.script} ===`);
    const r = spawnSync(npm[0], [...npm.slice(1), 'run', '--silent', check.script], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) {
      console.log(`\nnpm test stopped before the tests: \`npm run ${check.script}\` failed (exit ${r.status ?? r.signal}); ${check.fix}`);
      process.exit(1);
    }
  }
}

function runAll() {
  const total = { passes: 0, failures: 0, pending: 0 };
  let failedRun = false;
  for (const zone of ZONES) {
    console.log(`\n=== TZ=${zone} ===`);
    const statsFile = path.join(os.tmpdir(), `patchops-test-stats-${process.pid}-${zone.replace(/\W/g, '_')}.json`);
    fs.rmSync(statsFile, { force: true });
    // Tests make temporary workspaces; give each run its own TMPDIR and remove it afterwards.
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-tests-'));
    const child = spawnSync(process.execPath, [__filename, '--child', statsFile], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, TZ: zone, TMPDIR: tmp },
    });
    fs.rmSync(tmp, { recursive: true, force: true });
    if (!fs.existsSync(statsFile)) {
      console.log(`the test run under TZ=${zone} ended without results (exit ${child.status}, signal ${child.signal})`);
      failedRun = true;
      continue;
    }
    const stats = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
    fs.rmSync(statsFile, { force: true });
    for (const key of Object.keys(total)) total[key] += stats[key];
    if (child.status !== 0) failedRun = true;
  }
  console.log(`\ntests: ${total.passes} passed, ${total.failures} failed, ${total.pending} skipped`);
  process.exit(failedRun || total.failures > 0 || total.passes === 0 ? 1 : 0);
}

async function runChild(statsFile) {
  const mochaModule = require('mocha');
  const Mocha = mochaModule.default ?? mochaModule; // mocha 12 is an ES module
  const config = JSON.parse(fs.readFileSync(path.join(root, '.mocharc.json'), 'utf8'));
  const mocha = new Mocha({ reporter: 'spec', timeout: config.timeout });
  const grep = process.env.PATCHOPS_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of testFiles(path.join(root, 'out', 'test', 'unit'))) mocha.addFile(file);
  await mocha.loadFilesAsync();
  const runner = mocha.run((failures) => {
    const { passes, pending } = runner.stats;
    fs.writeFileSync(statsFile, JSON.stringify({ passes, failures, pending }));
    process.exitCode = failures ? 1 : 0;
  });
}

function testFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith('.test.js') ? [path.join(dir, e.name)] : []))
    .sort();
}
