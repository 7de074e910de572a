// The verifier runs git on content someone else may control: nothing the repository configures
// may run, and no git found inside the workspace is used.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { assembleModel } from '../../../src/core/workspace/load';
import { verifyApprovals, verifyApprovalsSync, type VerifyOptions } from '../../../src/node/approvals';
import { gitEnvironment } from '../../../src/node/gitRunner';
import { readWorkspace } from '../../../src/node/workspaceFiles';
import { EXCEPTION_FILE, exceptionText, TempRepo, writeWorkspace } from './gitRepo';
import { describeOnPosix } from '../../support/platform';

function check(repo: TempRepo, options: Partial<VerifyOptions> = {}) {
  const model = assembleModel(readWorkspace(repo.root).files);
  return verifyApprovalsSync(repo.root, model, { trusted: true, env: repo.env, ...options }).get(EXCEPTION_FILE)!;
}

function script(file: string, body: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}

/** Carol approves (signed), then the approval is edited in the working tree (so git has work to do). */
function approvedRepo(repo: TempRepo): { signers: string; approval: string } {
  const key = repo.sshKey('carol@example.com');
  const signers = repo.allowedSigners({ 'carol@example.com': key });
  writeWorkspace(repo, { signed: true });
  repo.write(EXCEPTION_FILE, exceptionText());
  repo.commit('bob@example.com', 'Request');
  repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
  const approval = repo.commit('carol@example.com', 'Approve', { signingKey: key });
  return { signers, approval };
}

describeOnPosix('approvals: git cannot run what the repository configures', 'the traps it sets for git are shell scripts', function () {
  this.timeout(30000);
  let repo: TempRepo;
  beforeEach(() => {
    repo = new TempRepo();
  });
  afterEach(() => repo.remove());

  it('fsmonitor, hooks, pagers, filters, textconv, gpg programs and ssh commands never run', () => {
    const { signers, approval } = approvedRepo(repo);
    const markers = path.join(repo.dir, 'markers');
    fs.mkdirSync(markers);
    const evil = (name: string) => script(path.join(repo.dir, 'evil', name), `touch "${markers}/${name}"; cat`);
    repo.git(['config', 'core.fsmonitor', evil('fsmonitor')]);
    const hooks = path.join(repo.dir, 'evil-hooks');
    for (const hook of ['pre-commit', 'post-checkout', 'post-index-change', 'reference-transaction', 'pre-auto-gc', 'fsmonitor-watchman']) {
      script(path.join(hooks, hook), `touch "${markers}/hook-${hook}"`);
    }
    repo.git(['config', 'core.hooksPath', hooks]);
    repo.git(['config', 'core.pager', evil('pager')]);
    repo.git(['config', 'diff.external', evil('external-diff')]);
    repo.git(['config', 'filter.evil.clean', evil('clean')]);
    repo.git(['config', 'filter.evil.smudge', evil('smudge')]);
    repo.git(['config', 'diff.evil.textconv', evil('textconv')]);
    repo.git(['config', 'gpg.program', evil('gpg')]);
    repo.git(['config', 'gpg.ssh.program', evil('ssh-keygen')]);
    repo.git(['config', 'gpg.ssh.allowedSignersFile', signers]);
    repo.git(['config', 'core.sshCommand', evil('ssh')]);
    // Honoured, this would blame the approval's lines on bob's request commit.
    fs.writeFileSync(path.join(repo.dir, 'ignore-revs'), `${approval}\n`);
    repo.git(['config', 'blame.ignoreRevsFile', path.join(repo.dir, 'ignore-revs')]);
    fs.writeFileSync(path.join(repo.root, '.gitattributes'), '*.yaml filter=evil diff=evil\n');
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com', approvedOn: '2026-11-22' }));

    // The checks must be able to fail: plain git in this repository runs the repository's programs.
    repo.git(['status', '--short']);
    const fromStatus = fs.readdirSync(markers).sort();
    assert.ok(fromStatus.includes('fsmonitor'), `plain git status ran: ${fromStatus.join(', ')}`);
    repo.git(['-c', 'user.name=x', '-c', 'user.email=x@example.com', 'commit', '--allow-empty', '-q', '-m', 'probe']);
    assert.ok(fs.readdirSync(markers).includes('hook-pre-commit'), 'plain git commit runs the hooks');
    repo.git(['reset', '-q', '--soft', 'HEAD~1']);
    for (const f of fs.readdirSync(markers)) fs.rmSync(path.join(markers, f));

    // The verifier: it works (and checks the signature with the trusted ssh-keygen) and runs none of them.
    const c = check(repo, { allowedSigners: signers });
    assert.equal(c.state, 'unverified');
    assert.match(c.reason!, /^pending review: commit it/);
    repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
    const verified = check(repo, { allowedSigners: signers });
    assert.equal(verified.state, 'verified', verified.reason);
    assert.equal(verified.commit?.signature, 'good');
    assert.deepEqual(fs.readdirSync(markers), []);
  });

  it('the async form runs nothing either', async () => {
    approvedRepo(repo);
    const marker = path.join(repo.dir, 'fsmonitor-ran');
    repo.git(['config', 'core.fsmonitor', script(path.join(repo.dir, 'evil', 'fsm'), `touch "${marker}"`)]);
    const model = assembleModel(readWorkspace(repo.root).files);
    const checks = await verifyApprovals(repo.root, model, { trusted: true, env: repo.env });
    assert.equal(checks.get(EXCEPTION_FILE)?.state, 'unverified'); // signed, but no allowed signers given
    assert.equal(fs.existsSync(marker), false);
    repo.git(['status']);
    assert.equal(fs.existsSync(marker), true);
  });

  it('a git inside the workspace is never run', () => {
    approvedRepo(repo);
    const marker = path.join(repo.dir, 'fake-git-ran');
    const fake = script(path.join(repo.root, 'bin', 'git'), `touch "${marker}"; exit 0`);
    const realPath = repo.env.PATH ?? '';
    // Listed first on PATH: skipped for the real git further on.
    const c = check(repo, { env: { ...repo.env, PATH: `${path.dirname(fake)}${path.delimiter}.${path.delimiter}${realPath}` } });
    assert.equal(c.state, 'unverified');
    assert.match(c.reason!, /cannot be checked|not trusted|signer/); // the real git ran: the check is about signatures
    // The only git on PATH, or named explicitly: refused.
    const only = check(repo, { env: { ...repo.env, PATH: path.dirname(fake) } });
    assert.deepEqual([only.state, /^refusing to run .*bin\/git: the only git on PATH is inside the workspace/.test(only.reason!)], ['unverified', true]);
    const named = check(repo, { gitPath: fake });
    assert.equal(named.state, 'unverified');
    assert.match(named.reason!, /^refusing to run/);
    // A relative PATH entry (".") is ignored, even when the workspace is the current folder.
    const relative = check(repo, { env: { ...repo.env, PATH: '.' } });
    assert.equal(relative.state, 'unchecked');
    assert.equal(fs.existsSync(marker), false);
  });

  it('a git that hangs is stopped by the timeout, and nothing is verified', () => {
    approvedRepo(repo);
    const outside = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-slow-git-')));
    try {
      const slow = script(path.join(outside, 'git'), 'sleep 5');
      // The answer names the timeout: a git that was waited for to the end would answer otherwise.
      const c = check(repo, { gitPath: slow, timeoutMs: 300 });
      assert.deepEqual(c, { state: 'unverified', reason: 'git did not answer within 0.3 s' });
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('GIT_DIR and friends from the environment do not redirect the verifier', () => {
    const env = gitEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/x',
      GIT_DIR: '/elsewhere/.git',
      GIT_WORK_TREE: '/elsewhere',
      GIT_CONFIG_PARAMETERS: "'core.fsmonitor'='x'",
      GIT_SSH_COMMAND: 'x',
      GIT_CONFIG_GLOBAL: '/home/x/.gitconfig',
    });
    assert.equal(env.GIT_DIR, undefined);
    assert.equal(env.GIT_WORK_TREE, undefined);
    assert.equal(env.GIT_CONFIG_PARAMETERS, undefined);
    assert.equal(env.GIT_SSH_COMMAND, undefined);
    assert.equal(env.GIT_CONFIG_GLOBAL, '/home/x/.gitconfig');
    assert.equal(env.GIT_TERMINAL_PROMPT, '0');
    assert.equal(env.GIT_NO_REPLACE_OBJECTS, '1');

    requestAndApproveByCarol(repo);
    const other = new TempRepo();
    try {
      assert.equal(check(repo, { env: { ...repo.env, GIT_DIR: path.join(other.dir, '.git') } }).state, 'verified');
    } finally {
      other.remove();
    }
  });
});

function requestAndApproveByCarol(repo: TempRepo): void {
  writeWorkspace(repo);
  repo.write(EXCEPTION_FILE, exceptionText());
  repo.commit('bob@example.com', 'Request');
  repo.write(EXCEPTION_FILE, exceptionText({ approver: 'carol@example.com' }));
  repo.commit('carol@example.com', 'Approve');
}
