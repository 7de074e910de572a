// Without DIR, the workspace is the nearest folder from the current one upward with a
// patchops.yaml, as git finds a repository (docs/cli.md#options).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';

const AS_OF = '2026-11-23T12:00:00Z';
const tempDir = tempDirs('discovery');
const PLAN = 'id: PLAN-1\ntitle: Outer\nowner: it-ops\nvalidator: infosec\nvulnerabilities: [{ id: CVE-2026-1, severity: low }]\naffects: [workstations]\n';

describe('cli: the workspace is found upward', () => {
  it('from a folder deep inside it, every command finds it; an explicit DIR is used as given', () => {
    const root = tempDir({ 'ops/deep/er/.keep': '' });
    const ws = path.join(root, 'ops');
    assert.equal(runCli(['init', ws, '--name', 'Outer']).code, 0);
    fs.writeFileSync(path.join(ws, 'plans.plan.yaml'), PLAN);
    const cwd = path.join(ws, 'deep', 'er');
    const status = runCli(['status', '--as-of', AS_OF], { cwd });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^Outer — as of/);
    assert.match(status.stdout, /PLAN-1/);
    assert.equal(runCli(['validate', '--as-of', AS_OF], { cwd }).code, 0);
    assert.match(runCli(['report', '--as-of', AS_OF, '--format', 'json'], { cwd }).stdout, /"PLAN-1"/);
    assert.equal(runCli(['export', 'ics', '--as-of', AS_OF], { cwd }).code, 0);
    // The nearest one wins: a workspace nested in another.
    assert.equal(runCli(['init', path.join(ws, 'deep'), '--name', 'Inner']).code, 0);
    assert.match(runCli(['status', '--as-of', AS_OF], { cwd }).stdout, /^Inner — as of/);
    // Named: no search.
    const named = runCli(['status', '.', '--as-of', AS_OF], { cwd });
    assert.equal(named.code, 2);
    assert.match(named.stderr, /^patchops: no patchops\.yaml in '\.': a workspace has one at its root/);
  });

  it('none up to the filesystem root: exit 2, saying where it looked', () => {
    const r = runCli(['status', '--as-of', AS_OF], { cwd: tempDir({}) });
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      'patchops: no patchops.yaml in this folder or any folder above it: run patchops in a workspace or below it, name one (patchops validate DIR), or make one with patchops init [workspace.missing]\n',
    );
  });
});
