// One rule's answer for one entity, kept with what it depends on: the tracked keys it read and
// the span of as-of instants over which it holds. A cell that still holds is reused as it is
// (same object, same diagnostics array), so consumers can tell by identity what changed.
import { NO_DIAGNOSTICS, type Diagnostic } from '../model/diagnostic';
import { RuleContext } from '../rules/context';
import { NO_READS, readsUnchanged, recordReads, type Reads } from './tracked';

export interface Cell<T> {
  readonly value: T;
  readonly diagnostics: readonly Diagnostic[];
  readonly reads: Reads;
  /** Computed as of this instant; holds until `validUntil` (exclusive). */
  readonly asOf: number;
  readonly validUntil: number;
}

/** Where the cells of one evaluator are made: its zone, and a count of what was computed. */
export class CellMaker {
  /** Cells computed (not reused) since the count was last reset. */
  computed = 0;

  constructor(
    readonly zone: string,
    /** False for a one-shot evaluation: nothing will be reused, so reads are not recorded. */
    private readonly track = true,
  ) {}

  /** `kept` while it holds as of `asOf`, else the cell computed anew. */
  cell<T>(kept: Cell<T> | undefined, asOf: number, compute: (ctx: RuleContext) => T): Cell<T> {
    if (kept && kept.asOf <= asOf && asOf < kept.validUntil && readsUnchanged(kept.reads)) return kept;
    const ctx = new RuleContext(asOf, this.zone);
    const { value, reads } = this.track ? recordReads(() => compute(ctx)) : { value: compute(ctx), reads: NO_READS };
    this.computed++;
    // A copy of its own size: the list, grown by push, kept room for more (~1 MB at 10,000 plans).
    return { value, diagnostics: ctx.diagnostics.length > 0 ? ctx.diagnostics.slice() : NO_DIAGNOSTICS, reads, asOf, validUntil: ctx.validUntil };
  }
}
