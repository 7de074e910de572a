// Publishes each workspace's diagnostics, for every file, open or not.
import * as vscode from 'vscode';
import { pendingRequestsByFile, withPendingRequest } from '../core/fixes/requestException';
import type { DiagnosticCode, RelatedInformation } from '../core/model/diagnostic';
import { toDiagnostic } from './convert';
import type { DiagnosticDocs } from './diagnosticDocs';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('patchops');
  private readonly subscription: vscode.Disposable;
  /** Per workspace, each file's pending exception as last published: a request filed or approved changes a breach's related information, not its diagnostics. */
  private readonly pendingShown = new WeakMap<PatchOpsWorkspace, Map<string, string>>();

  constructor(
    private readonly registry: WorkspaceRegistry,
    /** Links each code to its docs. */
    private readonly docs?: DiagnosticDocs,
  ) {
    this.subscription = registry.onDidChange((workspace) => (workspace ? this.publish(workspace) : this.publishAll()));
  }

  private publishAll(): void {
    this.collection.clear();
    this.registry.all.forEach((w) => {
      w.published = new Map();
      this.pendingShown.delete(w);
      this.publish(w);
    });
  }

  /**
   * Only files whose diagnostics changed (the evaluation hands back the same array for the
   * others), in short slices so that thousands of files at once do not hold the
   * extension host; a newer evaluation takes over from where the last slice left off.
   */
  private publish(workspace: PatchOpsWorkspace): void {
    const evaluation = workspace.evaluation;
    if (!evaluation) return;
    const byFile = evaluation.diagnosticsByFile;
    const resolve = (file: string) => workspace.uriOf(file);
    const docs = (code: DiagnosticCode) => this.docs?.target(code);
    const pending = pendingRequestsByFile(evaluation);
    const shown = this.pendingShown.get(workspace) ?? new Map<string, string>();
    this.pendingShown.set(workspace, shown);
    const gone = [...workspace.published.keys()].filter((file) => !byFile.has(file));
    const changed = [...byFile].filter(([file, list]) => workspace.published.get(file) !== list || shown.get(file) !== pendingKey(pending.get(file)));
    const publishSome = (deadline: number) => {
      if (workspace.evaluation !== evaluation) return true; // a newer publish carries on
      const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
      // At least one file a slice: a slice stretched by a busy machine still makes progress.
      let first = true;
      const more = () => {
        const go = first || performance.now() < deadline;
        first = false;
        return go;
      };
      while (gone.length && more()) {
        const file = gone.pop()!;
        entries.push([workspace.uriOf(file), undefined]);
        workspace.published.delete(file);
        shown.delete(file);
      }
      while (changed.length && more()) {
        const [file, list] = changed.pop()!;
        entries.push([workspace.uriOf(file), list.map((d) => toDiagnostic(withPendingRequest(d, pending.get(file)), resolve, docs))]);
        workspace.published.set(file, list);
        shown.set(file, pendingKey(pending.get(file)));
      }
      this.collection.set(entries);
      return gone.length === 0 && changed.length === 0;
    };
    void this.registry.track(this.registry.timer.sliced('publish diagnostics', publishSome));
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function pendingKey(related: RelatedInformation | undefined): string {
  return related ? JSON.stringify(related) : '';
}
