// When the set of PatchOps workspaces changes (a patchops.yaml appears or goes), the diagnostics of
// a workspace that is gone go with it, and the others show what they showed. The publisher drops
// only what belongs to no workspace now (src/extension/diagnosticsPublisher.ts: it no longer clears
// everything and publishes every file again).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { editorDiagnostics, eventually, patchops, patchopsDiagnostics, uriOf } from './helpers';

const FOLDER = 'nested-set';
const SETTINGS = `${FOLDER}/patchops.yaml`;

describe('PatchOps: diagnostics when the set of workspaces changes (extension host)', function () {
  this.timeout(60_000);

  it("a nested workspace's diagnostics come with its patchops.yaml and go with it; the others stay as they were", async () => {
    const api = await patchops();
    await api.whenIdle();
    const before = editorDiagnostics();
    assert.ok(before.length > 0, 'the samples have diagnostics');
    try {
      await vscode.workspace.fs.writeFile(uriOf(SETTINGS), Buffer.from('name: Nested\nnot_a_setting: 1\n'));
      await eventually(() => assert.ok(patchopsDiagnostics(SETTINGS).length > 0, `no diagnostic on ${SETTINGS} (a key that is no setting)`));
      await vscode.workspace.fs.delete(uriOf(SETTINGS));
      await eventually(() => assert.deepEqual(patchopsDiagnostics(SETTINGS), [], `${SETTINGS} is gone, and its workspace with it`));
      assert.deepEqual(editorDiagnostics(), before, 'the samples show what they showed before');
    } finally {
      await Promise.resolve(vscode.workspace.fs.delete(uriOf(FOLDER), { recursive: true })).catch(() => undefined);
      await api.whenIdle();
    }
  });
});
