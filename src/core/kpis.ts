// The shared KPIs (docs/rules.md#kpis) — the numbers both IT and InfoSec agree to look at.
import type { ExceptionResult, PlanResult } from './model/evaluation';
import { round1 } from './rules/waves';
import { TIERS, type Kpis, type Tier } from './model/vocabulary';

const HOUR = 3_600_000;

export function computeKpis(plans: readonly PlanResult[], exceptions: readonly ExceptionResult[]): Kpis {
  const plansByState: Kpis['plansByState'] = {};
  for (const p of plans) plansByState[p.state] = (plansByState[p.state] ?? 0) + 1;
  const exceptionsByState: Kpis['exceptionsByState'] = {};
  for (const e of exceptions) exceptionsByState[e.state] = (exceptionsByState[e.state] ?? 0) + 1;

  // A plan whose deadline cannot be computed counts as not met: it must not flatter the figure.
  const met = plansByState.met ?? 0;
  const judged = met + (plansByState.missed ?? 0) + (plansByState.breached ?? 0) + (plansByState.unknown ?? 0);

  let targets = 0;
  let patched = 0;
  let unknownEndpoints = 0;
  for (const p of plans) {
    if (p.status !== 'active') continue;
    if (p.endpoints.targets === null) {
      unknownEndpoints++;
      continue;
    }
    targets += p.endpoints.targets;
    patched += p.endpoints.patched;
  }

  // Exact durations are averaged and rounded once, so a mean is never off by a rounding.
  const durations = new Map<Tier, { sum: number; count: number }>();
  for (const p of plans) {
    if (p.tier === null || p.timeToPatchMs === null) continue;
    const acc = durations.get(p.tier) ?? { sum: 0, count: 0 };
    acc.sum += p.timeToPatchMs;
    acc.count++;
    durations.set(p.tier, acc);
  }
  const meanTimeToPatchHours = {} as Record<Tier, number | null>;
  for (const tier of TIERS) {
    const acc = durations.get(tier);
    meanTimeToPatchHours[tier] = acc ? round1(acc.sum / acc.count / HOUR) : null;
  }

  return {
    slaCompliancePercent: judged ? round1((met / judged) * 100) : null,
    endpointsRemediatedPercent: targets ? round1((patched / targets) * 100) : null,
    plansWithUnknownEndpoints: unknownEndpoints,
    meanTimeToPatchHours,
    openBreaches: plansByState.breached ?? 0,
    dueSoon: plansByState.due_soon ?? 0,
    unknownDeadlines: plansByState.unknown ?? 0,
    atRisk: plans.filter((p) => p.atRisk).length,
    plansByState,
    exceptionsByState,
  };
}
