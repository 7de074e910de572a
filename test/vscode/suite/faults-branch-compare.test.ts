// "PatchOps: Compare with Branch…" in a real repository: the branch workspace scripts/vscode/run.js
// prepares (scripts/vscode/faultWorkspaces.js: 1,000 generated plans on `main` and `switched`, every
// plan different). The editor's comparison must be what `patchops diff BRANCH` prints for the same
// folder at the same instant — the CLI is the oracle — and the preview shows it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AS_OF, cli, folder, patchops } from './helpers';

type CompareResult = { uri: vscode.Uri; markdown: string } | { refused: string } | undefined;

function currentBranch(): string {
  // The test's git (never the extension's): no hooks, no fsmonitor.
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=', 'rev-parse', '--abbrev-ref', 'HEAD'], {
    cwd: folder().uri.fsPath,
    encoding: 'utf8',
  }).trim();
}

describe('Compare with Branch… (extension host, the branch workspace)', function () {
  this.timeout(240_000);

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'branch') this.skip(); // only in run.js's branch workspace
  });

  it("shows what `patchops diff BRANCH` prints for the window's files, as of the editor's instant", async () => {
    const api = await patchops();
    await api.whenIdle();
    const other = currentBranch() === 'switched' ? 'main' : 'switched';
    const result = await vscode.commands.executeCommand<CompareResult>('patchops.compareWithBranch', { folder: folder().uri, ref: other });
    assert.ok(result && 'uri' in result, `no comparison: ${JSON.stringify(result)}`);
    const expected = cli(['diff', other, folder().uri.fsPath, '--as-of', AS_OF, '--format', 'md']);
    assert.equal(result.markdown, expected, 'the editor shows what the CLI prints');
    assert.match(result.markdown, new RegExp(`^## PatchOps: ${other} \\([0-9a-f]{12}\\) → working tree\\n`));
    // Every plan differs between the branches: the comparison is not empty.
    const plans = result.markdown.split('\n### Plans\n\n')[1]?.split('\n\n')[0]?.split('\n') ?? [];
    assert.equal(plans[0], '| Plan | Title | Tier | State | Deadline | Why |');
    assert.ok(plans.length > 100, `hundreds of changed plans, not ${plans.length - 2}`);

    // The preview's document is the Markdown, read-only (a virtual document).
    const doc = await vscode.workspace.openTextDocument(result.uri);
    assert.equal(doc.getText(), expected);
    assert.equal(result.uri.scheme, 'patchops-diff');
  });

  it('a revision that does not exist: it says so and shows nothing', async () => {
    const result = await vscode.commands.executeCommand<CompareResult>('patchops.compareWithBranch', {
      folder: folder().uri,
      ref: 'no-such-branch',
      open: false,
    });
    assert.deepEqual(result, { refused: 'no commit `no-such-branch` in this repository' });
  });
});
