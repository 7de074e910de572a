// An exception as one row of the editor's Exceptions view: how long it still applies as of an
// instant ("expires in 10d 12h", "expired 3d ago", "no revisit date"), and what git says of its
// approval. An invalid exception says why, never a countdown.
import type { ExceptionResult } from '../model/evaluation';
import { formatDuration } from '../time/durations';
import { approvalLabel, inText } from './labels';

/** How long an exception still applies as of `asOf` (its `revisit_on`), in words. */
export function exceptionTimeLeftText(exception: Pick<ExceptionResult, 'state' | 'revisitOn' | 'detail'>, asOf: number): string {
  if (exception.state === 'invalid') return `invalid: ${(exception.detail ?? 'see its diagnostics').replace(/`/g, '')}`;
  if (exception.revisitOn === null) return 'no revisit date';
  return asOf >= exception.revisitOn ? `expired ${formatDuration(asOf - exception.revisitOn)} ago` : `expires in ${formatDuration(exception.revisitOn - asOf)}`;
}

/** An exception's tree row description: time left · approval. */
export function exceptionDescription(exception: Pick<ExceptionResult, 'state' | 'revisitOn' | 'detail' | 'approval'>, asOf: number): string {
  return `${exceptionTimeLeftText(exception, asOf)} · ${inText(approvalLabel(exception.approval))}`;
}
