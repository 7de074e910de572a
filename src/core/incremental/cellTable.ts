// One rule's cells, one per entity, kept from one evaluation to the next. Each evaluation marks
// the entities it asks for as seen; the rows it did not see belong to entities deleted or
// replaced (a re-parsed file makes new entities), and `sweep` drops them.
import type { RuleContext } from '../rules/context';
import type { Cell, CellMaker } from './cells';

interface Row<C> {
  cell: Cell<C>;
  /** The evaluation that last asked for this entity's cell. */
  seen: number;
}

export class CellTable<E, C> {
  private readonly rows = new Map<E, Row<C>>();
  /** The evaluation count. */
  private generation = 0;
  /** Rows seen by the current evaluation: when that is all of them, `sweep` has nothing to look for. */
  private seenCount = 0;

  constructor(private readonly maker: CellMaker) {}

  /** Start an evaluation: no row is seen yet. */
  begin(): void {
    this.generation++;
    this.seenCount = 0;
  }

  /**
   * The entity's cell as of `asOf`: the kept one while it holds, else computed anew. Marks the
   * entity seen. `changed` hears of a new cell, with the one it replaces (none for a new entity).
   */
  cell(entity: E, asOf: number, compute: (ctx: RuleContext) => C, changed?: (entity: E, cell: Cell<C>, before: Cell<C> | undefined) => void): Cell<C> {
    const row = this.rows.get(entity);
    const cell = this.maker.cell(row?.cell, asOf, compute);
    if (!row) {
      this.rows.set(entity, { cell, seen: this.generation });
      this.seenCount++;
      changed?.(entity, cell, undefined);
      return cell;
    }
    if (row.seen !== this.generation) {
      row.seen = this.generation;
      this.seenCount++;
    }
    if (cell !== row.cell) {
      const before = row.cell;
      row.cell = cell;
      changed?.(entity, cell, before);
    }
    return cell;
  }

  /** The entity's latest cell, if it has one. */
  get(entity: E): Cell<C> | undefined {
    return this.rows.get(entity)?.cell;
  }

  /** Drop the entity's cell, so that the next `cell()` computes it anew (what it read cannot tell it is stale). */
  forget(entity: E): void {
    const row = this.rows.get(entity);
    if (!row) return;
    if (row.seen === this.generation) this.seenCount--;
    this.rows.delete(entity);
  }

  /** Every kept cell. */
  *cells(): Generator<Cell<C>> {
    for (const row of this.rows.values()) yield row.cell;
  }

  /** Drop the rows the current evaluation did not see, telling `gone` of each. */
  sweep(gone: (entity: E, cell: Cell<C>) => void): void {
    if (this.seenCount === this.rows.size) return;
    for (const [entity, row] of this.rows) {
      if (row.seen === this.generation) continue;
      this.rows.delete(entity);
      gone(entity, row.cell);
    }
  }

  get size(): number {
    return this.rows.size;
  }
}
