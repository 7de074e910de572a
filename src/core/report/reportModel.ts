// The report document (docs/cli.md#the-report-json): what `report --format json` prints and what every other
// report format (markdown, HTML, CSV) renders. Instants are ISO 8601 UTC strings; unknowns are null.

import type {
  ApprovalState,
  ClockStartKind,
  ExceptionState,
  ForecastCause,
  Impact,
  Kpis,
  PlanState,
  SeverityBand,
  Tier,
  WaveStatus,
} from '../model/vocabulary';

export interface WaveReport {
  name: string;
  status: WaveStatus;
  targets: number | null;
  patched: number;
  failed: number;
  /** patched / targets × 100, one decimal; null when targets is unknown or 0. */
  percent: number | null;
  started: string | null;
  completed: string | null;
  /** Why this wave may not start yet (gate of the wave before it), or null. */
  blockedBy: string | null;
  /** What it started before it was allowed to (its gate, or testing), or null. */
  startedEarly: string | null;
  /** Projected start and finish (null: cannot be projected); absent when the plan has no schedule inputs. */
  forecast?: { start: string | null; finish: string | null };
}

/** docs/rules.md#forecast: absent when no wave has `planned_start`, `duration` or `rate`. */
export interface ForecastReport {
  /** When the last wave is projected to finish; null when it cannot be projected (see unknownReason). */
  finish: string | null;
  /** Hours from the projected finish to the deadline, one decimal (negative: late); null without both. */
  slackHours: number | null;
  limitedBy: ForecastCause | null;
  /** Projected to finish after the deadline while not yet late (`sla.at-risk`). */
  atRisk: boolean;
  unknownReason: string | null;
  /** The freezes that hold for any of its waves, by start. */
  freezes: { from: string; to: string; reason: string | null }[];
}

export interface PlanReport {
  id: string;
  file: string;
  title: string;
  owner: string;
  validator: string;
  /** The asset groups it affects (`affects`). Optional: documents written before it exist. */
  groups?: string[];
  sla: string | null;
  status: 'active' | 'cancelled';
  severity: SeverityBand | null;
  impact: Impact | null;
  kev: boolean;
  tier: Tier | null;
  state: PlanState;
  /** Why there is no deadline (state `unknown`): no usable policy, an unreadable value…; else null. */
  unknownReason: string | null;
  testing: 'pending' | 'in_progress' | 'passed' | 'failed' | null;
  clockStart: string | null;
  deadline: string | null;
  /** Where the deadline comes from ("critical tier: 72h from testing passed"); null without one. Optional: older documents lack it. */
  deadlineOrigin?: string | null;
  remediatedAt: string | null;
  timeToPatchHours: number | null;
  /** `targets` is null when unknown (a wave names an unknown group, or its numbers are impossible). */
  endpoints: { targets: number | null; patched: number; failed: number };
  /** Σ patched / Σ targets × 100 over the plan's waves, one decimal; null when no or unknown targets. */
  endpointsPercent: number | null;
  vulnerabilities: { id: string; severity: SeverityBand | null; score: number | null; kev: boolean; inScope: boolean }[];
  waves: WaveReport[];
  exemptedBy: readonly string[];
  forecast?: ForecastReport;
  /** The policy's risk model (`risk.model`): `matrix`, or a model of record. */
  riskModel: string;
  /** Under a model of record: the vulnerability × group that sets the deadline, explained. */
  deadlineBy: PairReport | null;
  /** Under a model of record: every in-scope vulnerability × group with its own deadline. */
  pairs: PairReport[];
}

export interface PairReport {
  vulnerability: string;
  group: string | null;
  outcome: string;
  inputs: string;
  /** Inputs that were missing and took the preset's fail-closed default (`exposure: public`). */
  assumed: string[];
  tier: Tier;
  clockStart: string | null;
  clockStartKind: ClockStartKind;
  deadline: string | null;
  kevDue: string | null;
  forensicTriage: boolean;
  explanation: string;
}

export interface ExceptionReport {
  id: string;
  file: string;
  plan: string | null;
  vulnerabilities: string[];
  groups: string[];
  requestedBy: string;
  requestedOn: string | null;
  reason: string;
  compensatingControls: string[];
  approvedBy: string | null;
  approvedOn: string | null;
  tier: Tier | null;
  state: ExceptionState;
  effective: boolean;
  revisitOn: string | null;
  approval: ApprovalState;
  /** Why the approval is not verified or the exception is invalid, in words; null otherwise. */
  approvalDetail: string | null;
  /**
   * The commit git review found for the approval block (docs/git-review.md): id, author email, author date
   * (ISO UTC) and signature state (`unchecked` unless the policy requires signed approvals); null
   * when git was not asked or nothing is committed. Optional: documents written before it exist.
   */
  approvalCommit?: ApprovalCommitReport | null;
}

export interface ApprovalCommitReport {
  commit: string;
  author: string;
  date: string;
  signature: 'good' | 'bad' | 'none' | 'unchecked';
}

export interface ReportDocument {
  asOf: string;
  workspace: string;
  timezone: string;
  plans: PlanReport[];
  exceptions: ExceptionReport[];
  kpis: Kpis;
  diagnostics: { errors: number; warnings: number; infos: number };
  /**
   * The files with errors of their own (every error but a passed date: `sla.breached`,
   * `exception.expired`), by path, each with its first error. Optional: older documents lack it.
   */
  filesWithErrors?: FileErrors[];
}

export interface FileErrors {
  file: string;
  errors: number;
  /** The first error: 1-based line and column, code and message. */
  first: { line: number; column: number; code: string; message: string };
}
