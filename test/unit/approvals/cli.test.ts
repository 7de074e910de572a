// The CLI computes approvals with git before it evaluates: validate, status and report show them.
import assert from 'node:assert/strict';
import * as path from 'path';
import { runCli } from '../../support/cli';
import { EXCEPTION_FILE, exceptionText, TempRepo, writeWorkspace } from './gitRepo';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];

describe('approvals: the CLI', function () {
  this.timeout(30000);
  let repo: TempRepo;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    repo = new TempRepo();
    env = repo.cliEnv;
  });
  afterEach(() => repo.remove());

  function approvedBy(committer: string): string {
    writeWorkspace(repo);
    repo.write(EXCEPTION_FILE, exceptionText());
    repo.commit('bob@example.com', 'Request EXC-1');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    return repo.commit(committer, 'Approve EXC-1');
  }

  it('an approval the requester committed: exception.unverified, "approval": "unverified", and the commit everywhere', () => {
    const commit = approvedBy('bob@example.com');
    const reason = `committed by bob@example.com in ${commit.slice(0, 7)}, not by the approver carol@example.com`;

    const validate = runCli(['validate', '--format', 'json', ...AS_OF], { cwd: repo.root, env });
    assert.equal(validate.code, 1);
    const diagnostics = JSON.parse(validate.stdout).diagnostics.filter((d: { code: string }) => d.code === 'exception.unverified');
    assert.deepEqual(diagnostics, [
      {
        file: EXCEPTION_FILE,
        line: 10,
        column: 16,
        endLine: 10,
        endColumn: 33,
        severity: 'error',
        code: 'exception.unverified',
        message: `approval by \`carol@example.com\` is not verified: ${reason}`,
      },
    ]);

    const report = JSON.parse(runCli(['report', '--format', 'json', ...AS_OF], { cwd: repo.root, env }).stdout);
    const e = report.exceptions[0];
    assert.equal(e.approval, 'unverified');
    assert.equal(e.state, 'invalid');
    assert.equal(e.effective, false);
    assert.equal(e.approvalDetail, reason);
    assert.deepEqual(e.approvalCommit, { commit, author: 'bob@example.com', date: '2026-11-12T10:00:00.000Z', signature: 'unchecked' });
    assert.equal(report.plans[0].tier, 'critical');

    const status = runCli(['status', ...AS_OF], { cwd: repo.root, env });
    assert.equal(status.code, 0);
    assert.match(status.stdout, /EXC-1 +invalid +not verified/);
    assert.ok(status.stdout.includes(`EXC-1  approval commit ${commit.slice(0, 12)} by bob@example.com, 2026-11-12 04:00`), status.stdout);
    assert.ok(status.stdout.includes(`EXC-1  not verified: ${reason}`), status.stdout);

    const md = runCli(['report', '--format', 'md', ...AS_OF], { cwd: repo.root, env }).stdout;
    assert.match(md, new RegExp(`\\*\\*Approval commit:\\*\\* ${commit.slice(0, 12)} by bob@example\\.com on 2026-11-12`));
    const html = runCli(['report', '--format', 'html', ...AS_OF], { cwd: repo.root, env }).stdout;
    assert.ok(html.includes(`<dt>Approval commit</dt><dd><span class="id">${commit.slice(0, 12)}</span>`));
  });

  it('an approval the approver committed: verified, effective, and the plan loses that scope', () => {
    const commit = approvedBy('carol@example.com');
    const validate = runCli(['validate', '--format', 'json', ...AS_OF], { cwd: repo.root, env });
    assert.ok(!JSON.parse(validate.stdout).diagnostics.some((d: { code: string }) => d.code.startsWith('exception.')));
    const report = JSON.parse(runCli(['report', '--format', 'json', ...AS_OF], { cwd: repo.root, env }).stdout);
    assert.equal(report.exceptions[0].approval, 'verified');
    assert.equal(report.exceptions[0].approvalCommit.commit, commit);
    assert.equal(report.plans[0].tier, 'high');
    assert.deepEqual(report.plans[0].exemptedBy, ['EXC-1']);
  });

  it('outside a git repository approvals stay unchecked and nothing fails', () => {
    const plain = new TempRepo({ init: false });
    try {
      writeWorkspace(plain);
      plain.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
      const validate = runCli(['validate', '--format', 'json', ...AS_OF], { cwd: plain.root, env });
      assert.equal(validate.code, 0, validate.stdout);
      const report = JSON.parse(runCli(['report', '--format', 'json', ...AS_OF], { cwd: plain.root, env }).stdout);
      assert.equal(report.exceptions[0].approval, 'unchecked');
      assert.equal(report.exceptions[0].approvalDetail, 'the workspace is not in a git repository');
      assert.equal(report.exceptions[0].approvalCommit, null);
    } finally {
      plain.remove();
    }
  });

  it('the samples (inside this project repository, no git review in their policies) report no unverified approvals', () => {
    const samples = path.join(__dirname, '..', '..', '..', '..', 'samples');
    const report = JSON.parse(runCli(['report', samples, '--format', 'json', ...AS_OF]).stdout);
    assert.ok(report.exceptions.length > 0);
    for (const e of report.exceptions) {
      assert.ok(e.approval === 'unchecked' || e.approval === 'missing', `${e.id}: ${e.approval}`);
      assert.equal(e.approvalCommit, null);
    }
    const validate = JSON.parse(runCli(['validate', samples, '--format', 'json', ...AS_OF]).stdout);
    assert.ok(!validate.diagnostics.some((d: { code: string }) => d.code === 'exception.unverified'));
  });
});
