// FedRAMP Rev5 continuous monitoring (legacy), from identification: High/Critical 30 days,
// Moderate 90, Low 180. An unknown severity counts as critical (fail closed).
import { DAY_MS } from '../../time/durations';
import { severityAsTier } from '../tiers';
import type { Tier } from '../../model/vocabulary';
import type { ModelAnswer, PairFacts } from './types';

const FEDRAMP_REV5_DAYS: Record<Tier, number> = { critical: 30, high: 30, medium: 90, low: 180 };

export function fedrampRev5(f: PairFacts): ModelAnswer {
  const tier: Tier = f.severity === undefined ? 'critical' : severityAsTier(f.severity);
  const days = FEDRAMP_REV5_DAYS[tier];
  return {
    outcome: `${days} days`,
    rule: { kind: 'within', ms: days * DAY_MS },
    inputs: `severity ${f.severity ?? 'critical'}`,
    assumed: f.severity === undefined ? ['severity: critical'] : [],
    tier,
    kevCap: false,
  };
}
