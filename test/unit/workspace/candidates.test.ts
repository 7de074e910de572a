// The other YAML files of a workspace on disk, as the editor lists and reads them: the same walk
// and skip rules as PatchOps files, and the same refusals, which end in no warning.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findListedFiles, findListedFilesAsync, findWorkspaceFiles, readWorkspaceCandidate } from '../../../src/node/workspaceFiles';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';
import { skipOnWindows } from '../../support/platform';

const tempDir = tempDirs('candidates');

describe('workspace candidates on disk', () => {
  it("the editor's listing without blocking finds what the CLI's finds: links, loops, a link outside, an unreadable folder", async () => {
    const outside = tempDir({ 'o.plan.yaml': plan() });
    const dir = tempDir({ ...BASE, 'a/one.plan.yaml': plan(), 'b/two.plan.yaml': plan(), 'b/c.yml': 'x: 1\n', 'locked/x.plan.yaml': plan() });
    fs.symlinkSync('../b', path.join(dir, 'a', 'to-b'));
    fs.symlinkSync('../a', path.join(dir, 'b', 'to-a'));
    fs.symlinkSync(outside, path.join(dir, 'outside'));
    fs.symlinkSync('a/one.plan.yaml', path.join(dir, 'linked.plan.yaml'));
    fs.chmodSync(path.join(dir, 'locked'), 0o000);
    try {
      for (const withCandidates of [false, true]) {
        const steps: number[] = [];
        const later = await findListedFilesAsync(dir, withCandidates, (work) => (steps.push(1), work()));
        assert.deepEqual(later, findListedFiles(dir, withCandidates));
        assert.ok(
          later.some((f) => f.rel === 'linked.plan.yaml' && f.realFolder === undefined),
          'a link is read the careful way',
        );
        assert.ok(later.some((f) => f.rel === 'a/one.plan.yaml' && f.realFolder !== undefined));
        assert.ok(!later.some((f) => f.rel.startsWith('outside/')));
        assert.ok(steps.length > 3, 'the work runs in stretches, one folder at a time');
      }
    } finally {
      fs.chmodSync(path.join(dir, 'locked'), 0o755);
    }
  });

  it('findWorkspaceFiles lists them only when asked, in walk order, skipping the same folders', () => {
    const dir = tempDir({
      ...BASE,
      'plans/a.plan.yaml': plan(),
      'plans/b.yaml': plan(),
      'compose.yml': 'services: {}\n',
      'sub/patchops.yaml': 'name: nested\n',
      'notes.txt': 'plans',
      'x.plan.yaml.bak': plan(),
      '.github/workflows/ci.yml': 'jobs: {}\n',
      'node_modules/p/x.yaml': plan(),
      '.hidden/x.yaml': plan(),
    });
    assert.deepEqual(findWorkspaceFiles(dir), ['groups.assets.yaml', 'patchops.yaml', 'plans/a.plan.yaml', 'standard.sla.yaml']);
    const all = ['compose.yml', 'groups.assets.yaml', 'patchops.yaml', 'plans/a.plan.yaml', 'plans/b.yaml', 'standard.sla.yaml'];
    assert.deepEqual(findWorkspaceFiles(dir, true), all);
  });

  it('readWorkspaceCandidate: the warning for a misnamed file; none for one it refuses to read', function () {
    skipOnWindows(this, 'it makes a symbolic link, which Windows allows only to administrators');
    const outside = tempDir({ 'plan.yaml': plan() });
    const dir = tempDir({ 'plans/b.yaml': plan(), 'big.yaml': `${plan()}#${'x'.repeat(200)}\n` });
    fs.symlinkSync(path.join(outside, 'plan.yaml'), path.join(dir, 'linked.yaml'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.yaml')]).status, 0, 'mkfifo is part of coreutils');
    assert.equal(readWorkspaceCandidate(dir, 'plans/b.yaml')?.code, 'workspace.misnamed');
    assert.equal(readWorkspaceCandidate(dir, 'big.yaml')?.code, 'workspace.misnamed');
    assert.equal(readWorkspaceCandidate(dir, 'big.yaml', 100), undefined, 'over the cap: not read');
    assert.equal(readWorkspaceCandidate(dir, 'linked.yaml'), undefined, 'a link outside the workspace is not read');
    assert.equal(readWorkspaceCandidate(dir, 'fifo.yaml'), undefined);
    assert.equal(readWorkspaceCandidate(dir, 'gone.yaml'), undefined);
  });
});
