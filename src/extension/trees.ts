// The three PatchOps views. Each provider fires one onDidChangeTreeData when the model or the
// filter changes. Plans and SLA status show only the plans the filter lets through, and then say
// so in the view (description and message): a filtered view never reads as "all clear". A long
// list shows a page at a time, ending in an item that says how many are not shown (pages.ts).
import * as vscode from 'vscode';
import type { ExceptionResult, PlanResult, WaveResult } from '../core/model/evaluation';
import { approvalLabel, exceptionStateLabel, inText, orderExceptionResults, orderPlanResults, planStateLabel } from '../core/present/labels';
import { moreItemText, pageOf, shownToList } from '../core/present/pages';
import { filterSummary, matchesFilter } from '../core/present/planFilter';
import { AT_RISK_LABEL, planRow } from '../core/present/planRows';
import { exceptionDescription } from '../core/present/exceptionRows';
import { forecastText, planStateText, waveDescription } from '../core/present/summaries';
import { explainDeadline } from '../core/present/deadlineExplanation';
import { formatInstantLocal } from '../core/time/instants';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import { currentPlan, openEntity } from './planTarget';
import type { PlanFilterState } from './planFilterState';
import { pageSizeSetting } from './settings';
import type { WorkspaceRegistry } from './workspaceRegistry';
import { EXCEPTION_STATES, PLAN_STATES, type ExceptionState, type PlanState } from '../core/model/vocabulary';

/** `group`: the SLA status group a plan is listed under (one plan may be in two: its state and At risk). */
export type Node =
  | { kind: 'workspace'; workspace: PatchOpsWorkspace }
  | { kind: 'plan'; workspace: PatchOpsWorkspace; plan: PlanResult; group?: PlanState | 'atRisk' }
  | { kind: 'wave'; workspace: PatchOpsWorkspace; plan: PlanResult; wave: WaveResult }
  | { kind: 'state'; workspace: PatchOpsWorkspace; state: PlanState; plans: PlanResult[] }
  | { kind: 'atRisk'; workspace: PatchOpsWorkspace; plans: PlanResult[] }
  | { kind: 'exceptionState'; workspace: PatchOpsWorkspace; state: ExceptionState; exceptions: ExceptionResult[] }
  | { kind: 'exception'; workspace: PatchOpsWorkspace; exception: ExceptionResult }
  | MoreNode;

/** The last item of a list that shows a page at a time: `list` is the id of the list (its parent's, or the workspace's). */
export interface MoreNode {
  kind: 'more';
  workspace: PatchOpsWorkspace;
  list: string;
  hidden: number;
  parent?: Node;
  /** The view's provider, which the item's command asks for the next page. */
  tree: { showMore(node: MoreNode): void };
}

/**
 * Every node's id: stable across evaluations (expanded groups stay expanded, reveal finds the
 * node again) and unique in its view. The file is part of a plan's id: two plans may share an id
 * (a duplicate), and both are listed.
 */
function nodeId(node: Node): string {
  const root = node.workspace.root.toString();
  switch (node.kind) {
    case 'workspace':
      return root;
    case 'plan':
      return `${root}${node.group ? `#sla:${node.group}` : ''}#plan:${node.plan.entity.source.file}#${node.plan.id}`;
    case 'wave':
      return `${root}#plan:${node.plan.entity.source.file}#${node.plan.id}#wave:${node.wave.index}`;
    case 'state':
      return `${root}#sla:${node.state}`;
    case 'atRisk':
      return `${root}#sla:atRisk`;
    case 'exceptionState':
      return `${root}#exceptions:${node.state}`;
    case 'exception':
      return `${root}#exception:${node.exception.entity.source.file}#${node.exception.id}`;
    case 'more':
      return `${node.list}#more`;
  }
}

/** What a view lists at its top, as VS Code shows it: each item's label, description and command (tests: the extension's API). */
export function listedItems(tree: PatchOpsTree): { label: string; description?: string; command?: vscode.Command }[] {
  return tree.getChildren().map((node) => {
    const item = tree.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return { label, description: typeof item.description === 'string' ? item.description : undefined, command: item.command };
  });
}

abstract class PatchOpsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscriptions: vscode.Disposable[];
  protected view?: vscode.TreeView<Node>;
  /** How many items each long list shows now, by the list's id (a page until the user asks for more). */
  private readonly shown = new Map<string, number>();
  private pageSize = pageSizeSetting();

  constructor(
    protected readonly registry: WorkspaceRegistry,
    protected readonly filter?: PlanFilterState,
  ) {
    const refresh = () => {
      this.updateView();
      this.changed.fire(undefined);
    };
    // Other plans, or another page size: every list starts again at its first page.
    const restart = () => {
      this.shown.clear();
      this.pageSize = pageSizeSetting();
      refresh();
    };
    this.subscriptions = [
      registry.onDidChange(refresh),
      ...(filter ? [filter.onDidChange(restart)] : []),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('patchops.views.pageSize') && restart()),
    ];
  }

  /** The next page of the list a "Show more" item ends. */
  showMore(node: MoreNode): void {
    this.shown.set(node.list, (this.shown.get(node.list) ?? this.pageSize) + this.pageSize);
    this.changed.fire(undefined);
  }

  /** A list of this view as it shows now: a page at a time, with the item that shows more. */
  protected paged(workspace: PatchOpsWorkspace, list: string, nodes: Node[], parent?: Node): Node[] {
    const page = pageOf(nodes, this.shown.get(list) ?? this.pageSize);
    if (page.hidden === 0) return nodes;
    const more: MoreNode = { kind: 'more', workspace, list, hidden: page.hidden, tree: this, ...(parent ? { parent } : {}) };
    return [...page.items, more];
  }

  /** Shows enough of a list that its item at `index` is in it (to reveal it); fires a change when that took more. */
  protected showUpTo(list: string, index: number): void {
    const shown = this.shown.get(list) ?? this.pageSize;
    const needed = shownToList(shown, index, this.pageSize);
    if (needed === shown) return;
    this.shown.set(list, needed);
    this.changed.fire(undefined);
  }

  /** The view this provider fills: its description and message say whether a filter is on. */
  attach(view: vscode.TreeView<Node>): vscode.TreeView<Node> {
    this.view = view;
    this.updateView();
    return view;
  }

  protected get ready(): PatchOpsWorkspace[] {
    return this.registry.all.filter((w) => w.evaluation);
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const ready = this.ready;
      // One workspace: its content at the top; several: one node per workspace (multi-root).
      return ready.length === 1 ? this.rootChildren(ready[0]) : ready.map((workspace) => ({ kind: 'workspace', workspace }));
    }
    if (node.kind === 'workspace') return this.rootChildren(node.workspace);
    return this.childrenOf(node);
  }

  getParent(node: Node): Node | undefined {
    if (node.kind === 'workspace') return undefined;
    const top: Node | undefined = this.ready.length === 1 ? undefined : { kind: 'workspace', workspace: node.workspace };
    return this.parentOf(node) ?? top;
  }

  /** The parent below the workspace level; undefined: the node is at the top of its workspace. */
  protected parentOf(node: Node): Node | undefined {
    if (node.kind === 'more') return node.parent;
    return node.kind === 'wave' ? { kind: 'plan', workspace: node.workspace, plan: node.plan } : undefined;
  }

  protected abstract rootChildren(workspace: PatchOpsWorkspace): Node[];
  protected childrenOf(_node: Node): Node[] {
    return [];
  }

  /** The plans of a workspace the filter lets through, worst first. */
  protected plansOf(workspace: PatchOpsWorkspace): PlanResult[] {
    const evaluation = workspace.evaluation!;
    const filter = this.filter?.filter;
    // VS Code asks again on every expand, page and reveal; at 10,000 plans the sort takes ~5 ms.
    const known = this.listedPlans.get(workspace);
    if (known?.evaluation === evaluation && known.filter === filter) return known.plans;
    const ordered = orderPlanResults(evaluation.plans);
    const plans = filter ? ordered.filter((p) => matchesFilter(p, filter)) : ordered;
    this.listedPlans.set(workspace, { evaluation, filter, plans });
    return plans;
  }

  /** Each workspace's plans as `plansOf` last listed them, and for which evaluation and filter. */
  private readonly listedPlans = new WeakMap<PatchOpsWorkspace, { evaluation: unknown; filter: unknown; plans: PlanResult[] }>();

  /** The node of a plan in this view, to reveal; undefined when the view does not list it (filtered out). */
  abstract nodeOfPlan(workspace: PatchOpsWorkspace, plan: PlanResult): Node | undefined;

  private updateView(): void {
    if (!this.view || !this.filter) return;
    const plans = this.ready.flatMap((w) => w.evaluation!.plans);
    const shown = plans.filter((p) => matchesFilter(p, this.filter!.filter)).length;
    const summary = filterSummary(this.filter.filter, shown, plans.length);
    this.view.description = summary?.description;
    this.view.message = summary?.message;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = this.itemOf(node);
    item.id = nodeId(node);
    if (node.kind === 'plan' || node.kind === 'wave' || node.kind === 'exception') item.command = { title: 'Open', command: OPEN_ITEM, arguments: [node] };
    return item;
  }

  private itemOf(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'workspace': {
        const item = new vscode.TreeItem(node.workspace.name, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('root-folder');
        item.tooltip = node.workspace.root.fsPath;
        return item;
      }
      case 'plan':
        return planItem(node.workspace, node.plan, node.plan.waves.length > 0 && this.showWaves);
      case 'wave':
        return waveItem(node.wave);
      case 'state': {
        const item = new vscode.TreeItem(`${planStateLabel(node.state)} (${node.plans.length})`, expandState(node.state));
        item.iconPath = stateIcon(node.state);
        item.contextValue = 'slaState';
        return item;
      }
      case 'atRisk': {
        // Plans projected to finish after their deadline; they stay listed under their state too.
        const item = new vscode.TreeItem(`${AT_RISK_LABEL} (${node.plans.length})`, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = AT_RISK_ICON;
        item.tooltip = 'Plans whose waves are projected to finish after their SLA deadline (sla.at-risk)';
        item.contextValue = 'slaAtRisk';
        return item;
      }
      case 'exceptionState': {
        const item = new vscode.TreeItem(`${exceptionStateLabel(node.state)} (${node.exceptions.length})`, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = exceptionIcon(node.state);
        return item;
      }
      case 'exception':
        return exceptionItem(node.workspace, node.exception);
      case 'more': {
        const { label, description } = moreItemText(node.hidden, this.pageSize);
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
        item.description = description;
        item.iconPath = new vscode.ThemeIcon('ellipsis');
        item.contextValue = 'more';
        item.command = { title: label, command: 'patchops.showMore', arguments: [node] };
        return item;
      }
    }
  }

  /**
   * A plan's or an exception's tooltip, built when VS Code asks for it (a hover), not for every
   * item a view lists: opening Plans at 10,000 plans built 10,000 tooltips in one task.
   */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    if (node.kind === 'plan') item.tooltip = planTooltip(node.workspace, node.plan);
    else if (node.kind === 'exception') item.tooltip = exceptionTooltip(node.workspace, node.exception);
    return item;
  }

  protected readonly showWaves: boolean = false;

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}

export class PlansTree extends PatchOpsTree {
  protected readonly showWaves = true;
  protected rootChildren(workspace: PatchOpsWorkspace): Node[] {
    return this.paged(
      workspace,
      plansList(workspace),
      this.plansOf(workspace).map((plan) => ({ kind: 'plan', workspace, plan })),
    );
  }
  protected childrenOf(node: Node): Node[] {
    return node.kind === 'plan' ? node.plan.waves.map((wave) => ({ kind: 'wave', workspace: node.workspace, plan: node.plan, wave })) : [];
  }
  nodeOfPlan(workspace: PatchOpsWorkspace, plan: PlanResult): Node | undefined {
    const index = this.plansOf(workspace).findIndex((p) => samePlan(p, plan));
    if (index < 0) return undefined;
    this.showUpTo(plansList(workspace), index);
    return { kind: 'plan', workspace, plan };
  }
}

/** The id of the Plans view's list of a workspace. */
function plansList(workspace: PatchOpsWorkspace): string {
  return `${workspace.root.toString()}#plans`;
}

function samePlan(a: PlanResult, b: PlanResult): boolean {
  return a.id === b.id && a.entity.source.file === b.entity.source.file;
}

export class SlaTree extends PatchOpsTree {
  protected rootChildren(workspace: PatchOpsWorkspace): Node[] {
    const plans = this.plansOf(workspace);
    const atRisk = plans.filter((p) => p.atRisk);
    const states: Node[] = PLAN_STATES.map((state) => ({ kind: 'state' as const, workspace, state, plans: plans.filter((p) => p.state === state) })).filter(
      (n) => n.plans.length > 0,
    );
    return atRisk.length ? [{ kind: 'atRisk', workspace, plans: atRisk }, ...states] : states;
  }
  protected childrenOf(node: Node): Node[] {
    if (node.kind !== 'state' && node.kind !== 'atRisk') return [];
    const group = node.kind === 'state' ? node.state : 'atRisk';
    return this.paged(
      node.workspace,
      nodeId(node),
      node.plans.map((plan) => ({ kind: 'plan', workspace: node.workspace, plan, group })),
      node,
    );
  }
  protected parentOf(node: Node): Node | undefined {
    if (node.kind === 'more') return node.parent;
    if (node.kind !== 'plan') return undefined;
    const group = node.group ?? node.plan.state;
    return this.rootChildren(node.workspace).find((n) => (n.kind === 'state' && n.state === group) || (n.kind === 'atRisk' && group === 'atRisk'));
  }
  /** A plan is revealed under its state (an at-risk plan is listed there too). */
  nodeOfPlan(workspace: PatchOpsWorkspace, plan: PlanResult): Node | undefined {
    const group = this.rootChildren(workspace).find((n) => n.kind === 'state' && n.state === plan.state);
    if (group?.kind !== 'state') return undefined;
    const index = group.plans.findIndex((p) => samePlan(p, plan));
    if (index < 0) return undefined;
    this.showUpTo(nodeId(group), index);
    return { kind: 'plan', workspace, plan: group.plans[index], group: plan.state };
  }
}

export class ExceptionsTree extends PatchOpsTree {
  protected rootChildren(workspace: PatchOpsWorkspace): Node[] {
    const exceptions = orderExceptionResults(workspace.evaluation!.exceptions);
    return EXCEPTION_STATES.map((state) => ({
      kind: 'exceptionState' as const,
      workspace,
      state,
      exceptions: exceptions.filter((e) => e.state === state),
    })).filter((n) => n.exceptions.length > 0);
  }
  protected childrenOf(node: Node): Node[] {
    if (node.kind !== 'exceptionState') return [];
    return this.paged(
      node.workspace,
      nodeId(node),
      node.exceptions.map((exception) => ({ kind: 'exception', workspace: node.workspace, exception })),
      node,
    );
  }
  protected parentOf(node: Node): Node | undefined {
    if (node.kind === 'more') return node.parent;
    if (node.kind !== 'exception') return undefined;
    return this.rootChildren(node.workspace).find((n) => n.kind === 'exceptionState' && n.state === node.exception.state);
  }
  nodeOfPlan(): undefined {
    return undefined;
  }
}

function planItem(workspace: PatchOpsWorkspace, plan: PlanResult, expandable: boolean): vscode.TreeItem {
  const evaluation = workspace.evaluation!;
  const row = planRow(plan, evaluation.asOf);
  const item = new vscode.TreeItem(row.label, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.description = row.description;
  item.iconPath = planIcon(plan);
  item.contextValue = 'plan';
  // Screen readers hear the state, which sighted users read from the icon.
  item.accessibilityInformation = {
    label: `${row.label}, ${planStateLabel(plan.state)}${plan.atRisk ? `, ${inText(AT_RISK_LABEL)}` : ''}, ${row.description}`,
  };
  return item;
}

function planTooltip(workspace: PatchOpsWorkspace, plan: PlanResult): vscode.MarkdownString {
  const evaluation = workspace.evaluation!;
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`${plan.id}: ${plan.title}\n\n`);
  tooltip.appendText(`${planStateText(plan, evaluation.asOf)}\n`);
  if (plan.unknownReason !== null) tooltip.appendText(`No deadline: ${plan.unknownReason}\n`);
  if (plan.deadline !== null) tooltip.appendText(`Deadline: ${formatInstantLocal(plan.deadline, evaluation.timezone)}\n`);
  if (plan.clockStart !== null) tooltip.appendText(`Clock start: ${formatInstantLocal(plan.clockStart, evaluation.timezone)} (${plan.clockStartKind})\n`);
  // A model of record: every vulnerability × group, the one that sets the deadline first (→).
  if (plan.riskModel !== 'matrix') tooltip.appendText(`${explainDeadline(plan, evaluation.timezone).join('\n')}\n`);
  const forecast = forecastText(plan, evaluation.timezone);
  if (forecast) tooltip.appendText(`Forecast: ${forecast}\n`);
  tooltip.appendText(`Endpoints: ${plan.endpoints.patched}/${plan.endpoints.targets ?? 'unknown'} patched, ${plan.endpoints.failed} failed`);
  return tooltip;
}

function waveItem(wave: WaveResult): vscode.TreeItem {
  const item = new vscode.TreeItem(wave.name, vscode.TreeItemCollapsibleState.None);
  item.description = waveDescription(wave);
  item.iconPath = new vscode.ThemeIcon(
    wave.status === 'complete' ? 'pass' : wave.status === 'rolled_back' ? 'discard' : wave.status === 'planned' ? 'circle-large-outline' : 'sync',
  );
  item.tooltip = wave.blockedBy
    ? `Blocked: ${wave.blockedBy.replace(/`/g, '')}`
    : wave.startedEarly
      ? `Started before it was allowed: ${wave.startedEarly.replace(/`/g, '')}`
      : undefined;
  return item;
}

function exceptionItem(workspace: PatchOpsWorkspace, exception: ExceptionResult): vscode.TreeItem {
  const evaluation = workspace.evaluation!;
  const item = new vscode.TreeItem(exception.id, vscode.TreeItemCollapsibleState.None);
  item.description = exceptionDescription(exception, evaluation.asOf);
  item.iconPath = exceptionIcon(exception.state);
  return item;
}

function exceptionTooltip(workspace: PatchOpsWorkspace, exception: ExceptionResult): vscode.MarkdownString {
  const evaluation = workspace.evaluation!;
  const data = exception.entity.data;
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`${data.vulnerabilities.join(', ')} on ${data.groups.join(', ')}\n\n`);
  tooltip.appendText(`Requested by ${data.requested_by}: ${data.reason}\n`);
  tooltip.appendText(data.approval ? `Approved by ${data.approval.approved_by}\n` : 'Not approved yet\n');
  tooltip.appendText(`Approval: ${approvalLabel(exception.approval)}${exception.detail ? ` (${exception.detail})` : ''}\n`);
  tooltip.appendText(exception.revisitOn !== null ? `Revisit on: ${formatInstantLocal(exception.revisitOn, evaluation.timezone)}` : 'No revisit date');
  return tooltip;
}

/**
 * The command of a plan's, wave's or exception's item: its file opened at the node. The range is
 * found when the item is clicked, not for every item a view lists: in a large workspace whose
 * texts are not kept, each is a read of the file (200 of them when Plans opens).
 */
export const OPEN_ITEM = 'patchops.openTreeItem';

/** Opens what a plan's, wave's or exception's item stands for, as the workspace is now. */
export async function openTreeItem(node: Node): Promise<void> {
  if (node?.kind !== 'plan' && node?.kind !== 'wave' && node?.kind !== 'exception') return;
  const { workspace } = node;
  // As a click in the Explorer opens a file: in a preview, the focus left in the view (its arrow
  // keys still move through the list).
  const options: vscode.TextDocumentShowOptions = { preview: true, preserveFocus: true };
  if (node.kind === 'exception') {
    const { file } = node.exception.entity.source;
    const now = workspace.evaluation?.exceptions.find((e) => e.entity.source.file === file && e.id === node.exception.id);
    // Gone since the view listed it: the file is opened as it is.
    if (!now) return void (await vscode.window.showTextDocument(workspace.uriOf(file), options));
    return openEntity(workspace, now.entity, ['id'], options);
  }
  const now = currentPlan(workspace, node.plan.entity.source.file, node.plan.id)?.plan;
  if (!now) return void (await vscode.window.showTextDocument(workspace.uriOf(node.plan.entity.source.file), options));
  const wave = node.kind === 'wave' && node.wave.index < now.waves.length ? node.wave.index : undefined;
  await openEntity(workspace, now.entity, wave === undefined ? ['id'] : ['waves', wave, 'name'], options);
}

function expandState(state: PlanState): vscode.TreeItemCollapsibleState {
  return state === 'breached' || state === 'unknown' || state === 'due_soon' || state === 'awaiting_test'
    ? vscode.TreeItemCollapsibleState.Expanded
    : vscode.TreeItemCollapsibleState.Collapsed;
}

/** Each state its own icon; the ones to act on in the editor's error and warning colours, never a reassuring one. */
function stateIcon(state: PlanState): vscode.ThemeIcon {
  const icons: Record<PlanState, [string, string?]> = {
    breached: ['error', 'errorForeground'],
    // PatchOps cannot tell whether it is late: a question mark in the error colour, never a tick.
    unknown: ['question', 'errorForeground'],
    due_soon: ['warning', 'editorWarning.foreground'],
    awaiting_test: ['beaker', 'editorWarning.foreground'],
    on_track: ['clock'],
    met: ['pass', 'testing.iconPassed'],
    missed: ['history', 'errorForeground'],
    exempt: ['shield'],
    cancelled: ['circle-slash', 'disabledForeground'],
  };
  const [icon, color] = icons[state];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

const AT_RISK_ICON = new vscode.ThemeIcon('watch', new vscode.ThemeColor('editorWarning.foreground'));

/** A plan projected to finish late shows the at-risk icon while its state would look calm (on track). */
function planIcon(plan: PlanResult): vscode.ThemeIcon {
  return plan.atRisk && plan.state === 'on_track' ? AT_RISK_ICON : stateIcon(plan.state);
}

function exceptionIcon(state: ExceptionState): vscode.ThemeIcon {
  const icons: Record<ExceptionState, [string, string?]> = {
    active: ['shield', 'testing.iconPassed'],
    expiring: ['watch', 'editorWarning.foreground'],
    expired: ['error', 'errorForeground'],
    pending: ['question', 'editorWarning.foreground'],
    invalid: ['warning', 'errorForeground'],
  };
  const [icon, color] = icons[state];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}
