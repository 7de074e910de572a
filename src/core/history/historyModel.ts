// The shapes of `patchops history` and of the report's trends (docs/cli.md#history): a point per
// instant (the workspace as committed then, evaluated as of then), what changed between two
// points, and the wins of the whole range. Types only.
import type { Kpis } from '../model/vocabulary';

export type Every = 'month' | 'week' | 'commit';

export interface HistoryPoint {
  /** The instant (ISO, UTC): a period boundary in the workspace's zone, or a commit's committer date. */
  at: string;
  /** The commit the workspace is read from (the newest first-parent commit at `at`); null when there is none. */
  commit: string | null;
  /** Null when the workspace could not be read at that instant: `note` says why. */
  kpis: Kpis | null;
  diagnostics: { errors: number; warnings: number } | null;
  /** Why there are no KPIs (before the first commit, beyond a shallow clone's boundary, git failed). */
  note: string | null;
}

/** What changed between two consecutive points; null counts where either point has no KPIs. */
export interface TrendPeriod {
  from: string;
  to: string;
  breachesOpened: number | null;
  breachesClosed: number | null;
  exceptionsOpened: number | null;
  exceptionsApproved: number | null;
  exceptionsExpired: number | null;
}

/** The retrospective of the range: from its first point with KPIs to its last. */
export interface Wins {
  from: string | null;
  to: string | null;
  /** Plans met (patched in time) inside the range, by id. */
  plansMet: string[];
  /** The plan remediated inside the range with the shortest time to patch. */
  fastest: { plan: string; title: string; hours: number } | null;
  /** Plans breached at one point and no longer breached at the next (still in the workspace). */
  breachesClosed: string[];
  /** Exceptions in the workspace at the start of the range and gone from it at the end. */
  exceptionsRetired: string[];
}

export interface HistoryDocument {
  workspace: string;
  timezone: string;
  every: Every;
  since: string;
  until: string;
  /** The history this repository does not have (a shallow clone), in words; null when it is whole. */
  missing: string | null;
  points: HistoryPoint[];
  periods: TrendPeriod[];
  wins: Wins;
}
