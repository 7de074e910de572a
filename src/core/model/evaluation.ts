// What the core computes from a workspace as of an instant: every view, lens, diagnostic and
// report is read from this, so each number is computed once.
import type { Diagnostic } from './diagnostic';
import type { ExceptionFile, PlanFile } from './files';
import type { ApprovalState, ClockStartKind, ExceptionState, ForecastCause, Impact, Kpis, PlanState, SeverityBand, Tier, WaveStatus } from './vocabulary';
import type { Entity, WorkspaceModel } from './workspace';

export interface VulnerabilityResult {
  id: string;
  severity: SeverityBand | null;
  score: number | null;
  cvssVersion: string | null;
  kev: boolean;
  /** Some of its (vulnerability × group) pairs remain after effective exceptions. */
  inScope: boolean;
}

export interface WaveResult {
  index: number;
  name: string;
  status: WaveStatus;
  targets: number | null;
  patched: number;
  failed: number;
  percent: number | null;
  started: number | null;
  completed: number | null;
  /** Why this wave may not start yet, or null when it may (or has). */
  blockedBy: string | null;
  /** What it started before it was allowed to (its gate, or testing), or null. */
  startedEarly: string | null;
  /** Its projected start and finish, when the plan has schedule inputs (rules/forecast.ts). */
  forecast?: WaveForecast;
}

/** A wave's projection; null where it cannot be projected. */
export interface WaveForecast {
  start: number | null;
  finish: number | null;
}

/** A plan's projection against its deadline (docs/rules.md#forecast). */
export interface PlanForecast {
  /** When the last wave is projected to finish; null when that cannot be computed. */
  finish: number | null;
  /** Hours from the projected finish to the deadline (negative: late); null without both. */
  slackHours: number | null;
  /** What the finish waits on; with finish null, what stopped the projection (null: bad input). */
  limitedBy: ForecastCause | null;
  /** Why no finish could be computed; null when it was. */
  unknownReason: string | null;
  /** The freezes that hold for any of its waves, by start (for the report's timeline). */
  freezes: { from: number; to: number; reason?: string }[];
}

export interface PlanResult {
  entity: Entity<PlanFile>;
  id: string;
  title: string;
  policyId: string | null;
  status: 'active' | 'cancelled';
  severity: SeverityBand | null;
  impact: Impact | null;
  kev: boolean;
  tier: Tier | null;
  state: PlanState;
  /** Why there is no deadline, when the state is `unknown`; otherwise null. */
  unknownReason: string | null;
  clockStartKind: ClockStartKind | null;
  clockStart: number | null;
  deadline: number | null;
  /** The deadline comes from `testing_within` (testing itself is on the clock). */
  deadlineIsTesting: boolean;
  /** Where the deadline comes from, in words ("critical tier: 72h from testing passed"); null without a deadline. */
  deadlineOrigin: string | null;
  remediatedAt: number | null;
  /** Rounded to one decimal, for display. */
  timeToPatchHours: number | null;
  /** Exact: averages are taken over these, and rounded once. */
  timeToPatchMs: number | null;
  /** `targets` is null when a wave's targets are unknown or its numbers impossible. */
  endpoints: { targets: number | null; patched: number; failed: number };
  endpointsPercent: number | null;
  vulnerabilities: VulnerabilityResult[];
  waves: WaveResult[];
  exemptedBy: readonly string[];
  testing: 'pending' | 'in_progress' | 'passed' | 'failed' | null;
  /** Absent when the plan has no schedule inputs (no wave has planned_start, duration or rate). */
  forecast?: PlanForecast;
  /** Projected to finish after its deadline (warning `sla.at-risk`). */
  atRisk?: boolean;
  /** The policy's risk model (`risk.model`), `matrix` by default. */
  riskModel: string;
  /** Under a model of record: the pair that sets the deadline, and every in-scope pair. */
  deadlineBy: PairDeadline | null;
  pairs: readonly PairDeadline[];
}

/** One vulnerability × affected group under a risk model of record (docs/rules.md#risk-models). */
export interface PairDeadline {
  vulnerability: string;
  /** null: the plan names no group that can be read. */
  group: string | null;
  /** The model's outcome, e.g. `3 days + forensic triage`. */
  outcome: string;
  /** The decision points as read, e.g. `KEV · public · automatable · total`. */
  inputs: string;
  /** Inputs that were missing and took the preset's fail-closed default. */
  assumed: string[];
  tier: Tier;
  clockStart: number | null;
  clockStartKind: ClockStartKind;
  deadline: number | null;
  /** The KEV catalog's due date, where the model caps the deadline with it. */
  kevDue: number | null;
  forensicTriage: boolean;
  /** `KEV · public · automatable · total → 3 days + forensic triage, from 2026-11-20 14:00 (-06:00) (discovered)`. */
  explanation: string;
}

export interface ApprovalCommit {
  commit: string;
  author: string;
  date: string;
  signature: 'good' | 'bad' | 'none' | 'unchecked';
}

export interface ExceptionResult {
  entity: Entity<ExceptionFile>;
  id: string;
  policyId: string | null;
  tier: Tier | null;
  state: ExceptionState;
  effective: boolean;
  approval: ApprovalState;
  /** Why it is not effective or not verified, in words; null when nothing is wrong. */
  detail: string | null;
  commit: ApprovalCommit | null;
  requestedOn: number | null;
  approvedOn: number | null;
  revisitOn: number | null;
}

export interface Evaluation {
  asOf: number;
  workspaceName: string;
  timezone: string;
  model: WorkspaceModel;
  plans: PlanResult[];
  exceptions: ExceptionResult[];
  kpis: Kpis;
  /** Every diagnostic of the workspace, sorted by file, line, column, code. */
  readonly diagnostics: Diagnostic[];
  /**
   * The same, by file (files without any are absent; the order of the files means nothing). An
   * incremental evaluation hands back the very same array for a file whose diagnostics did not
   * change, so an editor republishes only the others.
   */
  readonly diagnosticsByFile: ReadonlyMap<string, readonly Diagnostic[]>;
}
