// `patchops history` on real repositories built by the test: points read the first-parent chain
// by committer date (not author date, not a merged branch's own dates), renames and deletions,
// a policy change that moves a deadline, a commit whose files do not parse, a shallow clone, DST
// inside the range, and a repository whose config and hooks must not run.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { HistoryDocument } from '../../../src/core/history/historyModel';
import { readHistorySync, type HistoryOptions } from '../../../src/node/gitHistory';
import { runCli } from '../../support/cli';
import { BASE, POLICY, plan } from '../../support/workspace';
import { HistoryRepo, script } from './gitRepo';
import { describeOnPosix } from '../../support/platform';

const ms = (text: string) => Date.parse(text);

/** An approved exception for the pilot group (the plans affect payroll: it exempts nothing of theirs). */
const EXCEPTION = `id: EXC-1
vulnerabilities: [CVE-2026-0001]
groups: [pilot]
requested_by: bob@example.com
requested_on: 2026-11-19
reason: Vendor certifies builds quarterly
compensating_controls: [Lockdown mode]
revisit_on: 2026-12-15
approval:
  approved_by: carol@example.com
  approved_on: 2026-11-19
`;

const plansIn = (doc: HistoryDocument) => doc.points.map((p) => (p.kpis ? Object.values(p.kpis.plansByState).reduce((a, b) => a + (b ?? 0), 0) : null));

describeOnPosix('history: real repositories', "its repositories' commits are made with git hooks and helpers written as shell scripts", function () {
  this.timeout(60000);
  let repo: HistoryRepo;
  beforeEach(() => {
    repo = new HistoryRepo();
  });
  afterEach(() => repo.cleanup());

  function history(opts: Partial<HistoryOptions> & Pick<HistoryOptions, 'every' | 'range'>, dir = repo.root): HistoryDocument {
    const r = readHistorySync(dir, { trusted: true, env: repo.env, ...opts });
    assert.ok(r.ok, r.ok ? '' : r.reason);
    return r.history;
  }

  it('reads the first-parent chain by committer date: a merged branch counts when merged, a rebased commit when committed; weeks across DST', () => {
    repo.write({ ...BASE, 'plans/p1.plan.yaml': plan({ id: 'PLAN-1' }) });
    const m1 = repo.commit('Settings and PLAN-1', { committed: '2026-10-27T10:00:00+00:00' });
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write({ 'plans/p2.plan.yaml': plan({ id: 'PLAN-2' }) });
    const f1 = repo.commit('PLAN-2 on a branch', { committed: '2026-10-28T10:00:00+00:00' });
    repo.git(['checkout', '-q', 'main']);
    repo.write({ 'plans/p3.plan.yaml': plan({ id: 'PLAN-3' }) });
    // Written on Oct 29, committed (e.g. rebased) on Nov 5: it is on the branch from Nov 5.
    const m2 = repo.commit('PLAN-3', { authored: '2026-10-29T10:00:00+00:00', committed: '2026-11-05T10:00:00+00:00' });
    const m3 = repo.merge('feature', 'Merge feature', { committed: '2026-11-10T10:00:00+00:00' });

    // --since is a date without an offset: midnight in the workspace's zone (America/Chicago, CDT then).
    const r = runCli(['history', repo.root, '--every', 'week', '--since', '2026-10-27', '--until', '2026-11-12T00:00:00Z', '--format', 'json'], {
      env: repo.env,
    });
    assert.equal(r.code, 0, r.stderr);
    const doc = JSON.parse(r.stdout) as HistoryDocument;
    assert.deepEqual(
      doc.points.map((p) => [p.at, p.commit]),
      [
        ['2026-10-27T05:00:00.000Z', null], // before the first commit (10:00Z)
        ['2026-11-02T06:00:00.000Z', m1], // Monday 00:00 CST: DST ended on Nov 1; m2 authored before but committed after
        ['2026-11-09T06:00:00.000Z', m2], // the branch's own commit is older, but it was merged on Nov 10
        ['2026-11-12T00:00:00.000Z', m3],
      ],
    );
    assert.deepEqual(plansIn(doc), [null, 1, 2, 3]);
    assert.equal(doc.points[0].note, 'no commit yet');
    assert.equal(doc.points[0].diagnostics, null, 'no counts where nothing was read');
    assert.equal(doc.periods[0].breachesOpened, null, 'a period next to a point without KPIs is not counted');

    const commits = history({ every: 'commit', range: () => ({ until: ms('2026-12-01T00:00:00Z') }) });
    assert.deepEqual(
      commits.points.map((p) => p.commit),
      [m1, m2, m3],
      'each first-parent commit; not the branch commit',
    );
    assert.ok(!commits.points.some((p) => p.commit === f1));
    assert.deepEqual(
      commits.points.map((p) => p.at),
      ['2026-10-27T10:00:00.000Z', '2026-11-05T10:00:00.000Z', '2026-11-10T10:00:00.000Z'],
    );
  });

  function buildRetrospective(): string[] {
    repo.write({ ...BASE, 'plans/p1.plan.yaml': plan({ id: 'PLAN-1' }), 'exceptions/e1.exception.yaml': EXCEPTION });
    const c1 = repo.commit('PLAN-1 and EXC-1', { committed: '2026-11-20T10:00:00+00:00' }); // due 2026-11-22 15:00 CST
    const c2 = repo.commit('Nothing changed', { committed: '2026-11-23T00:00:00+00:00' }); // breached now
    repo.git(['mv', 'ws/plans/p1.plan.yaml', 'ws/plans/moved.plan.yaml']);
    const c3 = repo.commit('Rename', { committed: '2026-11-23T12:00:00+00:00' });
    repo.write({ 'standard.sla.yaml': POLICY.replace('critical: { within: 72h }', 'critical: { within: 30d }') });
    const c4 = repo.commit('Critical within 30 days', { committed: '2026-11-24T12:00:00+00:00' });
    repo.remove('exceptions/e1.exception.yaml');
    const c5 = repo.commit('EXC-1 no longer needed', { committed: '2026-11-25T12:00:00+00:00' });
    return [c1, c2, c3, c4, c5];
  }

  it('a rename keeps a plan, a policy change that moves the deadline closes its breach, a deleted exception is retired', () => {
    const commits = buildRetrospective();
    const doc = history({ every: 'commit', range: () => ({ until: ms('2026-11-26T00:00:00Z') }) });
    assert.deepEqual(
      doc.points.map((p) => p.commit),
      commits,
    );
    assert.deepEqual(
      doc.points.map((p) => p.kpis?.openBreaches),
      [0, 1, 1, 0, 0],
    );
    assert.deepEqual(
      doc.periods.map((p) => [p.breachesOpened, p.breachesClosed]),
      [
        [1, 0],
        [0, 0], // the rename: the same plan, still breached
        [0, 1], // the policy moved the deadline
        [0, 0],
      ],
    );
    assert.deepEqual(
      doc.points.map((p) => p.kpis?.exceptionsByState.active ?? 0),
      [1, 1, 1, 1, 0],
    );
    assert.deepEqual(doc.wins, {
      from: '2026-11-20T10:00:00.000Z',
      to: '2026-11-25T12:00:00.000Z',
      plansMet: [],
      fastest: null,
      breachesClosed: ['PLAN-1'],
      exceptionsRetired: ['EXC-1'],
    });
  });

  it('carrying parsed files and the evaluator over gives the same history as evaluating every point from nothing, reading each blob once', () => {
    buildRetrospective();
    const bin = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-history-bin-'));
    const log = path.join(bin, 'calls.log');
    const gitPath = script(path.join(bin, 'git'), `echo "$*" >> "${log}"\nexec git "$@"`);
    const batches = () =>
      fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter((l) => / cat-file --batch$/.test(l)).length;
    const range = () => ({ until: ms('2026-11-26T00:00:00Z') });
    const carried = history({ every: 'commit', range, gitPath });
    const carriedBatches = batches();
    const carriedCalls = fs.readFileSync(log, 'utf8').trimEnd().split('\n');
    fs.rmSync(log);
    const fresh = history({ every: 'commit', range, gitPath, fresh: true });
    assert.deepEqual(carried, fresh);
    // HEAD (for the zone) and five commits: from nothing, every blob is read at each; carried
    // over, the five are one series: one ls-tree, one log of the changes, one batch of blobs.
    assert.equal(batches(), 6);
    assert.equal(carriedBatches, 2);
    assert.deepEqual(
      carriedCalls.map((line) => line.split(' ').find((w) => /^[a-z][a-z-]+$/.test(w) && !w.startsWith('-'))),
      // where, HEAD, its log, the first-parent chain; HEAD's files (the zone); the series: the first
      // point's files, the changes after it, the new blobs' sizes, their contents.
      ['rev-parse', 'rev-parse', 'log', 'log', 'ls-tree', 'cat-file', 'ls-tree', 'log', 'cat-file', 'cat-file'],
    );
    fs.rmSync(bin, { recursive: true, force: true });
  });

  it('a commit whose files do not parse shows its error count, and KPIs from what can be read', () => {
    repo.write({ ...BASE, 'plans/p1.plan.yaml': plan({ id: 'PLAN-1' }), 'plans/p2.plan.yaml': plan({ id: 'PLAN-2' }) });
    repo.commit('Two plans', { committed: '2026-11-20T10:00:00+00:00' });
    repo.write({ 'plans/p2.plan.yaml': 'id: PLAN-2\nvulnerabilities: [unclosed\n' });
    const broken = repo.commit('Broken YAML', { committed: '2026-11-21T10:00:00+00:00' });
    repo.write({ 'plans/p2.plan.yaml': plan({ id: 'PLAN-2' }) });
    repo.commit('Fixed', { committed: '2026-11-21T12:00:00+00:00' });
    const doc = history({ every: 'commit', range: () => ({ until: ms('2026-11-22T00:00:00Z') }) });
    const point = doc.points.find((p) => p.commit === broken)!;
    assert.ok(point.diagnostics!.errors >= 1, JSON.stringify(point.diagnostics));
    assert.ok(point.kpis, 'KPIs still computed');
    assert.equal(point.kpis.unknownDeadlines, 1, 'the unreadable plan stays listed, with no deadline');
    assert.deepEqual(
      doc.points.map((p) => p.diagnostics?.errors),
      [0, point.diagnostics!.errors, 0],
    );
  });

  it('a shallow clone says what history is missing; points beyond its boundary have no KPIs', () => {
    repo.write({ ...BASE, 'plans/p1.plan.yaml': plan({ id: 'PLAN-1' }) });
    repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    repo.write({ 'plans/p2.plan.yaml': plan({ id: 'PLAN-2' }) });
    repo.commit('Second', { committed: '2026-11-10T10:00:00+00:00' });
    repo.write({ 'plans/p3.plan.yaml': plan({ id: 'PLAN-3' }) });
    const last = repo.commit('Third', { committed: '2026-11-18T10:00:00+00:00' });
    const cloneDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-history-clone-')));
    repo.git(['clone', '-q', '--depth', '1', `file://${repo.dir}`, path.join(cloneDir, 'c')]);
    const clone = new HistoryRepo(path.join(cloneDir, 'c'));
    try {
      const r = runCli(['history', clone.root, '--every', 'week', '--since', '2026-11-02T06:00:00Z', '--until', '2026-11-20T00:00:00Z', '--format', 'json'], {
        env: clone.env,
      });
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(r.stdout) as HistoryDocument;
      assert.equal(doc.missing, `this clone is shallow: the history before commit ${last.slice(0, 12)} (2026-11-18T10:00:00.000Z) is missing`);
      assert.deepEqual(plansIn(doc), [null, null, null, 3]);
      assert.equal(doc.points[1].note, 'before the shallow clone’s boundary: not in this clone');
      const text = runCli(['history', clone.root, '--every', 'week', '--since', '2026-11-02T06:00:00Z', '--until', '2026-11-20T00:00:00Z'], { env: clone.env });
      assert.match(text.stdout, /Missing history: this clone is shallow/);
    } finally {
      fs.rmSync(cloneDir, { recursive: true, force: true });
    }
  });

  it('runs no hook or fsmonitor the repository configures, and no git when untrusted', () => {
    repo.write({ ...BASE, 'plans/p1.plan.yaml': plan() });
    repo.commit('First', { committed: '2026-11-02T10:00:00+00:00' });
    const markers = path.join(repo.dir, 'markers');
    fs.mkdirSync(markers);
    const evil = (name: string) => script(path.join(repo.dir, 'evil', name), `touch "${markers}/${name}"; cat`);
    repo.git(['config', 'core.fsmonitor', evil('fsmonitor')]);
    const hooks = path.join(repo.dir, 'evil-hooks');
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction']) script(path.join(hooks, hook), `touch "${markers}/hook-${hook}"`);
    repo.git(['config', 'core.hooksPath', hooks]);
    repo.git(['config', 'core.pager', evil('pager')]);
    repo.git(['status', '--short']);
    assert.ok(fs.readdirSync(markers).includes('fsmonitor'), 'plain git status runs the fsmonitor');
    for (const f of fs.readdirSync(markers)) fs.rmSync(path.join(markers, f));

    const r = runCli(['history', repo.root, '--every', 'commit', '--format', 'json'], { env: repo.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as HistoryDocument).points.length, 1);
    assert.deepEqual(fs.readdirSync(markers), []);
    const untrusted = readHistorySync(repo.root, { trusted: false, env: repo.env, every: 'month', range: () => ({ until: 0 }) });
    assert.deepEqual(untrusted, { ok: false, reason: 'the workspace is not trusted: PatchOps does not run git in it' });
  });

  it('outside a repository: a precise message and exit 2; text, CSV and HTML render the same points', () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-history-plain-'));
    try {
      const r = runCli(['history', plain], { env: { ...repo.env, GIT_CEILING_DIRECTORIES: path.dirname(plain) } });
      assert.equal(r.code, 2);
      assert.match(r.stderr, /^patchops: history: .* is not in a git repository with a working tree/);
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
    buildRetrospective();
    const args = ['history', repo.root, '--every', 'commit', '--until', '2026-11-26T00:00:00Z'];
    const text = runCli(args, { env: repo.env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^Test org — history, each commit, 2026-11-20 04:00 \(-06:00\) to 2026-11-25 18:00 \(-06:00\)\n/);
    assert.match(text.stdout, /breaches closed: 1: PLAN-1/);
    const csv = runCli([...args, '--format', 'csv'], { env: repo.env });
    const rows = csv.stdout.trimEnd().split('\r\n');
    assert.equal(rows.length, 6);
    assert.equal(rows[0].split(',')[8], 'openBreaches');
    assert.deepEqual(
      rows.slice(1).map((row) => row.split(',')[8]),
      ['0', '1', '1', '0', '0'],
    );
    const html = runCli([...args, '--format', 'html'], { env: repo.env });
    assert.match(html.stdout, /<h2 id="h-trends">Trends/);
    assert.match(html.stdout, /<h2 id="h-wins">Wins/);
    assert.ok(!/style=|<script/i.test(html.stdout), 'no inline style or script under the strict CSP');
  });
});
