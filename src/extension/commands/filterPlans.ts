// "Filter…" on the Plans and SLA status views: one multi-select quick pick of states, owners and
// tiers (the core's choices), the current filter checked. Accepting with nothing checked clears it.
import * as vscode from 'vscode';
import { filterChoices, NO_FILTER, type FilterChoice, type PlanFilter } from '../../core/present/planFilter';
import type { PlanFilterState } from '../planFilterState';
import type { WorkspaceRegistry } from '../workspaceRegistry';

type FilterPick = vscode.QuickPickItem & { choice?: FilterChoice };

/** `request`: the filter to set without the quick pick (other extensions, tests). */
export async function filterPlans(registry: WorkspaceRegistry, state: PlanFilterState, request?: Partial<PlanFilter>): Promise<void> {
  if (request && typeof request === 'object' && !Array.isArray(request)) {
    await state.set({ ...NO_FILTER, ...request });
    return;
  }
  const current = state.filter;
  const items: FilterPick[] = [];
  let section: string | undefined;
  for (const choice of filterChoices(registry.all.flatMap((w) => w.evaluation?.plans ?? []))) {
    if (choice.section !== section) items.push({ label: (section = choice.section), kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: choice.label, description: choice.description, choice, picked: current[choice.kind].includes(choice.value) });
  }
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Filter the Plans and SLA status views',
    placeHolder: 'Check states, owners and tiers (nothing checked: no filter)',
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!chosen) return;
  const next: PlanFilter = { states: [], owners: [], tiers: [] };
  for (const pick of chosen) if (pick.choice) next[pick.choice.kind].push(pick.choice.value);
  await state.set(next);
}
