// Publishes each workspace's diagnostics, for every file, open or not.
import * as vscode from 'vscode';
import { toDiagnostic } from './convert';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('patchops');
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: WorkspaceRegistry) {
    this.subscription = registry.onDidChange((workspace) => (workspace ? this.publish(workspace) : this.publishAll()));
  }

  private publishAll(): void {
    this.collection.clear();
    this.registry.all.forEach((w) => {
      w.published = new Map();
      this.publish(w);
    });
  }

  /** Only files whose diagnostics changed: the evaluation hands back the same array for the others. */
  private publish(workspace: PatchOpsWorkspace): void {
    const byFile = workspace.evaluation?.diagnosticsByFile;
    if (!byFile) return;
    const resolve = (file: string) => workspace.uriOf(file);
    for (const file of workspace.published.keys()) {
      if (!byFile.has(file)) this.collection.delete(workspace.uriOf(file));
    }
    for (const [file, list] of byFile) {
      if (workspace.published.get(file) !== list) this.collection.set(workspace.uriOf(file), list.map((d) => toDiagnostic(d, resolve)));
    }
    workspace.published = new Map(byFile);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
