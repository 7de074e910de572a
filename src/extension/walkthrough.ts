// The "Get started with PatchOps" walkthrough (package.json contributes.walkthroughs): the
// command that opens it, and the context keys two of its steps complete on. Also the keys that
// say a view is empty: a view's welcome content (contributes.viewsWelcome) must apply only then,
// since VS Code gives the focus to welcome content that applies, even below a tree with rows.
import * as vscode from 'vscode';
import { fileKindOf } from '../core/workspace/fileKinds';
import type { WorkspaceRegistry } from './workspaceRegistry';

const WALKTHROUGH_ID = 'patchops.patchops#gettingStarted';
/** A PatchOps workspace is open ("Open or create a PatchOps workspace"). */
const WORKSPACE_KEY = 'patchops.walkthrough.workspace';
/** A plan of a PatchOps workspace was shown in an editor, where its lens is ("Read a plan's lens"). */
const PLAN_KEY = 'patchops.walkthrough.planSeen';
/** No PatchOps workspace of the window has a plan (Plans and SLA status are empty). */
const NO_PLANS_KEY = 'patchops.noPlans';
/** None has an exception (Exceptions is empty). */
const NO_EXCEPTIONS_KEY = 'patchops.noExceptions';

export class WalkthroughProgress implements vscode.Disposable {
  private readonly keys = new Map<string, boolean>([
    [WORKSPACE_KEY, false],
    [PLAN_KEY, false],
  ]);
  private readonly subscriptions: vscode.Disposable[];
  private readonly empty = new Map<string, boolean>();

  constructor(private readonly registry: WorkspaceRegistry) {
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor((editor) => this.update(editor)),
      registry.onDidChange(() => this.update(vscode.window.activeTextEditor)),
    ];
  }

  /** Opens the walkthrough with its keys false, then sets the ones that hold (see below). */
  async open(): Promise<void> {
    // VS Code's walkthrough service starts on first use, and a key already true when it registers
    // the steps never checks its step (it counts as an event already seen). So the keys are false
    // while it opens, and the ones that hold are set again once it runs: it sees them change.
    for (const key of this.keys.keys()) await vscode.commands.executeCommand('setContext', key, false);
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    for (const [key, value] of this.keys) if (value) await vscode.commands.executeCommand('setContext', key, true);
  }

  private update(editor: vscode.TextEditor | undefined): void {
    const evaluations = this.registry.all.map((w) => w.evaluation).filter((e) => e !== undefined);
    this.setEmpty(
      NO_PLANS_KEY,
      evaluations.every((e) => e.plans.length === 0),
    );
    this.setEmpty(
      NO_EXCEPTIONS_KEY,
      evaluations.every((e) => e.exceptions.length === 0),
    );
    if (this.registry.all.length > 0) this.set(WORKSPACE_KEY);
    if (this.keys.get(PLAN_KEY)) return;
    const owner = editor && this.registry.workspaceOf(editor.document.uri);
    if (owner && fileKindOf(owner.rel) === 'plan') this.set(PLAN_KEY);
  }

  private set(key: string): void {
    if (this.keys.get(key)) return;
    this.keys.set(key, true);
    void vscode.commands.executeCommand('setContext', key, true);
  }

  private setEmpty(key: string, empty: boolean): void {
    if (this.empty.get(key) === empty) return;
    this.empty.set(key, empty);
    void vscode.commands.executeCommand('setContext', key, empty);
  }

  dispose(): void {
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
