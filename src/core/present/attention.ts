// The plans someone must act on now, in the groups the status bar's quick pick lists: breached,
// no deadline (PatchOps cannot tell whether they are late: fail closed), due soon, and at risk
// (projected to finish after the deadline; such a plan is also listed under its state).
import type { PlanResult } from '../model/evaluation';
import { orderPlanResults, planStateLabel } from './labels';
import { AT_RISK_LABEL } from './planRows';

export interface AttentionGroup<T> {
  key: 'breached' | 'unknown' | 'due_soon' | 'at_risk';
  /** "Breached (2)". */
  label: string;
  items: T[];
}

/** The groups that have plans, most urgent first; in each, plans worst first (as in the trees). */
export function attentionGroups<T>(items: readonly T[], planOf: (item: T) => PlanResult): AttentionGroup<T>[] {
  const byPlan = new Map(items.map((item) => [planOf(item), item]));
  const ordered = orderPlanResults([...byPlan.keys()]).map((p) => byPlan.get(p)!);
  const groups: AttentionGroup<T>[] = (['breached', 'unknown', 'due_soon'] as const).map((key) => {
    const members = ordered.filter((item) => planOf(item).state === key);
    return { key, label: `${planStateLabel(key)} (${members.length})`, items: members };
  });
  const atRisk = ordered.filter((item) => planOf(item).atRisk === true);
  groups.push({ key: 'at_risk', label: `${AT_RISK_LABEL} (${atRisk.length})`, items: atRisk });
  return groups.filter((g) => g.items.length > 0);
}

/** What the quick pick says when no plan is in any group: true only because every plan was computed. */
export const NOTHING_NEEDS_ATTENTION = 'No plan is breached, due soon, at risk or without a deadline.';
