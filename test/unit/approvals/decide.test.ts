// The pure parts of git review: parsing git's output, aligning lines, finding the approval block,
// and the verdict from facts — no git needed.
import assert from 'node:assert/strict';
import { approvalCommitOf, decideApproval, otherCommits, type ApprovalFacts } from '../../../src/core/approvals/decide';
import { mapLines, editorLines, gitLines } from '../../../src/core/approvals/lineMap';
import { logFormat, parseBlamePorcelain, parseConfigZ, parseLog, parseLsTree, type CommitFacts } from '../../../src/core/approvals/porcelain';
import { approvalBlock, approvalRequests, gitReviewRequired, type ApprovalRequest } from '../../../src/core/approvals/requests';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { GROUPS, SETTINGS, plan } from '../../support/workspace';
import { exceptionText, policy } from './gitRepo';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

describe('approvals: git output parsers', () => {
  it('parses blame porcelain: lines, commits, boundaries and content', () => {
    const text = [
      `${A} 1 1 2`,
      'author Bob',
      'author-mail <bob@example.com>',
      'author-time 1795435958',
      'author-tz +0000',
      'summary Request',
      'boundary',
      'filename x.exception.yaml',
      '\tid: EXC-1',
      `${A} 2 2`,
      '\tgroups: [payroll]',
      `${B} 3 3 1`,
      'author Carol',
      'author-mail <carol@example.com>',
      'author-time 1795435999',
      'summary 1234 5678 90',
      `previous ${A} x.exception.yaml`,
      'filename x.exception.yaml',
      '\tapproval:',
      '',
    ].join('\n');
    const blame = parseBlamePorcelain(text);
    assert.deepEqual(blame.lines, [
      { line: 1, commit: A },
      { line: 2, commit: A },
      { line: 3, commit: B },
    ]);
    assert.deepEqual(blame.content, ['id: EXC-1', 'groups: [payroll]', 'approval:']);
    assert.deepEqual(blame.commits.get(A), { commit: A, author: 'Bob', authorMail: 'bob@example.com', authorTime: 1795435958, boundary: true });
    assert.equal(blame.commits.get(B)?.boundary, false);
  });

  it('parses log records, ls-tree and config output', () => {
    const log = `${A}\x1fCarol\x1fcarol@example.com\x1f2026-11-21T09:00:00-06:00\x1f1795435999\x1fG\x1fcarol@example.com\x1fSHA256:k\x1e\n${B}\x1fBob\x1fbob@example.com\x1f2026-11-20T10:00:00+00:00\x1f1795435000\x1e\n`;
    const facts = parseLog(log);
    assert.deepEqual(facts.get(A), {
      commit: A,
      authorName: 'Carol',
      authorEmail: 'carol@example.com',
      authorDate: '2026-11-21T15:00:00.000Z',
      committerTime: 1795435999,
      signature: 'G',
      signer: 'carol@example.com',
      key: 'SHA256:k',
    });
    assert.equal(facts.get(B)?.signature, '');
    assert.match(logFormat(true), /%G\?/);
    assert.doesNotMatch(logFormat(false), /%G/);
    assert.deepEqual([...parseLsTree(`100644 blob ${A}\tws/a b.exception.yaml\x00040000 tree ${B}\tws\x00`)], [['ws/a b.exception.yaml', A]]);
    assert.deepEqual(
      [...parseConfigZ('gpg.ssh.allowedSignersFile\n/home/c/signers\x00gpg.program\ngpg2\x00')],
      [
        ['gpg.ssh.allowedsignersfile', '/home/c/signers'],
        ['gpg.program', 'gpg2'],
      ],
    );
  });

  it('aligns the current text with the committed one line by line', () => {
    assert.deepEqual(mapLines(['a', 'b', 'c'], ['a', 'b', 'c']), [0, 1, 2]);
    assert.deepEqual(mapLines(['a', 'x', 'c'], ['a', 'b', 'c']), [0, null, 2]);
    assert.deepEqual(mapLines(['a', 'new', 'b', 'c'], ['a', 'b', 'c']), [0, null, 1, 2]);
    assert.deepEqual(mapLines(['a', 'c'], ['a', 'b', 'c']), [0, 1 + 1]);
    assert.deepEqual(mapLines(['x', 'a', 'y', 'b', 'z'], ['a', 'q', 'b']), [null, 0, null, 2, null]);
    assert.deepEqual(mapLines(['a'], []), [null]);
    assert.deepEqual(editorLines('\uFEFFa\r\nb\rc\n'), ['a', 'b', 'c', '']);
    assert.deepEqual(gitLines('a\r\nb\n'), ['a', 'b', '']);
  });
});

describe('approvals: what is checked', () => {
  const files = (exc: string, o: { review?: boolean; signed?: boolean } = {}) =>
    assembleModel([
      loadFile('patchops.yaml', SETTINGS),
      loadFile('standard.sla.yaml', policy(o)),
      loadFile('groups.assets.yaml', GROUPS),
      loadFile('p.plan.yaml', plan()),
      loadFile('e.exception.yaml', exc),
    ]);

  it('finds the approval block: from its key to its last line, in block and flow style', () => {
    const block = files(exceptionText({ approver: 'carol@example.com' })).exceptions[0];
    assert.deepEqual(approvalBlock(block), { start: 8, end: 10 });
    const withNotes = files(exceptionText({ approver: 'carol@example.com' }) + '  notes: |\n    line one\n    line two\n\n').exceptions[0];
    assert.deepEqual(approvalBlock(withNotes), { start: 8, end: 13 });
    const flow = files(exceptionText().replace('revisit_on', 'approval: { approved_by: carol@example.com, approved_on: 2026-11-21 }\nrevisit_on'))
      .exceptions[0];
    assert.deepEqual(approvalBlock(flow), { start: 7, end: 7 });
  });

  it('requests one check per approved exception, with its policy and approvers', () => {
    const model = files(exceptionText({ approver: 'carol@example.com' }), { signed: true });
    assert.equal(gitReviewRequired(model), true);
    const [r] = approvalRequests(model);
    assert.equal(r.file, 'e.exception.yaml');
    assert.equal(r.approver, 'carol@example.com');
    assert.equal(r.requester, 'bob@example.com');
    assert.deepEqual(r.approvers, ['carol@example.com', 'dan@example.com']);
    assert.equal(r.requireSigned, true);
    assert.equal(gitReviewRequired(files(exceptionText(), { review: false })), false);
    assert.deepEqual(approvalRequests(files(exceptionText())), []); // pending: nothing to verify
  });
});

describe('approvals: the verdict', () => {
  const request: ApprovalRequest = {
    file: 'e.exception.yaml',
    exceptionId: 'EXC-1',
    approver: 'carol@example.com',
    requester: 'bob@example.com',
    approvers: ['carol@example.com', 'dan@example.com'],
    requireSigned: false,
    text: 'id: EXC-1\nreason: x\napproval:\n  approved_by: carol@example.com\n  approved_on: 2026-11-21\n',
    block: { start: 2, end: 4 },
  };
  const commit = (c: string, email: string, time: number, signature = '', signer = ''): CommitFacts => ({
    commit: c,
    authorName: email,
    authorEmail: email,
    authorDate: new Date(time * 1000).toISOString(),
    committerTime: time,
    signature,
    signer,
    key: '',
  });
  const commits = new Map([
    [A, commit(A, 'bob@example.com', 100)],
    [B, commit(B, 'Carol@Example.com', 200, 'G', 'carol@example.com')],
    [C, commit(C, 'bob@example.com', 300)],
  ]);
  const facts = (origins: (string | null)[], more: Partial<ApprovalFacts> = {}): ApprovalFacts => ({ origins: [...origins, null], commits, ...more });

  it('verified: every block line by the approver, the rest seen by them', () => {
    const f = facts([A, A, B, B, B]);
    assert.equal(approvalCommitOf(request, f), B);
    assert.deepEqual(otherCommits(request, f.origins), [A]);
    const c = decideApproval(request, f);
    assert.equal(c.state, 'verified');
    assert.deepEqual(c.commit, { commit: B, author: 'Carol@Example.com', date: '1970-01-01T00:03:20.000Z', signature: 'unchecked' });
  });

  it('unverified, each with its reason', () => {
    const reason = (origins: (string | null)[], more: Partial<ApprovalFacts> = {}, r: Partial<ApprovalRequest> = {}) =>
      decideApproval({ ...request, ...r }, facts(origins, more)).reason;
    assert.match(reason([A, A, B, null, B])!, /^pending review: commit it \(the approval block/);
    assert.match(reason([A, null, B, B, B])!, /^pending review: commit it \(line 2 /);
    assert.equal(reason([A, A, A, A, A]), 'committed by bob@example.com in aaaaaaa, not by the approver carol@example.com');
    assert.match(reason([A, A, B, C, B])!, /^edited after approval by bob@example.com in ccccccc/);
    assert.match(reason([A, A, B, A, B])!, /^line 4 of the approval block was last changed by bob@example.com in aaaaaaa/);
    assert.match(reason([C, A, B, B, B], { unseen: new Set([C]) })!, /^changed after approval by bob@example.com in ccccccc \(line 1\)/);
    assert.match(reason([A, A, B, B, B], { shallowBoundaries: new Set([B]) })!, /^git history is shallow/);
    assert.equal(reason([A, A, B, B, B], {}, { approvers: ['dan@example.com'] }), 'carol@example.com is not in an approver team');
    assert.equal(reason([A, A, B, B, B], {}, { requester: 'carol@example.com' }), 'carol@example.com requested this exception and cannot approve it');
  });

  it('signatures: good from the approver only; none, bad and unknown keys are rejected', () => {
    const signed = { ...request, requireSigned: true };
    const with_ = (signature: string, signer = 'carol@example.com', more: Partial<ApprovalFacts> = {}) =>
      decideApproval(signed, {
        origins: [A, A, B, B, B, null],
        commits: new Map([
          [A, commits.get(A)!],
          [B, commit(B, 'carol@example.com', 200, signature, signer)],
        ]),
        ...more,
      });
    assert.equal(with_('G').state, 'verified');
    assert.equal(with_('G').commit?.signature, 'good');
    assert.equal(with_('G', 'Carol <carol@example.com>').state, 'verified'); // a GPG user id
    assert.match(with_('G', 'bob@example.com').reason!, /signed by bob@example.com, not by the approver/);
    assert.deepEqual(
      [with_('N').commit?.signature, with_('N').reason],
      ['none', 'commit bbbbbbb is not signed: the policy requires a signed approval commit (git commit -S)'],
    );
    assert.deepEqual([with_('B').state, with_('B').commit?.signature], ['unverified', 'bad']);
    assert.match(with_('E').reason!, /cannot be checked/);
    assert.match(with_('U', '', { signersProblem: 'no SSH allowed signers are configured' }).reason!, /cannot be checked: no SSH allowed signers/);
    for (const s of ['U', 'X', 'Y', 'R']) assert.equal(with_(s).state, 'unverified', s);
  });
});
