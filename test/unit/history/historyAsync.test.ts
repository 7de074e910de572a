// `readHistory` (async, the extension host) and `readHistorySync` (the CLI) are one implementation
// with two drivers: on the same real repository they give the same history, carried over or from
// nothing, each period; they fail the same way; and an untrusted workspace runs no git in either.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { readHistory, readHistorySync, type HistoryOptions } from '../../../src/node/gitHistory';
import { BASE, POLICY, plan } from '../../support/workspace';
import { HistoryRepo, script } from './gitRepo';
import { describeOnPosix } from '../../support/platform';

const ms = (text: string) => Date.parse(text);

describeOnPosix(
  'history: the async reader equals the sync one',
  "its repositories' commits are made with git hooks and helpers written as shell scripts",
  function () {
    this.timeout(60000);
    let repo: HistoryRepo;
    beforeEach(() => {
      repo = new HistoryRepo();
    });
    afterEach(() => repo.cleanup());

    function build(): void {
      repo.write({ ...BASE, 'plans/p1.plan.yaml': plan({ id: 'PLAN-1' }) });
      repo.commit('Settings and PLAN-1', { committed: '2026-10-20T10:00:00+00:00' });
      repo.write({ 'plans/p2.plan.yaml': plan({ id: 'PLAN-2' }) });
      repo.commit('PLAN-2', { committed: '2026-11-03T10:00:00+00:00' });
      repo.write({ 'standard.sla.yaml': POLICY.replace('critical: { within: 72h }', 'critical: { within: 24h }') });
      assert.ok(POLICY.includes('critical: { within: 72h }'), 'the policy change changes something');
      repo.commit('Tighter critical SLA', { committed: '2026-11-12T10:00:00+00:00' });
      repo.remove('plans/p1.plan.yaml');
      repo.write({ 'plans/p3.plan.yaml': 'id: [unclosed\n' });
      repo.commit('PLAN-1 gone, PLAN-3 broken', { committed: '2026-11-20T10:00:00+00:00' });
    }

    for (const every of ['commit', 'week', 'month'] as const)
      for (const fresh of [false, true])
        it(`every ${every}, ${fresh ? 'from nothing' : 'carried over'}: the same document`, async () => {
          build();
          const opts: HistoryOptions = {
            trusted: true,
            env: repo.env,
            every,
            fresh,
            range: () => ({ since: ms('2026-10-01T00:00:00Z'), until: ms('2026-11-25T00:00:00Z') }),
          };
          const sync = readHistorySync(repo.root, opts);
          const async = await readHistory(repo.root, opts);
          assert.ok(sync.ok, sync.ok ? '' : sync.reason);
          assert.ok(sync.history.points.filter((p) => p.kpis !== null).length >= 2, 'points with KPIs: a real history');
          assert.deepEqual(async, sync);
        });

    it('fails the same way: not a repository, no commits yet', async () => {
      const range = () => ({ until: ms('2026-11-25T00:00:00Z') });
      const outside = fs.mkdtempSync(path.join(repo.dir, '..', 'patchops-not-a-repo-'));
      try {
        const opts: HistoryOptions = { trusted: true, env: { ...repo.env, GIT_CEILING_DIRECTORIES: path.dirname(outside) }, every: 'month', range };
        const sync = readHistorySync(outside, opts);
        assert.equal(sync.ok, false);
        assert.deepEqual(await readHistory(outside, opts), sync);
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
      const empty: HistoryOptions = { trusted: true, env: repo.env, every: 'month', range };
      const sync = readHistorySync(repo.root, empty);
      assert.equal(sync.ok, false);
      assert.deepEqual(await readHistory(repo.root, empty), sync);
    });

    it('untrusted: neither runs git (a git wrapper on PATH would leave a marker)', async () => {
      build();
      const marker = path.join(repo.dir, '..', `patchops-git-ran-${process.pid}`);
      const bin = fs.mkdtempSync(path.join(repo.dir, '..', 'patchops-bin-'));
      try {
        script(path.join(bin, 'git'), `echo ran >> '${marker}'\nexit 1`);
        const opts: HistoryOptions = {
          trusted: false,
          env: { ...repo.env, PATH: `${bin}${path.delimiter}${repo.env.PATH}` },
          every: 'month',
          range: () => ({ until: ms('2026-11-25T00:00:00Z') }),
        };
        const refusal = { ok: false, reason: 'the workspace is not trusted: PatchOps does not run git in it' };
        assert.deepEqual(readHistorySync(repo.root, opts), refusal);
        assert.deepEqual(await readHistory(repo.root, opts), refusal);
        assert.equal(fs.existsSync(marker), false, 'no git ran');
      } finally {
        fs.rmSync(bin, { recursive: true, force: true });
        fs.rmSync(marker, { force: true });
      }
    });
  },
);
