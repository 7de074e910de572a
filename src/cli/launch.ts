// The `patchops` executable (dist/cli.js): runs the CLI's bundle (dist/cliMain.js) from V8's code
// cache when one made by this very Node is beside it (dist/cliMain.cache), so that a run does not
// compile again what the build's own run compiled: ~10 ms off every command, ~30 ms off a large
// `validate` (README, Performance).
//
// The build writes the cache (esbuild.js: one `validate` of the samples with
// PATCHOPS_CODE_CACHE=write). V8 checks it against the source, its own version and its flags, and
// refuses it on any difference: another Node, a rebuilt bundle. V8 does not check the rest of it
// (its checksums are for debug builds), so the file starts with the SHA-256 of what follows, and a
// damaged one is never handed to V8. A refused or missing cache only costs the compiling; the
// program run is the same bundle either way (test/unit/cli/launch.test.ts). Node-only, and nothing
// but Node's own modules: it is its own small bundle.
import { createHash } from 'crypto';
import * as fs from 'fs';
import { createRequire, wrap } from 'module';
import * as path from 'path';
import * as vm from 'vm';

/** 'write': keep what this run compiled as the cache (the build); 'report': say on stderr whether the cache was used (tests). */
type Mode = 'write' | 'report' | undefined;

function launch(bundle: string, cacheFile: string, mode: Mode): void {
  const file = mode === 'write' ? undefined : readIfThere(cacheFile);
  const cachedData = file && intact(file);
  const script = new vm.Script(wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  if (mode === 'report') process.stderr.write(`code cache: ${file === undefined ? 'none' : !cachedData || script.cachedDataRejected ? 'refused' : 'used'}\n`);
  if (mode === 'write') process.on('exit', () => writeAtomically(cacheFile, sealed(script.createCachedData())));
  // The bundle as Node would run it as the main module: its own exports, require, file and folder.
  const main = { exports: {} as unknown };
  const require = createRequire(bundle);
  require.main = main as NodeJS.Module;
  const run = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  run.call(main.exports, main.exports, require, main, bundle, path.dirname(bundle));
}

const DIGEST_BYTES = 32;

/** The cache behind the SHA-256 of it. */
function sealed(data: Buffer): Buffer {
  return Buffer.concat([createHash('sha256').update(data).digest(), data]);
}

/** The cache of a sealed file, if the file is whole; undefined if not. */
function intact(file: Buffer): Buffer | undefined {
  if (file.length <= DIGEST_BYTES) return undefined;
  const data = file.subarray(DIGEST_BYTES);
  return createHash('sha256').update(data).digest().equals(file.subarray(0, DIGEST_BYTES)) ? data : undefined;
}

function readIfThere(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Written whole or not at all: a run never reads half a cache (a torn one would only be refused, but costs the reading). */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, file);
  } catch (err) {
    fs.rmSync(temporary, { force: true });
    process.stderr.write(`patchops: could not write the code cache ${file}: ${(err as Error).message}\n`);
  }
}

const mode = process.env.PATCHOPS_CODE_CACHE;
launch(path.join(__dirname, 'cliMain.js'), path.join(__dirname, 'cliMain.cache'), mode === 'write' || mode === 'report' ? mode : undefined);
