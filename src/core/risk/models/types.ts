// What a risk model of record (a preset) reads for one vulnerability on one asset group, and what it
// answers. Pure data: the plan rule turns the answer into an instant (docs/rules.md#risk-models).
import type { Impact, SeverityBand, Tier } from '../../model/vocabulary';

export type RiskModelName = 'matrix' | 'bod-26-04' | 'ssvc' | 'fedramp-vdr' | 'fedramp-rev5' | 'pci-dss';
export type Exposure = 'public' | 'internal' | 'unknown';
export type Exploitation = 'none' | 'poc' | 'active';
export type TechnicalImpact = 'partial' | 'total';
export type SsvcOutcome = 'track' | 'track*' | 'attend' | 'act';

/** One vulnerability × one affected group, as written (undefined: not written or not known). */
export interface PairFacts {
  kev?: boolean;
  exploitation?: Exploitation;
  automatable?: boolean;
  technicalImpact?: TechnicalImpact;
  severity?: SeverityBand;
  /** The group's business impact (unknown group: undefined). */
  impact?: Impact;
  exposure?: Exposure;
  missionImpact?: Impact;
  pain?: number;
}

/**
 * How the deadline follows from the clock start: elapsed time, calendar months, a named outcome the
 * policy maps (SSVC), the policy's upgrade cycle (BOD 26-04 FSU), or no timeframe (FedRAMP PAIN 1).
 */
export type DeadlineRule =
  | { kind: 'within'; ms: number }
  | { kind: 'months'; months: number }
  | { kind: 'cycle'; name: string }
  | { kind: 'outcome'; outcome: SsvcOutcome }
  | { kind: 'upgrade-cycle' }
  | { kind: 'routine' };

export interface ModelAnswer {
  /** The table's outcome as people read it: `3 days + forensic triage`, `Act`, `8 days`. */
  outcome: string;
  rule: DeadlineRule;
  /** The decision points as read, e.g. `KEV · public · automatable · total`. */
  inputs: string;
  /** Inputs that were missing and took the preset's fail-closed default, e.g. `exposure: public`. */
  assumed: string[];
  /** The tier the outcome counts as for exceptions, rollback and the KPIs. */
  tier: Tier;
  /** BOD 26-04 "3 days + forensic triage": the plan must record a forensic triage. */
  forensicTriage?: boolean;
  /** Whether the KEV catalog's due date caps this deadline (BOD 26-04, FedRAMP VDR-TFR-KEV). */
  kevCap: boolean;
  /** Where the clock starts, when the model fixes it (PCI DSS: the release). */
  clockStart?: 'published';
}
