// Publishes each workspace's diagnostics, for every file, open or not.
import * as vscode from 'vscode';
import { pendingRequestsByFile, withPendingRequest } from '../core/fixes/requestException';
import type { Diagnostic, DiagnosticCode, RelatedInformation } from '../core/model/diagnostic';
import { toDiagnostic } from './convert';
import type { DiagnosticDocs } from './diagnosticDocs';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('patchops');
  private readonly subscription: vscode.Disposable;
  /** Per workspace, each file's pending exception as last published: a request filed or approved changes a breach's related information, not its diagnostics. */
  private readonly pendingShown = new WeakMap<PatchOpsWorkspace, Map<string, string>>();
  /** Per workspace, its publishing job now running: an older one stops at its next slice. */
  private readonly jobs = new WeakMap<PatchOpsWorkspace, object>();
  private readonly handedOver = new Map<string, number>();

  constructor(
    private readonly registry: WorkspaceRegistry,
    /** Links each code to its docs. */
    private readonly docs?: DiagnosticDocs,
  ) {
    this.subscription = registry.onDidChange((workspace) => (workspace ? this.publish(workspace) : this.publishAll()));
  }

  /**
   * The set of workspaces changed (a scan, a workspace added or gone): what belongs to none of
   * them now is dropped; every other file keeps what it shows until its workspace's publish
   * replaces it. A workspace just loaded has published as it was evaluated, so nothing is
   * handed to VS Code twice (clearing everything here made the first scan publish every file twice).
   */
  private publishAll(): void {
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const owner = this.registry.workspaceOf(uri);
      if (!owner?.workspace.evaluation?.diagnosticsByFile.has(owner.rel)) stale.push(uri);
    });
    for (const uri of stale) this.collection.delete(uri);
    this.registry.all.forEach((w) => this.publish(w));
  }

  /**
   * Only files whose diagnostics changed (the evaluation hands back the same array for the
   * others), in short slices so that thousands of files at once do not hold the extension host;
   * even what is to be published is worked out in the first slice, not in the task that evaluated.
   * A newer publish of the workspace takes over from where the last slice left off.
   */
  private publish(workspace: PatchOpsWorkspace): void {
    const evaluation = workspace.evaluation;
    if (!evaluation) return;
    const job = {};
    this.jobs.set(workspace, job);
    const resolve = (file: string) => workspace.uriOf(file);
    const docs = (code: DiagnosticCode) => this.docs?.target(code);
    let todo: { gone: string[]; changed: [string, readonly Diagnostic[]][]; pending: Map<string, RelatedInformation>; shown: Map<string, string> } | undefined;
    const publishSome = (deadline: number) => {
      if (this.jobs.get(workspace) !== job || workspace.evaluation !== evaluation) return true; // a newer publish carries on
      if (!todo) {
        const byFile = evaluation.diagnosticsByFile;
        const pending = pendingRequestsByFile(evaluation);
        const shown = this.pendingShown.get(workspace) ?? new Map<string, string>();
        this.pendingShown.set(workspace, shown);
        const gone = [...workspace.published.keys()].filter((file) => !byFile.has(file));
        const changed = [...byFile].filter(([file, list]) => workspace.published.get(file) !== list || shown.get(file) !== pendingKey(pending.get(file)));
        todo = { gone, changed, pending, shown };
      }
      const { gone, changed, pending, shown } = todo;
      const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
      // Handing them to VS Code (set) costs about what converting them does: convert for half the slice.
      const convertUntil = (performance.now() + deadline) / 2;
      // At least one file a slice: a slice stretched by a busy machine still makes progress.
      let first = true;
      const more = () => {
        const go = first || performance.now() < convertUntil;
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
      const root = workspace.root.toString();
      this.handedOver.set(root, (this.handedOver.get(root) ?? 0) + entries.length);
      return gone.length === 0 && changed.length === 0;
    };
    void this.registry.track(this.registry.timer.sliced('publish diagnostics', publishSome));
  }

  /** How many files' diagnostics were handed to VS Code (set or removed) so far, by workspace root: each changed file once per evaluation. */
  get filesPublished(): Record<string, number> {
    return Object.fromEntries(this.handedOver);
  }

  dispose(): void {
    this.subscription.dispose();
    this.collection.dispose();
  }
}

function pendingKey(related: RelatedInformation | undefined): string {
  return related ? JSON.stringify(related) : '';
}
