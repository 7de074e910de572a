// The branches and tags Compare with Branch… offers (src/node/gitRefs.ts), in a real repository.
import assert from 'node:assert/strict';
import { listBranchesAndTags } from '../../../src/node/gitRefs';
import { TempRepo, writeWorkspace } from '../approvals/gitRepo';

describe('diff: the branches and tags to compare with', function () {
  this.timeout(30000);
  let repo: TempRepo;
  beforeEach(() => (repo = new TempRepo()));
  afterEach(() => repo.remove());

  it('branches first, then tags, each most recent first, with full names and commits', async () => {
    writeWorkspace(repo);
    const first = repo.commit('alice@example.com', 'One');
    repo.git(['tag', 'v1']);
    repo.git(['checkout', '-q', '-b', 'feature/x']);
    repo.write('notes.plan.yaml', 'id: [');
    const second = repo.commit('alice@example.com', 'Two');
    repo.git(['tag', '-a', '-m', 'release', 'v2'], {
      GIT_COMMITTER_NAME: 'Carol',
      GIT_COMMITTER_EMAIL: 'carol@example.com',
      GIT_COMMITTER_DATE: '2026-11-13T10:00:00+00:00',
    });
    const r = await listBranchesAndTags(repo.dir, repo.root, { trusted: true, env: repo.env });
    assert.ok(r.ok, !r.ok ? r.reason : '');
    assert.deepEqual(
      r.refs.map((x) => [x.kind, x.name, x.ref, x.commit]),
      [
        ['branch', 'feature/x', 'refs/heads/feature/x', second],
        ['branch', 'main', 'refs/heads/main', first],
        ['tag', 'v2', 'refs/tags/v2', r.refs[2].commit], // an annotated tag: the tag object's id
        ['tag', 'v1', 'refs/tags/v1', first],
      ],
    );
  });

  it('untrusted: refused without running git', async () => {
    const r = await listBranchesAndTags(repo.dir, repo.root, { trusted: false, gitPath: '/nonexistent/git' });
    assert.deepEqual(r, { ok: false, reason: 'the workspace is not trusted: PatchOps does not run git in Restricted Mode' });
  });
});
