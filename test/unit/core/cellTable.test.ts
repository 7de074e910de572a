// The cell table: one rule's cells by entity, reused while they hold, dropped when an evaluation
// no longer sees their entity.
import assert from 'node:assert/strict';
import { CellMaker, type Cell } from '../../../src/core/incremental/cells';
import { CellTable } from '../../../src/core/incremental/cellTable';
import { TrackedMap } from '../../../src/core/incremental/tracked';

const AS_OF = Date.UTC(2026, 10, 23, 12);
const HOUR = 3_600_000;

/** A table whose rule reads one key of a tracked map per entity, counting what it computes. */
function setup() {
  const maker = new CellMaker('UTC');
  const table = new CellTable<string, string>(maker);
  const input = new TrackedMap<string, string>();
  const computed: string[] = [];
  const changes: [string, string, string | undefined][] = [];
  const rule = (entity: string) => () => {
    computed.push(entity);
    return `${entity}=${input.get(entity) ?? '?'}`;
  };
  const changed = (entity: string, cell: Cell<string>, before: Cell<string> | undefined) => changes.push([entity, cell.value, before?.value]);
  /** One evaluation asking for `entities`, with the input as given (as before when not); returns what the sweep dropped. */
  const evaluate = (entities: string[], values?: Record<string, string>) => {
    input.update(values ? new Map(Object.entries(values)) : new Map(input));
    computed.length = 0;
    changes.length = 0;
    table.begin();
    for (const e of entities) table.cell(e, AS_OF, rule(e), changed);
    const gone: [string, string][] = [];
    table.sweep((entity, cell) => gone.push([entity, cell.value]));
    return gone;
  };
  return { table, computed, changes, evaluate };
}

describe('cell table', () => {
  it('computes each entity once, then reuses its cell while what it read holds', () => {
    const { table, computed, changes, evaluate } = setup();
    assert.deepEqual(evaluate(['a', 'b'], { a: '1', b: '2' }), []);
    assert.deepEqual(computed, ['a', 'b']);
    assert.deepEqual(
      changes,
      [
        ['a', 'a=1', undefined],
        ['b', 'b=2', undefined],
      ],
      'new entities are changes',
    );
    const a = table.get('a');
    assert.equal(a?.value, 'a=1');

    evaluate(['a', 'b']);
    assert.deepEqual(computed, [], 'nothing read changed: nothing computed');
    assert.deepEqual(changes, [], 'and no change told');
    assert.equal(table.get('a'), a, 'the very same cell');

    evaluate(['a', 'b'], { a: '1', b: '3' });
    assert.deepEqual(computed, ['b'], 'only the cell that read the changed key');
    assert.deepEqual(changes, [['b', 'b=3', 'b=2']], 'told with the cell it replaces');
    assert.equal(table.get('a'), a);
    assert.equal(table.get('b')?.value, 'b=3');
  });

  it('computes a cell again once the as-of instant leaves the span it holds for', () => {
    const maker = new CellMaker('UTC');
    const table = new CellTable<string, boolean>(maker);
    const due = AS_OF + HOUR;
    const rule = () => (ctx: { reached(t: number): boolean }) => ctx.reached(due);
    table.begin();
    assert.equal(table.cell('p', AS_OF, rule()).value, false);
    maker.computed = 0;
    table.begin();
    assert.equal(table.cell('p', due - 1, rule()).value, false);
    assert.equal(maker.computed, 0, 'still before the deadline: reused');
    table.begin();
    assert.equal(table.cell('p', due, rule()).value, true);
    assert.equal(maker.computed, 1, 'the deadline reached: computed anew');
  });

  it('sweeps the entities an evaluation did not ask for, telling of each, and keeps the rest', () => {
    const { table, evaluate } = setup();
    evaluate(['a', 'b', 'c'], { a: '1' });
    assert.equal(table.size, 3);
    assert.deepEqual(evaluate(['b']), [
      ['a', 'a=1'],
      ['c', 'c=?'],
    ]);
    assert.equal(table.size, 1);
    assert.equal(table.get('a'), undefined);
    assert.equal(table.get('b')?.value, 'b=?');
    assert.deepEqual(evaluate(['b']), [], 'every row seen: nothing to drop');
    assert.deepEqual(evaluate([]), [['b', 'b=?']]);
    assert.equal(table.size, 0);
  });

  it('lists every kept cell', () => {
    const { table, evaluate } = setup();
    evaluate(['a', 'b']);
    assert.deepEqual([...table.cells()].map((c) => c.value).sort(), ['a=?', 'b=?']);
  });

  it('forgets a cell: the next one is computed anew although its reads hold, and the sweep still finds the unseen', () => {
    const { table, computed, changes, evaluate } = setup();
    evaluate(['a', 'b'], { a: '1', b: '2' });

    table.forget('a');
    assert.equal(table.get('a'), undefined);
    evaluate(['a', 'b']);
    assert.deepEqual(computed, ['a']);
    assert.deepEqual(changes, [['a', 'a=1', undefined]]);

    // Forgotten after it was seen in this evaluation, and not asked for again: `b` was not seen
    // either, so both are gone (the count of seen rows must not still include `a`).
    table.begin();
    table.cell('a', AS_OF, () => 'a=again');
    table.forget('a');
    const gone: string[] = [];
    table.sweep((entity) => gone.push(entity));
    assert.deepEqual(gone, ['b']);
    assert.equal(table.size, 0);
  });
});
