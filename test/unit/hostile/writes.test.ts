// Writes that cannot lose data, CLI side: `report --out` and `export --out` replace their file
// atomically (temp + fsync + rename), a failed write leaves the previous file and no temp file,
// import/enrich never overwrite a file that changed on disk since it was read, and nothing but a
// regular file is ever replaced (a symbolic link is written through to its file).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as net from 'node:net';
import fsModule = require('node:fs');
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ChangeConflict, writeChanges } from '../../../src/node/applyChanges';
import { writeFileAtomic, WriteRefused } from '../../../src/node/atomicWrite';
import { runCli } from '../../support/cli';
import { BASE, plan } from '../../support/workspace';
import { watchFs } from './corpus';
import { tempDirs } from '../../support/tempDir';
import { skipOnWindows } from '../../support/platform';

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
    assert.match(r.stderr, /^patchops: cannot write '.*report\.html': no space left on the device \(ENOSPC\)\n$/);
    assert.equal(fs.readFileSync(target, 'utf8'), OLD);
    assert.deepEqual(temps(outDir), []);
  });

  it('a folder as the target is refused in one line before anything is written; it stays as it was, no temp file', () => {
    const ws = tempDir(WORKSPACE);
    const outDir = tempDir({ 'report.html/keep.txt': 'keep' });
    const r = runCli(['report', ws, ...AS_OF, '--format', 'html', '--out', path.join(outDir, 'report.html')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchops: cannot write '.*report\.html': it is a folder\n$/);
    assert.equal(r.stdout, '');
    assert.equal(fs.readFileSync(path.join(outDir, 'report.html', 'keep.txt'), 'utf8'), 'keep');
    assert.deepEqual(temps(outDir), []);
  });

  it('a replaced file keeps its permissions (a private report stays private)', function () {
    skipOnWindows(this, 'file modes are POSIX');
    const dir = tempDir({ 'r.md': OLD });
    fs.chmodSync(path.join(dir, 'r.md'), 0o600);
    writeFileAtomic(path.join(dir, 'r.md'), 'new\n');
    assert.equal(fs.statSync(path.join(dir, 'r.md')).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(path.join(dir, 'r.md'), 'utf8'), 'new\n');
  });

  it("another program's file that happens to have the temp name is never deleted", () => {
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
    const ws = tempDir({
      ...WORKSPACE,
      'b.plan.yaml': 'id: B\n',
      'w.plan.yaml': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: W\n', 'utf16le')]),
    });
    fs.rmSync(path.join(ws, 'a.plan.yaml'));
    assert.throws(
      () => writeChanges(ws, [{ file: 'a.plan.yaml', before: 'id: A\n', after: 'id: A2\n' }]),
      (e: Error) => e instanceof ChangeConflict && /deleted since it was read/.test(e.message),
    );
    assert.equal(fs.existsSync(path.join(ws, 'a.plan.yaml')), false);
    assert.throws(
      () => writeChanges(ws, [{ file: 'b.plan.yaml', before: null, after: 'id: MINE\n' }]),
      (e: Error) => e instanceof ChangeConflict && /appeared on disk/.test(e.message),
    );
    assert.equal(fs.readFileSync(path.join(ws, 'b.plan.yaml'), 'utf8'), 'id: B\n');
    assert.throws(() => writeChanges(ws, [{ file: 'w.plan.yaml', before: 'id: W\n', after: 'id: W2\n' }]), /UTF-16: save it as UTF-8/);
    // All-or-nothing on a conflict: a good change listed first is not written either.
    const good = { file: 'c.plan.yaml', before: null, after: 'id: C\n' };
    assert.throws(() => writeChanges(ws, [good, { file: 'b.plan.yaml', before: 'id: stale\n', after: 'x' }]), ChangeConflict);
    assert.equal(fs.existsSync(path.join(ws, 'c.plan.yaml')), false);
    assert.deepEqual(temps(ws), []);
  });

  it('never outside the workspace: `..`, absolute-looking and symlinked paths are refused; a plan that links outside is refused, link and target untouched', () => {
    const outside = tempDir({ 'victim.plan.yaml': 'id: VICTIM\n' });
    const ws = tempDir(WORKSPACE);
    for (const file of ['../escape.plan.yaml', 'plans/../../escape.plan.yaml', `${'../'.repeat(10)}tmp/escape.plan.yaml`]) {
      assert.throws(() => writeChanges(ws, [{ file, before: null, after: 'x' }]), /outside the workspace/, file);
    }
    fs.symlinkSync(path.join(outside, 'victim.plan.yaml'), path.join(ws, 'link.plan.yaml'));
    assert.throws(
      () => writeChanges(ws, [{ file: 'link.plan.yaml', before: 'id: VICTIM\n', after: 'id: VICTIM\nkev: true\n' }]),
      (e: Error) => e instanceof ChangeConflict && e.message === "refusing to write 'link.plan.yaml': it is a symbolic link to a file outside the workspace",
    );
    assert.equal(fs.readFileSync(path.join(outside, 'victim.plan.yaml'), 'utf8'), 'id: VICTIM\n', 'the file outside is not written through the link');
    assert.equal(fs.lstatSync(path.join(ws, 'link.plan.yaml')).isSymbolicLink(), true, 'nor is the link replaced');
    assert.deepEqual(
      fs.readdirSync(path.dirname(outside)).filter((f) => f.startsWith('escape')),
      [],
    );
  });
});

const isRoot = process.getuid?.() === 0;
const OUT_CASES: { what: string; argv: (ws: string, out: string) => string[] }[] = [
  { what: 'report --out', argv: (ws, out) => ['report', ws, ...AS_OF, '--format', 'md', '--out', out] },
  { what: 'export --out', argv: (ws, out) => ['export', 'ics', ws, ...AS_OF, '--out', out] },
];

function mkfifo(file: string): void {
  assert.equal(spawnSync('mkfifo', [file]).status, 0, 'mkfifo is part of coreutils');
}

/** The CLI's output for `argv` without its --out. */
function printed(argv: string[]): string {
  return runCli(argv.filter((a, i, all) => a !== '--out' && all[i - 1] !== '--out')).stdout;
}

describe('hostile writes: writing never destroys (links are followed, nothing but a file is replaced) — guards: resolveWriteTarget (src/node/atomicWrite.ts)', () => {
  for (const c of OUT_CASES) {
    it(`${c.what} through a symbolic link: the file it leads to gets the new bytes (temp beside that file, renamed over it); the link stays`, () => {
      const ws = tempDir(WORKSPACE);
      const linkDir = tempDir();
      const targetDir = fs.realpathSync(tempDir({ 'real.out': OLD }));
      const link = path.join(linkDir, 'out.link');
      fs.symlinkSync(path.join(targetDir, 'real.out'), link);
      let renamed: [string, string] | undefined;
      const r = withFs(
        {
          renameSync: (original) =>
            function (this: unknown, ...args: unknown[]) {
              renamed = [String(args[0]), String(args[1])];
              return original.apply(this, args);
            },
        },
        () => runCli(c.argv(ws, link)),
      );
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.lstatSync(link).isSymbolicLink(), true, 'the link is kept');
      assert.equal(fs.readlinkSync(link), path.join(targetDir, 'real.out'));
      assert.equal(fs.readFileSync(path.join(targetDir, 'real.out'), 'utf8'), printed(c.argv(ws, link)));
      assert.deepEqual(renamed && [path.dirname(renamed[0]), renamed[1]], [targetDir, path.join(targetDir, 'real.out')], 'atomic, beside the target');
      assert.deepEqual([...temps(linkDir), ...temps(targetDir)], []);
    });
  }

  it('a chain of links (relative, through a linked folder) reaches the one file; it keeps its permissions, every link stays', function () {
    skipOnWindows(this, 'symbolic links and file modes are POSIX');
    const dir = tempDir({ 'real/r.md': OLD });
    fs.chmodSync(path.join(dir, 'real', 'r.md'), 0o640);
    fs.symlinkSync('real', path.join(dir, 'folder-link'));
    fs.symlinkSync(path.join('folder-link', 'r.md'), path.join(dir, 'b.md'));
    fs.symlinkSync('b.md', path.join(dir, 'a.md'));
    writeFileAtomic(path.join(dir, 'a.md'), 'new\n');
    assert.equal(fs.readFileSync(path.join(dir, 'real', 'r.md'), 'utf8'), 'new\n');
    assert.equal(fs.statSync(path.join(dir, 'real', 'r.md')).mode & 0o777, 0o640);
    assert.deepEqual(
      ['folder-link', 'b.md', 'a.md'].map((f) => fs.lstatSync(path.join(dir, f)).isSymbolicLink()),
      [true, true, true],
    );
    assert.deepEqual([...temps(dir), ...temps(path.join(dir, 'real'))], []);
  });

  /** What must not be replaced: how to make it in `dir` at `out`, the reason given, and how to see it is intact. */
  const REFUSED: { what: string; make: (dir: string, out: string) => void; why: RegExp; intact: (dir: string, out: string) => void }[] = [
    {
      what: 'a symbolic link to /dev/null',
      make: (_dir, out) => fs.symlinkSync('/dev/null', out),
      why: /it is a symbolic link to a device \(\/dev\/null\)/,
      intact: (_dir, out) => {
        assert.equal(fs.readlinkSync(out), '/dev/null');
        assert.ok(fs.statSync('/dev/null').isCharacterDevice());
      },
    },
    {
      what: 'a named pipe',
      make: (_dir, out) => mkfifo(out),
      why: /it is a named pipe/,
      intact: (_dir, out) => assert.ok(fs.lstatSync(out).isFIFO()),
    },
    {
      what: 'a symbolic link to a named pipe',
      make: (dir, out) => {
        mkfifo(path.join(dir, 'pipe'));
        fs.symlinkSync(path.join(dir, 'pipe'), out);
      },
      why: /it is a symbolic link to a named pipe \(.*pipe\)/,
      intact: (dir, out) => {
        assert.ok(fs.lstatSync(out).isSymbolicLink());
        assert.ok(fs.lstatSync(path.join(dir, 'pipe')).isFIFO());
      },
    },
    {
      what: 'a symbolic link that leads nowhere',
      make: (dir, out) => fs.symlinkSync(path.join(dir, 'gone.txt'), out),
      why: /it is a symbolic link to .*gone\.txt, which does not exist/,
      intact: (dir, out) => {
        assert.ok(fs.lstatSync(out).isSymbolicLink());
        assert.equal(fs.existsSync(path.join(dir, 'gone.txt')), false, 'nothing is created where it points');
      },
    },
    {
      what: 'a symbolic link loop',
      make: (dir, out) => {
        fs.symlinkSync(out, path.join(dir, 'other'));
        fs.symlinkSync(path.join(dir, 'other'), out);
      },
      why: /it is a symbolic link that leads round in a loop/,
      intact: (dir, out) => assert.equal(fs.readlinkSync(out), path.join(dir, 'other')),
    },
    {
      what: 'a symbolic link to a folder',
      make: (dir, out) => {
        fs.mkdirSync(path.join(dir, 'folder'));
        fs.writeFileSync(path.join(dir, 'folder', 'keep.txt'), 'keep');
        fs.symlinkSync(path.join(dir, 'folder'), out);
      },
      why: /it is a symbolic link to a folder \(.*folder\)/,
      intact: (dir, out) => {
        assert.ok(fs.lstatSync(out).isSymbolicLink());
        assert.equal(fs.readFileSync(path.join(dir, 'folder', 'keep.txt'), 'utf8'), 'keep');
      },
    },
  ];
  for (const c of REFUSED) {
    for (const o of OUT_CASES) {
      it(`${o.what} onto ${c.what}: refused in one line, exit 2, it stays as it was, no temp file`, () => {
        const ws = tempDir(WORKSPACE);
        const dir = tempDir();
        const out = path.join(dir, 'out.txt');
        c.make(dir, out);
        const r = runCli(o.argv(ws, out));
        assert.equal(r.code, 2);
        assert.match(r.stderr, new RegExp(`^patchops: cannot write '${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}': ${c.why.source}\n$`));
        assert.equal(r.stdout, '');
        c.intact(dir, out);
        assert.deepEqual(temps(dir), []);
      });
    }
  }

  it('a socket: refused, still a socket', async function () {
    skipOnWindows(this, 'a Unix socket is a file only on POSIX');
    const dir = tempDir();
    const out = path.join(dir, 'out.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(out, resolve));
    try {
      const r = runCli(['report', tempDir(WORKSPACE), ...AS_OF, '--out', out]);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^patchops: cannot write '.*out\.sock': it is a socket\n$/);
      assert.ok(fs.lstatSync(out).isSocket());
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('a missing folder is one line that names it (not ENOENT); a file where a folder should be, too', () => {
    const ws = tempDir(WORKSPACE);
    const dir = tempDir({ 'a-file': 'keep' });
    const missing = runCli(['report', ws, ...AS_OF, '--out', path.join(dir, 'no-such', 'r.md')]);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `patchops: cannot write '${path.join(dir, 'no-such', 'r.md')}': the folder ${path.join(dir, 'no-such')} does not exist\n`);
    const underFile = runCli(['report', ws, ...AS_OF, '--out', path.join(dir, 'a-file', 'r.md')]);
    assert.equal(underFile.code, 2);
    assert.equal(underFile.stderr, `patchops: cannot write '${path.join(dir, 'a-file', 'r.md')}': ${path.join(dir, 'a-file')} is not a folder\n`);
    assert.equal(fs.readFileSync(path.join(dir, 'a-file'), 'utf8'), 'keep');
    assert.deepEqual(fs.readdirSync(dir), ['a-file']);
  });

  it('a relative --out into a missing folder names the folder as the user would find it', () => {
    const ws = tempDir(WORKSPACE);
    const cwd = tempDir();
    const r = runCli(['report', ws, ...AS_OF, '--out', 'out/r.md'], { cwd });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `patchops: cannot write 'out/r.md': the folder ${path.join(cwd, 'out')} does not exist\n`);
  });

  it('as root, --out /dev/full stays a character device (it used to be replaced by a file)', function () {
    if (!isRoot || !fs.existsSync('/dev/full')) {
      console.log('      (skipped: only root can create files in /dev, which is what replacing the device took)');
      this.skip();
    }
    const before = fs.lstatSync('/dev/full');
    assert.ok(before.isCharacterDevice());
    for (const o of OUT_CASES) {
      const r = runCli(o.argv(tempDir(WORKSPACE), '/dev/full'));
      assert.equal(r.code, 2, o.what);
      assert.equal(r.stderr, "patchops: cannot write '/dev/full': it is a device\n", o.what);
      const after = fs.lstatSync('/dev/full');
      assert.ok(after.isCharacterDevice(), o.what);
      assert.equal(after.rdev, before.rdev);
      assert.equal(after.ino, before.ino, 'the very same node');
    }
    assert.deepEqual(
      fs.readdirSync('/dev').filter((f) => f.startsWith('.full.')),
      [],
      'no temp file left in /dev',
    );
  });

  it('as root, a device node made in a temporary folder (the same as /dev/full) is refused and stays a device', function () {
    if (!isRoot || process.platform !== 'linux') {
      console.log('      (skipped: only root can make a device node)');
      this.skip();
    }
    const dir = tempDir();
    const device = path.join(dir, 'full');
    assert.equal(spawnSync('mknod', [device, 'c', '1', '7']).status, 0, 'mknod is part of coreutils');
    const ino = fs.lstatSync(device).ino;
    for (const o of OUT_CASES) {
      const r = runCli(o.argv(tempDir(WORKSPACE), device));
      assert.equal(r.code, 2, o.what);
      assert.match(r.stderr, /^patchops: cannot write '.*full': it is a device\n$/);
      assert.ok(fs.lstatSync(device).isCharacterDevice(), o.what);
      assert.equal(fs.lstatSync(device).ino, ino);
    }
    assert.deepEqual(temps(dir), []);
  });

  it('writeFileAtomic throws WriteRefused (what the CLI and the extension turn into one line), not a raw errno', () => {
    const dir = tempDir({ 'folder/x': 'x' });
    assert.throws(
      () => writeFileAtomic(path.join(dir, 'folder'), 'x'),
      (e: Error) => e instanceof WriteRefused && e.message === 'it is a folder',
    );
    assert.throws(
      () => writeFileAtomic(path.join(dir, 'nope', 'r.md'), 'x'),
      (e: Error) => e instanceof WriteRefused && /^the folder .*nope does not exist$/.test(e.message),
    );
  });
});

describe('hostile writes: import and enrich replace nothing but a plan file — guards: writeChanges (src/node/applyChanges.ts)', () => {
  it('a plan that is a link to another plan in the workspace: that plan gets the change, the link stays', () => {
    const ws = tempDir({ ...WORKSPACE, 'plans/real.plan.yaml': 'id: A\n' });
    fs.symlinkSync(path.join('plans', 'real.plan.yaml'), path.join(ws, 'link.plan.yaml'));
    writeChanges(ws, [{ file: 'link.plan.yaml', before: 'id: A\n', after: 'id: A\nkev: true\n' }]);
    assert.equal(fs.readFileSync(path.join(ws, 'plans', 'real.plan.yaml'), 'utf8'), 'id: A\nkev: true\n');
    assert.equal(fs.readlinkSync(path.join(ws, 'link.plan.yaml')), path.join('plans', 'real.plan.yaml'));
    assert.deepEqual([...temps(ws), ...temps(path.join(ws, 'plans'))], []);
  });

  it('a named pipe, a folder, a link to /dev/null or a dangling link where a plan is written: refused, never read (no hang), nothing written', () => {
    const ws = tempDir({ ...WORKSPACE, 'plans/imported/folder.plan.yaml/keep.txt': 'keep' });
    const imported = path.join(ws, 'plans', 'imported');
    mkfifo(path.join(imported, 'pipe.plan.yaml'));
    fs.symlinkSync('/dev/null', path.join(imported, 'null.plan.yaml'));
    fs.symlinkSync(path.join(imported, 'gone.yaml'), path.join(imported, 'dangling.plan.yaml'));
    const cases: [string, string | null, RegExp][] = [
      ['pipe.plan.yaml', null, /it is a named pipe$/],
      ['pipe.plan.yaml', 'id: P\n', /it is a named pipe$/],
      ['folder.plan.yaml', null, /it is a folder$/],
      ['null.plan.yaml', '', /it is a symbolic link to a device \(\/dev\/null\)$/],
      ['dangling.plan.yaml', null, /it is a symbolic link to .*gone\.yaml, which does not exist$/],
    ];
    for (const [name, before, why] of cases) {
      const file = `plans/imported/${name}`;
      // Reading a named pipe blocks until someone writes to it: a read of it fails the test instead of hanging it.
      const trap = (original: Fn) =>
        function (this: unknown, ...args: unknown[]) {
          if (typeof args[0] === 'string' && args[0].endsWith('pipe.plan.yaml')) throw new Error('the named pipe was opened');
          return original.apply(this, args);
        };
      assert.throws(
        () => withFs({ readFileSync: trap, openSync: trap }, () => writeChanges(ws, [{ file, before, after: 'id: X\n' }])),
        (e: Error) => e instanceof ChangeConflict && e.message.startsWith(`refusing to write '${file}': `) && why.test(e.message),
        file,
      );
    }
    assert.ok(fs.lstatSync(path.join(imported, 'pipe.plan.yaml')).isFIFO());
    assert.equal(fs.readFileSync(path.join(imported, 'folder.plan.yaml', 'keep.txt'), 'utf8'), 'keep');
    assert.equal(fs.readlinkSync(path.join(imported, 'null.plan.yaml')), '/dev/null');
    assert.ok(fs.lstatSync(path.join(imported, 'dangling.plan.yaml')).isSymbolicLink());
    assert.equal(fs.existsSync(path.join(imported, 'gone.yaml')), false);
    assert.deepEqual(temps(imported), []);
  });
});
