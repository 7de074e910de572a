// The report's breakdowns: the plans per owner team and per asset group, with the counts that need
// someone (breached, due soon, at risk, no deadline) and SLA compliance computed as the KPI is
// (docs/rules.md#kpis: met over met + missed + breached + no deadline). Computed from the document's
// plans, so every format shows the same rows.

import { compareText } from '../present/labels';
import type { PlanReport } from './reportModel';

export interface BreakdownRow {
  /** The owner team or asset group id; NO_GROUP for plans that name no group. */
  key: string;
  plans: number;
  breached: number;
  dueSoon: number;
  atRisk: number;
  unknown: number;
  /** One decimal; null when no plan of the row is judged yet (none met, missed, breached or without a deadline). */
  compliancePercent: number | null;
}

/** The row of plans that name no asset group (or a document written before plans listed them). */
const NO_GROUP = '(no group)';

const round1 = (x: number): number => Math.round(x * 10) / 10;

function row(key: string, plans: readonly PlanReport[]): BreakdownRow {
  const count = (state: string): number => plans.filter((p) => p.state === state).length;
  const met = count('met');
  const judged = met + count('missed') + count('breached') + count('unknown');
  return {
    key,
    plans: plans.length,
    breached: count('breached'),
    dueSoon: count('due_soon'),
    atRisk: plans.filter((p) => p.forecast?.atRisk === true).length,
    unknown: count('unknown'),
    compliancePercent: judged === 0 ? null : round1((met / judged) * 100),
  };
}

/** Rows in key order (code units: the same on every machine). */
function rowsBy(plans: readonly PlanReport[], keysOf: (p: PlanReport) => readonly string[]): BreakdownRow[] {
  const byKey = new Map<string, PlanReport[]>();
  for (const p of plans) {
    for (const key of new Set(keysOf(p))) {
      const list = byKey.get(key);
      if (list) list.push(p);
      else byKey.set(key, [p]);
    }
  }
  return [...byKey.keys()].sort(compareText).map((key) => row(key, byKey.get(key)!));
}

/** One row per owner team. */
export const byOwner = (plans: readonly PlanReport[]): BreakdownRow[] => rowsBy(plans, (p) => [p.owner]);

/** One row per asset group: a plan affecting two groups counts in both, so the rows may add up to more than the plans. */
export const byGroup = (plans: readonly PlanReport[]): BreakdownRow[] =>
  rowsBy(plans, (p) => (p.groups === undefined || p.groups.length === 0 ? [NO_GROUP] : p.groups));
