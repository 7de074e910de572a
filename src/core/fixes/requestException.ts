// "Request an exception" from a breach: which pending exception already asks for the plan, the
// words the editor shows for it, and what a new request starts from (the next free id, the
// exception template filled from the plan). The editor only shows and writes what this computes.
import type { Diagnostic, RelatedInformation } from '../model/diagnostic';
import type { Evaluation, ExceptionResult, PlanResult } from '../model/evaluation';
import { instantToWallClock } from '../time/instants';
import { newExceptionText, nextFreeId } from '../templates/templates';

/** The diagnostics that offer a request: the plan is late and nothing exempts it yet. */
export const REQUEST_EXCEPTION_CODES: readonly string[] = ['sla.breached'];

/**
 * A pending exception (requested, not approved: it exempts nothing yet) that asks for this plan:
 * one that names it (`plan:`), or names one of its vulnerabilities on one of its groups. The
 * lowest id when there are several, so every surface names the same one.
 */
export function pendingExceptionFor(evaluation: Pick<Evaluation, 'exceptions'>, plan: PlanResult): ExceptionResult | undefined {
  const vulnerabilities = new Set(plan.entity.data.vulnerabilities?.map((v) => v.id) ?? []);
  const groups = new Set(plan.entity.data.affects ?? []);
  const asks = (e: ExceptionResult) =>
    e.entity.data.plan === plan.id ||
    (e.entity.data.plan === undefined && e.entity.data.vulnerabilities.some((v) => vulnerabilities.has(v)) && e.entity.data.groups.some((g) => groups.has(g)));
  return evaluation.exceptions.filter((e) => e.state === 'pending' && asks(e)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}

/** The related information a plan's breach carries: where its pending exception is. */
export function pendingExceptionRelated(exception: ExceptionResult): RelatedInformation {
  return {
    file: exception.entity.source.file,
    range: exception.entity.source.rangeOf([...exception.entity.path, 'id']),
    message: `exception ${exception.id} is requested for this plan and awaits approval: it exempts nothing until approved`,
  };
}

/** The quick fix's title: open the pending request, or start one. */
export function requestExceptionTitle(planId: string, pending?: ExceptionResult): string {
  return pending ? `Open pending exception ${pending.id} (awaiting approval)` : `Request an exception for ${planId}`;
}

/** The local date (YYYY-MM-DD) of an instant in a zone: "today" as of the evaluation. */
export function localDate(ms: number, zone: string): string {
  return new Date(instantToWallClock(ms, zone)).toISOString().slice(0, 10);
}

/** A new request for a plan, as of the evaluation: its id, where it goes, and its text from the template. */
export function exceptionRequestFor(evaluation: Pick<Evaluation, 'exceptions' | 'asOf' | 'timezone'>, plan: PlanResult, requestedBy: string) {
  const today = localDate(evaluation.asOf, evaluation.timezone);
  const id = nextFreeId(
    'EXC',
    Number(today.slice(0, 4)),
    evaluation.exceptions.map((e) => e.id),
  );
  const text = newExceptionText({
    id,
    // What is still in scope: a vulnerability another exception already exempts is not asked for twice.
    vulnerabilities: plan.vulnerabilities.filter((v) => v.inScope).map((v) => v.id),
    groups: [...(plan.entity.data.affects ?? [])],
    plan: plan.id,
    requestedBy,
    requestedOn: today,
  });
  return { id, file: `exceptions/${id}.exception.yaml`, text };
}

/**
 * Each breached plan's file → where its pending exception is (plans with none are absent): what
 * `pendingExceptionFor` finds for each, with the pending exceptions indexed once by the plan and
 * the vulnerabilities they name (thousands of plans and of exceptions: no plan looks through all).
 */
export function pendingRequestsByFile(evaluation: Pick<Evaluation, 'exceptions' | 'plans'>): Map<string, RelatedInformation> {
  const byFile = new Map<string, RelatedInformation>();
  const byPlan = new Map<string, ExceptionResult[]>();
  const byVulnerability = new Map<string, ExceptionResult[]>();
  const add = (index: Map<string, ExceptionResult[]>, key: string, e: ExceptionResult) => {
    const list = index.get(key);
    if (list) list.push(e);
    else index.set(key, [e]);
  };
  // Of two with the same id, the first in the evaluation's order, as pendingExceptionFor's stable sort picks.
  const position = new Map<ExceptionResult, number>();
  for (const e of evaluation.exceptions) {
    if (e.state !== 'pending') continue;
    position.set(e, position.size);
    if (e.entity.data.plan !== undefined) add(byPlan, e.entity.data.plan, e);
    else for (const v of e.entity.data.vulnerabilities) add(byVulnerability, v, e);
  }
  if (byPlan.size === 0 && byVulnerability.size === 0) return byFile;
  for (const plan of evaluation.plans) {
    if (plan.state !== 'breached') continue;
    const groups = plan.entity.data.affects ?? [];
    let pending: ExceptionResult | undefined;
    const consider = (e: ExceptionResult) => {
      if (!pending || e.id < pending.id || (e.id === pending.id && position.get(e)! < position.get(pending)!)) pending = e;
    };
    byPlan.get(plan.id)?.forEach(consider);
    for (const v of plan.entity.data.vulnerabilities ?? []) {
      for (const e of byVulnerability.get(v.id) ?? []) if (e.entity.data.groups.some((g) => groups.includes(g))) consider(e);
    }
    if (pending) byFile.set(plan.entity.source.file, pendingExceptionRelated(pending));
  }
  return byFile;
}

/** A breach diagnostic with its pending exception among its related information; any other diagnostic as it is. */
export function withPendingRequest(diagnostic: Diagnostic, pending: RelatedInformation | undefined): Diagnostic {
  if (!pending || !REQUEST_EXCEPTION_CODES.includes(diagnostic.code)) return diagnostic;
  return { ...diagnostic, related: [...(diagnostic.related ?? []), pending] };
}
