// The words and numbers of a diff, shared by its text and Markdown renderers so both say the same
// thing in the same order. Plain text: the renderers escape it for where it goes.
import { formatHours, formatNumber, formatPercent, DASH } from '../report/renderShared';
import { approvalLabel, exceptionStateLabel, inText, planStateLabel, tierLabel } from '../present/labels';
import { EXCEPTION_STATES, TIERS, type Kpis } from '../model/vocabulary';
import { formatInstantLocal } from '../time/instants';
import type { DiffSideSummary, ExceptionChange, ExceptionOutcome, PlanChange, WorkspaceDiff } from './workspaceDiff';

export interface KpiRow {
  measure: string;
  base: string;
  head: string;
  /** `+2`, `-1.5 pts`, `unchanged`, or DASH when either side is unknown. */
  change: string;
  /** A headline figure: shown even when unchanged (the others only when they change). */
  headline: boolean;
}

type Unit = 'count' | 'percent' | 'hours';

/** The key figures before and after, and the diagnostics of each side's files. */
export function kpiRows(diff: WorkspaceDiff): KpiRow[] {
  const row = (measure: string, unit: Unit, value: (side: DiffSideSummary) => number | null, headline = false): KpiRow => {
    const b = diff.base.absent ? null : value(diff.base);
    const h = value(diff.head);
    return { measure, base: diff.base.absent ? DASH : show(unit, b), head: show(unit, h), change: delta(unit, b, h), headline };
  };
  const k = (f: (kpis: Kpis) => number | null) => (side: DiffSideSummary) => f(side.kpis);
  return [
    row(
      'SLA compliance',
      'percent',
      k((x) => x.slaCompliancePercent),
      true,
    ),
    row(
      'Endpoints remediated',
      'percent',
      k((x) => x.endpointsRemediatedPercent),
      true,
    ),
    row(
      'Open breaches',
      'count',
      k((x) => x.openBreaches),
      true,
    ),
    row(
      'No deadline (may be late)',
      'count',
      k((x) => x.unknownDeadlines),
    ),
    row(
      'Due soon',
      'count',
      k((x) => x.dueSoon),
      true,
    ),
    row(
      'At risk',
      'count',
      k((x) => x.atRisk),
    ),
    ...TIERS.map((t) =>
      row(
        `Mean time to patch, ${inText(tierLabel(t))}`,
        'hours',
        k((x) => x.meanTimeToPatchHours[t] ?? null),
      ),
    ),
    row('Plans', 'count', (s) => s.plans),
    row('Exceptions', 'count', (s) => s.exceptions),
    ...EXCEPTION_STATES.map((state) =>
      row(
        `Exceptions ${inText(exceptionStateLabel(state))}`,
        'count',
        k((x) => x.exceptionsByState[state] ?? 0),
      ),
    ),
    row('Errors in the files', 'count', (s) => s.diagnostics.fileErrors, true),
    row('Warnings in the files', 'count', (s) => s.diagnostics.fileWarnings),
  ];
}

function show(unit: Unit, value: number | null): string {
  return unit === 'percent' ? formatPercent(value) : unit === 'hours' ? formatHours(value) : value === null ? DASH : formatNumber(value);
}

function delta(unit: Unit, before: number | null, after: number | null): string {
  if (before === null || after === null) return before === after ? 'unchanged' : DASH;
  // Both are rounded to one decimal already: the difference is rounded again only to drop float noise.
  const d = Math.round((after - before) * 10) / 10;
  if (d === 0) return 'unchanged';
  const text = `${d > 0 ? '+' : ''}${formatNumber(d)}`;
  return unit === 'percent' ? `${text} pts` : unit === 'hours' ? `${text} h` : text;
}

/** An instant in the diff's zone, DASH when there is none. */
export function localTime(iso: string | null, zone: string): string {
  return iso === null ? DASH : formatInstantLocal(Date.parse(iso), zone);
}

/** `before → after` when they differ, else the one value. */
function transition(before: string | null, after: string | null): string {
  if (before === null) return after ?? DASH;
  if (after === null) return before;
  return before === after ? after : `${before} → ${after}`;
}

/** A plan's tier, state and deadline cells: `High → Critical`, `On track → Breached`, … */
export function planCells(change: PlanChange, zone: string): { tier: string; state: string; deadline: string } {
  const { base, head } = change;
  return {
    tier: transition(base && tierLabel(base.tier), head && tierLabel(head.tier)),
    state: transition(base && stateWithRisk(base), head && stateWithRisk(head)),
    deadline: transition(base && localTime(base.deadline, zone), head && localTime(head.deadline, zone)),
  };
}

function stateWithRisk(view: { state: string; atRisk: boolean }): string {
  return `${planStateLabel(view.state)}${view.atRisk ? ' (at risk)' : ''}`;
}

/** What happened to the plan, in a few words: `new`, `removed`, `moved`, or empty. */
export function planKind(change: PlanChange): string {
  return change.change === 'added' ? 'new' : change.change === 'removed' ? 'removed' : change.changed.includes('file') ? 'moved' : '';
}

/**
 * Why, in words: the inputs that changed, then the deadline's explanation where it differs (only
 * the lines that differ, each side's). An added or removed plan: its head's or base's explanation.
 */
export function planWhy(change: PlanChange): string[] {
  const { base, head } = change;
  if (base === null) return ['new plan', ...head!.explanation];
  if (head === null) return ['removed at the head'];
  const lines = [...change.causes];
  const gone = base.explanation.filter((l) => !head.explanation.includes(l));
  const came = head.explanation.filter((l) => !base.explanation.includes(l));
  for (const l of gone) lines.push(`was: ${l.trim()}`);
  for (const l of came) lines.push(`now: ${l.trim()}`);
  return lines;
}

const OUTCOME_WORDS: Readonly<Record<string, string>> = {
  effective: 'now effective',
  not_effective: 'no longer effective',
  removed: 'removed',
};

function outcomeText(outcome: ExceptionOutcome): string {
  if (outcome in OUTCOME_WORDS) return OUTCOME_WORDS[outcome];
  if (outcome.startsWith('approval_')) return `approval ${inText(approvalLabel(outcome.slice('approval_'.length)))}`;
  return inText(exceptionStateLabel(outcome));
}

/** An exception's state and approval cells. */
export function exceptionCells(change: ExceptionChange): { state: string; approval: string; becomes: string } {
  const { base, head } = change;
  return {
    state: transition(base && exceptionStateLabel(base.state), head && exceptionStateLabel(head.state)),
    approval: transition(base && approvalLabel(base.approval), head && approvalLabel(head.approval)),
    becomes: change.becomes.map(outcomeText).join(', '),
  };
}

/** `origin/main (1a2b3c4d5e6f)`, `working tree`. */
export function sideName(side: DiffSideSummary): string {
  return side.commit === null ? side.label : `${side.label} (${side.commit.slice(0, 12)})`;
}

/** One line per thing a reader must know before trusting the numbers: a side without a workspace, errors in a side's files. */
export function sideNotes(diff: WorkspaceDiff): string[] {
  const notes: string[] = [];
  if (diff.base.absent) notes.push(`${diff.base.label} has no workspace here: every plan and exception is new.`);
  for (const side of [diff.base, diff.head]) {
    const errors = side.diagnostics.fileErrors;
    if (errors > 0 && !side.absent)
      notes.push(
        `${side.label}: ${errors} error${errors === 1 ? '' : 's'} in the files; plans are computed from what could be read (run \`patchops validate\` there).`,
      );
  }
  return notes;
}

/** The headline: what a reviewer must act on, or that nothing got worse. */
export function headline(diff: WorkspaceDiff): { alarm: boolean; text: string } {
  const parts: string[] = [];
  const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  if (diff.newBreaches.length) parts.push(count(diff.newBreaches.length, 'new breach', 'new breaches'));
  if (diff.newNoDeadline.length) parts.push(count(diff.newNoDeadline.length, 'plan newly without a deadline', 'plans newly without a deadline'));
  if (diff.newAtRisk.length) parts.push(count(diff.newAtRisk.length, 'plan newly at risk', 'plans newly at risk'));
  if (parts.length) return { alarm: true, text: parts.join(', ') };
  return { alarm: false, text: 'No new breaches, no plan newly without a deadline or at risk' };
}
