// A plan as one row of a list (the editor's trees and its status-bar quick pick): its title, and
// the time it has left as of an instant ("overdue 4d 21h", "4d 21h left", "no deadline: why").
// Words for states and tiers are the labels every surface uses (labels.ts); a plan PatchOps
// cannot compute a deadline for, or one projected to finish late, never reads as fine.
import type { PlanResult } from '../model/evaluation';
import { formatDuration } from '../time/durations';
import { inText, planStateLabel, tierLabel } from './labels';

/** What the row of a plan needs: a result, or any shape with the same fields. */
export type PlanRowInput = Pick<
  PlanResult,
  'id' | 'title' | 'state' | 'tier' | 'deadline' | 'deadlineIsTesting' | 'remediatedAt' | 'unknownReason' | 'exemptedBy' | 'endpointsPercent' | 'atRisk'
>;

/** The label of "At risk" (projected to finish after the deadline): a group beside the states. */
export const AT_RISK_LABEL = 'At risk';

/**
 * The time a plan has left as of `asOf`, in words: `overdue 4d 21h`, `4d 21h left`,
 * `10h left to test` (the deadline is `testing_within`'s), `no deadline: <why>`, `missed by 2d`,
 * `met`, `exempt`, `cancelled`, `awaiting test: the clock has not started`; and `· ⚠ at risk`
 * after the time left of a plan projected to finish after its deadline. Durations round down
 * (formatDuration): "4d 21h left" means at least that much.
 */
export function timeLeftText(plan: PlanRowInput, asOf: number): string {
  const to = plan.deadlineIsTesting ? ' to test' : '';
  const risk = plan.atRisk ? ` · ⚠ ${inText(AT_RISK_LABEL)}` : '';
  switch (plan.state) {
    case 'breached':
      return plan.deadline === null ? `overdue${risk}` : `${plan.deadlineIsTesting ? 'testing ' : ''}overdue ${formatDuration(asOf - plan.deadline)}${risk}`;
    case 'due_soon':
    case 'on_track':
      // A plan whose deadline is still open has none to count down to: it says so, never "on track".
      return plan.deadline === null ? `no deadline yet${risk}` : `${formatDuration(Math.max(0, plan.deadline - asOf))} left${to}${risk}`;
    case 'unknown':
      return `${inText(planStateLabel('unknown'))}: ${(plan.unknownReason ?? 'it cannot be computed').replace(/`/g, '')}`;
    case 'awaiting_test':
      return `${inText(planStateLabel('awaiting_test'))}: the clock has not started`;
    case 'missed':
      return plan.remediatedAt !== null && plan.deadline !== null
        ? `${inText(planStateLabel('missed'))} by ${formatDuration(plan.remediatedAt - plan.deadline)}`
        : inText(planStateLabel('missed'));
    case 'met':
    case 'exempt':
    case 'cancelled':
      return inText(planStateLabel(plan.state));
  }
}

/** A plan's tree row: its title (its id when it has none), and time left · tier · percent patched · id. */
export function planRow(plan: PlanRowInput, asOf: number): { label: string; description: string } {
  const pct = plan.endpointsPercent === null ? '—' : `${plan.endpointsPercent}%`;
  const tier = plan.tier === null ? '—' : inText(tierLabel(plan.tier));
  const title = plan.title.trim();
  return {
    label: title || plan.id,
    description: [timeLeftText(plan, asOf), tier, pct, ...(title ? [plan.id] : [])].join(' · '),
  };
}
