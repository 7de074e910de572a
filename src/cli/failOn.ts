// `validate --fail-on`: which error diagnostics make the exit code 1.
//
// - `error` (default): any error.
// - `file`: errors in the files themselves — syntax, schema, references, duplicates, roles, waves,
//   rollback, approvals — every error but the deadline ones below. A pull-request check with it
//   fails when the files are wrong, not because some unrelated plan's deadline has passed.
// - `sla`: only the deadline errors: the `sla.*` codes (a plan past its deadline) and
//   `exception.expired` (an exception past its revisit date). Both appear with no change to any
//   file, only because the as-of passed a date the files name: they are the SLA's state, not the
//   files' validity.
// - `never`: exit 0 whenever validate ran (exit 2 still means it could not run).
import type { Diagnostic, DiagnosticCode } from '../core/model/diagnostic';

export const FAIL_ON = ['error', 'file', 'sla', 'never'] as const;
export type FailOn = (typeof FAIL_ON)[number];

/** An error that the passing of a deadline alone produces. */
export function isDeadlineCode(code: DiagnosticCode): boolean {
  return code.startsWith('sla.') || code === 'exception.expired';
}

/** Whether these diagnostics fail validate under `failOn`. */
export function fails(diagnostics: readonly Diagnostic[], failOn: FailOn): boolean {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  switch (failOn) {
    case 'error':
      return errors.length > 0;
    case 'file':
      return errors.some((d) => !isDeadlineCode(d.code));
    case 'sla':
      return errors.some((d) => isDeadlineCode(d.code));
    case 'never':
      return false;
  }
}
