// Why a plan's deadline is what it is, in words (docs/rules.md#risk-models): for `status --explain`
// and the editor. Under a model of record, one line per vulnerability × group; under the matrix,
// the tier's inputs.
import type { PlanResult } from '../model/evaluation';
import { formatInstantLocal } from '../time/instants';

/** Lines explaining the plan's deadline; the first says which model and what sets it. */
export function explainDeadline(plan: PlanResult, zone: string): string[] {
  const local = (ms: number) => formatInstantLocal(ms, zone);
  if (plan.state === 'exempt' || plan.state === 'cancelled') return [`${plan.state}: no deadline applies`];
  if (plan.riskModel !== 'matrix') {
    const lines = [
      plan.deadlineBy
        ? `${plan.riskModel}: the deadline is set by ${plan.deadlineBy.vulnerability} on ${plan.deadlineBy.group ?? 'an unknown group'}`
        : `${plan.riskModel}: no pair sets a deadline`,
    ];
    for (const pair of plan.pairs) {
      const assumed = pair.assumed.length ? ` (assumed: ${pair.assumed.join(', ')})` : '';
      const triage = pair.forensicTriage ? '; forensic triage required' : '';
      const deadline = pair.deadline === null ? 'no deadline' : `due ${local(pair.deadline)}`;
      lines.push(
        `${pair === plan.deadlineBy ? '→' : ' '} ${pair.vulnerability} on ${pair.group ?? 'an unknown group'}: ${pair.explanation}; ${deadline}${triage}${assumed}`,
      );
    }
    if (plan.unknownReason !== null) lines.push(`no deadline: ${plan.unknownReason}`);
    return lines;
  }
  if (plan.tier === null) return [`matrix: no tier${plan.unknownReason !== null ? `: ${plan.unknownReason}` : ''}`];
  const inputs = [`${plan.severity ?? 'unknown'} severity`, `${plan.impact ?? 'unknown'} impact`, ...(plan.kev ? ['KEV'] : [])].join(' · ');
  const start =
    plan.clockStart !== null ? `, from ${local(plan.clockStart)} (${plan.clockStartKind === 'tested' ? 'testing passed' : plan.clockStartKind})` : '';
  const lines = [`matrix: ${inputs} → ${plan.tier} tier${start}`];
  if (plan.unknownReason !== null) lines.push(`no deadline: ${plan.unknownReason}`);
  return lines;
}
