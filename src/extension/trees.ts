// The three PatchOps views. Each provider fires one onDidChangeTreeData when the model changes.
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/model/diagnostic';
import type { ExceptionResult, PlanResult, WaveResult } from '../core/model/evaluation';
import { approvalLabel, exceptionStateLabel, inText, orderExceptionResults, orderPlanResults, planStateLabel } from '../core/present/labels';
import { forecastText, planDescription, planStateText, waveDescription } from '../core/present/summaries';
import { explainDeadline } from '../core/present/deadlineExplanation';
import { formatInstantLocal } from '../core/time/instants';
import { toRange } from './convert';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import type { WorkspaceRegistry } from './workspaceRegistry';
import { EXCEPTION_STATES, PLAN_STATES, type ExceptionState, type PlanState } from '../core/model/vocabulary';

type Node =
  | { kind: 'workspace'; workspace: PatchOpsWorkspace }
  | { kind: 'plan'; workspace: PatchOpsWorkspace; plan: PlanResult }
  | { kind: 'wave'; workspace: PatchOpsWorkspace; plan: PlanResult; wave: WaveResult }
  | { kind: 'state'; workspace: PatchOpsWorkspace; state: PlanState; plans: PlanResult[] }
  | { kind: 'atRisk'; workspace: PatchOpsWorkspace; plans: PlanResult[] }
  | { kind: 'exceptionState'; workspace: PatchOpsWorkspace; state: ExceptionState; exceptions: ExceptionResult[] }
  | { kind: 'exception'; workspace: PatchOpsWorkspace; exception: ExceptionResult };

abstract class PatchOpsTree implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(protected readonly registry: WorkspaceRegistry) {
    this.subscription = registry.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: Node): Node[] {
    if (!node) {
      const ready = this.registry.all.filter((w) => w.evaluation);
      // One workspace: its content at the top; several: one node per workspace (multi-root).
      return ready.length === 1 ? this.rootChildren(ready[0]) : ready.map((workspace) => ({ kind: 'workspace', workspace }));
    }
    if (node.kind === 'workspace') return this.rootChildren(node.workspace);
    return this.childrenOf(node);
  }

  protected abstract rootChildren(workspace: PatchOpsWorkspace): Node[];
  protected childrenOf(_node: Node): Node[] {
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
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
        return waveItem(node.workspace, node.plan, node.wave);
      case 'state': {
        const item = new vscode.TreeItem(`${planStateLabel(node.state)} (${node.plans.length})`, expandState(node.state));
        item.iconPath = stateIcon(node.state);
        item.contextValue = 'slaState';
        return item;
      }
      case 'atRisk': {
        // Plans projected to finish after their deadline; they stay listed under their state too.
        const item = new vscode.TreeItem(`At risk (${node.plans.length})`, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon('watch', new vscode.ThemeColor('editorWarning.foreground'));
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
    }
  }

  protected readonly showWaves: boolean = false;

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export class PlansTree extends PatchOpsTree {
  protected readonly showWaves = true;
  protected rootChildren(workspace: PatchOpsWorkspace): Node[] {
    return orderPlanResults(workspace.evaluation!.plans).map((plan) => ({ kind: 'plan', workspace, plan }));
  }
  protected childrenOf(node: Node): Node[] {
    return node.kind === 'plan' ? node.plan.waves.map((wave) => ({ kind: 'wave', workspace: node.workspace, plan: node.plan, wave })) : [];
  }
}

export class SlaTree extends PatchOpsTree {
  protected rootChildren(workspace: PatchOpsWorkspace): Node[] {
    const plans = orderPlanResults(workspace.evaluation!.plans);
    const atRisk = plans.filter((p) => p.atRisk);
    const states: Node[] = PLAN_STATES.map((state) => ({ kind: 'state' as const, workspace, state, plans: plans.filter((p) => p.state === state) })).filter(
      (n) => n.plans.length > 0,
    );
    return atRisk.length ? [{ kind: 'atRisk', workspace, plans: atRisk }, ...states] : states;
  }
  protected childrenOf(node: Node): Node[] {
    return node.kind === 'state' || node.kind === 'atRisk' ? node.plans.map((plan) => ({ kind: 'plan', workspace: node.workspace, plan })) : [];
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
    return node.kind === 'exceptionState' ? node.exceptions.map((exception) => ({ kind: 'exception', workspace: node.workspace, exception })) : [];
  }
}

function planItem(workspace: PatchOpsWorkspace, plan: PlanResult, expandable: boolean): vscode.TreeItem {
  const evaluation = workspace.evaluation!;
  const item = new vscode.TreeItem(plan.id, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  // The file is part of the id: two plans may share an id (a duplicate), and both are listed.
  item.id = `${workspace.root.toString()}#plan:${plan.entity.source.file}#${plan.id}`;
  item.description = planDescription(plan);
  item.iconPath = stateIcon(plan.state);
  item.contextValue = 'plan';
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`${plan.title}\n\n`);
  tooltip.appendText(`${planStateText(plan, evaluation.asOf)}\n`);
  if (plan.unknownReason !== null) tooltip.appendText(`No deadline: ${plan.unknownReason}\n`);
  if (plan.deadline !== null) tooltip.appendText(`Deadline: ${formatInstantLocal(plan.deadline, evaluation.timezone)}\n`);
  if (plan.clockStart !== null) tooltip.appendText(`Clock start: ${formatInstantLocal(plan.clockStart, evaluation.timezone)} (${plan.clockStartKind})\n`);
  // A model of record: every vulnerability × group, the one that sets the deadline first (→).
  if (plan.riskModel !== 'matrix') tooltip.appendText(`${explainDeadline(plan, evaluation.timezone).join('\n')}\n`);
  const forecast = forecastText(plan, evaluation.timezone);
  if (forecast) tooltip.appendText(`Forecast: ${forecast}\n`);
  tooltip.appendText(`Endpoints: ${plan.endpoints.patched}/${plan.endpoints.targets ?? 'unknown'} patched, ${plan.endpoints.failed} failed`);
  item.tooltip = tooltip;
  item.command = openAt(workspace, plan.entity.source.file, plan.entity.source.rangeOf(['id']));
  return item;
}

function waveItem(workspace: PatchOpsWorkspace, plan: PlanResult, wave: WaveResult): vscode.TreeItem {
  const item = new vscode.TreeItem(wave.name, vscode.TreeItemCollapsibleState.None);
  item.id = `${workspace.root.toString()}#plan:${plan.entity.source.file}#${plan.id}#wave:${wave.index}`;
  item.description = waveDescription(wave);
  item.iconPath = new vscode.ThemeIcon(
    wave.status === 'complete' ? 'pass' : wave.status === 'rolled_back' ? 'discard' : wave.status === 'planned' ? 'circle-large-outline' : 'sync',
  );
  item.tooltip = wave.blockedBy
    ? `Blocked: ${wave.blockedBy.replace(/`/g, '')}`
    : wave.startedEarly
      ? `Started before it was allowed: ${wave.startedEarly.replace(/`/g, '')}`
      : undefined;
  item.command = openAt(workspace, plan.entity.source.file, plan.entity.source.rangeOf(['waves', wave.index, 'name']));
  return item;
}

function exceptionItem(workspace: PatchOpsWorkspace, exception: ExceptionResult): vscode.TreeItem {
  const evaluation = workspace.evaluation!;
  const item = new vscode.TreeItem(exception.id, vscode.TreeItemCollapsibleState.None);
  item.id = `${workspace.root.toString()}#exception:${exception.entity.source.file}#${exception.id}`;
  const revisit = exception.revisitOn !== null ? `revisit ${formatInstantLocal(exception.revisitOn, evaluation.timezone).slice(0, 10)}` : 'no revisit date';
  item.description = `${inText(approvalLabel(exception.approval))} · ${revisit}`;
  item.iconPath = exceptionIcon(exception.state);
  const data = exception.entity.data;
  const tooltip = new vscode.MarkdownString(undefined, false);
  tooltip.appendText(`${data.vulnerabilities.join(', ')} on ${data.groups.join(', ')}\n\n`);
  tooltip.appendText(`Requested by ${data.requested_by}: ${data.reason}\n`);
  tooltip.appendText(data.approval ? `Approved by ${data.approval.approved_by}\n` : 'Not approved yet\n');
  tooltip.appendText(`Approval: ${approvalLabel(exception.approval)}${exception.detail ? ` (${exception.detail})` : ''}`);
  item.tooltip = tooltip;
  item.command = openAt(workspace, exception.entity.source.file, exception.entity.source.rangeOf(['id']));
  return item;
}

function openAt(workspace: PatchOpsWorkspace, file: string, range: Diagnostic['range']): vscode.Command {
  return {
    title: 'Open',
    command: 'vscode.open',
    arguments: [workspace.uriOf(file), { selection: toRange(range) } satisfies vscode.TextDocumentShowOptions],
  };
}

function expandState(state: PlanState): vscode.TreeItemCollapsibleState {
  return state === 'breached' || state === 'unknown' || state === 'due_soon' || state === 'awaiting_test'
    ? vscode.TreeItemCollapsibleState.Expanded
    : vscode.TreeItemCollapsibleState.Collapsed;
}

function stateIcon(state: PlanState): vscode.ThemeIcon {
  const icons: Record<PlanState, [string, string?]> = {
    breached: ['error', 'errorForeground'],
    unknown: ['question', 'errorForeground'],
    due_soon: ['warning', 'editorWarning.foreground'],
    awaiting_test: ['beaker'],
    on_track: ['clock'],
    met: ['pass', 'testing.iconPassed'],
    missed: ['history'],
    exempt: ['shield'],
    cancelled: ['circle-slash'],
  };
  const [icon, color] = icons[state];
  return new vscode.ThemeIcon(icon, color ? new vscode.ThemeColor(color) : undefined);
}

function exceptionIcon(state: ExceptionState): vscode.ThemeIcon {
  const icons: Record<ExceptionState, string> = { active: 'shield', expiring: 'watch', expired: 'error', pending: 'question', invalid: 'warning' };
  return new vscode.ThemeIcon(icons[state]);
}
