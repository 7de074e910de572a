// The three views as VS Code tree views, and revealing a plan in them: the active editor's plan
// follows into Plans and SLA status (selected, never focused: typing stays in the editor), and a
// code lens click reveals its plan in SLA status (focused: the user asked to go there).
import * as vscode from 'vscode';
import { resolvePlanTarget, type PlanTarget } from './planTarget';
import type { PlanFilterState } from './planFilterState';
import { ExceptionsTree, listedItems, OPEN_ITEM, openTreeItem, PlansTree, SlaTree, type MoreNode, type Node } from './trees';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class PlanViews implements vscode.Disposable {
  readonly plans: vscode.TreeView<Node>;
  readonly sla: vscode.TreeView<Node>;
  readonly exceptions: vscode.TreeView<Node>;
  private readonly plansTree: PlansTree;
  private readonly slaTree: SlaTree;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly registry: WorkspaceRegistry,
    filter: PlanFilterState,
  ) {
    this.plansTree = new PlansTree(registry, filter);
    this.slaTree = new SlaTree(registry, filter);
    const exceptionsTree = new ExceptionsTree(registry);
    this.plans = this.plansTree.attach(vscode.window.createTreeView('patchops.plans', { treeDataProvider: this.plansTree, showCollapseAll: true }));
    this.sla = this.slaTree.attach(vscode.window.createTreeView('patchops.sla', { treeDataProvider: this.slaTree, showCollapseAll: true }));
    this.exceptions = exceptionsTree.attach(vscode.window.createTreeView('patchops.exceptions', { treeDataProvider: exceptionsTree }));
    const follow = () => void this.followActiveEditor(false);
    this.disposables = [
      // The item that ends a long list (not in the palette: it acts on the list it ends).
      vscode.commands.registerCommand('patchops.showMore', (node: MoreNode) => node?.kind === 'more' && node.tree.showMore(node)),
      vscode.commands.registerCommand(OPEN_ITEM, (node: Node) => openTreeItem(node)),
      this.plansTree,
      this.slaTree,
      exceptionsTree,
      this.plans,
      this.sla,
      this.exceptions,
      vscode.window.onDidChangeActiveTextEditor(follow),
      this.plans.onDidChangeVisibility((e) => e.visible && follow()),
      this.sla.onDidChangeVisibility((e) => e.visible && follow()),
      // The first evaluation of a file opened before it: reveal once there is something to show —
      // but once per editor: a later evaluation (typing, the clock) never moves the user's selection.
      // Tracked: whenIdle() also waits for it (a reveal VS Code never answers is given up after 5 s).
      registry.onDidChange(() => void registry.track(Promise.race([this.followActiveEditor(true), new Promise<void>((resolve) => setTimeout(resolve, 5000))]))),
    ];
  }

  /** The active editor's plan, selected in Plans and SLA status when they are visible; `onlyNew`: not where it was already. */
  private async followActiveEditor(onlyNew: boolean): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const target = uri && resolvePlanTarget(this.registry, uri);
    if (!target) return;
    const key = uri.toString();
    const follow = async (view: vscode.TreeView<Node>, tree: PlansTree | SlaTree) => {
      if (onlyNew && this.followed.get(view) === key) return;
      if (await this.reveal(view, tree, target, { select: true, focus: false, expand: false }, true)) this.followed.set(view, key);
    };
    await Promise.all([follow(this.plans, this.plansTree), follow(this.sla, this.slaTree)]);
  }

  /** The editor (uri) whose plan each view last revealed. */
  private readonly followed = new Map<vscode.TreeView<Node>, string>();

  /** Reveals a plan in SLA status and focuses it (the code lens). False when the view does not list it (a filter hides it). */
  async revealInSla(target: PlanTarget): Promise<boolean> {
    return this.reveal(this.sla, this.slaTree, target, { select: true, focus: true, expand: false }, false);
  }

  private async reveal(
    view: vscode.TreeView<Node>,
    tree: PlansTree | SlaTree,
    target: PlanTarget,
    options: { select: boolean; focus: boolean; expand: boolean },
    onlyWhenVisible: boolean,
  ): Promise<boolean> {
    if (onlyWhenVisible && !view.visible) return false;
    const node = tree.nodeOfPlan(target.workspace, target.plan);
    if (!node) return false;
    // Already selected: revealing again would only scroll the view under the user.
    const selected = view.selection[0];
    if (onlyWhenVisible && selected?.kind === 'plan' && samePlan(selected.plan, target.plan)) return true;
    try {
      await view.reveal(node, options);
      return true;
    } catch {
      // The view changed under the reveal (a newer evaluation): the next change reveals again.
      return false;
    }
  }

  /** What the Plans view lists at its top (tests). */
  plansListed(): ReturnType<typeof listedItems> {
    return listedItems(this.plansTree);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

function samePlan(a: PlanTarget['plan'], b: PlanTarget['plan']): boolean {
  return a.id === b.id && a.entity.source.file === b.entity.source.file;
}
