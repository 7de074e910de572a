// `validate --fail-on`: which error diagnostics make the exit code 1.
//
// - `error` (default): any error.
// - `file`: errors about the files — syntax, schema, references, duplicates, roles, waves,
//   rollback, approvals, a plan whose deadline cannot be computed — every error but the deadline
//   ones. A pull-request check with it fails when the files are wrong, not because some unrelated
//   plan's deadline has passed meanwhile.
// - `sla`: the deadline errors — a plan past its deadline (`sla.breached`), an exception past its
//   revisit date (`exception.expired`), which appear with no file changed, only because the as-of
//   passed a date the files name — and `sla.unknown`: a plan whose deadline cannot be computed
//   may be late, so the SLA gate fails closed on it too.
// - `never`: exit 0 whenever validate ran (exit 2 still means it could not run).
import type { Diagnostic, DiagnosticCode } from '../core/model/diagnostic';
import type { WorkspaceDiff } from '../core/diff/workspaceDiff';

export const FAIL_ON = ['error', 'file', 'sla', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** Which gates each code fails as an error. A Record: a new code cannot be added without deciding. */
const GATES: Record<DiagnosticCode, { file: boolean; sla: boolean }> = {
  'yaml.syntax': { file: true, sla: false },
  schema: { file: true, sla: false },
  'date.invalid': { file: true, sla: false },
  'duration.too-long': { file: true, sla: false },
  'cvss.invalid': { file: true, sla: false },
  'cycle.invalid': { file: true, sla: false },
  'timezone.unknown': { file: true, sla: false },
  'ref.unknown': { file: true, sla: false },
  'ref.duplicate-id': { file: true, sla: false },
  'ref.role': { file: true, sla: false },
  'workspace.missing': { file: true, sla: false },
  'workspace.misnamed': { file: true, sla: false },
  'sla.breached': { file: false, sla: true },
  'sla.due-soon': { file: false, sla: true },
  'sla.missed': { file: false, sla: true },
  'sla.unknown': { file: true, sla: true },
  'sla.at-risk': { file: false, sla: true },
  'testing.required': { file: true, sla: false },
  'testing.completed-missing': { file: true, sla: false },
  'wave.gate': { file: true, sla: false },
  'wave.progress': { file: true, sla: false },
  'wave.window': { file: true, sla: false },
  'rollback.missing': { file: true, sla: false },
  'risk.input-missing': { file: true, sla: false },
  'risk.forensic-triage': { file: true, sla: false },
  'exception.expired': { file: false, sla: true },
  'exception.expiring': { file: false, sla: true },
  'exception.too-long': { file: true, sla: false },
  'exception.self-approved': { file: true, sla: false },
  'exception.unauthorized': { file: true, sla: false },
  'exception.pending': { file: true, sla: false },
  'exception.unverified': { file: true, sla: false },
  'template.placeholder': { file: true, sla: false },
};

/** A code nothing here knows fails every gate (fail closed). */
const gatesOf = (code: DiagnosticCode) => GATES[code] ?? { file: true, sla: true };

/** A code the passing of a date alone brings (the files are as they were): not a file error. */
export function isDeadlineCode(code: DiagnosticCode): boolean {
  return !gatesOf(code).file;
}

/** Whether these diagnostics fail validate under `failOn`. */
export function fails(diagnostics: readonly Diagnostic[], failOn: FailOn): boolean {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  switch (failOn) {
    case 'error':
      return errors.length > 0;
    case 'file':
      return errors.some((d) => gatesOf(d.code).file);
    case 'sla':
      return errors.some((d) => gatesOf(d.code).sla);
    case 'never':
      return false;
  }
}

/** `diff --fail-on`: `never` (the default: exit 0 when it ran) or `new-breach`. */
export const DIFF_FAIL_ON = ['never', 'new-breach'] as const;
export type DiffFailOn = (typeof DIFF_FAIL_ON)[number];

/**
 * Whether a diff fails `diff --fail-on`: `new-breach` fails on a plan breached at the head and not
 * at the base, and — failing closed, as the `sla` gate does on `sla.unknown` — on a plan newly
 * without a computable deadline, which may be late.
 */
export function diffFails(diff: Pick<WorkspaceDiff, 'newBreaches' | 'newNoDeadline'>, failOn: DiffFailOn): boolean {
  return failOn === 'new-breach' && diff.newBreaches.length + diff.newNoDeadline.length > 0;
}
