// Writes that cannot lose data, CLI side: `report --out` and `export --out` replace their file
// atomically (temp + fsync + rename), a failed write leaves the previous file and no temp file,
// and import/enrich never overwrite a file that changed on disk since it was read.
import assert from 'node:assert/strict';
import fsModule = require('node:fs');
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeConflict, writeChanges } from '../../../src/node/applyChanges';
import { writeFileAtomic } from '../../../src/node/atomicWrite';
import { runCli } from '../../support/cli';
import { BASE, plan } from '../../support/workspace';
import { watchFs } from './corpus';
import { tempDirs } from '../../support/tempDir';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];

const tempDir = tempDirs('writes');

type Fn = (...args: unknown[]) => unknown;

/** Replaces fs functions for the duration of `fn`; each replacement gets the original. */
function withFs<T>(replacements: Record<string, (original: Fn) => Fn>, fn: () => T): T {
  const fsAny = fsModule as unknown as Record<string, Fn>;
  const saved = Object.keys(replacements).map((name) => [name, fsAny[name]] as const);
  for (const [name, make] of Object.entries(replacements)) fsAny[name] = make(fsAny[name]);
  try {
    return fn();
  } finally {
    for (const [name, original] of saved) fsAny[name] = original;
  }
}

const temps = (dir: string): string[] => fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const WORKSPACE = { ...BASE, 'a.plan.yaml': plan({ id: 'PLAN-A' }) };
const OLD = 'the previous report, which must survive\n';

const CASES: { what: string; argv: (ws: string, out: string) => string[]; out: string }[] = [
  { what: 'report --format html --out', argv: (ws, out) => ['report', ws, ...AS_OF, '--format', 'html', '--out', out], out: 'report.html' },
  { what: 'report --format csv --out', argv: (ws, out) => ['report', ws, ...AS_OF, '--format', 'csv', '--out', out], out: 'report.csv' },
  { what: 'export ics --out', argv: (ws, out) => ['export', 'ics', ws, ...AS_OF, '--out', out], out: 'patchops.ics' },
  { what: 'export osv-scanner --out', argv: (ws, out) => ['export', 'osv-scanner', ws, ...AS_OF, '--out', out], out: 'osv-scanner.toml' },
];

describe('hostile writes: report --out and export --out are atomic — guards: writeFileAtomic (src/node/atomicWrite.ts)', () => {
  for (const c of CASES) {
    it(`${c.what}: the target only ever holds the old or the whole new bytes; the temp file was flushed and renamed; none is left`, () => {
      const ws = tempDir(WORKSPACE);
      const outDir = tempDir({ [c.out]: OLD });
      const target = path.join(outDir, c.out);
      const seen: string[] = [];
      let synced = false;
      let renamed: [string, string] | undefined;
      const r = withFs(
        {
          writeFileSync: (original) =>
            function (this: unknown, ...args: unknown[]) {
              if (typeof args[0] === 'string' && path.resolve(args[0]) === target) throw new Error('the target was written in place');
              seen.push(fs.readFileSync(target, 'utf8')); // what a reader sees mid-write
              return original.apply(this, args);
            },
          fsyncSync: (original) =>
            function (this: unknown, ...args: unknown[]) {
              synced = true;
              return original.apply(this, args);
            },
          renameSync: (original) =>
            function (this: unknown, ...args: unknown[]) {
              renamed = [String(args[0]), String(args[1])];
              assert.ok(synced, 'flushed before the rename');
              seen.push(fs.readFileSync(target, 'utf8'));
              return original.apply(this, args);
            },
        },
        () => runCli(c.argv(ws, target)),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.ok(seen.length >= 2 && seen.every((s) => s === OLD), 'until the rename, readers see the old file');
      assert.ok(renamed, 'renamed into place');
      assert.equal(path.dirname(renamed[0]), outDir, 'the temp file is beside the target (same file system)');
      assert.equal(renamed[1], target);
      const written = fs.readFileSync(target, 'utf8');
      assert.notEqual(written, OLD);
      assert.equal(written, runCli(c.argv(ws, target).filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out')).stdout, 'the whole output');
      assert.deepEqual(temps(outDir), []);
    });
  }

  it('a write that fails half-way (disk full) leaves the previous file intact and no temp file; exit 2, one line', () => {
    const ws = tempDir(WORKSPACE);
    const outDir = tempDir({ 'report.html': OLD });
    const target = path.join(outDir, 'report.html');
    const r = withFs(
      {
        writeFileSync: (original) =>
          function (this: unknown, ...args: unknown[]) {
            const [fd, data] = args as [number, string];
            original.call(this, fd, data.slice(0, data.length >> 1)); // half of it reaches the disk
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          },
      },
      () => runCli(['report', ws, ...AS_OF, '--format', 'html', '--out', target]),
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchops: cannot write '.*report\.html': ENOSPC\n$/);
    assert.equal(fs.readFileSync(target, 'utf8'), OLD);
    assert.deepEqual(temps(outDir), []);
  });

  it('a rename that fails (the target is a folder) leaves it as it was and no temp file', () => {
    const ws = tempDir(WORKSPACE);
    const outDir = tempDir({ 'report.html/keep.txt': 'keep' });
    const r = runCli(['report', ws, ...AS_OF, '--format', 'html', '--out', path.join(outDir, 'report.html')]);
    assert.equal(r.code, 2);
    assert.equal(r.stderr.split('\n').length, 2, r.stderr);
    assert.equal(fs.readFileSync(path.join(outDir, 'report.html', 'keep.txt'), 'utf8'), 'keep');
    assert.deepEqual(temps(outDir), []);
  });

  it('a replaced file keeps its permissions (a private report stays private)', function () {
    if (process.platform === 'win32') this.skip();
    const dir = tempDir({ 'r.md': OLD });
    fs.chmodSync(path.join(dir, 'r.md'), 0o600);
    writeFileAtomic(path.join(dir, 'r.md'), 'new\n');
    assert.equal(fs.statSync(path.join(dir, 'r.md')).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), 'new\n');
  });

  it('another program\'s file that happens to have the temp name is never deleted', () => {
    const dir = tempDir();
    const target = path.join(dir, 'r.md');
    let clash = '';
    withFs(
      {
        openSync: (original) =>
          function (this: unknown, ...args: unknown[]) {
            if (typeof args[0] === 'string' && args[0].endsWith('.tmp') && !clash) {
              clash = args[0];
              fs.writeFileSync(clash, 'not ours'); // someone else got there first
            }
            return original.apply(this, args);
          },
      },
      () => assert.throws(() => writeFileAtomic(target, 'x'), /EEXIST/),
    );
    assert.equal(fs.readFileSync(clash, 'utf8'), 'not ours');
    assert.equal(fs.existsSync(target), false);
  });
});

describe('hostile writes: import and enrich never lose an edit — guards: writeChanges (src/node/applyChanges.ts)', () => {
  const KEV = JSON.stringify({ catalogVersion: '2026.11.20', vulnerabilities: [{ cveID: 'CVE-2026-0001', dateAdded: '2026-11-19', dueDate: '2026-12-10' }] });

  it('patchops enrich: a plan edited between the read and the write is not overwritten (exit 2, the edit kept, no temp file)', () => {
    const ws = tempDir({ ...WORKSPACE, 'kev.json': KEV });
    const planFile = path.join(ws, 'a.plan.yaml');
    const edited = plan({ id: 'PLAN-A' }).replace('title: Test plan', 'title: Edited by a colleague meanwhile');
    let reads = 0;
    const { result: r } = watchFs(
      () => runCli(['enrich', ws, '--kev', path.join(ws, 'kev.json')]),
      (name, p) => {
        // The second read of the plan is writeChanges's check: the colleague saved just before it.
        if (name === 'readFileSync' && path.resolve(p) === planFile && ++reads === 2) fs.writeFileSync(planFile, edited);
      },
    );
    assert.equal(reads >= 2, true, 'the plan was read, then checked before the write');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchops: a\.plan\.yaml changed on disk since it was read: nothing was written; run it again\n$/);
    assert.equal(fs.readFileSync(planFile, 'utf8'), edited);
    assert.deepEqual(temps(ws), []);
    // Run again: it applies to the edited file, keeping the edit.
    const again = runCli(['enrich', ws, '--kev', path.join(ws, 'kev.json')]);
    assert.equal(again.code, 0, again.stderr);
    const after = fs.readFileSync(planFile, 'utf8');
    assert.match(after, /title: Edited by a colleague meanwhile/);
    assert.match(after, /kev: true/);
    assert.deepEqual(temps(ws), []);
  });

  it('a plan deleted since it was read, a new plan that appeared meanwhile, a UTF-16 plan: refused, nothing written', () => {
    const ws = tempDir({ ...WORKSPACE, 'b.plan.yaml': 'id: B\n', 'w.plan.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: W\n', 'utf16le')]) });
    fs.rmSync(path.join(ws, 'a.plan.yaml'));
    assert.throws(() => writeChanges(ws, [{ file: 'a.plan.yaml', before: 'id: A\n', after: 'id: A2\n' }]), (e: Error) => e instanceof ChangeConflict && /deleted since it was read/.test(e.message));
    assert.equal(fs.existsSync(path.join(ws, 'a.plan.yaml')), false);
    assert.throws(() => writeChanges(ws, [{ file: 'b.plan.yaml', before: null, after: 'id: MINE\n' }]), (e: Error) => e instanceof ChangeConflict && /appeared on disk/.test(e.message));
    assert.equal(fs.readFileSync(path.join(ws, 'b.plan.yaml'), 'utf8'), 'id: B\n');
    assert.throws(() => writeChanges(ws, [{ file: 'w.plan.yaml', before: 'id: W\n', after: 'id: W2\n' }]), /UTF-16: save it as UTF-8/);
    // All-or-nothing on a conflict: a good change listed first is not written either.
    const good = { file: 'c.plan.yaml', before: null, after: 'id: C\n' };
    assert.throws(() => writeChanges(ws, [good, { file: 'b.plan.yaml', before: 'id: stale\n', after: 'x' }]), ChangeConflict);
    assert.equal(fs.existsSync(path.join(ws, 'c.plan.yaml')), false);
    assert.deepEqual(temps(ws), []);
  });

  it('never outside the workspace: `..`, absolute-looking and symlinked paths are refused; a plan that links outside is replaced in the workspace, its target untouched', () => {
    const outside = tempDir({ 'victim.plan.yaml': 'id: VICTIM\n' });
    const ws = tempDir(WORKSPACE);
    for (const file of ['../escape.plan.yaml', 'plans/../../escape.plan.yaml', `${'../'.repeat(10)}tmp/escape.plan.yaml`]) {
      assert.throws(() => writeChanges(ws, [{ file, before: null, after: 'x' }]), /outside the workspace/, file);
    }
    fs.symlinkSync(path.join(outside, 'victim.plan.yaml'), path.join(ws, 'link.plan.yaml'));
    writeChanges(ws, [{ file: 'link.plan.yaml', before: 'id: VICTIM\n', after: 'id: VICTIM\nkev: true\n' }]);
    assert.equal(fs.readFileSync(path.join(outside, 'victim.plan.yaml'), 'utf8'), 'id: VICTIM\n', 'the file outside is not written through the link');
    assert.equal(fs.lstatSync(path.join(ws, 'link.plan.yaml')).isSymbolicLink(), false);
    assert.deepEqual(fs.readdirSync(path.dirname(outside)).filter((f) => f.startsWith('escape')), []);
  });
});
