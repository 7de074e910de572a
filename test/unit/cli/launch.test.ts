// The `patchops` executable runs the CLI's bundle from V8's code cache (src/cli/launch.ts): the
// program run is the same with the cache, without it, and with one V8 refuses, and the build's
// cache is one this Node uses. The build writes the extension host's bundles in ASCII.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../../..');
const LAUNCHER = path.resolve(__dirname, '../../../src/cli/launch.js');

/** A bundle that shows what it was given: its arguments, whether it is the main module, its file, and an exit code. */
const BUNDLE = `
process.stdout.write(JSON.stringify({ argv: process.argv.slice(2), main: require.main === module, file: __filename, dir: __dirname, path: typeof require('path').join }));
process.exitCode = 3;
`;

interface Run {
  status: number | null;
  stdout: string;
  cache: string | undefined;
}

function run(dir: string, args: string[], mode?: 'write' | 'report'): Run {
  const r = spawnSync(process.execPath, [path.join(dir, 'cli.js'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, PATCHOPS_CODE_CACHE: mode ?? '' },
  });
  return { status: r.status, stdout: r.stdout, cache: /^code cache: (\w+)$/m.exec(r.stderr)?.[1] };
}

describe('the executable and its code cache', function () {
  this.timeout(120_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-launch-'));
    fs.copyFileSync(LAUNCHER, path.join(dir, 'cli.js'));
    fs.writeFileSync(path.join(dir, 'cliMain.js'), BUNDLE);
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as the main module, with its arguments, file and exit code, with no cache beside it', () => {
    const r = run(dir, ['validate', 'a b', '--x'], 'report');
    assert.equal(r.cache, 'none');
    assert.equal(r.status, 3);
    const seen = JSON.parse(r.stdout);
    assert.deepEqual(seen.argv, ['validate', 'a b', '--x']);
    assert.equal(seen.main, true);
    assert.equal(fs.realpathSync(seen.file), fs.realpathSync(path.join(dir, 'cliMain.js')));
    assert.equal(fs.realpathSync(seen.dir), fs.realpathSync(dir));
    assert.equal(seen.path, 'function');
  });

  it('writes a cache when asked, and uses it on the next run, which is the same run', () => {
    const first = run(dir, ['x'], 'write');
    assert.ok(fs.statSync(path.join(dir, 'cliMain.cache')).size > 0, 'a cache was written');
    const second = run(dir, ['x'], 'report');
    assert.equal(second.cache, 'used');
    assert.deepEqual({ ...second, cache: undefined }, { ...first, cache: undefined });
  });

  it('runs the same program when V8 refuses the cache: damaged, or made for another bundle', () => {
    run(dir, ['x'], 'write');
    const cache = path.join(dir, 'cliMain.cache');
    const good = fs.readFileSync(cache);

    // Damaged anywhere: V8 checks only its header, PatchOps the whole file.
    for (const at of [0, 40, Math.floor(good.length / 2), good.length - 1]) {
      const damaged = Buffer.from(good);
      damaged[at] ^= 0xff;
      fs.writeFileSync(cache, damaged);
      const r = run(dir, ['x'], 'report');
      assert.equal(r.cache, 'refused', `a byte changed at ${at}`);
      assert.equal(r.status, 3);
      assert.deepEqual(JSON.parse(r.stdout).argv, ['x']);
    }
    fs.writeFileSync(cache, good.subarray(0, 20));
    assert.equal(run(dir, ['x'], 'report').cache, 'refused', 'a cache cut short');

    // The bundle rebuilt, the cache not: the new bundle runs.
    fs.writeFileSync(cache, good);
    fs.writeFileSync(path.join(dir, 'cliMain.js'), `${BUNDLE}\nprocess.stdout.write(' rebuilt');`);
    const stale = run(dir, ['x'], 'report');
    assert.equal(stale.cache, 'refused');
    assert.match(stale.stdout, / rebuilt$/);
  });
});

describe('the build (esbuild.js)', function () {
  this.timeout(120_000);
  let out: string;

  before(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-build-'));
    const build = spawnSync(process.execPath, [path.join(REPO, 'esbuild.js'), '--outdir', out], { cwd: REPO, encoding: 'utf8' });
    assert.equal(build.status, 0, build.stderr);
  });

  after(() => fs.rmSync(out, { recursive: true, force: true }));

  it("builds a cache this Node uses, and the CLI's answer is the one it gives without", function () {
    const args = ['validate', path.join(REPO, 'samples'), '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'];
    const cached = run(out, args, 'report');
    assert.equal(cached.cache, 'used');
    const direct = spawnSync(process.execPath, [path.join(out, 'cliMain.js'), ...args], { encoding: 'utf8' });
    assert.equal(cached.status, direct.status);
    assert.equal(cached.stdout, direct.stdout);
    assert.ok(JSON.parse(cached.stdout).diagnostics.length > 0, 'the samples have diagnostics to compare');
  });

  it("writes the extension host's bundles in ASCII, so V8 keeps their source one byte a character", () => {
    for (const bundle of ['extension.js', 'parseWorker.js']) {
      const bytes = fs.readFileSync(path.join(out, bundle));
      const at = bytes.findIndex((b) => b > 0x7f);
      assert.equal(at, -1, `${bundle}: a byte beyond ASCII at ${at}: …${bytes.subarray(Math.max(0, at - 60), at + 20).toString('utf8')}…`);
    }
  });
});
