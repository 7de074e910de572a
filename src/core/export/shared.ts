// What the exports share: the effective exceptions (only those may silence a scanner), stable order.
import type { Evaluation, ExceptionResult } from '../model/evaluation';

/** Effective exceptions (approved, authorized, verified where required, before revisit_on), by id. */
export function effectiveExceptions(evaluation: Evaluation): ExceptionResult[] {
  return evaluation.exceptions.filter((e) => e.effective && e.revisitOn !== null).sort((a, b) => cmp(a.id, b.id));
}

export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `2027-01-15T06:00:00Z`: an instant in UTC, without milliseconds when they are zero. */
export function utc(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The exception in one sentence: id, reason, who approved, controls, revisit date. */
export function exceptionStatement(e: ExceptionResult): string {
  const x = e.entity.data;
  const controls = x.compensating_controls?.length ? ` Compensating controls: ${x.compensating_controls.join('; ')}.` : '';
  const approved = x.approval ? ` Approved by ${x.approval.approved_by} on ${x.approval.approved_on}.` : '';
  const reason = oneLine(x.reason);
  return `PatchOps exception ${x.id} (groups: ${x.groups.join(', ')}): ${reason}${/[.!?]$/.test(reason) ? '' : '.'}${approved}${controls} Revisit on ${x.revisit_on} (${utc(e.revisitOn!)}).`;
}

export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
