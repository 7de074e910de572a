// The words every surface shows for the domain's values, and the order it lists them in: one
// module for the editor's trees and status bar, the CLI's text and the reports, so they cannot
// disagree. A label is written once, in sentence case ("Due soon"); a surface may restyle it (lower
// case inside a sentence or a terminal table, upper case for emphasis) but never reword it.
// Orders compare text by code units: the same on every machine, whatever its locale.
import type { ExceptionResult, PlanResult } from '../model/evaluation';
import { EXCEPTION_STATES, PLAN_STATES, type ApprovalState, type ExceptionState, type PlanState, type Tier, type WaveStatus } from '../model/vocabulary';

export const PLAN_STATE_LABELS: Readonly<Record<PlanState, string>> = {
  breached: 'Breached',
  unknown: 'No deadline',
  due_soon: 'Due soon',
  awaiting_test: 'Awaiting test',
  on_track: 'On track',
  missed: 'Missed',
  met: 'Met',
  exempt: 'Exempt',
  cancelled: 'Cancelled',
};

export const EXCEPTION_STATE_LABELS: Readonly<Record<ExceptionState, string>> = {
  invalid: 'Invalid',
  expired: 'Expired',
  expiring: 'Expiring',
  pending: 'Pending approval',
  active: 'Active',
};

export const APPROVAL_LABELS: Readonly<Record<ApprovalState, string>> = {
  verified: 'Verified in git',
  unverified: 'Not verified',
  unchecked: 'Not checked',
  missing: 'No approval',
};

export const WAVE_STATUS_LABELS: Readonly<Record<WaveStatus, string>> = {
  planned: 'Planned',
  in_progress: 'In progress',
  paused: 'Paused',
  complete: 'Complete',
  rolled_back: 'Rolled back',
};

export const TIER_LABELS: Readonly<Record<Tier, string>> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** A plan whose tier cannot be computed. */
export const NO_TIER = 'No tier';

/** Approval and wave-status values in display order (the model needs no list of them). */
export const APPROVAL_STATES: readonly ApprovalState[] = ['verified', 'unverified', 'unchecked', 'missing'];
export const WAVE_STATUSES: readonly WaveStatus[] = ['planned', 'in_progress', 'paused', 'complete', 'rolled_back'];

/** Plan states someone must act on, most urgent first. */
export const ATTENTION_STATES: readonly PlanState[] = ['breached', 'unknown', 'due_soon', 'awaiting_test'];
/** Exception states someone must act on: not effective, ending soon, or waiting for approval. */
export const EXCEPTION_ATTENTION_STATES: readonly ExceptionState[] = ['invalid', 'expired', 'expiring', 'pending'];

/** A report document is JSON someone may have edited: a value no label knows is shown as written. */
function lookup<K extends string>(labels: Readonly<Record<K, string>>, key: string): string {
  return Object.prototype.hasOwnProperty.call(labels, key) ? labels[key as K] : key;
}

export const planStateLabel = (state: string): string => lookup(PLAN_STATE_LABELS, state);
export const exceptionStateLabel = (state: string): string => lookup(EXCEPTION_STATE_LABELS, state);
export const approvalLabel = (approval: string): string => lookup(APPROVAL_LABELS, approval);
export const waveStatusLabel = (status: string): string => lookup(WAVE_STATUS_LABELS, status);
export const tierLabel = (tier: string | null): string => (tier === null ? NO_TIER : lookup(TIER_LABELS, tier));

/** A label inside a sentence or a lower-case table: "Due soon" → "due soon". Not locale-dependent. */
export const inText = (label: string): string => label.toLowerCase();

// ---- ordering ----------------------------------------------------------------------------------

/** Code-unit order: localeCompare would depend on the machine's ICU locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A value's place in `order`; values it does not know come after all it knows. */
function rank(order: readonly string[], value: string): number {
  const i = order.indexOf(value);
  return i < 0 ? order.length : i;
}

/** Earlier instants (epoch ms) first; unknown ones (null, NaN) last. */
function compareInstants(a: number | null, b: number | null): number {
  const x = a ?? Number.NaN;
  const y = b ?? Number.NaN;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number(Number.isNaN(x)) - Number(Number.isNaN(y));
  return x - y;
}

/** What plans are ordered by, whichever shape holds them (an evaluation's result, a report's row). */
export interface PlanOrderKey {
  state: string;
  /** Epoch ms; null or NaN when unknown. */
  deadline: number | null;
  id: string;
  /** Two plans may share an id (a duplicate): the file tells them apart. */
  file: string;
}

/**
 * Worst first: state in `order` (PLAN_STATES: breached … cancelled), then the nearest deadline
 * (none last), then id and file. The trees, `patchops status` and the reports all list plans so.
 */
export function plansWorstFirst<T>(plans: readonly T[], key: (plan: T) => PlanOrderKey, order: readonly string[] = PLAN_STATES): T[] {
  return sortedBy(
    plans,
    key,
    (a, b) => rank(order, a.state) - rank(order, b.state) || compareInstants(a.deadline, b.deadline) || compareText(a.id, b.id) || compareText(a.file, b.file),
  );
}

/** What exceptions are ordered by. */
export interface ExceptionOrderKey {
  state: string;
  /** Epoch ms; null or NaN when unknown. */
  revisitOn: number | null;
  id: string;
  file: string;
}

/** EXCEPTION_STATES order (invalid, expired, expiring, pending, active), then revisit date, id and file. */
export function exceptionsWorstFirst<T>(exceptions: readonly T[], key: (exception: T) => ExceptionOrderKey): T[] {
  return sortedBy(
    exceptions,
    key,
    (a, b) =>
      rank(EXCEPTION_STATES, a.state) - rank(EXCEPTION_STATES, b.state) ||
      compareInstants(a.revisitOn, b.revisitOn) ||
      compareText(a.id, b.id) ||
      compareText(a.file, b.file),
  );
}

/** An evaluation's plans, worst first (the trees and `patchops status`). */
export function orderPlanResults(plans: readonly PlanResult[], order: readonly string[] = PLAN_STATES): PlanResult[] {
  return plansWorstFirst(plans, (p) => ({ state: p.state, deadline: p.deadline, id: p.id, file: p.entity.source.file }), order);
}

/** An evaluation's exceptions, worst first (the trees and `patchops status`). */
export function orderExceptionResults(exceptions: readonly ExceptionResult[]): ExceptionResult[] {
  return exceptionsWorstFirst(exceptions, (e) => ({ state: e.state, revisitOn: e.revisitOn, id: e.id, file: e.entity.source.file }));
}

/** A sorted copy; each item's key is computed once. */
function sortedBy<T, K>(items: readonly T[], key: (item: T) => K, compare: (a: K, b: K) => number): T[] {
  return items
    .map((item) => ({ item, key: key(item) }))
    .sort((a, b) => compare(a.key, b.key))
    .map((x) => x.item);
}
