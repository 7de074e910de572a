// The snapshot reader: the workspace as committed at a commit is exactly what the disk reader
// reads from a checkout of that commit (same files, order, bytes and refusals), git runs nothing the
// repository configures, and an unchanged blob is read once.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DEFAULT_LIMITS } from '../../../src/core/parse/sourceDocument';
import {
  locateRepository,
  locateRepositorySync,
  firstParentChainSync,
  readSnapshot,
  readSnapshotSeriesSync,
  readSnapshotSync,
  resolveRevision,
  resolveRevisionSync,
  snapshotRawWorkspace,
  snapshotWorkspace,
  type BlobCache,
  type GitOptions,
} from '../../../src/node/gitSnapshots';
import { readWorkspaceBytes, type RawFile } from '../../../src/node/workspaceBytes';
import { readWorkspace } from '../../../src/node/workspaceFiles';
import { BASE, plan } from '../../support/workspace';
import { HistoryRepo, script } from './gitRepo';
import { describeOnPosix } from '../../support/platform';

function view(files: readonly RawFile[]): string[] {
  return files.map((f) => (f.refused !== undefined ? `${f.rel}: ${f.refused}` : `${f.rel} ${f.bytes.toString('base64')}`));
}

describeOnPosix('history: the snapshot reader', "its repositories' commits are made with git hooks and helpers written as shell scripts", function () {
  this.timeout(30000);
  let repo: HistoryRepo;
  let opts: GitOptions;
  beforeEach(() => {
    repo = new HistoryRepo();
    opts = { trusted: true, env: repo.env };
  });
  afterEach(() => repo.cleanup());

  function snapshot(commit: string, extra: { blobs?: BlobCache } = {}) {
    const r = readSnapshotSync(repo.dir, 'ws', commit, { ...opts, ...extra });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    return r;
  }

  it('reads the same files, in the same order, with the same bytes as the disk reader of that commit', () => {
    repo.write({
      ...BASE,
      'plans/a.plan.yaml': plan({ id: 'PLAN-A' }),
      'plans/a-b.plan.yaml': plan({ id: 'PLAN-AB' }),
      'plans/a/x.plan.yaml': plan({ id: 'PLAN-X' }),
      'plans/Z.plan.yml': plan({ id: 'PLAN-Z' }),
      'plans/notes.yaml': 'id: PLAN-9\nvulnerabilities: []\naffects: []\n', // a candidate: looks like a plan
      'plans/readme.md': '# not YAML\n',
      '.hidden/h.plan.yaml': plan({ id: 'PLAN-H' }),
      'node_modules/n.plan.yaml': plan({ id: 'PLAN-N' }),
      'sub/patchops.yaml': 'name: nested\n',
    });
    fs.writeFileSync(path.join(repo.dir, 'outside.plan.yaml'), plan({ id: 'PLAN-OUT' })); // beside the workspace, not in it
    const first = repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    const disk = readWorkspaceBytes(repo.root);

    // The working tree moves on: the snapshot still reads the commit.
    repo.write({ 'plans/a.plan.yaml': plan({ id: 'PLAN-A2' }), 'plans/new.plan.yaml': plan({ id: 'PLAN-NEW' }) });
    repo.remove('plans/a-b.plan.yaml');
    repo.commit('Second', { committed: '2026-11-03T10:00:00+00:00' });

    const raw = snapshotRawWorkspace(snapshot(first), repo.root);
    assert.deepEqual(view(raw.files), view(disk.files));
    assert.deepEqual(view(raw.candidates), view(disk.candidates));
    assert.equal(raw.hasSettings, true);
    assert.deepEqual(
      raw.files.map((f) => f.rel),
      ['groups.assets.yaml', 'patchops.yaml', 'plans/Z.plan.yml', 'plans/a', 'plans/a-b.plan.yaml', 'plans/a.plan.yaml', 'standard.sla.yaml'].flatMap((r) =>
        r === 'plans/a' ? ['plans/a/x.plan.yaml'] : [r],
      ),
    );

    // Parsed, it is the DiskWorkspace the disk reader gives (misnamed warnings included).
    const parsed = snapshotWorkspace(snapshot(first), repo.root);
    repo.git(['checkout', '-q', first]);
    const checkedOut = readWorkspace(repo.root);
    assert.deepEqual(parsed, checkedOut);
    assert.ok(parsed.misnamed.length > 0, 'the candidate that looks like a plan is warned about');
  });

  it('refuses what the disk reader refuses: a file above the size cap, and does not follow links', () => {
    const big = Buffer.alloc(DEFAULT_LIMITS.maxChars + 1, 0x61);
    repo.write({ ...BASE, 'plans/big.plan.yaml': big });
    fs.symlinkSync('../../outside.txt', path.join(repo.root, 'link.plan.yaml'));
    const commit = repo.commit('Big', { committed: '2026-11-02T10:00:00+00:00' });
    const disk = readWorkspaceBytes(repo.root);
    const files = snapshot(commit).files;
    const bigFile = files.find((f) => f.rel === 'plans/big.plan.yaml')!;
    assert.equal(bigFile.refused, disk.files.find((f) => f.rel === 'plans/big.plan.yaml')!.refused);
    assert.match(bigFile.refused!, /too large/i);
    assert.equal(files.find((f) => f.rel === 'link.plan.yaml')!.refused, 'not read: it is a symbolic link in the commit');
  });

  it('resolves revisions to commits with their author and committer dates, and refuses option-like ones', async () => {
    repo.write(BASE);
    const a = repo.commit('Settings', { authored: '2026-10-30T09:00:00-05:00', committed: '2026-11-02T10:00:00+01:00' });
    repo.git(['tag', 'v1']);
    const b = repo.commit('Second', { committed: '2026-11-03T10:00:00+00:00' });

    const head = resolveRevisionSync(repo.dir, 'HEAD~1', opts);
    assert.ok(head.ok, head.ok ? '' : head.reason);
    assert.deepEqual(head.info, {
      commit: a,
      committedAt: '2026-11-02T09:00:00.000Z',
      authoredAt: '2026-10-30T14:00:00.000Z',
      parents: [],
      subject: 'Settings',
    });
    const tag = await resolveRevision(repo.dir, 'v1', opts);
    assert.ok(tag.ok && tag.info.commit === a);
    const main = resolveRevisionSync(repo.dir, 'main', opts);
    assert.ok(main.ok && main.info.commit === b && main.info.parents[0] === a);

    const marker = path.join(repo.dir, 'written-by-git');
    for (const rev of ['--output=' + marker, '-h', '']) {
      const r = resolveRevisionSync(repo.dir, rev, opts);
      assert.equal(r.ok, false, rev);
    }
    assert.equal(fs.existsSync(marker), false);
    const missing = resolveRevisionSync(repo.dir, 'no-such-branch', opts);
    assert.deepEqual(missing, { ok: false, reason: 'no commit `no-such-branch` in this repository' });
  });

  it('locates the workspace in its repository and says when the folder did not exist at a commit', async () => {
    repo.git(['commit', '-q', '--allow-empty', '-m', 'Empty'], {
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.com',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.com',
    });
    const empty = repo.head();
    repo.write(BASE);
    repo.commit('Settings', { committed: '2026-11-02T10:00:00+00:00' });
    const place = locateRepositorySync(repo.root, opts);
    assert.deepEqual(place, { ok: true, repoRoot: repo.dir, workspaceRel: 'ws', shallow: false });
    assert.deepEqual(await locateRepository(repo.root, opts), place);
    const r = readSnapshotSync(repo.dir, 'ws', empty, opts);
    assert.deepEqual(r, { ok: false, reason: `the folder ws does not exist at commit ${empty.slice(0, 12)}` });
    assert.equal(readSnapshotSync(repo.dir, 'ws', 'HEAD', opts).ok, false, 'only full commit ids');
  });

  it('reads an unchanged blob once across commits, and the async reader reads the same', async () => {
    // A git that logs its arguments, outside the repository (one inside is refused).
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-history-bin-'));
    const log = path.join(bin, 'git-calls.log');
    const gitPath = script(path.join(bin, 'git'), `echo "$*" >> "${log}"\nexec git "$@"`);
    repo.write({ ...BASE, 'plans/a.plan.yaml': plan({ id: 'PLAN-A' }), 'plans/b.plan.yaml': plan({ id: 'PLAN-B' }) });
    const first = repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    repo.write({ 'plans/b.plan.yaml': plan({ id: 'PLAN-B2' }) });
    const second = repo.commit('Second', { committed: '2026-11-03T10:00:00+00:00' });

    const blobs: BlobCache = new Map();
    const calls = () =>
      fs.existsSync(log)
        ? fs
            .readFileSync(log, 'utf8')
            .split('\n')
            .filter((l) => / cat-file --batch$/.test(l)).length
        : 0;
    snapshot(first, { blobs });
    assert.ok(readSnapshotSync(repo.dir, 'ws', first, { ...opts, gitPath, blobs }).ok);
    assert.ok(fs.readFileSync(log, 'utf8').includes(' ls-tree '), 'the logging git ran');
    assert.equal(calls(), 0, 'every blob of the first commit is cached');
    assert.equal(blobs.size, 5);
    const again = readSnapshotSync(repo.dir, 'ws', second, { ...opts, gitPath, blobs });
    assert.ok(again.ok);
    assert.equal(calls(), 1);
    assert.equal(blobs.size, 6, 'only the changed plan was read');
    const async = await readSnapshot(repo.dir, 'ws', second, opts);
    assert.deepEqual(async, again);
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('a series along the first-parent chain reads what each commit read alone reads: merges, renames, deletions, commits outside the folder', () => {
    repo.write({ ...BASE, 'plans/a.plan.yaml': plan({ id: 'PLAN-A' }), 'plans/b.plan.yaml': plan({ id: 'PLAN-B' }) });
    repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write({ 'plans/f.plan.yaml': plan({ id: 'PLAN-F' }), 'plans/a.plan.yaml': plan({ id: 'PLAN-A', extra: 'status: cancelled' }) });
    repo.commit('Feature', { committed: '2026-11-03T10:00:00+00:00' });
    repo.git(['checkout', '-q', 'main']);
    fs.writeFileSync(path.join(repo.dir, 'README.md'), 'outside the workspace\n');
    repo.commit('Outside', { committed: '2026-11-04T10:00:00+00:00' });
    repo.git(['mv', 'ws/plans/b.plan.yaml', 'ws/plans/renamed.plan.yaml']);
    repo.commit('Rename', { committed: '2026-11-05T10:00:00+00:00' });
    repo.merge('feature', 'Merge', { committed: '2026-11-06T10:00:00+00:00' });
    repo.remove('plans/f.plan.yaml', 'groups.assets.yaml');
    repo.write({ '.hidden/x.plan.yaml': plan({ id: 'PLAN-X' }), 'notes/looks.yaml': 'id: PLAN-9\nvulnerabilities: []\n' });
    repo.commit('Delete', { committed: '2026-11-07T10:00:00+00:00' });

    const chain = firstParentChainSync(repo.dir, 'HEAD', opts);
    assert.ok(chain.ok);
    const ids = chain.commits.map((c) => c.commit).reverse();
    assert.equal(ids.length, 5);
    // Every commit, and points that repeat and skip commits.
    for (const commits of [ids, [ids[0], ids[0], ids[2], ids[4], ids[4]]]) {
      const series = readSnapshotSeriesSync(repo.dir, 'ws', commits, ids, opts);
      assert.ok(series?.ok, series && !series.ok ? series.reason : 'a series');
      assert.deepEqual(
        series.snapshots,
        commits.map((c) => {
          const alone = readSnapshotSync(repo.dir, 'ws', c, opts);
          assert.ok(alone.ok);
          const { ok, ...snapshot } = alone;
          return ok && snapshot;
        }),
      );
    }
    assert.equal(readSnapshotSeriesSync(repo.dir, 'ws', [ids[3], ids[1]], ids, opts), undefined, 'out of the chain’s order: not a series');
  });

  it('runs no hook, fsmonitor, filter or pager the repository configures, and nothing at all when untrusted', () => {
    repo.write({ ...BASE, 'plans/a.plan.yaml': plan() });
    const commit = repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    const markers = path.join(repo.dir, 'markers');
    fs.mkdirSync(markers);
    const evil = (name: string) => script(path.join(repo.dir, 'evil', name), `touch "${markers}/${name}"; cat`);
    repo.git(['config', 'core.fsmonitor', evil('fsmonitor')]);
    const hooks = path.join(repo.dir, 'evil-hooks');
    for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman'])
      script(path.join(hooks, hook), `touch "${markers}/hook-${hook}"`);
    repo.git(['config', 'core.hooksPath', hooks]);
    repo.git(['config', 'core.pager', evil('pager')]);
    repo.git(['config', 'filter.evil.smudge', evil('smudge')]);
    repo.git(['config', 'filter.evil.clean', evil('clean')]);
    repo.git(['config', 'core.sshCommand', evil('ssh')]);
    fs.writeFileSync(path.join(repo.root, '.gitattributes'), '*.yaml filter=evil\n');

    // The check can fail: plain git in this repository runs the repository's programs.
    repo.git(['status', '--short']);
    assert.ok(fs.readdirSync(markers).includes('fsmonitor'), 'plain git status runs the fsmonitor');
    for (const f of fs.readdirSync(markers)) fs.rmSync(path.join(markers, f));

    assert.ok(locateRepositorySync(repo.root, opts).ok);
    assert.ok(resolveRevisionSync(repo.dir, 'HEAD', opts).ok);
    assert.ok(readSnapshotSync(repo.dir, 'ws', commit, opts).ok);
    assert.deepEqual(fs.readdirSync(markers), []);

    const gitPath = evil('git');
    const untrusted = { ...opts, trusted: false, gitPath };
    const refusal = { ok: false, reason: 'the workspace is not trusted: PatchOps does not run git in it' };
    assert.deepEqual(locateRepositorySync(repo.root, untrusted), refusal);
    assert.deepEqual(resolveRevisionSync(repo.dir, 'HEAD', untrusted), refusal);
    assert.deepEqual(readSnapshotSync(repo.dir, 'ws', commit, untrusted), refusal);
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('refuses a git inside the repository', () => {
    repo.write(BASE);
    const commit = repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    const inside = script(path.join(repo.dir, 'tools', 'git'), 'exec git "$@"');
    const r = readSnapshotSync(repo.dir, 'ws', commit, { ...opts, gitPath: inside });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /inside the workspace or its repository/);
  });
});
