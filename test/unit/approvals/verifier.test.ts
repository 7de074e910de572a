import assert from 'node:assert/strict';
import type { ApprovalChecks } from '../../../src/core/approvals/approvalCheck';
import { evaluate } from '../../../src/core/evaluate';
import { assembleModel } from '../../../src/core/workspace/load';
import { verifyApprovals, verifyApprovalsSync, type VerifyOptions } from '../../../src/node/approvals';
import { readWorkspace } from '../../../src/node/workspaceFiles';
import { instant } from '../../support/workspace';
import { EXCEPTION_FILE, exceptionText, TempRepo, writeWorkspace } from './gitRepo';

const AS_OF = instant('2026-11-23T12:00:00Z', 'UTC');

function load(repo: TempRepo) {
  return assembleModel(readWorkspace(repo.root).files);
}

function verify(repo: TempRepo, options: Partial<VerifyOptions> = {}): ApprovalChecks {
  return verifyApprovalsSync(repo.root, load(repo), { trusted: true, env: repo.env, ...options });
}

function check(repo: TempRepo, options: Partial<VerifyOptions> = {}) {
  const c = verify(repo, options).get(EXCEPTION_FILE);
  assert.ok(c, 'a check for the exception file');
  return c;
}

/** Bob requests the exception in one commit; `approver` commits the approval block in the next. */
function requestAndApprove(repo: TempRepo, approver: string, committer = approver, o: { signingKey?: string } = {}) {
  writeWorkspace(repo, {});
  repo.write(EXCEPTION_FILE, exceptionText());
  const request = repo.commit('bob@example.com', 'Request EXC-1');
  repo.write(EXCEPTION_FILE, exceptionText({ approver }));
  const approval = repo.commit(committer, 'Approve EXC-1', o);
  return { request, approval };
}

describe('approvals: git review on real repositories', function () {
  this.timeout(30000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.remove());

  it('verified: the approver committed the approval block', () => {
    const { approval } = requestAndApprove(repo, 'carol@example.com');
    const c = check(repo);
    assert.equal(c.state, 'verified', c.reason);
    assert.deepEqual(c.commit, { commit: approval, author: 'carol@example.com', date: '2026-11-12T10:00:00.000Z', signature: 'unchecked' });
  });

  it('unverified: the requester committed an approval naming someone else', () => {
    const { approval } = requestAndApprove(repo, 'carol@example.com', 'bob@example.com');
    const c = check(repo);
    assert.equal(c.state, 'unverified');
    assert.equal(c.reason, `committed by bob@example.com in ${approval.slice(0, 7)}, not by the approver carol@example.com`);
    assert.equal(c.commit?.author, 'bob@example.com');
  });

  it('unverified: approved, then the approval block was edited by someone else', () => {
    requestAndApprove(repo, 'carol@example.com');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', approvedOn: '2026-11-22' }));
    const edit = repo.commit('bob@example.com', 'Move the approval date');
    const c = check(repo);
    assert.equal(c.state, 'unverified');
    assert.match(c.reason!, new RegExp(`^edited after approval by bob@example.com in ${edit.slice(0, 7)}`));
    assert.equal(c.commit?.commit, edit);
  });

  it('unverified: the exception was changed elsewhere after approval', () => {
    requestAndApprove(repo, 'carol@example.com');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', revisit: '2027-06-30' }));
    const edit = repo.commit('bob@example.com', 'Extend');
    const c = check(repo);
    assert.equal(c.state, 'unverified');
    assert.match(c.reason!, new RegExp(`^changed after approval by bob@example.com in ${edit.slice(0, 7)} \\(line 8\\)`));
  });

  it('verified again once the approver re-approves after a change', () => {
    requestAndApprove(repo, 'carol@example.com');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', reason: 'Vendor certifies builds twice a year' }));
    repo.commit('bob@example.com', 'Reword');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', approvedOn: '2026-11-22', reason: 'Vendor certifies builds twice a year' }));
    repo.commit('carol@example.com', 'Re-approve');
    assert.equal(check(repo).state, 'verified');
  });

  it('unverified: an approval that is not committed yet is pending review', () => {
    writeWorkspace(repo);
    repo.write(EXCEPTION_FILE, exceptionText());
    repo.commit('bob@example.com', 'Request');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    const c = check(repo);
    assert.equal(c.state, 'unverified');
    assert.match(c.reason!, /^pending review: commit it/);
    assert.equal(c.commit, undefined);
  });

  it('unverified: a new, untracked exception file (and a repository without commits)', () => {
    writeWorkspace(repo);
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    assert.match(check(repo).reason!, /^pending review: commit it/);
    repo.write('README.md', 'x');
    repo.commit('alice@example.com', 'Something else', { only: ['README.md'] });
    assert.match(check(repo).reason!, /^pending review: commit it/);
  });

  it('unverified: the approver who committed is not in an approver team', () => {
    requestAndApprove(repo, 'eve@example.com');
    const c = check(repo);
    assert.equal(c.state, 'unverified');
    assert.equal(c.reason, 'eve@example.com is not in an approver team');
    assert.equal(c.commit?.author, 'eve@example.com');
  });

  it('a .mailmap in the branch cannot turn the requester into the approver', () => {
    writeWorkspace(repo);
    repo.write(EXCEPTION_FILE, exceptionText());
    repo.commit('bob@example.com', 'Request');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    repo.write('.mailmap', 'Carol <carol@example.com> <bob@example.com>\n');
    fs.writeFileSync(`${repo.dir}/.mailmap`, 'Carol <carol@example.com> <bob@example.com>\n');
    repo.commit('bob@example.com', 'Approve (really bob)');
    assert.match(repo.git(['log', '-1', '--format=%aE']), /carol/); // git itself would say carol
    assert.equal(check(repo).state, 'unverified');
  });

  it('the workspace may be a folder of the repository, and the verdict follows the text given', () => {
    requestAndApprove(repo, 'carol@example.com');
    assert.equal(check(repo).state, 'verified');
    // The editor passes unsaved text through the model: changing the block there makes it pending.
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'dan@example.com' }));
    assert.match(check(repo).reason!, /^pending review/);
  });

  it('not a git repository, no git, or an untrusted workspace: unchecked, and nothing fails', () => {
    const plain = new TempRepo({ init: false });
    try {
      writeWorkspace(plain);
      plain.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      const c = verify(plain).get(EXCEPTION_FILE)!;
      assert.deepEqual(c, { state: 'unchecked', reason: 'the workspace is not in a git repository' });
      const e = evaluate(load(plain), { asOf: AS_OF, approvals: verify(plain) });
      assert.equal(e.exceptions[0].approval, 'unchecked');
      assert.equal(e.exceptions[0].effective, true);
    } finally {
      plain.remove();
    }
    requestAndApprove(repo, 'bob@example.com', 'bob@example.com');
    assert.deepEqual(check(repo, { trusted: false }), { state: 'unchecked', reason: 'the workspace is not trusted: git does not run in Restricted Mode' });
    assert.deepEqual(check(repo, { env: { ...repo.env, PATH: '/nonexistent' } }), { state: 'unchecked', reason: 'git is not installed (not found on PATH)' });
  });

  it('git review not required: git does not run and approvals stay unchecked', () => {
    writeWorkspace(repo, { review: false });
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    repo.commit('bob@example.com', 'All by bob');
    assert.equal(verify(repo, { gitPath: '/nonexistent/git' }).size, 0);
    const e = evaluate(load(repo), { asOf: AS_OF, approvals: verify(repo) });
    assert.equal(e.exceptions[0].approval, 'unchecked');
    assert.equal(e.exceptions[0].effective, true);
  });

  it('end to end: a verified exception changes scope and tier; an unverified one does not', async () => {
    requestAndApprove(repo, 'carol@example.com');
    const verified = evaluate(load(repo), { asOf: AS_OF, approvals: await verifyApprovals(repo.root, load(repo), { trusted: true, env: repo.env }) });
    assert.equal(verified.exceptions[0].approval, 'verified');
    assert.equal(verified.exceptions[0].state, 'active');
    assert.equal(verified.plans[0].impact, 'low');
    assert.equal(verified.plans[0].tier, 'high');
    assert.deepEqual(verified.plans[0].exemptedBy, ['EXC-1']);
    assert.ok(!verified.diagnostics.some((d) => d.code === 'exception.unverified'));

    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', revisit: '2026-12-20' }));
    repo.commit('bob@example.com', 'Extend quietly');
    const model = load(repo);
    const unverified = evaluate(model, { asOf: AS_OF, approvals: await verifyApprovals(repo.root, model, { trusted: true, env: repo.env }) });
    const e = unverified.exceptions[0];
    assert.equal(e.approval, 'unverified');
    assert.equal(e.state, 'invalid');
    assert.equal(e.effective, false);
    assert.equal(unverified.plans[0].impact, 'high');
    assert.equal(unverified.plans[0].tier, 'critical');
    assert.deepEqual(unverified.plans[0].exemptedBy, []);
    const d = unverified.diagnostics.find((x) => x.code === 'exception.unverified')!;
    assert.equal(d.file, EXCEPTION_FILE);
    assert.equal(d.severity, 'error');
    assert.equal(d.range.start.line, 9); // approved_by's value
    assert.match(d.message, /changed after approval by bob@example.com/);
  });

  describe('signed approvals (require_signed, SSH signatures)', () => {
    function signedWorkspace(signer: string | undefined, committer = 'carol@example.com') {
      writeWorkspace(repo, { signed: true });
      repo.write(EXCEPTION_FILE, exceptionText());
      repo.commit('bob@example.com', 'Request');
      repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      return repo.commit(committer, 'Approve', { signingKey: signer });
    }

    it('a commit signed by the approver with an allowed key is verified', () => {
      const carol = repo.sshKey('carol@example.com');
      const signers = repo.allowedSigners({ 'carol@example.com': carol });
      const commit = signedWorkspace(carol);
      const c = check(repo, { allowedSigners: signers });
      assert.equal(c.state, 'verified', c.reason);
      assert.equal(c.commit?.commit, commit);
      assert.equal(c.commit?.signature, 'good');
    });

    it('an unsigned commit is rejected', () => {
      const carol = repo.sshKey('carol@example.com');
      const commit = signedWorkspace(undefined);
      const c = check(repo, { allowedSigners: repo.allowedSigners({ 'carol@example.com': carol }) });
      assert.equal(c.state, 'unverified');
      assert.equal(c.commit?.signature, 'none');
      assert.equal(c.reason, `commit ${commit.slice(0, 7)} is not signed: the policy requires a signed approval commit (git commit -S)`);
    });

    it('a key that is not an allowed signer, or none configured, is rejected', () => {
      const carol = repo.sshKey('carol@example.com');
      const other = repo.sshKey('dan@example.com');
      signedWorkspace(carol);
      const wrong = check(repo, { allowedSigners: repo.allowedSigners({ 'carol@example.com': other }) });
      assert.equal(wrong.state, 'unverified');
      assert.notEqual(wrong.commit?.signature, 'good');
      const none = check(repo);
      assert.equal(none.state, 'unverified');
      assert.match(none.reason!, /cannot be checked: no SSH allowed signers are configured/);
    });

    it('bob signing a commit that claims carol as author is rejected', () => {
      const bob = repo.sshKey('bob@example.com');
      const carol = repo.sshKey('carol@example.com');
      signedWorkspace(bob);
      const c = check(repo, { allowedSigners: repo.allowedSigners({ 'carol@example.com': carol, 'bob@example.com': bob }) });
      assert.equal(c.state, 'unverified');
      assert.equal(c.commit?.signature, 'good');
      assert.match(c.reason!, /is signed by bob@example.com, not by the approver carol@example.com/);
    });
  });
});

import * as fs from 'fs';
