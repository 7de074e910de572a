/* Generated from schemas/sla.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * Policy id, referenced by plans (`sla`) and by `default_sla`.
 */
export type Identifier = string;
/**
 * When the SLA clock starts: discovered (earliest discovery), published (earliest publication), tested (testing passed).
 */
export type ClockStart = "discovered" | "published" | "tested";
/**
 * A plan is due soon within this of its deadline. Default 24h.
 */
export type Duration = string;
/**
 * Testing must pass within this of discovery: a plan still waiting for its test gets a deadline of earliest discovered + testing_within.
 */
export type Duration1 = string;
/**
 * Deadline = clock start + this.
 */
export type Duration2 = string;
/**
 * Name of a cycle under `cycles`.
 */
export type Identifier1 = string;
/**
 * The cycle's deployments must finish within this of its start. Default 0.
 */
export type Duration3 = string;
/**
 * Work whose clock starts later than this before a cycle goes to the next one. Default 0.
 */
export type Duration4 = string;
/**
 * Remediation tier: how urgent the work is.
 */
export type Tier = "critical" | "high" | "medium" | "low";
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier2 = string;
/**
 * Elapsed time: an integer and a unit, m (minutes), h (hours), d (24 hours) or w (7 days).
 */
export type Duration5 = string;
/**
 * Elapsed time: an integer and a unit, m (minutes), h (hours), d (24 hours) or w (7 days).
 */
export type Duration6 = string;

/**
 * Risk-based remediation deadlines, the risk matrix and the rules for exceptions.
 */
export interface SlaFile {
  id: Identifier;
  /**
   * Display name.
   */
  title?: string;
  /**
   * What this policy is for.
   */
  description?: string;
  clock_start?: ClockStart;
  warn_before?: Duration;
  testing_within?: Duration1;
  tiers: DeadlinesPerTier;
  cycles?: ScheduledCycles;
  risk?: RiskPrioritization;
  exceptions?: ExceptionRules;
}
export interface DeadlinesPerTier {
  critical: TierDeadline;
  high: TierDeadline;
  medium: TierDeadline;
  low: TierDeadline;
}
/**
 * Either a time limit (`within`) or a scheduled cycle (`cycle`).
 */
export interface TierDeadline {
  within?: Duration2;
  cycle?: Identifier1;
  clock_start?: ClockStart;
}
/**
 * Named maintenance cycles that tiers can be bundled into.
 */
export interface ScheduledCycles {
  [k: string]: Cycle | undefined;
}
export interface Cycle {
  /**
   * RFC 5545 recurrence rule for cycle starts, in local time.
   */
  rrule: string;
  /**
   * Local start time of each cycle, HH:MM. Default 00:00.
   */
  at?: string;
  window?: Duration3;
  cutoff?: Duration4;
  description?: string;
}
/**
 * Tier = matrix[business impact][severity], raised for known-exploited vulnerabilities. Without it the tier is the severity.
 */
export interface RiskPrioritization {
  matrix: {
    high: MatrixRow;
    medium: MatrixRow;
    low: MatrixRow;
  };
  /**
   * Steps a known-exploited (CISA KEV) vulnerability raises the tier, up to critical.
   */
  kev_raise?: number;
  epss_raise?: EPSSRaise;
}
export interface MatrixRow {
  critical: Tier;
  high: Tier;
  medium: Tier;
  low: Tier;
}
/**
 * Raise the tier `steps` steps (up to critical) when a vulnerability in scope has an EPSS probability at or above `threshold`. With a KEV raise too, the larger of the two applies: they are not added.
 */
export interface EPSSRaise {
  /**
   * EPSS probability (0..1) from which the raise applies.
   */
  threshold: number;
  /**
   * Steps to raise the tier. Default 1.
   */
  steps?: number;
}
export interface ExceptionRules {
  /**
   * Teams whose members may approve exceptions.
   */
  approvers?: Identifier2[];
  /**
   * Longest allowed time from approval to revisit, per tier of what is exempted.
   */
  max_duration?: {
    critical?: Duration5;
    high?: Duration5;
    medium?: Duration5;
    low?: Duration5;
  };
  warn_before?: Duration6;
  /**
   * An approval only counts once git shows the approver committed it.
   */
  require_git_review?: boolean;
  /**
   * With require_git_review: only from a commit whose signature verifies.
   */
  require_signed?: boolean;
}
