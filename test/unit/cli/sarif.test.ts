// `validate --format sarif` in a git repository: GitHub code scanning reads artifact paths from
// the repository root, so a workspace in a subfolder (repo/patching/) must say
// `patching/plans/x.plan.yaml`. The root is found by looking for `.git` upwards, running nothing.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';
import { TempRepo } from '../approvals/gitRepo';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const tempDir = tempDirs('sarif');
/** A breached plan (an error) and a plan with an unknown field: two results in two files. */
const FILES = { ...BASE, 'plans/breached.plan.yaml': plan({ id: 'BREACHED' }), 'plans/odd.plan.yaml': plan({ id: 'ODD', extra: 'bogus: 1' }) };

interface Sarif {
  version: string;
  runs: {
    originalUriBaseIds: Record<string, { uri?: string; description: { text: string } }>;
    results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string } } }[] }[];
  }[];
}

function sarifOf(ws: string, argv: string[] = []): Sarif {
  const r = runCli(['validate', ws, ...AS_OF, '--format', 'sarif', ...argv]);
  assert.equal(r.code, 1, r.stderr);
  return JSON.parse(r.stdout) as Sarif;
}

/** The distinct uris of the results, sorted. */
const uris = (sarif: Sarif) => [...new Set(sarif.runs[0].results.map((r) => r.locations[0].physicalLocation.artifactLocation.uri))].sort();

function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
}

describe('cli: SARIF paths from the repository root', () => {
  const repos: TempRepo[] = [];
  after(() => repos.forEach((r) => r.remove()));
  const repo = () => {
    const r = new TempRepo();
    repos.push(r);
    return r;
  };

  it('a workspace in repo/patching/: every uri is relative to the repository root, and git knows each file by it', () => {
    const r = repo();
    const ws = path.join(r.dir, 'patching');
    writeFiles(ws, FILES);
    r.git(['add', '-A']);
    const sarif = sarifOf(ws);
    assert.deepEqual(uris(sarif), ['patching/plans/breached.plan.yaml', 'patching/plans/odd.plan.yaml']);
    for (const uri of uris(sarif)) assert.equal(r.git(['ls-files', '--', uri]).trim(), uri, 'the path git (and code scanning) knows');
    const run = sarif.runs[0];
    assert.ok(run.results.every((x) => x.locations[0].physicalLocation.artifactLocation.uriBaseId === '%SRCROOT%'));
    assert.deepEqual(Object.keys(run.originalUriBaseIds), ['%SRCROOT%']);
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, undefined, 'no absolute path of this machine');
    assert.match(run.originalUriBaseIds['%SRCROOT%'].description.text, /root of the git repository/);
    assert.doesNotMatch(JSON.stringify(sarif), new RegExp(r.dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the output names no folder of the machine');
  });

  it('the same from inside the workspace (DIR = .), from a deeper folder, and through a symbolic link to the workspace', () => {
    const r = repo();
    const ws = path.join(r.dir, 'ops', 'patching');
    writeFiles(ws, FILES);
    const expected = ['ops/patching/plans/breached.plan.yaml', 'ops/patching/plans/odd.plan.yaml'];
    assert.deepEqual(uris(sarifOf(ws)), expected);
    const inside = runCli(['validate', ...AS_OF, '--format', 'sarif'], { cwd: ws });
    assert.deepEqual(uris(JSON.parse(inside.stdout) as Sarif), expected);
    const link = path.join(tempDir(), 'ws-link');
    fs.symlinkSync(ws, link);
    assert.deepEqual(uris(sarifOf(link)), expected, 'where the workspace really is');
  });

  it('a workspace at the repository root, or outside any repository: relative to the workspace, as before', () => {
    const r = repo();
    writeFiles(r.dir, FILES);
    const atRoot = sarifOf(r.dir);
    assert.deepEqual(uris(atRoot), ['plans/breached.plan.yaml', 'plans/odd.plan.yaml']);
    assert.match(atRoot.runs[0].originalUriBaseIds['%SRCROOT%'].description.text, /root of the git repository/);
    const outside = sarifOf(tempDir(FILES));
    assert.deepEqual(uris(outside), ['plans/breached.plan.yaml', 'plans/odd.plan.yaml']);
    assert.match(outside.runs[0].originalUriBaseIds['%SRCROOT%'].description.text, /workspace folder/);
  });

  it('a git worktree (its .git is a file) counts as the repository root', () => {
    const r = repo();
    writeFiles(path.join(r.dir, 'patching'), FILES);
    r.commit('alice@example.com', 'Workspace');
    const worktree = path.join(fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-worktree-'))), 'wt');
    try {
      r.git(['worktree', 'add', '-q', worktree]);
      assert.ok(fs.statSync(path.join(worktree, '.git')).isFile());
      assert.deepEqual(uris(sarifOf(path.join(worktree, 'patching'))), ['patching/plans/breached.plan.yaml', 'patching/plans/odd.plan.yaml']);
    } finally {
      fs.rmSync(path.dirname(worktree), { recursive: true, force: true });
    }
  });

  it('a stray .git that is not a repository (an empty folder) is not taken for one', () => {
    const outer = tempDir();
    fs.mkdirSync(path.join(outer, '.git'));
    const ws = path.join(outer, 'patching');
    writeFiles(ws, FILES);
    assert.deepEqual(uris(sarifOf(ws)), ['plans/breached.plan.yaml', 'plans/odd.plan.yaml']);
  });

  it('names that are not plain URI characters are percent-encoded segment by segment (a # or ? stays in the path)', () => {
    const r = repo();
    const ws = path.join(r.dir, 'patch ops#1');
    writeFiles(ws, { ...BASE, 'plans/a?b.plan.yaml': plan({ id: 'Q' }) });
    assert.deepEqual(uris(sarifOf(ws)), ['patch%20ops%231/plans/a%3Fb.plan.yaml']);
  });

  it('runs no program: a repository whose config would run one (fsmonitor, hooks) runs nothing', () => {
    const r = repo();
    const marker = path.join(r.dir, 'ran');
    const script = path.join(r.dir, 'evil.sh');
    fs.writeFileSync(script, `#!/bin/sh\necho ran >> '${marker}'\n`, { mode: 0o755 });
    r.git(['config', 'core.fsmonitor', script]);
    r.git(['config', 'core.hooksPath', r.dir]);
    fs.copyFileSync(script, path.join(r.dir, 'post-index-change'));
    fs.chmodSync(path.join(r.dir, 'post-index-change'), 0o755);
    writeFiles(path.join(r.dir, 'patching'), FILES);
    assert.deepEqual(uris(sarifOf(path.join(r.dir, 'patching'))), ['patching/plans/breached.plan.yaml', 'patching/plans/odd.plan.yaml']);
    assert.equal(fs.existsSync(marker), false);
  });

  it('--cache: a result is not replayed once the workspace is in a repository (the paths changed)', () => {
    const outer = tempDir();
    const ws = path.join(outer, 'patching');
    writeFiles(ws, FILES);
    const cache = ['--cache', '--cache-location', tempDir()];
    assert.deepEqual(uris(sarifOf(ws, cache)), ['plans/breached.plan.yaml', 'plans/odd.plan.yaml']);
    const r = new TempRepo({ init: false });
    repos.push(r);
    r.git(['init', '-q', outer]);
    assert.deepEqual(uris(sarifOf(ws, cache)), ['patching/plans/breached.plan.yaml', 'patching/plans/odd.plan.yaml']);
  });
});
