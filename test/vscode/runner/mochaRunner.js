// Runs the compiled extension-host suites (out/test/vscode/suite/**/*.test.js) with mocha inside
// a VS Code extension host and returns plain results. Shared by the test-runner extension
// (code-server, see extension.js) and by @vscode/test-electron (see electronSuites.js).
'use strict';

const fs = require('fs');
const path = require('path');

/**
 * The *.test.js files under `dir`, sorted; files named *.last.test.js run after all the others
 * (e.g. a check of what every earlier suite left behind). `include` and `exclude` are regular
 * expressions (sources) matched against the file name: some suites need their own workspace and
 * run in their own phase (scripts/vscode/run.js).
 */
function testFiles(dir, { include, exclude } = {}) {
  if (!fs.existsSync(dir)) return [];
  const inc = include ? new RegExp(include) : undefined;
  const exc = exclude ? new RegExp(exclude) : undefined;
  const walk = (d) =>
    fs
      .readdirSync(d, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : e.name.endsWith('.test.js') ? [path.join(d, e.name)] : []));
  const last = (f) => (f.endsWith('.last.test.js') ? 1 : 0);
  return walk(dir)
    .filter((f) => (!inc || inc.test(path.basename(f))) && (!exc || !exc.test(path.basename(f))))
    .sort((a, b) => last(a) - last(b) || (a < b ? -1 : a > b ? 1 : 0));
}

function loadMocha(mochaPath) {
  // mocha 12 is an ES module package whose entry re-exports a CommonJS build; `require` of it
  // works on Node >= 20.19 (require(esm)), and the CommonJS build directly works everywhere.
  const candidates = [path.join(mochaPath, 'lib', 'mocha.cjs'), mochaPath];
  let lastError;
  for (const candidate of candidates) {
    try {
      if (candidate !== mochaPath && !fs.existsSync(candidate)) continue;
      const mod = require(candidate);
      const Mocha = typeof mod === 'function' ? mod : mod.default || mod.Mocha;
      if (typeof Mocha === 'function') return Mocha;
    } catch (err) {
      lastError = err;
    }
  }
  throw new Error(`cannot load mocha from ${mochaPath}: ${lastError ? lastError.message : 'no Mocha export'}`);
}

function errorText(err) {
  if (!err) return { message: 'unknown error', stack: '' };
  let message = String(err.message ?? err);
  if (err.generatedMessage === false || err.code === 'ERR_ASSERTION') message = String(err.message);
  const stack = String(err.stack || '')
    .split('\n')
    .filter((l) => !/node_modules[\\/]mocha|node:internal/.test(l))
    .slice(0, 12)
    .join('\n');
  return { message, stack };
}

/**
 * @param {{ suitesDir: string, mochaPath: string, timeout?: number, grep?: string, include?: string, exclude?: string, log?: (line: string) => void }} options
 * @returns {Promise<{ passes: object[], failures: object[], pending: object[], stats: object, files: string[] }>}
 */
function runSuites(options) {
  const log = options.log || (() => {});
  const results = { passes: [], failures: [], pending: [], stats: {}, files: [] };
  const started = Date.now();
  let Mocha;
  try {
    Mocha = loadMocha(options.mochaPath);
  } catch (err) {
    results.failures.push({ title: 'load mocha', fullTitle: 'load mocha', ...errorText(err) });
    return Promise.resolve(finish(results, started));
  }
  const mocha = new Mocha({ ui: 'bdd', timeout: options.timeout || 30000, color: false, reporter: Mocha.reporters.Base });
  if (options.grep) mocha.grep(options.grep);
  const files = testFiles(options.suitesDir, { include: options.include, exclude: options.exclude });
  results.files = files.map((f) => path.relative(options.suitesDir, f));
  if (files.length === 0) {
    const filter = options.include || options.exclude ? ` (include ${options.include || '*'}, exclude ${options.exclude || 'nothing'})` : '';
    results.failures.push({ title: 'find suites', fullTitle: 'find suites', message: `no *.test.js under ${options.suitesDir}${filter}`, stack: '' });
    return Promise.resolve(finish(results, started));
  }
  for (const file of files) mocha.addFile(file);
  log(`running ${files.length} suite file(s): ${results.files.join(', ')}`);

  // Tests print measurements with globalThis.patchopsTestLog(line): it lands in the progress log
  // the orchestrator shows (console.log in an extension host goes nowhere anyone reads).
  globalThis.patchopsTestLog = (line) => log(`      ${line}`);
  return new Promise((resolve) => {
    let runner;
    try {
      runner = mocha.run(() => {
        delete globalThis.patchopsTestLog;
        resolve(finish(results, started));
      });
    } catch (err) {
      // A suite file that throws while loading (syntax error, missing module).
      results.failures.push({ title: 'load suites', fullTitle: 'load suites', ...errorText(err) });
      resolve(finish(results, started));
      return;
    }
    runner.on('suite', (suite) => {
      if (suite.title) log(`${'  '.repeat(depth(suite))}${suite.title}`);
    });
    runner.on('pass', (test) => {
      results.passes.push({ title: test.title, fullTitle: test.fullTitle(), duration: test.duration });
      log(`${'  '.repeat(depth(test))}✓ ${test.title} (${test.duration} ms)`);
    });
    runner.on('fail', (test, err) => {
      const e = errorText(err);
      results.failures.push({ title: test.title, fullTitle: test.fullTitle(), ...e });
      log(`${'  '.repeat(depth(test))}✗ ${test.title}\n${e.message.replace(/^/gm, '      ')}`);
    });
    runner.on('pending', (test) => {
      results.pending.push({ title: test.title, fullTitle: test.fullTitle() });
      log(`${'  '.repeat(depth(test))}- ${test.title} (skipped)`);
    });
  });
}

/** How many titled suites enclose this test or suite (for indentation). */
function depth(runnable) {
  let n = 0;
  for (let s = runnable.parent; s && !s.root; s = s.parent) n++;
  return Math.max(0, n);
}

function finish(results, started) {
  results.stats = {
    passes: results.passes.length,
    failures: results.failures.length,
    pending: results.pending.length,
    durationMs: Date.now() - started,
  };
  return results;
}

/**
 * Suites and UI tests that need a workspace of their own (run.js gives each its own phase); the
 * default phases, and @vscode/test-electron, leave them out.
 */
const OWN_WORKSPACE = '^faults-(branch|restricted)[.-]';

module.exports = { runSuites, testFiles, OWN_WORKSPACE };
