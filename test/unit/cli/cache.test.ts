// `--cache`: a hit replays exactly what the cold run printed, returned and wrote, without parsing;
// anything the result depends on that changes is a miss. The cache always lives in a temporary
// folder here (--cache-location, or XDG_CACHE_HOME/HOME pointed at one): never the user's.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Io } from '../../../src/cli/io';
import { run } from '../../../src/cli/main';
import { programDigest, readCacheEntry, writeCacheEntry } from '../../../src/node/resultCache';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';
import { EXCEPTION_FILE, exceptionText, TempRepo, writeWorkspace } from '../approvals/gitRepo';
import { skipOnWindows } from '../../support/platform';

// The parser's entry point, watched: a hit must not call it.
const load = require('../../../src/core/workspace/load') as typeof import('../../../src/core/workspace/load');

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const PROGRAM = 'test-program-1';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
  /** loadFile calls during the run: 0 means nothing was parsed. */
  parsed: number;
}

function cli(argv: string[], o: { cwd?: string; env?: NodeJS.ProcessEnv; program?: string; tty?: boolean } = {}): Ran {
  let stdout = '';
  let stderr = '';
  let parsed = 0;
  const original = load.loadFile;
  load.loadFile = (...a: Parameters<typeof original>) => {
    parsed++;
    return original(...a);
  };
  try {
    const io: Io = {
      stdout: { write: (s: string) => (stdout += s), isTTY: o.tty ?? false },
      stderr: { write: (s: string) => (stderr += s), isTTY: false },
      env: o.env ?? {},
      cwd: o.cwd ?? process.cwd(),
      now: () => Date.parse('2026-11-23T12:00:00Z'),
      programDigest: o.program ?? PROGRAM,
    };
    const code = run(argv, io);
    return { code, stdout, stderr, parsed };
  } finally {
    load.loadFile = original;
  }
}

const tempDir = tempDirs('cache');

/** A workspace with an error (a breached critical plan, exit 1 for validate) and a fine plan. */
function workspace(): string {
  return tempDir({
    ...BASE,
    'plans/breached.plan.yaml': plan({ id: 'BREACHED' }),
    'plans/fine.plan.yaml': plan({
      id: 'FINE',
      vulns: '  - { id: CVE-2026-0002, cvss: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", discovered: 2026-11-22T09:00 }',
    }),
  });
}

function cacheFiles(dir: string): string[] {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => !f.startsWith('.')) : [];
}

function sameOutput(a: Ran, b: Ran): void {
  assert.equal(b.code, a.code);
  assert.equal(b.stdout, a.stdout);
  assert.equal(b.stderr, a.stderr);
}

describe('cli: --cache', function () {
  this.timeout(30000);

  const commands: [string, string[]][] = [
    ['validate text', ['validate']],
    ['validate json', ['validate', '--format', 'json']],
    ['validate sarif', ['validate', '--format', 'sarif']],
    ['status text', ['status']],
    ['status json', ['status', '--format', 'json']],
    ['report md', ['report']],
    ['report html', ['report', '--format', 'html']],
    ['export openvex', ['export', 'openvex']],
  ];
  for (const [what, [command, ...rest]] of commands) {
    it(`${what}: a miss, then a hit with the same stdout, stderr and exit code, nothing parsed`, () => {
      const ws = workspace();
      const location = tempDir();
      const argv = [command, ...(command === 'export' ? [rest[0], ws, ...rest.slice(1)] : [ws, ...rest]), ...AS_OF, '--cache', '--cache-location', location];
      const uncached = cli(argv.filter((a) => a !== '--cache' && a !== '--cache-location' && a !== location));
      const miss = cli(argv);
      const hit = cli(argv);
      sameOutput(uncached, miss);
      sameOutput(miss, hit);
      assert.ok(miss.parsed > 0, 'the miss parses');
      assert.equal(hit.parsed, 0, 'the hit parses nothing');
      assert.equal(cacheFiles(location).length, 1, 'one cache file for the workspace');
    });
  }

  it('validate exits 1 on a hit as on the miss', () => {
    const ws = workspace();
    const argv = ['validate', ws, ...AS_OF, '--cache', '--cache-location', tempDir()];
    const miss = cli(argv);
    assert.equal(miss.code, 1);
    const hit = cli(argv);
    assert.equal(hit.code, 1);
    assert.equal(hit.parsed, 0);
  });

  it('colour on a terminal is cached apart from plain text', () => {
    const ws = workspace();
    const argv = ['status', ws, ...AS_OF, '--cache', '--cache-location', tempDir()];
    const plain = cli(argv);
    const coloured = cli(argv, { tty: true });
    assert.notEqual(coloured.stdout, plain.stdout);
    assert.ok(coloured.parsed > 0);
    sameOutput(coloured, cli(argv, { tty: true }));
    sameOutput(plain, cli(argv));
  });

  for (const [what, argv] of [
    ['report --out', (ws: string, out: string) => ['report', ws, '--format', 'html', '--out', out]],
    ['export --out', (ws: string, out: string) => ['export', 'ics', ws, '--out', out]],
  ] as const) {
    it(`${what}: a hit writes the file again, byte for byte, and prints the same line`, () => {
      const ws = workspace();
      const location = tempDir();
      const outDir = tempDir();
      const out = path.join(outDir, 'result.out');
      const full = argv(ws, out);
      const cmd = [...full, ...AS_OF, '--cache', '--cache-location', location];
      const miss = cli(cmd);
      assert.equal(miss.code, 0, miss.stderr);
      assert.match(miss.stdout, /^Wrote /);
      const written = fs.readFileSync(out);
      fs.rmSync(out);
      const hit = cli(cmd);
      sameOutput(miss, hit);
      assert.equal(hit.parsed, 0);
      assert.deepEqual(fs.readFileSync(out), written);
      // Another --out target is another result.
      const other = path.join(outDir, 'other.out');
      const elsewhere = cli(cmd.map((a) => (a === out ? other : a)));
      assert.ok(elsewhere.parsed > 0);
      assert.deepEqual(fs.readFileSync(other), written);
    });
  }

  it('a hit that cannot write --out fails like the cold run: exit 2, one line, nothing printed to stdout', () => {
    const ws = workspace();
    const location = tempDir();
    const outDir = tempDir();
    const out = path.join(outDir, 'report.md');
    const cmd = ['report', ws, '--out', out, ...AS_OF, '--cache', '--cache-location', location];
    assert.equal(cli(cmd).code, 0);
    fs.rmSync(out);
    fs.mkdirSync(out); // the target is now a folder: the rename over it fails
    const hit = cli(cmd);
    assert.equal(hit.code, 2);
    assert.equal(hit.parsed, 0);
    assert.equal(hit.stdout, '');
    assert.match(hit.stderr, /^patchops: cannot write '.*report\.md': /);
  });

  describe('a miss whenever an input changes', () => {
    let ws: string;
    let location: string;
    let argv: string[];
    let first: Ran;
    beforeEach(() => {
      ws = workspace();
      location = tempDir();
      argv = ['validate', ws, '--format', 'json', ...AS_OF, '--cache', '--cache-location', location];
      first = cli(argv);
      assert.equal(cli(argv).parsed, 0, 'warm');
    });

    it('one byte of one file', () => {
      const file = path.join(ws, 'plans/fine.plan.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('owner: it-ops', 'owner: it-opz'));
      const r = cli(argv);
      assert.ok(r.parsed > 0);
      assert.notEqual(r.stdout, first.stdout, 'an unknown owner team is reported now');
      sameOutput(cli(argv.filter((a) => a !== '--cache' && a !== '--cache-location' && a !== location)), r);
      assert.equal(cli(argv).parsed, 0, 'and that is cached in turn');
    });

    it('a file added, removed or renamed', () => {
      fs.writeFileSync(path.join(ws, 'plans/new.plan.yaml'), plan({ id: 'NEW' }));
      assert.ok(cli(argv).parsed > 0);
      fs.renameSync(path.join(ws, 'plans/new.plan.yaml'), path.join(ws, 'plans/renamed.plan.yaml'));
      assert.ok(cli(argv).parsed > 0);
      fs.rmSync(path.join(ws, 'plans/renamed.plan.yaml'));
      const back = cli(argv);
      assert.ok(back.parsed > 0, 'the latest entry was for the renamed file');
      sameOutput(first, back);
    });

    it('not when a file is only touched or rewritten with the same bytes: the key is the content', () => {
      const file = path.join(ws, 'plans/fine.plan.yaml');
      fs.writeFileSync(file, fs.readFileSync(file));
      fs.utimesSync(file, new Date('2030-01-01T00:00:00Z'), new Date('2030-01-01T00:00:00Z'));
      const r = cli(argv);
      assert.equal(r.parsed, 0);
      sameOutput(first, r);
    });

    it('the as-of, and only the latest as-of is kept', () => {
      const other = argv.map((a) => (a === '2026-11-23T12:00:00Z' ? '2026-11-19T12:00:00Z' : a));
      const r = cli(other);
      assert.ok(r.parsed > 0);
      assert.notEqual(r.stdout, first.stdout);
      assert.equal(cli(other).parsed, 0);
      assert.ok(cli(argv).parsed > 0, 'one entry per command and options: the older as-of was replaced');
      // An as-of without an offset is read in the workspace zone, which is in patchops.yaml: hashed.
      const local = argv.map((a) => (a === '2026-11-23T12:00:00Z' ? '2026-11-23T06:00' : a));
      const l1 = cli(local);
      assert.equal(JSON.parse(l1.stdout).asOf, '2026-11-23T12:00:00.000Z');
      fs.writeFileSync(path.join(ws, 'patchops.yaml'), fs.readFileSync(path.join(ws, 'patchops.yaml'), 'utf8').replace('America/Chicago', 'Europe/Berlin'));
      const l2 = cli(local);
      assert.ok(l2.parsed > 0);
      assert.equal(JSON.parse(l2.stdout).asOf, '2026-11-23T05:00:00.000Z');
    });

    it('the options: another format is another entry, both kept', () => {
      const text = argv.filter((a) => a !== '--format' && a !== 'json');
      assert.ok(cli(text).parsed > 0);
      assert.equal(cli(text).parsed, 0);
      assert.equal(cli(argv).parsed, 0, 'the json entry is still there');
      assert.ok(cli(['status', ...argv.slice(1)]).parsed > 0, 'another command');
    });

    it("the program: another build never reuses this one's results", () => {
      const r = cli(argv, { program: 'test-program-2' });
      assert.ok(r.parsed > 0);
      sameOutput(first, r);
    });

    it('a corrupt, truncated, foreign or empty cache file: a miss with the right answer, then replaced', () => {
      const [name] = cacheFiles(location);
      const file = path.join(location, name);
      const good = fs.readFileSync(file);
      const damaged: [string, Buffer][] = [
        ['a flipped byte in the output', Buffer.from(good.toString('latin1').replace('"severity": "error"', '"severity": "errar"'), 'latin1')],
        ['a flipped exit code', Buffer.from(good.toString('latin1').replace('"code":1', '"code":0'), 'latin1')],
        ['truncated', good.subarray(0, good.length - 10)],
        ['extended', Buffer.concat([good, Buffer.from('x')])],
        ['empty', Buffer.alloc(0)],
        ['garbage', Buffer.from('\u0000\u00ff not a cache at all')],
        ['another version', Buffer.from(good.toString('latin1').replace('patchops-result-cache 1', 'patchops-result-cache 9'), 'latin1')],
        ['JSON of something else', Buffer.from('patchops-result-cache 1\n{"entries":[{"slot":1}]}\n')],
        ['a bad header', Buffer.from('patchops-result-cache 1\n{"entries":[\n')],
      ];
      for (const [what, bytes] of damaged) {
        assert.notDeepEqual(bytes, good, what);
        fs.writeFileSync(file, bytes);
        const r = cli(argv);
        assert.ok(r.parsed > 0, `${what}: a miss`);
        sameOutput(first, r);
        assert.equal(cli(argv).parsed, 0, `${what}: rewritten, a hit again`);
      }
      fs.rmSync(file);
      fs.mkdirSync(file); // a folder where the file should be: cannot be read nor replaced
      const r = cli(argv);
      assert.equal(r.code, first.code);
      assert.equal(r.stdout, first.stdout);
      assert.match(r.stderr, /^patchops: warning: cannot write the cache .*: it is a folder\n$/);
      assert.ok(fs.statSync(file).isDirectory());
    });
  });

  describe('where the cache lives', () => {
    it('by default in $XDG_CACHE_HOME/patchops/, else ~/.cache/patchops/, one file per workspace', () => {
      const ws = workspace();
      const xdg = tempDir();
      const argv = ['validate', ws, ...AS_OF, '--cache'];
      cli(argv, { env: { XDG_CACHE_HOME: xdg } });
      assert.equal(cacheFiles(path.join(xdg, 'patchops')).length, 1);
      assert.equal(cli(argv, { env: { XDG_CACHE_HOME: xdg } }).parsed, 0);
      const home = tempDir();
      cli(argv, { env: { HOME: home } });
      assert.equal(cacheFiles(path.join(home, '.cache', 'patchops')).length, 1);
      const other = workspace();
      cli(['validate', other, ...AS_OF, '--cache'], { env: { HOME: home } });
      assert.equal(cacheFiles(path.join(home, '.cache', 'patchops')).length, 2, 'each workspace its own file');
    });

    it('--cache-location may name a file', () => {
      const ws = workspace();
      const file = path.join(tempDir(), 'nested', 'my.cache');
      const argv = ['validate', ws, ...AS_OF, '--cache', '--cache-location', file];
      const miss = cli(argv);
      assert.ok(fs.statSync(file).isFile());
      sameOutput(miss, cli(argv));
      assert.equal(cli(argv).parsed, 0);
    });

    it('without a writable location it still runs: the same answer and one warning', () => {
      const ws = workspace();
      const blocker = path.join(tempDir(), 'a-file');
      fs.writeFileSync(blocker, '');
      const plain = cli(['validate', ws, ...AS_OF]);
      for (let i = 0; i < 2; i++) {
        const r = cli(['validate', ws, ...AS_OF, '--cache', '--cache-location', path.join(blocker, 'under', 'cache')]);
        assert.equal(r.code, plain.code);
        assert.equal(r.stdout, plain.stdout);
        assert.match(r.stderr, /^patchops: warning: cannot write the cache .*: a folder on the way is a file \(ENOTDIR\)\n$/);
      }
      const nowhere = cli(['validate', ws, ...AS_OF, '--cache'], { env: {} });
      assert.equal(nowhere.stdout, plain.stdout);
      assert.match(nowhere.stderr, /^patchops: warning: not caching: there is no cache folder/);
    });

    it('never inside the workspace', () => {
      const ws = workspace();
      const r = cli(['validate', ws, ...AS_OF, '--cache', '--cache-location', path.join(ws, '.cache')]);
      assert.match(r.stderr, /^patchops: warning: not caching: the cache location .* is inside the workspace/);
      assert.ok(!fs.existsSync(path.join(ws, '.cache')));
    });

    it('a run without --as-of is computed as of now and not cached', () => {
      const ws = workspace();
      const location = tempDir();
      const r = cli(['validate', ws, '--cache', '--cache-location', location]);
      assert.equal(r.stderr, '');
      assert.deepEqual(cacheFiles(location), []);
      assert.ok(cli(['validate', ws, '--cache', '--cache-location', location]).parsed > 0);
    });

    it('keeps the latest entry per command and options, so the file stays bounded', () => {
      const ws = workspace();
      const location = tempDir();
      for (const day of ['20', '21', '22', '23', '24']) cli(['validate', ws, '--as-of', `2026-11-${day}T12:00:00Z`, '--cache', '--cache-location', location]);
      const [name] = cacheFiles(location);
      const header = JSON.parse(fs.readFileSync(path.join(location, name), 'utf8').split('\n')[1]) as { entries: unknown[] };
      assert.equal(header.entries.length, 1);
      for (let i = 0; i < 12; i++) writeCacheEntry(path.join(location, name), { slot: `slot-${i}`, key: 'k', result: { code: 0, stdout: `${i}`, stderr: '' } });
      const after = JSON.parse(fs.readFileSync(path.join(location, name), 'utf8').split('\n')[1]) as { entries: unknown[] };
      assert.equal(after.entries.length, 8, 'at most 8 entries');
      assert.equal(readCacheEntry(path.join(location, name), 'slot-11')?.result.stdout, '11');
      assert.equal(readCacheEntry(path.join(location, name), 'slot-0'), undefined, 'the oldest went first');
    });
  });

  describe('the real program', () => {
    it('hashes the modules it runs from, once', () => {
      assert.match(programDigest(), /^[0-9a-f]{64}$/);
      assert.equal(programDigest(), programDigest());
    });

    it("a second process replays the first one's output and exit code (XDG_CACHE_HOME in a temporary folder)", () => {
      const ws = workspace();
      const xdg = tempDir();
      const main = path.resolve(__dirname, '../../../src/cli/main.js');
      const once = () =>
        spawnSync(process.execPath, [main, 'validate', ws, '--format', 'json', ...AS_OF, '--cache'], {
          encoding: 'utf8',
          env: { PATH: process.env.PATH, XDG_CACHE_HOME: xdg, HOME: tempDir() },
        });
      const miss = once();
      const [name] = cacheFiles(path.join(xdg, 'patchops'));
      const stored = fs.statSync(path.join(xdg, 'patchops', name));
      const hit = once();
      assert.equal(miss.status, 1, miss.stderr);
      assert.equal(hit.status, 1);
      assert.equal(hit.stdout, miss.stdout);
      assert.equal(hit.stderr, '');
      // A miss would have stored its result again (a new file renamed over the old one).
      assert.equal(fs.statSync(path.join(xdg, 'patchops', name)).ino, stored.ino, 'the second run was a hit');
      assert.deepEqual(cacheFiles(path.join(xdg, 'patchops')), [name]);
    });
  });

  describe('flags', () => {
    it('--cache is for validate, status, report and export; --cache-location needs --cache', () => {
      const ws = workspace();
      const imp = cli(['import', path.join(ws, 'x.json'), ws, '--cache']);
      assert.equal(imp.code, 2);
      assert.match(imp.stderr, /^patchops: --cache is not an option of import/);
      const enrich = cli(['enrich', ws, '--kev', 'k.json', '--cache']);
      assert.equal(enrich.code, 2);
      assert.match(enrich.stderr, /^patchops: --cache is not an option of enrich/);
      const alone = cli(['validate', ws, ...AS_OF, '--cache-location', tempDir()]);
      assert.equal(alone.code, 2);
      assert.equal(alone.stderr, 'patchops: --cache-location is used with --cache\n');
    });

    it('exit code 2 is never cached', () => {
      const location = tempDir();
      const ws = tempDir({ 'plans/a.plan.yaml': plan() }); // no patchops.yaml
      const r = cli(['validate', ws, ...AS_OF, '--cache', '--cache-location', location]);
      assert.equal(r.code, 2);
      assert.deepEqual(cacheFiles(location), []);
      const bad = workspace();
      const impossible = cli(['validate', bad, '--as-of', '2026-02-30', '--cache', '--cache-location', location]);
      assert.equal(impossible.code, 2);
      assert.deepEqual(cacheFiles(location), []);
    });
  });

  describe('with git review of approvals', function () {
    let repo: TempRepo;
    let env: NodeJS.ProcessEnv;
    let location: string;
    beforeEach(() => {
      repo = new TempRepo();
      env = repo.cliEnv;
      location = tempDir();
    });
    afterEach(() => repo.remove());

    const validate = () => cli(['validate', '--format', 'json', ...AS_OF, '--cache', '--cache-location', location], { cwd: repo.root, env });
    const approval = (r: Ran) =>
      (JSON.parse(r.stdout).diagnostics as { code: string; message: string }[]).filter((d) => d.code === 'exception.unverified').map((d) => d.message);

    it('a commit of the same bytes (the file unchanged, git state changed) is a miss: pending review, then verified', () => {
      writeWorkspace(repo);
      repo.write(EXCEPTION_FILE, exceptionText());
      repo.commit('bob@example.com', 'Request EXC-1');
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      const pending = validate();
      assert.match(approval(pending).join(), /pending review/);
      const again = validate();
      assert.equal(again.parsed, 0, 'the same git state: a hit');
      sameOutput(pending, again);

      repo.commit('carol@example.com', 'Approve EXC-1'); // the working tree is byte for byte the same
      const verified = validate();
      assert.ok(verified.parsed > 0, 'HEAD moved: a miss');
      assert.deepEqual(approval(verified), []);
      assert.equal(validate().parsed, 0);

      // A new commit touching the exception (someone else rewords it): a miss, unverified again.
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', reason: 'Reworded' }));
      repo.commit('bob@example.com', 'Reword EXC-1');
      const changed = validate();
      assert.ok(changed.parsed > 0);
      assert.match(approval(changed).join(), /changed after approval by bob@example.com/);
    });

    it('the git config is part of the state', () => {
      writeWorkspace(repo);
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      repo.commit('carol@example.com', 'Request and approve');
      validate();
      assert.equal(validate().parsed, 0);
      repo.git(['config', 'blame.date', 'iso']);
      assert.ok(validate().parsed > 0);
    });

    it("the state is read with the verifier's protections: nothing the repository configures runs", function () {
      skipOnWindows(this, 'the traps it sets for git are shell scripts');
      writeWorkspace(repo);
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      repo.commit('carol@example.com', 'Request and approve');
      const markers = path.join(repo.dir, 'markers');
      fs.mkdirSync(markers);
      const evil = (name: string) => {
        const file = path.join(repo.dir, 'evil', name);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, `#!/bin/sh\ntouch "${markers}/${name}"; cat\n`, { mode: 0o755 });
        return file;
      };
      repo.git(['config', 'core.fsmonitor', evil('fsmonitor')]);
      repo.git(['config', 'core.pager', evil('pager')]);
      repo.git(['config', 'core.hooksPath', path.dirname(evil('post-index-change'))]);
      const miss = validate();
      const hit = validate();
      assert.equal(hit.parsed, 0);
      sameOutput(miss, hit);
      assert.deepEqual(fs.readdirSync(markers), []);
    });

    it('signed approvals are never cached (keys and their expiry cannot be fingerprinted)', () => {
      writeWorkspace(repo, { signed: true });
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      repo.commit('carol@example.com', 'Request and approve');
      const first = validate();
      assert.ok(first.parsed > 0);
      assert.deepEqual(cacheFiles(location), []);
      const second = validate();
      assert.ok(second.parsed > 0);
      sameOutput(first, second);
    });

    it('without git review in the policies, git does not matter: commits do not make a miss', () => {
      writeWorkspace(repo, { review: false });
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      validate();
      repo.commit('carol@example.com', 'Request and approve');
      assert.equal(validate().parsed, 0);
    });
  });
});
