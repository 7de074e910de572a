// Publishes each workspace's diagnostics, for every file, open or not.
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/model/diagnostic';
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
      w.publishedFiles.clear();
      this.publish(w);
    });
  }

  private publish(workspace: PatchOpsWorkspace): void {
    const evaluation = workspace.evaluation;
    if (!evaluation) return;
    const byFile = new Map<string, Diagnostic[]>();
    for (const d of evaluation.diagnostics) {
      const list = byFile.get(d.file) ?? [];
      list.push(d);
      byFile.set(d.file, list);
    }
    const resolve = (file: string) => workspace.uriOf(file);
    for (const file of workspace.publishedFiles) {
      if (!byFile.has(file)) this.collection.delete(workspace.uriOf(file));
    }
    for (const [file, list] of byFile) {
      this.collection.set(workspace.uriOf(file), list.map((d) => toDiagnostic(d, resolve)));
    }
    workspace.publishedFiles = new Set(byFile.keys());
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}
