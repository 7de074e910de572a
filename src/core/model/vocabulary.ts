// The domain's words: tiers, severities, impacts, the states of plans, waves, exceptions and
// approvals, and the shared KPIs. Every layer speaks them; none of them depends on anything.

export type Tier = 'critical' | 'high' | 'medium' | 'low';
export type SeverityBand = 'critical' | 'high' | 'medium' | 'low' | 'none';
export type Impact = 'high' | 'medium' | 'low';

export type PlanState = 'cancelled' | 'exempt' | 'met' | 'missed' | 'breached' | 'due_soon' | 'on_track' | 'awaiting_test' | 'unknown';

export type WaveStatus = 'planned' | 'in_progress' | 'paused' | 'complete' | 'rolled_back';
export type ExceptionState = 'active' | 'expiring' | 'expired' | 'pending' | 'invalid';
export type ApprovalState = 'verified' | 'unverified' | 'unchecked' | 'missing';

export const PLAN_STATES: readonly PlanState[] = ['breached', 'unknown', 'due_soon', 'awaiting_test', 'on_track', 'missed', 'met', 'exempt', 'cancelled'];
export const EXCEPTION_STATES: readonly ExceptionState[] = ['invalid', 'expired', 'expiring', 'pending', 'active'];
export const TIERS: readonly Tier[] = ['critical', 'high', 'medium', 'low'];

/**
 * What a projected wave waits on (rules/forecast.ts): the as-of (it has not started), its
 * planned start, testing, the previous wave or its soak, a maintenance window, a freeze, its own
 * progress so far, a gate that failed, a paused or rolled-back status; `done` when it is complete.
 */
export type ForecastCause = 'as_of' | 'planned_start' | 'testing' | 'previous_wave' | 'soak' | 'window' | 'freeze' | 'progress' | 'gate' | 'status' | 'done';

/** When a plan's SLA clock starts. */
export type ClockStartKind = 'discovered' | 'published' | 'tested';

export interface Kpis {
  /** met / (met + missed + breached + unknown) × 100: a plan with no computable deadline counts as not met. */
  slaCompliancePercent: number | null;
  /**
   * Endpoint-patches: Σ patched / Σ targets over the waves of active plans (an endpoint in two
   * plans counts twice). Plans whose endpoint figures are unknown are left out, and counted below.
   */
  endpointsRemediatedPercent: number | null;
  /** Active plans left out of `endpointsRemediatedPercent` because their endpoint figures are unknown. */
  plansWithUnknownEndpoints: number;
  meanTimeToPatchHours: Record<Tier, number | null>;
  openBreaches: number;
  dueSoon: number;
  /** Active plans with no computable deadline (state `unknown`). */
  unknownDeadlines: number;
  /** Plans not yet late whose projected finish is after their deadline (`sla.at-risk`). */
  atRisk: number;
  plansByState: Partial<Record<PlanState, number>>;
  exceptionsByState: Partial<Record<ExceptionState, number>>;
}
