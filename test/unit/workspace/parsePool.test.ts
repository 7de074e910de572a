// Loading on worker threads (src/node/parsePool.ts) gives exactly what one thread gives, in the same
// order, whatever the number of threads, whichever finishes first, and whatever a worker does
// (crashes, never answers, never starts, runs out of memory on a hostile file).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ZERO_RANGE } from '../../../src/core/model/diagnostic';
import { fileKindOf } from '../../../src/core/workspace/fileKinds';
import { transferOf } from '../../../src/core/workspace/transfer';
import { defaultJobs, loadFromDiskInWorkers, loadListedFiles, loadRawFile, loadRawFiles, scanWorkers, type PoolOptions } from '../../../src/node/parsePool';
import { findListedFiles, findWorkspaceFiles, readWorkspaceFile, realPath } from '../../../src/node/workspaceFiles';
import { listWorkspaceFiles, readWorkspaceBytes, type RawFile } from '../../../src/node/workspaceBytes';
import type { LoadedFile } from '../../../src/core/model/workspace';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { FILE_CASES } from '../hostile/corpus';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';

const tempDir = tempDirs('pool');

/** Files every path of the loader takes: the fast path, the full parser, refusals, schema errors, salvage. */
const ODD_FILES: Record<string, string | Uint8Array> = {
  'plans/anchors.plan.yaml': 'id: ANCHORS\ntitle: &t anchored\nowner: *t\n',
  'plans/binary.plan.yaml': new Uint8Array([105, 100, 58, 32, 0, 10]),
  'plans/broken.plan.yaml': 'id: BROKEN\ntitle: [unclosed\n',
  'plans/schema.plan.yaml': 'id: SCHEMA\ntitle: 42\nvulnerabilities: nope\n',
  'assets/more.assets.yaml': 'groups:\n  - { id: fine, impact: high, endpoints: 3 }\n  - { id: bad, impact: huge }\n',
  'notes/plan.yaml': 'id: MISNAMED\ntitle: a plan by its look\nvulnerabilities: []\n',
};

function workspace(plans: number): string {
  const dir = tempDir();
  generateWorkspace(dir, plans);
  for (const [rel, content] of Object.entries(ODD_FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** Everything a loaded file tells the rules, ranges included (looked up, so computed again on this side). */
function snapshot(f: LoadedFile) {
  const paths = [['id'], ['title'], ['vulnerabilities', 0, 'id'], ['groups', 1, 'impact'], ['waves', 0], ['nope']];
  return {
    file: f.file,
    kind: f.kind,
    text: f.source.text,
    value: f.source.value,
    problems: f.source.problems,
    ranges: paths.map((p) => [f.source.rangeOf(p), f.source.rangeOf(p, 'key')]),
    diagnostics: f.diagnostics,
    entities: f.entities.map((e) => ({ data: e.data, path: e.path, damaged: e.damaged, whole: e.data === f.source.value, own: e.source === f.source })),
    declaredIds: f.declaredIds,
  };
}

/**
 * Loads on `jobs` threads and on one, and compares. A file that nests too deep to read says so
 * where the stack ran out, and how many times depends on how deep the caller already was and on
 * what the JIT made of each frame, even on one thread: of such a file, only that it says so is
 * compared (it is always loaded by the calling thread, whose stack is the larger).
 */
function sameAsOneThread(files: readonly RawFile[], jobs: number, options: PoolOptions = {}, loaded = loadRawFiles(files, jobs, options)): void {
  const one = loadRawFiles(files, 1);
  const comparable = (f: LoadedFile) =>
    f.diagnostics.some((d) => d.message === 'nesting is too deep to read') ? { file: f.file, kind: f.kind, tooDeep: true } : snapshot(f);
  assert.deepStrictEqual(loaded.map(comparable), one.map(comparable));
}

/** A worker script of the test's own, standing in for parseWorker.js. */
function fakeWorker(body: string): string {
  const file = path.join(tempDir(), 'worker.js');
  fs.writeFileSync(file, `const { workerData } = require('worker_threads');\n${body}\n`);
  return file;
}

describe('parse pool: worker threads load what one thread loads', function () {
  this.timeout(120_000);

  it('answers from the workers are the files one thread loads, in order (ranges, diagnostics, entities)', () => {
    const files = readWorkspaceBytes(workspace(150)).files;
    const counts = { fromWorkers: 0 };
    // The caller loads nothing itself: every file comes through a worker, unless the worker leaves it out.
    // Refused files and those the full parser read are left to the caller; every other came from a worker.
    const transferable = files.map(loadRawFile).filter((f) => transferOf(f) !== undefined).length;
    assert.ok(transferable > files.length - 10);
    sameAsOneThread(files, 3, { callerLoads: false, counts });
    assert.equal(counts.fromWorkers, transferable);
  });

  it('each thread reading what it loads: the files one thread reads and loads, in order, most of them from the workers', () => {
    const root = workspace(150);
    const files = readWorkspaceBytes(root).files;
    const transferable = files.map(loadRawFile).filter((f) => transferOf(f) !== undefined).length;
    const counts = { fromWorkers: 0 };
    sameAsOneThread(files, 3, {}, loadListedFiles(listWorkspaceFiles(root), 3, { callerLoads: false, counts }));
    assert.equal(counts.fromWorkers, transferable);
    // With this thread loading too, from a workspace whose files grow past the read buffer.
    fs.writeFileSync(path.join(root, 'plans', 'big.plan.yaml'), `id: BIG\ntitle: ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const bigger = readWorkspaceBytes(root).files;
    sameAsOneThread(bigger, 2, {}, loadListedFiles(listWorkspaceFiles(root), 2));
  });

  it("the workers' files share one empty list for no problems and for a whole-file entity's path, as the caller's own do not need to", () => {
    const files = readWorkspaceBytes(workspace(60)).files;
    const loaded = loadRawFiles(files, 3, { callerLoads: false });
    const fromWorkers = loaded.filter((f) => transferOf(f) !== undefined);
    const noProblems = fromWorkers.filter((f) => f.diagnostics.length === 0);
    const whole = fromWorkers.flatMap((f) => f.entities).filter((e) => e.path.length === 0);
    assert.ok(noProblems.length > 20 && whole.length > 40, `${noProblems.length} files without problems, ${whole.length} whole-file entities`);
    assert.equal(new Set(noProblems.map((f) => f.diagnostics)).size, 1);
    assert.equal(new Set(whole.map((e) => e.path)).size, 1);
    assert.ok(Object.isFrozen(whole[0].path) && Object.isFrozen(noProblems[0].diagnostics));
  });

  for (const cache of [false, true]) {
    it(`validate${cache ? ' --cache (the bytes read first)' : ''} prints the same bytes with 1 thread and with 3 (PATCHOPS_JOBS)`, () => {
      const dir = workspace(400);
      const argv = ['validate', dir, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'];
      const run = (jobs: string) =>
        runCli(cache ? [...argv, '--cache', '--cache-location', path.join(tempDir(), 'cache')] : argv, { env: { PATCHOPS_JOBS: jobs } });
      const one = run('1');
      const three = run('3');
      assert.equal(one.stderr, '');
      assert.ok(JSON.parse(one.stdout).diagnostics.length > 100, 'the workspace has problems to compare');
      assert.equal(three.stdout, one.stdout);
      assert.equal(three.code, one.code);
    });
  }

  it('by default the CLI starts workers only with two other cores; the editor scan one per core but one', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 8].map((cores) => defaultJobs(10_000, cores)),
      [1, 1, 3, 4, 4],
    );
    assert.equal(defaultJobs(1_999, 8), 1, 'a small workspace stays on one thread');
    assert.deepEqual(
      [1, 2, 3, 8].map((cores) => scanWorkers(10_000, cores)),
      [1, 1, 2, 4],
    );
    assert.equal(scanWorkers(1_999, 8), 0);
  });

  it('PATCHOPS_JOBS that is not a thread count is a usage error', () => {
    for (const bad of ['0', 'two', '-1', '65', '1.5']) {
      const r = runCli(['validate', workspace(1), '--format', 'json'], { env: { PATCHOPS_JOBS: bad } });
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(
        r.stderr,
        `patchops: PATCHOPS_JOBS='${bad}' is not a thread count: give a whole number from 1 (no worker threads) to 64, or leave it unset\n`,
      );
    }
  });

  const crashes: [string, string][] = [
    ['throws as it starts', "throw new Error('boom');"],
    ['claims batches, then exits without answering', 'Atomics.add(workerData.next, 0, 2); process.exit(3);'],
    ['claims a batch and never answers', 'Atomics.add(workerData.next, 0, 1); for (;;) {}'],
    [
      'answers with nonsense for a batch it did not load',
      'workerData.port.postMessage({ batch: 0, files: [null, null] }); Atomics.add(workerData.next, 1, 1);',
    ],
  ];
  for (const [what, body] of crashes) {
    it(`a worker that ${what} costs no file and no hang`, () => {
      const root = workspace(100);
      const files = readWorkspaceBytes(root).files;
      sameAsOneThread(files, 3, { workerScript: fakeWorker(body) });
      sameAsOneThread(files, 3, {}, loadListedFiles(listWorkspaceFiles(root), 3, { workerScript: fakeWorker(body) }));
    });
  }

  it('a worker that never answers does not hang a caller that waits for the workers', () => {
    const files = readWorkspaceBytes(workspace(40)).files;
    sameAsOneThread(files, 2, { workerScript: fakeWorker('Atomics.add(workerData.next, 0, 1000);'), callerLoads: false, quietMs: 200 });
  });

  it('hostile files: the same diagnostics through the workers (a worker out of memory or stack is replaced by the caller)', () => {
    const files: RawFile[] = FILE_CASES.flatMap((c, i) => {
      const rel = c.file.replace(/^(.*\/)?/, `case${i}/`); // one folder per case: names may repeat
      const content = c.content();
      return fileKindOf(rel) ? [{ rel, bytes: typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content) }] : [];
    });
    assert.ok(files.length > 20);
    const counts = { fromWorkers: 0 };
    sameAsOneThread(files, 3, { callerLoads: false, counts, quietMs: 5000 });
    assert.ok(counts.fromWorkers > 0);
  });

  describe("the editor's first scan (workers read the files themselves)", () => {
    /** The scan as the extension does it: the workers' answers, then what they left loaded here; against loading each file here. */
    async function scan(root: string, workerScript?: string, withFolders = false, quietMs?: number): Promise<{ answered: number; files: LoadedFile[] }> {
      const listed = findListedFiles(root);
      const rels = listed.map((f) => f.rel);
      const loaded = new Array<LoadedFile>(rels.length);
      let answered = 0;
      const files = withFolders ? listed : listed.map((f) => ({ rel: f.rel })); // without: each read the careful way
      const left = await loadFromDiskInWorkers(root, realPath(root), files, 2, (i, f) => ((loaded[i] = f), answered++), { workerScript, quietMs });
      for (const i of left) loaded[i] = readWorkspaceFile(root, rels[i]);
      assert.deepStrictEqual(
        loaded.map(snapshot),
        rels.map((rel) => snapshot(readWorkspaceFile(root, rel))),
      );
      return { answered, files: loaded };
    }

    it('gives every file as loading it here does, most of them from the workers', async () => {
      const root = workspace(120);
      assert.ok(
        findListedFiles(root).some((f) => f.realFolder !== undefined),
        'the listing checked folders',
      );
      await scan(root, undefined, true); // each worker opens the files in the folders the listing checked
      const { answered, files } = await scan(root);
      // Refused files and those the full parser read are left to the caller; every other came from a worker.
      const transferable = findWorkspaceFiles(root).filter((rel) => transferOf(readWorkspaceFile(root, rel)) !== undefined).length;
      assert.equal(answered, transferable);
      assert.ok(answered > files.length - 10);
    });

    it('keeps no text: a file changed on disk after the scan refuses its text, the others read theirs again', async () => {
      const root = workspace(60);
      const listed = findListedFiles(root);
      const loaded = new Map<string, LoadedFile>();
      await loadFromDiskInWorkers(root, realPath(root), listed, 2, (i, f) => loaded.set(listed[i].rel, f));
      const plans = [...loaded.keys()].filter((rel) => rel.endsWith('.plan.yaml')).sort();
      assert.ok(plans.length > 50, `plans from the workers: ${plans.length}`);
      const [changed, same, gone] = plans;
      fs.appendFileSync(path.join(root, changed), '# edited after the scan\n');
      fs.rmSync(path.join(root, gone));
      assert.deepEqual(loaded.get(gone)!.source.rangeOf(['id']), ZERO_RANGE, 'a file deleted since: ranges at its start, no crash');
      assert.throws(() => loaded.get(gone)!.source.text, /has changed on disk since PatchOps read it/);
      assert.throws(() => loaded.get(changed)!.source.text, new RegExp(`${changed.replace(/[.]/g, '\\.')} has changed on disk since PatchOps read it`));
      assert.equal(loaded.get(same)!.source.text, fs.readFileSync(path.join(root, same), 'utf8'));
    });

    it("hands every answer over inside the caller's timed tasks, several tasks in all", async () => {
      const root = workspace(400);
      const listed = findListedFiles(root);
      let inside = false;
      let tasks = 0;
      let outside = 0;
      let answered = 0;
      const timed = (work: () => void) => {
        tasks++;
        inside = true;
        try {
          work();
        } finally {
          inside = false;
        }
      };
      await loadFromDiskInWorkers(root, realPath(root), listed, 2, () => (answered++, inside || outside++), { timed });
      assert.ok(answered > 390, `answered ${answered}`);
      assert.equal(outside, 0, 'an answer was taken outside the timed tasks');
      assert.ok(tasks > 1, `several tasks (${tasks})`);
    });

    for (const [what, body] of crashes) {
      it(`a worker that ${what}: the scan ends, and loads here what it did not answer`, async () => {
        const { answered } = await scan(workspace(60), fakeWorker(body), false, 300);
        assert.equal(answered, 0);
      });
    }
  });
});
