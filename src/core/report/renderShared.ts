// Wording, number/time formatting and ordering shared by the Markdown and HTML renderers, so both
// show the same numbers in the same order. Everything here returns plain text: callers escape it.
// No clock and no locale: relative times are computed from the document's own asOf. The labels of
// states, tiers and approvals and the orders are every surface's (src/core/present/labels.ts).

import { type ExceptionReport, type PlanReport, type ReportDocument } from './reportModel';
import {
  ATTENTION_STATES,
  compareText,
  EXCEPTION_ATTENTION_STATES,
  exceptionStateLabel,
  exceptionsWorstFirst,
  planStateLabel,
  plansWorstFirst,
} from '../present/labels';
import { EXCEPTION_STATES, PLAN_STATES, type Kpis, type PlanState } from '../model/vocabulary';
import { formatInstantLocal, isValidZone } from '../time/instants';
import { SUMMARY_LIMIT } from './formats';

/** Shown for an unknown value (null in the document). */
export const DASH = '—';

/** "high" → "High"; null → DASH. For severity, impact and testing status. */
export function capitalize(value: string | null): string {
  if (value === null || value === '') return DASH;
  return (value.charAt(0).toUpperCase() + value.slice(1)).replace(/_/g, ' ');
}

/** "in_progress" → "in progress"; null → DASH. For lower-case values inside a sentence. */
export function words(value: string | null): string {
  return value === null || value === '' ? DASH : value.replace(/_/g, ' ');
}

/** "1 error", "2 warnings". */
export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * What the report's banner says, each part on its own: the files with errors of their own (the
 * figures cover what could be read) and the plans in breach (and without a deadline: they may be
 * late). Older documents without `filesWithErrors` count the errors instead. Empty parts are ''.
 */
export function describeBanner(doc: ReportDocument): { files: string; breaches: string; unknown: string } {
  const files =
    doc.filesWithErrors === undefined
      ? doc.diagnostics.errors > 0
        ? plural(doc.diagnostics.errors, 'error')
        : ''
      : doc.filesWithErrors.length > 0
        ? `${plural(doc.filesWithErrors.length, 'file')} with errors`
        : '';
  const breached = doc.kpis.openBreaches;
  const unknown = doc.kpis.unknownDeadlines;
  return {
    files,
    breaches: breached > 0 ? `${plural(breached, 'plan')} in breach` : '',
    unknown: unknown > 0 ? `${plural(unknown, 'plan')} without a deadline` : '',
  };
}

/** True when `value` is one of `known` (used to whitelist CSS classes). */
export function isOneOf<T extends string>(known: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (known as readonly string[]).includes(value);
}

// ---- numbers -----------------------------------------------------------------------------------

/** One decimal at most, no locale (same bytes on every machine); null/NaN → DASH. */
export function formatNumber(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return DASH;
  const rounded = Math.round(value * 10) / 10;
  const [int = '0', frac] = String(Math.abs(rounded)).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${frac === undefined ? '' : `.${frac}`}`;
}

export const formatPercent = (value: number | null): string => (value === null || !Number.isFinite(value) ? DASH : `${formatNumber(value)}%`);

export const formatHours = (value: number | null): string => (value === null || !Number.isFinite(value) ? DASH : `${formatNumber(value)} h`);

/** A time to patch in days and hours, to the nearest hour: 76.5 → "3d 5h", 20 → "20h", 0.4 → "24m"; null/NaN → DASH. */
export function formatDaysHours(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return DASH;
  const sign = hours < 0 ? '-' : '';
  const abs = Math.abs(hours);
  if (abs < 1) return `${sign}${Math.round(abs * 60)}m`;
  const whole = Math.round(abs);
  const d = Math.floor(whole / 24);
  const h = whole % 24;
  return `${sign}${d === 0 ? `${h}h` : h === 0 ? `${d}d` : `${d}d ${h}h`}`;
}

// ---- instants ----------------------------------------------------------------------------------

// Only full ISO date-times with Z or an offset: Date.parse would read anything else in the
// machine's time zone, and the report must not depend on it.
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Epoch milliseconds, or NaN when the value is not an ISO instant. */
export function parseInstant(iso: string | null): number {
  return iso !== null && ISO_INSTANT.test(iso) ? Date.parse(iso) : Number.NaN;
}

/**
 * "2026-11-23 06:00 (-06:00)": an instant in the workspace zone with its offset, as `status` and the
 * editor print it (formatInstantLocal); unparseable text as written; null → DASH. A zone the runtime
 * does not know (a hand-edited document) gives UTC, whose offset still says which instant it is.
 */
export function formatInstant(iso: string | null, zone: string): string {
  if (iso === null) return DASH;
  const ms = parseInstant(iso);
  if (Number.isNaN(ms)) return iso;
  return formatInstantLocal(ms, reportZone(zone));
}

/** The zone the report's times are shown in: the document's, or UTC when it names none the runtime knows. */
const reportZone = (zone: string): string => (isValidZone(zone) ? zone : 'UTC');

/** The report's line about its times: which zone they are in. */
export function describeTimes(zone: string): string {
  return reportZone(zone) === zone
    ? `All times are in the workspace time zone, ${zone}, with their UTC offset.`
    : `All times are UTC: the workspace time zone ${zone} is not one PatchOps knows.`;
}

/** "2d 4h", "15h 30m", "45m": the two largest units, rounded down (an "at least" reading). */
function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return h > 0 ? `${d}d ${h}h` : `${d}d`;
  if (h > 0) return m > 0 ? `${h}h ${m}m` : `${h}h`;
  return m > 0 ? `${m}m` : 'under a minute';
}

/** A deadline relative to asOf: "overdue by 2d 4h" or "15h left"; null when either is unknown. */
export function describeDeadline(asOf: string, deadline: string | null): string | null {
  const delta = parseInstant(deadline) - parseInstant(asOf);
  if (Number.isNaN(delta)) return null;
  return delta < 0 ? `overdue by ${formatDuration(delta)}` : `${formatDuration(delta)} left`;
}

/** Any instant relative to asOf: "in 53d", "12d ago"; null when either is unknown. */
export function describeRelative(asOf: string, iso: string | null): string | null {
  const delta = parseInstant(iso) - parseInstant(asOf);
  if (Number.isNaN(delta)) return null;
  return delta < 0 ? `${formatDuration(delta)} ago` : `in ${formatDuration(delta)}`;
}

// ---- ordering ----------------------------------------------------------------------------------

const planKey = (p: PlanReport) => ({ state: p.state, deadline: parseInstant(p.deadline), id: p.id, file: p.file });

/** Worst first: PLAN_STATES order (breached … cancelled), then nearest deadline, then id. */
export function orderPlans(plans: readonly PlanReport[]): PlanReport[] {
  return plansWorstFirst(plans, planKey);
}

/** Breached (most overdue first), then no deadline, then due soon (least time left first), then awaiting test. */
export function attentionPlans(plans: readonly PlanReport[]): PlanReport[] {
  return plansWorstFirst(
    plans.filter((p) => isOneOf(ATTENTION_STATES, p.state)),
    planKey,
    ATTENTION_STATES,
  );
}

/** EXCEPTION_STATES order (invalid, expired, expiring, pending, active), then revisit date. */
export function orderExceptions(exceptions: readonly ExceptionReport[]): ExceptionReport[] {
  return exceptionsWorstFirst(exceptions, (e) => ({ state: e.state, revisitOn: parseInstant(e.revisitOn), id: e.id, file: e.file }));
}

/** Exceptions someone must act on: not effective, ending soon, or waiting for approval. */
export function attentionExceptions(exceptions: readonly ExceptionReport[]): ExceptionReport[] {
  return orderExceptions(exceptions.filter((e) => isOneOf(EXCEPTION_ATTENTION_STATES, e.state)));
}

/** Known keys in `order`, then any other keys the document carries (code-unit order). */
export function countsInOrder(counts: Readonly<Record<string, number | undefined>>, order: readonly string[]): [string, number][] {
  const extra = Object.keys(counts)
    .filter((k) => !order.includes(k))
    .sort(compareText);
  return [...order, ...extra].map((k): [string, number] => [k, counts[k] ?? 0]);
}

// ---- the summary (`report --summary`) ----------------------------------------------------------

/** What a renderer may be asked for besides the document. */
export interface RenderOptions {
  /** Key figures, breakdowns and the most urgent items only: for workspaces too large to list in full. */
  summary?: boolean;
}

/** The first SUMMARY_LIMIT items in a summary, all of them otherwise. */
export function listed<T>(items: readonly T[], options: RenderOptions): readonly T[] {
  return options.summary ? items.slice(0, SUMMARY_LIMIT) : items;
}

/** "and 340 more, not listed in this summary", or '' when nothing was cut. */
export function describeCut(total: number, shown: number, noun: string): string {
  return total > shown ? `${formatNumber(total - shown)} more ${noun}${total - shown === 1 ? '' : 's'} not listed in this summary.` : '';
}

/**
 * The line a summary ends with: what it did not list, by state, and how to get it all —
 * "9,800 plans not listed (met 5,000 · on track 4,800); 480 exceptions not listed. Run without --summary for all."
 */
export function describeLeftOut(doc: ReportDocument, listedPlans: readonly PlanReport[], listedExceptions: readonly ExceptionReport[]): string {
  const shownPlans = new Set(listedPlans);
  const shownExceptions = new Set(listedExceptions);
  const plans = doc.plans.filter((p) => !shownPlans.has(p));
  const exceptions = doc.exceptions.filter((e) => !shownExceptions.has(e));
  const byState = (states: readonly string[], order: readonly string[], label: (s: string) => string): string => {
    const counts: Record<string, number> = {};
    for (const s of states) counts[s] = (counts[s] ?? 0) + 1;
    return countsInOrder(counts, order)
      .filter(([, n]) => n > 0)
      .map(([s, n]) => `${label(s).toLowerCase()} ${formatNumber(n)}`)
      .join(' · ');
  };
  const parts = [
    plans.length === 0
      ? ''
      : `${formatNumber(plans.length)} plan${plans.length === 1 ? '' : 's'} not listed (${byState(
          plans.map((p) => p.state),
          PLAN_STATES,
          planStateLabel,
        )})`,
    exceptions.length === 0
      ? ''
      : `${formatNumber(exceptions.length)} exception${exceptions.length === 1 ? '' : 's'} not listed (${byState(
          exceptions.map((e) => e.state),
          EXCEPTION_STATES,
          exceptionStateLabel,
        )})`,
  ].filter((x) => x !== '');
  const what = parts.length === 0 ? 'Every plan and exception that needs attention is listed above' : parts.join('; ');
  return `${what}. This is a summary: run the report without --summary for every plan and exception in full.`;
}

// ---- KPI helpers -------------------------------------------------------------------------------

/** The counts behind slaCompliancePercent: plans with no computable deadline count as not met. */
export function slaCounts(kpis: Kpis): { met: number; missed: number; breached: number; unknown: number } {
  const n = (s: PlanState): number => kpis.plansByState[s] ?? 0;
  return { met: n('met'), missed: n('missed'), breached: n('breached'), unknown: n('unknown') };
}

/**
 * Σ patched and Σ targets over active plans whose endpoint figures are known: the counts behind
 * endpointsRemediatedPercent (endpoint-patches: an endpoint in two plans counts twice).
 */
export function endpointTotals(plans: readonly PlanReport[]): { patched: number; targets: number; failed: number } {
  const counted = plans.filter((p) => p.status === 'active' && p.endpoints.targets !== null);
  const sum = (f: (p: PlanReport) => number): number => counted.reduce((acc, p) => acc + f(p), 0);
  return { patched: sum((p) => p.endpoints.patched), targets: sum((p) => p.endpoints.targets!), failed: sum((p) => p.endpoints.failed) };
}

/** What the endpoints figure counts, and what it leaves out. */
export function endpointsNote(totals: { patched: number; targets: number }, kpis: Kpis): string {
  const left = kpis.plansWithUnknownEndpoints;
  const out = left ? `; ${left} plan${left === 1 ? '' : 's'} with unknown endpoint figures not counted` : '';
  return `${formatNumber(totals.patched)} of ${formatNumber(totals.targets)} endpoint-patches done${out}`;
}

/** "29 of 77 patched (37.7%), 2 failed" — the endpoints line of a plan. */
export function describeEndpoints(plan: PlanReport): string {
  const { targets, patched, failed } = plan.endpoints;
  const failedText = failed > 0 ? `, ${formatNumber(failed)} failed` : '';
  if (targets === null) return `${formatNumber(patched)} patched of an unknown number of targets${failedText}`;
  return `${formatNumber(patched)} of ${formatNumber(targets)} patched (${formatPercent(plan.endpointsPercent)})${failedText}`;
}

/** "CVE-2026-1234 (critical 9.8, KEV)" or "… (out of scope)". */
export function describeVulnerability(v: PlanReport['vulnerabilities'][number]): string {
  const facts = [v.severity ?? 'severity unknown', v.score === null || !Number.isFinite(v.score) ? '' : v.score.toFixed(1)].filter((s) => s !== '').join(' ');
  const extras = [facts, v.kev ? 'KEV' : '', v.inScope ? '' : 'out of scope'].filter((s) => s !== '');
  return `${v.id} (${extras.join(', ')})`;
}

/** Why an awaiting-test plan has no deadline, in words. */
export function describeTesting(testing: PlanReport['testing']): string {
  return testing === null ? 'no testing recorded' : `testing ${capitalize(testing).toLowerCase()}`;
}
