// `patchops diff BASE [HEAD] [DIR]` in real repositories built by the test: commits at fixed dates
// by named people, branches, renames and deletions made with git itself.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';
import { DEADLINE_CODES, type WorkspaceDiff } from '../../../src/core/diff/workspaceDiff';
import { DIAGNOSTIC_CODES } from '../../../src/core/model/diagnosticCodes';
import type { DiagnosticCode } from '../../../src/core/model/diagnostic';
import { isDeadlineCode } from '../../../src/cli/failOn';
import { runCli } from '../../support/cli';
import { plan } from '../../support/workspace';
import { EXCEPTION_FILE, exceptionText, policy, TempRepo, writeWorkspace } from '../approvals/gitRepo';
import { script } from '../history/gitRepo';

// The plan (critical: payroll has high impact; testing passed 2026-11-19 15:00 CST) is due 2026-11-22 15:00 CST under 72h.
const AS_OF = ['--as-of', '2026-11-21T12:00:00Z'];
const TIGHTER = (review = true) => policy({ review }).replace('critical: { within: 72h }', 'critical: { within: 24h }');

describe('cli: diff', function () {
  this.timeout(60000);
  let repo: TempRepo;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    repo = new TempRepo();
    env = repo.cliEnv;
  });
  afterEach(() => repo.remove());

  const diff = (args: string[], cwd = repo.root) => runCli(['diff', ...args], { cwd, env });
  const json = (args: string[]): WorkspaceDiff => {
    const r = diff([...args, '--format', 'json', ...AS_OF]);
    assert.equal(r.stderr, '');
    return JSON.parse(r.stdout) as WorkspaceDiff;
  };

  /** main: the workspace; feature: the policy tightened (72h → 24h for critical) and the plan file renamed. */
  function policyBranch(): { main: string; feature: string } {
    writeWorkspace(repo, { review: false });
    const main = repo.commit('alice@example.com', 'Workspace');
    repo.git(['checkout', '-q', '-b', 'feature']);
    repo.write('standard.sla.yaml', TIGHTER(false));
    repo.git(['mv', 'ws/plans/p.plan.yaml', 'ws/plans/payroll.plan.yaml']);
    const feature = repo.commit('alice@example.com', 'Tighter SLA; plan renamed');
    return { main, feature };
  }

  it('a policy change that moves the deadline, on a branch with a renamed plan: one plan, moved, its deadline and state old → new, a new breach', () => {
    const { main, feature } = policyBranch();
    const d = json(['main', 'feature']);
    assert.deepEqual([d.base.label, d.base.commit, d.head.label, d.head.commit], ['main', main, 'feature', feature]);
    assert.equal(d.asOf, '2026-11-21T12:00:00.000Z');
    assert.equal(d.plans.length, 1);
    const [c] = d.plans;
    assert.deepEqual(c.changed, ['file', 'deadline', 'state']);
    assert.deepEqual([c.base!.file, c.head!.file], ['plans/p.plan.yaml', 'plans/payroll.plan.yaml']);
    assert.deepEqual([c.base!.deadline, c.head!.deadline], ['2026-11-22T21:00:00.000Z', '2026-11-20T21:00:00.000Z']);
    assert.deepEqual([c.base!.state, c.head!.state], ['on_track', 'breached']);
    assert.deepEqual(c.causes, ['moved from plans/p.plan.yaml', 'policy standard: tiers changed']);
    assert.deepEqual(
      d.newBreaches.map((p) => [p.id, p.file]),
      [['PLAN-1', 'plans/payroll.plan.yaml']],
    );
    assert.deepEqual([d.base.kpis.openBreaches, d.head.kpis.openBreaches], [0, 1]);
  });

  it('--fail-on new-breach: exit 1 with a new breach, 0 without; the output is the same', () => {
    policyBranch();
    const gated = diff(['main', 'feature', '--fail-on', 'new-breach', ...AS_OF]);
    assert.equal(gated.code, 1);
    assert.equal(diff(['main', 'feature', ...AS_OF]).stdout, gated.stdout);
    assert.equal(diff(['main', 'feature', ...AS_OF]).code, 0);
    // The other way round the breach is closed: nothing new, the gate passes.
    assert.equal(diff(['feature', 'main', '--fail-on', 'new-breach', ...AS_OF]).code, 0);
  });

  it('HEAD left out is the working tree as on disk, uncommitted edits included', () => {
    policyBranch();
    repo.git(['checkout', '-q', 'main']);
    assert.deepEqual(json(['main']).plans, []);
    repo.write('standard.sla.yaml', TIGHTER(false));
    const d = json(['main']);
    assert.equal(d.head.label, 'working tree');
    assert.equal(d.head.commit, null);
    assert.deepEqual(
      d.newBreaches.map((p) => p.id),
      ['PLAN-1'],
    );
  });

  it('BASE and a folder: the working tree of that folder; with three words the second is HEAD', () => {
    policyBranch();
    repo.git(['checkout', '-q', 'main']);
    repo.write('standard.sla.yaml', TIGHTER(false));
    const fromAbove = runCli(['diff', 'main', 'ws', '--format', 'json', ...AS_OF], { cwd: repo.dir, env });
    assert.equal(fromAbove.code, 0, fromAbove.stderr);
    const d = JSON.parse(fromAbove.stdout) as WorkspaceDiff;
    assert.equal(d.head.label, 'working tree');
    assert.deepEqual(
      d.newBreaches.map((p) => p.id),
      ['PLAN-1'],
    );
    const three = JSON.parse(runCli(['diff', 'main', 'feature', 'ws', '--format', 'json', ...AS_OF], { cwd: repo.dir, env }).stdout) as WorkspaceDiff;
    assert.equal(three.head.label, 'feature');
    // A second word that is no folder is HEAD.
    const notFolder = runCli(['diff', 'main', 'no-such', ...AS_OF], { cwd: repo.root, env });
    assert.deepEqual([notFolder.code, notFolder.stderr], [2, "patchops: HEAD 'no-such': no commit `no-such` in this repository\n"]);
  });

  it('text and md: the same words; md is ready for a pull-request comment', () => {
    policyBranch();
    const text = diff(['main', 'feature', ...AS_OF]);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^main \([0-9a-f]{12}\) → feature \([0-9a-f]{12}\) — both as of 2026-11-21 06:00 \(-06:00\)\n\n1 new breach\n/);
    assert.match(text.stdout, /PLAN-1 \(moved\) +Critical +On track → Breached +2026-11-22 15:00 \(-06:00\) → 2026-11-20 15:00 \(-06:00\) +Test plan/);
    const md = diff(['main', 'feature', '--format', 'md', ...AS_OF]);
    assert.match(md.stdout, /^## PatchOps: main \([0-9a-f]{12}\) → feature \([0-9a-f]{12}\)\n/);
    assert.match(
      md.stdout,
      /\| PLAN-1 \(moved\) \| Test plan \| Critical \| On track → Breached \| 2026-11-22 15:00 \(-06:00\) → 2026-11-20 15:00 \(-06:00\) \| moved from plans/,
    );
  });

  it('a deleted exception: removed, and the plan it exempted is back under its deadline', () => {
    writeWorkspace(repo, { review: false });
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    repo.commit('bob@example.com', 'Exception');
    repo.git(['rm', '-q', `ws/${EXCEPTION_FILE}`]);
    repo.commit('bob@example.com', 'Exception withdrawn');
    const d = json(['HEAD~1', 'HEAD']);
    assert.deepEqual(
      d.exceptions.map((c) => [c.id, c.change, c.base!.file]),
      [['EXC-1', 'removed', EXCEPTION_FILE]],
    );
    assert.deepEqual(d.plans[0].causes, ['no longer exempted by EXC-1']);
  });

  it('an approval added in a later commit, by the approver: listed as verified with its commit; the exception becomes effective', () => {
    writeWorkspace(repo, { review: true });
    repo.write(EXCEPTION_FILE, exceptionText());
    const requested = repo.commit('bob@example.com', 'Request EXC-1');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    const approved = repo.commit('carol@example.com', 'Approve EXC-1');
    const d = json([requested, approved]);
    assert.deepEqual(
      d.approvalsAdded.map((a) => [a.exception, a.approvedBy, a.approval, a.commit]),
      [['EXC-1', 'carol@example.com', 'verified', approved]],
    );
    assert.deepEqual(d.exceptions[0].becomes, ['effective', 'active', 'approval_verified']);
    assert.equal(d.exceptions[0].base!.approval, 'missing');
  });

  it('approvals at BASE are reviewed against the history up to BASE, not HEAD', () => {
    // At BASE carol committed her approval (verified). Then bob rewrote the approval's lines: at HEAD
    // they are his, so HEAD's review says unverified — which must not leak into BASE's.
    writeWorkspace(repo, { review: true });
    repo.write(EXCEPTION_FILE, exceptionText());
    repo.commit('bob@example.com', 'Request EXC-1');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    const base = repo.commit('carol@example.com', 'Approve EXC-1');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', approvedOn: '2026-11-22' }));
    repo.commit('bob@example.com', 'Reformat');
    const d = json([base, 'HEAD']);
    const [c] = d.exceptions;
    assert.equal(c.base!.approval, 'verified');
    assert.equal(c.base!.commit, base);
    assert.equal(c.head!.approval, 'unverified');
    assert.deepEqual(c.becomes, ['not_effective', 'invalid', 'approval_unverified']);
    assert.deepEqual(
      d.approvalsAdded.map((a) => [a.approvedBy, a.approval]),
      [['carol@example.com', 'unverified']],
    ); // the approval changed (its date): listed, with HEAD's verdict
  });

  it('files that do not parse at a side: their error counts and a note, never a crash', () => {
    writeWorkspace(repo, { review: false });
    repo.write('plans/broken.plan.yaml', 'id: [unclosed\n');
    repo.commit('alice@example.com', 'Broken plan');
    repo.write('plans/broken.plan.yaml', plan({ id: 'PLAN-2' }));
    repo.commit('alice@example.com', 'Fixed');
    const r = diff(['HEAD~1', 'HEAD', ...AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /HEAD~1: 1 error in the files; plans are computed from what could be read/);
    const d = json(['HEAD~1', 'HEAD']);
    assert.deepEqual([d.base.diagnostics.fileErrors, d.head.diagnostics.fileErrors], [1, 0]);
    // A plan whose id cannot be read goes by its file's name: at HEAD it has an id, so it is another plan.
    assert.deepEqual(
      d.plans.map((c) => [c.id, c.change]),
      [
        ['plans/broken.plan.yaml', 'removed'],
        ['PLAN-2', 'added'],
      ],
    );
  });

  it('a base without the workspace folder (the branch that adds it): every plan is new', () => {
    fs.writeFileSync(path.join(repo.dir, 'README'), 'x\n');
    repo.commit('alice@example.com', 'Empty');
    writeWorkspace(repo, { review: false });
    repo.commit('alice@example.com', 'Workspace');
    const d = json(['HEAD~1', 'HEAD']);
    assert.equal(d.base.absent, true);
    assert.deepEqual(
      d.plans.map((c) => c.change),
      ['added'],
    );
    assert.match(diff(['HEAD~1', 'HEAD', ...AS_OF]).stdout, /HEAD~1 has no workspace here: every plan and exception is new/);
  });

  it('a revision that does not exist, an option for a revision, a head without the workspace, no repository: one line, exit 2', () => {
    writeWorkspace(repo, { review: false });
    repo.commit('alice@example.com', 'Workspace');
    const none = diff(['no-such-branch', ...AS_OF]);
    assert.deepEqual([none.code, none.stdout, none.stderr], [2, '', "patchops: BASE 'no-such-branch': no commit `no-such-branch` in this repository\n"]);
    const option = diff(['main', '--output=/tmp/x', ...AS_OF]);
    assert.equal(option.code, 2);
    const dash = diff([...AS_OF, '--', '-x']);
    assert.deepEqual([dash.code, dash.stderr], [2, "patchops: BASE '-x': `-x` is not a revision (it starts with `-`)\n"]);
    fs.writeFileSync(path.join(repo.dir, 'README'), 'x\n');
    repo.git(['rm', '-q', '-r', 'ws']);
    repo.commit('alice@example.com', 'Workspace gone');
    writeWorkspace(repo, { review: false }); // on disk again, not committed
    const gone = diff(['HEAD~1', 'HEAD', ...AS_OF]);
    assert.equal(gone.code, 2);
    assert.match(gone.stderr, /^patchops: no patchops\.yaml in '\.' at HEAD \([0-9a-f]{12}\): nothing to compare \[workspace\.missing\]\n$/);
    const outside = fs.mkdtempSync(path.join(repo.dir, '..', 'patchops-norepo-'));
    try {
      const noRepo = diff(['main', 'HEAD', outside, ...AS_OF]);
      assert.equal(noRepo.code, 2);
      assert.match(noRepo.stderr, /^patchops: diff compares git revisions: .* is not in a git repository/);
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('a shallow clone without BASE says so, and how to get it', () => {
    writeWorkspace(repo, { review: false });
    const first = repo.commit('alice@example.com', 'Workspace');
    repo.write('standard.sla.yaml', TIGHTER(false));
    repo.commit('alice@example.com', 'Tighter');
    const clone = path.join(repo.dir, 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone], { env: repo.env, stdio: 'ignore' });
    const r = diff([first, 'HEAD', ...AS_OF], path.join(clone, 'ws'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchops: BASE '[0-9a-f]{40}': no commit `[0-9a-f]{40}` in this repository; this clone is shallow, .*fetch-depth: 0/);
  });

  it('runs no hook or fsmonitor the repository configures', () => {
    policyBranch();
    const markers = path.join(repo.dir, 'markers');
    fs.mkdirSync(markers);
    const evil = (name: string) => script(path.join(repo.dir, 'evil', name), `touch "${markers}/${name}"; cat`);
    repo.git(['config', 'core.fsmonitor', evil('fsmonitor')]);
    const hooks = path.join(repo.dir, 'evil-hooks');
    for (const hook of ['post-checkout', 'post-index-change', 'reference-transaction', 'fsmonitor-watchman'])
      script(path.join(hooks, hook), `touch "${markers}/hook-${hook}"`);
    repo.git(['config', 'core.hooksPath', hooks]);
    repo.git(['config', 'core.pager', evil('pager')]);
    // The check can fail: plain git here runs the repository's fsmonitor.
    repo.git(['status', '--short']);
    assert.ok(fs.readdirSync(markers).includes('fsmonitor'));
    for (const f of fs.readdirSync(markers)) fs.rmSync(path.join(markers, f));

    assert.equal(diff(['main', 'feature', ...AS_OF]).code, 0);
    assert.equal(diff(['main', ...AS_OF]).code, 0);
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('usage: BASE is required, one folder, diff takes its own flags only', () => {
    const cases: [string[], RegExp][] = [
      [[], /diff needs the revision to compare with: patchops diff BASE \[HEAD\] \[DIR\]/],
      [['a', 'b', 'c', 'd'], /unexpected argument 'd': diff takes BASE, HEAD and one folder/],
      [['main', '--format', 'html'], /unknown format 'html' for diff: use text, md, json/],
      [['main', '--fail-on', 'error'], /unknown --fail-on 'error' for diff: use never, new-breach/],
      [['main', '--out', 'x.md'], /--out is not an option of diff: diff takes --as-of, --format, --fail-on/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(['diff', ...args], { cwd: repo.root, env });
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  it("the deadline codes the diff leaves out of a side's file errors are exactly the --fail-on gates' deadline errors", () => {
    const codes = Object.keys(DIAGNOSTIC_CODES) as DiagnosticCode[];
    assert.deepEqual(
      codes.filter((c) => DEADLINE_CODES.has(c)),
      codes.filter((c) => isDeadlineCode(c)),
    );
  });
});
