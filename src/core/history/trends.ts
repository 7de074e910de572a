// From evaluations at a series of instants to the history: each point's KPIs and diagnostic
// counts, what changed between consecutive points (breaches opened and closed, exceptions opened,
// approved and expired) and the wins of the range. Only what a point can tell is counted: a point
// without KPIs makes the periods beside it null, never zero.
import type { Evaluation, ExceptionResult, PlanResult } from '../model/evaluation';
import type { Kpis } from '../model/vocabulary';
import { toIso } from '../time/instants';
import type { Every, HistoryDocument, HistoryPoint, TrendPeriod, Wins } from './historyModel';

type PlanFact = Pick<PlanResult, 'state' | 'title' | 'remediatedAt' | 'timeToPatchMs' | 'timeToPatchHours'>;
type ExceptionFact = Pick<ExceptionResult, 'state' | 'approvedOn'>;

/** What the periods compare, per plan and exception id. */
interface PointFacts {
  plans: ReadonlyMap<string, PlanFact>;
  exceptions: ReadonlyMap<string, ExceptionFact>;
}

// A few fields, not the results: a result holds its file's parsed source, and a history keeps every
// point. An incremental evaluation hands back the same result for what did not change, and so gets
// the same facts back.
const planFacts = new WeakMap<PlanResult, PlanFact>();
const exceptionFacts = new WeakMap<ExceptionResult, ExceptionFact>();

function planFact(p: PlanResult): PlanFact {
  let fact = planFacts.get(p);
  if (!fact)
    planFacts.set(
      p,
      (fact = { state: p.state, title: p.title, remediatedAt: p.remediatedAt, timeToPatchMs: p.timeToPatchMs, timeToPatchHours: p.timeToPatchHours }),
    );
  return fact;
}

function exceptionFact(e: ExceptionResult): ExceptionFact {
  let fact = exceptionFacts.get(e);
  if (!fact) exceptionFacts.set(e, (fact = { state: e.state, approvedOn: e.approvedOn }));
  return fact;
}

/** One point before it joins the history: its evaluation reduced to what the history keeps. */
export interface PointInput {
  at: number;
  commit: string | null;
  kpis: Kpis | null;
  diagnostics: { errors: number; warnings: number } | null;
  note: string | null;
  facts: PointFacts | null;
}

/** The point of an evaluation (of the workspace as committed at `commit`, as of `at`). */
export function evaluatedPoint(evaluation: Evaluation, commit: string): PointInput {
  let errors = 0;
  let warnings = 0;
  for (const list of evaluation.diagnosticsByFile.values())
    for (const d of list) {
      if (d.severity === 'error') errors++;
      else if (d.severity === 'warning') warnings++;
    }
  const plans = new Map<string, PlanFact>();
  for (const p of evaluation.plans) {
    // An id declared twice (a diagnostic says so) counts once, breached if either is.
    if (plans.get(p.id)?.state !== 'breached') plans.set(p.id, planFact(p));
  }
  const exceptions = new Map<string, ExceptionFact>();
  for (const e of evaluation.exceptions) if (!exceptions.has(e.id)) exceptions.set(e.id, exceptionFact(e));
  return { at: evaluation.asOf, commit, kpis: evaluation.kpis, diagnostics: { errors, warnings }, note: null, facts: { plans, exceptions } };
}

/** A point where the workspace cannot be read: no KPIs, and why. */
export function missingPoint(at: number, commit: string | null, note: string): PointInput {
  return { at, commit, kpis: null, diagnostics: null, note, facts: null };
}

export interface HistoryHeader {
  workspace: string;
  timezone: string;
  every: Every;
  since: number;
  until: number;
  missing: string | null;
}

export function buildHistory(header: HistoryHeader, inputs: readonly PointInput[]): HistoryDocument {
  const points: HistoryPoint[] = inputs.map((p) => ({ at: toIso(p.at), commit: p.commit, kpis: p.kpis, diagnostics: p.diagnostics, note: p.note }));
  const periods: TrendPeriod[] = [];
  const closed = new Set<string>();
  for (let i = 1; i < inputs.length; i++) {
    const [a, b] = [inputs[i - 1], inputs[i]];
    const period = { from: toIso(a.at), to: toIso(b.at) };
    if (!a.facts || !b.facts) {
      periods.push({ ...period, breachesOpened: null, breachesClosed: null, exceptionsOpened: null, exceptionsApproved: null, exceptionsExpired: null });
      continue;
    }
    const [before, after] = [a.facts, b.facts];
    const breachedBefore = (id: string) => before.plans.get(id)?.state === 'breached';
    const opened = [...after.plans].filter(([id, p]) => p.state === 'breached' && !breachedBefore(id)).length;
    const closedNow = [...before.plans]
      .filter(([id, p]) => p.state === 'breached' && after.plans.has(id) && after.plans.get(id)!.state !== 'breached')
      .map(([id]) => id);
    closedNow.forEach((id) => closed.add(id));
    const exceptions = [...after.exceptions];
    periods.push({
      ...period,
      breachesOpened: opened,
      breachesClosed: closedNow.length,
      exceptionsOpened: exceptions.filter(([id]) => !before.exceptions.has(id)).length,
      exceptionsApproved: exceptions.filter(([id, e]) => e.approvedOn !== null && (before.exceptions.get(id)?.approvedOn ?? null) === null).length,
      exceptionsExpired: exceptions.filter(([id, e]) => e.state === 'expired' && before.exceptions.get(id)?.state !== 'expired').length,
    });
  }
  return {
    workspace: header.workspace,
    timezone: header.timezone,
    every: header.every,
    since: toIso(header.since),
    until: toIso(header.until),
    missing: header.missing,
    points,
    periods,
    wins: winsOf(inputs, closed),
  };
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function winsOf(inputs: readonly PointInput[], closed: ReadonlySet<string>): Wins {
  const known = inputs.filter((p) => p.facts !== null);
  const first = known[0];
  const last = known[known.length - 1];
  if (!first?.facts || !last?.facts) return { from: null, to: null, plansMet: [], fastest: null, breachesClosed: [], exceptionsRetired: [] };
  const inRange = (ms: number | null) => ms !== null && ms > first.at && ms <= last.at;
  const remediated = [...last.facts.plans].filter(([, p]) => inRange(p.remediatedAt));
  let fastest: Wins['fastest'] = null;
  let fastestMs = Infinity;
  for (const [id, p] of remediated.sort(([a], [b]) => byId(a, b))) {
    if (p.timeToPatchMs === null || p.timeToPatchHours === null || p.timeToPatchMs >= fastestMs) continue;
    fastestMs = p.timeToPatchMs;
    fastest = { plan: id, title: p.title, hours: p.timeToPatchHours };
  }
  return {
    from: toIso(first.at),
    to: toIso(last.at),
    plansMet: remediated.filter(([, p]) => p.state === 'met').map(([id]) => id),
    fastest,
    breachesClosed: [...closed].sort(byId),
    exceptionsRetired: [...first.facts.exceptions.keys()].filter((id) => !last.facts!.exceptions.has(id)).sort(byId),
  };
}
