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
 * The risk model: `matrix` (tier = matrix[business impact][severity], raised for known-exploited vulnerabilities; without a risk section the tier is the severity) or a model of record (`bod-26-04`, `ssvc`, `fedramp-vdr`, `fedramp-rev5`, `pci-dss`) that computes each vulnerability × group's deadline from its official table.
 */
export type RiskPrioritization = {
  /**
   * How deadlines are computed: `matrix` (the tiers, default), `bod-26-04` (CISA BOD 26-04), `ssvc` (CISA SSVC deployer outcomes), `fedramp-vdr` (FedRAMP VDR-TFR-PVR), `fedramp-rev5` (FedRAMP Rev5 continuous monitoring), `pci-dss` (PCI DSS v4.0.1 6.3.3). A model of record needs no `tiers` and no `matrix`.
   */
  model?: "matrix" | "bod-26-04" | "ssvc" | "fedramp-vdr" | "fedramp-rev5" | "pci-dss";
  /**
   * FedRAMP certification class (`fedramp-vdr`): A and B share a table, C and D have their own.
   */
  class?: "A" | "B" | "C" | "D";
  outcomes?: SSVCOutcomeDeadlines;
  upgrade_cycle?: Identifier3;
  others?: OutcomeDeadline1;
  /**
   * tier = matrix[business impact][severity]: a row per business impact, a column per severity; every cell is required.
   */
  matrix?: {
    high: MatrixRow;
    medium: MatrixRow;
    low: MatrixRow;
  };
  /**
   * Steps a known-exploited (CISA KEV) vulnerability raises the tier, up to critical.
   */
  kev_raise?: number;
  epss_raise?: EPSSRaise;
};
/**
 * Deadline = clock start + this.
 */
export type Duration5 = string;
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier2 = string;
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier3 = string;
/**
 * Remediation tier: how urgent the work is.
 */
export type Tier = "critical" | "high" | "medium" | "low";
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier4 = string;
/**
 * Elapsed time: an integer and a unit, m (minutes), h (hours), d (24 hours) or w (7 days).
 */
export type Duration6 = string;
/**
 * Elapsed time: an integer and a unit, m (minutes), h (hours), d (24 hours) or w (7 days).
 */
export type Duration7 = string;

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
  tiers?: DeadlinesPerTier;
  cycles?: ScheduledCycles;
  risk?: RiskPrioritization;
  exceptions?: ExceptionRules;
}
/**
 * The deadline of each tier: all four, each with `within` or `cycle` (not both), optionally its own `clock_start`. A model of record (`risk.model`) needs none.
 */
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
  /**
   * What the cycle is, for the people reading it (e.g. Patch Tuesday).
   */
  description?: string;
}
/**
 * `ssvc`: the deadline of each SSVC outcome (SSVC defines no days).
 */
export interface SSVCOutcomeDeadlines {
  track: OutcomeDeadline;
  "track*": OutcomeDeadline;
  attend: OutcomeDeadline;
  act: OutcomeDeadline;
}
/**
 * A time limit (`within`) or a scheduled cycle (`cycle`) from the clock start.
 */
export interface OutcomeDeadline {
  within?: Duration5;
  cycle?: Identifier2;
}
/**
 * A time limit (`within`) or a scheduled cycle (`cycle`) from the clock start.
 */
export interface OutcomeDeadline1 {
  within?: Duration5;
  cycle?: Identifier2;
}
/**
 * The tier of each severity for assets of this business impact.
 */
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
/**
 * Rules for the exceptions under this policy: who may approve them, for how long, when they count as expiring, and git review.
 */
export interface ExceptionRules {
  /**
   * Teams whose members may approve exceptions.
   */
  approvers?: Identifier4[];
  /**
   * Longest allowed time from approval to revisit, per tier of what is exempted.
   */
  max_duration?: {
    critical?: Duration6;
    high?: Duration6;
    medium?: Duration6;
    low?: Duration6;
  };
  warn_before?: Duration7;
  /**
   * An approval only counts once git shows the approver committed it.
   */
  require_git_review?: boolean;
  /**
   * With require_git_review: only from a commit whose signature verifies.
   */
  require_signed?: boolean;
}
