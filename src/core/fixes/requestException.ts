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
  return new PendingExceptions(evaluation.exceptions).askingFor(plan);
}

/**
 * The pending exceptions, indexed once by the plan and the vulnerabilities they name: thousands
 * of plans and of exceptions, and no plan looks through all.
 */
class PendingExceptions {
  private readonly byPlan = new Map<string, ExceptionResult[]>();
  private readonly byVulnerability = new Map<string, ExceptionResult[]>();
  /** Of two with the same id, the first in the evaluation's order answers. */
  private readonly position = new Map<ExceptionResult, number>();

  constructor(exceptions: readonly ExceptionResult[]) {
    for (const e of exceptions) {
      if (e.state !== 'pending') continue;
      this.position.set(e, this.position.size);
      if (e.entity.data.plan !== undefined) add(this.byPlan, e.entity.data.plan, e);
      else for (const v of e.entity.data.vulnerabilities) add(this.byVulnerability, v, e);
    }
  }

  get none(): boolean {
    return this.position.size === 0;
  }

  /** The one that asks for `plan` (see pendingExceptionFor), or undefined. */
  askingFor(plan: PlanResult): ExceptionResult | undefined {
    const groups = plan.entity.data.affects ?? [];
    let pending: ExceptionResult | undefined;
    const consider = (e: ExceptionResult) => {
      if (!pending || e.id < pending.id || (e.id === pending.id && this.position.get(e)! < this.position.get(pending)!)) pending = e;
    };
    this.byPlan.get(plan.id)?.forEach(consider);
    for (const v of plan.entity.data.vulnerabilities ?? []) {
      for (const e of this.byVulnerability.get(v.id) ?? []) if (e.entity.data.groups.some((g) => groups.includes(g))) consider(e);
    }
    return pending;
  }
}

function add(index: Map<string, ExceptionResult[]>, key: string, e: ExceptionResult): void {
  const list = index.get(key);
  if (list) list.push(e);
  else index.set(key, [e]);
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

/** Each breached plan's file → where its pending exception is (plans with none are absent). */
export function pendingRequestsByFile(evaluation: Pick<Evaluation, 'exceptions' | 'plans'>): Map<string, RelatedInformation> {
  const byFile = new Map<string, RelatedInformation>();
  const pending = new PendingExceptions(evaluation.exceptions);
  if (pending.none) return byFile;
  for (const plan of evaluation.plans) {
    if (plan.state !== 'breached') continue;
    const asking = pending.askingFor(plan);
    if (asking) byFile.set(plan.entity.source.file, pendingExceptionRelated(asking));
  }
  return byFile;
}

/** A breach diagnostic with its pending exception among its related information; any other diagnostic as it is. */
export function withPendingRequest(diagnostic: Diagnostic, pending: RelatedInformation | undefined): Diagnostic {
  if (!pending || !REQUEST_EXCEPTION_CODES.includes(diagnostic.code)) return diagnostic;
  return { ...diagnostic, related: [...(diagnostic.related ?? []), pending] };
}
