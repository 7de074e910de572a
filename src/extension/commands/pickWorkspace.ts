import * as vscode from 'vscode';
import type { PatchOpsWorkspace } from '../patchopsWorkspace';
import type { WorkspaceRegistry } from '../workspaceRegistry';

/** The workspace of the active editor, the only one, or the one the user picks. */
export async function pickWorkspace(registry: WorkspaceRegistry): Promise<PatchOpsWorkspace | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && registry.workspaceOf(active);
  if (owner) return owner.workspace;
  if (registry.all.length <= 1) {
    if (registry.all.length === 0)
      void vscode.window.showWarningMessage('PatchOps: no patchops.yaml in this window. Run "PatchOps: New Workspace" to create one.');
    return registry.all[0];
  }
  const pick = await vscode.window.showQuickPick(
    registry.all.map((workspace) => ({ label: workspace.name, description: workspace.root.fsPath, workspace })),
    { title: 'Which PatchOps workspace?' },
  );
  return pick?.workspace;
}
