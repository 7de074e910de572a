// Severity, business impact and KEV to a remediation tier (docs/rules.md#tier): the seed's rule that a high
// vulnerability on payroll outranks a critical one on a kiosk lives in the matrix.
import type { MatrixRow } from '../model/files';
import type { Impact, SeverityBand, Tier } from '../model/vocabulary';

export type RiskMatrix = Record<Impact, MatrixRow>;

const TIER_RANK: Record<Tier, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const TIER_BY_RANK: Tier[] = ['low', 'medium', 'high', 'critical'];
const SEVERITY_RANK: Record<SeverityBand, number> = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };
const IMPACT_RANK: Record<Impact, number> = { low: 0, medium: 1, high: 2 };

export const maxSeverity = (a: SeverityBand | undefined, b: SeverityBand): SeverityBand => (a === undefined || SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a);

export const maxImpact = (a: Impact | undefined, b: Impact): Impact => (a === undefined || IMPACT_RANK[b] > IMPACT_RANK[a] ? b : a);

export const maxTier = (a: Tier | undefined, b: Tier): Tier => (a === undefined || TIER_RANK[b] > TIER_RANK[a] ? b : a);

/** A "none" severity counts as low. */
export function severityAsTier(severity: SeverityBand): Tier {
  return severity === 'none' ? 'low' : severity;
}

/** A policy's `risk.epss_raise`: raise `steps` tiers when the EPSS probability is ≥ `threshold`. */
export interface EpssRaise {
  threshold: number;
  steps: number;
}

/**
 * tier = matrix[impact][severity] (the severity itself without a matrix), raised `kevRaise` steps
 * if kev and — with an EPSS rule — its `steps` when `epss` reaches its threshold. The two raises
 * do not add up: the larger applies (known exploitation already says what a high EPSS predicts).
 */
export function tierFor(
  severity: SeverityBand,
  impact: Impact,
  kev: boolean,
  matrix: RiskMatrix | undefined,
  kevRaise: number,
  epss?: { probability: number | null | undefined; rule: EpssRaise | undefined },
): Tier {
  const base = matrix ? matrix[impact][severityAsTier(severity)] : severityAsTier(severity);
  const byKev = kev ? Math.max(0, kevRaise) : 0;
  const rule = epss?.rule;
  const probability = epss?.probability;
  const byEpss = rule && typeof probability === 'number' && probability >= rule.threshold ? Math.max(0, rule.steps) : 0;
  const raise = Math.max(byKev, byEpss);
  if (raise <= 0) return base;
  return TIER_BY_RANK[Math.min(TIER_RANK.critical, TIER_RANK[base] + raise)];
}
