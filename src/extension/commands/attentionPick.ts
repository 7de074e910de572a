// The status bar's click: a quick pick of the plans to act on now — breached, no deadline (they
// may be late), due soon, at risk — each with its time left; choosing one opens the plan.
import * as vscode from 'vscode';
import type { PlanResult } from '../../core/model/evaluation';
import { attentionGroups, NOTHING_NEEDS_ATTENTION } from '../../core/present/attention';
import { planRow } from '../../core/present/planRows';
import { openPlan, type PlanTarget } from '../planTarget';
import type { WorkspaceRegistry } from '../workspaceRegistry';

type AttentionPick = vscode.QuickPickItem & { target?: PlanTarget };

const GROUP_ICONS = { breached: '$(error)', unknown: '$(question)', due_soon: '$(warning)', at_risk: '$(watch)' } as const;

/** The quick pick's items (also for tests): separators with the groups' labels, then their plans. */
export function attentionItems(registry: WorkspaceRegistry): AttentionPick[] {
  const targets: PlanTarget[] = registry.all.flatMap((workspace) => (workspace.evaluation?.plans ?? []).map((plan) => ({ workspace, plan })));
  const several = registry.all.length > 1;
  const items: AttentionPick[] = [];
  for (const group of attentionGroups(targets, (t) => t.plan)) {
    items.push({ label: group.label, kind: vscode.QuickPickItemKind.Separator });
    for (const target of group.items) {
      const asOf = target.workspace.evaluation!.asOf;
      const row = planRow(target.plan, asOf);
      items.push({
        label: `${GROUP_ICONS[group.key]} ${row.label}`,
        // The time left on its own line: beside a long title it would be cut off.
        detail: several ? `${row.description} · ${target.workspace.name}` : row.description,
        target,
      });
    }
  }
  return items;
}

export async function showAttention(registry: WorkspaceRegistry): Promise<PlanResult | undefined> {
  await registry.whenIdle();
  const ready = registry.all.filter((w) => w.evaluation);
  if (ready.length === 0) {
    void vscode.window.showWarningMessage('PatchOps: nothing is computed yet (no PatchOps workspace, or it is still loading).');
    return undefined;
  }
  const items = attentionItems(registry);
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`PatchOps: ${NOTHING_NEEDS_ATTENTION}`);
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'PatchOps: plans to act on',
    placeHolder: 'Open a plan (type to search titles, ids and time left)',
    matchOnDetail: true,
  });
  if (!chosen?.target) return undefined;
  await openPlan(chosen.target);
  return chosen.target.plan;
}
