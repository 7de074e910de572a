// "PatchOps: Compare with Branch…" in Restricted Mode: it runs no git (the git wrapper first on PATH
// and the repository's hooks and fsmonitor write markers when run) and says why. Runs only in the
// restricted workspace scripts/vscode/run.js prepares (see faults-restricted.test.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { folder, patchops } from './helpers';

describe('Compare with Branch… in Restricted Mode (extension host)', function () {
  this.timeout(120_000);
  let markers: Record<string, string>;

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'restricted') this.skip(); // only in run.js's restricted workspace
    markers = (JSON.parse(process.env.PATCHOPS_TEST_RESTRICTED ?? '{}') as { markers: Record<string, string> }).markers;
    assert.ok(markers, 'run.js passes the trap (PATCHOPS_TEST_RESTRICTED) to this extension host');
  });

  it('refuses with the reason, and no git, hook or fsmonitor runs', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    await (await patchops()).whenIdle();
    const result = await vscode.commands.executeCommand('patchops.compareWithBranch', { folder: folder().uri, ref: 'main', open: false });
    assert.deepEqual(result, { refused: 'this workspace is not trusted, and PatchOps runs no git in Restricted Mode (trust the workspace to compare)' });
    // Without a ref it would list the branches with git: it must refuse before that too.
    const asked = await vscode.commands.executeCommand('patchops.compareWithBranch', { folder: folder().uri, open: false });
    assert.deepEqual(asked, result);
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      Object.values(markers).filter((file) => fs.existsSync(file)),
      [],
      'no marker: neither git (PATH wrapper) nor a repository hook or fsmonitor ran',
    );
  });
});
